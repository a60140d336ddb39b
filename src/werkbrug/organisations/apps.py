from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "werkbrug.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.organisations.models import (
            Organisation,
            Programme,
            ProgrammeCompetence,
            Site,
            TravelFactor,
        )

        auditlog.register(Organisation)
        auditlog.register(Site)
        auditlog.register(Programme)
        auditlog.register(ProgrammeCompetence)
        auditlog.register(TravelFactor)
