from django.http import HttpRequest


def roles(request: HttpRequest) -> dict[str, object]:
    return {
        "roles": getattr(request, "roles", []),
        "active_role": getattr(request, "role", None),
    }
