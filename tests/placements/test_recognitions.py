"""Recognition (erkenning): the employer applies, the region's coordinator grants, refuses or withdraws."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from werkbrug.placements.models import Recognition
from werkbrug.placements.services import PlacementError, recognition_apply, recognition_grant

from ..factories import (
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RecognitionFactory,
    RegionFactory,
    WorkplaceMentorFactory,
)

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _review(client, cast, recognition=None, **data):
    client.force_login(cast.coordinator)
    recognition = recognition or cast.recognition
    return client.post(reverse("placements:recognition", kwargs={"pk": recognition.pk}), data)


def _withdraw(client, cast, recognition, reason):
    client.force_login(cast.coordinator)
    url = reverse("placements:recognition_withdraw", kwargs={"pk": recognition.pk})
    return client.post(url, {"reason": reason})


@pytest.fixture
def granted(cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)
    return RecognitionFactory(
        workplace=cast.workplace, programme=ProgrammeFactory(school=cast.school), granted=True
    )


# -- applying --


def test_the_employer_applies_for_a_programme_of_the_region(client, cast):
    retail = ProgrammeFactory(school=cast.school, name="Verkoop")
    client.force_login(cast.org_admin)
    url = reverse("placements:recognition_apply", kwargs={"pk": cast.workplace.pk})

    offered = client.get(url).context["form"].fields["programme"].queryset
    response = client.post(url, {"programme": retail.pk})

    assert list(offered) == [retail]  # the programme already applied for is not offered again
    assert response.status_code == 302 and response.url == cast.workplace.get_absolute_url()
    assert _messages(response) == ["Application sent. The regional coordinator reviews it."]
    application = Recognition.objects.get(workplace=cast.workplace, programme=retail)
    assert (application.status, application.applied_by) == ("applied", cast.org_admin)


def test_a_second_application_for_the_same_programme_is_refused(client, cast):
    client.force_login(cast.org_admin)
    url = reverse("placements:recognition_apply", kwargs={"pk": cast.workplace.pk})

    response = client.post(url, {"programme": cast.programme.pk})

    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert Recognition.objects.filter(workplace=cast.workplace, programme=cast.programme).count() == 1
    with pytest.raises(PlacementError, match="already has an application or recognition"):
        recognition_apply(workplace=cast.workplace, programme=cast.programme, by=cast.org_admin)


def test_a_programme_of_another_region_cannot_be_applied_for(client, cast):
    far = ProgrammeFactory(school=cast.other_school, name="Bakker")
    client.force_login(cast.org_admin)

    response = client.post(
        reverse("placements:recognition_apply", kwargs={"pk": cast.workplace.pk}), {"programme": far.pk}
    )

    assert "programme" in response.context["form"].errors
    assert not Recognition.objects.filter(programme=far).exists()


def test_after_a_refusal_the_employer_may_apply_again(client, cast):
    _review(client, cast, decision="refuse", note="Geen mentor aangeduid.")
    client.force_login(cast.org_admin)

    response = client.post(
        reverse("placements:recognition_apply", kwargs={"pk": cast.workplace.pk}),
        {"programme": cast.programme.pk},
    )

    assert response.status_code == 302
    statuses = Recognition.objects.filter(workplace=cast.workplace, programme=cast.programme)
    assert sorted(statuses.values_list("status", flat=True)) == ["applied", "refused"]


# -- granting --


def test_a_recognition_cannot_be_granted_without_a_named_mentor(client, cast):
    client.force_login(cast.coordinator)
    page = client.get(reverse("placements:recognition", kwargs={"pk": cast.recognition.pk}))
    response = _review(client, cast, decision="grant")

    assert "No mentor named" in page.content.decode()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Name a mentor for this workplace first: recognition needs one."
    ]
    cast.recognition.refresh_from_db()
    assert (cast.recognition.status, cast.recognition.number) == ("applied", None)


def test_granting_gives_a_number_and_five_years_from_today(client, cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)
    today = timezone.localdate()

    response = _review(client, cast, decision="grant", note="Welkom in het netwerk.")

    assert response.status_code == 302 and response.url == reverse("placements:recognitions")
    assert _messages(response) == ["Workplace recognised."]
    r = Recognition.objects.get(pk=cast.recognition.pk)
    assert r.status == "granted"
    assert r.number == f"WB-{today.year}-{r.pk:06d}"
    assert r.starts_on == today
    assert r.expires_on == today.replace(year=today.year + 5)
    assert (r.reviewed_by, r.note) == (cast.coordinator, "Welkom in het netwerk.")
    assert r.is_valid_on(today)


def test_the_coordinator_may_choose_the_period(client, cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)

    _review(client, cast, decision="grant", starts_on="2026-09-01", expires_on="2028-08-31")

    r = Recognition.objects.get(pk=cast.recognition.pk)
    assert (r.number, r.starts_on, r.expires_on) == (
        f"WB-2026-{r.pk:06d}",
        datetime.date(2026, 9, 1),
        datetime.date(2028, 8, 31),
    )


def test_a_period_that_ends_before_it_starts_is_refused(client, cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)

    response = _review(client, cast, decision="grant", starts_on="2026-09-01", expires_on="2026-08-31")

    assert response.context["form"].non_field_errors() == ["The recognition must end after it starts."]
    assert Recognition.objects.get(pk=cast.recognition.pk).status == "applied"


def test_the_recognition_shows_on_the_workplace_once_granted(client, cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)
    _review(client, cast, decision="grant")
    number = Recognition.objects.get(pk=cast.recognition.pk).number
    client.force_login(cast.jobhunter)

    html = client.get(cast.workplace.get_absolute_url()).content.decode()
    rows = client.get(reverse("placements:workplaces"), {"programme": cast.programme.pk}).context["rows"]

    assert number in html
    assert [wp for wp, _ in rows] == [cast.workplace]


def test_a_recognition_starting_on_a_leap_day_runs_five_years(cast):
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)

    r = recognition_grant(
        recognition=cast.recognition, by=cast.coordinator, starts_on=datetime.date(2028, 2, 29)
    )

    assert r.expires_on in {datetime.date(2033, 2, 28), datetime.date(2033, 3, 1)}


# -- refusing --


def test_refusing_needs_a_note_for_the_employer(client, cast):
    response = _review(client, cast, decision="refuse", note="  ")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Say why, so the employer knows what to change."]
    assert Recognition.objects.get(pk=cast.recognition.pk).status == "applied"


def test_a_refusal_with_a_note_is_shown_to_the_employer(client, cast):
    response = _review(client, cast, decision="refuse", note="De werkplek heeft geen veiligheidsplan.")

    assert _messages(response) == ["Application refused."]
    r = Recognition.objects.get(pk=cast.recognition.pk)
    assert (r.status, r.reviewed_by, r.number) == ("refused", cast.coordinator, None)
    client.force_login(cast.org_admin)
    assert (
        "De werkplek heeft geen veiligheidsplan."
        in client.get(cast.workplace.get_absolute_url()).content.decode()
    )


def test_a_decided_application_cannot_be_decided_again(client, cast):
    _review(client, cast, decision="refuse", note="Nee.")
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)

    with pytest.raises(PlacementError, match="Only an open application can be recognised"):
        recognition_grant(recognition=cast.recognition, by=cast.coordinator)


# -- withdrawing --


def test_withdrawing_needs_a_reason(client, cast, granted):
    response = _withdraw(client, cast, granted, reason="")

    assert response.status_code == 302
    assert response.url == reverse("placements:recognition", kwargs={"pk": granted.pk})
    assert _messages(response) == ["Give the reason for the withdrawal."]
    granted.refresh_from_db()
    assert granted.status == "granted"


def test_withdrawing_a_recognition_in_force_keeps_the_reason(client, cast, granted):
    client.force_login(cast.coordinator)
    page = client.get(reverse("placements:recognition", kwargs={"pk": granted.pk}))
    response = _withdraw(client, cast, granted, reason="Het bedrijf is verhuisd.")

    assert page.context["withdraw"] is not None
    assert _messages(response) == ["Recognition withdrawn."]
    granted.refresh_from_db()
    assert (granted.status, granted.withdrawal_reason) == ("withdrawn", "Het bedrijf is verhuisd.")
    assert granted.withdrawn_at is not None
    assert not granted.is_valid_on(timezone.localdate())


def test_only_a_recognition_in_force_can_be_withdrawn(client, cast):
    response = _withdraw(client, cast, cast.recognition, reason="Vergissing.")

    assert _messages(response) == ["Only a recognition in force can be withdrawn."]
    assert Recognition.objects.get(pk=cast.recognition.pk).status == "applied"


# -- the coordinator's desk --


def test_a_coordinator_of_another_region_gets_not_found(client, cast, granted):
    far_network = OrganisationFactory(kind="network", region=RegionFactory(name="Drenthe", country="NL"))
    far_coordinator = MembershipFactory(role="coordinator", organisation=far_network).user
    client.force_login(far_coordinator)

    review = client.get(reverse("placements:recognition", kwargs={"pk": cast.recognition.pk}))
    decide = client.post(
        reverse("placements:recognition", kwargs={"pk": cast.recognition.pk}),
        {"decision": "refuse", "note": "x"},
    )
    withdraw = client.post(
        reverse("placements:recognition_withdraw", kwargs={"pk": granted.pk}), {"reason": "x"}
    )
    desk = client.get(reverse("placements:recognitions"))

    assert (review.status_code, decide.status_code, withdraw.status_code) == (404, 404, 404)
    assert list(desk.context["page"]) == []
    assert Recognition.objects.get(pk=cast.recognition.pk).status == "applied"
    assert Recognition.objects.get(pk=granted.pk).status == "granted"


def test_the_desk_lists_open_applications_first_and_recognitions_per_status(client, cast, granted):
    client.force_login(cast.coordinator)

    applied = client.get(reverse("placements:recognitions"))
    in_force = client.get(reverse("placements:recognitions"), {"status": "granted"})

    assert applied.context["status"] == "applied"
    assert list(applied.context["page"]) == [cast.recognition]
    assert list(in_force.context["page"]) == [granted]
    assert granted.number in in_force.content.decode()
