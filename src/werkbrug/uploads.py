"""Uploads kept between a dry run and the real import, so a person does not pick the file twice.

The file is kept in the (server-side) session under a random key; only the last few are kept.
"""

import base64
import secrets

from django.http import HttpRequest

SESSION_KEY = "werkbrug_staged_uploads"
KEEP = 3
MAX_BYTES = 5 * 1024 * 1024


def stage(request: HttpRequest, *, name: str, content: bytes) -> str:
    """Keep an uploaded file for the confirming request; returns its key."""
    staged = request.session.get(SESSION_KEY, {})
    key = secrets.token_urlsafe(12)
    staged[key] = {"name": name, "content": base64.b64encode(content).decode("ascii")}
    request.session[SESSION_KEY] = dict(list(staged.items())[-KEEP:])
    return key


def staged(request: HttpRequest, key: str) -> tuple[str, bytes] | None:
    """The (name, content) kept under `key`, or None when it is gone."""
    entry = request.session.get(SESSION_KEY, {}).get(key)
    if not entry:
        return None
    return entry["name"], base64.b64decode(entry["content"])


def unstage(request: HttpRequest, key: str) -> None:
    staged_files = request.session.get(SESSION_KEY, {})
    if staged_files.pop(key, None) is not None:
        request.session[SESSION_KEY] = staged_files
