"""Feeds the matching engine from the database and turns its reason codes into sentences.

`werkbrug.matching` knows no Django; this module reads a region in a fixed number of queries
(workplaces with their sites, valid recognitions, what they teach, places taken, trained mentors,
programme profiles, travel factors and measured times) and hands it over as arrays.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbrug import matching
from werkbrug.geo import Mode, ModeFactors, normalise_postcode
from werkbrug.learners.models import LearnerProfile
from werkbrug.matching import LearnerRow, MentorReadiness, Profile, WorkplaceRow
from werkbrug.network.models import MentorTraining
from werkbrug.organisations.models import MeasuredTravelTime, ProgrammeCompetence, Region, TravelFactor
from werkbrug.organisations.travel import place_of
from werkbrug.placements.models import (
    Capacity,
    MatchingWeights,
    Recognition,
    Workplace,
    WorkplaceCompetence,
    WorkplaceMentor,
)
from werkbrug.placements.queries import places_taken
from werkbrug.vocab import CEFR, Sector, Support, TravelMode

SUPPORT_BITS = {code: bit for bit, code in enumerate(Support.values)}
SECTOR_BITS = {code: bit for bit, code in enumerate(Sector.values)}
# A learner who named no way to travel can still walk and take the bus; the reason says which mode.
DEFAULT_MODES = (Mode.WALK, Mode.PUBLIC_TRANSPORT)

COMPONENT_LABELS = {
    "coverage": gettext_lazy("Competences"),
    "travel": gettext_lazy("Travel"),
    "language": gettext_lazy("Dutch"),
    "support": gettext_lazy("Support"),
    "mentor": gettext_lazy("Mentor"),
    "wishes": gettext_lazy("Wishes"),
}


def bits(codes: Iterable[str], table: dict[str, int]) -> int:
    return sum(1 << table[c] for c in set(codes) if c in table)


@dataclass
class RegionData:
    """A region as the engine sees it, with the maps back to database rows."""

    region: Region
    engine: matching.Region
    workplace_ids: list[int]
    index_of: dict[int, int]  # workplace id -> engine index
    place_keys: dict[tuple[str, str], int]
    capacity_of: dict[int, int | None] = field(default_factory=dict)  # workplace id -> capacity id today

    def learners(self, profiles: list[LearnerProfile]) -> matching.Learners:
        return matching.learners_from([self.learner_row(p) for p in profiles])

    def learner_row(self, p: LearnerProfile) -> LearnerRow:
        place = place_of(p.home_country, p.home_postcode)
        key = self.place_keys.setdefault(
            normalise_postcode(p.home_country, p.home_postcode), len(self.place_keys)
        )
        modes = [m for m in p.mobility_modes if m in TravelMode.values] or DEFAULT_MODES
        return LearnerRow(
            id=p.pk,
            programme=p.programme_id if p.programme_id else -1,
            lat=place.lat if place else math.nan,
            lon=place.lon if place else math.nan,
            place=key if place else -1,
            modes=matching.mode_mask(*modes),
            max_minutes=p.max_travel_minutes,
            language=CEFR.rank(p.dutch_level) if p.dutch_level else -1,
            support=bits(p.support_needs, SUPPORT_BITS),
            sectors=bits(p.sectors, SECTOR_BITS),
        )


def load_region(
    region: Region,
    day: datetime.date | None = None,
    *,
    homes: Iterable[tuple[str, str]] | None = None,
    programmes: Iterable[int] | None = None,
    workplace_ids: Iterable[int] | None = None,
) -> RegionData:
    """The region's workplaces that take learners (open or full) with their valid recognitions, in
    eleven queries whatever its size.

    `homes` limits the measured travel times read to those from or to these (country, postcode)s, for
    one learner's suggestions; without it every measured time is read (a whole round). `programmes`
    keeps only the workplaces recognised for them today, and `workplace_ids` only those workplaces: a
    page about one learner or one workplace reads a small part of a large region.
    """
    day = day or timezone.localdate()
    qs = Workplace.objects.filter(
        employer__region=region, status__in=[Workplace.Status.OPEN, Workplace.Status.FULL]
    )
    if programmes is not None:
        valid = Recognition.objects.filter(
            Recognition.in_force(day), workplace_id=OuterRef("pk"), programme_id__in=list(programmes)
        )
        qs = qs.filter(Exists(valid))
    if workplace_ids is not None:
        qs = qs.filter(pk__in=list(workplace_ids))
    workplaces = list(qs.select_related("site").order_by("pk"))
    ids = [w.pk for w in workplaces]
    recognised = defaultdict(list)
    for w_id, p_id in Recognition.objects.filter(Recognition.in_force(day), workplace_id__in=ids).values_list(
        "workplace_id", "programme_id"
    ):
        recognised[w_id].append(p_id)
    teaches = defaultdict(dict)
    for w_id, c_id, level in WorkplaceCompetence.objects.filter(workplace_id__in=ids).values_list(
        "workplace_id", "competence_id", "level"
    ):
        teaches[w_id][c_id] = level
    capacity = {}
    for c in Capacity.objects.filter(Capacity.covering(day), workplace_id__in=ids).order_by("starts_on"):
        capacity.setdefault(c.workplace_id, c)
    taken = places_taken(c.pk for c in capacity.values())
    trained_people = set(
        MentorTraining.objects.filter(completed_on__lte=day).values_list("person_id", flat=True).distinct()
    )
    mentors = defaultdict(set)
    for w_id, m_id in WorkplaceMentor.objects.filter(workplace_id__in=ids).values_list(
        "workplace_id", "mentor_id"
    ):
        mentors[w_id].add(m_id)
    place_keys: dict[tuple[str, str], int] = {}
    rows = []
    for w in workplaces:
        key = place_keys.setdefault(normalise_postcode(w.site.country, w.site.postcode), len(place_keys))
        c = capacity.get(w.pk)
        readiness = MentorReadiness.NONE
        if mentors[w.pk]:
            readiness = (
                MentorReadiness.TRAINED if mentors[w.pk] & trained_people else MentorReadiness.UNTRAINED
            )
        rows.append(
            WorkplaceRow(
                id=w.pk,
                lat=w.site.latitude,
                lon=w.site.longitude,
                place=key,
                places_left=(c.places - taken.get(c.pk, 0)) if c else 0,
                language_demand=CEFR.rank(w.language_demand),
                language_support=Support.LANGUAGE_SUPPORT in w.support_offered,
                support=bits(w.support_offered, SUPPORT_BITS),
                mentor=readiness,
                sector=SECTOR_BITS.get(w.sector, -1),
                programmes=tuple(recognised[w.pk]),
                teaches=teaches[w.pk],
            )
        )
    engine = matching.Region(
        matching.workplaces_from(rows),
        _profiles({p for w in rows for p in w.programmes}),
        travel=_travel(region, place_keys, homes),
        weights=_weights(region),
    )
    return RegionData(
        region=region,
        engine=engine,
        workplace_ids=ids,
        index_of={pk: k for k, pk in enumerate(ids)},
        place_keys=place_keys,
        capacity_of={w.pk: (capacity[w.pk].pk if w.pk in capacity else None) for w in workplaces},
    )


def _profiles(programme_ids: set[int]) -> dict[int, Profile]:
    rows = defaultdict(list)
    for p_id, c_id, core, weight, target in ProgrammeCompetence.objects.filter(
        programme_id__in=programme_ids
    ).values_list("programme_id", "competence_id", "core", "weight", "target_level"):
        rows[p_id].append((c_id, core, float(weight), target))
    return {p: Profile.build(r) for p, r in rows.items()}


def _travel(
    region: Region, place_keys: dict[tuple[str, str], int], homes: Iterable[tuple[str, str]] | None
) -> matching.Travel:
    factors = {
        Mode(f.mode): ModeFactors(speed_kmh=f.speed_kmh, detour=f.detour, overhead_min=f.overhead_min)
        for f in TravelFactor.objects.filter(region=region)
    }
    measured = {}
    modes = list(matching.MODES)
    rows = MeasuredTravelTime.objects.all()
    if homes is not None:
        postcodes = sorted({normalise_postcode(c, pc)[1] for c, pc in homes if pc})
        rows = rows.filter(Q(from_postcode__in=postcodes) | Q(to_postcode__in=postcodes))
    for m in rows.iterator(chunk_size=2000):
        a = place_keys.setdefault(normalise_postcode(m.from_country, m.from_postcode), len(place_keys))
        b = place_keys.setdefault(normalise_postcode(m.to_country, m.to_postcode), len(place_keys))
        measured[(a, b, modes.index(Mode(m.mode)))] = m.minutes
    return matching.Travel(factors={**matching.Travel().factors, **factors}, measured=measured)


def _weights(region: Region) -> matching.Weights:
    w = MatchingWeights.objects.filter(region=region).first()
    if w is None:
        return matching.Weights()
    return matching.Weights(**{name: getattr(w, name) for name in matching.COMPONENTS})


# -- reasons, in the reader's language ---------------------------------------------------------------


def reason_text(reason: matching.Reason) -> str:
    """One short sentence per reason code ("22 min met de bus", "leert 7 van 9 kerncompetenties")."""
    p = reason.params
    match reason.code:
        case "coverage":
            text = _("teaches %(taught)s of %(total)s core competences") % {
                "taught": p["core_taught"],
                "total": p["core_total"],
            }
            if p["core_at_target"] < p["core_taught"]:
                text += ", " + _("%(n)s of them not up to the target level") % {
                    "n": p["core_taught"] - p["core_at_target"]
                }
            if p["optional_total"]:
                text += ", " + _("%(taught)s of %(total)s optional") % {
                    "taught": p["optional_taught"],
                    "total": p["optional_total"],
                }
            return text
        case "travel":
            values = {"minutes": p["minutes"], "mode": str(TravelMode(p["mode"]).label).lower()}
            if p["estimated"]:
                return _("about %(minutes)s min · %(mode)s (estimate)") % values
            return _("%(minutes)s min · %(mode)s") % values
        case "language_met":
            return _("Dutch %(level)s is enough (%(demand)s asked)") % _levels(p)
        case "language_with_help":
            return _("Dutch %(level)s, %(demand)s asked: the workplace helps with Dutch") % _levels(p)
        case "language_unknown":
            return _("Dutch level not known yet (%(demand)s asked)") % _levels(p)
        case "support_none_needed":
            return _("no extra support needed")
        case "support_given":
            return _("gives the support needed, with a trained mentor")
        case "support_given_untrained":
            return _("gives the support needed; the mentor has not been trained yet")
        case "mentor_trained":
            return _("the mentor followed the mentor training")
        case "mentor_untrained":
            return _("the mentor has not followed the mentor training yet")
        case "mentor_none":
            return _("no mentor named yet")
        case "wish_listed":
            return _("on the learner's own list")
        case "wish_sector":
            return _("in a sector the learner wishes: %(sector)s") % {"sector": _sector(p["sector"])}
        case "wish_other_sector":
            return _("not in a sector the learner named")
        case "wish_no_sector":
            return _("the learner named no sector")
    return reason.code


def _levels(p: dict) -> dict[str, str]:
    labels = CEFR.labels
    return {"level": labels[p["level"]] if p["level"] >= 0 else "?", "demand": labels[p["demand"]]}


def _sector(bit: int) -> str:
    return str(Sector.labels[bit]) if 0 <= bit < len(Sector.labels) else ""


def explanation_json(explanation: matching.Explanation) -> list[dict]:
    """What an application keeps of the reasons it was proposed with."""
    return [
        {
            "name": c.name,
            "value": c.value,
            "weight": c.weight,
            "code": c.reason.code,
            "params": c.reason.params,
        }
        for c in explanation.components
    ]


@dataclass(frozen=True)
class ShownComponent:
    name: str
    label: str
    value: float
    weight: float
    text: str

    @property
    def percent(self) -> int:
        return round(self.value * 100)


def shown(components: Iterable[dict]) -> list[ShownComponent]:
    """Components ready for a page: a label, a bar and a sentence."""
    return [
        ShownComponent(
            c["name"],
            str(COMPONENT_LABELS[c["name"]]),
            c["value"],
            c["weight"],
            reason_text(matching.Reason(c["code"], c["params"])),
        )
        for c in components
    ]


def seeking_learners(region: Region) -> list[LearnerProfile]:
    return list(
        LearnerProfile.objects.filter(school__region=region, status=LearnerProfile.Status.SEEKING).order_by(
            "pk"
        )
    )
