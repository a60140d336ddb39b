"""Writing the stories in bulk, one model at a time, each row matched on its natural key (see
`demo.sync`), so a second run writes nothing and what an earlier build had that this one does not goes.

The demo owns the trajectories of the learners it owns (their rows, and nothing of anyone else's).
"""

from collections.abc import Sequence

from django.db import models
from django.db.models import QuerySet

from werkbrug.demo.context import Demo
from werkbrug.demo.trajectories.story import Story
from werkbrug.learners.models import LearnerProfile
from werkbrug.trajectories.models import (
    Absence,
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluationScore,
    FollowUp,
    LogEntry,
    Outcome,
    Pause,
    PhaseReached,
    PlanItem,
    PlanSignature,
    ProgressReview,
    ReviewSignature,
    SurveyAnswer,
    TrainingPlan,
    Trajectory,
    TrajectoryChange,
)

TRAJECTORY_FIELDS = [
    "application_id",
    "workplace_id",
    "second_workplace_id",
    "mentor_id",
    "coach_id",
    "peer_coach_id",
    "jobhunter_id",
    "ends_on",
    "agreement_type",
    "workplace_days",
    "school_days",
    "status",
    "phase",
    "next_review_on",
    "created_by_id",
    "created_at",
    "updated_at",
]
# The rows that hang off a trajectory: (the story's list, model, natural key besides the trajectory,
# the fields written).
PER_TRAJECTORY: list[tuple[str, type[models.Model], list[str], list[str]]] = [
    ("phases", PhaseReached, ["number"], ["reached_on"]),
    ("pauses", Pause, ["starts_on"], ["ends_on", "reason", "note", "created_by_id"]),
    (
        "checkins",
        CheckIn,
        ["week"],
        [
            "feeling",
            "learning",
            "respected",
            "wants_contact",
            "wants_mentor",
            "note",
            "created_at",
            "seen_at",
            "seen_by_id",
            "mentor_seen_at",
        ],
    ),
    ("log_entries", LogEntry, ["created_at"], ["author_id", "text", "created_at"]),  # its key is its time
    (
        "absences",
        Absence,
        ["starts_on"],
        ["where", "ends_on", "reason", "note", "recorded_by_id", "created_at"],
    ),
    ("changes", TrajectoryChange, ["created_at"], ["changes", "note", "created_by_id", "created_at"]),
    (
        "follow_ups",
        FollowUp,
        ["months"],
        ["due_on", "done_on", "situation", "still_at_workplace", "note", "done_by_id"],
    ),
    (
        "surveys",
        SurveyAnswer,
        ["role"],
        ["respondent_id", "placement", "guidance", "recommend", "comment", "answered_at"],
    ),
]


def write(demo: Demo, stories: list[Story], learners: QuerySet[LearnerProfile]) -> None:
    """Make the trajectories of `learners` exactly those of the stories."""
    owned = Trajectory.objects.filter(learner__in=learners)
    demo.sync(
        [s.trajectory for s in stories],
        existing=owned,
        key=["learner_id", "starts_on"],
        fields=TRAJECTORY_FIELDS,
        prune=True,
        # An evaluation protects its plan version, which goes with the trajectory: it goes first.
        dependents=[(Evaluation, "trajectory_id")],
    )
    of = {"trajectory__in": owned}
    _plans(demo, stories, of)
    _evaluations(demo, stories, of)
    _contacts(demo, stories, of)
    _reviews(demo, stories, of)
    for name, model, key, fields in PER_TRAJECTORY:
        rows = [_on(row, s) for s in stories for row in getattr(s, name)]
        demo.sync(
            rows,
            existing=model.objects.filter(**of),
            key=["trajectory_id", *key],
            fields=fields,
            prune=True,
        )
    _agreements(demo, stories, of)
    _outcomes(demo, stories, of)


def _on(row: models.Model, story: Story) -> models.Model:
    row.trajectory_id = story.trajectory.pk
    return row


def _children(pairs: Sequence[tuple[models.Model, models.Model]], attname: str) -> list[models.Model]:
    """The rows of (row, parent) pairs, each pointing at its parent, written by now."""
    for row, parent in pairs:
        setattr(row, attname, parent.pk)
    return [row for row, _parent in pairs]


def _sync(
    demo: Demo,
    rows: list,
    model: type[models.Model],
    where: dict,
    key: list[str],
    fields: list[str],
    dependents: Sequence = (),
) -> None:
    demo.sync(
        rows,
        existing=model.objects.filter(**where),
        key=key,
        fields=fields,
        prune=True,
        dependents=dependents,
    )


def _plans(demo: Demo, stories: list[Story], of: dict) -> None:
    plans = [_on(plan, s) for s in stories for plan in s.plans]
    _sync(
        demo,
        plans,
        TrainingPlan,
        of,
        ["trajectory_id", "version"],
        ["note", "created_by_id", "created_at", "agreed_at"],
        dependents=[(Evaluation, "plan_id")],  # evaluations of a version no more
    )
    under = {"plan__trajectory__in": of["trajectory__in"]}
    items = _children([pair for s in stories for pair in s.items], "plan_id")
    fields = ["core", "where", "phase", "target_level", "starts_on", "ends_on"]
    _sync(demo, items, PlanItem, under, ["plan_id", "competence_id"], fields)
    signatures = _children([pair for s in stories for pair in s.plan_signatures], "plan_id")
    _sync(demo, signatures, PlanSignature, under, ["plan_id", "signed_as"], ["signer_id", "signed_at"])


def _evaluations(demo: Demo, stories: list[Story], of: dict) -> None:
    evaluations = []
    for s in stories:
        for evaluation, plan in s.evaluations:
            evaluation.plan_id = plan.pk
            evaluations.append(_on(evaluation, s))
    fields = ["plan_id", "author_id", "comment", "created_at", "updated_at"]
    _sync(demo, evaluations, Evaluation, of, ["trajectory_id", "role", "submitted_at"], fields)
    scores = _children([pair for s in stories for pair in s.scores], "evaluation_id")
    under = {"evaluation__trajectory__in": of["trajectory__in"]}
    _sync(demo, scores, EvaluationScore, under, ["evaluation_id", "competence_id"], ["level", "comment"])


def _contacts(demo: Demo, stories: list[Story], of: dict) -> None:
    contacts = [_on(c, s) for s in stories for c in s.contacts]
    _sync(
        demo,
        contacts,
        ContactMoment,
        of,
        ["trajectory_id", "kind", "on"],
        ["notes", "created_by_id", "created_at"],
    )
    through = ContactMoment.participants.through
    rows = [
        through(contactmoment_id=contact.pk, user_id=person)
        for s in stories
        for person, contact in s.participants
    ]
    _sync(
        demo,
        rows,
        through,
        {"contactmoment__trajectory__in": of["trajectory__in"]},
        ["contactmoment_id", "user_id"],
        [],
    )


def _reviews(demo: Demo, stories: list[Story], of: dict) -> None:
    reviews = [_on(r, s) for s in stories for r in s.reviews]
    fields = ["due_on", "summary", "created_by_id", "created_at", "signed_at"]
    _sync(demo, reviews, ProgressReview, of, ["trajectory_id", "held_on"], fields)
    signatures = _children([pair for s in stories for pair in s.review_signatures], "review_id")
    under = {"review__trajectory__in": of["trajectory__in"]}
    _sync(demo, signatures, ReviewSignature, under, ["review_id", "signed_as"], ["signer_id", "signed_at"])


def _agreements(demo: Demo, stories: list[Story], of: dict) -> None:
    rows = []
    for s in stories:
        for agreement, contact, review in s.agreements:
            agreement.contact_id = contact.pk if contact else None
            agreement.review_id = review.pk if review else None
            rows.append(_on(agreement, s))
    fields = ["contact_id", "review_id", "owner_id", "done_at", "done_by_id", "created_by_id", "created_at"]
    _sync(demo, rows, Agreement, of, ["trajectory_id", "action", "due_on"], fields)


def _outcomes(demo: Demo, stories: list[Story], of: dict) -> None:
    ended = [s for s in stories if s.outcome]
    fields = [
        "ended_on",
        "result",
        "qualification",
        "job_offered",
        "job_accepted",
        "next_step",
        "left_reason",
        "note",
        "recorded_by_id",
        "recorded_at",
    ]
    _sync(demo, [_on(s.outcome, s) for s in ended], Outcome, of, ["trajectory_id"], fields)
    through = Outcome.competences_obtained.through
    rows = [through(outcome_id=s.outcome.pk, competence_id=c) for s in ended for c in s.obtained]
    where = {"outcome__trajectory__in": of["trajectory__in"]}
    _sync(demo, rows, through, where, ["outcome_id", "competence_id"], [])
