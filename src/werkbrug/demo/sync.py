"""Write many rows so that running the demo again reuses what is there instead of adding to it.

`sync` matches the wanted rows to the existing ones on a natural key (an e-mail, a name, a workplace and
a competence), creates the missing ones, updates only those that differ, and, where the demo owns the
rows, removes the ones it no longer wants. A second run with the same seed writes nothing.

Timestamps Django sets itself (`auto_now`, `auto_now_add`) keep the value the demo gives them when they
are among the `fields`: an application proposed three weeks ago says so.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import models

BATCH = 1000  # rows per bulk query; SQLite lowers it further to stay under its 999 parameters
DELETE_CHUNK = 500
T = TypeVar("T")
# Rows that point at a row through a protecting key (model, attname): deleted before the row is.
Dependents = Sequence[tuple[type[models.Model], str]]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    removed: int = 0

    def add(self, other: "Counts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.removed += other.removed


def sync(
    wanted: Sequence[models.Model],
    *,
    existing: models.QuerySet,
    key: Sequence[str],
    fields: Sequence[str],
    prune: bool = False,
    dependents: Dependents = (),
) -> Counts:
    """Make `existing` hold the `wanted` rows, matched on the `key` attnames; set each one's pk.

    `fields` (attnames) are compared and written. With `prune`, rows of `existing` that are not wanted
    (and a second row with the same key) are deleted first, with their `dependents`, so a unique number
    or one-open-row rule cannot clash with what replaces them.
    """
    model = existing.model
    counts = Counts()
    width = len(key)
    found, doubles = {}, []
    for row in existing.values_list("pk", *key, *fields):
        row_key = tuple(row[1 : 1 + width])
        if row_key in found:
            doubles.append(row[0])
        else:
            found[row_key] = (row[0], tuple(row[1 + width :]))
    create, update, seen = [], [], set()
    for obj in wanted:
        obj_key = tuple(getattr(obj, name) for name in key)
        seen.add(obj_key)
        if obj_key not in found:
            create.append(obj)
            continue
        obj.pk, values = found[obj_key]
        obj._state.adding = False
        if values != tuple(getattr(obj, name) for name in fields):
            update.append(obj)
    if prune:
        stale = [pk for obj_key, (pk, _values) in found.items() if obj_key not in seen] + doubles
        delete(model, stale, dependents)
        counts.removed = len(stale)
    _create(model, create, fields)
    if update:
        model.objects.bulk_update(update, list(fields), batch_size=BATCH)
    counts.created, counts.updated = len(create), len(update)
    return counts


def _create(model: type[models.Model], objs: list[models.Model], fields: Sequence[str]) -> None:
    """Bulk create, the automatic timestamps among `fields` keeping the values the demo gave them."""
    stamped = [
        f
        for f in model._meta.concrete_fields
        if f.attname in fields and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
    ]
    flags = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    try:
        for f in stamped:  # the build runs alone in its command: nobody else saves meanwhile
            f.auto_now = f.auto_now_add = False
        model.objects.bulk_create(objs, batch_size=BATCH)
    finally:
        for f, auto_now, auto_now_add in flags:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def chunks(values: Sequence[T], size: int = DELETE_CHUNK) -> list[Sequence[T]]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def delete(model: type[models.Model], pks: Iterable[int], dependents: Dependents = ()) -> None:
    for chunk in chunks(list(pks)):
        for dependent, attname in dependents:
            dependent.objects.filter(**{f"{attname}__in": chunk}).delete()
        model.objects.filter(pk__in=chunk).delete()
