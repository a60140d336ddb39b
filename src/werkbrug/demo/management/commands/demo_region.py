import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext

from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation, Region
from werkbrug.people.models import Membership, Role, User

DEMO_PASSWORD = "werkbrug-demo"  # noqa: S105 - a published demo login, never used outside the demo

K = Organisation.Kind
ORGANISATIONS = [
    ("Campus De Brug Genk", K.SCHOOL),
    ("CVO Noord-Limburg", K.TRAINING_CENTRE),
    ("OCMW Maasmechelen", K.PUBLIC_SERVICE),
    ("Bakkerij Vandeweyer", K.EMPLOYER),
    ("Logistiek Lommel", K.EMPLOYER),
    ("WZC Hemelrijk", K.EMPLOYER),
    ("Netwerk Duaal Leren Limburg", K.NETWORK),
    ("Sectorfonds Voeding", K.SECTOR_FUND),
]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str
    organisation: str | None


SCHOOL, BAKERY, LOGISTICS, NETWORK = (
    "Campus De Brug Genk",
    "Bakkerij Vandeweyer",
    "Logistiek Lommel",
    "Netwerk Duaal Leren Limburg",
)
LOGINS = [
    DemoLogin("leerling@werkbrug.test", "Emre Yilmaz", Role.LEARNER, SCHOOL),
    DemoLogin("ouder@werkbrug.test", "Hatice Yilmaz", Role.PARENT, SCHOOL),
    DemoLogin("mentor@werkbrug.test", "Jan Vandeweyer", Role.MENTOR, BAKERY),
    DemoLogin("coach@werkbrug.test", "Sofie Claes", Role.COACH, SCHOOL),
    DemoLogin("jobhunter@werkbrug.test", "Karim Bouzid", Role.JOBHUNTER, NETWORK),
    DemoLogin("peercoach@werkbrug.test", "Lotte Peeters", Role.PEER_COACH, SCHOOL),
    DemoLogin("coordinator@werkbrug.test", "Ann Vanhoof", Role.COORDINATOR, NETWORK),
    DemoLogin("admin@werkbrug.test", "Tom Bollen", Role.ORG_ADMIN, LOGISTICS),
    DemoLogin("beheer@werkbrug.test", "Platform Beheer", "staff", None),
]
# The coach is also a job hunter at the school: a person with two roles switches between them.
EXTRA_ROLES = [("coach@werkbrug.test", Role.JOBHUNTER, SCHOOL)]

FIRST = [
    "Amira",
    "Bram",
    "Chloé",
    "Dries",
    "Elif",
    "Fien",
    "Gökhan",
    "Hanne",
    "Ilias",
    "Jana",
    "Kobe",
    "Lina",
    "Milan",
    "Noor",
    "Omar",
    "Pieter",
    "Rania",
    "Seppe",
    "Tess",
    "Youssef",
]
LAST = [
    "Janssens",
    "Peeters",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "El Amrani",
    "Öztürk",
    "Nowak",
    "Dierckx",
    "Vos",
]


class Command(BaseCommand):
    help = "Build (or refresh) the demo region with one login per role. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same region.")
        parser.add_argument("--learners", type=int, default=12, help="Extra learners at the demo school.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be made; change nothing.")

    def handle(self, *args: object, seed: int, learners: int, dry_run: bool, **options: object) -> None:
        rng = random.Random(seed)
        self.verbosity = int(options["verbosity"])
        with transaction.atomic():
            before = User.objects.count(), Organisation.objects.count()
            self._build(rng, learners)
            after = User.objects.count(), Organisation.objects.count()
            if dry_run:
                transaction.set_rollback(True)
        verb = "Would create" if dry_run else "Created"
        if self.verbosity == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {after[0] - before[0]} people and {after[1] - before[1]} organisations "
                f"in the demo region Limburg (seed {seed})."
            )
        )
        if not dry_run:
            self._print_logins()

    def _build(self, rng: random.Random, extra_learners: int) -> None:
        region, _ = Region.objects.get_or_create(name="Limburg", defaults={"country": Region.Country.BE})
        orgs = {}
        for name, kind in ORGANISATIONS:
            orgs[name], _ = Organisation.objects.get_or_create(
                region=region, name=name, defaults={"kind": kind}
            )
            if self.verbosity > 1:
                self.stdout.write(f"  organisation {name}")
        for login in LOGINS:
            user = self._person(login.email, login.name, staff=login.role == "staff")
            if login.organisation:
                Membership.objects.get_or_create(
                    user=user,
                    organisation=orgs[login.organisation],
                    role=login.role,
                    defaults={"valid_from": "2026-09-01"},
                )
        for email, role, org in EXTRA_ROLES:
            Membership.objects.get_or_create(
                user=User.objects.get(email=email),
                organisation=orgs[org],
                role=role,
                defaults={"valid_from": "2026-09-01"},
            )
        school = orgs[SCHOOL]
        emre = self._learner(User.objects.get(email="leerling@werkbrug.test"), school)
        emre.parents.add(User.objects.get(email="ouder@werkbrug.test"))
        for i in range(extra_learners):
            user = self._person(
                f"leerling{i + 1:02d}@werkbrug.test", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            )
            Membership.objects.get_or_create(
                user=user, organisation=school, role=Role.LEARNER, defaults={"valid_from": "2026-09-01"}
            )
            self._learner(user, school)

    def _person(self, email: str, name: str, staff: bool = False) -> User:
        if not hasattr(self, "_password_hash"):
            # Hashing is slow on purpose; every demo login has the same password, so hash it once.
            self._password_hash = make_password(DEMO_PASSWORD)
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": name,
                "is_staff": staff,
                "is_superuser": staff,
                "password": self._password_hash,
            },
        )
        return user

    def _learner(self, user: User, school: Organisation) -> LearnerProfile:
        profile, _ = LearnerProfile.objects.get_or_create(user=user, defaults={"school": school})
        return profile

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for login in LOGINS:
            label = gettext("Platform staff") if login.role == "staff" else Role(login.role).label
            self.stdout.write(f"  {label!s:<24} {login.email}")
