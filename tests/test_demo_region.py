"""The demo region Limburg: believable, the same for the same seed, and every demo login has its page."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from werkbrug.competences.models import Framework
from werkbrug.demo.cast import DEMO_PASSWORD, LOGINS
from werkbrug.geo import load_gazetteer
from werkbrug.learners.models import LearnerProfile, SupportConsent
from werkbrug.network.models import MentorTraining
from werkbrug.organisations.models import Organisation, Programme, Region, Site
from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.models import Capacity, Recognition, Workplace, WorkplaceCompetence, WorkplaceMentor
from werkbrug.placements.queries import expiring_recognitions, idle_workplaces

pytestmark = pytest.mark.django_db

SMALL = ["--learners", "60", "--without-esco"]  # quick enough for every run of the suite
COUNTED = [
    User,
    Membership,
    Organisation,
    Site,
    Programme,
    LearnerProfile,
    SupportConsent,
    Workplace,
    WorkplaceCompetence,
    Capacity,
    WorkplaceMentor,
    Recognition,
    MentorTraining,
]


def fingerprint() -> tuple:
    """Counts, and what a person would notice: who learns where, and which workplaces exist."""
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    learners = sorted(
        LearnerProfile.objects.values_list(
            "user__full_name", "home_postcode", "school__name", "programme__name", "dutch_level", "status"
        )
    )
    workplaces = sorted(
        Workplace.objects.values_list("employer__name", "site__postcode", "title", "language_demand")
    )
    return counts, learners, workplaces


def build(*args: str) -> str:
    out = StringIO()
    call_command("demo_region", *SMALL, *args, stdout=out)
    return out.getvalue()


def test_the_same_seed_gives_the_same_region_also_after_another_seed():
    build("--seed", "7")
    first = fingerprint()
    assert "0 rows created, 0 updated, 0 removed" in build("--seed", "7")
    assert fingerprint() == first
    build("--seed", "8")
    assert fingerprint()[1] != first[1]
    build("--seed", "7")
    assert fingerprint() == first


def test_the_size_follows_the_options():
    build("--workplaces", "30")
    assert LearnerProfile.objects.count() == 61  # and the demo learner
    assert Workplace.objects.count() == 30


def test_every_demo_login_logs_in_and_lands_on_the_page_of_its_role():
    build()
    for login in LOGINS:
        client = Client()
        response = client.post(reverse("login"), {"username": login.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.email
        home = client.get(reverse("home"))
        assert home.status_code == 200, login.email
        role = "staff" if login.role == "staff" else login.role
        assert f"people/home/{role}.html" in [t.name for t in home.templates], login.email


def test_the_region_is_real_limburg_with_schools_centres_and_programmes_with_profiles():
    build()
    region = Region.objects.get(name="Limburg")
    gazetteer = load_gazetteer()
    for site in Site.objects.filter(organisation__region=region):
        place = gazetteer.lookup("BE", site.postcode)
        assert place is not None and "3500" <= site.postcode <= "3999", site
        assert abs(site.latitude - place.lat) < 0.01 and abs(site.longitude - place.lon) < 0.01, site
    for postcode in LearnerProfile.objects.values_list("home_postcode", flat=True):
        assert gazetteer.lookup("BE", postcode) is not None and "3500" <= postcode <= "3999"
    programmes = Programme.objects.filter(school__region=region)
    assert {p.type for p in programmes} >= {"duaal_leren", "buso_ov3", "graduaat", "leerwerk", "art60"}
    assert all(p.profile.filter(core=True).count() >= 9 for p in programmes)
    adult = programmes.filter(type__in=["leerwerk", "art60"])
    assert {p.school.kind for p in adult} == {
        Organisation.Kind.PUBLIC_SERVICE,
        Organisation.Kind.TRAINING_CENTRE,
    }
    assert Framework.objects.get(code="werkbrug-start").kind == Framework.Kind.REGIONAL
    assert Organisation.objects.filter(
        name="OCMW Maasmechelen", kind=Organisation.Kind.PUBLIC_SERVICE
    ).exists()


def test_workplaces_are_recognised_have_mentors_and_some_sit_idle_or_expire():
    build()
    region = Region.objects.get(name="Limburg")
    granted = Recognition.objects.filter(status=Recognition.Status.GRANTED)
    assert granted.count() > Recognition.objects.exclude(status=Recognition.Status.GRANTED).count()
    assert all(r.expires_on == r.starts_on.replace(year=r.starts_on.year + 5) for r in granted)
    assert Recognition.objects.filter(status=Recognition.Status.APPLIED).exists()
    withdrawn = Recognition.objects.filter(status=Recognition.Status.WITHDRAWN)
    assert withdrawn.exists() and all(r.withdrawal_reason and r.withdrawn_at for r in withdrawn)
    assert Workplace.objects.filter(recognitions__in=granted, mentors__isnull=False).exists()
    assert expiring_recognitions(region).filter(expires_on__gte=timezone.localdate()).exists()
    assert idle_workplaces(region).exists()
    assert MentorTraining.objects.filter(completed_on__year__gte=2023).exists()
    capacity = Capacity.objects.filter(
        starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 6, 30)
    )
    assert capacity.count() == Workplace.objects.count()
    assert set(capacity.values_list("places", flat=True)) <= {1, 2, 3, 4, 5}
    assert (
        WorkplaceCompetence.objects.filter(level__in=[3, 4]).count() > WorkplaceCompetence.objects.count() / 2
    )


def test_support_needs_are_only_kept_with_a_consent_of_the_right_person():
    build()
    with_needs = LearnerProfile.objects.exclude(support_needs=[])
    assert with_needs.exists()
    for learner in with_needs:
        consent = learner.support_consents.get(withdrawn_at__isnull=True)
        if learner.is_minor:
            assert consent.given_as == "parent" and learner.parents.filter(pk=consent.given_by_id).exists()
        else:
            assert consent.given_as == "learner" and consent.given_by_id == learner.user_id
    assert not SupportConsent.objects.filter(learner__support_needs=[]).exists()


def test_the_demo_logins_have_something_to_look_at():
    build()
    emre = LearnerProfile.objects.get(user__email="leerling@werkbrug.test")
    assert emre.programme and emre.home_postcode and emre.coach.email == "coach@werkbrug.test"
    assert emre.parents.filter(email="ouder@werkbrug.test").exists()
    assert WorkplaceMentor.objects.filter(mentor__email="mentor@werkbrug.test").exists()
    admin = User.objects.get(email="admin@werkbrug.test")
    employer = Membership.objects.get(user=admin, role=Role.ORG_ADMIN).organisation
    assert employer.kind == Organisation.Kind.EMPLOYER and employer.workplaces.count() >= 3
    coach = User.objects.get(email="coach@werkbrug.test")
    assert LearnerProfile.objects.filter(coach=coach).count() > 1
