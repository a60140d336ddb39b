"""Changes to trajectories. Each service checks who acts, runs in one transaction and refuses with a
translated `TrajectoryError` the view shows next to the form."""

from werkbrug.trajectories.services.errors import TrajectoryError
from werkbrug.trajectories.services.lifecycle import (
    follow_up_record,
    settings_of,
    survey_answer,
    trajectory_end,
    trajectory_pause,
    trajectory_resume,
    trajectory_start,
)
from werkbrug.trajectories.services.monitoring import (
    NewAgreement,
    Score,
    absence_record,
    agreement_add,
    agreement_done,
    check_attachment,
    checkin_record,
    checkin_seen,
    contact_record,
    evaluation_save,
    log_entry_add,
    progress_update,
    review_record,
    review_sign,
)
from werkbrug.trajectories.services.plan import (
    Line,
    draft_lines,
    plan_draft,
    plan_revise,
    plan_sign,
    signers_needed,
)
from werkbrug.trajectories.services.region import (
    Names,
    region_names,
    region_settings_save,
)
from werkbrug.trajectories.services.terms import candidates, trajectory_change

__all__ = [
    "Line",
    "Names",
    "NewAgreement",
    "Score",
    "TrajectoryError",
    "absence_record",
    "agreement_add",
    "agreement_done",
    "candidates",
    "check_attachment",
    "checkin_record",
    "checkin_seen",
    "contact_record",
    "draft_lines",
    "evaluation_save",
    "follow_up_record",
    "log_entry_add",
    "plan_draft",
    "plan_revise",
    "plan_sign",
    "progress_update",
    "region_names",
    "region_settings_save",
    "review_record",
    "review_sign",
    "settings_of",
    "signers_needed",
    "survey_answer",
    "trajectory_change",
    "trajectory_end",
    "trajectory_pause",
    "trajectory_resume",
    "trajectory_start",
]
