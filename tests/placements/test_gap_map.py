"""The gap map: where learners looking for a place find none, why, and where one more place would help.

The region, to check by hand: the cast's school teaches "Logistiek assistent" and "Winkelmedewerker".
All learners below travel by bike, at most 30 minutes.
- Genk (3600): Ayla and Bram, logistics. The only logistics workplace, "Magazijnmedewerker" in Genk, has
  one place and it is taken: both are without a place, because every place is full.
- Lommel (3920), about 32 km from Genk: Cas, logistics. Genk is over two hours away by bike: too far.
- Genk: Dina, retail. "Winkelbediende" in Genk has two free places, so she has one; it teaches shelf
  stocking but not the till, so "Kassa bedienen" is a competence no place teaches her.
Four learners look for a place; three have none: 2 in Genk, 1 in Lommel.
"""

import datetime
import math
import re

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from werkbrug.learners.models import LearnerProfile
from werkbrug.placements.gapmap import BoundingBox, Town, draw_map
from werkbrug.placements.models import Application, Capacity

from ..conftest import member
from ..factories import (
    CompetenceFactory,
    LearnerProfileFactory,
    OrganisationFactory,
    ProgrammeCompetenceFactory,
    ProgrammeFactory,
    RecognitionFactory,
    RegionFactory,
    SiteFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db

LOMMEL = ("3920", 51.2307, 5.3135)


def _seeking(cast, programme, postcode="3600", n=1):
    for _ in range(n):
        LearnerProfileFactory(
            school=cast.school,
            programme=programme,
            home_country="BE",
            home_postcode=postcode,
            mobility_modes=["bike"],
            max_travel_minutes=30,
        )


def _places(workplace, n):
    today = timezone.localdate()
    return Capacity.objects.create(
        workplace=workplace,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=300),
        places=n,
    )


@pytest.fixture
def region(cast):
    """The region of the module docstring; returns the retail programme."""
    cast.learner_profile.status = LearnerProfile.Status.PLACED  # the cast's own learner has a place
    cast.learner_profile.save()
    today = timezone.localdate()
    r = cast.recognition
    r.status, r.number = "granted", "WB-GAP-1"
    r.starts_on, r.expires_on = today - datetime.timedelta(days=30), today + datetime.timedelta(days=900)
    r.save()
    taken = LearnerProfileFactory(school=cast.school, status=LearnerProfile.Status.PLACED)
    Application.objects.create(
        learner=taken, workplace=cast.workplace, status="accepted", capacity=_places(cast.workplace, 1)
    )
    retail = ProgrammeFactory(school=cast.school, name="Winkelmedewerker")
    till = CompetenceFactory(framework=cast.framework, title_en="Kassa bedienen")
    shelves = CompetenceFactory(framework=cast.framework, title_en="Rekken vullen")
    ProgrammeCompetenceFactory(programme=retail, competence=till)
    ProgrammeCompetenceFactory(programme=retail, competence=shelves)
    shop = WorkplaceFactory(
        employer=cast.employer, site=SiteFactory(organisation=cast.employer), title="Winkelbediende"
    )
    shop.teaches.create(competence=shelves, level=3)
    RecognitionFactory(workplace=shop, programme=retail, granted=True)
    _places(shop, 2)
    _seeking(cast, cast.programme, n=2)
    _seeking(cast, cast.programme, postcode=LOMMEL[0])
    _seeking(cast, retail)
    return retail


def _page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("placements:gaps"), params)


def _rows(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, each as its cells' text."""
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def test_the_coordinator_sees_who_finds_no_place_by_municipality_and_why(client, cast, region):
    html = _page(client, cast.coordinator).content.decode()

    assert "<h1>Where places are missing</h1>" in html
    assert _rows(html, "Learners looking for a place, by the municipality they live in") == [
        ["Genk", "3", "2", "every place full: 2"],
        ["Lommel", "1", "1", "too far: 1"],
    ]
    assert _rows(html, "Learners looking for a place, by programme") == [
        ["Logistiek assistent Campus De Brug", "3", "3", "too far: 1; every place full: 2"],
        ["Winkelmedewerker Campus De Brug", "1", "0", "—"],
    ]


def test_the_page_names_the_full_workplace_where_one_more_place_would_help(client, cast, region):
    html = _page(client, cast.coordinator).content.decode()

    caption = (
        "Full workplaces where learners without a place pass every other check: one more place would place "
        "one of them"
    )
    assert _rows(html, caption) == [["Magazijnmedewerker Bakkerij Vandeweyer", "Genk", "2"]]
    assert f'href="{cast.workplace.get_absolute_url()}"' in html


def test_the_page_shows_missing_competences_and_where_a_new_place_would_reach_learners(client, cast, region):
    response = _page(client, cast.coordinator)
    html = response.content.decode()

    competences = (
        "Core competences that none of a learner's possible workplaces teaches: the school or a second "
        "workplace has to cover them"
    )
    assert _rows(html, competences) == [["Winkelmedewerker Campus De Brug", "Kassa bedienen", "1"]]
    new_places = response.context["gaps"].new_places
    reach = {(row.municipality, row.programme): row.learners for row in new_places}
    assert reach[("Genk", "Logistiek assistent")] == 2
    assert reach[("Lommel", "Logistiek assistent")] == 1
    assert new_places[0].learners == 2  # most first


def test_the_map_draws_a_circle_per_municipality_with_learners_without_a_place(client, cast, region):
    html = _page(client, cast.coordinator).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]

    assert 'role="img"' in svg
    assert 'aria-labelledby="gapmap-title gapmap-desc"' in svg
    assert '<desc id="gapmap-desc">3 learners without a place; most in Genk (2).</desc>' in svg
    assert re.findall(r'<circle class="wb-gap"[^>]*><title>([^<]*)</title>', svg) == [
        "Genk: 2 learners without a place",
        "Lommel: 1 learner without a place",
    ]
    # The shop with free places, as a square (the legend's square has its own fill).
    assert len(re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="8" height="8"/>', svg)) == 1
    assert "Genk (2)</text>" in svg
    assert "km</text>" in svg  # the scale bar


def test_a_circle_s_area_is_in_proportion_to_its_learners():
    genk, lommel = Town("BE", "Genk", 50.965, 5.5008, "Genk"), Town("BE", "Lommel", *LOMMEL[1:], "Lommel")
    box = BoundingBox.around(np.array([50.965, LOMMEL[1]]), np.array([5.5008, LOMMEL[2]]))

    drawn = draw_map(box, [(genk, 8), (lommel, 2)], [], without=10)

    big, small = drawn.circles
    assert (big.name, small.name) == ("Genk", "Lommel")
    assert math.isclose((big.r / small.r) ** 2, 4)


def test_the_csv_has_the_same_figures(client, cast, region):
    response = _page(client, cast.coordinator, region=cast.region.pk, format="csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="gaps-limburg-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Table;Name;School;Learners seeking;Without a place;no programme;home postcode unknown;"
        "no way to travel;no workplace recognised for the programme;too far;language;support;every place full"
    )
    assert lines[1:] == [
        "Municipality;Genk;;3;2;0;0;0;0;0;0;0;2",
        "Municipality;Lommel;;1;1;0;0;0;0;1;0;0;0",
        "Programme;Logistiek assistent;Campus De Brug;3;3;0;0;0;0;1;0;0;2",
        "Programme;Winkelmedewerker;Campus De Brug;1;0;0;0;0;0;0;0;0;0",
    ]


def test_a_learner_without_programme_or_home_counts_but_is_not_on_the_map(client, cast, region):
    cast.learner_profile.status = LearnerProfile.Status.SEEKING
    cast.learner_profile.save()
    html = _page(client, cast.coordinator).content.decode()

    municipalities = _rows(html, "Learners looking for a place, by the municipality they live in")
    assert ["Home postcode unknown", "1", "1", "no programme: 1"] in municipalities
    assert ["No programme", "1", "1", "no programme: 1"] in _rows(
        html, "Learners looking for a place, by programme"
    )
    assert (
        "4 learners without a place; most in Genk (2); 1 with an unknown home postcode is not on the map."
        in html
    )


def test_a_region_where_nobody_looks_for_a_place_says_so(client, cast):
    cast.learner_profile.status = LearnerProfile.Status.PLACED
    cast.learner_profile.save()
    html = _page(client, cast.coordinator).content.decode()

    assert "No learner in this region is looking for a place right now." in html
    assert "<svg" not in html


@pytest.mark.parametrize("role", ["coach", "mentor", "org_admin", "learner", "jobhunter", "outsider"])
def test_only_coordinators_and_staff_may_see_the_gaps(client, cast, role):
    assert _page(client, cast.user(role)).status_code == 404


def test_staff_may_see_any_region(client, cast):
    assert _page(client, cast.staff).status_code == 200


def test_an_anonymous_visitor_is_sent_to_log_in(client, cast):
    response = client.get(reverse("placements:gaps"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_coordinator_of_two_regions_picks_one_and_no_other(client, cast):
    other = RegionFactory(name="Kempen")
    member("coordinator", OrganisationFactory(kind="network", region=other), user=cast.coordinator)

    page = _page(client, cast.coordinator)
    assert page.context["region"] == cast.region
    assert '<select class="form-select" id="gap-region" name="region">' in page.content.decode()
    assert _page(client, cast.coordinator, region=other.pk).context["region"] == other
    assert _page(client, cast.coordinator, region=RegionFactory(name="Drenthe").pk).status_code == 404
    assert _page(client, cast.coordinator, region="x").status_code == 404


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("placements:gaps")).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_learners_and_workplaces(
    client, cast, region, django_assert_max_num_queries
):
    _seeking(cast, region, postcode=LOMMEL[0])
    assert LearnerProfile.objects.filter(status="seeking", school=cast.school).count() == 5
    client.force_login(cast.coordinator)
    few = _count_queries(client)
    _seeking(cast, cast.programme, n=10)
    _seeking(cast, cast.programme, postcode=LOMMEL[0], n=10)
    _seeking(cast, region, n=5)
    for _ in range(10):
        full = WorkplaceFactory(employer=cast.employer, site=cast.site)
        RecognitionFactory(workplace=full, programme=cast.programme, granted=True)
    assert LearnerProfile.objects.filter(status="seeking", school=cast.school).count() == 30

    # session, user, roles (3); the regions coordinated (1); the region's workplaces with sites,
    # recognitions, what they teach, places today, places taken, trained mentors, mentors named,
    # programme profiles, travel factors, measured times, weights (11); the seeking learners (1);
    # their programmes (1); the competences and the full workplaces of the top rows (2); "may invite" (1);
    # saving the session (3)
    with django_assert_max_num_queries(23):
        assert _count_queries(client) == few
