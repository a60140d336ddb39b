"""What the employer admin fills in for a workplace: places per period, what is learnt there, its mentors."""

import datetime

import pytest
from django.urls import reverse

from werkbrug.competences.models import Competence
from werkbrug.placements.models import Capacity, WorkplaceCompetence, WorkplaceMentor

from ..factories import (
    CompetenceFactory,
    MembershipFactory,
    ProgrammeCompetenceFactory,
    ProgrammeFactory,
    RecognitionFactory,
)

pytestmark = pytest.mark.django_db


# -- places per period --


def _places(client, cast, starts_on, ends_on, places):
    client.force_login(cast.org_admin)
    url = reverse("placements:workplace_capacity", kwargs={"pk": cast.workplace.pk})
    return client.post(url, {"starts_on": starts_on, "ends_on": ends_on, "places": places})


def _periods(cast) -> list[tuple[datetime.date, datetime.date, int]]:
    return list(cast.workplace.capacities.values_list("starts_on", "ends_on", "places"))


def test_places_for_a_school_year_show_on_the_workplace(client, cast):
    response = _places(client, cast, "2026-09-01", "2027-06-30", 2)

    assert response.status_code == 302 and response.url == cast.workplace.get_absolute_url()
    assert _periods(cast) == [(datetime.date(2026, 9, 1), datetime.date(2027, 6, 30), 2)]
    client.force_login(cast.jobhunter)
    page = client.get(cast.workplace.get_absolute_url()).content.decode()
    assert "1 Sep 2026 \N{EN DASH} 30 Jun 2027: 0 of 2 places taken" in page


def test_an_overlapping_period_is_refused(client, cast):
    _places(client, cast, "2026-09-01", "2027-06-30", 2)

    response = _places(client, cast, "2027-01-01", "2027-12-31", 1)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This period overlaps another period of this workplace."
    ]
    assert len(_periods(cast)) == 1


def test_the_same_start_changes_that_period(client, cast):
    _places(client, cast, "2026-09-01", "2027-06-30", 2)

    _places(client, cast, "2026-09-01", "2027-08-31", 3)

    assert _periods(cast) == [(datetime.date(2026, 9, 1), datetime.date(2027, 8, 31), 3)]


def test_lengthening_a_period_into_the_next_one_is_refused(client, cast):
    _places(client, cast, "2026-09-01", "2027-06-30", 2)
    _places(client, cast, "2027-09-01", "2028-06-30", 2)

    response = _places(client, cast, "2026-09-01", "2027-12-31", 2)

    assert response.context["form"].non_field_errors()
    assert [end for _, end, _ in _periods(cast)] == [datetime.date(2027, 6, 30), datetime.date(2028, 6, 30)]


def test_a_period_right_after_another_is_fine(client, cast):
    _places(client, cast, "2026-09-01", "2027-06-30", 2)

    _places(client, cast, "2027-07-01", "2027-08-31", 1)

    assert len(_periods(cast)) == 2


def test_a_period_that_ends_before_it_starts_is_refused_next_to_the_end(client, cast):
    response = _places(client, cast, "2027-06-30", "2026-09-01", 2)

    assert response.context["form"].errors["ends_on"] == ["The period must end after it starts."]
    assert not Capacity.objects.exists()


# -- what a learner learns here --


@pytest.fixture
def profile(cast):
    """The competences of the programme the workplace applied for, and of one it was refused for."""
    receive = CompetenceFactory(framework=cast.framework, code="LOG-01", title_en="Receives goods")
    punctual = CompetenceFactory(
        framework=cast.framework, code="GEN-01", title_en="Is on time", kind=Competence.Kind.GENERIC
    )
    forklift = CompetenceFactory(framework=cast.framework, code="LOG-07", title_en="Drives a forklift")
    ProgrammeCompetenceFactory(programme=cast.programme, competence=punctual)
    ProgrammeCompetenceFactory(programme=cast.programme, competence=receive)
    refused = RecognitionFactory(
        workplace=cast.workplace, programme=ProgrammeFactory(school=cast.school), status="refused"
    )
    ProgrammeCompetenceFactory(programme=refused.programme, competence=forklift)
    return receive, punctual, forklift


def _competences_url(cast) -> str:
    return reverse("placements:workplace_competences", kwargs={"pk": cast.workplace.pk})


def _taught(cast) -> dict[str, int]:
    return dict(
        WorkplaceCompetence.objects.filter(workplace=cast.workplace).values_list("competence__code", "level")
    )


def test_the_page_lists_the_competences_of_the_programmes_applied_for(client, cast, profile):
    receive, _punctual, _forklift = profile
    client.force_login(cast.org_admin)

    form = client.get(_competences_url(cast)).context["form"]

    # Occupational competences first; the programme the workplace was refused for is left out.
    assert [field.label for field in form] == ["Receives goods", "Is on time"]
    assert [label for _value, label in form.fields[f"c{receive.pk}"].choices] == [
        "Not here",
        "1. Not yet",
        "2. With a lot of help",
        "3. With some help",
        "4. Independently",
    ]


def test_saving_levels_stores_them_and_not_here_removes_them(client, cast, profile):
    receive, punctual, _forklift = profile
    client.force_login(cast.org_admin)

    first = client.post(_competences_url(cast), {f"c{receive.pk}": "3", f"c{punctual.pk}": "4"})
    assert first.status_code == 302 and first.url == cast.workplace.get_absolute_url()
    assert _taught(cast) == {"LOG-01": 3, "GEN-01": 4}

    client.post(_competences_url(cast), {f"c{receive.pk}": "2", f"c{punctual.pk}": ""})
    assert _taught(cast) == {"LOG-01": 2}

    page = client.get(cast.workplace.get_absolute_url()).content.decode()
    assert "Receives goods" in page and "up to level 2" in page
    assert "Is on time" not in page


def test_a_workplace_without_an_application_is_asked_to_apply_first(client, cast):
    cast.recognition.delete()
    client.force_login(cast.org_admin)

    response = client.get(_competences_url(cast))

    assert list(response.context["form"].fields) == []
    assert "Apply for recognition for a programme first" in response.content.decode()


# -- mentors --


def _mentors_url(cast) -> str:
    return reverse("placements:workplace_mentors", kwargs={"pk": cast.workplace.pk})


def test_the_employer_names_its_mentors_and_can_take_one_off(client, cast):
    colleague = MembershipFactory(role="mentor", organisation=cast.employer).user
    client.force_login(cast.org_admin)

    offered = client.get(_mentors_url(cast)).context["form"].fields["mentors"].queryset
    client.post(_mentors_url(cast), {"mentors": [cast.mentor.pk, colleague.pk]})
    named = set(WorkplaceMentor.objects.filter(workplace=cast.workplace).values_list("mentor", flat=True))
    client.post(_mentors_url(cast), {"mentors": [colleague.pk]})

    assert set(offered) == {cast.mentor, colleague}
    assert named == {cast.mentor.pk, colleague.pk}
    assert [m.mentor for m in WorkplaceMentor.objects.filter(workplace=cast.workplace)] == [colleague]


def test_only_mentors_of_the_employer_can_be_named(client, cast):
    client.force_login(cast.org_admin)

    response = client.post(_mentors_url(cast), {"mentors": [cast.coach.pk]})

    assert "mentors" in response.context["form"].errors
    assert not WorkplaceMentor.objects.exists()
