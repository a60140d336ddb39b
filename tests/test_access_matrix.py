import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_registry import COVERED_ELSEWHERE, ROLES, ROUTES, Route


def _url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name or f'<unnamed {pattern.pattern}>'}")
    return names


def test_every_url_has_an_entry_in_the_access_registry():
    registered = {route.name for route in ROUTES}
    missing = {
        name
        for name in _url_names(get_resolver().url_patterns)
        if name not in registered and name.split(":")[0] not in COVERED_ELSEWHERE
    }
    assert not missing, (
        f"Add these URLs to tests/access_registry.py with the roles allowed: {sorted(missing)}"
    )


def test_the_registry_names_only_urls_that_exist():
    existing = _url_names(get_resolver().url_patterns)
    assert {route.name for route in ROUTES} <= existing


def _expected(route: Route, role: str) -> int | str:
    if role == "anonymous":
        return route.anonymous
    return route.success if role in route.ok else route.refused


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, cast, route: Route, role: str):
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    url = reverse(route.name, kwargs=route.kwargs(cast))
    response = getattr(client, route.method)(url, route.data(cast))
    expected = _expected(route, role)
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected, f"{role} on {route.name}"
