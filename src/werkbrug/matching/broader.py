"""Broader matches: combinations that together cover a programme's core competences.

Two kinds, both built from one learner's candidates:
- a workplace plus the school: the workplace teaches part of the core, the school teaches the rest;
- two workplaces: together they teach more of the core than either alone (the learner splits the
  week or the year between them).
Ranked by core competences covered (most first), then total travel (least first), then workplace
index, so the order is the same for the same input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .candidates import Candidates
from .region import Learners, Region

__all__ = ["BroaderMatch", "broader_matches"]

MAX_COMBINED = 60  # candidates considered for pairs of workplaces (60 x 59 / 2 pairs at most)


@dataclass(frozen=True)
class BroaderMatch:
    workplaces: tuple[int, ...]  # one (with the school) or two workplace indices
    with_school: bool
    core_covered: int  # core competences taught by the workplace(s)
    core_total: int
    minutes: int  # travel to the workplace(s), added up
    missing: tuple[int, ...]  # competence ids of the core left to the school (or still uncovered)


def broader_matches(
    region: Region, learners: Learners, found: Candidates, i: int, *, limit: int = 5
) -> list[BroaderMatch]:
    """The best `limit` broader matches for learner `i`: pairs of workplaces first, then with the school."""
    rows = np.arange(len(found))[found.of(i)]
    if not len(rows):
        return []
    index = region.by_programme[int(learners.programme[i])]
    profile = region.profiles.get(int(learners.programme[i]))
    core_ids = profile.competences[profile.core][:64] if profile is not None else np.empty(0, np.int64)
    total = index.core_total
    at = np.searchsorted(index.workplaces, found.workplace[rows])
    masks = index.core_mask[at]
    covered = np.array([int(m).bit_count() for m in masks], dtype=np.int64)
    minutes = found.minutes[rows].astype(np.int64)
    workplaces = found.workplace[rows].astype(np.int64)
    result = _pairs_of_workplaces(masks, covered, minutes, workplaces, total, core_ids, limit)
    partial = np.flatnonzero(covered < total)
    order = partial[np.lexsort((workplaces[partial], minutes[partial], -covered[partial]))]
    result += [
        BroaderMatch(
            (int(workplaces[k]),), True, int(covered[k]), total, int(minutes[k]), _missing(masks[k], core_ids)
        )
        for k in order[:limit]
        if covered[k] > 0
    ]
    return result


def _pairs_of_workplaces(masks, covered, minutes, workplaces, total, core_ids, limit) -> list[BroaderMatch]:
    best = np.lexsort((workplaces, minutes, -covered))[:MAX_COMBINED]
    a, b = np.triu_indices(len(best), k=1)
    a, b = best[a], best[b]
    union = masks[a] | masks[b]
    together = np.array([int(m).bit_count() for m in union], dtype=np.int64)
    adds = together > np.maximum(covered[a], covered[b])
    a, b, union, together = a[adds], b[adds], union[adds], together[adds]
    trip = minutes[a] + minutes[b]
    first, second = np.minimum(workplaces[a], workplaces[b]), np.maximum(workplaces[a], workplaces[b])
    order = np.lexsort((second, first, trip, -together))[:limit]
    return [
        BroaderMatch(
            (int(first[k]), int(second[k])),
            False,
            int(together[k]),
            total,
            int(trip[k]),
            _missing(union[k], core_ids),
        )
        for k in order
    ]


def _missing(mask, core_ids: np.ndarray) -> tuple[int, ...]:
    mask = int(mask)
    return tuple(int(c) for bit, c in enumerate(core_ids) if not (mask >> bit) & 1)
