"""The shared language behind programme profiles: frameworks of competences and the rubric."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from werkbrug.competences.models import Competence, Framework

from ..factories import CompetenceFactory, FrameworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def competences(cast):
    CompetenceFactory(
        framework=cast.framework, code="LOG-01", title_nl="Goederen ontvangen", title_en="Receives goods"
    )
    CompetenceFactory(
        framework=cast.framework, code="LOG-02", title_nl="Orders picken", title_en="Picks orders"
    )
    CompetenceFactory(
        framework=cast.framework,
        code="GEN-01",
        title_nl="Is op tijd",
        title_en="",
        kind=Competence.Kind.GENERIC,
    )


def _titles(client, cast, **params) -> list[str]:
    """The competence titles as the page shows them (in the language of the request)."""
    url = reverse("competences:framework", kwargs={"code": cast.framework.code})
    return re.findall(r"<li><strong>(.*?)</strong>", client.get(url, params).content.decode())


def test_the_frameworks_page_counts_competences_and_explains_the_rubric(client, cast, competences):
    FrameworkFactory(code="leeg", name="Leeg kader")
    client.force_login(cast.mentor)

    response = client.get(reverse("competences:frameworks"))

    assert {(fw.name, fw.size) for fw in response.context["frameworks"]} == {
        ("Testkader", 3),
        ("Leeg kader", 0),
    }
    html = response.content.decode()
    assert "3 competences" in html and "0 competences" in html
    assert (
        "3. With some help</th><td>Does most of the task alone; asks for help with something new.</td>"
        in html
    )


def test_a_framework_is_searched_by_code_or_title_and_filtered_by_kind(client, cast, competences):
    client.force_login(cast.mentor)

    assert _titles(client, cast) == ["Is op tijd", "Receives goods", "Picks orders"]
    assert _titles(client, cast, q="log-02") == ["Picks orders"]
    assert _titles(client, cast, q="ontvangen") == ["Receives goods"]  # the Dutch title is searched too
    assert _titles(client, cast, kind="generic") == ["Is op tijd"]


def test_titles_show_in_the_reader_s_language_and_fall_back_to_the_other(cast, competences):
    dutch = Client(headers={"accept-language": "nl"})
    dutch.force_login(cast.mentor)

    assert _titles(dutch, cast) == ["Is op tijd", "Goederen ontvangen", "Orders picken"]


def test_a_coordinator_adds_a_framework_and_goes_on_to_import_it(client, cast):
    client.force_login(cast.coordinator)

    response = client.post(
        reverse("competences:framework_add"),
        {
            "code": "bk-logistiek",
            "name": "Logistiek medewerker",
            "kind": "beroepskwalificatie",
            "source": "AHOVOKS",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("competences:import", kwargs={"code": "bk-logistiek"})
    assert Framework.objects.get(code="bk-logistiek").name == "Logistiek medewerker"


def test_a_long_framework_is_shown_fifty_at_a_time(client, cast):
    CompetenceFactory.create_batch(60, framework=cast.framework)
    client.force_login(cast.mentor)

    url = reverse("competences:framework", kwargs={"code": cast.framework.code})
    first, second = client.get(url), client.get(url, {"page": 2})

    assert (len(first.context["page"]), len(second.context["page"])) == (50, 10)
