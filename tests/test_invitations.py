import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from werkbrug.people.models import Invitation, Membership, Role, User
from werkbrug.people.rules import can_invite
from werkbrug.people.services import InvitationError, invitation_create

from .factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _invite(cast, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(**kwargs)


def _link_from(message) -> str:
    return re.search(r"https?://\S+/people/invite/\S+/", message.body).group(0)


def test_a_mentor_invited_by_a_coach_is_in_within_one_short_form(
    client, cast, django_capture_on_commit_callbacks
):
    _invite(
        cast,
        django_capture_on_commit_callbacks,
        by=cast.coach,
        email="Piet.Mentor@Example.org",
        organisation=cast.employer,
        role=Role.MENTOR,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["piet.mentor@example.org"]
    assert "Bakkerij Vandeweyer" in message.subject
    path = _link_from(message).split("://", 1)[1].split("/", 1)[1]

    page = client.get("/" + path)
    assert page.status_code == 200
    assert "Bakkerij Vandeweyer" in page.content.decode()

    response = client.post("/" + path, {"full_name": "Piet Peeters", "password": "brood bakken om vijf uur"})
    assert response.status_code == 302 and response.url == reverse("home")
    home = client.get(reverse("home"))
    assert home.context["role"].role == Role.MENTOR
    assert home.context["user"].full_name == "Piet Peeters"
    person = User.objects.get(email="piet.mentor@example.org")
    assert (
        Membership.objects.current()
        .filter(user=person, organisation=cast.employer, role=Role.MENTOR)
        .exists()
    )


def test_an_invitation_link_works_only_once(client, cast):
    url = reverse("people:invitation_accept", kwargs={"token": cast.invitation_token})
    client.post(url, {"full_name": "Eerste Keer", "password": "een lange zin als wachtwoord"})
    client.logout()
    again = client.get(url)
    assert again.status_code == 410
    assert User.objects.filter(email=cast.invitation.email).count() == 1


def test_a_weak_password_is_refused_next_to_the_field_and_nothing_is_created(client, cast):
    url = reverse("people:invitation_accept", kwargs={"token": cast.invitation_token})
    response = client.post(url, {"full_name": "Piet", "password": "12345"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert "error-summary" in response.content.decode()
    assert not User.objects.filter(email=cast.invitation.email).exists()
    cast.invitation.refresh_from_db()
    assert cast.invitation.is_open


def test_an_unknown_or_expired_link_says_so(client, cast):
    assert (
        client.get(reverse("people:invitation_accept", kwargs={"token": "bestaat-niet"})).status_code == 404
    )
    Invitation.objects.filter(pk=cast.invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("people:invitation_accept", kwargs={"token": cast.invitation_token}))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()


def test_a_parent_invitation_links_the_parent_to_the_child(client, cast):
    _, token = invitation_create(
        by=cast.coach,
        email="mama@example.org",
        organisation=cast.school,
        role=Role.PARENT,
        learner=cast.learner_profile,
    )
    client.post(
        reverse("people:invitation_accept", kwargs={"token": token}),
        {"full_name": "Mama Yilmaz", "password": "een lange zin als wachtwoord"},
    )
    parent = User.objects.get(email="mama@example.org")
    assert cast.learner_profile.parents.filter(pk=parent.pk).exists()
    assert client.get(cast.learner_profile.get_absolute_url()).status_code == 200


def test_a_learner_invitation_creates_the_learner_file_at_the_school(client, cast):
    _, token = invitation_create(
        by=cast.coach, email="nieuw@example.org", organisation=cast.school, role="learner"
    )
    client.post(
        reverse("people:invitation_accept", kwargs={"token": token}),
        {"full_name": "Nieuwe Leerling", "password": "een lange zin als wachtwoord"},
    )
    learner = User.objects.get(email="nieuw@example.org").learner
    assert learner.school == cast.school


def test_a_person_with_an_account_logs_in_and_gets_the_extra_role(client, cast):
    _, token = invitation_create(
        by=cast.school_admin, email=cast.coach.email, organisation=cast.school, role=Role.JOBHUNTER
    )
    url = reverse("people:invitation_accept", kwargs={"token": token})
    assert client.get(url).context["has_account"] is True
    client.force_login(cast.coach)
    client.post(url)
    roles = {m.role for m in Membership.objects.current().filter(user=cast.coach)}
    assert roles == {Role.COACH, Role.JOBHUNTER}


def test_someone_else_signed_in_cannot_take_the_invitation(client, cast):
    client.force_login(cast.mentor)
    url = reverse("people:invitation_accept", kwargs={"token": cast.invitation_token})
    client.post(url, {"full_name": "X", "password": "een lange zin als wachtwoord"})
    cast.invitation.refresh_from_db()
    assert cast.invitation.is_open
    assert not User.objects.filter(email=cast.invitation.email).exists()


def test_a_new_invitation_replaces_the_open_one(cast):
    _, newer = invitation_create(
        by=cast.coach, email=cast.invitation.email, organisation=cast.employer, role=Role.MENTOR
    )
    cast.invitation.refresh_from_db()
    assert not cast.invitation.is_open
    assert Invitation.objects.by_token(newer).is_open


@pytest.mark.parametrize(
    "inviter, organisation, role, allowed",
    [
        ("coach", "school", Role.LEARNER, True),
        ("coach", "school", Role.PARENT, True),
        ("coach", "employer", Role.MENTOR, True),
        ("coach", "school", Role.COACH, False),
        ("coach", "network", Role.COORDINATOR, False),
        ("coach", "employer", Role.ORG_ADMIN, False),
        ("mentor", "employer", Role.MENTOR, True),
        ("mentor", "school", Role.LEARNER, False),
        ("org_admin", "employer", Role.MENTOR, True),
        ("org_admin", "employer", Role.LEARNER, False),  # an employer has no learners of its own
        ("org_admin", "school", Role.COACH, False),
        ("school_admin", "school", Role.COACH, True),
        ("coordinator", "employer", Role.ORG_ADMIN, True),
        ("coordinator", "other_school", Role.ORG_ADMIN, False),  # another region
        ("learner", "school", Role.LEARNER, False),
        ("parent", "school", Role.PARENT, False),
        ("staff", "other_school", Role.COACH, True),
    ],
)
def test_who_may_invite_whom(cast, inviter, organisation, role, allowed):
    assert can_invite(getattr(cast, inviter), getattr(cast, organisation), role) is allowed


def test_a_coach_cannot_invite_a_mentor_of_another_region(cast):
    far_employer = OrganisationFactory(kind="employer", region=RegionFactory(name="Drenthe", country="NL"))
    with pytest.raises(PermissionDenied):
        invitation_create(by=cast.coach, email="x@example.org", organisation=far_employer, role=Role.MENTOR)


def test_the_invitation_form_offers_only_what_the_role_may_do_and_explains_a_refusal(client, cast):
    client.force_login(cast.coach)
    form = client.get(reverse("people:invitation_new")).context["form"]
    assert set(dict(form.fields["role"].choices)) == {Role.LEARNER, Role.PARENT, Role.PEER_COACH, Role.MENTOR}
    assert set(form.fields["organisation"].queryset) == {cast.school}  # for the first role, a learner

    response = client.post(
        reverse("people:invitation_new"),
        {"email": "x@example.org", "role": Role.MENTOR, "organisation": cast.school.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert response.context["form"].data["email"] == "x@example.org"  # nothing typed is lost


def test_a_parent_invitation_needs_a_learner(cast):
    with pytest.raises(InvitationError):
        invitation_create(by=cast.coach, email="p@example.org", organisation=cast.school, role=Role.PARENT)


def test_the_inviter_sees_the_link_to_pass_on_when_mail_lands_in_spam(client, cast):
    client.force_login(cast.coach)
    response = client.post(
        reverse("people:invitation_new"),
        {"email": "a@example.org", "role": Role.MENTOR, "organisation": cast.employer.pk},
    )
    assert response.status_code == 200
    assert "/people/invite/" in response.context["url"]
    assert (
        Invitation.objects.by_token(response.context["url"].rstrip("/").rsplit("/", 1)[1]).email
        == "a@example.org"
    )


def test_withdrawing_an_invitation_kills_its_link(client, cast):
    client.force_login(cast.coach)
    client.post(reverse("people:invitation_withdraw", kwargs={"pk": cast.invitation.pk}))
    client.logout()
    assert (
        client.get(reverse("people:invitation_accept", kwargs={"token": cast.invitation_token})).status_code
        == 410
    )


def test_changing_the_role_offers_the_organisations_for_that_role(client, cast):
    client.force_login(cast.coach)
    partial = client.get(
        reverse("people:invitation_new"), {"role": Role.MENTOR}, headers={"HX-Request": "true"}
    )
    html = partial.content.decode()
    assert "<html" not in html  # only the fields that depend on the role
    assert list(partial.context["form"].fields["organisation"].queryset) == [cast.employer]
    assert "learner" not in partial.context["form"].fields

    parent = client.get(
        reverse("people:invitation_new"), {"role": Role.PARENT}, headers={"HX-Request": "true"}
    )
    assert list(parent.context["form"].fields["organisation"].queryset) == [cast.school]
    assert list(parent.context["form"].fields["learner"].queryset) == [cast.learner_profile]


def test_the_invite_a_parent_button_on_a_learner_file_preselects_the_learner(client, cast):
    client.force_login(cast.coach)
    page = client.get(reverse("people:invitation_new"), {"learner": cast.learner_profile.pk})
    form = page.context["form"]
    assert form["role"].value() == Role.PARENT
    assert str(form["learner"].value()) == str(cast.learner_profile.pk)
