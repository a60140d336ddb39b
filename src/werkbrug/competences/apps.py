from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "werkbrug.competences"
    verbose_name = _("Competences")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.competences.models import Rubric, RubricLevel

        auditlog.register(Rubric)
        auditlog.register(RubricLevel)
