"""The engine's input: a region's workplaces, programmes, learners and travel, as plain arrays.

The application (`werkbrug.placements.engine`) fills these from the database; benchmarks and tests
build them directly. Codes the engine compares (support needs, sectors, travel modes) arrive as bit
masks, so the engine never needs to know their names; levels arrive as ranks (CEFR 0 = pre-A1 ... 6 = C2,
rubric levels 1 ...).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.spatial import cKDTree

from werkbrug.geo.travel import DEFAULT_FACTORS, EARTH_RADIUS_KM, Mode, ModeFactors

__all__ = [
    "COMPONENTS",
    "MODES",
    "LearnerRow",
    "Learners",
    "MentorReadiness",
    "Profile",
    "Region",
    "Travel",
    "Weights",
    "WorkplaceRow",
    "Workplaces",
    "learners_from",
    "mode_mask",
    "workplaces_from",
]

# The order of travel modes in every mode bit mask and mode index.
MODES: tuple[Mode, ...] = tuple(Mode)

# The score's components, in the order of the columns of `Candidates.components`.
COMPONENTS: tuple[str, ...] = ("coverage", "travel", "language", "support", "mentor", "wishes")


class MentorReadiness:
    """How ready a workplace's mentors are: none named, named without training, trained."""

    NONE = 0
    UNTRAINED = 1
    TRAINED = 2


@dataclass(frozen=True)
class Weights:
    """How much each component counts; a region may set its own. Normalised to sum 1."""

    coverage: float = 0.35
    travel: float = 0.25
    language: float = 0.10
    support: float = 0.10
    mentor: float = 0.10
    wishes: float = 0.10

    def __post_init__(self) -> None:
        values = self.as_array(normalise=False)
        if (values < 0).any() or values.sum() <= 0:
            raise ValueError("weights must be non-negative and not all zero")

    def as_array(self, *, normalise: bool = True) -> np.ndarray:
        values = np.array([getattr(self, name) for name in COMPONENTS], dtype=np.float64)
        return values / values.sum() if normalise else values


@dataclass(frozen=True, eq=False)
class Profile:
    """A programme's competence profile: competence ids, core or optional, weight and target level."""

    competences: np.ndarray  # int64 ids
    core: np.ndarray  # bool
    weight: np.ndarray  # float64, > 0
    target_level: np.ndarray  # int16, >= 1

    @classmethod
    def build(cls, rows: list[tuple[int, bool, float, int]]) -> Profile:
        """From (competence_id, core, weight, target_level) rows."""
        rows = sorted(rows)
        return cls(
            competences=np.array([r[0] for r in rows], dtype=np.int64),
            core=np.array([r[1] for r in rows], dtype=bool),
            weight=np.array([r[2] for r in rows], dtype=np.float64),
            target_level=np.array([r[3] for r in rows], dtype=np.int16),
        )

    def __len__(self) -> int:
        return len(self.competences)


@dataclass(frozen=True, eq=False)
class Workplaces:
    """All workplaces of the region, one row per workplace (index 0 .. n-1)."""

    ids: np.ndarray  # int64, the application's own ids
    lat: np.ndarray  # float64
    lon: np.ndarray  # float64
    place: np.ndarray  # int32 key of the postcode (for measured times), -1 unknown
    places_left: np.ndarray  # int32
    language_demand: np.ndarray  # int8 CEFR rank
    language_support: np.ndarray  # bool: helps with Dutch at work
    support: np.ndarray  # int64 bit mask of support the workplace can give
    mentor: np.ndarray  # int8 MentorReadiness
    sector: np.ndarray  # int8 sector bit index, -1 none
    # Recognitions: parallel arrays (workplace index, programme id), one row per valid recognition.
    recognised_workplace: np.ndarray  # int32
    recognised_programme: np.ndarray  # int64
    # What each workplace teaches, in CSR form: entries teach_ptr[w] .. teach_ptr[w + 1].
    teach_ptr: np.ndarray  # int64, n + 1
    teach_competence: np.ndarray  # int64 competence ids
    teach_level: np.ndarray  # int16 level reachable

    def __len__(self) -> int:
        return len(self.ids)

    def teaches(self, w: int) -> dict[int, int]:
        lo, hi = self.teach_ptr[w], self.teach_ptr[w + 1]
        return dict(zip(self.teach_competence[lo:hi].tolist(), self.teach_level[lo:hi].tolist(), strict=True))


@dataclass(frozen=True, eq=False)
class Learners:
    """Learners looking for a place, one row per learner (index 0 .. n-1)."""

    ids: np.ndarray  # int64
    programme: np.ndarray  # int64 programme id, -1 none
    lat: np.ndarray  # float64, NaN when the home postcode is unknown
    lon: np.ndarray  # float64
    place: np.ndarray  # int32 postcode key, -1 unknown
    modes: np.ndarray  # int64 bit mask over MODES
    max_minutes: np.ndarray  # int16, one way
    language: np.ndarray  # int8 CEFR rank, -1 unknown
    support: np.ndarray  # int64 bit mask of support needed
    sectors: np.ndarray  # int64 bit mask of sectors wished for, 0 = no wish

    def __len__(self) -> int:
        return len(self.ids)

    def row(self, i: int) -> Learners:
        """A one-learner table (for a single learner's suggestions)."""
        return Learners(**{name: getattr(self, name)[i : i + 1] for name in self.__dataclass_fields__})


@dataclass(frozen=True, eq=False)
class Travel:
    """Travel-time factors per mode (the region's or geo's defaults) and measured times between places.

    `measured` maps (from_place, to_place, mode index) to minutes and is looked up in both directions.
    Candidates are searched within the estimated reach; a measured time then replaces the estimate.
    """

    factors: Mapping[Mode, ModeFactors] = field(default_factory=lambda: dict(DEFAULT_FACTORS))
    measured: Mapping[tuple[int, int, int], int] = field(default_factory=dict)

    @cached_property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(overhead minutes, minutes per km, reach km per minute) per mode in MODES order."""
        f = [self.factors.get(m, DEFAULT_FACTORS[m]) for m in MODES]
        overhead = np.array([x.overhead_min for x in f])
        per_km = np.array([x.detour / x.speed_kmh * 60 for x in f])
        return overhead, per_km, 1 / per_km

    @cached_property
    def measured_index(self) -> tuple[np.ndarray, np.ndarray]:
        """Sorted keys and minutes for vectorised lookup, both directions."""
        keys, minutes = [], []
        for (a, b, mode), value in self.measured.items():
            for x, y in ((a, b), (b, a)):
                keys.append(_pair_key(np.int64(x), np.int64(y), np.int64(mode)))
                minutes.append(value)
        keys_arr = np.array(keys, dtype=np.int64)
        order = np.argsort(keys_arr, kind="stable")
        return keys_arr[order], np.array(minutes, dtype=np.int32)[order]

    def reach_km(self, modes: np.ndarray, max_minutes: np.ndarray) -> np.ndarray:
        """The farthest straight-line distance each learner could travel with their modes."""
        overhead, _per_km, km_per_min = self.arrays
        reach = np.zeros(len(modes))
        for m in range(len(MODES)):
            has = (modes >> m) & 1 == 1
            reach = np.where(has, np.maximum(reach, (max_minutes - overhead[m]) * km_per_min[m]), reach)
        return np.maximum(reach, 0)


def _pair_key(a, b, mode):
    return (a * 1_000_003 + b) * 8 + mode


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Vectorised great-circle distance, the same formula as `werkbrug.geo.haversine_km`."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlam = np.radians(lon2 - lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


@dataclass(eq=False)
class Region:
    """Everything the engine needs about a region; builds its indexes once, on first use."""

    workplaces: Workplaces
    profiles: Mapping[int, Profile]  # programme id -> profile
    travel: Travel = field(default_factory=Travel)
    weights: Weights = field(default_factory=Weights)

    @cached_property
    def _projection(self) -> tuple[float, float]:
        lat = self.workplaces.lat
        lat0 = float(np.nanmean(lat)) if len(lat) else 51.0
        return math.radians(lat0), lat0

    def xy(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Equirectangular kilometres around the region's mean latitude: good enough for an index."""
        lat0_rad, _ = self._projection
        k = math.pi / 180 * EARTH_RADIUS_KM
        return np.column_stack((lon * k * math.cos(lat0_rad), lat * k))

    @cached_property
    def by_programme(self) -> dict[int, ProgrammeIndex]:
        """For every programme with recognised workplaces: those workplaces, a k-d tree and coverage."""
        w = self.workplaces
        result: dict[int, ProgrammeIndex] = {}
        order = np.lexsort((w.recognised_workplace, w.recognised_programme))
        programmes = w.recognised_programme[order]
        places = w.recognised_workplace[order]
        bounds = np.r_[0, np.flatnonzero(programmes[1:] != programmes[:-1]) + 1, len(programmes)]
        for lo, hi in itertools.pairwise(bounds):
            if lo == hi:
                continue
            members = np.unique(places[lo:hi])
            located = members[~np.isnan(w.lat[members])]
            programme = int(programmes[lo])
            result[programme] = ProgrammeIndex.build(self, programme, located)
        return result


@dataclass(eq=False)
class ProgrammeIndex:
    """The workplaces recognised for one programme, with a spatial index and their coverage."""

    workplaces: np.ndarray  # int32 indices into Region.workplaces
    tree: cKDTree
    core_share: np.ndarray  # float64 per workplace: weighted share of core competences (level credit)
    optional_share: np.ndarray  # float64
    core_taught: np.ndarray  # int16 core competences taught at all
    core_at_target: np.ndarray  # int16 core competences taught up to the target level
    optional_taught: np.ndarray  # int16
    core_mask: np.ndarray  # uint64 bit mask of core competences taught (profile order, first 64)
    core_total: int
    optional_total: int

    @classmethod
    def build(cls, region: Region, programme: int, members: np.ndarray) -> ProgrammeIndex:
        w = region.workplaces
        profile = region.profiles.get(programme) or Profile.build([])
        level = taught_levels(w, members, profile)  # members x competences
        target = profile.target_level.astype(np.float64)
        credit = np.minimum(1.0, level / np.maximum(target, 1))
        core, weight = profile.core, profile.weight
        taught = level > 0
        bits = np.zeros(len(members), dtype=np.uint64)
        core_columns = np.flatnonzero(core)[:64]
        for bit, column in enumerate(core_columns):
            bits |= taught[:, column].astype(np.uint64) << np.uint64(bit)
        return cls(
            workplaces=members.astype(np.int32),
            tree=cKDTree(region.xy(w.lat[members], w.lon[members]))
            if len(members)
            else cKDTree(np.empty((0, 2))),
            core_share=_share(credit[:, core], weight[core]),
            optional_share=_share(credit[:, ~core], weight[~core]),
            core_taught=taught[:, core].sum(axis=1).astype(np.int16),
            core_at_target=(level[:, core] >= target[core]).sum(axis=1).astype(np.int16),
            optional_taught=taught[:, ~core].sum(axis=1).astype(np.int16),
            core_mask=bits,
            core_total=int(core.sum()),
            optional_total=int((~core).sum()),
        )

    @property
    def coverage(self) -> np.ndarray:
        """Core competences count four times as much as optional ones; no optional ones: core only."""
        if self.optional_total == 0:
            return self.core_share
        if self.core_total == 0:
            return self.optional_share
        return 0.8 * self.core_share + 0.2 * self.optional_share


def _share(credit: np.ndarray, weight: np.ndarray) -> np.ndarray:
    if credit.shape[1] == 0:
        return np.ones(credit.shape[0])
    return credit @ weight / weight.sum()


def taught_levels(w: Workplaces, members: np.ndarray, profile: Profile) -> np.ndarray:
    """Level reachable per member workplace (rows) and profile competence (columns); 0 = not taught."""
    level = np.zeros((len(members), len(profile)), dtype=np.float64)
    if not len(members) or not len(profile):
        return level
    starts, ends = w.teach_ptr[members], w.teach_ptr[members + 1]
    counts = ends - starts
    rows = np.repeat(np.arange(len(members)), counts)
    offsets = np.cumsum(counts) - counts
    entries = np.arange(counts.sum()) - np.repeat(offsets, counts) + np.repeat(starts, counts)
    comps = w.teach_competence[entries]
    col = np.searchsorted(profile.competences, comps)
    col = np.minimum(col, len(profile) - 1)
    found = profile.competences[col] == comps
    level[rows[found], col[found]] = w.teach_level[entries[found]]
    return level


@dataclass(frozen=True)
class WorkplaceRow:
    """One workplace, for building `Workplaces` from records (the application, tests)."""

    id: int
    lat: float
    lon: float
    place: int = -1
    places_left: int = 1
    language_demand: int = 2  # A2
    language_support: bool = False
    support: int = 0
    mentor: int = MentorReadiness.TRAINED
    sector: int = -1
    programmes: tuple[int, ...] = ()
    teaches: Mapping[int, int] = field(default_factory=dict)  # competence id -> level reachable


@dataclass(frozen=True)
class LearnerRow:
    """One learner, for building `Learners` from records."""

    id: int
    programme: int
    lat: float = math.nan
    lon: float = math.nan
    place: int = -1
    modes: int = 0
    max_minutes: int = 45
    language: int = -1
    support: int = 0
    sectors: int = 0


def workplaces_from(rows: list[WorkplaceRow]) -> Workplaces:
    teaches = [sorted(r.teaches.items()) for r in rows]
    recognised = [(w, p) for w, r in enumerate(rows) for p in r.programmes]
    return Workplaces(
        ids=np.array([r.id for r in rows], dtype=np.int64),
        lat=np.array([r.lat for r in rows], dtype=np.float64),
        lon=np.array([r.lon for r in rows], dtype=np.float64),
        place=np.array([r.place for r in rows], dtype=np.int32),
        places_left=np.array([r.places_left for r in rows], dtype=np.int32),
        language_demand=np.array([r.language_demand for r in rows], dtype=np.int8),
        language_support=np.array([r.language_support for r in rows], dtype=bool),
        support=np.array([r.support for r in rows], dtype=np.int64),
        mentor=np.array([r.mentor for r in rows], dtype=np.int8),
        sector=np.array([r.sector for r in rows], dtype=np.int8),
        recognised_workplace=np.array([w for w, _ in recognised], dtype=np.int32),
        recognised_programme=np.array([p for _, p in recognised], dtype=np.int64),
        teach_ptr=np.r_[0, np.cumsum([len(t) for t in teaches])].astype(np.int64),
        teach_competence=np.array([c for t in teaches for c, _ in t], dtype=np.int64),
        teach_level=np.array([lv for t in teaches for _, lv in t], dtype=np.int16),
    )


def learners_from(rows: list[LearnerRow]) -> Learners:
    def col(name: str, dtype) -> np.ndarray:
        return np.array([getattr(r, name) for r in rows], dtype=dtype)

    return Learners(
        ids=col("id", np.int64),
        programme=col("programme", np.int64),
        lat=col("lat", np.float64),
        lon=col("lon", np.float64),
        place=col("place", np.int32),
        modes=col("modes", np.int64),
        max_minutes=col("max_minutes", np.int16),
        language=col("language", np.int8),
        support=col("support", np.int64),
        sectors=col("sectors", np.int64),
    )


def mode_mask(*modes: Mode | str) -> int:
    """The bit mask of the given travel modes."""
    return sum(1 << MODES.index(Mode(m)) for m in set(modes))
