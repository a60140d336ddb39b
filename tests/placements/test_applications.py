"""From suggestion to place: a coach proposes, the learner agrees to meet, the employer accepts."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from werkbrug.learners.models import LearnerProfile
from werkbrug.placements.models import Application, CandidateRank, Capacity, PlaceWish, Waitlist, Workplace
from werkbrug.placements.services import (
    PlacementError,
    application_accept,
    application_agree_introduction,
    application_plan_introduction,
    application_propose,
)

from ..factories import (
    CompetenceFactory,
    LearnerProfileFactory,
    MentorTrainingFactory,
    ProgrammeCompetenceFactory,
    UserFactory,
    WorkplaceMentorFactory,
)

TODAY = timezone.localdate


@pytest.fixture
def matched(cast):
    """The cast's learner (an adult, in Genk, by bike) fits the cast's workplace, which has one place."""
    today = TODAY()
    r = cast.recognition
    r.status, r.number = "granted", "WB-APP-1"
    r.starts_on, r.expires_on = today - datetime.timedelta(days=30), today + datetime.timedelta(days=900)
    r.save()
    pick, pack = CompetenceFactory(framework=cast.framework), CompetenceFactory(framework=cast.framework)
    ProgrammeCompetenceFactory(programme=cast.programme, competence=pick)
    ProgrammeCompetenceFactory(programme=cast.programme, competence=pack)
    cast.workplace.teaches.create(competence=pick, level=4)
    mentor = WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor).mentor
    MentorTrainingFactory(person=mentor, completed_on=today - datetime.timedelta(days=40))
    Capacity.objects.create(
        workplace=cast.workplace,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=300),
        places=1,
    )
    p = cast.learner_profile
    p.programme, p.coach = cast.programme, cast.coach
    p.home_country, p.home_postcode, p.mobility_modes, p.max_travel_minutes = "BE", "3600", ["bike"], 30
    p.date_of_birth = today.replace(year=today.year - 20)
    p.dutch_level = "B1"
    p.save()
    cast.learner.full_name = "Yasmina El Idrissi"
    cast.learner.email = "yasmina@example.org"
    cast.learner.save()
    for person, email in ((cast.org_admin, "hr@example.org"), (cast.mentor, "mentor@example.org")):
        person.email = email
        person.save()
    return cast


def another_learner(cast, name="Tom Peeters") -> LearnerProfile:
    today = TODAY()
    return LearnerProfileFactory(
        user=UserFactory(full_name=name),
        school=cast.school,
        programme=cast.programme,
        home_country="BE",
        home_postcode="3600",
        mobility_modes=["bike"],
        date_of_birth=today.replace(year=today.year - 19),
    )


def test_a_coach_sees_explained_suggestions_and_proposes(client, matched, django_capture_on_commit_callbacks):
    client.force_login(matched.coach)
    url = reverse("placements:learner_suggestions", args=[matched.learner_profile.pk])
    page = client.get(url).content.decode()
    assert "Magazijnmedewerker" in page
    assert "teaches 1 of 2 core competences" in page
    assert "the mentor followed the mentor training" in page
    assert "min · bike (estimate)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"workplace": matched.workplace.pk, "note": "Graag een korte kennismaking"}
        )
    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    assert application.status == "proposed"
    assert application.proposed_by == matched.coach
    assert {c["name"] for c in application.explanation} >= {"coverage", "travel", "mentor"}
    employer_mail = next(m for m in mail.outbox if "hr@example.org" in m.to)
    assert "Yasmina" not in employer_mail.subject + employer_mail.body
    learner_mail = next(m for m in mail.outbox if "yasmina@example.org" in m.to)
    assert "Magazijnmedewerker" in learner_mail.body


def test_the_suggestion_filters_narrow_the_list(client, matched):
    client.force_login(matched.coach)
    url = reverse("placements:learner_suggestions", args=[matched.learner_profile.pk])
    none = "No workplace fits these filters."
    whole_core = client.get(url, {"whole_core": "on"}).content.decode()
    assert none in whole_core
    assert "The school teaches:" in whole_core  # still offered as a broader match with the school
    assert "1 workplace fits." in client.get(url, {"max_minutes": 30}).content.decode()
    assert none in client.get(url, {"sector": "care"}).content.decode()


def test_a_learner_without_a_home_postcode_is_told_why_there_is_no_suggestion(client, matched):
    matched.learner_profile.home_postcode = ""
    matched.learner_profile.save()
    client.force_login(matched.coach)
    page = client.get(reverse("placements:learner_suggestions", args=[matched.learner_profile.pk]))
    assert "the home postcode is missing or unknown" in page.content.decode()


@pytest.mark.parametrize("who", ["other_coach", "mentor", "org_admin", "learner", "parent"])
def test_only_those_who_place_the_learner_see_the_suggestions(client, matched, who):
    client.force_login(matched.user(who))
    url = reverse("placements:learner_suggestions", args=[matched.learner_profile.pk])
    assert client.get(url).status_code == 404


def test_the_employer_reads_the_candidate_blind_until_the_learner_agrees(client, matched):
    application = application_propose(
        learner=matched.learner_profile, workplace=matched.workplace, by=matched.coach
    )
    client.force_login(matched.org_admin)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Yasmina" not in page
    assert "Candidate " in page
    # Accepting needs the introduction first.
    with pytest.raises(PlacementError):
        application_accept(application=application, by=matched.org_admin)
    client.force_login(matched.learner)
    client.post(reverse("placements:application_act", args=[application.pk, "agree"]))
    client.force_login(matched.org_admin)
    assert "Yasmina El Idrissi" in client.get(application.get_absolute_url()).content.decode()


def test_for_a_minor_a_parent_agrees_to_the_introduction_not_the_learner(matched):
    p = matched.learner_profile
    p.date_of_birth = TODAY().replace(year=TODAY().year - 16)
    p.save()
    application = application_propose(learner=p, workplace=matched.workplace, by=matched.coach)
    with pytest.raises(PermissionDenied):
        application_agree_introduction(application=application, by=matched.learner)
    application_agree_introduction(application=application, by=matched.parent)
    application.refresh_from_db()
    assert application.introduction_agreed_by == matched.parent


def accepted_flow(cast, learner: LearnerProfile) -> Application:
    application = application_propose(learner=learner, workplace=cast.workplace, by=cast.coach)
    parent_or_self = learner.user if not learner.is_minor else learner.parents.first()
    application_agree_introduction(application=application, by=parent_or_self)
    application_plan_introduction(
        application=application, on=TODAY() + datetime.timedelta(days=3), by=cast.org_admin
    )
    return application


def test_accepting_takes_the_last_place_and_a_second_accept_is_refused(client, matched):
    first = accepted_flow(matched, matched.learner_profile)
    second = accepted_flow(matched, another_learner(matched))
    client.force_login(matched.org_admin)
    client.post(reverse("placements:application_act", args=[first.pk, "accept"]))
    first.refresh_from_db()
    assert first.status == "accepted"
    assert LearnerProfile.objects.get(pk=matched.learner_profile.pk).status == "placed"
    workplace = Workplace.objects.get(pk=matched.workplace.pk)
    assert workplace.status == "full"
    assert workplace.last_learner_started_on == TODAY()
    assert "1 of 1 place taken" in client.get(matched.workplace.get_absolute_url()).content.decode()
    response = client.post(reverse("placements:application_act", args=[second.pk, "accept"]), follow=True)
    assert "no place left" in response.content.decode()
    second.refresh_from_db()
    assert second.status == "introduced"


def test_accepting_withdraws_the_learners_other_open_applications(matched):
    from ..factories import RecognitionFactory, WorkplaceFactory

    other_place = WorkplaceFactory(employer=matched.employer, site=matched.site, title="Orderpicker")
    RecognitionFactory(workplace=other_place, programme=matched.programme, granted=True)
    other = application_propose(learner=matched.learner_profile, workplace=other_place, by=matched.coach)
    first = accepted_flow(matched, matched.learner_profile)
    application_accept(application=first, by=matched.org_admin)
    other.refresh_from_db()
    assert (other.status, other.decline_reason) == ("withdrawn", "learner_other")


def test_declining_needs_a_coded_reason_and_a_note_for_other(client, matched):
    application = application_propose(
        learner=matched.learner_profile, workplace=matched.workplace, by=matched.coach
    )
    client.force_login(matched.org_admin)
    url = reverse("placements:application_act", args=[application.pk, "decline"])
    page = client.post(url, {"reason": "other", "note": ""}, follow=True).content.decode()
    assert "Say in a few words why." in page
    client.post(url, {"reason": "hours"})
    application.refresh_from_db()
    assert (application.status, application.decline_reason) == ("declined", "hours")


def test_a_placement_that_ends_early_frees_the_place_and_waitlists_the_learner(client, matched):
    application = accepted_flow(matched, matched.learner_profile)
    application_accept(application=application, by=matched.org_admin)
    client.force_login(matched.coach)
    client.post(reverse("placements:application_act", args=[application.pk, "end"]))
    application.refresh_from_db()
    assert application.place_freed_at is not None
    assert Workplace.objects.get(pk=matched.workplace.pk).status == "open"
    assert LearnerProfile.objects.get(pk=matched.learner_profile.pk).status == "seeking"
    assert Waitlist.objects.get(learner=matched.learner_profile).reason == "ended_early"
    # The freed place can be taken again.
    again = accepted_flow(matched, another_learner(matched))
    application_accept(application=again, by=matched.org_admin)


@pytest.mark.parametrize("who, sees", [("mentor", 200), ("org_admin", 200), ("coach", 404), ("learner", 404)])
def test_the_employer_sees_candidates_blind_and_lists_the_ones_to_meet(client, matched, who, sees):
    client.force_login(matched.user(who))
    url = reverse("placements:workplace_candidates", args=[matched.workplace.pk])
    response = client.get(url)
    assert response.status_code == sees
    if sees != 200:
        return
    page = response.content.decode()
    assert "Candidate " in page and "Yasmina" not in page and "El Idrissi" not in page
    client.post(url, {"learner": matched.learner_profile.pk, "action": "add"})
    assert CandidateRank.objects.get().learner == matched.learner_profile
    assert "No. 1 on your list" in client.get(url).content.decode()


def test_the_learner_puts_places_on_their_own_list(client, matched):
    client.force_login(matched.learner)
    url = reverse("placements:my_places")
    page = client.get(url).content.decode()
    assert "Magazijnmedewerker" in page
    client.post(url, {"workplace": matched.workplace.pk, "action": "add"})
    assert PlaceWish.objects.get().workplace == matched.workplace
    client.force_login(matched.coach)
    suggestions = client.get(reverse("placements:learner_suggestions", args=[matched.learner_profile.pk]))
    assert "own list" in suggestions.content.decode()


@pytest.mark.parametrize(
    "who, sees",
    [
        ("learner", 200),
        ("parent", 200),
        ("coach", 200),
        ("jobhunter", 200),
        ("coordinator", 200),
        ("org_admin", 200),
        ("mentor", 200),
        ("other_learner", 404),
        ("other_coach", 404),
        ("outsider", 404),
    ],
)
def test_who_may_open_an_application(client, matched, who, sees):
    application = application_propose(
        learner=matched.learner_profile, workplace=matched.workplace, by=matched.coach
    )
    client.force_login(matched.user(who))
    assert client.get(application.get_absolute_url()).status_code == sees


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_people_accepting_at_once_never_fill_the_last_place_twice(matched):
    first = accepted_flow(matched, matched.learner_profile)
    second = accepted_flow(matched, another_learner(matched))
    results = []
    barrier = threading.Barrier(2)

    def accept(application):
        barrier.wait()
        try:
            application_accept(application=application, by=matched.org_admin)
            results.append("ok")
        except PlacementError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(a,)) for a in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert Application.objects.filter(status="accepted").count() == 1


def _more_workplaces(cast, n: int) -> None:
    from ..factories import RecognitionFactory, WorkplaceFactory

    today = TODAY()
    for k in range(n):
        w = WorkplaceFactory(employer=cast.employer, site=cast.site, title=f"Orderpicker {k}")
        RecognitionFactory(workplace=w, programme=cast.programme, granted=True)
        Capacity.objects.create(
            workplace=w,
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=90),
            places=2,
        )
        WorkplaceMentorFactory(workplace=w, mentor=cast.mentor)


@pytest.mark.parametrize("extra", [4, 30])
def test_the_suggestions_page_queries_do_not_grow_with_the_workplaces(
    client, matched, extra, django_assert_max_num_queries
):
    _more_workplaces(matched, extra)
    client.force_login(matched.coach)
    # The same 29 with 5 or 31 workplaces: the page, the learner and the permission to propose, the read
    # log; the region in eleven reads (workplaces, recognitions, teaching, capacities, places taken,
    # trained mentors, mentors, profiles, travel factors, measured times, weights); the workplaces shown,
    # open applications, wishes and the competences a broader match leaves to the school.
    with django_assert_max_num_queries(29):
        response = client.get(reverse("placements:learner_suggestions", args=[matched.learner_profile.pk]))
    assert len(response.context["result"].suggestions) == min(extra + 1, 20)


@pytest.mark.parametrize("extra", [4, 30])
def test_the_application_list_queries_do_not_grow_with_the_rows(
    client, matched, extra, django_assert_max_num_queries
):
    _more_workplaces(matched, extra)
    from werkbrug.placements.models import Workplace as W

    for w in W.objects.filter(title__startswith="Orderpicker"):
        Application.objects.create(learner=matched.learner_profile, workplace=w, proposed_by=matched.coach)
    client.force_login(matched.coach)
    # The page and the coach's roles, one count and one read of the rows with learner and workplace.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("placements:applications"))
    assert len(response.context["page"].object_list) == min(extra, 25)


@pytest.mark.parametrize("extra", [4, 30])
def test_the_candidates_page_queries_do_not_grow_with_the_learners(
    client, matched, extra, django_assert_max_num_queries
):
    for k in range(extra):
        another_learner(matched, name=f"Leerling {k}")
    client.force_login(matched.org_admin)
    # Seeking learners of the workplace's programmes in one read, the region's workplaces as above.
    with django_assert_max_num_queries(23):
        response = client.get(reverse("placements:workplace_candidates", args=[matched.workplace.pk]))
    assert len(response.context["candidates"]) == min(extra + 1, 20)
