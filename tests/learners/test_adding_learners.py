"""A coach adds a learner with their profile; the learner sets a password through the invitation."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.services import LearnerError, learner_create
from werkbrug.people.models import Invitation, Membership, Role, User
from werkbrug.people.services import invitation_create

from ..factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _new_learner(cast, **fields) -> dict:
    return {
        "email": "Yasmina.Elamrani@Example.org",
        "full_name": "Yasmina El Amrani",
        "programme": cast.programme.pk,
        "coach": cast.coach.pk,
        "home_country": "BE",
        "home_postcode": "3500",
        "mobility_modes": ["bike", "public_transport"],
        "max_travel_minutes": "40",
        "dutch_level": "A2",
        "days_available": ["1", "2", "3"],
        **fields,
    }


def _add(client, cast, capture, **fields):
    client.force_login(cast.coach)
    with capture(execute=True):
        return client.post(reverse("learners:add"), _new_learner(cast, **fields))


def test_a_coach_adds_a_learner_with_the_profile_ready_for_matching(
    client, cast, django_capture_on_commit_callbacks
):
    response = _add(client, cast, django_capture_on_commit_callbacks)  # "send the invitation" left off

    person = User.objects.get(email="yasmina.elamrani@example.org")
    learner = person.learner
    assert response.status_code == 302 and response.url == learner.get_absolute_url()
    assert _messages(response) == ["Learner added."]
    assert person.full_name == "Yasmina El Amrani"
    assert not person.has_usable_password()  # the invitation is how they choose one
    assert (
        Membership.objects.current().filter(user=person, organisation=cast.school, role=Role.LEARNER).exists()
    )
    assert (learner.school, learner.programme, learner.coach) == (cast.school, cast.programme, cast.coach)
    assert (learner.home_postcode, learner.mobility_modes, learner.max_travel_minutes) == (
        "3500",
        ["bike", "public_transport"],
        40,
    )
    assert (learner.dutch_level, learner.days_available, learner.status) == ("A2", [1, 2, 3], "seeking")
    assert mail.outbox == []


def test_a_learner_added_with_the_invitation_gets_the_mail_sets_a_password_and_lands_home(
    client, cast, django_capture_on_commit_callbacks
):
    response = _add(client, cast, django_capture_on_commit_callbacks, invite="on")

    assert response.status_code == 302
    assert _messages(response) == ["Learner added. The invitation is on its way."]
    (message,) = mail.outbox
    assert message.to == ["yasmina.elamrani@example.org"]
    link = re.search(r"https?://\S+?(/people/invite/\S+/)", message.body).group(1)

    client.logout()
    accepted = client.post(link, {"full_name": "Yasmina El Amrani", "password": "fietsen naar hasselt"})

    assert accepted.status_code == 302 and accepted.url == reverse("home")
    home = client.get(reverse("home"))
    assert home.context["role"].role == Role.LEARNER
    person = User.objects.get(email="yasmina.elamrani@example.org")
    assert person.check_password("fietsen naar hasselt")
    assert Membership.objects.current().filter(user=person, role=Role.LEARNER).count() == 1
    assert LearnerProfile.objects.get(user=person).programme == cast.programme  # the coach's profile is kept


def test_an_e_mail_address_of_an_existing_learner_is_refused_with_a_message(
    client, cast, django_capture_on_commit_callbacks
):
    response = _add(client, cast, django_capture_on_commit_callbacks, email=cast.learner.email.upper())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "There is already a learner with this e-mail address."
    ]
    assert "error-summary" in response.content.decode()
    assert Membership.objects.filter(user=cast.learner, role=Role.LEARNER).count() == 1
    assert LearnerProfile.objects.count() == 2


def test_a_programme_of_another_school_is_refused(client, cast, django_capture_on_commit_callbacks):
    bakery = ProgrammeFactory(school=cast.other_school, name="Bakker")

    response = _add(client, cast, django_capture_on_commit_callbacks, programme=bakery.pk)

    assert "programme" in response.context["form"].errors
    assert not User.objects.filter(email="yasmina.elamrani@example.org").exists()


def test_the_service_refuses_a_programme_of_another_school_and_keeps_nothing(cast):
    bakery = ProgrammeFactory(school=cast.other_school, name="Bakker")

    with pytest.raises(LearnerError, match="own school"):
        learner_create(
            school=cast.school,
            email="nieuw@example.org",
            full_name="Nieuw",
            by=cast.coach,
            invite=False,
            programme=bakery,
        )

    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_an_unknown_home_postcode_is_refused_next_to_the_field(
    client, cast, django_capture_on_commit_callbacks
):
    response = _add(client, cast, django_capture_on_commit_callbacks, home_postcode="9999")

    assert response.context["form"].errors["home_postcode"] == ["We do not know this postcode."]
    assert not User.objects.filter(email="yasmina.elamrani@example.org").exists()


def test_the_coach_offers_only_the_school_s_programmes_and_coaches(client, cast):
    ProgrammeFactory(school=cast.other_school, name="Bakker")
    client.force_login(cast.coach)

    form = client.get(reverse("learners:add")).context["form"]

    assert list(form.fields["programme"].queryset) == [cast.programme]
    assert list(form.fields["coach"].queryset) == [cast.coach]


def test_an_account_prepared_without_a_password_gets_its_password_from_the_invitation(client, cast):
    # What learner_create leaves behind: an account nobody can log in to yet.
    prepared = User.objects.create_user("sam@example.org", None, full_name="Sam")
    _, token = invitation_create(
        by=cast.coach, email=prepared.email, organisation=cast.school, role=Role.LEARNER
    )
    url = reverse("people:invitation_accept", kwargs={"token": token})

    page = client.get(url)
    response = client.post(url, {"full_name": "Sam Janssens", "password": "een lange zin als wachtwoord"})

    assert page.context["has_account"] is False  # the form to choose a password, not "log in first"
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.get(reverse("home")).context["role"].role == Role.LEARNER
    prepared.refresh_from_db()
    assert prepared.check_password("een lange zin als wachtwoord")
    assert prepared.full_name == "Sam Janssens"
    assert prepared.learner.school == cast.school
    assert Invitation.objects.by_token(token).accepted_by == prepared


# -- the coach keeps the profile up to date --


def _edit(client, cast, **fields):
    learner = cast.learner_profile
    data = {
        "programme": cast.programme.pk,
        "coach": cast.coach.pk,
        "home_country": "BE",
        "home_postcode": "3600",
        "max_travel_minutes": "30",
        "status": "seeking",
        **fields,
    }
    client.force_login(cast.coach)
    return client.post(reverse("learners:edit", kwargs={"pk": learner.pk}), data)


def test_the_coach_changes_the_profile(client, cast):
    response = _edit(client, cast, status="paused", mobility_modes=["walk"])

    assert response.status_code == 302
    cast.learner_profile.refresh_from_db()
    profile = cast.learner_profile
    assert (profile.programme, profile.home_postcode, profile.status) == (cast.programme, "3600", "paused")
    assert (profile.mobility_modes, profile.max_travel_minutes) == (["walk"], 30)


def test_the_coach_cannot_give_the_learner_a_programme_of_another_school(client, cast):
    bakery = ProgrammeFactory(school=cast.other_school, name="Bakker")

    response = _edit(client, cast, programme=bakery.pk)

    assert "programme" in response.context["form"].errors
    cast.learner_profile.refresh_from_db()
    assert cast.learner_profile.programme is None
