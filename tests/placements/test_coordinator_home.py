"""What the coordinator's home page asks attention for: expiring recognitions, mentors without training,
recognised workplaces that sit idle, and applications to review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..factories import (
    MentorTrainingFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RecognitionFactory,
    RegionFactory,
    SiteFactory,
    WorkplaceFactory,
    WorkplaceMentorFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _granted(cast, *, starts: int, expires: int, title: str = "Kassamedewerker", **workplace):
    wp = WorkplaceFactory(**{"employer": cast.employer, "site": cast.site, "title": title, **workplace})
    return RecognitionFactory(
        workplace=wp,
        programme=cast.programme,
        granted=True,
        starts_on=_days(starts),
        expires_on=_days(expires),
    )


def _home(client, cast):
    client.force_login(cast.coordinator)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def test_recognitions_that_expire_within_90_days_need_attention(client, cast):
    soon = _granted(cast, starts=-1800, expires=30, title="Kassamedewerker")
    edge = _granted(cast, starts=-1800, expires=90, title="Vakkenvuller")
    _granted(cast, starts=-1800, expires=91, title="Magazijnier")
    lapsed = _granted(cast, starts=-1900, expires=-10, title="Chauffeur")  # expired, not renewed

    response = _home(client, cast)

    assert list(response.context["expiring"]["rows"]) == [lapsed, soon, edge]
    assert (
        f"Kassamedewerker · Bakkerij Vandeweyer</a> · Logistiek assistent · until {soon.expires_on:%-d %b %Y}"
        in response.content.decode()
    )


def test_a_withdrawn_recognition_does_not_need_renewal(client, cast):
    r = _granted(cast, starts=-1800, expires=30)
    r.status = "withdrawn"
    r.save()

    assert list(_home(client, cast).context["expiring"]["rows"]) == []


def test_another_region_s_expiring_recognitions_are_not_shown(client, cast):
    far = OrganisationFactory(kind="employer", region=RegionFactory(name="Drenthe", country="NL"))
    RecognitionFactory(
        workplace=WorkplaceFactory(employer=far),
        programme=ProgrammeFactory(school=cast.other_school),
        granted=True,
        expires_on=_days(10),
    )

    assert list(_home(client, cast).context["expiring"]["rows"]) == []


def test_a_workplace_recognised_over_a_year_ago_without_a_trained_mentor_shows_until_training_is_recorded(
    client, cast
):
    r = _granted(cast, starts=-400, expires=1400)
    WorkplaceMentorFactory(workplace=r.workplace, mentor=cast.mentor)
    MentorTrainingFactory(person=cast.mentor, completed_on=None)  # booked, not followed yet

    before = _home(client, cast)
    assert list(before.context["overdue_trainings"]["rows"]) == [r]
    assert "no trained mentor" in before.content.decode()

    client.force_login(cast.org_admin)
    recorded = client.post(
        reverse("placements:mentor_training_add", kwargs={"pk": r.workplace.pk}),
        {"mentor": cast.mentor.pk, "title": "Mentoropleiding", "provider": "Syntra", "completed_on": TODAY},
    )
    assert recorded.status_code == 302

    after = _home(client, cast)
    assert list(after.context["overdue_trainings"]["rows"]) == []
    assert "Every recognised workplace has a trained mentor" in after.content.decode()


def test_in_its_first_year_a_recognition_has_time_for_the_training(client, cast):
    r = _granted(cast, starts=-200, expires=1600)
    WorkplaceMentorFactory(workplace=r.workplace, mentor=cast.mentor)

    assert list(_home(client, cast).context["overdue_trainings"]["rows"]) == []


def test_a_training_of_someone_who_is_not_the_workplace_s_mentor_does_not_count(client, cast):
    r = _granted(cast, starts=-400, expires=1400)
    WorkplaceMentorFactory(workplace=r.workplace, mentor=cast.mentor)
    MentorTrainingFactory(person=cast.org_admin)

    assert list(_home(client, cast).context["overdue_trainings"]["rows"]) == [r]


@pytest.mark.parametrize(
    "last_learner, idle",
    [(None, True), (-400, True), (-200, False)],
    ids=["never-a-learner", "last-learner-over-a-year-ago", "learner-this-year"],
)
def test_a_recognised_workplace_without_a_learner_for_a_year_is_idle(client, cast, last_learner, idle):
    started = None if last_learner is None else _days(last_learner)
    r = _granted(cast, starts=-500, expires=1300, last_learner_started_on=started)

    response = _home(client, cast)

    assert (r.workplace in list(response.context["idle"]["rows"])) is idle
    if last_learner is None and idle:
        assert "never had a learner" in response.content.decode()


def test_a_workplace_that_is_not_recognised_is_never_idle(client, cast):
    # The cast's warehouse job only applied: it is not yet the network's to activate.
    assert list(_home(client, cast).context["idle"]["rows"]) == []


def test_a_recognition_younger_than_a_year_is_not_idle_yet(client, cast):
    _granted(cast, starts=-100, expires=1700)

    assert list(_home(client, cast).context["idle"]["rows"]) == []


def test_applications_to_review_are_counted(client, cast):
    RecognitionFactory(
        workplace=WorkplaceFactory(employer=cast.employer, site=cast.site), programme=cast.programme
    )

    response = _home(client, cast)

    assert response.context["applications"] == 2
    assert "2 applications for recognition to review" in response.content.decode()


def _attention_rows(cast, n):
    """n rows in each of the lists: expiring, overdue training, idle; and n applications."""
    for i in range(n):
        site = SiteFactory(organisation=cast.employer)
        r = _granted(cast, starts=-400, expires=30, title=f"Werkplek {i}", site=site)
        WorkplaceMentorFactory(workplace=r.workplace)
        RecognitionFactory(
            workplace=WorkplaceFactory(employer=cast.employer, site=site), programme=cast.programme
        )


def test_the_coordinator_home_queries_do_not_grow_with_the_rows(client, cast, django_assert_max_num_queries):
    client.force_login(cast.coordinator)
    _attention_rows(cast, 5)
    # session, user, roles (3); the region of the coordinator's network (1); organisations per kind,
    # learners, mentors in the region (3); applications to review (1); the menu's "may invite" (1);
    # expiring, overdue trainings, idle workplaces: the first five with their workplace and employer,
    # and how many in all (6); learners on the waiting list (1); trajectories by status, with an overdue
    # review and with a wish to talk (1); saving the session (3)
    with django_assert_max_num_queries(20):
        first = client.get(reverse("home"))
    assert len(first.context["expiring"]["rows"]) == 5
    _attention_rows(cast, 35)
    with django_assert_max_num_queries(20):
        again = client.get(reverse("home"))
    assert len(again.context["expiring"]["rows"]) == 5  # the five most urgent ...
    assert again.context["expiring"]["total"] == 40  # ... of all that need attention
