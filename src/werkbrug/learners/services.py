"""Changes to learners' files. Each runs in one transaction; support needs only with consent."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.learners.models import LearnerProfile, SupportConsent
from werkbrug.learners.queries import learners_managed_by, schools_for_new_learners
from werkbrug.learners.rules import is_parent_of, is_the_learner
from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Membership, Role, User
from werkbrug.people.services import invitation_create
from werkbrug.vocab import Support

PROFILE_FIELDS = [
    "programme",
    "coach",
    "date_of_birth",
    "home_country",
    "home_postcode",
    "mobility_modes",
    "max_travel_minutes",
    "dutch_level",
    "sectors",
    "interests",
    "wishes",
    "available_from",
    "days_available",
    "status",
]
WISH_FIELDS = ["mobility_modes", "max_travel_minutes", "sectors", "interests", "wishes", "days_available"]


class LearnerError(Exception):
    """A user-facing refusal; the message is translated."""


def _check_profile(profile: LearnerProfile) -> None:
    if profile.programme_id and profile.programme.school_id != profile.school_id:
        raise LearnerError(_("Choose a programme of the learner's own school."))
    if (
        profile.coach_id
        and not Membership.objects.current()
        .filter(user_id=profile.coach_id, organisation_id=profile.school_id, role=Role.COACH)
        .exists()
    ):
        raise LearnerError(_("Choose a coach of the learner's own school."))


@transaction.atomic
def learner_create(
    *, school: Organisation, email: str, full_name: str, by: User, invite: bool = True, **profile: object
) -> LearnerProfile:
    """Add a learner with their profile; the account is ready, the invitation lets them set a password."""
    if not schools_for_new_learners(by).filter(pk=school.pk).exists():
        raise PermissionDenied
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and LearnerProfile.objects.filter(user=user).exists():
        raise LearnerError(_("There is already a learner with this e-mail address."))
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name.strip())
    learner = LearnerProfile(
        user=user, school=school, **{k: v for k, v in profile.items() if k in PROFILE_FIELDS}
    )
    _check_profile(learner)
    if invite:
        # Before the membership exists: an invitation is refused for someone who already holds the role.
        invitation_create(by=by, email=email, organisation=school, role=Role.LEARNER, full_name=full_name)
    Membership.objects.create(
        user=user, organisation=school, role=Role.LEARNER, valid_from=timezone.localdate()
    )
    learner.save()
    return learner


@transaction.atomic
def learner_update(*, learner: LearnerProfile, by: User, fields: list[str]) -> LearnerProfile:
    """Save a coach's changes to the profile (the listed fields only)."""
    if not learners_managed_by(by).filter(pk=learner.pk).exists():
        raise PermissionDenied
    _check_profile(learner)
    learner.save(update_fields=[*[f for f in fields if f in PROFILE_FIELDS], "updated_at"])
    return learner


@transaction.atomic
def wishes_update(*, learner: LearnerProfile, by: User) -> LearnerProfile:
    """The learner's own wishes: how they travel, how far, what they like, which days."""
    if not (is_the_learner(by, learner) or learners_managed_by(by).filter(pk=learner.pk).exists()):
        raise PermissionDenied
    learner.save(update_fields=[*WISH_FIELDS, "updated_at"])
    return learner


def consent_giver_role(user: User, learner: LearnerProfile) -> str | None:
    """'learner' or 'parent' when `user` may give consent for `learner`'s support needs, else None.

    An adult learner decides alone; for a minor a parent decides (the learner may not alone).
    """
    if is_the_learner(user, learner) and not learner.is_minor:
        return "learner"
    if is_parent_of(user, learner) and learner.is_minor:
        return "parent"
    return None


def open_consent(learner: LearnerProfile) -> SupportConsent | None:
    return learner.support_consents.filter(withdrawn_at__isnull=True).first()


@transaction.atomic
def support_consent_give(*, learner: LearnerProfile, by: User, needs: list[str]) -> SupportConsent:
    """Record consent and store the support needs that come with it."""
    role = consent_giver_role(by, learner)
    if role is None:
        raise PermissionDenied
    learner = LearnerProfile.objects.select_for_update().get(pk=learner.pk)
    consent = open_consent(learner) or SupportConsent.objects.create(
        learner=learner, given_by=by, given_as=role
    )
    learner.support_needs = [n for n in needs if n in Support.values]
    learner.save(update_fields=["support_needs", "updated_at"])
    return consent


@transaction.atomic
def support_needs_set(*, learner: LearnerProfile, by: User, needs: list[str]) -> None:
    """A coach records support needs; only while a consent is on record."""
    if not learners_managed_by(by).filter(pk=learner.pk).exists():
        raise PermissionDenied
    learner = LearnerProfile.objects.select_for_update().get(pk=learner.pk)
    if open_consent(learner) is None:
        raise LearnerError(
            _("Support needs are kept only with consent of the learner, or a parent for a minor.")
        )
    learner.support_needs = [n for n in needs if n in Support.values]
    learner.save(update_fields=["support_needs", "updated_at"])


@transaction.atomic
def support_consent_withdraw(*, learner: LearnerProfile, by: User) -> None:
    """Withdraw consent: the support needs are erased at once."""
    if consent_giver_role(by, learner) is None:
        raise PermissionDenied
    learner = LearnerProfile.objects.select_for_update().get(pk=learner.pk)
    learner.support_consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    learner.support_needs = []
    learner.save(update_fields=["support_needs", "updated_at"])
