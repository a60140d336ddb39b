"""Build the demo region Limburg: its schools, employers, workplaces, learners and one login per role.

Everything random comes from generators seeded with the seed, one stream per part (schools, employers,
learners, history), so the same seed gives the same region, and asking for more workplaces leaves the
learners where they were (their applications, and so whether they found a place, follow the
workplaces). Employers are found where the learners of each programme live; the history of
applications is decided with the real matching engine (see `demo.history`), and every place taken
has its trajectory, followed since the learner started (see `demo.trajectories`). Rows are written in
bulk, a chunk at a time, and matched on their natural key (see `demo.sync`), so a second run reuses the
region instead of adding to it.

The demo owns the people it generates (e-mail `leerling00001@werkbrug.test` and the like) and the
employers they work for: a rebuild updates them and removes those the new build does not have. The
logins and anything made by hand are kept.
"""

import math

from django.db.models import Q
from django.utils import timezone

from werkbrug.competences.models import Rubric
from werkbrug.demo import cast, employers, people, trajectories
from werkbrug.demo.competences import load_frameworks, profile_of, programme_at, programme_rows
from werkbrug.demo.context import FIRST_SCHOOL_DAY, GENERATED, SITE_FIELDS, Demo, Progress, SchoolPlace, email
from werkbrug.demo.history import History
from werkbrug.demo.places import jittered, limburg
from werkbrug.demo.region import (
    COUNTRY,
    FIXED_EMPLOYERS,
    LEARNERS_PER_COACH,
    OTHER_ORGANISATIONS,
    REGION,
    SCHOOLS,
)
from werkbrug.demo.sync import chunks, delete
from werkbrug.learners.models import SupportConsent
from werkbrug.organisations.models import Organisation, Region, Site
from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.models import Application, Workplace
from werkbrug.trajectories.models import Evaluation, Trajectory


def build_region(
    *, seed: int, learners: int, workplaces: int, esco: bool, password_hash: str, progress: Progress
) -> Demo:
    """Build (or bring up to date) the demo region; returns what was built, for the closing line."""
    region, _created = Region.objects.get_or_create(name=REGION, defaults={"country": Region.Country.BE})
    demo = Demo(
        seed=seed,
        today=timezone.localdate(),
        region=region,
        password_hash=password_hash,
        progress=progress,
        postcodes=limburg(),
    )
    before_users, before_employers = _generated_before(region)
    progress("competences", 0)
    load_frameworks(esco=esco)
    _organisations(demo)
    _programmes(demo)
    _logins(demo)
    _coaches(demo, learners)
    employers.build(demo, workplaces)
    history = History(demo)
    people.build(demo, learners, history)
    history.finish()
    trajectories.build(demo, history.formers)
    _prune(demo, before_users, before_employers)
    return demo


def _generated_before(region: Region) -> tuple[dict[str, int], list[int]]:
    """The generated people and the employers they work for, as an earlier build left them."""
    users = dict(User.objects.filter(email__regex=GENERATED.pattern).values_list("email", "pk"))
    employers = (
        Membership.objects.filter(
            user__email__regex=GENERATED.pattern,
            organisation__region=region,
            organisation__kind=Organisation.Kind.EMPLOYER,
        )
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    return users, list(employers)


def _organisations(demo: Demo) -> None:
    """The schools and centres with their campus, the network and the sector fund."""
    rng, fake = demo.rng("schools"), demo.names("schools").flemish
    for plan in SCHOOLS:
        organisation, _created = Organisation.objects.update_or_create(
            region=demo.region, name=plan.name, defaults={"kind": plan.kind}
        )
        postcode = demo.postcode(plan.postcode)
        lat, lon = jittered(rng, postcode)
        demo.schools.append(SchoolPlace(plan, organisation, postcode, lat, lon))
    others = [*OTHER_ORGANISATIONS, *((f.name, Organisation.Kind.EMPLOYER) for f in FIXED_EMPLOYERS)]
    for name, kind in others:  # the employers of the logins; their workplaces come with the others
        Organisation.objects.update_or_create(region=demo.region, name=name, defaults={"kind": kind})
    sites = [
        Site(
            organisation=school.organisation,
            name=f"Campus {school.postcode.municipality}",
            street=fake.street_name(),
            number=str(rng.randint(1, 199)),
            postcode=school.postcode.code,
            municipality=school.postcode.municipality,
            country=COUNTRY,
            latitude=school.lat,
            longitude=school.lon,
        )
        for school in demo.schools
    ]
    demo.sync(
        sites,
        existing=Site.objects.filter(organisation__in=[s.organisation for s in demo.schools]),
        key=["organisation_id", "name"],
        fields=SITE_FIELDS,
    )


def _programmes(demo: Demo) -> None:
    rows, rubric = programme_rows(), Rubric.default()
    for school in demo.schools:
        for key in school.plan.programmes:
            school.programmes[key] = programme = programme_at(school.organisation, rows[key], rubric)
            if key not in demo.profiles:
                demo.profiles[key] = profile_of(programme)
    demo.progress("programmes", 0)


def _logins(demo: Demo) -> None:
    """One login per role, as printed at the end; their own details are reset on every run."""
    organisations = dict(Organisation.objects.filter(region=demo.region).values_list("name", "pk"))
    for login in cast.LOGINS:
        staff = login.role == "staff"
        user, _created = User.objects.update_or_create(
            email=login.email,
            defaults={
                "full_name": login.name,
                "is_staff": staff,
                "is_superuser": staff,
                "password": demo.password_hash,
            },
        )
        demo.logins[login.email] = user
        if login.organisation:
            _role(user, organisations[login.organisation], login.role)
    for address, role, organisation in cast.EXTRA_ROLES:
        _role(demo.logins[address], organisations[organisation], role)


def _role(user: User, organisation_id: int, role: str) -> None:
    Membership.objects.get_or_create(
        user=user, organisation_id=organisation_id, role=role, defaults={"valid_from": FIRST_SCHOOL_DAY}
    )


def _coaches(demo: Demo, learners: int) -> None:
    """About one coach per 40 learners at each school; the demo coach is one of them at the demo school."""
    rng, names = demo.rng("coaches"), demo.names("coaches")
    total_share = sum(s.plan.share for s in demo.schools)
    people, roles, number = [], [], 0
    for school in demo.schools:
        expected = learners * school.plan.share / total_share
        for _ in range(max(1, math.ceil(expected / LEARNERS_PER_COACH))):
            number += 1
            origin = names.origin(rng, school.postcode.municipality)
            people.append((email("coach", number, 4), names.person(rng, origin, rng.random() < 0.7)))
            roles.append((people[-1][0], school))
    ids = demo.people(people)
    demo.memberships(
        [
            Membership(
                user_id=ids[address],
                organisation=s.organisation,
                role=Role.COACH,
                valid_from=FIRST_SCHOOL_DAY,
            )
            for address, s in roles
        ],
        list(ids.values()),
    )
    for address, school in roles:
        school.coach_ids.append(ids[address])
    demo.school(cast.SCHOOL).coach_ids.insert(0, demo.logins[cast.COACH_EMAIL].pk)


def _prune(demo: Demo, users_before: dict[str, int], employers_before: list[int]) -> None:
    """Remove the generated people and employers of an earlier build that this build does not have."""
    stale_users = sorted(pk for address, pk in users_before.items() if address not in demo.wanted_emails)
    stale_employers = sorted(set(employers_before) - demo.wanted_employers)
    for chunk in chunks(stale_employers):
        delete(
            Workplace,
            Workplace.objects.filter(employer_id__in=chunk).values_list("pk", flat=True),
            # Their trajectories (an evaluation protects its plan: first) and places (which hold the
            # capacity rows) go with them.
            dependents=[
                (Evaluation, "trajectory__workplace_id"),
                (Trajectory, "workplace_id"),
                (Application, "workplace_id"),
            ],
        )
        Membership.objects.filter(organisation_id__in=chunk).delete()
        Organisation.objects.filter(pk__in=chunk).delete()
    for chunk in chunks(stale_users):
        # A consent names who gave it and protects that person; it goes first, and so does a trajectory
        # they learn, mentor or coach in.
        SupportConsent.objects.filter(Q(given_by_id__in=chunk) | Q(learner__user_id__in=chunk)).delete()
        theirs = Q(learner__user_id__in=chunk) | Q(mentor_id__in=chunk) | Q(coach_id__in=chunk)
        Evaluation.objects.filter(trajectory__in=Trajectory.objects.filter(theirs)).delete()
        Trajectory.objects.filter(theirs).delete()
        User.objects.filter(pk__in=chunk).delete()
    demo.counts.removed += len(stale_users) + len(stale_employers)
