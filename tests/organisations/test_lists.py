"""The directories a coordinator or job hunter uses: organisations, sites and programmes.

Each page makes the same number of queries with 5 or 40 rows. The pinned numbers list every query; the
first three and the last three are the same on every signed-in page:
session, user, the person's roles (middleware) ... and saving the session (savepoint, update, release).
"""

import pytest
from django.urls import reverse

from ..factories import (
    OrganisationFactory,
    ProgrammeCompetenceFactory,
    ProgrammeFactory,
    SiteFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db


def test_the_organisation_list_searches_names_and_places_and_filters_by_kind(client, cast):
    SiteFactory(organisation=cast.employer, name="Depot Hasselt", postcode="3500", municipality="Hasselt")
    client.force_login(cast.coordinator)
    url = reverse("organisations:list")

    everyone = {o.name for o in client.get(url).context["page"]}
    assert everyone == {"Bakkerij Vandeweyer", "Campus De Brug", "Netwerk Limburg"}  # not Sint-Jan Bree
    assert [o.name for o in client.get(url, {"q": "hasselt"}).context["page"]] == ["Bakkerij Vandeweyer"]
    assert [o.name for o in client.get(url, {"kind": "school"}).context["page"]] == ["Campus De Brug"]


def test_the_organisation_list_counts_sites_and_workplaces(client, cast):
    second = SiteFactory(organisation=cast.employer, name="Winkel Genk")
    WorkplaceFactory(employer=cast.employer, site=second)
    WorkplaceFactory(employer=cast.employer, site=second)
    client.force_login(cast.coordinator)

    page = client.get(reverse("organisations:list"), {"q": "Vandeweyer"}).context["page"]

    (bakery,) = page
    assert (bakery.site_count, bakery.workplace_count) == (2, 3)


def _employers(cast, n):
    for _ in range(n):
        WorkplaceFactory(employer=OrganisationFactory(kind="employer", region=cast.region))


def _sites(cast, n):
    SiteFactory.create_batch(n, organisation=cast.employer)


def _programmes(cast, n):
    for _ in range(n):
        programme = ProgrammeFactory(school=cast.school)
        ProgrammeCompetenceFactory(programme=programme, core=True)
        ProgrammeCompetenceFactory(programme=programme, core=False)


@pytest.mark.parametrize(
    "url_name, add_rows, queries",
    [
        # session, user, roles; may the person use directories (1); number of rows (1); the menu's
        # "may invite" (1); the rows with region and counts (1); saving the session (3)
        ("organisations:list", _employers, 10),
        # session, user, roles; directory check (1); number of rows (1); "may invite" (1);
        # the sites with their organisation and workplace count (1); saving the session (3)
        ("organisations:sites", _sites, 10),
        # session, user, roles; directory check (1); number of rows (1); "may add a programme" (1);
        # "may invite" (1); the programmes with school and core/optional counts (1); saving the session (3)
        ("organisations:programmes", _programmes, 11),
    ],
)
def test_directory_queries_do_not_grow_with_the_rows(
    client, cast, django_assert_max_num_queries, url_name, add_rows, queries
):
    client.force_login(cast.coordinator)
    add_rows(cast, 5)
    with django_assert_max_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200
    add_rows(cast, 35)
    with django_assert_max_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200
