"""Shared by the importers that write many rows at once: reading the upload, cells, and the audit trail.

Bulk writes (`bulk_create`, `bulk_update`) skip model signals, so django-auditlog records nothing by
itself. `AuditTrail` writes the entries the signals would have written (what was created or changed, by
whom, which fields, old and new values) in one bulk write as well, so an import stays a few queries.
"""

import copy
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from auditlog.cid import get_cid
from auditlog.context import auditlog_value
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from werkbrug.people.models import User

BATCH = 1000  # rows per bulk query; SQLite lowers it further to stay under its 999 parameters
LOOKUP_CHUNK = 5000  # values per `IN (...)`: one query for any file of a usual size
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
LIST_SEPARATOR = re.compile(r"[|,]")
WHOLE_NUMBER = re.compile(r"[0-9]+")


class CellError(Exception):
    """A cell that cannot be used; the message is translated and names the column."""


def parse_date(text: str, column: str) -> datetime.date | None:
    """A date as Excel or a person writes it: 2009-03-31, 31/03/2009 or 31-03-2009; None when empty."""
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CellError(
        _("%(column)s: “%(value)s” is not a date. Write it as 2009-03-31 or 31/03/2009.")
        % {"column": column, "value": text}
    )


def parse_number(text: str, column: str, low: int, high: int) -> int:
    number = int(text) if WHOLE_NUMBER.fullmatch(text) else None
    if number is None or not low <= number <= high:
        raise CellError(
            _("%(column)s must be a whole number from %(low)s to %(high)s, not “%(value)s”.")
            % {"column": column, "low": low, "high": high, "value": text}
        )
    return number


def parse_choice(text: str, column: str, words: dict[str, str]) -> str:
    """The code for `text`, looked up case-insensitively in `words` (code or accepted word -> code)."""
    code = words.get(text.casefold())
    if code is None:
        raise CellError(
            _("%(column)s: “%(value)s” is not one of %(allowed)s.")
            % {"column": column, "value": text, "allowed": ", ".join(dict.fromkeys(words.values()))}
        )
    return code


def parse_list(text: str, column: str, words: dict[str, str]) -> list[str]:
    """Codes separated by `|` or `,`, each looked up as in `parse_choice`; in the order of `words`."""
    codes = {parse_choice(item.strip(), column, words) for item in LIST_SEPARATOR.split(text) if item.strip()}
    return [code for code in dict.fromkeys(words.values()) if code in codes]


def choice_words(choices: type[models.Choices], **extra: str) -> dict[str, str]:
    """Lookup table for `parse_choice`: each code, plus extra accepted words, case-folded."""
    words = {str(value).casefold(): str(value) for value in choices.values}
    words.update({word.casefold(): code for word, code in extra.items()})
    return words


def length_problem(model: type[models.Model], name: str, value: str) -> str | None:
    limit = model._meta.get_field(name).max_length
    if limit and len(value) > limit:
        return _("%(field)s is longer than %(limit)s characters.") % {
            "field": capfirst(model._meta.get_field(name).verbose_name),
            "limit": limit,
        }
    return None


def field_labels(model: type[models.Model], attnames: Iterable[str]) -> list[str]:
    """The verbose names of fields given by attname, to say what an import changed."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    return [str(fields[attname].verbose_name) for attname in attnames]


def chunks(values: Sequence, size: int = LOOKUP_CHUNK) -> list[Sequence]:
    return [values[i : i + size] for i in range(0, len(values), size)]


@dataclass
class AuditTrail:
    """Collects created and changed objects during a bulk import and writes their audit entries at once.

    Call `changing` before setting new values on an object, `created`/`changed` once it is written.
    """

    by: User
    _before: dict[int, models.Model] = field(default_factory=dict)
    _created: list[models.Model] = field(default_factory=list)
    _changed: list[tuple[models.Model, list[str]]] = field(default_factory=list)

    def changing(self, instance: models.Model) -> None:
        self._before[id(instance)] = copy.copy(instance)

    def created(self, instances: Iterable[models.Model]) -> None:
        self._created += instances

    def changed(self, instance: models.Model, attnames: list[str]) -> None:
        self._changed.append((instance, attnames))

    def write(self) -> None:
        context = auditlog_value.get({})
        common = {
            "actor": self.by,
            "actor_email": self.by.email,
            "remote_addr": context.get("remote_addr"),
            "remote_port": context.get("remote_port"),
            "cid": get_cid(),
            "timestamp": timezone.now(),
        }
        entries = [
            entry
            for instance in self._created
            if (entry := self._entry(None, instance, None, LogEntry.Action.CREATE, common))
        ]
        entries += [
            entry
            for instance, attnames in self._changed
            if (
                entry := self._entry(
                    self._before.get(id(instance)), instance, attnames, LogEntry.Action.UPDATE, common
                )
            )
        ]
        LogEntry.objects.bulk_create(entries, batch_size=BATCH)

    @staticmethod
    def _entry(
        old: models.Model | None, new: models.Model, attnames: list[str] | None, action: int, common: dict
    ) -> LogEntry | None:
        if not auditlog.contains(type(new)):
            return None
        changes = model_instance_diff(
            old, new, fields_to_check=attnames, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
        )
        if not changes:
            return None
        return LogEntry(
            content_type=ContentType.objects.get_for_model(type(new)),
            object_pk=str(new.pk),
            object_id=new.pk,
            object_repr=str(new),
            action=action,
            changes=changes,
            **common,
        )
