from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from werkbrug.people.roles import active_role_of, roles_of


class ActiveRoleMiddleware:
    """Puts `request.roles` (all roles held today) and `request.role` (the one acted in) on the request.

    Every page shows the role switcher, so this one query is made for every signed-in request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.roles = roles_of(request.user)  # type: ignore[attr-defined]
        request.role = active_role_of(request)  # type: ignore[attr-defined]
        return self.get_response(request)
