"""A running trajectory for the test cast, made the way the platform makes one: an accepted application.

The cast's learner (a minor unless told otherwise, in Genk) follows the cast's programme, whose profile has
six competences (two generic); the cast's workplace teaches four of them, with the cast's mentor named.
The cast's coach is the learner's coach. Accepting starts the trajectory with plan version 1 drafted.
"""

import datetime

from django.utils import timezone

from werkbrug.competences.models import Competence
from werkbrug.placements.models import Application, Capacity
from werkbrug.placements.services import application_accept
from werkbrug.trajectories.models import Trajectory

from ..factories import CompetenceFactory, ProgrammeCompetenceFactory, WorkplaceMentorFactory

PROFILE = [  # (code, kind, core, target level); the workplace teaches the first four, up to level 4
    ("GEN-1", Competence.Kind.GENERIC, True, 3),
    ("GEN-2", Competence.Kind.GENERIC, True, 3),
    ("OCC-1", Competence.Kind.OCCUPATIONAL, True, 3),
    ("OCC-2", Competence.Kind.OCCUPATIONAL, True, 3),
    ("OCC-3", Competence.Kind.OCCUPATIONAL, True, 4),
    ("OCC-4", Competence.Kind.OCCUPATIONAL, False, 2),
]


def running_trajectory(cast, *, minor: bool = True) -> Trajectory:
    """The cast learner's running trajectory at the cast's workplace; made once, then returned."""
    found = Trajectory.objects.filter(learner=cast.learner_profile).first()
    if found is not None:
        return found
    today = timezone.localdate()
    r = cast.recognition
    r.status, r.number = "granted", f"WB-TRJ-{r.pk}"
    r.starts_on, r.expires_on = today - datetime.timedelta(days=30), today + datetime.timedelta(days=900)
    r.save()
    for i, (code, kind, core, target) in enumerate(PROFILE):
        competence = CompetenceFactory(
            framework=cast.framework, code=code, kind=kind, title_nl=f"Competentie {code}", title_en=code
        )
        ProgrammeCompetenceFactory(
            programme=cast.programme, competence=competence, core=core, target_level=target
        )
        if i < 4:
            cast.workplace.teaches.create(competence=competence, level=4)
    WorkplaceMentorFactory(workplace=cast.workplace, mentor=cast.mentor)
    Capacity.objects.create(
        workplace=cast.workplace,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=300),
        places=2,
    )
    p = cast.learner_profile
    p.programme, p.coach = cast.programme, cast.coach
    years = 16 if minor else 20
    p.date_of_birth = today.replace(year=today.year - years, day=min(today.day, 28))
    p.save()
    application = Application.objects.create(
        learner=p,
        workplace=cast.workplace,
        proposed_by=cast.coach,
        introduction_agreed_by=cast.parent,
        introduction_agreed_at=timezone.now(),
    )
    application_accept(application=application, by=cast.org_admin)
    return Trajectory.objects.get(learner=p)


def a_trajectory(cast) -> dict:
    """URL kwargs for the access matrix: the cast learner's running trajectory."""
    return {"pk": running_trajectory(cast).pk}


def more_trajectories(cast, n: int) -> list[Trajectory]:
    """`n` more running trajectories at the cast's workplace, with the cast's mentor and coach, each with
    an open check-in and an overdue agreement: rows for the caseload and the mentor's "today"."""
    from werkbrug.trajectories.models import Agreement, CheckIn

    from ..factories import LearnerProfileFactory

    today = timezone.localdate()
    made = []
    for _ in range(n):
        learner = LearnerProfileFactory(school=cast.school, programme=cast.programme, coach=cast.coach)
        trajectory = Trajectory.objects.create(
            learner=learner,
            workplace=cast.workplace,
            mentor=cast.mentor,
            coach=cast.coach,
            starts_on=today - datetime.timedelta(days=60),
            ends_on=today + datetime.timedelta(days=200),
            agreement_type=Trajectory.AgreementType.OAO,
            next_review_on=today - datetime.timedelta(days=3),
        )
        CheckIn.objects.create(
            trajectory=trajectory,
            week=CheckIn.monday(today),
            feeling=1,
            learning=2,
            respected=3,
            wants_contact=True,
            wants_mentor=True,
        )
        Agreement.objects.create(
            trajectory=trajectory,
            action="Veiligheidsschoenen kopen",
            owner=cast.mentor,
            due_on=today - datetime.timedelta(days=2),
        )
        made.append(trajectory)
    return made
