import re

import pytest
from django.urls import reverse

from werkbrug.competences.models import Rubric, RubricLevel
from werkbrug.organisations.models import Programme

from ..factories import CompetenceFactory, ProgrammeCompetenceFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _profile_rows(html: str) -> list[str]:
    """The rows of the profile table as plain text, one string per row."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>") if row.strip()]


@pytest.fixture
def profile(cast):
    receive = CompetenceFactory(framework=cast.framework, code="LOG-01", title_en="Receives goods")
    forklift = CompetenceFactory(framework=cast.framework, code="LOG-07", title_en="Drives a forklift")
    ProgrammeCompetenceFactory(programme=cast.programme, competence=forklift, core=False, target_level=4)
    ProgrammeCompetenceFactory(programme=cast.programme, competence=receive, core=True, target_level=3)
    return receive, forklift


def test_the_programme_page_shows_the_profile_core_first_with_the_target_level_in_words(
    client, cast, profile
):
    client.force_login(cast.coach)
    response = client.get(cast.programme.get_absolute_url())

    rows = _profile_rows(response.content.decode())
    assert len(rows) == 2
    assert rows[0].startswith("Receives goods LOG-01 · Testkader core")
    assert rows[0].endswith("3. With some help")
    assert rows[1].startswith("Drives a forklift LOG-07 · Testkader optional")
    assert rows[1].endswith("4. Independently")


def test_target_levels_are_named_by_the_programme_s_own_rubric(client, cast, profile):
    rubric = Rubric.objects.create(name="Drie stappen")
    for number, label in [(1, "Starts"), (2, "Grows"), (3, "Can do it")]:
        RubricLevel.objects.create(
            rubric=rubric,
            number=number,
            label_nl=label,
            label_en=label,
            descriptor_nl="-",
            descriptor_en="-",
        )
    Programme.objects.filter(pk=cast.programme.pk).update(rubric=rubric)
    client.force_login(cast.coach)

    rows = _profile_rows(client.get(cast.programme.get_absolute_url()).content.decode())

    assert rows[0].endswith("3. Can do it")
    assert rows[1].endswith(" 4")  # the rubric has no level 4: the number, not an invented label


def test_a_programme_without_a_profile_says_matching_needs_one(client, cast):
    client.force_login(cast.coach)
    html = client.get(cast.programme.get_absolute_url()).content.decode()

    assert "This programme has no competence profile yet" in html


def test_the_programme_list_counts_core_competences_and_filters(client, cast, profile):
    ProgrammeFactory(
        school=cast.school, name="Keukenhulp", type=Programme.Type.BUSO_OV3, sector="hospitality"
    )
    ProgrammeFactory(school=cast.school, name="Verkoper", qualification_code="BK-0123")
    client.force_login(cast.coordinator)
    url = reverse("organisations:programmes")

    every = client.get(url).context["page"]
    assert {p.name: p.core_count for p in every} == {"Keukenhulp": 0, "Logistiek assistent": 1, "Verkoper": 0}
    assert [p.name for p in client.get(url, {"type": "buso_ov3"}).context["page"]] == ["Keukenhulp"]
    assert [p.name for p in client.get(url, {"sector": "hospitality"}).context["page"]] == ["Keukenhulp"]
    assert [p.name for p in client.get(url, {"q": "bk-01"}).context["page"]] == ["Verkoper"]


def test_a_programme_of_another_region_is_not_in_the_list(client, cast):
    ProgrammeFactory(school=cast.other_school, name="Bakker")
    client.force_login(cast.coordinator)

    names = [p.name for p in client.get(reverse("organisations:programmes")).context["page"]]

    assert "Bakker" not in names


def test_a_second_programme_with_the_same_name_at_a_school_is_refused(client, cast):
    client.force_login(cast.school_admin)
    response = client.post(
        reverse("organisations:programme_add"),
        {
            "school": cast.school.pk,
            "type": "duaal_leren",
            "name": "Logistiek assistent",
            "rubric": cast.programme.rubric_id,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Programme.objects.filter(school=cast.school, name="Logistiek assistent").count() == 1


def test_renaming_a_programme_to_a_name_the_school_already_uses_is_refused(client, cast):
    other = ProgrammeFactory(school=cast.school, name="Verkoper")
    client.force_login(cast.school_admin)
    response = client.post(
        reverse("organisations:programme_edit", kwargs={"pk": other.pk}),
        {"type": "duaal_leren", "name": "Logistiek assistent", "rubric": other.rubric_id},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    other.refresh_from_db()
    assert other.name == "Verkoper"
