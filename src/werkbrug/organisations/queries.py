"""Reads of organisations, sites and programmes, filtered to what the user may see.

Organisations, sites and programmes hold no personal data, so the region is the boundary: people who
work across a region (coordinators, job hunters, coaches) see its organisations; everyone else sees the
organisations they belong to. Programmes are visible to anyone who works in the region, so an employer
can apply for recognition.
"""

from django.db.models import Count, Q, QuerySet

from werkbrug.organisations.models import Organisation, Programme, Region, Site
from werkbrug.people.models import Role, User
from werkbrug.people.scopes import REGION_WIDE, WORKING_ROLES, organisation_ids, region_ids, signed_in


def organisations_for(user: User) -> QuerySet[Organisation]:
    """Organisations the user may look up: their own, and their region's when they work region-wide."""
    qs = Organisation.objects.select_related("region")
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(
        Q(pk__in=organisation_ids(user, WORKING_ROLES)) | Q(region_id__in=region_ids(user, REGION_WIDE))
    )


def organisations_managed_by(user: User) -> QuerySet[Organisation]:
    """Organisations whose details and sites the user may change: those they administer."""
    qs = Organisation.objects.select_related("region")
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(pk__in=organisation_ids(user, [Role.ORG_ADMIN]))


def coordinated_regions(user: User) -> QuerySet[Region]:
    """The regions the user coordinates (staff: every region): theirs to run rounds and set up."""
    if user.is_staff:
        return Region.objects.order_by("name")
    return Region.objects.filter(pk__in=region_ids(user, [Role.COORDINATOR])).order_by("name")


def sites_for(user: User) -> QuerySet[Site]:
    return Site.objects.select_related("organisation").filter(organisation__in=organisations_for(user))


def programmes_for(user: User) -> QuerySet[Programme]:
    """Programmes of the regions the user works in, with the size of their competence profile."""
    qs = Programme.objects.select_related("school__region").annotate(
        core_count=Count("profile", filter=Q(profile__core=True)),
        optional_count=Count("profile", filter=Q(profile__core=False)),
    )
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(school__region_id__in=region_ids(user, WORKING_ROLES))


def programmes_managed_by(user: User) -> QuerySet[Programme]:
    """Programmes whose profile the user may change: their school's (as its admin) or their region's."""
    qs = Programme.objects.select_related("school__region")
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(
        Q(school_id__in=organisation_ids(user, [Role.ORG_ADMIN]))
        | Q(school__region_id__in=region_ids(user, [Role.COORDINATOR]))
    )


def schools_managed_by(user: User) -> QuerySet[Organisation]:
    """Schools where the user may add a programme."""
    educational = [
        Organisation.Kind.SCHOOL,
        Organisation.Kind.TRAINING_CENTRE,
        Organisation.Kind.PUBLIC_SERVICE,
    ]
    qs = Organisation.objects.filter(kind__in=educational).order_by("name")
    if not signed_in(user):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(
        Q(pk__in=organisation_ids(user, [Role.ORG_ADMIN]))
        | Q(region_id__in=region_ids(user, [Role.COORDINATOR]))
    )
