from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "werkbrug.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.network.models import MentorTraining

        auditlog.register(MentorTraining)
