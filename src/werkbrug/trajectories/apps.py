from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoriesConfig(AppConfig):
    name = "werkbrug.trajectories"
    verbose_name = _("Trajectories")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.trajectories import models as m

        auditlog.register(m.Trajectory)
        auditlog.register(m.TrainingPlan)
        auditlog.register(m.PlanItem)
        auditlog.register(m.PlanSignature)
        auditlog.register(m.Evaluation)
        auditlog.register(m.Agreement)
        auditlog.register(m.ContactMoment, m2m_fields={"participants"})
        auditlog.register(m.Absence)
        auditlog.register(m.Pause)
        auditlog.register(m.ProgressReview)
        auditlog.register(m.Outcome, m2m_fields={"competences_obtained"})
        auditlog.register(m.FollowUp)
        auditlog.register(m.RegionTrajectorySettings)
        auditlog.register(m.PhaseName)
