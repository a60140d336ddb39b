import pytest
from django.urls import reverse

from werkbrug.organisations.models import Site

from ..factories import SiteFactory

pytestmark = pytest.mark.django_db


def _add_site(client, cast, **fields):
    data = {"name": "Atelier Hasselt", "street": "Kempische Steenweg", "number": "5", "country": "BE"}
    client.force_login(cast.org_admin)
    return client.post(reverse("organisations:site_add", kwargs={"pk": cast.employer.pk}), data | fields)


def test_a_site_with_an_unknown_postcode_is_refused_next_to_the_field_and_nothing_is_saved(client, cast):
    response = _add_site(client, cast, postcode="9999")

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["postcode"]
    html = response.content.decode()
    assert 'id="id_postcode_error"' in html
    assert "error-summary" in html
    assert response.context["form"]["street"].value() == "Kempische Steenweg"  # nothing typed is lost
    assert not Site.objects.filter(name="Atelier Hasselt").exists()


def test_a_known_postcode_gets_its_coordinates_and_the_municipality_filled_in(client, cast):
    response = _add_site(client, cast, postcode="3500", municipality="")

    assert response.status_code == 302 and response.url == cast.employer.get_absolute_url()
    site = Site.objects.get(name="Atelier Hasselt")
    assert (site.postcode, site.municipality, site.country) == ("3500", "Hasselt", "BE")
    assert (site.latitude, site.longitude) == pytest.approx((50.9151, 5.32285))
    assert site.organisation == cast.employer


def test_a_dutch_postcode_with_letters_is_found_and_kept_whole(client, cast):
    _add_site(client, cast, postcode="6211 ab", country="NL", municipality="")

    site = Site.objects.get(name="Atelier Hasselt")
    assert (site.postcode, site.municipality, site.country) == ("6211AB", "Maastricht", "NL")
    assert (site.latitude, site.longitude) == pytest.approx((50.8503, 5.6882))


def test_a_belgian_postcode_written_with_the_country_letter_is_stored_plainly(client, cast):
    _add_site(client, cast, postcode="B-3500", municipality="")

    assert Site.objects.get(name="Atelier Hasselt").postcode == "3500"


def test_a_municipality_typed_in_is_kept(client, cast):
    _add_site(client, cast, postcode="3500", municipality="Hasselt-Centrum")

    assert Site.objects.get(name="Atelier Hasselt").municipality == "Hasselt-Centrum"


def test_a_belgian_postcode_is_unknown_in_the_netherlands(client, cast):
    response = _add_site(client, cast, postcode="3500", country="NL")

    assert "postcode" in response.context["form"].errors
    assert not Site.objects.filter(name="Atelier Hasselt").exists()


def test_moving_a_site_to_another_postcode_moves_its_coordinates(client, cast):
    client.force_login(cast.org_admin)
    response = client.post(
        reverse("organisations:site_edit", kwargs={"pk": cast.site.pk}),
        {
            "name": cast.site.name,
            "street": "Bampslaan",
            "number": "1",
            "postcode": "3500",
            "municipality": "",
            "country": "BE",
        },
    )

    assert response.status_code == 302
    cast.site.refresh_from_db()
    assert (cast.site.postcode, cast.site.municipality) == ("3500", "Hasselt")
    assert cast.site.latitude == pytest.approx(50.9151)


def test_a_second_site_with_the_same_name_is_refused_with_a_message(client, cast):
    response = _add_site(client, cast, name=cast.site.name, postcode="3500")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Site.objects.filter(organisation=cast.employer, name=cast.site.name).count() == 1


def test_the_site_list_narrows_to_a_place(client, cast):
    SiteFactory(organisation=cast.employer, name="Depot Hasselt", postcode="3500", municipality="Hasselt")
    client.force_login(cast.coordinator)

    by_postcode = client.get(reverse("organisations:sites"), {"place": "350"})
    by_name = client.get(reverse("organisations:sites"), {"place": "genk"})

    assert [s.name for s in by_postcode.context["page"]] == ["Depot Hasselt"]
    assert [s.name for s in by_name.context["page"]] == ["Magazijn Genk"]
