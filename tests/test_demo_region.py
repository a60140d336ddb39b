"""The demo region Limburg: believable, the same for the same seed, and every demo login has its page."""

import collections
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from werkbrug import matching
from werkbrug.competences.models import Framework
from werkbrug.demo.cast import DEMO_PASSWORD, LOGINS
from werkbrug.geo import load_gazetteer
from werkbrug.learners.models import LearnerProfile, SupportConsent
from werkbrug.network.models import MentorTraining
from werkbrug.organisations.models import Organisation, Programme, Region, Site
from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.engine import load_region, seeking_learners
from werkbrug.placements.models import (
    AllocationRound,
    Application,
    CandidateRank,
    Capacity,
    PlaceWish,
    Recognition,
    Waitlist,
    Workplace,
    WorkplaceCompetence,
    WorkplaceMentor,
)
from werkbrug.placements.queries import (
    applications_to_decide,
    expiring_recognitions,
    idle_workplaces,
    introductions_to_agree,
)
from werkbrug.placements.suggestions import suggestions_for_learner
from werkbrug.trajectories import progress, queries
from werkbrug.trajectories.models import (
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluationScore,
    FollowUp,
    LogEntry,
    Outcome,
    PhaseReached,
    PlanItem,
    PlanSignature,
    ProgressReview,
    SurveyAnswer,
    TrainingPlan,
    Trajectory,
    TrajectoryChange,
)

pytestmark = pytest.mark.django_db

SMALL = ["--learners", "60", "--without-esco"]  # quick enough for every run of the suite
COUNTED = [
    User,
    Membership,
    Organisation,
    Site,
    Programme,
    LearnerProfile,
    SupportConsent,
    Workplace,
    WorkplaceCompetence,
    Capacity,
    WorkplaceMentor,
    Recognition,
    MentorTraining,
    Application,
    PlaceWish,
    CandidateRank,
    Waitlist,
    Trajectory,
    TrainingPlan,
    PlanItem,
    PlanSignature,
    Evaluation,
    EvaluationScore,
    PhaseReached,
    ContactMoment,
    Agreement,
    CheckIn,
    LogEntry,
    ProgressReview,
    Outcome,
    FollowUp,
    SurveyAnswer,
]


def fingerprint() -> tuple:
    """Counts, and what a person would notice: who learns where, and which workplaces exist."""
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    learners = sorted(
        LearnerProfile.objects.values_list(
            "user__full_name", "home_postcode", "school__name", "programme__name", "dutch_level", "status"
        )
    )
    workplaces = sorted(
        Workplace.objects.values_list(
            "employer__name",
            "site__postcode",
            "title",
            "language_demand",
            "status",
            "last_learner_started_on",
        )
    )
    applications = sorted(
        Application.objects.values_list(
            "learner__user__full_name",
            "workplace__employer__name",
            "workplace__title",
            "status",
            "decline_reason",
        )
    )
    trajectories = sorted(
        Trajectory.objects.values_list(
            "learner__user__full_name", "workplace__title", "starts_on", "status", "phase", "next_review_on"
        )
    )
    return counts, learners, workplaces, applications, trajectories


def build(*args: str) -> str:
    out = StringIO()
    call_command("demo_region", *SMALL, *args, stdout=out)
    return out.getvalue()


def candidate_counts() -> tuple[list[LearnerProfile], np.ndarray, matching.Candidates]:
    """What the suggestions and an allocation round see: the candidates of every seeking learner."""
    region = Region.objects.get(name="Limburg")
    data, seeking = load_region(region), seeking_learners(region)
    found = matching.candidates(data.engine, data.learners(seeking))
    return seeking, np.bincount(found.learner, minlength=len(seeking)), found


def test_the_same_seed_gives_the_same_region_also_after_another_seed():
    build("--seed", "7")
    first = fingerprint()
    assert "0 rows created, 0 updated, 0 removed" in build("--seed", "7")
    assert fingerprint() == first
    build("--seed", "8")
    assert fingerprint()[1] != first[1]
    build("--seed", "7")
    assert fingerprint() == first


def test_the_size_follows_the_options():
    build("--workplaces", "30")
    assert LearnerProfile.objects.count() == 62  # and the two demo learners
    assert Workplace.objects.count() == 30


def test_every_demo_login_logs_in_and_lands_on_the_page_of_its_role():
    build()
    for login in LOGINS:
        client = Client()
        response = client.post(reverse("login"), {"username": login.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.email
        home = client.get(reverse("home"))
        assert home.status_code == 200, login.email
        role = "staff" if login.role == "staff" else login.role
        assert f"people/home/{role}.html" in [t.name for t in home.templates], login.email


def test_the_region_is_real_limburg_with_schools_centres_and_programmes_with_profiles():
    build()
    region = Region.objects.get(name="Limburg")
    gazetteer = load_gazetteer()
    for site in Site.objects.filter(organisation__region=region):
        place = gazetteer.lookup("BE", site.postcode)
        assert place is not None and "3500" <= site.postcode <= "3999", site
        assert abs(site.latitude - place.lat) < 0.01 and abs(site.longitude - place.lon) < 0.01, site
    for postcode in LearnerProfile.objects.values_list("home_postcode", flat=True):
        assert gazetteer.lookup("BE", postcode) is not None and "3500" <= postcode <= "3999"
    programmes = Programme.objects.filter(school__region=region)
    assert {p.type for p in programmes} >= {"duaal_leren", "buso_ov3", "graduaat", "leerwerk", "art60"}
    assert all(p.profile.filter(core=True).count() >= 9 for p in programmes)
    adult = programmes.filter(type__in=["leerwerk", "art60"])
    assert {p.school.kind for p in adult} == {
        Organisation.Kind.PUBLIC_SERVICE,
        Organisation.Kind.TRAINING_CENTRE,
    }
    assert Framework.objects.get(code="werkbrug-start").kind == Framework.Kind.REGIONAL
    assert Organisation.objects.filter(
        name="OCMW Maasmechelen", kind=Organisation.Kind.PUBLIC_SERVICE
    ).exists()


def test_workplaces_are_recognised_have_mentors_and_some_sit_idle_or_expire():
    build()
    region = Region.objects.get(name="Limburg")
    granted = Recognition.objects.filter(status=Recognition.Status.GRANTED)
    assert granted.count() > Recognition.objects.exclude(status=Recognition.Status.GRANTED).count()
    assert all(r.expires_on == r.starts_on.replace(year=r.starts_on.year + 5) for r in granted)
    assert Recognition.objects.filter(status=Recognition.Status.APPLIED).exists()
    withdrawn = Recognition.objects.filter(status=Recognition.Status.WITHDRAWN)
    assert withdrawn.exists() and all(r.withdrawal_reason and r.withdrawn_at for r in withdrawn)
    assert Workplace.objects.filter(recognitions__in=granted, mentors__isnull=False).exists()
    assert expiring_recognitions(region).filter(expires_on__gte=timezone.localdate()).exists()
    assert idle_workplaces(region).exists()
    assert MentorTraining.objects.filter(completed_on__year__gte=2023).exists()
    today = timezone.localdate()
    capacity = Capacity.objects.filter(starts_on__lte=today, ends_on__gte=today)
    assert capacity.count() == Workplace.objects.count()
    assert set(capacity.values_list("places", flat=True)) == {1, 2, 3}
    assert (
        Workplace.objects.filter(mentors__isnull=False).distinct().count() > 0.85 * Workplace.objects.count()
    )
    assert (
        WorkplaceCompetence.objects.filter(level__in=[3, 4]).count() > WorkplaceCompetence.objects.count() / 2
    )


def test_support_needs_are_only_kept_with_a_consent_of_the_right_person():
    build()
    with_needs = LearnerProfile.objects.exclude(support_needs=[])
    assert with_needs.exists()
    for learner in with_needs:
        consent = learner.support_consents.get(withdrawn_at__isnull=True)
        if learner.is_minor:
            assert consent.given_as == "parent" and learner.parents.filter(pk=consent.given_by_id).exists()
        else:
            assert consent.given_as == "learner" and consent.given_by_id == learner.user_id
    assert not SupportConsent.objects.filter(learner__support_needs=[]).exists()


def test_the_demo_logins_have_something_to_look_at():
    build()
    emre = LearnerProfile.objects.get(user__email="leerling@werkbrug.test")
    assert emre.programme and emre.home_postcode and emre.coach.email == "coach@werkbrug.test"
    assert emre.parents.filter(email="ouder@werkbrug.test").exists()
    assert WorkplaceMentor.objects.filter(mentor__email="mentor@werkbrug.test").exists()
    admin = User.objects.get(email="admin@werkbrug.test")
    employer = Membership.objects.get(user=admin, role=Role.ORG_ADMIN).organisation
    assert employer.kind == Organisation.Kind.EMPLOYER and employer.workplaces.count() >= 3
    coach = User.objects.get(email="coach@werkbrug.test")
    assert LearnerProfile.objects.filter(coach=coach).count() > 1
    # Emre's coach proposed him; his mother is to agree to an introduction.
    (proposal,) = emre.applications.all()
    assert proposal.status == "proposed" and proposal.is_blind and proposal.proposed_by == coach
    parent = User.objects.get(email="ouder@werkbrug.test")
    assert list(introductions_to_agree(parent)) == [proposal]
    # The admin of Logistiek Lommel has met a learner and decides.
    to_decide = applications_to_decide(admin).filter(workplace__employer=employer)
    assert to_decide.filter(status="introduced", introduction_on__gte=timezone.localdate()).count() == 1
    # The demo coach follows applications she made herself, each a step further.
    own = Application.objects.filter(proposed_by=coach, learner__coach=coach, status__in=Application.OPEN)
    assert {(a.status, a.is_blind) for a in own} >= {
        ("proposed", True),
        ("proposed", False),
        ("introduced", False),
    }
    mentor = User.objects.get(email="mentor@werkbrug.test")
    assert applications_to_decide(mentor).exists()


def test_at_the_default_size_most_seeking_learners_have_a_few_places_and_some_none_for_a_reason():
    call_command("demo_region", "--seed", "1", "--without-esco", verbosity=0)
    seeking, counts, found = candidate_counts()
    assert len(seeking) > 0.7 * LearnerProfile.objects.count()  # work for suggestions and a round
    assert (counts >= 3).mean() >= 0.75
    assert 5 <= np.median(counts) <= 15
    assert 0.05 <= (counts == 0).mean() <= 0.15
    reasons = collections.Counter(
        matching.NoCandidate(found.why_none[i]).name for i in np.flatnonzero(counts == 0)
    )
    assert len(reasons) >= 3, reasons  # too far, language, support, a programme without workplaces
    assert "NONE_RECOGNISED" in reasons  # the new programme in Hasselt: recognitions applied for
    emre = LearnerProfile.objects.get(user__email="leerling@werkbrug.test")
    assert 3 <= suggestions_for_learner(emre).total <= 25
    # Broader matches exist: workplaces that teach part of a programme's core competences.
    partial = [
        index.core_taught < index.core_total
        for index in load_region(emre.school.region).engine.by_programme.values()
    ]
    assert any(p.any() for p in partial) and any((~p).any() for p in partial)


def test_the_history_is_what_the_services_leave_behind(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        build()
    assert not callbacks  # the history sends no e-mail
    today = timezone.localdate()
    statuses = collections.Counter(Application.objects.values_list("status", flat=True))
    assert {"proposed", "introduced", "accepted", "declined"} <= set(statuses)
    for application in Application.objects.select_related("learner", "workplace", "capacity"):
        assert application.proposed_by_id and application.explanation and application.score is not None
        if application.is_blind:
            assert application.introduction_agreed_by_id is None
        if application.status == Application.Status.INTRODUCED:
            assert not application.is_blind and application.introduction_on
        if application.status == Application.Status.DECLINED:
            assert application.decline_reason and application.decided_at
            assert application.decline_reason != "other" or application.decline_note
        if application.status == Application.Status.ACCEPTED:
            assert application.capacity.workplace_id == application.workplace_id
            assert application.capacity.covers(today) and not application.is_blind
            assert application.workplace.last_learner_started_on >= application.decided_at.date()
        if application.is_open:
            assert Recognition.objects.filter(
                workplace=application.workplace,
                programme=application.learner.programme,
                status=Recognition.Status.GRANTED,
                starts_on__lte=today,
                expires_on__gte=today,
            ).exists()
    running = Application.objects.filter(status=Application.Status.ACCEPTED, place_freed_at__isnull=True)
    placed = LearnerProfile.objects.filter(
        Q(status=LearnerProfile.Status.PLACED)
        | Q(status=LearnerProfile.Status.PAUSED, trajectories__status=Trajectory.Status.PAUSED)
    )
    assert sorted(running.values_list("learner_id", flat=True)) == sorted(placed.values_list("pk", flat=True))
    for capacity in Capacity.objects.all():
        taken = running.filter(capacity=capacity).count()
        assert taken <= capacity.places
        assert (taken == capacity.places) == (capacity.workplace.status == Workplace.Status.FULL)
    assert Workplace.objects.filter(status=Workplace.Status.FULL).exists()
    assert PlaceWish.objects.exists() and CandidateRank.objects.exists()
    assert not AllocationRound.objects.exists()


def default_region() -> None:
    call_command("demo_region", "--seed", "1", "--without-esco", verbosity=0)


def test_trajectories_run_at_every_phase_with_their_history_and_some_ended_with_an_outcome():
    default_region()
    today = timezone.localdate()
    trajectories = Trajectory.objects.select_related("learner", "application")
    running = trajectories.exclude(status=Trajectory.Status.ENDED)
    assert {t.phase for t in running.filter(status=Trajectory.Status.ACTIVE)} == {1, 2, 3, 4}
    assert running.filter(status=Trajectory.Status.PAUSED, pauses__ends_on__isnull=True).exists()
    for t in trajectories:
        plan = t.plans.get(version=1)
        assert plan.items.exists() and plan.note, t
        assert t.contacts.exists() and t.checkins.exists(), t
        # The phase is the one the real rule gives on the latest mentor and coach evaluations.
        items = progress.plan_items(progress.current_plan(t))
        levels = progress.levels_of(progress.latest_evaluations(t))
        assert t.phase == progress.phase_of(progress.milestones(items, levels, progress.phase_names(None))), t
        until = today
        if t.status != Trajectory.Status.ACTIVE:  # ended or paused: nothing happened since
            until = t.outcome.ended_on if t.status == Trajectory.Status.ENDED else t.pauses.get().starts_on
        if (until - t.starts_on).days >= 6 * 7:
            assert {e.role for e in t.evaluations.all()} == {"mentor", "coach", "learner"}, t
            assert list(t.phases_reached.values_list("number", flat=True)) == list(range(1, t.phase + 1))
        if t.status == Trajectory.Status.ACTIVE and (today - t.starts_on).days > 8 * 7 + 7:
            assert t.reviews.exists() or t.next_review_on < today, t  # held, or overdue
        status = {"active": "placed", "paused": "paused"}.get(t.status)
        if status and t.starts_on > today.replace(year=today.year - 1):
            assert t.learner.status == status, t
    # Some learners are far apart from their mentor; a few check-ins worry, some agreements are late.
    assert CheckIn.objects.filter(wants_contact=True, seen_at__isnull=True).exists()
    assert CheckIn.objects.filter(feeling=CheckIn.Answer.BAD).exists()
    assert CheckIn.objects.filter(seen_at__isnull=False).count() > CheckIn.objects.count() / 2
    assert Agreement.objects.filter(Agreement.overdue(today)).exists()
    assert Agreement.objects.filter(done_at__isnull=False).count() > Agreement.objects.count() / 2
    assert ProgressReview.objects.filter(signed_at__isnull=False).exists()
    assert LogEntry.objects.exists() and trajectories.filter(absences__isnull=False).exists()
    apart = [
        t
        for t in running
        if any(
            row.spread >= 2
            for row in progress.side_by_side(
                progress.plan_items(t.plans.first()), progress.latest_evaluations(t)
            )
        )
    ]
    assert apart
    # Ended: this year's left early (the place is free again, the learner looks for another one), and
    # last year's completed (a job taken, a partial qualification) or left early; followed up after.
    ended = Outcome.objects.select_related("trajectory__learner", "trajectory__application")
    assert ended.filter(result="completed", job_offered=True, job_accepted=True).exists()
    assert ended.filter(result="completed", qualification="partial").exists()
    for outcome in ended.filter(result="left_early"):
        assert outcome.left_reason, outcome
        if outcome.trajectory.application:
            assert outcome.trajectory.application.place_freed_at is not None
            assert outcome.trajectory.learner.status == "seeking" and outcome.next_step == "learning"
        else:
            assert outcome.trajectory.learner.status == "left"
    for outcome in ended.filter(result="completed"):
        assert outcome.trajectory.learner.status == "finished"
    assert {o.trajectory.status for o in ended} == {"ended"}
    assert FollowUp.objects.filter(months=3, done_on__isnull=False, situation__gt="").exists()
    assert (
        SurveyAnswer.objects.filter(role="learner").exists()
        and SurveyAnswer.objects.filter(role="mentor").exists()
    )


def test_the_demo_mentor_coach_and_learners_each_follow_trajectories():
    default_region()
    today = timezone.localdate()
    mentor = User.objects.get(email="mentor@werkbrug.test")
    day = queries.mentor_today(mentor, today)
    assert len(day["trajectories"]) >= 3
    assert {t.workplace.employer.name for t in day["trajectories"]} == {"Bakkerij Vandeweyer"}
    assert day["to_evaluate"] and day["want_to_talk"]
    assert any(a.due_on < today for a in day["agreements"])  # one of the mentor's own is late
    coach = User.objects.get(email="coach@werkbrug.test")
    caseload = list(queries.caseload(coach))
    assert len(caseload) >= 8
    assert len({t.phase for t in caseload}) >= 3
    assert any(t.unread_checkins for t in caseload) and any(t.wants_contact for t in caseload)
    assert any(t.overdue_agreements for t in caseload)
    assert queries.overdue_reviews(coach, today).exists()
    coordinator = User.objects.get(email="coordinator@werkbrug.test")
    assert queries.region_trajectories(coordinator).count() == Trajectory.objects.count()
    peer_coach = User.objects.get(email="peercoach@werkbrug.test")
    assert queries.trajectories_for(peer_coach).exists()
    # The coach named the peer coach on the trajectory's page: the change is kept, with who made it.
    named = TrajectoryChange.objects.filter(trajectory__peer_coach=peer_coach)
    assert named.count() == Trajectory.objects.filter(peer_coach=peer_coach).count()
    assert all(c.changes == {"peer_coach": [None, peer_coach.pk]} and c.created_by == coach for c in named)
    # Emre still looks for a place; his sister Elif learns at the bakery, followed by both logins.
    assert not queries.trajectories_for(User.objects.get(email="leerling@werkbrug.test")).exists()
    elif_ = User.objects.get(email="stagiair@werkbrug.test")
    trajectory = queries.learner_trajectory(elif_)
    assert trajectory.mentor == mentor and trajectory.coach == coach and trajectory.phase in (2, 3)
    assert (
        trajectory.learner.is_minor
        and trajectory.learner.parents.filter(email="ouder@werkbrug.test").exists()
    )
    first, revised = trajectory.plans.order_by("version")
    assert first.agreed_at and set(first.signatures.values_list("signed_as", flat=True)) == {
        "learner",
        "parent",
        "mentor",
        "coach",
    }
    assert revised.version == 2 and revised.agreed_at is None
    assert {e.role for e in trajectory.evaluations.all()} == {"mentor", "coach", "learner"}
    assert trajectory.checkins.count() >= 8 and trajectory.log_entries.count() >= 3
    assert trajectory.agreements.filter(owner=elif_, done_at__isnull=True, due_on__gte=today).exists()
    parent = User.objects.get(email="ouder@werkbrug.test")
    assert list(queries.trajectories_for(parent)) == [trajectory]


def test_a_second_run_keeps_the_trajectories_as_they_are():
    build()
    assert Trajectory.objects.exists()
    before = fingerprint(), sorted(Trajectory.objects.values_list("pk", flat=True))
    assert "0 rows created, 0 updated, 0 removed" in build()
    assert (fingerprint(), sorted(Trajectory.objects.values_list("pk", flat=True))) == before
