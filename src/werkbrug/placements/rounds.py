"""Allocation rounds: a coordinator runs the engine over a region, compares two results and publishes one.

A round is started in a request (`round_start`) and run by the task worker (`round_run`), which writes
its progress on the round row as it goes, so the page can poll it. The run keeps, per method (stable
and optimal), the engine's report and every learner's assignment; `round_publish` turns the chosen
one into proposals to the employers and puts every learner left over on the waiting list.

Who takes part in a round: the region's learners who are still looking for a place (those on the
waiting list included), except those who hold an open proposal from an earlier round: that proposal
is still being worked on, and it holds its place, so a round counts a workplace's places as its
places left today minus the open proposals of earlier rounds. A second round therefore sees exactly
the learners and the places the first one left.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import time
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from werkbrug import matching
from werkbrug.learners.models import LearnerProfile, SupportConsent
from werkbrug.matching import allocation
from werkbrug.organisations.models import Region
from werkbrug.organisations.travel import place_of
from werkbrug.people.models import Role, User
from werkbrug.people.scopes import region_ids
from werkbrug.placements.engine import RegionData, explanation_json, load_region
from werkbrug.placements.models import (
    AllocationRound,
    Application,
    CandidateRank,
    PlaceWish,
    Waitlist,
    Workplace,
)
from werkbrug.placements.queries import rounds_for
from werkbrug.placements.services import PlacementError, application_propose

logger = logging.getLogger(__name__)

METHODS = (AllocationRound.Method.STABLE, AllocationRound.Method.OPTIMAL)
# The groups of the fairness figures, each with one label per learner. "unknown" where the file is silent.
GROUPS = ("programme", "language", "support", "municipality")
UNKNOWN = "unknown"
# A round still queued or running after this long stopped without saying so (a worker that died): it
# no longer keeps a new round from starting.
STALE_AFTER = datetime.timedelta(hours=1)
UNSTATED = np.iinfo(np.int32).max
SAME_SCORE = 1e-6

# The steps of a run as the page shows them. Stored in English and translated when shown, so every
# reader sees them in their own language, whatever the worker's.
STEP_QUEUED = gettext_noop("Waiting for the task worker")
STEP_READ = gettext_noop("Reading the region")
STEP_CANDIDATES = gettext_noop("Finding candidates")
STEP_STABLE = gettext_noop("Stable allocation")
STEP_OPTIMAL = gettext_noop("Best total fit")
STEP_REPORT = gettext_noop("Writing the report")


# -- starting ----------------------------------------------------------------------------------------


def coordinates(user: User, region: Region) -> bool:
    """Staff, or a coordinator in the region today: who may start and publish its rounds."""
    return user.is_staff or region_ids(user, [Role.COORDINATOR]).filter(organisation__region=region).exists()


@transaction.atomic
def round_start(*, region: Region, by: User) -> AllocationRound:
    """Queue a new round for the region; the task worker runs it once this transaction has committed.

    Refused while another round of the region is waiting or running: two runs over the same learners
    would propose them twice.
    """
    if not coordinates(by, region):
        raise PermissionDenied
    Region.objects.select_for_update().get(pk=region.pk)  # one start at a time per region
    busy = AllocationRound.objects.filter(
        region=region, status__in=[AllocationRound.Status.QUEUED, AllocationRound.Status.RUNNING]
    )
    now = timezone.now()
    busy.filter(created_at__lt=now - STALE_AFTER).update(
        status=AllocationRound.Status.FAILED,
        error="The round did not finish within an hour; the task worker may have stopped.",
        finished_at=now,
    )
    if busy.exists():
        raise PlacementError(_("A round of this region is still running. Wait until it has finished."))
    last = AllocationRound.objects.filter(region=region).order_by("-number").first()
    new = AllocationRound.objects.create(
        region=region, number=(last.number + 1) if last else 1, created_by=by, step=STEP_QUEUED
    )
    transaction.on_commit(lambda: allocation_round_run.enqueue(new.pk))
    return new


@task()
def allocation_round_run(round_id: int) -> None:
    """The task the worker runs: `round_run`."""
    round_run(round_id)


# -- running -----------------------------------------------------------------------------------------


class _Progress:
    """Writes the step and its percentage on the round, and times each step."""

    def __init__(self, round: AllocationRound) -> None:
        self.round = round
        self.seconds: dict[str, float] = {}
        self._name = ""
        self._started = 0.0

    def step(self, name: str, percent: int, text: str) -> None:
        self.stop()
        self.round.progress, self.round.step = percent, text
        self.round.save(update_fields=["progress", "step"])
        self._name, self._started = name, time.perf_counter()

    def stop(self) -> None:
        if self._name:
            self.seconds[self._name] = round(time.perf_counter() - self._started, 3)
            self._name = ""


def round_run(round_id: int) -> None:
    """Run a queued round: candidates, the stable and the optimal allocation, and their reports.

    Only a queued round runs, so a task delivered twice does no harm. Any error marks the round
    failed, with the error kept for the page; it is logged, not raised, as the round says it all.
    """
    queued = AllocationRound.objects.filter(pk=round_id, status=AllocationRound.Status.QUEUED)
    if not queued.update(status=AllocationRound.Status.RUNNING):  # taken by one worker only
        return
    round = AllocationRound.objects.select_related("region").get(pk=round_id)
    progress = _Progress(round)
    try:
        _run(round, progress)
    except Exception as error:
        logger.exception("Allocation round %s failed", round_id)
        round.status = AllocationRound.Status.FAILED
        round.error = f"{type(error).__name__}: {error}"
        round.finished_at = timezone.now()
        round.save(update_fields=["status", "error", "finished_at"])


def _run(round: AllocationRound, progress: _Progress) -> None:
    """The run itself. Candidates are found without the "places left" filter and full workplaces get
    capacity 0: a learner whose suitable places are all taken then still has pairs, so the report
    and the waiting list say "all full" for them and "no candidate" only where nothing suits."""
    progress.step("read", 5, STEP_READ)
    data = load_region(round.region)
    profiles = list(_taking_part(round.region))
    learners = data.learners(profiles)
    capacity = _capacity(data)
    wishes = _stated(PlaceWish.objects.filter(workplace__employer__region=round.region), profiles, data)
    picks = _stated(CandidateRank.objects.filter(workplace__employer__region=round.region), profiles, data)

    progress.step("candidates", 20, STEP_CANDIDATES)
    wished: dict[int, list[int]] = {}
    for i, w in wishes:
        wished.setdefault(i, []).append(w)
    found = matching.candidates(data.engine, learners, require_places=False, wished=wished)
    pairs = ranked_pairs(found, wishes, picks)

    progress.step("stable", 45, STEP_STABLE)
    stable = allocation.stable(pairs, capacity, len(profiles))
    progress.step("optimal", 65, STEP_OPTIMAL)
    optimal = allocation.optimal(pairs, capacity, len(profiles))

    progress.step("report", 85, STEP_REPORT)
    groups = _groups(profiles)
    explained: dict[int, list[dict]] = {}
    results = {
        a.method: _result(a, pairs, capacity, groups, profiles, found, data, learners, explained)
        for a in (stable, optimal)
    }
    progress.stop()
    round.inputs = {
        "learners": len(profiles),
        "workplaces": len(data.workplace_ids),
        "places": int(capacity.sum()),
        "pairs": len(pairs),
        "place_wishes": len(wishes),
        "candidate_ranks": len(picks),
        "weights": dataclasses.asdict(data.engine.weights),
        "seconds": progress.seconds,
    }
    round.results = results
    round.status = AllocationRound.Status.DONE
    round.progress, round.step = 100, ""
    round.finished_at = timezone.now()
    round.save(update_fields=["inputs", "results", "status", "progress", "step", "finished_at"])


def _held_by_rounds() -> QuerySet[Application]:
    """Open proposals that came from a round: their learners wait for an answer and hold the place."""
    return Application.objects.filter(status__in=Application.OPEN, round__isnull=False)


def _taking_part(region: Region) -> QuerySet[LearnerProfile]:
    consented = SupportConsent.objects.filter(learner=OuterRef("pk"), withdrawn_at__isnull=True)
    return (
        LearnerProfile.objects.filter(school__region=region, status=LearnerProfile.Status.SEEKING)
        .exclude(pk__in=_held_by_rounds().values("learner_id"))
        .select_related("programme")
        .annotate(consented=Exists(consented))
        .order_by("pk")
    )


def _capacity(data: RegionData) -> np.ndarray:
    """Places per workplace index: its places left today minus the open proposals of earlier rounds."""
    held = Counter(
        _held_by_rounds()
        .filter(workplace__employer__region=data.region)
        .values_list("workplace_id", flat=True)
    )
    taken = np.array([held.get(pk, 0) for pk in data.workplace_ids], dtype=np.int64)
    left = data.engine.workplaces.places_left.astype(np.int64)
    return np.maximum(left - taken, 0)


def _stated(
    rows: QuerySet, profiles: Sequence[LearnerProfile], data: RegionData
) -> dict[tuple[int, int], int]:
    """(learner index, workplace index) -> the rank its owner stated, for the learners of the round."""
    index_of_learner = {p.pk: i for i, p in enumerate(profiles)}
    stated = {}
    for learner_id, workplace_id, rank in rows.values_list("learner_id", "workplace_id", "rank"):
        i, w = index_of_learner.get(learner_id), data.index_of.get(workplace_id)
        if i is not None and w is not None:
            stated[(i, w)] = rank
    return stated


def ranked_pairs(
    found: matching.Candidates,
    wishes: Mapping[tuple[int, int], int],
    picks: Mapping[tuple[int, int], int],
) -> matching.Pairs:
    """The candidates as pairs for allocation, ranked on both sides with stated rankings first.

    A learner ranks the candidates on their own wish list first, in the order they gave; the other
    candidates follow by score. A workplace does the same with the learners it ranked itself. A wish
    or ranking for a pair that is not a candidate (too far, not recognised, ...) is left out. Row k
    of the pairs is row k of `found`.

    Scores closer than `SAME_SCORE` count as equal when ranking: the engine computes in float32, and
    two learners alike in every way may differ in the seventh decimal, which must not decide between
    them (the lower index does, as documented in `allocation.stable`).
    """
    learner, workplace = found.learner, found.workplace
    score = found.score.astype(np.float64)
    level = score_levels(score)
    keys = list(zip(learner.tolist(), workplace.tolist(), strict=True))
    wished = np.array([wishes.get(k, UNSTATED) for k in keys], dtype=np.int64)
    picked = np.array([picks.get(k, UNSTATED) for k in keys], dtype=np.int64)
    return matching.Pairs.build(
        learner,
        workplace,
        learner_rank=stated_first(learner, workplace, level, wished),
        workplace_rank=stated_first(workplace, learner, level, picked),
        score=score,
        minutes=found.minutes,
    )


def score_levels(score: np.ndarray) -> np.ndarray:
    """The scores as levels 1, 2, ... (higher is better), scores within `SAME_SCORE` of each other alike."""
    order = np.argsort(score, kind="stable")
    steps = np.r_[True, np.diff(score[order]) > SAME_SCORE] if len(score) else np.empty(0, dtype=bool)
    level = np.empty(len(score), dtype=np.float64)
    level[order] = np.cumsum(steps)
    return level


def stated_first(owner: np.ndarray, other: np.ndarray, score: np.ndarray, stated: np.ndarray) -> np.ndarray:
    """Rank 1, 2, ... within each owner: stated ranks first in their order, then the rest by score."""
    n = len(owner)
    ranks = np.empty(n, dtype=np.int32)
    if n == 0:
        return ranks
    by_score = matching.ranks_by_score(owner, other, score)
    order = np.lexsort((by_score, stated, owner))
    sorted_owner = owner[order]
    starts = np.r_[0, np.flatnonzero(sorted_owner[1:] != sorted_owner[:-1]) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    ranks[order] = np.arange(n) - group_start + 1
    return ranks


def _groups(profiles: Sequence[LearnerProfile]) -> dict[str, list[str]]:
    """One label per learner for each group of the fairness figures. Support says only yes or no."""
    municipalities = []
    for p in profiles:
        place = place_of(p.home_country, p.home_postcode)
        municipalities.append(place.name if place else UNKNOWN)
    return {
        "programme": [p.programme.name if p.programme else UNKNOWN for p in profiles],
        "language": [p.dutch_level or UNKNOWN for p in profiles],
        "support": ["yes" if p.support_needs and p.consented else "no" for p in profiles],
        "municipality": municipalities,
    }


def _result(
    assignment: allocation.Assignment,
    pairs: matching.Pairs,
    capacity: np.ndarray,
    groups: dict[str, list[str]],
    profiles: Sequence[LearnerProfile],
    found: matching.Candidates,
    data: RegionData,
    learners: matching.Learners,
    explained: dict[int, list[dict]],
) -> dict:
    """What a method's result keeps: the report, one row per learner and why the unplaced are unplaced.

    `assignment`: [learner id, workplace id, score, minutes, explanation] (None for the last four when
    unplaced); `unmatched`: [learner id, "no_candidate" and the filter that left none, or "all_full"].
    """
    rows, unmatched = [], []
    for i, profile in enumerate(profiles):
        row = int(assignment.pair_of[i])
        if row < 0:
            rows.append([profile.pk, None, None, None, None])
            why = int(found.why_none[i])
            if why != matching.NoCandidate.HAS_CANDIDATES:
                unmatched.append([profile.pk, "no_candidate", matching.NoCandidate(why).name])
            else:
                unmatched.append([profile.pk, "all_full", None])
            continue
        if row not in explained:
            explained[row] = explanation_json(matching.explain(data.engine, learners, found, row))
        rows.append(
            [
                profile.pk,
                data.workplace_ids[int(pairs.workplace[row])],
                round(float(pairs.score[row]), 4),
                int(pairs.minutes[row]),
                explained[row],
            ]
        )
    report = allocation.report(assignment, pairs, capacity, groups)
    return {"report": report.as_dict(), "assignment": rows, "unmatched": unmatched}


# -- publishing --------------------------------------------------------------------------------------


@transaction.atomic
def round_publish(*, round: AllocationRound, method: str, by: User) -> dict[str, int]:
    """Propose every placed learner of the chosen result to their workplace and waitlist the others.

    A learner who found a place since the run, or who already has an open application to that
    workplace, is skipped (and counted). A learner left over goes on the waiting list with the reason
    of this result; one already on it keeps their entry. Returns the counts, which the round keeps.
    """
    round = AllocationRound.objects.select_for_update().select_related("region").get(pk=round.pk)
    if not rounds_for(by).filter(pk=round.pk).exists():
        raise PermissionDenied
    if round.status == AllocationRound.Status.PUBLISHED:
        raise PlacementError(_("This round has already been published."))
    if round.status != AllocationRound.Status.DONE:
        raise PlacementError(_("Only a round that has finished can be published."))
    if method not in METHODS:
        raise PlacementError(_("Choose the stable or the best-fit result."))
    result = round.results.get(method, {})
    rows = result.get("assignment", [])
    reasons = {pk: reason for pk, reason, _detail in result.get("unmatched", [])}
    learner_ids = [r[0] for r in rows]
    seeking = LearnerProfile.objects.filter(status=LearnerProfile.Status.SEEKING).in_bulk(learner_ids)
    workplaces = Workplace.objects.in_bulk([r[1] for r in rows if r[1] is not None])
    already = set(
        Application.objects.filter(
            learner__school__region=round.region, status__in=Application.OPEN
        ).values_list("learner_id", "workplace_id")
    )
    counts = {"proposed": 0, "skipped": 0, "waitlisted": 0, "already_waiting": 0}
    waiting = []
    for learner_id, workplace_id, score, _minutes, explanation in rows:
        learner = seeking.get(learner_id)
        if learner is None:
            counts["skipped"] += 1
        elif workplace_id is None:
            waiting.append((learner, reasons.get(learner_id, Waitlist.Reason.NO_CANDIDATE)))
        elif (learner_id, workplace_id) in already or workplace_id not in workplaces:
            counts["skipped"] += 1
        else:
            counts[_propose(round, learner, workplaces[workplace_id], score, explanation, by)] += 1
    _waitlist(round, waiting, counts)
    round.status = AllocationRound.Status.PUBLISHED
    round.published_method, round.published_by, round.published_at = method, by, timezone.now()
    round.results = {**round.results, "published": counts}
    round.save(update_fields=["status", "published_method", "published_by", "published_at", "results"])
    return counts


def _propose(
    round: AllocationRound,
    learner: LearnerProfile,
    workplace: Workplace,
    score: float,
    explanation: list[dict] | None,
    by: User,
) -> str:
    try:
        application_propose(
            learner=learner,
            workplace=workplace,
            by=by,
            score=score,
            explanation=explanation,
            round=round,
            notify=True,
        )
    except PlacementError:  # e.g. the recognition ran out since the run
        return "skipped"
    return "proposed"


def _waitlist(
    round: AllocationRound, waiting: list[tuple[LearnerProfile, str]], counts: dict[str, int]
) -> None:
    on_list = set(
        Waitlist.objects.filter(learner__school__region=round.region, resolved_at__isnull=True).values_list(
            "learner_id", flat=True
        )
    )
    new = [
        Waitlist(learner=learner, region=round.region, reason=reason, round=round)
        for learner, reason in waiting
        if learner.pk not in on_list
    ]
    Waitlist.objects.bulk_create(new, batch_size=500)
    counts["waitlisted"] = len(new)
    counts["already_waiting"] = len(waiting) - len(new)
