"""werkbrug's REST API for partners' systems. Session or (later) token auth; every call is access-checked."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from werkbrug.learners.queries import learners_for
from werkbrug.privacy.services import file_read_record

api = NinjaAPI(
    title="werkbrug API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    description="Every call answers only what the signed-in person may see; anything else is a 404.",
)


class MembershipOut(Schema):
    organisation: str
    organisation_kind: str
    role: str
    valid_from: str
    valid_to: str | None


class MeOut(Schema):
    email: str
    full_name: str
    is_staff: bool
    memberships: list[MembershipOut]


class LearnerOut(Schema):
    id: int
    full_name: str
    school: str


@api.get("/me", response=MeOut, url_name="me", summary="Who am I, and which roles do I hold today")
def me(request: HttpRequest) -> MeOut:
    roles = [r for r in request.roles if r.membership]  # type: ignore[attr-defined]
    return MeOut(
        email=request.user.email,
        full_name=request.user.full_name,
        is_staff=request.user.is_staff,
        memberships=[
            MembershipOut(
                organisation=r.membership.organisation.name,
                organisation_kind=r.membership.organisation.kind,
                role=r.role,
                valid_from=r.membership.valid_from.isoformat(),
                valid_to=r.membership.valid_to.isoformat() if r.membership.valid_to else None,
            )
            for r in roles
        ],
    )


@api.get("/learners/{pk}", response=LearnerOut, url_name="learner", summary="One learner's file (logged)")
def learner(request: HttpRequest, pk: int) -> LearnerOut:
    profile = get_object_or_404(learners_for(request.user), pk=pk)
    file_read_record(
        reader=request.user,
        learner=profile,
        obj=profile,
        what=gettext_noop("Learner file, through a connected application"),
    )
    return LearnerOut(id=profile.pk, full_name=profile.user.full_name, school=profile.school.name)
