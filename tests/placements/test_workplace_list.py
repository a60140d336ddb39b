"""The workplace register as a job hunter or coordinator searches it: filters, the trip from a postcode."""

import pytest
from django.urls import reverse

from werkbrug.organisations.models import MeasuredTravelTime, TravelFactor

from ..factories import (
    OrganisationFactory,
    ProgrammeFactory,
    RecognitionFactory,
    RegionFactory,
    SiteFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db

# Hasselt (3500) to Genk (3600) is about 13.7 km in a straight line: by bike 2 + 13.7 x 1.25 / 15 km/h.
BIKE_HASSELT_GENK = 71


@pytest.fixture
def register(cast):
    """Next to the cast's warehouse job (applied for, not recognised): a bakery job and a bike workshop."""
    bakery = WorkplaceFactory(employer=cast.employer, site=cast.site, title="Bakkerijhulp", sector="food")
    RecognitionFactory(workplace=bakery, programme=cast.programme, granted=True)
    garage = OrganisationFactory(name="Fietsen Peeters", kind="employer", region=cast.region)
    hasselt = SiteFactory(organisation=garage, name="Werkplaats", postcode="3500", municipality="Hasselt")
    workshop = WorkplaceFactory(employer=garage, site=hasselt, title="Fietshersteller", sector="automotive")
    bikes = ProgrammeFactory(school=cast.school, name="Fietstechnicus")
    RecognitionFactory(workplace=workshop, programme=bikes, granted=True)
    return {"bakery": bakery, "workshop": workshop, "bikes": bikes}


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("placements:workplaces"), params)
    assert response.status_code == 200
    return [wp.title for wp, _trip in response.context["rows"]]


def _trips(client, **params) -> dict[str, object]:
    response = client.get(reverse("placements:workplaces"), params)
    return {wp.title: trip for wp, trip in response.context["rows"]}


@pytest.mark.parametrize(
    "params, titles",
    [
        ({}, ["Bakkerijhulp", "Magazijnmedewerker", "Fietshersteller"]),
        ({"q": "fiets"}, ["Fietshersteller"]),
        ({"q": "vandeweyer"}, ["Bakkerijhulp", "Magazijnmedewerker"]),
        ({"sector": "food"}, ["Bakkerijhulp"]),
        ({"place": "3500"}, ["Fietshersteller"]),
        ({"place": "genk"}, ["Bakkerijhulp", "Magazijnmedewerker"]),
        ({"status": "paused"}, []),
    ],
)
def test_filters_narrow_the_rows(client, cast, register, params, titles):
    client.force_login(cast.jobhunter)
    assert _titles(client, **params) == titles


def test_recognised_for_a_programme_shows_only_workplaces_in_force_for_it(client, cast, register):
    client.force_login(cast.coordinator)

    # The warehouse job only applied for the programme: it is not a place for its learners yet.
    assert _titles(client, programme=cast.programme.pk) == ["Bakkerijhulp"]
    assert _titles(client, programme=register["bikes"].pk) == ["Fietshersteller"]


def test_a_withdrawn_recognition_no_longer_counts(client, cast, register):
    register["workshop"].recognitions.update(status="withdrawn")
    client.force_login(cast.coordinator)

    assert _titles(client, programme=register["bikes"].pk) == []


def test_each_row_says_what_it_is_recognised_for(client, cast, register):
    client.force_login(cast.jobhunter)
    response = client.get(reverse("placements:workplaces"))

    in_force = {wp.title: [r.programme.name for r in wp.in_force] for wp, _ in response.context["rows"]}
    assert in_force == {
        "Bakkerijhulp": ["Logistiek assistent"],
        "Magazijnmedewerker": [],
        "Fietshersteller": ["Fietstechnicus"],
    }


def test_travelling_from_a_postcode_by_bike_shows_an_estimate_on_each_row(client, cast, register):
    client.force_login(cast.jobhunter)
    response = client.get(reverse("placements:workplaces"), {"from_postcode": "3500", "mode": "bike"})

    trips = {wp.title: trip for wp, trip in response.context["rows"]}
    assert {title: (t.minutes, t.estimated) for title, t in trips.items()} == {
        "Bakkerijhulp": (BIKE_HASSELT_GENK, True),
        "Magazijnmedewerker": (BIKE_HASSELT_GENK, True),
        "Fietshersteller": (2, True),  # the same postcode: locking the bike
    }
    html = response.content.decode()
    assert f"about {BIKE_HASSELT_GENK} min · bike (estimate)" in html
    assert "travel from 3500 Hasselt" in html
    assert "Travel times are estimates" in html


def test_without_a_mode_the_trip_is_by_bus_or_train(client, cast):
    client.force_login(cast.jobhunter)

    (trip,) = _trips(client, from_postcode="3500").values()

    assert trip.mode_label == "Bus or train"
    assert trip.minutes == 63  # 15 min walking and waiting, 25 km/h, detour 1.45


def test_a_dutch_origin_postcode_with_letters_works(client, cast):
    client.force_login(cast.jobhunter)
    response = client.get(
        reverse("placements:workplaces"), {"from_postcode": "6211 AB", "from_country": "NL", "mode": "bike"}
    )

    assert response.context["origin"].name == "Maastricht"
    (trip,) = [trip for _, trip in response.context["rows"]]
    assert trip.estimated and trip.minutes > BIKE_HASSELT_GENK


def test_an_unknown_origin_postcode_is_refused_next_to_the_field(client, cast):
    client.force_login(cast.jobhunter)
    response = client.get(reverse("placements:workplaces"), {"from_postcode": "9999", "mode": "bike"})

    assert response.status_code == 200
    assert response.context["travel"].errors["from_postcode"] == ["We do not know this postcode."]
    assert 'id="id_from_postcode_error"' in response.content.decode()
    assert response.context["origin"] is None
    assert [trip for _, trip in response.context["rows"]] == [None]  # the rows stay, without times


@pytest.mark.parametrize("stored_from, stored_to", [("3500", "3600"), ("3600", "3500")])
def test_a_measured_time_wins_over_the_estimate_in_either_direction(client, cast, stored_from, stored_to):
    MeasuredTravelTime.objects.create(
        from_country="BE",
        from_postcode=stored_from,
        to_country="BE",
        to_postcode=stored_to,
        mode="bike",
        minutes=40,
    )
    client.force_login(cast.jobhunter)
    response = client.get(reverse("placements:workplaces"), {"from_postcode": "3500", "mode": "bike"})

    (trip,) = [trip for _, trip in response.context["rows"]]
    assert (trip.minutes, trip.estimated) == (40, False)
    assert "40 min · bike</td>" in response.content.decode()  # no "about", no "(estimate)"


def test_a_measured_time_for_another_mode_does_not_count(client, cast):
    MeasuredTravelTime.objects.create(
        from_country="BE", from_postcode="3500", to_country="BE", to_postcode="3600", mode="car", minutes=20
    )
    client.force_login(cast.jobhunter)

    (trip,) = _trips(client, from_postcode="3500", mode="bike").values()

    assert (trip.minutes, trip.estimated) == (BIKE_HASSELT_GENK, True)


def test_the_region_s_own_travel_factor_changes_the_estimate(client, cast):
    # Hilly or busy roads: the region says its cyclists average 10 km/h.
    TravelFactor.objects.create(region=cast.region, mode="bike", speed_kmh=10, detour=1.25, overhead_min=2)
    TravelFactor.objects.create(
        region=RegionFactory(name="Drenthe", country="NL"),
        mode="bike",
        speed_kmh=30,
        detour=1,
        overhead_min=0,
    )
    client.force_login(cast.coordinator)

    (trip,) = _trips(client, from_postcode="3500", mode="bike").values()

    assert (trip.minutes, trip.estimated) == (105, True)


def test_with_a_postcode_the_nearest_workplaces_come_first_across_pages(client, cast, register):
    client.force_login(cast.jobhunter)
    for n in range(30):  # more Genk jobs than fit on one page, sorted before Hasselt by name
        WorkplaceFactory(employer=cast.employer, site=cast.site, title=f"Aaa job {n:02d}")
    titles = _titles(client, from_postcode="3500", mode="bike")
    assert titles[0] == "Fietshersteller"  # in Hasselt itself, though its employer sorts last by name
    response = client.get(
        reverse("placements:workplaces"), {"from_postcode": "3500", "mode": "bike", "page": 2}
    )
    minutes = [trip.minutes for _wp, trip in response.context["rows"]]
    assert minutes == sorted(minutes) and minutes[0] >= BIKE_HASSELT_GENK
