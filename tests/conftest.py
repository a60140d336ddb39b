from dataclasses import dataclass

import pytest
from django.utils import timezone

from werkbrug.competences.models import Framework
from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation, Programme, Region, Site
from werkbrug.people.models import Invitation, Role, User
from werkbrug.people.services import invitation_create
from werkbrug.placements.models import Recognition, Workplace

from .factories import (
    FrameworkFactory,
    LearnerProfileFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RegionFactory,
    SiteFactory,
    UserFactory,
    WorkplaceFactory,
)

K = Organisation.Kind


@dataclass
class Cast:
    """The fixed cast every access test uses, so each matrix reads the same way."""

    region: Region
    school: Organisation
    other_school: Organisation
    employer: Organisation
    network: Organisation
    learner: User
    learner_profile: LearnerProfile
    other_learner: User
    other_learner_profile: LearnerProfile
    parent: User
    mentor: User
    coach: User
    other_coach: User
    jobhunter: User
    peer_coach: User
    coordinator: User
    org_admin: User
    school_admin: User
    staff: User
    outsider: User
    invitation: Invitation
    invitation_token: str
    framework: Framework
    programme: Programme
    site: Site
    workplace: Workplace
    recognition: Recognition

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def member(role: str, organisation: Organisation, **kwargs) -> User:
    return MembershipFactory(role=role, organisation=organisation, **kwargs).user


@pytest.fixture
def cast(db) -> Cast:
    region = RegionFactory()
    other_region = RegionFactory(name="Noord-Brabant", country="NL")
    school = OrganisationFactory(name="Campus De Brug", kind=K.SCHOOL, region=region)
    other_school = OrganisationFactory(name="Sint-Jan Bree", kind=K.SCHOOL, region=other_region)
    employer = OrganisationFactory(name="Bakkerij Vandeweyer", kind=K.EMPLOYER, region=region)
    network = OrganisationFactory(name="Netwerk Limburg", kind=K.NETWORK, region=region)
    learner = member(Role.LEARNER, school)
    other_learner = member(Role.LEARNER, other_school)
    learner_profile = LearnerProfileFactory(user=learner, school=school)
    other_learner_profile = LearnerProfileFactory(user=other_learner, school=other_school)
    parent = member(Role.PARENT, school)
    learner_profile.parents.add(parent)
    coach = member(Role.COACH, school)
    mentor = member(Role.MENTOR, employer)
    org_admin = member(Role.ORG_ADMIN, employer)
    framework = FrameworkFactory(code="werkbrug-test", name="Testkader")
    programme = ProgrammeFactory(school=school, name="Logistiek assistent")
    site = SiteFactory(organisation=employer, name="Magazijn Genk")
    workplace = WorkplaceFactory(employer=employer, site=site, title="Magazijnmedewerker")
    recognition = Recognition.objects.create(workplace=workplace, programme=programme, applied_by=org_admin)
    invitation, token = invitation_create(
        by=coach, email="nieuwe.mentor@example.org", organisation=employer, role=Role.MENTOR
    )
    return Cast(
        region=region,
        school=school,
        other_school=other_school,
        employer=employer,
        network=network,
        learner=learner,
        learner_profile=learner_profile,
        other_learner=other_learner,
        other_learner_profile=other_learner_profile,
        parent=parent,
        mentor=mentor,
        coach=coach,
        other_coach=member(Role.COACH, other_school),
        jobhunter=member(Role.JOBHUNTER, network),
        peer_coach=member(Role.PEER_COACH, school),
        coordinator=member(Role.COORDINATOR, network),
        org_admin=org_admin,
        school_admin=member(Role.ORG_ADMIN, school),
        staff=UserFactory(is_staff=True),
        outsider=UserFactory(),
        invitation=invitation,
        invitation_token=token,
        framework=framework,
        programme=programme,
        site=site,
        workplace=workplace,
        recognition=recognition,
    )


@pytest.fixture
def yesterday():
    return timezone.localdate() - timezone.timedelta(days=1)


@pytest.fixture(autouse=True)
def _uploads_out_of_the_project(settings, tmp_path_factory):
    """Files a test uploads (logbook photos and the like) land in pytest's temporary folder, not in var/."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
