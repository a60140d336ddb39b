"""The register's lists make the same number of queries with 5 rows as with 40 (a page shows 25).

Every signed-in page starts with the session, the user and the person's roles (middleware), and ends by
saving the session (savepoint, update, release); the base layout asks once whether the person may invite.
"""

import pytest
from django.urls import reverse

from ..factories import RecognitionFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db


def _recognised_workplaces(cast, n):
    for _ in range(n):
        RecognitionFactory(
            workplace=WorkplaceFactory(employer=cast.employer, site=cast.site),
            programme=cast.programme,
            granted=True,
        )


def _applications(cast, n):
    for _ in range(n):
        RecognitionFactory(
            workplace=WorkplaceFactory(employer=cast.employer, site=cast.site), programme=cast.programme
        )


@pytest.mark.parametrize(
    "url_name, params, add_rows, queries",
    [
        pytest.param(
            "placements:workplaces",
            {},
            _recognised_workplaces,
            # session, user, roles (3); may use the register (1); number of rows (1); the rows with
            # employer, region and site (1); their recognitions in force with programme (1); "may add a
            # workplace" (1); "may invite" (1); the programme filter's choices (1); saving the session (3)
            13,
            id="workplaces",
        ),
        pytest.param(
            "placements:workplaces",
            {"from_postcode": "3500", "mode": "bike"},
            _recognised_workplaces,
            # the 13 above, and: the region of the active role (1), its travel factors (1), the measured
            # times touching the origin or the rows' postcodes (1)
            16,
            id="workplaces-with-travel",
        ),
        pytest.param(
            "placements:recognitions",
            {},
            _applications,
            # session, user, roles (3); is a coordinator (1); number of rows (1); "may invite" (1); the rows
            # with workplace, employer, site, programme and school (1); saving the session (3)
            10,
            id="recognitions",
        ),
    ],
)
def test_register_queries_do_not_grow_with_the_rows(
    client, cast, django_assert_max_num_queries, url_name, params, add_rows, queries
):
    client.force_login(cast.coordinator)
    add_rows(cast, 5)
    with django_assert_max_num_queries(queries):
        assert client.get(reverse(url_name), params).status_code == 200
    add_rows(cast, 35)
    with django_assert_max_num_queries(queries):
        response = client.get(reverse(url_name), params)
    assert len(response.context["page"]) == 25
