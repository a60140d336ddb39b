"""The trajectories app's models, in modules by part of the trajectory."""

from werkbrug.trajectories.models.monitoring import (
    Absence,
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluationScore,
    EvaluatorRole,
    LogEntry,
    ProgressReview,
    ReminderSent,
    ReviewSignature,
)
from werkbrug.trajectories.models.outcome import FOLLOW_UP_MONTHS, FollowUp, Outcome, SurveyAnswer
from werkbrug.trajectories.models.plan import PlanItem, PlanSignature, SignerRole, TrainingPlan
from werkbrug.trajectories.models.trajectory import (
    DEFAULT_PHASES,
    LAST_PHASE,
    PHASES,
    Pause,
    PhaseName,
    PhaseReached,
    RegionTrajectorySettings,
    Trajectory,
    TrajectoryChange,
)

__all__ = [
    "DEFAULT_PHASES",
    "FOLLOW_UP_MONTHS",
    "LAST_PHASE",
    "PHASES",
    "Absence",
    "Agreement",
    "CheckIn",
    "ContactMoment",
    "Evaluation",
    "EvaluationScore",
    "EvaluatorRole",
    "FollowUp",
    "LogEntry",
    "Outcome",
    "Pause",
    "PhaseName",
    "PhaseReached",
    "PlanItem",
    "PlanSignature",
    "ProgressReview",
    "RegionTrajectorySettings",
    "ReminderSent",
    "ReviewSignature",
    "SignerRole",
    "SurveyAnswer",
    "TrainingPlan",
    "Trajectory",
    "TrajectoryChange",
]
