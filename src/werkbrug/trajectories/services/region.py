"""A region's own way of following trajectories: the names of the four phases (Dutch and English) and how
often the triad reviews and evaluates. The coordinator sets them; the defaults hold until they do."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from werkbrug.organisations.models import Region
from werkbrug.organisations.queries import coordinated_regions
from werkbrug.people.models import User
from werkbrug.trajectories.models import DEFAULT_PHASES, PhaseName, RegionTrajectorySettings
from werkbrug.trajectories.services.errors import TrajectoryError


@dataclass(frozen=True)
class Names:
    """A phase's names in both languages."""

    nl: str
    en: str


def region_names(region: Region) -> dict[int, Names]:
    """Each phase's names as the region uses them: its own where it renamed one, else the defaults."""
    names = {number: Names(nl, en) for number, nl, en in DEFAULT_PHASES}
    for row in PhaseName.objects.filter(region=region):
        names[row.number] = Names(row.name_nl, row.name_en)
    return names


@transaction.atomic
def region_settings_save(
    *, region: Region, by: User, review_weeks: int, evaluation_weeks: int, names: dict[int, Names]
) -> RegionTrajectorySettings:
    """Keep the region's cadences and phase names; a phase named as by default keeps no row of its own,
    so it follows the platform's wording (and its translation)."""
    if not coordinated_regions(by).filter(pk=region.pk).exists():
        raise PermissionDenied
    defaults = {number: Names(nl, en) for number, nl, en in DEFAULT_PHASES}
    if set(names) != set(defaults):
        raise ValueError(f"names for phases {sorted(defaults)} expected, got {sorted(names)}")
    cleaned = {n: Names(v.nl.strip(), v.en.strip()) for n, v in names.items()}
    if any(not (v.nl and v.en) for v in cleaned.values()):
        raise TrajectoryError(_("Every phase needs a name in Dutch and in English."))
    if len({v.nl.casefold() for v in cleaned.values()}) < len(cleaned):
        raise TrajectoryError(_("Two phases have the same name: give each phase its own."))
    settings, _created = RegionTrajectorySettings.objects.select_for_update().get_or_create(region=region)
    settings.review_weeks, settings.evaluation_weeks = review_weeks, evaluation_weeks
    settings.full_clean()
    settings.save()
    for number, value in cleaned.items():
        if value == defaults[number]:
            PhaseName.objects.filter(region=region, number=number).delete()
        else:
            PhaseName.objects.update_or_create(
                region=region, number=number, defaults={"name_nl": value.nl, "name_en": value.en}
            )
    return settings
