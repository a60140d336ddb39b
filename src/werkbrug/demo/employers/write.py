"""Writing the planned employers: organisations, sites, mentors, workplaces and what belongs to them,
matched on their natural keys so a rebuild reuses them."""

import datetime

from werkbrug.demo import cast
from werkbrug.demo.context import FIRST_SCHOOL_DAY, SITE_FIELDS, Demo, school_year
from werkbrug.demo.employers.plan import EmployerPlan
from werkbrug.demo.market import Place
from werkbrug.demo.region import COUNTRY, TRAININGS
from werkbrug.network.models import MentorTraining
from werkbrug.organisations.models import Organisation, Site
from werkbrug.people.models import Membership, Role
from werkbrug.placements.models import (
    Application,
    Capacity,
    Recognition,
    Workplace,
    WorkplaceCompetence,
    WorkplaceMentor,
)
from werkbrug.trajectories.models import Evaluation, Trajectory

# The status and the last start are written when a workplace is created; after that the history of
# applications (`demo.history`) keeps them, as accepting a learner does.
WORKPLACE_FIELDS = [
    "employer_id",
    "description",
    "sector",
    "language_demand",
    "support_offered",
    "hours",
    "shifts",
]
RECOGNITION_FIELDS = [
    "number",
    "starts_on",
    "expires_on",
    "applied_by_id",
    "reviewed_by_id",
    "reviewed_at",
    "withdrawn_at",
    "withdrawal_reason",
]


def _at(day: datetime.date | None) -> datetime.datetime | None:
    return None if day is None else datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


def write(demo: Demo, plans: list[EmployerPlan]) -> None:
    """Write a chunk of employers, and hand their workplaces to the demo's market for the history."""
    organisations = _organisations(demo, plans)
    sites = _sites(demo, plans, organisations)
    mentors = _mentors(demo, plans, organisations)
    workplaces = _workplaces(demo, plans, organisations, sites)
    ids = [w.pk for w in workplaces]
    flat = [(plan, w) for plan in plans for w in plan.workplaces]
    demo.sync(
        [
            WorkplaceCompetence(workplace_id=workplace.pk, competence_id=competence, level=level)
            for workplace, (_plan, w) in zip(workplaces, flat, strict=True)
            for competence, level in w.competences
        ],
        existing=WorkplaceCompetence.objects.filter(workplace_id__in=ids),
        key=["workplace_id", "competence_id"],
        fields=["level"],
        prune=True,
    )
    starts, ends = school_year(demo.today)
    capacities = [
        Capacity(workplace_id=workplace.pk, starts_on=starts, ends_on=ends, places=w.places)
        for workplace, (_plan, w) in zip(workplaces, flat, strict=True)
    ]
    demo.sync(
        capacities,
        existing=Capacity.objects.filter(workplace_id__in=ids),
        key=["workplace_id", "starts_on"],
        fields=["ends_on", "places"],
        prune=True,
        dependents=[(Application, "capacity_id")],  # a place taken in a period that is no more
    )
    _workplace_mentors(demo, plans, workplaces, mentors)
    _recognitions(demo, plans, workplaces, mentors)
    _to_market(demo, plans, workplaces, capacities, mentors)


def _to_market(
    demo: Demo,
    plans: list[EmployerPlan],
    workplaces: list[Workplace],
    capacities: list[Capacity],
    mentors: list[list[int]],
) -> None:
    today, position = demo.today, 0
    for plan, employer_mentors in zip(plans, mentors, strict=True):
        for index, w in enumerate(plan.workplaces):
            workplace, capacity = workplaces[position + index], capacities[position + index]
            trained = [_trained(plan.mentors[m].training, today) for m in w.mentors]
            if plan.login_mentor:
                trained.append(True)  # the demo mentor followed the basic training in 2025
            site = plan.sites[w.site]
            demo.market.add(
                Place(
                    pk=workplace.pk,
                    employer_id=workplace.employer_id,
                    employer=plan.name,
                    capacity_id=capacity.pk,
                    places=w.places,
                    status=w.status,
                    last_started=w.last_started,
                    idle=w.idle,
                    decider_id=employer_mentors[0],
                ),
                lat=site.lat,
                lon=site.lon,
                language=w.language,
                support=w.support,
                sector=plan.sector.sector,
                mentors_trained=trained,
                recognitions=[(r.programme.pk, r.status, r.starts_on, r.expires_on) for r in w.recognitions],
                teaches=w.competences,
            )
        position += len(plan.workplaces)


def _trained(training: tuple[str, str, datetime.date | None] | None, today: datetime.date) -> bool:
    return training is not None and training[2] is not None and training[2] <= today


def _organisations(demo: Demo, plans: list[EmployerPlan]) -> list[Organisation]:
    organisations = [
        Organisation(region=demo.region, name=plan.name, kind=Organisation.Kind.EMPLOYER) for plan in plans
    ]
    demo.sync(
        organisations,
        existing=Organisation.objects.filter(region=demo.region, name__in=[p.name for p in plans]),
        key=["name"],
        fields=["kind"],
    )
    demo.wanted_employers.update(o.pk for o in organisations)
    return organisations


def _sites(demo: Demo, plans: list[EmployerPlan], organisations: list[Organisation]) -> list[list[Site]]:
    sites = [
        [
            Site(
                organisation=organisation,
                name=site.name,
                street=site.street,
                number=site.number,
                postcode=site.postcode.code,
                municipality=site.postcode.municipality,
                country=COUNTRY,
                latitude=site.lat,
                longitude=site.lon,
            )
            for site in plan.sites
        ]
        for plan, organisation in zip(plans, organisations, strict=True)
    ]
    demo.sync(
        [site for employer in sites for site in employer],
        existing=Site.objects.filter(organisation__in=organisations),
        key=["organisation_id", "name"],
        fields=SITE_FIELDS,
    )
    return sites


def _mentors(demo: Demo, plans: list[EmployerPlan], organisations: list[Organisation]) -> list[list[int]]:
    """The mentors' accounts and roles (the first mentor also runs the employer's account)."""
    ids = demo.people([(m.email, m.name) for plan in plans for m in plan.mentors])
    roles = []
    for plan, organisation in zip(plans, organisations, strict=True):
        for index, mentor in enumerate(plan.mentors):
            for role in (Role.MENTOR, Role.ORG_ADMIN) if index == 0 else (Role.MENTOR,):
                roles.append(
                    Membership(
                        user_id=ids[mentor.email],
                        organisation=organisation,
                        role=role,
                        valid_from=FIRST_SCHOOL_DAY,
                    )
                )
    demo.memberships(roles, list(ids.values()))
    trainings = [
        MentorTraining(
            person_id=ids[m.email], title=m.training[0], provider=m.training[1], completed_on=m.training[2]
        )
        for plan in plans
        for m in plan.mentors
        if m.training
    ]
    logins = [demo.logins[plan.login_mentor].pk for plan in plans if plan.login_mentor]
    for person in logins:
        trainings.append(
            MentorTraining(
                person_id=person,
                title=TRAININGS[0][0],
                provider=TRAININGS[0][1],
                completed_on=datetime.date(2025, 3, 14),
            )
        )
    demo.sync(
        trainings,
        existing=MentorTraining.objects.filter(person_id__in=[*ids.values(), *logins]),
        key=["person_id", "title"],
        fields=["provider", "completed_on"],
        prune=True,
    )
    return [[ids[m.email] for m in plan.mentors] for plan in plans]


def _workplaces(
    demo: Demo, plans: list[EmployerPlan], organisations: list[Organisation], sites: list[list[Site]]
) -> list[Workplace]:
    workplaces = [
        Workplace(
            employer=organisation,
            site=employer_sites[w.site],
            title=w.title,
            description=w.job.description,
            sector=plan.sector.sector,
            language_demand=w.language,
            support_offered=w.support,
            hours=w.hours,
            shifts=w.shifts,
            status=w.status,
            last_learner_started_on=w.last_started,
        )
        for plan, organisation, employer_sites in zip(plans, organisations, sites, strict=True)
        for w in plan.workplaces
    ]
    pairs = list(zip(plans, organisations, strict=True))
    for fixed in (True, False):
        # The generated employers belong to the demo: what an earlier build had there goes.
        employers = [organisation for plan, organisation in pairs if plan.fixed == fixed]
        ids = {organisation.pk for organisation in employers}
        demo.sync(
            [w for w in workplaces if w.employer_id in ids],
            existing=Workplace.objects.filter(employer__in=employers),
            key=["site_id", "title"],
            fields=WORKPLACE_FIELDS,
            prune=not fixed,
            # Their trajectories (an evaluation protects its plan: first) and places (which hold the
            # capacity rows) go with them.
            dependents=[
                (Evaluation, "trajectory__workplace_id"),
                (Trajectory, "workplace_id"),
                (Application, "workplace_id"),
            ],
        )
    generated = [o for plan, o in zip(plans, organisations, strict=True) if not plan.fixed]
    wanted_sites = [
        s.pk for plan, employer in zip(plans, sites, strict=True) if not plan.fixed for s in employer
    ]
    Site.objects.filter(organisation__in=generated).exclude(pk__in=wanted_sites).delete()
    return workplaces


def _workplace_mentors(
    demo: Demo, plans: list[EmployerPlan], workplaces: list[Workplace], mentors: list[list[int]]
) -> None:
    rows, position = [], 0
    for plan, employer_mentors in zip(plans, mentors, strict=True):
        for index, w in enumerate(plan.workplaces):
            workplace = workplaces[position + index]
            rows += [
                WorkplaceMentor(workplace_id=workplace.pk, mentor_id=employer_mentors[m]) for m in w.mentors
            ]
            if plan.login_mentor:
                rows.append(
                    WorkplaceMentor(workplace_id=workplace.pk, mentor_id=demo.logins[plan.login_mentor].pk)
                )
        position += len(plan.workplaces)
    demo.sync(
        rows,
        existing=WorkplaceMentor.objects.filter(workplace_id__in=[w.pk for w in workplaces]),
        key=["workplace_id", "mentor_id"],
        fields=[],
        prune=True,
    )


def _recognitions(
    demo: Demo, plans: list[EmployerPlan], workplaces: list[Workplace], mentors: list[list[int]]
) -> None:
    coordinator = demo.logins[cast.COORDINATOR_EMAIL].pk
    rows, position = [], 0
    for plan, employer_mentors in zip(plans, mentors, strict=True):
        for index, w in enumerate(plan.workplaces):
            workplace = workplaces[position + index]
            for r in w.recognitions:
                granted = r.starts_on is not None
                rows.append(
                    Recognition(
                        workplace_id=workplace.pk,
                        programme_id=r.programme.pk,
                        status=r.status,
                        number=f"LIM-{r.starts_on.year}-{workplace.pk:06d}-{r.programme.pk:03d}"
                        if granted
                        else None,
                        starts_on=r.starts_on,
                        expires_on=r.expires_on,
                        applied_by_id=employer_mentors[0],
                        reviewed_by_id=coordinator if granted else None,
                        reviewed_at=_at(r.starts_on),
                        withdrawn_at=_at(r.withdrawn_on),
                        withdrawal_reason=r.reason,
                    )
                )
        position += len(plan.workplaces)
    demo.sync(
        rows,
        existing=Recognition.objects.filter(workplace_id__in=[w.pk for w in workplaces]),
        key=["workplace_id", "programme_id", "status"],
        fields=RECOGNITION_FIELDS,
        prune=True,
    )
