"""Why a workplace is suggested: each component's value, weight and a reason a person can read.

The engine does not translate: a reason is a code with parameters (`Reason("travel", {"minutes": 22,
"mode": "public_transport", "estimated": True})`); the application turns it into a sentence in the
reader's language ("22 min met de bus").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .candidates import Candidates
from .region import COMPONENTS, MODES, Learners, MentorReadiness, Region

__all__ = ["Component", "Explanation", "Reason", "explain"]


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Component:
    name: str  # one of COMPONENTS
    value: float  # in [0, 1]
    weight: float  # normalised weight
    reason: Reason

    @property
    def points(self) -> float:
        """What this component adds to the score."""
        return self.value * self.weight


@dataclass(frozen=True)
class Explanation:
    learner: int
    workplace: int
    score: float
    minutes: int
    mode: str
    estimated: bool
    components: tuple[Component, ...]


def explain(region: Region, learners: Learners, found: Candidates, row: int) -> Explanation:
    """The explanation of one candidate row of `found`."""
    i, w = int(found.learner[row]), int(found.workplace[row])
    weights = region.weights.as_array()
    values = found.components[row]
    mode = MODES[int(found.mode[row])].value
    minutes = int(found.minutes[row])
    reasons = {
        "coverage": _coverage(region, learners, i, w),
        "travel": Reason(
            "travel", {"minutes": minutes, "mode": mode, "estimated": bool(found.estimated[row])}
        ),
        "language": _language(region, learners, i, w),
        "support": _support(region, learners, i, w),
        "mentor": Reason(
            {
                MentorReadiness.TRAINED: "mentor_trained",
                MentorReadiness.UNTRAINED: "mentor_untrained",
            }.get(int(region.workplaces.mentor[w]), "mentor_none")
        ),
        "wishes": _wishes(region, learners, i, w, float(values[5])),
    }
    components = tuple(
        Component(name, round(float(values[k]), 4), round(float(weights[k]), 4), reasons[name])
        for k, name in enumerate(COMPONENTS)
    )
    return Explanation(
        i, w, round(float(found.score[row]), 4), minutes, mode, bool(found.estimated[row]), components
    )


def _coverage(region: Region, learners: Learners, i: int, w: int) -> Reason:
    index = region.by_programme[int(learners.programme[i])]
    at = int(np.searchsorted(index.workplaces, w))
    return Reason(
        "coverage",
        {
            "core_taught": int(index.core_taught[at]),
            "core_at_target": int(index.core_at_target[at]),
            "core_total": index.core_total,
            "optional_taught": int(index.optional_taught[at]),
            "optional_total": index.optional_total,
        },
    )


def _language(region: Region, learners: Learners, i: int, w: int) -> Reason:
    level, demand = int(learners.language[i]), int(region.workplaces.language_demand[w])
    params = {"level": level, "demand": demand, "help": bool(region.workplaces.language_support[w])}
    if level < 0:
        return Reason("language_unknown", params)
    return Reason("language_met" if level >= demand else "language_with_help", params)


def _support(region: Region, learners: Learners, i: int, w: int) -> Reason:
    needs = int(learners.support[i])
    if not needs:
        return Reason("support_none_needed")
    trained = int(region.workplaces.mentor[w]) == MentorReadiness.TRAINED
    return Reason("support_given" if trained else "support_given_untrained", {"needs": needs.bit_count()})


def _wishes(region: Region, learners: Learners, i: int, w: int, value: float) -> Reason:
    if value >= 1.0 and not _sector_wished(region, learners, i, w):
        return Reason("wish_listed")
    if not int(learners.sectors[i]):
        return Reason("wish_no_sector")
    sector = int(region.workplaces.sector[w])
    return Reason(
        "wish_sector" if _sector_wished(region, learners, i, w) else "wish_other_sector", {"sector": sector}
    )


def _sector_wished(region: Region, learners: Learners, i: int, w: int) -> bool:
    sector = int(region.workplaces.sector[w])
    return sector >= 0 and bool((int(learners.sectors[i]) >> sector) & 1)
