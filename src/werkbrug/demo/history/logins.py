"""The logins' own applications, made the way people make them: with the services of `placements`.

Emre's coach proposed him to the best place in his reach and his mother has yet to agree to an
introduction; the admin of Logistiek Lommel met a learner and has to decide; the demo coach follows three
applications of her own learners; the demo mentor's bakery has one to read. A rebuild leaves them as
they are when they still tell that story, and makes them again when they do not (someone tried the demo).
"""

import datetime
from dataclasses import dataclass

from werkbrug.demo import cast
from werkbrug.demo.cast import AGREED, BLIND, INTRODUCED
from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import User
from werkbrug.placements.models import Application, PlaceWish, Workplace
from werkbrug.placements.services import (
    application_agree_introduction,
    application_plan_introduction,
    application_propose,
    place_wishes_set,
)

INTRODUCTION_IN_DAYS = 4


@dataclass(frozen=True)
class CastApplication:
    """An application a login's story needs, with the people who make it."""

    learner_id: int
    workplace_id: int | None  # None: no place in reach, so no application
    stage: str  # BLIND, AGREED or INTRODUCED
    proposer_id: int
    agrees_id: int | None  # the adult learner or a minor's parent
    score: float | None
    explanation: list[dict]


def stage_of(application: Application) -> str:
    if application.status == Application.Status.INTRODUCED:
        return INTRODUCED
    if application.status == Application.Status.PROPOSED:
        return BLIND if application.is_blind else AGREED
    return application.status


def make(wanted: CastApplication, today: datetime.date) -> None:
    """Make the learner's applications exactly this one, through the services."""
    existing = list(Application.objects.filter(learner_id=wanted.learner_id))
    if wanted.workplace_id is None:
        Application.objects.filter(learner_id=wanted.learner_id).delete()
        return
    if (
        len(existing) == 1
        and existing[0].workplace_id == wanted.workplace_id
        and stage_of(existing[0]) == wanted.stage
    ):
        return
    Application.objects.filter(learner_id=wanted.learner_id).delete()
    learner = LearnerProfile.objects.select_related("school").get(pk=wanted.learner_id)
    proposer = User.objects.get(pk=wanted.proposer_id)
    # The demo's history is not news: no e-mail for any of these steps.
    application = application_propose(
        learner=learner,
        workplace=Workplace.objects.get(pk=wanted.workplace_id),
        by=proposer,
        score=wanted.score,
        explanation=wanted.explanation,
        notify=False,
    )
    if wanted.stage in (AGREED, INTRODUCED):
        agrees = User.objects.get(pk=wanted.agrees_id)
        application = application_agree_introduction(application=application, by=agrees, notify=False)
    if wanted.stage == INTRODUCED:
        on = today + datetime.timedelta(days=INTRODUCTION_IN_DAYS)
        while on.weekday() >= 5:
            on += datetime.timedelta(days=1)
        application_plan_introduction(application=application, on=on, by=proposer, notify=False)


def wishes(learner: LearnerProfile, workplace_ids: list[int]) -> None:
    """The learner's own list, set by the learner as on the wish list page."""
    have = list(
        PlaceWish.objects.filter(learner=learner).order_by("rank").values_list("workplace_id", flat=True)
    )
    if have != workplace_ids:
        workplaces = Workplace.objects.in_bulk(workplace_ids)
        place_wishes_set(
            learner=learner, workplaces=[workplaces[pk] for pk in workplace_ids], by=learner.user
        )


def demo_learner() -> LearnerProfile:
    return LearnerProfile.objects.select_related("school").get(user__email=cast.LEARNER_EMAIL)
