from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "werkbrug.learners"
    verbose_name = _("Learners")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.learners.models import LearnerProfile, SupportConsent

        auditlog.register(LearnerProfile, m2m_fields={"parents"})
        auditlog.register(SupportConsent)
