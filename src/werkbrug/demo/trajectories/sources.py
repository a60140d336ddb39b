"""Where the demo's trajectories come from: the places taken this school year (the accepted applications
the history wrote) and the former learners' trajectories of the school year before.

Each becomes a `Source` with what `trajectories.services.trajectory_start` would have settled: the
mentor (a named mentor of the workplace, the demo mentor where she is one), the coach (the learner's, or
a coach of the school), the job hunter who proposed, the dates from the application's period.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet
from django.utils import timezone

from werkbrug.competences.models import RubricLevel
from werkbrug.demo import cast
from werkbrug.demo.context import GENERATED, Demo
from werkbrug.demo.history.decide import Former
from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import Membership, Role
from werkbrug.placements.models import Application, Workplace, WorkplaceMentor
from werkbrug.trajectories.services.lifecycle import _add_months

RUNNING, PAUSED, ENDED_EARLY, COMPLETED, LEFT = "running", "paused", "ended_early", "completed", "left"
FORMER = (COMPLETED, LEFT)  # trajectories of the school year before
REVISED_PLAN = "revised_plan"  # a signed plan and a new version waiting for signatures (Elif's)
# Elif's trajectory: the richest story, for the learner's and the parent's pages.
STAGIAIR = (3, (REVISED_PLAN,), "mentor")
CAST_NUMBER = re.compile(r"^leerling0*([0-9]+)@")


@dataclass(frozen=True)
class Script:
    """What a login's story needs of a trajectory: the phase reached and the signals it shows."""

    phase: int
    signals: tuple[str, ...] = ()
    owner: str = "coach"  # who lets an agreement pass its date: the demo mentor in her own stories

    def __contains__(self, signal: str) -> bool:
        return signal in self.signals


@dataclass
class Source:
    learner: LearnerProfile
    kind: str
    workplace_id: int
    application_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date
    created_at: datetime.datetime
    created_by_id: int | None
    mentor_id: int
    coach_id: int
    jobhunter_id: int | None
    top_level: int
    ended_on: datetime.date | None = None  # ended early this year: the day the place was freed
    parent_ids: list[int] = field(default_factory=list)
    script: Script | None = None
    turn: int = 0  # its place among the sources of its kind: outcomes of the year before take turns

    @property
    def key(self) -> str:
        return f"{self.learner.user.email}:{self.starts_on.isoformat()}"


def sources(demo: Demo, owned: QuerySet[LearnerProfile], formers: list[Former]) -> list[Source]:
    """Every trajectory the demo owns, in a stable order."""
    applications = list(
        Application.objects.filter(
            status=Application.Status.ACCEPTED, learner__in=owned, learner__school__region=demo.region
        )
        .select_related("learner__user", "learner__programme", "capacity", "workplace")
        .order_by("learner__user__email", "pk")
    )
    profiles = LearnerProfile.objects.select_related("user", "programme").in_bulk(
        [f.learner_id for f in formers]
    )
    former_places = dict(
        Workplace.objects.filter(pk__in=[f.workplace_id for f in formers]).values_list("pk", "employer_id")
    )
    people = _People(
        demo,
        workplaces={a.workplace_id: a.workplace.employer_id for a in applications} | former_places,
        schools={a.learner.school_id for a in applications} | {p.school_id for p in profiles.values()},
        owned=owned,
    )
    found = [people.running(a) for a in applications]
    found += [people.former(f, profiles[f.learner_id]) for f in formers if f.learner_id in profiles]
    ordered = sorted((s for s in found if s is not None), key=lambda s: s.key)
    turns: dict[str, int] = defaultdict(int)
    for source in ordered:
        source.turn = turns[source.kind]
        turns[source.kind] += 1
    return ordered


class _People:
    """Who is who around the trajectories, fetched once."""

    def __init__(self, demo: Demo, *, workplaces: dict[int, int], schools: set[int], owned: QuerySet) -> None:
        self.demo, self.workplaces = demo, workplaces
        self.mentor_login = demo.logins[cast.MENTOR_EMAIL].pk
        self.named: dict[int, list[int]] = defaultdict(list)
        for workplace, mentor in (
            WorkplaceMentor.objects.filter(workplace_id__in=list(workplaces))
            .order_by("pk")
            .values_list("workplace_id", "mentor_id")
        ):
            self.named[workplace].append(mentor)
        current = Membership.objects.current(demo.today)
        self.employer_mentors = _first(
            demo, current.filter(role=Role.MENTOR, organisation_id__in=set(workplaces.values()))
        )
        self.school_coaches = _first(demo, current.filter(role=Role.COACH, organisation_id__in=schools))
        self.jobhunters = set(current.filter(role=Role.JOBHUNTER).values_list("user_id", flat=True))
        self.parents: dict[int, list[int]] = defaultdict(list)
        through = LearnerProfile.parents.through
        for learner, parent in (
            through.objects.filter(learnerprofile__in=owned)
            .order_by("pk")
            .values_list("learnerprofile_id", "user_id")
        ):
            self.parents[learner].append(parent)
        self.top = dict(
            RubricLevel.objects.values("rubric_id")
            .annotate(top=Max("number"))
            .values_list("rubric_id", "top")
        )

    def running(self, application: Application) -> Source | None:
        learner = application.learner
        decided = timezone.localtime(application.decided_at).date()
        capacity = application.capacity
        starts_on = max(decided, capacity.starts_on) if capacity else decided
        ends_on = capacity.ends_on if capacity else starts_on
        if ends_on <= starts_on + datetime.timedelta(days=28):  # as `trajectory_start` plans it
            ends_on = _add_months(starts_on, 10)
        kind = RUNNING
        if application.place_freed_at:
            kind = ENDED_EARLY
        elif learner.status == LearnerProfile.Status.PAUSED:
            kind = PAUSED
        return self._source(
            learner,
            kind,
            application.workplace_id,
            starts_on,
            ends_on,
            application=application,
            created_at=application.decided_at,
            created_by_id=application.decided_by_id,
            ended_on=timezone.localtime(application.place_freed_at).date()
            if application.place_freed_at
            else None,
        )

    def former(self, former: Former, learner: LearnerProfile) -> Source | None:
        ends_on = datetime.date(former.starts_on.year + 1, 6, 30)
        created = former.starts_on - datetime.timedelta(days=12)
        return self._source(
            learner,
            COMPLETED if former.completed else LEFT,
            former.workplace_id,
            former.starts_on,
            ends_on,
            created_at=datetime.datetime.combine(created, datetime.time(10), tzinfo=datetime.UTC),
            created_by_id=None,
        )

    def _source(
        self,
        learner: LearnerProfile,
        kind: str,
        workplace_id: int,
        starts_on: datetime.date,
        ends_on: datetime.date,
        *,
        created_at: datetime.datetime,
        created_by_id: int | None,
        application: Application | None = None,
        ended_on: datetime.date | None = None,
    ) -> Source | None:
        named = self.named.get(workplace_id, [])
        employer = self.employer_mentors.get(self.workplaces.get(workplace_id, 0))
        mentor = self.mentor_login if self.mentor_login in named else (named[0] if named else employer)
        mentor = mentor or (application.decided_by_id if application else None)
        coach = learner.coach_id or self.school_coaches.get(learner.school_id)
        if mentor is None or coach is None or not learner.programme_id:
            return None  # the services would refuse to start it
        proposer = application.proposed_by_id if application else None
        return Source(
            learner=learner,
            kind=kind,
            workplace_id=workplace_id,
            application_id=application.pk if application else None,
            starts_on=starts_on,
            ends_on=ends_on,
            created_at=created_at,
            created_by_id=created_by_id or coach,
            mentor_id=mentor,
            coach_id=coach,
            # As `trajectory_start`: the proposer, when they hunt jobs and are not the coach.
            jobhunter_id=proposer if proposer in self.jobhunters and proposer != coach else None,
            top_level=self.top.get(learner.programme.rubric_id, 4),
            ended_on=ended_on,
            parent_ids=self.parents.get(learner.pk, []),
            script=None if kind in FORMER else _script(learner),
        )


def _first(demo: Demo, memberships: QuerySet[Membership]) -> dict[int, int]:
    """The first person (by membership) of each organisation, leaving out the people an earlier build
    generated that this one does not have (they go at the end of the build)."""
    first: dict[int, int] = {}
    rows = memberships.order_by("pk").values_list("organisation_id", "user_id", "user__email")
    for organisation, user, address in rows:
        if address in demo.wanted_emails or not GENERATED.match(address):
            first.setdefault(organisation, user)
    return first


def _script(learner: LearnerProfile) -> Script | None:
    address = learner.user.email
    if address == cast.STAGIAIR_EMAIL:
        return Script(*STAGIAIR)
    match = CAST_NUMBER.match(address)
    number = int(match.group(1)) if match else 0
    if 0 < number <= len(cast.CAST_LEARNERS) and cast.CAST_LEARNERS[number - 1].stage == cast.PLACED:
        part = cast.CAST_LEARNERS[number - 1]
        return Script(part.phase, part.signals, "mentor" if part.employer else "coach")
    return None
