from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "werkbrug.placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from werkbrug.placements.models import (
            AllocationRound,
            Application,
            CandidateRank,
            Capacity,
            MatchingWeights,
            PlaceWish,
            Recognition,
            Waitlist,
            Workplace,
            WorkplaceCompetence,
            WorkplaceMentor,
        )

        auditlog.register(Workplace)
        auditlog.register(WorkplaceCompetence)
        auditlog.register(WorkplaceMentor)
        auditlog.register(Capacity)
        auditlog.register(Recognition)
        auditlog.register(Application, exclude_fields=["explanation"])
        auditlog.register(PlaceWish)
        auditlog.register(CandidateRank)
        auditlog.register(Waitlist)
        auditlog.register(MatchingWeights)
        auditlog.register(AllocationRound, include_fields=["status", "published_method", "published_by"])
