"""What the parts of the demo build share: the seeded random streams, the schools as built, and the
writes every part needs (generated people and their roles)."""

import datetime
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import models

from werkbrug.demo import cast
from werkbrug.demo.competences import ProfileLine
from werkbrug.demo.market import Market
from werkbrug.demo.names import Names
from werkbrug.demo.places import Postcode
from werkbrug.demo.region import School
from werkbrug.demo.sync import Counts, Dependents, sync
from werkbrug.organisations.models import Organisation, Programme, Region
from werkbrug.people.models import Membership, User

FIRST_SCHOOL_DAY = datetime.date(2026, 9, 1)
GENERATED = re.compile(rf"^(leerling|ouder|mentor|coach)[0-9]+@{re.escape(cast.DEMO_DOMAIN)}$")
USER_FIELDS = ["full_name", "password", "is_staff", "is_superuser", "is_active"]
SITE_FIELDS = ["street", "number", "postcode", "municipality", "country", "latitude", "longitude"]

Progress = Callable[[str, int], None]  # (what is being built, how many units are done)


def school_year(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The school year around `today`, September to June: the period workplaces give places in. In the
    summer it is the year just ended, stretched to the end of August, so there is always a period today."""
    year = today.year if today.month >= 9 else today.year - 1
    starts, ends = datetime.date(year, 9, 1), datetime.date(year + 1, 6, 30)
    return starts, (datetime.date(year + 1, 8, 31) if today > ends else ends)


def email(kind: str, number: int, digits: int = 5) -> str:
    return f"{kind}{number:0{digits}d}@{cast.DEMO_DOMAIN}"


@dataclass
class SchoolPlace:
    """A school as built: its organisation, site, programmes and coaches."""

    plan: School
    organisation: Organisation
    postcode: Postcode
    lat: float
    lon: float
    programmes: dict[str, Programme] = field(default_factory=dict)  # by starter key
    coach_ids: list[int] = field(default_factory=list)


@dataclass
class Demo:
    """What every part of the build shares."""

    seed: int
    today: datetime.date
    region: Region
    password_hash: str
    progress: Progress
    postcodes: list[Postcode]
    schools: list[SchoolPlace] = field(default_factory=list)
    profiles: dict[str, list[ProfileLine]] = field(default_factory=dict)  # by programme key
    logins: dict[str, User] = field(default_factory=dict)  # by e-mail
    counts: Counts = field(default_factory=Counts)
    wanted_emails: set[str] = field(default_factory=set)
    wanted_employers: set[int] = field(default_factory=set)
    market: Market = field(init=False)  # the workplaces as the engine sees them, for the history

    def __post_init__(self) -> None:
        self.market = Market(self.today)

    def rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}:{part}")

    def names(self, part: str) -> Names:
        return Names(f"{self.seed}:{part}", reserved=frozenset(login.name for login in cast.LOGINS))

    def postcode(self, code: str) -> Postcode:
        return next(p for p in self.postcodes if p.code == code)

    def school(self, name: str) -> SchoolPlace:
        return next(s for s in self.schools if s.plan.name == name)

    def sync(
        self,
        wanted: Sequence[models.Model],
        *,
        existing: models.QuerySet,
        key: Sequence[str],
        fields: Sequence[str],
        prune: bool = False,
        dependents: Dependents = (),
    ) -> None:
        """`demo.sync.sync`, counting what it wrote for the closing line."""
        self.counts.add(
            sync(wanted, existing=existing, key=key, fields=fields, prune=prune, dependents=dependents)
        )

    def people(self, people: list[tuple[str, str]]) -> dict[str, int]:
        """Generated people (e-mail, full name), created or updated; their ids by e-mail."""
        users = [
            User(email=address, full_name=name, password=self.password_hash, is_active=True)
            for address, name in people
        ]
        self.sync(
            users,
            existing=User.objects.filter(email__in=[u.email for u in users]),
            key=["email"],
            fields=USER_FIELDS,
        )
        self.wanted_emails.update(u.email for u in users)
        return {u.email: u.pk for u in users}

    def memberships(self, wanted: list[Membership], user_ids: list[int]) -> None:
        """The generated people's roles: exactly these (their roles of an earlier build are removed)."""
        self.sync(
            wanted,
            existing=Membership.objects.filter(user_id__in=user_ids),
            key=["user_id", "organisation_id", "role", "valid_from"],
            fields=[],
            prune=True,
        )
