"""Changes to people, memberships and invitations. Each runs in one transaction."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Invitation, Membership, Role, User
from werkbrug.people.rules import can_invite


class InvitationError(Exception):
    """A user-facing refusal; the message is translated."""


@transaction.atomic
def invitation_create(
    *,
    by: User,
    email: str,
    organisation: Organisation,
    role: str,
    full_name: str = "",
    learner: LearnerProfile | None = None,
) -> tuple[Invitation, str]:
    """Invite someone into a role; returns the invitation and the secret link (sent by e-mail)."""
    if not can_invite(by, organisation, role):
        raise PermissionDenied
    email = User.objects.normalize_email(email).strip().lower()
    if role == Role.PARENT:
        if learner is None:
            raise InvitationError(_("Choose the learner whose parent you are inviting."))
        if learner.school_id != organisation.pk:
            raise InvitationError(_("This learner does not belong to this school."))
    else:
        learner = None
    if Membership.objects.current().filter(user__email=email, organisation=organisation, role=role).exists():
        raise InvitationError(_("This person already has this role in this organisation."))
    # A new invitation replaces an open one for the same person and role: only the newest link works.
    Invitation.objects.open().filter(email=email, organisation=organisation, role=role).update(
        revoked_at=timezone.now()
    )
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        organisation=organisation,
        role=role,
        learner=learner,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    token = invitation.set_new_token()
    invitation.save()

    from werkbrug.people.tasks import invitation_send

    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: invitation_send.enqueue(invitation.pk, token, language))
    return invitation, token


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, full_name: str = "", password: str = ""
) -> Membership:
    """Take up an invitation: create the account if needed and add the role. Returns the new role."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationError(_("This invitation has already been used or has expired."))
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and not existing.has_usable_password() and user is None:
        # An account a coach prepared (e.g. a learner added with their profile) that was never used:
        # the invitation is how its owner sets a password.
        existing.set_password(password)
        existing.full_name = full_name.strip() or existing.full_name
        existing.save(update_fields=["password", "full_name"])
    elif existing is not None:
        if user is None or user.pk != existing.pk:
            raise InvitationError(_("An account with this e-mail address exists: log in first."))
    elif user is not None and user.is_authenticated:
        raise InvitationError(
            _("This invitation is for %(email)s. Log out first.") % {"email": invitation.email}
        )
    else:
        existing = User.objects.create_user(invitation.email, password, full_name=full_name.strip())
    person = existing

    membership = (
        Membership.objects.current()
        .filter(user=person, organisation=invitation.organisation, role=invitation.role)
        .first()
    ) or Membership.objects.create(
        user=person,
        organisation=invitation.organisation,
        role=invitation.role,
        valid_from=timezone.localdate(),
    )
    if invitation.role == Role.LEARNER:
        LearnerProfile.objects.get_or_create(user=person, defaults={"school": invitation.organisation})
    if invitation.role == Role.PARENT and invitation.learner is not None:
        invitation.learner.parents.add(person)

    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, by: User) -> None:
    if not can_invite(by, invitation.organisation, invitation.role):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
