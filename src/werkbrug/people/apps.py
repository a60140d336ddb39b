from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "werkbrug.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.people.models import Invitation, Membership, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Membership)
        auditlog.register(Invitation, exclude_fields=["token_hash"])
