"""The demo's workplaces as the matching engine sees them, gathered while they are written.

The history of applications (`demo.history`) is decided with the real engine, over the plans rather than
over the database: a rebuild then decides the same whatever an earlier build (or a person trying the
demo) left behind, and no query is needed per learner. The rows are built the way
`placements.engine.load_region` builds them from the database, so the engine sees the same region.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from werkbrug import matching
from werkbrug.matching import MentorReadiness, WorkplaceRow
from werkbrug.placements.engine import SECTOR_BITS, SUPPORT_BITS, bits
from werkbrug.placements.models import Recognition, Workplace
from werkbrug.vocab import CEFR, Support


@dataclass
class Place:
    """A workplace of the demo, with what the history needs to write applications to it."""

    pk: int
    employer_id: int
    employer: str
    capacity_id: int
    places: int
    status: str  # as planned: open or paused
    last_started: datetime.date | None  # as planned: the last learner of an earlier year
    idle: bool  # the example of an idle workplace: the history leaves it alone
    decider_id: int  # the employer's first mentor, who also runs its account


@dataclass
class Market:
    """The workplaces in the order they were written, and the open ones as the engine's region."""

    today: datetime.date
    places: list[Place] = field(default_factory=list)
    rows: list[WorkplaceRow] = field(default_factory=list)  # one per open workplace, engine order
    engine_place: list[int] = field(default_factory=list)  # engine index -> index in `places`
    profiles: dict[int, matching.Profile] = field(default_factory=dict)  # programme id -> profile

    def add(
        self,
        place: Place,
        *,
        lat: float,
        lon: float,
        language: str,
        support: list[str],
        sector: str,
        mentors_trained: list[bool],
        recognitions: list[tuple[int, str, datetime.date | None, datetime.date | None]],
        teaches: list[tuple[int, int]],
    ) -> None:
        """One workplace as written; `recognitions` are (programme id, status, starts on, expires on)."""
        self.places.append(place)
        if place.status != Workplace.Status.OPEN:
            return
        readiness = MentorReadiness.NONE
        if mentors_trained:
            readiness = MentorReadiness.TRAINED if any(mentors_trained) else MentorReadiness.UNTRAINED
        valid = tuple(
            programme
            for programme, status, starts, expires in recognitions
            if status == Recognition.Status.GRANTED and starts and expires and starts <= self.today <= expires
        )
        self.engine_place.append(len(self.places) - 1)
        self.rows.append(
            WorkplaceRow(
                id=place.pk,
                lat=lat,
                lon=lon,
                places_left=place.places,
                language_demand=CEFR.rank(language),
                language_support=Support.LANGUAGE_SUPPORT in support,
                support=bits(support, SUPPORT_BITS),
                mentor=readiness,
                sector=SECTOR_BITS.get(sector, -1),
                programmes=valid,
                teaches=dict(teaches),
            )
        )

    @cached_property
    def region(self) -> matching.Region:
        """The engine's region, built once all workplaces are in."""
        return matching.Region(matching.workplaces_from(self.rows), self.profiles)

    @cached_property
    def left(self) -> np.ndarray:
        """Places left per engine index, as the history takes them."""
        return np.array([self.places[p].places for p in self.engine_place], dtype=np.int32)

    def place(self, engine_index: int) -> Place:
        return self.places[self.engine_place[engine_index]]
