"""Writing the history in bulk: applications, the learners' own lists, the workplaces' rankings, the
waiting list, and at the end what the accepted applications did to the workplaces.

The rows are the ones the services in `placements.services` leave behind (an accepted application holds a
place of today's period, a blind one has no agreement, a declined one a reason), matched on their natural
keys so a rebuild changes nothing.
"""

from werkbrug.demo.context import Demo, email
from werkbrug.demo.history.decide import COACH, EMPLOYER, AppPlan, Decider, Story
from werkbrug.demo.sync import chunks
from werkbrug.learners.models import LearnerProfile
from werkbrug.placements.models import Application, CandidateRank, PlaceWish, Waitlist, Workplace

APPLICATION_FIELDS = [
    "status",
    "round_id",
    "score",
    "explanation",
    "note",
    "proposed_by_id",
    "proposed_at",
    "introduction_agreed_by_id",
    "introduction_agreed_at",
    "introduction_on",
    "capacity_id",
    "decided_by_id",
    "decided_at",
    "decline_reason",
    "decline_note",
    "place_freed_at",
    "updated_at",
]


def write(demo: Demo, stories: list[Story], ids: dict[str, int], jobhunter: int) -> None:
    """The chunk's applications, wishes, rankings and waiting list; the open applications of the cast
    learners are left to the services (`history.logins`), their places taken are written here."""
    own = [s.plan.profile.pk for s in stories if not (s.plan.cast and s.plan.cast.by_services)]
    everyone = [s.plan.profile.pk for s in stories]
    market = demo.market
    demo.sync(
        [_application(demo, s, app, ids, jobhunter) for s in stories for app in s.applications],
        existing=Application.objects.filter(learner_id__in=own),
        key=["learner_id", "workplace_id"],
        fields=APPLICATION_FIELDS,
        prune=True,
    )
    demo.sync(
        [
            PlaceWish(learner_id=s.plan.profile.pk, workplace_id=market.place(w).pk, rank=rank)
            for s in stories
            for rank, w in enumerate(s.wishes, start=1)
        ],
        existing=PlaceWish.objects.filter(learner_id__in=everyone),
        key=["learner_id", "workplace_id"],
        fields=["rank"],
        prune=True,
    )
    demo.sync(
        [
            CandidateRank(workplace_id=market.place(w).pk, learner_id=s.plan.profile.pk, rank=rank)
            for s in stories
            for w, rank in s.ranks
        ],
        existing=CandidateRank.objects.filter(learner_id__in=everyone),
        key=["workplace_id", "learner_id"],
        fields=["rank"],
        prune=True,
    )
    demo.sync(
        [
            Waitlist(
                learner_id=s.plan.profile.pk,
                region_id=demo.region.pk,
                reason=Waitlist.Reason.ENDED_EARLY,
                since=s.waiting_since,
                resolved_at=None,
            )
            for s in stories
            if s.waiting_since
        ],
        existing=Waitlist.objects.filter(learner_id__in=everyone),
        key=["learner_id", "reason"],
        fields=["region_id", "since", "resolved_at", "round_id"],
        prune=True,
    )


def _application(demo: Demo, story: Story, app: AppPlan, ids: dict[str, int], jobhunter: int) -> Application:
    plan, place = story.plan, demo.market.place(app.w)
    profile = plan.profile
    agreed_by = None
    if app.agreed_at:
        agreed_by = ids[email("ouder", plan.number)] if plan.minor else profile.user_id
    deciders = {EMPLOYER: place.decider_id, COACH: profile.coach_id}
    return Application(
        learner_id=profile.pk,
        workplace_id=place.pk,
        status=app.status,
        round_id=None,
        score=app.score,
        explanation=app.explanation,
        note=app.note,
        proposed_by_id=profile.coach_id if app.proposer == COACH else jobhunter,
        proposed_at=app.proposed_at,
        introduction_agreed_by_id=agreed_by,
        introduction_agreed_at=app.agreed_at,
        introduction_on=app.introduction_on,
        capacity_id=place.capacity_id if app.status == Application.Status.ACCEPTED else None,
        decided_by_id=deciders.get(app.decided_by),
        decided_at=app.decided_at,
        decline_reason=app.reason,
        decline_note=app.decline_note,
        place_freed_at=app.freed_at,
        updated_at=app.updated_at,
    )


def placed_login(demo: Demo, profile: LearnerProfile, app: AppPlan | None, coach: int) -> None:
    """A login's place taken before the school year (Elif's): proposed by her coach, agreed to by her
    parent, accepted by the employer. Without a place in reach, she seeks and has no application."""
    wanted = []
    if app is not None:
        place = demo.market.place(app.w)
        parent = profile.parents.order_by("pk").values_list("pk", flat=True).first()
        wanted.append(
            Application(
                learner_id=profile.pk,
                workplace_id=place.pk,
                status=app.status,
                round_id=None,
                score=app.score,
                explanation=app.explanation,
                note=app.note,
                proposed_by_id=coach,
                proposed_at=app.proposed_at,
                introduction_agreed_by_id=parent if profile.is_minor else profile.user_id,
                introduction_agreed_at=app.agreed_at,
                introduction_on=app.introduction_on,
                capacity_id=place.capacity_id,
                decided_by_id=place.decider_id,
                decided_at=app.decided_at,
                decline_reason="",
                decline_note="",
                place_freed_at=None,
                updated_at=app.updated_at,
            )
        )
    elif profile.status != LearnerProfile.Status.SEEKING:
        profile.status = LearnerProfile.Status.SEEKING
        profile.save(update_fields=["status", "updated_at"])
    demo.sync(
        wanted,
        existing=Application.objects.filter(learner=profile),
        key=["learner_id", "workplace_id"],
        fields=APPLICATION_FIELDS,
        prune=True,
    )


def workplaces(demo: Demo, decider: Decider) -> None:
    """What the accepted applications did to the workplaces: the last learner's start, and full where
    every place is taken (as `application_accept` leaves them)."""
    market = demo.market
    engine_index = {p: w for w, p in enumerate(market.engine_place)}
    wanted = []
    for k, place in enumerate(market.places):
        w = engine_index.get(k)
        status, last = place.status, place.last_started
        if w is not None:
            if decider.taken[w] >= place.places:
                status = Workplace.Status.FULL
            before = decider.started_before.get(w)  # a former learner's first day, the year before
            last = max(last, before) if last and before else last or before
            last = decider.started.get(w, last)  # as accepting a learner sets it
        wanted.append(Workplace(id=place.pk, status=status, last_learner_started_on=last))
    for chunk in chunks(wanted, 1000):
        demo.sync(
            chunk,
            existing=Workplace.objects.filter(pk__in=[w.pk for w in chunk]),
            key=["id"],
            fields=["status", "last_learner_started_on"],
        )
