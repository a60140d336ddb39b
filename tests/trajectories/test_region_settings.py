"""A region's own phase names and cadences, set by its coordinator: the names show on every trajectory of
the region, a name put back as by default follows the platform's wording again, and a refused form loses
nothing."""

import pytest
from django.urls import reverse

from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Role
from werkbrug.trajectories.models import DEFAULT_PHASES, PhaseName, RegionTrajectorySettings

from ..factories import MembershipFactory, OrganisationFactory, RegionFactory


def _url(cast) -> str:
    return reverse("trajectories:region_settings", kwargs={"pk": cast.region.pk})


def _data(**changes) -> dict:
    data = {"review_weeks": "8", "evaluation_weeks": "4"}
    for number, nl, en in DEFAULT_PHASES:
        data |= {f"phase_{number}_nl": nl, f"phase_{number}_en": en}
    return data | changes


def test_the_coordinator_renames_a_phase_and_sets_the_cadence(client, cast, trajectory):
    client.force_login(cast.coordinator)
    page = client.get(_url(cast)).content.decode()
    assert 'value="Samen in veiligheid"' in page and 'value="8"' in page  # the defaults to start from
    response = client.post(
        _url(cast),
        _data(review_weeks="6", phase_2_nl="Samen op de vloer", phase_2_en="Together on the floor"),
        follow=True,
    )
    assert "The region&#x27;s settings are saved." in response.content.decode()
    settings = RegionTrajectorySettings.objects.get(region=cast.region)
    assert (settings.review_weeks, settings.evaluation_weeks) == (6, 4)
    assert list(PhaseName.objects.values_list("number", "name_nl", "name_en")) == [
        (2, "Samen op de vloer", "Together on the floor")
    ]
    client.force_login(cast.coach)
    detail = client.get(reverse("trajectories:detail", kwargs={"pk": trajectory.pk})).content.decode()
    assert "Together on the floor" in detail

    client.force_login(cast.coordinator)
    client.post(_url(cast), _data(review_weeks="6"))  # phase 2 named as by default again
    assert not PhaseName.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phase_3_en": ""}, "Give phase 3 a name."),
        ({"phase_4_nl": "eerste weken"}, "Two phases have the same name"),
        ({"review_weeks": "0"}, "Ensure this value is greater than or equal to 1."),
    ],
    ids=["blank", "twice", "weeks"],
)
def test_a_refused_form_says_why_and_keeps_what_was_typed(client, cast, changes, message):
    client.force_login(cast.coordinator)
    response = client.post(_url(cast), _data(phase_1_nl="Eerste weken", **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Eerste weken"' in page
    assert not PhaseName.objects.exists()
    assert not RegionTrajectorySettings.objects.exists()


def test_a_coordinator_of_another_region_cannot_open_this_one(client, cast):
    elsewhere = OrganisationFactory(kind=Organisation.Kind.NETWORK, region=RegionFactory(name="Antwerpen"))
    other = MembershipFactory(role=Role.COORDINATOR, organisation=elsewhere).user
    client.force_login(other)
    assert client.get(_url(cast)).status_code == 404
    assert client.post(_url(cast), _data(review_weeks="3")).status_code == 404
    assert not RegionTrajectorySettings.objects.exists()


def test_the_coordinators_home_links_to_the_settings(client, cast):
    client.force_login(cast.coordinator)
    assert _url(cast) in client.get("/").content.decode()
