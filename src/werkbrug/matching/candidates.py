"""Candidates and scores: which workplaces a learner could go to, and how well each fits.

Hard filters first, cheapest first, each over only what the previous one left:
1. recognised for the learner's programme (one k-d tree per programme holds only those workplaces);
2. travel: within the learner's longest trip for at least one of their ways to travel (the tree is
   asked for the straight-line reach of the fastest mode, then the time per mode is worked out);
3. language: the learner's Dutch meets the demand, or is at most two levels below it where the
   workplace helps with Dutch at work (an unknown level does not exclude);
4. support: every support the learner needs is support the workplace can give;
5. places left (unless `require_places=False`, used to ask "what if there were one more place").

Then every surviving pair gets its components in [0, 1] (see `COMPONENTS`) and a weighted score.
A learner without any candidate gets the stage that removed the last ones (`NoCandidate`).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from .pairs import Pairs
from .region import MODES, Learners, MentorReadiness, ProgrammeIndex, Region, _pair_key, haversine_km

__all__ = ["CHUNK", "Candidates", "NoCandidate", "candidates"]

CHUNK = 4096  # learners per spatial query, to keep the intermediate arrays small


class NoCandidate(IntEnum):
    """Why a learner has no candidate: the filter that removed the last workplaces."""

    HAS_CANDIDATES = 0
    NO_PROGRAMME = 1
    NO_HOME = 2
    NO_MODES = 3
    NONE_RECOGNISED = 4
    TOO_FAR = 5
    LANGUAGE = 6
    SUPPORT = 7
    FULL = 8


@dataclass(frozen=True, eq=False)
class Candidates:
    """Acceptable pairs, sorted by learner and then by score (best first, ties to the lower workplace)."""

    n_learners: int
    learner: np.ndarray  # int32
    workplace: np.ndarray  # int32
    minutes: np.ndarray  # int32
    mode: np.ndarray  # int8 index into MODES
    estimated: np.ndarray  # bool: False where a measured time was used
    components: np.ndarray  # float32 (pairs x COMPONENTS)
    score: np.ndarray  # float32
    why_none: np.ndarray  # int8 NoCandidate per learner

    def __len__(self) -> int:
        return len(self.learner)

    @property
    def starts(self) -> np.ndarray:
        """Row where each learner's candidates begin (length n_learners + 1)."""
        return np.searchsorted(self.learner, np.arange(self.n_learners + 1))

    def of(self, i: int) -> slice:
        lo, hi = np.searchsorted(self.learner, [i, i + 1])
        return slice(int(lo), int(hi))

    def pairs(self, *, limit: int | None = None) -> Pairs:
        """The pairs for allocation: each learner's best `limit` candidates, ranked by score on both sides."""
        keep = np.ones(len(self), dtype=bool)
        if limit is not None:
            position = np.arange(len(self)) - self.starts[self.learner]
            keep = position < limit
        return Pairs.build(
            self.learner[keep],
            self.workplace[keep],
            score=self.score[keep].astype(np.float64),
            minutes=self.minutes[keep],
        )


def candidates(
    region: Region,
    learners: Learners,
    *,
    require_places: bool = True,
    wished: Mapping[int, Collection[int]] | None = None,
) -> Candidates:
    """Every acceptable (learner, workplace) pair with its components and score.

    `wished` maps a learner index to workplace indices that learner put on their own list: those
    pairs score full marks on wishes.
    """
    parts: list[dict[str, np.ndarray]] = []
    why_none = np.full(len(learners), NoCandidate.HAS_CANDIDATES, dtype=np.int8)
    no_home = np.isnan(learners.lat) | np.isnan(learners.lon)
    why_none[learners.modes == 0] = NoCandidate.NO_MODES
    why_none[no_home] = NoCandidate.NO_HOME
    why_none[learners.programme < 0] = NoCandidate.NO_PROGRAMME
    searchable = why_none == NoCandidate.HAS_CANDIDATES
    indexes = region.by_programme
    for programme in np.unique(learners.programme[searchable]):
        members = np.flatnonzero(searchable & (learners.programme == programme))
        index = indexes.get(int(programme))
        if index is None or not len(index.workplaces):
            why_none[members] = NoCandidate.NONE_RECOGNISED
            continue
        for lo in range(0, len(members), CHUNK):
            chunk = members[lo : lo + CHUNK]
            found = _pairs_for(region, learners, chunk, index, require_places, why_none)
            if found is not None:
                parts.append(found)
    return _assemble(region, learners, parts, why_none, wished)


def _pairs_for(
    region: Region,
    learners: Learners,
    chunk: np.ndarray,
    index: ProgrammeIndex,
    require_places: bool,
    why_none: np.ndarray,
) -> dict[str, np.ndarray] | None:
    w = region.workplaces
    reach = region.travel.reach_km(learners.modes[chunk], learners.max_minutes[chunk])
    points = region.xy(learners.lat[chunk], learners.lon[chunk])
    # The projection is not exact: ask a little wider, the exact filter below decides.
    hits = index.tree.query_ball_point(points, r=reach * 1.02 + 0.2)
    lengths = np.fromiter(map(len, hits), dtype=np.int64, count=len(hits))
    local = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.int64, count=int(lengths.sum()))
    row = np.repeat(np.arange(len(chunk)), lengths)
    li = chunk[row]
    wi = index.workplaces[local]
    stages = []

    km = haversine_km(learners.lat[li], learners.lon[li], w.lat[wi], w.lon[wi])
    minutes, mode, estimated = _best_trip(region, learners, li, wi, km)
    keep = minutes <= learners.max_minutes[li]
    stages.append((NoCandidate.TOO_FAR, keep))

    lang, demand = learners.language[li].astype(np.int16), w.language_demand[wi].astype(np.int16)
    ok_language = (lang < 0) | (lang >= demand) | (w.language_support[wi] & (lang >= demand - 2))
    stages.append((NoCandidate.LANGUAGE, ok_language))
    stages.append((NoCandidate.SUPPORT, (learners.support[li] & ~w.support[wi]) == 0))
    if require_places:
        stages.append((NoCandidate.FULL, w.places_left[wi] > 0))

    # The reason for an empty list is the first stage after which a learner had nothing left.
    alive = np.ones(len(li), dtype=bool)
    remaining = np.bincount(row, minlength=len(chunk))
    reason = np.where(remaining == 0, NoCandidate.TOO_FAR, NoCandidate.HAS_CANDIDATES).astype(np.int8)
    for stage, mask in stages:
        alive &= mask
        left = np.bincount(row[alive], minlength=len(chunk))
        reason[(left == 0) & (reason == NoCandidate.HAS_CANDIDATES)] = stage
    why_none[chunk] = reason
    if not alive.any():
        return None
    local = local[alive]
    return {
        "learner": li[alive].astype(np.int32),
        "workplace": wi[alive].astype(np.int32),
        "minutes": minutes[alive],
        "mode": mode[alive],
        "estimated": estimated[alive],
        "coverage": index.coverage[local],
    }


def _best_trip(
    region: Region, learners: Learners, li: np.ndarray, wi: np.ndarray, km: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The fastest of each learner's modes: minutes (as `geo` rounds them), mode index, estimated."""
    overhead, per_km, _ = region.travel.arrays
    n = len(li)
    best = np.full(n, np.iinfo(np.int32).max, dtype=np.int64)
    best_mode = np.zeros(n, dtype=np.int8)
    estimated = np.ones(n, dtype=bool)
    keys, measured_minutes = region.travel.measured_index
    lp, wp = learners.place[li].astype(np.int64), region.workplaces.place[wi].astype(np.int64)
    modes = learners.modes[li]
    for m in range(len(MODES)):
        has = (modes >> m) & 1 == 1
        if not has.any():
            continue
        minutes = np.ceil(np.round(overhead[m] + km * per_km[m], 6)).astype(np.int64)
        is_measured = np.zeros(n, dtype=bool)
        if len(keys):
            key = _pair_key(lp, wp, np.int64(m))
            at = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
            is_measured = (keys[at] == key) & (lp >= 0) & (wp >= 0)
            minutes = np.where(is_measured, measured_minutes[at], minutes)
        better = has & (minutes < best)
        best = np.where(better, minutes, best)
        best_mode = np.where(better, m, best_mode).astype(np.int8)
        estimated = np.where(better, ~is_measured, estimated)
    return best.astype(np.int32), best_mode, estimated


def _assemble(
    region: Region,
    learners: Learners,
    parts: list[dict[str, np.ndarray]],
    why_none: np.ndarray,
    wished: Mapping[int, Collection[int]] | None,
) -> Candidates:
    def column(name: str, dtype) -> np.ndarray:
        return np.concatenate([p[name] for p in parts]).astype(dtype) if parts else np.empty(0, dtype)

    li, wi = column("learner", np.int32), column("workplace", np.int32)
    minutes = column("minutes", np.int32)
    components = np.empty((len(li), 6), dtype=np.float32)
    components[:, 0] = column("coverage", np.float64)
    components[:, 1:] = _other_components(region, learners, li, wi, minutes, wished)
    # Element by element, not a matrix product: BLAS may sum rows in different orders, and two equal
    # learners must get exactly the same score.
    weights = region.weights.as_array()
    score = np.round((components.astype(np.float64) * weights).sum(axis=1), 6).astype(np.float32)
    # Best first; equal scores go to the lower workplace index, so the order never depends on input order.
    order = np.lexsort((wi, -score, li))
    return Candidates(
        n_learners=len(learners),
        learner=li[order],
        workplace=wi[order],
        minutes=minutes[order],
        mode=column("mode", np.int8)[order],
        estimated=column("estimated", bool)[order],
        components=components[order],
        score=score[order],
        why_none=why_none,
    )


def _other_components(
    region: Region,
    learners: Learners,
    li: np.ndarray,
    wi: np.ndarray,
    minutes: np.ndarray,
    wished: Mapping[int, Collection[int]] | None,
) -> np.ndarray:
    """Travel, language, support, mentor and wishes for each pair (coverage comes from the index)."""
    w = region.workplaces
    out = np.empty((len(li), 5), dtype=np.float32)
    limit = np.maximum(learners.max_minutes[li].astype(np.float64), 1)
    out[:, 0] = np.clip(1 - 0.9 * minutes / limit, 0.1, 1)
    out[:, 1] = language_fit(learners.language[li], w.language_demand[wi])
    trained = w.mentor[wi] == MentorReadiness.TRAINED
    out[:, 2] = np.where(learners.support[li] == 0, 1.0, np.where(trained, 1.0, 0.6))
    out[:, 3] = np.select(
        [w.mentor[wi] == MentorReadiness.TRAINED, w.mentor[wi] == MentorReadiness.UNTRAINED], [1.0, 0.5], 0.0
    )
    wishes = learners.sectors[li]
    sector = w.sector[wi].astype(np.int64)
    in_wish = (sector >= 0) & ((wishes >> np.maximum(sector, 0)) & 1 == 1)
    out[:, 4] = np.where(wishes == 0, 0.6, np.where(in_wish, 1.0, 0.3))
    if wished:
        n_w = np.int64(max(len(w), 1))
        listed = np.array(
            sorted(int(i) * n_w + int(x) for i, xs in wished.items() for x in xs), dtype=np.int64
        )
        out[np.isin(li.astype(np.int64) * n_w + wi, listed), 4] = 1.0
    return out


def language_fit(language: np.ndarray, demand: np.ndarray) -> np.ndarray:
    """1 when the learner's Dutch meets the demand, 0.6 one level below, 0.3 two below; 0.5 unknown."""
    gap = demand.astype(np.int16) - language.astype(np.int16)
    fit = np.select([gap <= 0, gap == 1, gap == 2], [1.0, 0.6, 0.3], 0.0)
    return np.where(language < 0, 0.5, fit)
