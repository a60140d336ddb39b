"""The two-step import page shared by every importer: check the file (dry run), then import it."""

from collections.abc import Callable
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbrug.uploads import MAX_BYTES, stage, staged, unstage


class Result(Protocol):
    ok: bool
    created: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: int


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file (UTF-8, comma or semicolon) or an Excel file (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("This file is larger than %(mb)s MB. Split it into smaller files.")
                % {"mb": MAX_BYTES >> 20}
            )
        return upload


def summary(result: Result) -> str:
    return _("%(created)s new, %(changed)s changed, %(removed)s removed, %(unchanged)s unchanged.") % {
        "created": len(result.created),
        "changed": len(result.changed),
        "removed": len(result.removed),
        "unchanged": result.unchanged,
    }


def import_page(
    request: HttpRequest,
    *,
    run: Callable[[bytes, str, bool], Result],
    template: str,
    context: dict[str, Any],
    done_url: str,
) -> HttpResponse:
    """GET: the upload form. POST a file: a dry run. POST `confirm`: the real import of the checked file."""
    if request.method == "POST" and "confirm" in request.POST:
        key = request.POST["confirm"]
        kept = staged(request, key)
        if kept is None:
            messages.error(request, _("We no longer have this file. Please choose it again."))
            return redirect(request.path)
        name, content = kept
        result = run(content, name, False)
        if result.ok:
            unstage(request, key)
            messages.success(
                request, _("Imported %(file)s: %(summary)s") % {"file": name, "summary": summary(result)}
            )
            return redirect(done_url)
        return render(
            request, template, {**context, "form": UploadForm(), "result": result, "file_name": name}
        )
    form = UploadForm(request.POST or None, request.FILES or None)
    result, key, name = None, None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name, content = upload.name, upload.read()
        result = run(content, name, True)
        if result.ok:
            key = stage(request, name=name, content=content)
    context = {**context, "form": form, "result": result, "key": key, "file_name": name}
    return render(request, template, context)
