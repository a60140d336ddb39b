"""The training plan as a PDF: a download in the reader's language, for those who may read the plan."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from werkbrug.trajectories.services import plan_sign

from ..factories import UserFactory, WorkplaceFactory, WorkplaceMentorFactory


def _url(trajectory, version: int = 1, lang: str = "") -> str:
    url = reverse("trajectories:plan_pdf", kwargs={"pk": trajectory.pk, "version": version})
    return f"{url}?lang={lang}" if lang else url


def _text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_coach_downloads_the_plan_as_a_pdf_named_after_the_learner(client, cast, trajectory):
    cast.learner.full_name = "Jana Peeters"
    cast.learner.save()
    client.force_login(cast.coach)
    response = client.get(_url(trajectory))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="training-plan-jana-peeters-v1.pdf"'
    text = _text(response)
    assert "Training plan" in text and "Jana Peeters" in text
    assert "Phase 1" in text and "OCC-3" in text
    assert "Page 1 of" in text


def test_the_dutch_pdf_says_opleidingsplan(client, cast, trajectory):
    cast.learner.full_name = "Jana Peeters"
    cast.learner.save()
    client.force_login(cast.mentor)
    response = client.get(_url(trajectory, lang="nl"))
    assert response["Content-Disposition"] == 'attachment; filename="opleidingsplan-jana-peeters-v1.pdf"'
    text = _text(response)
    assert "Opleidingsplan" in text
    assert "Competentie OCC-3" in text  # the competence's Dutch title


def test_the_pdf_shows_who_signed_and_who_still_has_to(client, cast, trajectory):
    plan = trajectory.plans.get()
    plan_sign(plan=plan, as_role="mentor", by=cast.mentor)
    client.force_login(cast.learner)
    text = _text(client.get(_url(trajectory)))
    assert cast.mentor.full_name in text
    assert "Still to sign" in text
    assert "Parent" in text  # the learner is a minor


def test_opening_the_pdf_is_written_to_the_read_log(client, cast, trajectory):
    from werkbrug.privacy.models import FileRead

    client.force_login(cast.mentor)
    client.get(_url(trajectory))
    assert FileRead.objects.filter(learner=cast.learner_profile, reader=cast.mentor).exists()


def test_a_version_that_does_not_exist_is_not_found(client, cast, trajectory):
    client.force_login(cast.coach)
    assert client.get(_url(trajectory, version=7)).status_code == 404


def test_a_mentor_of_another_workplace_gets_not_found(client, cast, trajectory):
    other = UserFactory()
    WorkplaceMentorFactory(workplace=WorkplaceFactory(employer=cast.employer, site=cast.site), mentor=other)
    client.force_login(other)
    assert client.get(_url(trajectory)).status_code == 404


@pytest.mark.parametrize("lang", ["xx", ""])
def test_an_unknown_language_falls_back_to_the_page_language(client, cast, trajectory, lang):
    client.force_login(cast.coach)
    response = client.get(_url(trajectory, lang=lang))
    assert "training-plan-" in response["Content-Disposition"]
