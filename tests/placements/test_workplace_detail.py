"""A workplace's page: its travel area per way of travelling, and its mentors for those who may know them."""

import datetime

import pytest
from django.utils.html import escape

from werkbrug.organisations.models import MeasuredTravelTime, TravelFactor

from ..factories import MentorTrainingFactory, WorkplaceMentorFactory

pytestmark = pytest.mark.django_db


def _rings(response) -> dict[int, list[str]]:
    return dict(response.context["area"].rings())


def test_the_travel_area_by_bike_names_the_places_within_15_30_45_and_60_minutes(client, cast):
    client.force_login(cast.jobhunter)
    response = client.get(cast.workplace.get_absolute_url())

    assert response.context["mode"] == "bike"  # the default: most learners have no car
    assert _rings(response) == {
        15: ["Genk"],
        30: [],
        45: ["As", "Diepenbeek", "Zutendaal"],
        60: ["Hoelbeek", "Niel-Bij-As", "Zonhoven"],
    }
    html = response.content.decode()
    assert "Within 45 minutes" in html
    assert "As, Diepenbeek, Zutendaal" in html
    assert "How long the trip to this workplace takes by bike" in html
    assert "These are estimates from the straight-line distance" in html


def test_choosing_another_way_to_travel_redraws_the_area(client, cast):
    client.force_login(cast.jobhunter)

    moped = client.get(cast.workplace.get_absolute_url(), {"mode": "moped"})
    walk = client.get(cast.workplace.get_absolute_url(), {"mode": "walk"})

    assert _rings(moped)[30] == ["As", "Diepenbeek", "Zutendaal"]
    assert "Hasselt" in _rings(moped)[45]
    assert _rings(walk) == {15: ["Genk"], 30: [], 45: [], 60: []}
    assert "no other places" in walk.content.decode()


def test_an_unknown_way_to_travel_falls_back_to_the_bike(client, cast):
    client.force_login(cast.jobhunter)

    response = client.get(cast.workplace.get_absolute_url(), {"mode": "plane"})

    assert response.status_code == 200
    assert response.context["mode"] == "bike"


def test_a_measured_time_moves_a_place_into_a_nearer_ring_and_the_page_says_so(client, cast):
    MeasuredTravelTime.objects.create(
        from_country="BE", from_postcode="3500", to_country="BE", to_postcode="3600", mode="bike", minutes=28
    )
    client.force_login(cast.jobhunter)

    response = client.get(cast.workplace.get_absolute_url())

    assert _rings(response)[30] == ["Hasselt"]
    assert "Some times were measured; the others are estimates." in response.content.decode()


def test_the_employer_s_region_factor_changes_the_travel_area(client, cast):
    TravelFactor.objects.create(region=cast.region, mode="bike", speed_kmh=30, detour=1.25, overhead_min=2)
    client.force_login(cast.jobhunter)

    rings = _rings(client.get(cast.workplace.get_absolute_url()))

    assert "Zonhoven" in rings[30]
    assert "Hasselt" in rings[45]


@pytest.mark.parametrize(
    "role, sees_names", [("coach", False), ("jobhunter", False), ("org_admin", True), ("coordinator", True)]
)
def test_mentors_names_are_for_the_employer_and_the_coordinator_only(client, cast, role, sees_names):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)
    client.force_login(cast.user(role))

    response = client.get(cast.workplace.get_absolute_url())

    assert response.status_code == 200
    assert (escape(cast.mentor.full_name) in response.content.decode()) is sees_names
    assert (response.context["mentors"] is not None) is sees_names


def test_the_employer_sees_which_mentors_are_trained(client, cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)
    untrained = WorkplaceMentorFactory(workplace=cast.workplace).mentor
    MentorTrainingFactory(person=cast.mentor, completed_on=datetime.date(2024, 5, 1))
    client.force_login(cast.org_admin)

    html = client.get(cast.workplace.get_absolute_url()).content.decode()

    assert f"{escape(cast.mentor.full_name)} · trained in 2024" in html
    assert (
        f'{escape(untrained.full_name)} · <span class="text-warning-emphasis">no mentor training yet' in html
    )
