"""Gaps: demand that no place meets, and where one more place would help most.

- `demand_gaps`: learners without a place, counted per group (programme, municipality, ...) and per
  reason (no candidate at all, by the filter that removed the last one; or every candidate full).
- `competence_gaps`: per programme, the core competences that none of a learner's candidates teach
  (the school or a second workplace has to cover them).
- `more_places_here`: full workplaces, with how many learners without a place could go there if it
  had one more place.
- `new_place_in`: per area (a municipality's centre) and programme, how many learners without a place
  could reach a new workplace there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .candidates import Candidates, NoCandidate
from .region import MODES, Learners, Region, haversine_km

__all__ = [
    "AreaGap",
    "CompetenceGap",
    "DemandGap",
    "WorkplaceGap",
    "competence_gaps",
    "demand_gaps",
    "more_places_here",
    "new_place_in",
    "unplaced",
]

ALL_FULL = "all_full"  # the extra reason next to NoCandidate: candidates existed, all were filled


def unplaced(found: Candidates, workplace_of: np.ndarray | None = None) -> np.ndarray:
    """Learners without a place: no candidate, or (after an allocation) not assigned."""
    if workplace_of is None:
        return found.why_none != NoCandidate.HAS_CANDIDATES
    return np.asarray(workplace_of) < 0


@dataclass(frozen=True)
class DemandGap:
    label: str
    learners: int
    unplaced: int
    reasons: dict[str, int] = field(default_factory=dict)  # NoCandidate name (lower case) or "all_full"


def demand_gaps(
    found: Candidates, groups: Mapping[str, Sequence[str]], workplace_of: np.ndarray | None = None
) -> dict[str, list[DemandGap]]:
    """Per group key, one row per label, most unplaced first (then by label)."""
    left = unplaced(found, workplace_of)
    reason = np.array([NoCandidate(r).name.lower() for r in found.why_none], dtype=object)
    reason[left & (found.why_none == NoCandidate.HAS_CANDIDATES)] = ALL_FULL
    result: dict[str, list[DemandGap]] = {}
    for key, labels in groups.items():
        labels = np.asarray(labels, dtype=object)
        rows = []
        for label in sorted(set(labels.tolist())):
            members = labels == label
            gone = members & left
            rows.append(
                DemandGap(
                    str(label), int(members.sum()), int(gone.sum()), dict(Counter(reason[gone].tolist()))
                )
            )
        result[key] = sorted(rows, key=lambda r: (-r.unplaced, r.label))
    return result


@dataclass(frozen=True)
class CompetenceGap:
    programme: int
    competence: int
    learners: int  # learners with candidates, none of which teaches this core competence


def competence_gaps(region: Region, learners: Learners, found: Candidates) -> list[CompetenceGap]:
    """Core competences missing from every candidate of a learner, counted per programme."""
    counts: Counter[tuple[int, int]] = Counter()
    starts = found.starts
    indexes = region.by_programme
    for programme in np.unique(learners.programme[found.why_none == NoCandidate.HAS_CANDIDATES]):
        index = indexes[int(programme)]
        profile = region.profiles.get(int(programme))
        if profile is None or not index.core_total:
            continue
        core_ids = profile.competences[profile.core][:64]
        full = (1 << len(core_ids)) - 1
        for i in np.flatnonzero((learners.programme == programme) & (found.why_none == 0)):
            at = np.searchsorted(index.workplaces, found.workplace[starts[i] : starts[i + 1]])
            union = int(np.bitwise_or.reduce(index.core_mask[at]))
            missing = full & ~union
            for bit, competence in enumerate(core_ids):
                if (missing >> bit) & 1:
                    counts[(int(programme), int(competence))] += 1
    return [CompetenceGap(p, c, n) for (p, c), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass(frozen=True)
class WorkplaceGap:
    workplace: int
    learners: int  # learners without a place for whom this full workplace passes every other filter


def more_places_here(
    region: Region, learners: Learners, left: np.ndarray, open_found: Candidates
) -> list[WorkplaceGap]:
    """Full workplaces wanted by learners without a place.

    `open_found` are candidates computed with `require_places=False`; `left` marks the learners without
    a place. One more place at such a workplace would place one of these learners.
    """
    full = region.workplaces.places_left[open_found.workplace] <= 0
    wanted = full & left[open_found.learner]
    counts = np.bincount(open_found.workplace[wanted], minlength=len(region.workplaces))
    order = np.lexsort((np.arange(len(counts)), -counts))
    return [WorkplaceGap(int(w), int(counts[w])) for w in order if counts[w] > 0]


@dataclass(frozen=True)
class AreaGap:
    area: int  # index into the caller's areas
    programme: int
    learners: int  # learners of the programme without a place who could reach a new place there


def new_place_in(
    region: Region, learners: Learners, left: np.ndarray, area_lat: np.ndarray, area_lon: np.ndarray
) -> list[AreaGap]:
    """For every area and programme: learners without a place within their longest trip of its centre."""
    who = np.flatnonzero(left & ~np.isnan(learners.lat) & (learners.programme >= 0) & (learners.modes > 0))
    if not len(who) or not len(area_lat):
        return []
    overhead, per_km, _ = region.travel.arrays
    reachable = np.zeros((len(who), len(area_lat)), dtype=bool)
    for lo in range(0, len(who), 2048):
        part = who[lo : lo + 2048]
        km = haversine_km(
            learners.lat[part][:, None], learners.lon[part][:, None], area_lat[None, :], area_lon[None, :]
        )
        limit = learners.max_minutes[part][:, None]
        for m in range(len(MODES)):
            has = ((learners.modes[part] >> m) & 1 == 1)[:, None]
            minutes = np.ceil(np.round(overhead[m] + km * per_km[m], 6))
            reachable[lo : lo + len(part)] |= has & (minutes <= limit)
    programmes = learners.programme[who]
    result = []
    for programme in np.unique(programmes):
        counts = reachable[programmes == programme].sum(axis=0)
        result += [AreaGap(int(a), int(programme), int(counts[a])) for a in np.flatnonzero(counts)]
    return sorted(result, key=lambda g: (-g.learners, g.area, g.programme))
