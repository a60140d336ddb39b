"""Allocate learners to workplaces: stable (deferred acceptance) or welfare-optimal (min-cost flow).

Both methods take the same input: `Pairs` (the acceptable learner-workplace pairs, each with the
learner's rank, the workplace's rank and a score) and `capacity` (places per workplace index). A pair
not listed is unacceptable to both sides. Both return an `Assignment`; `report` sums one up.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np

from .pairs import Pairs

__all__ = ["COST_SCALE", "Assignment", "GroupRow", "Report", "optimal", "report", "stable"]

COST_SCALE = 1_000_000  # a score becomes an integer cost for the min-cost flow at this resolution
_INT64_MAX = 2**63 - 1
# Deferred acceptance runs in vectorised rounds while more learners than this propose at once; the
# rest (the long tail of short rejection chains) is cheaper one proposal at a time.
_SEQUENTIAL_BELOW = 200


@dataclass(frozen=True, eq=False)
class Assignment:
    """The workplace of every learner (-1 = unmatched) and the row of its pair in the `Pairs`."""

    workplace_of: np.ndarray  # int32, one per learner, -1 = unmatched
    method: str  # "stable" or "optimal"
    pair_of: np.ndarray  # int64, one per learner: the row of the assigned pair, -1 = unmatched

    @property
    def matched(self) -> int:
        return int(np.count_nonzero(self.workplace_of >= 0))

    def welfare(self, pairs: Pairs) -> float:
        """The sum of the scores of the assigned pairs."""
        return float(pairs.score[self.pair_of[self.pair_of >= 0]].sum())


# -- Input checks ------------------------------------------------------------------------------------


def _check(pairs: Pairs, capacity: np.ndarray, n_learners: int | None) -> tuple[int, np.ndarray]:
    """The number of learners and the capacities as int64; ValueError on input that cannot be allocated."""
    capacity = np.asarray(capacity)
    if capacity.ndim != 1:
        raise ValueError("capacity must be a one-dimensional array, one number per workplace")
    if capacity.size and not np.array_equal(capacity, np.round(capacity)):
        raise ValueError("capacity must hold whole numbers")
    capacity = capacity.astype(np.int64)
    if capacity.size and capacity.min() < 0:
        raise ValueError(f"capacity of workplace {int(np.argmin(capacity))} is negative")
    n_pairs = len(pairs)
    highest_learner = int(pairs.learner.max()) if n_pairs else -1
    if n_learners is None:
        n_learners = highest_learner + 1
    if n_pairs:
        if pairs.learner.min() < 0 or highest_learner >= n_learners:
            raise ValueError(f"learner indices must lie in 0 .. {n_learners - 1}")
        if pairs.workplace.min() < 0 or pairs.workplace.max() >= len(capacity):
            raise ValueError(f"workplace indices must lie in 0 .. {len(capacity) - 1} (one capacity each)")
    return n_learners, capacity


def _is_grouped(values: np.ndarray) -> bool:
    return bool(np.all(values[1:] >= values[:-1]))


def _reject_duplicates(pairs: Pairs, n_workplaces: int, grouped: bool) -> None:
    """ValueError when a (learner, workplace) pair is listed twice."""
    if len(pairs) < 2:
        return
    key = pairs.learner.astype(np.int64) * n_workplaces + pairs.workplace
    # Timsort runs in near-linear time on rows that already come grouped by learner.
    key.sort(kind="stable" if grouped else "quicksort")
    same = np.flatnonzero(key[1:] == key[:-1])
    if len(same):
        learner, workplace = divmod(int(key[same[0]]), n_workplaces)
        raise ValueError(f"learner {learner} and workplace {workplace} are listed in more than one pair")


def _learner_order(pairs: Pairs, n_workplaces: int, grouped: bool) -> np.ndarray | None:
    """Rows by learner, then learner_rank, then workplace; None when the rows already come so."""
    learner, rank, workplace = pairs.learner, pairs.learner_rank, pairs.workplace
    if len(pairs) < 2:
        return None
    low, high = int(rank.min()), int(rank.max())
    span = (high - low + 1) * n_workplaces
    if (int(learner.max()) + 1) * span > _INT64_MAX:
        return np.lexsort((workplace, rank, learner))
    key = learner.astype(np.int64) * span
    key += (rank.astype(np.int64) - low) * n_workplaces
    key += workplace
    if np.all(key[1:] > key[:-1]):
        return None
    return np.argsort(key, kind="stable" if grouped else "quicksort")


# -- Stable: learner-proposing deferred acceptance -----------------------------------------------------


def stable(pairs: Pairs, capacity: np.ndarray, n_learners: int | None = None) -> Assignment:
    """The learner-optimal stable assignment: learner-proposing deferred acceptance with capacities.

    Preferences come only from the ranks. A learner prefers a lower `learner_rank`; between equal
    ranks, the workplace with the lower index. A workplace prefers a lower `workplace_rank`; between
    equal ranks, the learner with the lower index. With ties broken this way the preferences are
    strict, so the result is the unique learner-optimal stable assignment: no learner and workplace
    would both rather have each other (the workplace having a free place or holding a learner it
    ranks lower), and every learner gets the best workplace it can have in any stable assignment.
    Pairs not listed are unacceptable to both sides; a workplace with capacity 0 accepts nobody.
    The result does not depend on the order of the rows. Raises ValueError when a (learner,
    workplace) pair is listed twice or an index lies outside `n_learners` or `capacity`.
    """
    n_learners, capacity = _check(pairs, capacity, n_learners)
    n_workplaces = len(capacity)
    grouped = _is_grouped(pairs.learner)
    _reject_duplicates(pairs, n_workplaces, grouped)
    order = _learner_order(pairs, n_workplaces, grouped)
    counts = np.bincount(pairs.learner, minlength=n_learners)
    start = np.zeros(n_learners + 1, dtype=np.int64)
    np.cumsum(counts, out=start[1:])
    proposals = _Proposals(pairs, order, start, capacity, n_learners)
    proposals.run()
    workplace_of, pair_of = proposals.result()
    return Assignment(workplace_of=workplace_of, method="stable", pair_of=pair_of)


class _Proposals:
    """The state of deferred acceptance: each learner's next choice and the learners each workplace holds.

    Learner l's preference list is `order[start[l]:start[l + 1]]` (rows of the pairs, best first), and
    `next[l]` points at the choice it proposes to next, so a learner a workplace holds is always the
    one its last proposal went to. Each workplace has `places` slots holding learner and row (-1 free).
    """

    def __init__(
        self, pairs: Pairs, order: np.ndarray | None, start: np.ndarray, capacity: np.ndarray, n_learners: int
    ) -> None:
        self.pairs, self.order, self.n_learners = pairs, order, n_learners
        self.next = start[:-1].copy()
        self.end = start[1:]
        # More places than listed pairs can never fill, so slots stay small even for "unlimited" places.
        listed = np.bincount(pairs.workplace, minlength=len(capacity))
        self.places = np.minimum(capacity, listed)
        self.slot_start = np.zeros(len(capacity) + 1, dtype=np.int64)
        np.cumsum(self.places, out=self.slot_start[1:])
        self.slot_learner = np.full(int(self.slot_start[-1]), -1, dtype=np.int64)
        self.slot_row = np.full(int(self.slot_start[-1]), -1, dtype=np.int64)
        self.reached = np.zeros(len(capacity), dtype=bool)
        if len(pairs):
            self.rank_low = int(pairs.workplace_rank.min())
            span = (int(pairs.workplace_rank.max()) - self.rank_low + 1) * n_learners
        else:
            self.rank_low, span = 0, 1
        # A workplace's priority of a pair as one integer (lower is preferred): rank, then learner.
        # With the workplace in front it also sorts candidates by workplace, when it fits in 64 bits.
        self.priority_span = span if len(capacity) * span <= _INT64_MAX else None
        # Workplaces the one-by-one phase reached: their held learners, least liked on top.
        self.heaps: dict[int, list[tuple[int, int, int]]] = {}

    def rows(self, positions: np.ndarray) -> np.ndarray:
        return positions if self.order is None else self.order[positions]

    def priority(self, rows: np.ndarray, learners: np.ndarray) -> np.ndarray:
        return (self.pairs.workplace_rank[rows].astype(np.int64) - self.rank_low) * self.n_learners + learners

    def run(self) -> None:
        free = np.flatnonzero(self.end > self.next)
        while len(free) > _SEQUENTIAL_BELOW:
            free = self.round(free)
        self.one_by_one(free.tolist())

    def round(self, free: np.ndarray) -> np.ndarray:
        """Every free learner proposes to its next choice at once; each workplace it reaches keeps the
        best of held and new up to its places. Returns the rejected learners that have choices left."""
        rows = self.rows(self.next[free])
        self.next[free] += 1
        workplaces = self.pairs.workplace[rows]
        self.reached[workplaces] = True  # cheaper than np.unique on a round's many proposals
        reached = np.flatnonzero(self.reached)
        self.reached[reached] = False
        slots = self.slots_of(reached)
        held = self.slot_learner[slots]
        is_held = held >= 0
        learners = np.concatenate((held[is_held], free))
        rows = np.concatenate((self.slot_row[slots][is_held], rows))
        workplaces = self.pairs.workplace[rows]
        priority = self.priority(rows, learners)
        if self.priority_span is None:
            by_priority = np.lexsort((priority, workplaces))
        else:
            by_priority = np.argsort(workplaces.astype(np.int64) * self.priority_span + priority)
        workplaces = workplaces[by_priority]
        position = np.arange(len(workplaces))
        first = np.ones(len(workplaces), dtype=bool)
        first[1:] = workplaces[1:] != workplaces[:-1]
        place = position - np.maximum.accumulate(np.where(first, position, 0))
        keep = place < self.places[workplaces]
        self.slot_learner[slots] = -1
        kept = by_priority[keep]
        target = self.slot_start[workplaces[keep]] + place[keep]
        self.slot_learner[target] = learners[kept]
        self.slot_row[target] = rows[kept]
        rejected = learners[by_priority[~keep]]
        return rejected[self.next[rejected] < self.end[rejected]]

    def slots_of(self, workplaces: np.ndarray) -> np.ndarray:
        places = self.places[workplaces]
        total = int(places.sum())
        offset = np.cumsum(places) - places
        return np.repeat(self.slot_start[workplaces] - offset, places) + np.arange(total)

    def one_by_one(self, free: list[int]) -> None:
        """McVitie-Wilson: each free learner proposes until held; a learner it displaces goes next.

        Deferred acceptance ends in the same assignment whatever the order of proposals, so this may
        take over from the rounds at any point. Held learners live in a max-heap per workplace
        (priority negated) so the one the workplace likes least is at the top."""
        order = self.order
        rank, workplace_of_row = self.pairs.workplace_rank, self.pairs.workplace
        nxt, end, places = self.next, self.end, self.places
        heaps = self.heaps
        for learner in free:
            while True:
                position = int(nxt[learner])
                if position >= int(end[learner]):
                    break
                nxt[learner] = position + 1
                row = position if order is None else int(order[position])
                workplace = int(workplace_of_row[row])
                room = int(places[workplace])
                if room == 0:
                    continue
                heap = heaps.get(workplace)
                if heap is None:
                    heap = heaps[workplace] = self.heap_of(workplace)
                priority = (int(rank[row]) - self.rank_low) * self.n_learners + learner
                if len(heap) < room:
                    heapq.heappush(heap, (-priority, learner, row))
                    break
                if priority < -heap[0][0]:
                    learner = heapq.heapreplace(heap, (-priority, learner, row))[1]
                    # The displaced learner proposes next (its `next` already points past this place).

    def heap_of(self, workplace: int) -> list[tuple[int, int, int]]:
        slots = slice(int(self.slot_start[workplace]), int(self.slot_start[workplace + 1]))
        learners, rows = self.slot_learner[slots], self.slot_row[slots]
        is_held = learners >= 0
        learners, rows = learners[is_held], rows[is_held]
        priority = self.priority(rows, learners)
        heap = list(zip((-priority).tolist(), learners.tolist(), rows.tolist(), strict=True))
        heapq.heapify(heap)
        return heap

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        for workplace, heap in self.heaps.items():
            start = int(self.slot_start[workplace])
            self.slot_learner[start : int(self.slot_start[workplace + 1])] = -1
            for offset, (_, learner, row) in enumerate(heap):
                self.slot_learner[start + offset] = learner
                self.slot_row[start + offset] = row
        is_held = self.slot_learner >= 0
        learners, rows = self.slot_learner[is_held], self.slot_row[is_held]
        workplace_of = np.full(self.n_learners, -1, dtype=np.int32)
        pair_of = np.full(self.n_learners, -1, dtype=np.int64)
        workplace_of[learners] = self.pairs.workplace[rows]
        pair_of[learners] = rows
        return workplace_of, pair_of


# -- Optimal: maximum total score by min-cost flow -----------------------------------------------------


def optimal(pairs: Pairs, capacity: np.ndarray, n_learners: int | None = None) -> Assignment:
    """The assignment with the highest total score under the capacities: a min-cost flow.

    Each learner gets at most one workplace, only through a listed pair, and each workplace at most
    its capacity. Leaving a learner unmatched scores 0, so a pair whose score is 0 or less never
    helps and is left out. Scores enter the solver as integer costs of `round(score * COST_SCALE)`, so
    a pair counts from a score of 0.0000005 and two assignments whose totals differ by less than
    that resolution count as equally good. Among assignments of equal total score the solver's own
    choice is taken; the arcs are added in a canonical order (by learner, then workplace), so the
    same pairs give the same assignment, whatever the order of the rows. Raises ValueError when a
    (learner, workplace) pair is listed twice or an index lies outside `n_learners` or `capacity`.
    """
    from ortools.graph.python import min_cost_flow

    n_learners, capacity = _check(pairs, capacity, n_learners)
    n_workplaces = len(capacity)
    _reject_duplicates(pairs, n_workplaces, _is_grouped(pairs.learner))
    gain = np.rint(pairs.score * COST_SCALE)
    useful = np.flatnonzero((gain >= 1) & (capacity[pairs.workplace] > 0))
    # The solver multiplies costs by the number of nodes; keep that clear of 64 bits.
    if gain[useful].size and gain[useful].max() * (n_learners + n_workplaces + 3) > 2**62:
        raise ValueError("scores are too large for the min-cost flow; scale them to [0, 1]")
    key = pairs.learner[useful].astype(np.int64) * n_workplaces + pairs.workplace[useful]
    rows = useful[np.argsort(key)]  # canonical arc order; keys are unique
    learners, workplaces = pairs.learner[rows], pairs.workplace[rows]

    # Nodes: learners 0 .. n-1, then the workplaces, then the source and the sink.
    source, sink = n_learners + n_workplaces, n_learners + n_workplaces + 1
    senders = np.unique(learners)
    receivers = np.unique(workplaces)
    supply = len(senders)
    tails = np.concatenate(
        (learners, np.full(len(senders), source), receivers + n_learners, [source])
    ).astype(np.int32)
    heads = np.concatenate((workplaces + n_learners, senders, np.full(len(receivers), sink), [sink])).astype(
        np.int32
    )
    capacities = np.concatenate(
        (np.ones(len(rows) + len(senders), dtype=np.int64), capacity[receivers], [supply])
    ).astype(np.int64)
    costs = np.concatenate((-gain[rows], np.zeros(len(senders) + len(receivers) + 1))).astype(np.int64)

    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    solver.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([supply, -supply]))
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"the min-cost flow solver stopped with status {status}")
    used = solver.flows(np.arange(len(rows), dtype=np.int32)) > 0
    workplace_of = np.full(n_learners, -1, dtype=np.int32)
    pair_of = np.full(n_learners, -1, dtype=np.int64)
    workplace_of[learners[used]] = workplaces[used]
    pair_of[learners[used]] = rows[used]
    return Assignment(workplace_of=workplace_of, method="optimal", pair_of=pair_of)


# -- Report -----------------------------------------------------------------------------------------


@dataclass
class GroupRow:
    """How the learners with one label (a programme, a language, a municipality) fared."""

    label: str
    learners: int
    matched: int
    share_matched: float
    no_candidate: int  # unmatched: not one acceptable pair
    all_full: int  # unmatched although it had pairs
    median_minutes: float  # travel of the matched pairs with a known time; NaN when none
    first_choice_share: float  # of the group's learners, those placed at a workplace they ranked 1

    def as_dict(self) -> dict:
        return _plain({f.name: getattr(self, f.name) for f in fields(self)})


@dataclass
class Report:
    """An assignment in figures, overall and per group, so that unfairness between groups shows."""

    method: str
    learners: int
    matched: int
    unmatched_no_candidate: int
    unmatched_all_full: int
    welfare: float
    mean_score: float  # of the matched pairs
    median_minutes: float  # travel minutes of the matched pairs with a known time (NaN when none)
    mean_minutes: float
    p90_minutes: float
    first_choice_share: float  # of all learners, those placed at a workplace they ranked 1
    places_used: int
    places_offered: int
    groups: dict[str, list[GroupRow]]

    def as_dict(self) -> dict:
        """The report as JSON-ready values: ints, floats, strings, lists and dicts; NaN becomes None."""
        plain = _plain({f.name: getattr(self, f.name) for f in fields(self) if f.name != "groups"})
        plain["groups"] = {key: [row.as_dict() for row in rows] for key, rows in self.groups.items()}
        return plain


def _plain(values: dict) -> dict:
    def plain(value: object) -> object:
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    return {key: plain(value) for key, value in values.items()}


def report(
    assignment: Assignment,
    pairs: Pairs,
    capacity: np.ndarray,
    groups: Mapping[str, Sequence | np.ndarray] | None = None,
) -> Report:
    """Sum up an assignment: who is placed, who is not and why, travel, first choices, per group.

    `groups` maps a key ("programme", "language", "support", "municipality", ...) to one label per
    learner; each key gets one row per label, sorted by label. A learner counts as `no_candidate`
    when it has no pair at all, and as `all_full` when it has pairs but none was assigned.
    """
    n_learners = len(assignment.workplace_of)
    facts = _LearnerFacts.of(assignment, pairs, n_learners)
    matched = facts.matched
    scores = pairs.score[assignment.pair_of[matched]]
    minutes = facts.minutes[matched]
    minutes = minutes[minutes >= 0].astype(np.float64)
    known = len(minutes) > 0
    rows: dict[str, list[GroupRow]] = {}
    for key, labels in (groups or {}).items():
        rows[key] = _group_rows(key, labels, facts)
    return Report(
        method=assignment.method,
        learners=n_learners,
        matched=int(matched.sum()),
        unmatched_no_candidate=int(facts.no_candidate.sum()),
        unmatched_all_full=int(facts.all_full.sum()),
        welfare=float(scores.sum()),
        mean_score=float(scores.mean()) if len(scores) else math.nan,
        median_minutes=float(np.median(minutes)) if known else math.nan,
        mean_minutes=float(minutes.mean()) if known else math.nan,
        p90_minutes=float(np.percentile(minutes, 90)) if known else math.nan,
        first_choice_share=_share(int(facts.first_choice.sum()), n_learners),
        places_used=int(matched.sum()),
        places_offered=int(np.asarray(capacity, dtype=np.int64).sum()),
        groups=rows,
    )


@dataclass(frozen=True, eq=False)
class _LearnerFacts:
    """Per learner: placed or not and why, the minutes of its pair (-1 unknown), its first choice."""

    matched: np.ndarray
    no_candidate: np.ndarray
    all_full: np.ndarray
    minutes: np.ndarray
    first_choice: np.ndarray

    @classmethod
    def of(cls, assignment: Assignment, pairs: Pairs, n_learners: int) -> _LearnerFacts:
        matched = assignment.pair_of >= 0
        has_pair = np.bincount(pairs.learner, minlength=n_learners)[:n_learners] > 0
        rows = assignment.pair_of[matched]
        minutes = np.full(n_learners, -1, dtype=np.int64)
        minutes[matched] = pairs.minutes[rows]
        first_choice = np.zeros(n_learners, dtype=bool)
        first_choice[matched] = pairs.learner_rank[rows] == 1
        return cls(matched, ~has_pair, has_pair & ~matched, minutes, first_choice)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else math.nan


def _group_rows(key: str, labels: Sequence | np.ndarray, facts: _LearnerFacts) -> list[GroupRow]:
    labels = np.asarray([str(label) for label in labels])
    if len(labels) != len(facts.matched):
        raise ValueError(f"group {key!r} has {len(labels)} labels, expected one per learner")
    names, group = np.unique(labels, return_inverse=True)
    by_group = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[by_group], np.arange(len(names) + 1))
    rows = []
    for index, name in enumerate(names.tolist()):
        members = by_group[bounds[index] : bounds[index + 1]]
        matched = int(facts.matched[members].sum())
        minutes = facts.minutes[members]
        minutes = minutes[minutes >= 0]
        rows.append(
            GroupRow(
                label=name,
                learners=len(members),
                matched=matched,
                share_matched=_share(matched, len(members)),
                no_candidate=int(facts.no_candidate[members].sum()),
                all_full=int(facts.all_full[members].sum()),
                median_minutes=float(np.median(minutes)) if len(minutes) else math.nan,
                first_choice_share=_share(int(facts.first_choice[members].sum()), len(members)),
            )
        )
    return rows
