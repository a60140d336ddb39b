"""Suggestions for pages: workplaces for a learner (explained), and learners for a workplace (blind).

Reads only; the engine does the matching. Each function loads what it needs in a fixed number of
queries, whatever the number of workplaces or learners shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkbrug import matching
from werkbrug.competences.models import Competence
from werkbrug.learners.models import LearnerProfile
from werkbrug.matching import NoCandidate
from werkbrug.placements.engine import RegionData, explanation_json, load_region, shown
from werkbrug.placements.models import Application, CandidateRank, PlaceWish, Recognition, Workplace
from werkbrug.vocab import Sector, TravelMode, Weekday

NO_CANDIDATE_TEXT = {
    NoCandidate.NO_PROGRAMME: gettext_lazy("no programme is filled in yet"),
    NoCandidate.NO_HOME: gettext_lazy("the home postcode is missing or unknown"),
    NoCandidate.NO_MODES: gettext_lazy("no way to travel is filled in"),
    NoCandidate.NONE_RECOGNISED: gettext_lazy("no workplace is recognised for this programme yet"),
    NoCandidate.TOO_FAR: gettext_lazy("no recognised workplace within the longest trip"),
    NoCandidate.LANGUAGE: gettext_lazy("the workplaces in reach ask more Dutch"),
    NoCandidate.SUPPORT: gettext_lazy("the workplaces in reach cannot give the support needed"),
    NoCandidate.FULL: gettext_lazy("every workplace in reach is full"),
}


def why_none_text(code: int) -> str:
    return str(NO_CANDIDATE_TEXT.get(NoCandidate(code), ""))


class _Shown:
    """What a suggestion and a blind candidate show alike: the fit in percent and the travel mode."""

    score: float
    mode: str

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def mode_label(self) -> str:
        return str(TravelMode(self.mode).label).lower()


@dataclass
class Suggestion(_Shown):
    workplace: Workplace
    score: float
    minutes: int
    mode: str
    estimated: bool
    components: list = field(default_factory=list)  # engine.ShownComponent
    explanation: list[dict] = field(default_factory=list)  # as kept on an application
    proposed: bool = False
    on_wish_list: bool = False

    @property
    def coverage(self) -> dict:
        """The coverage reason's figures (core taught, core total, ...), for plain-language pages."""
        return next((c["params"] for c in self.explanation if c["name"] == "coverage"), {})


@dataclass
class Broader:
    workplaces: list[Workplace]
    with_school: bool
    core_covered: int
    core_total: int
    minutes: int
    missing: list[Competence]


@dataclass
class LearnerSuggestions:
    suggestions: list[Suggestion]
    broader: list[Broader]
    total: int
    why_none: str = ""


def _learner_data(learner: LearnerProfile) -> tuple[RegionData, matching.Learners, matching.Candidates]:
    programmes = [learner.programme_id] if learner.programme_id else []
    data = load_region(
        learner.school.region, homes=[(learner.home_country, learner.home_postcode)], programmes=programmes
    )
    learners = data.learners([learner])
    wish_ids = PlaceWish.objects.filter(learner=learner).values_list("workplace_id", flat=True)
    wished = {0: [data.index_of[w] for w in wish_ids if w in data.index_of]}
    return data, learners, matching.candidates(data.engine, learners, wished=wished)


def suggestions_for_learner(
    learner: LearnerProfile,
    *,
    max_minutes: int | None = None,
    sector: str = "",
    whole_core: bool = False,
    limit: int = 20,
) -> LearnerSuggestions:
    """The best workplaces for the learner with their reasons, filtered as asked, and broader matches."""
    data, learners, found = _learner_data(learner)
    rows = np.arange(len(found))[found.of(0)]
    engine = data.engine
    if max_minutes:
        rows = rows[found.minutes[rows] <= max_minutes]
    if sector:
        bit = Sector.values.index(sector) if sector in Sector.values else -2
        rows = rows[engine.workplaces.sector[found.workplace[rows]] == bit]
    if whole_core and learner.programme_id in engine.by_programme:
        index = engine.by_programme[learner.programme_id]
        at = np.searchsorted(index.workplaces, found.workplace[rows])
        rows = rows[index.core_taught[at] >= index.core_total]
    total = len(rows)
    rows = rows[:limit]
    shown_ids = [data.workplace_ids[int(found.workplace[r])] for r in rows]
    broader = matching.broader_matches(engine, learners, found, 0)
    broader_ids = {data.workplace_ids[w] for b in broader for w in b.workplaces}
    workplaces = Workplace.objects.select_related("employer", "site").in_bulk(set(shown_ids) | broader_ids)
    proposed = set(
        Application.objects.filter(learner=learner, status__in=Application.OPEN).values_list(
            "workplace_id", flat=True
        )
    )
    wishes = set(PlaceWish.objects.filter(learner=learner).values_list("workplace_id", flat=True))
    suggestions = []
    for r, pk in zip(rows, shown_ids, strict=True):
        explanation = explanation_json(matching.explain(engine, learners, found, int(r)))
        suggestions.append(
            Suggestion(
                workplace=workplaces[pk],
                score=float(found.score[r]),
                minutes=int(found.minutes[r]),
                mode=matching.MODES[int(found.mode[r])].value,
                estimated=bool(found.estimated[r]),
                components=shown(explanation),
                explanation=explanation,
                proposed=pk in proposed,
                on_wish_list=pk in wishes,
            )
        )
    return LearnerSuggestions(
        suggestions=suggestions,
        broader=_broader(broader, data, workplaces),
        total=total,
        why_none=why_none_text(int(found.why_none[0])) if not len(found) else "",
    )


def _broader(matches: list[matching.BroaderMatch], data: RegionData, workplaces: dict) -> list[Broader]:
    missing = Competence.objects.in_bulk({c for m in matches for c in m.missing})
    return [
        Broader(
            workplaces=[workplaces[data.workplace_ids[w]] for w in m.workplaces],
            with_school=m.with_school,
            core_covered=m.core_covered,
            core_total=m.core_total,
            minutes=m.minutes,
            missing=[missing[c] for c in m.missing if c in missing],
        )
        for m in matches
    ]


def explanation_for(learner: LearnerProfile, workplace: Workplace) -> tuple[float | None, list[dict]]:
    """The score and reasons of one pair, kept on the application when it is proposed."""
    data, learners, found = _learner_data(learner)
    w = data.index_of.get(workplace.pk)
    rows = np.arange(len(found))[found.of(0)]
    hit = rows[found.workplace[rows] == w] if w is not None else rows[:0]
    if not len(hit):
        return None, []
    row = int(hit[0])
    return float(found.score[row]), explanation_json(matching.explain(data.engine, learners, found, row))


# -- blind candidates for a workplace ---------------------------------------------------------------


@dataclass
class BlindCandidate(_Shown):
    """What an employer reads before an introduction: no name, age, photo, origin or support needs."""

    learner_id: int
    label: str  # a code that differs per workplace, so lists cannot be joined
    programme: str
    score: float
    minutes: int
    mode: str
    components: list
    sectors: list[str]
    days: list[str]
    available_from: datetime.date | None
    ranked: int | None = None


BLIND_COMPONENTS = ("coverage", "travel", "wishes")  # language, support and mentor say nothing of the learner


def blind_label(workplace: Workplace, learner_id: int) -> str:
    digest = salted_hmac("werkbrug.blind-candidate", f"{workplace.pk}:{learner_id}").hexdigest()
    return _("Candidate %(code)s") % {"code": digest[:4].upper()}


def rotation_key(workplace: Workplace, learner_id: int, day: datetime.date) -> str:
    """Changes every week: equal scores are shown in a different order each week, fairly."""
    year, week, _weekday = day.isocalendar()
    return salted_hmac("werkbrug.rotation", f"{year}-{week}:{workplace.pk}:{learner_id}").hexdigest()


def candidates_for_workplace(workplace: Workplace, *, limit: int = 20) -> list[BlindCandidate]:
    """Seeking learners for whom this workplace is a candidate, best first, rotated fairly.

    Scores are grouped in bands of five points; within a band the order changes every week, so the
    same few learners are not always shown first.
    """
    programmes = list(
        Recognition.objects.filter(
            Recognition.in_force(timezone.localdate()), workplace=workplace
        ).values_list("programme_id", flat=True)
    )
    people = list(
        LearnerProfile.objects.filter(
            school__region_id=workplace.employer.region_id,
            status=LearnerProfile.Status.SEEKING,
            programme_id__in=programmes,
        )
        .select_related("programme")
        .order_by("pk")
    )
    if not people:
        return []
    data = load_region(
        workplace.employer.region,
        homes={(p.home_country, p.home_postcode) for p in people},
        workplace_ids=[workplace.pk],
    )
    w = data.index_of.get(workplace.pk)
    if w is None:
        return []
    learners = data.learners(people)
    found = matching.candidates(data.engine, learners, require_places=False)
    rows = np.flatnonzero(found.workplace == w)
    ranks = dict(CandidateRank.objects.filter(workplace=workplace).values_list("learner_id", "rank"))
    today = timezone.localdate()

    def order(r: int) -> tuple:
        pk = people[int(found.learner[r])].pk
        return (ranks.get(pk, 10**6), -round(float(found.score[r]) * 20), rotation_key(workplace, pk, today))

    result = []
    for r in sorted(rows.tolist(), key=order)[:limit]:
        p = people[int(found.learner[r])]
        explanation = explanation_json(matching.explain(data.engine, learners, found, r))
        result.append(
            BlindCandidate(
                learner_id=p.pk,
                label=blind_label(workplace, p.pk),
                programme=p.programme.name if p.programme else "",
                score=float(found.score[r]),
                minutes=int(found.minutes[r]),
                mode=matching.MODES[int(found.mode[r])].value,
                components=shown([c for c in explanation if c["name"] in BLIND_COMPONENTS]),
                sectors=[str(label) for code, label in Sector.choices if code in p.sectors],
                days=[str(label) for code, label in Weekday.choices if code in p.days_available],
                available_from=p.available_from,
                ranked=ranks.get(p.pk),
            )
        )
    return result
