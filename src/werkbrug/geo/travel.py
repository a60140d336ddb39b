"""Travel times between postcodes: measured where known, otherwise estimated. Pure Python, no Django."""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import IO

from .gazetteer import Place, normalise_postcode

__all__ = [
    "DEFAULT_FACTORS",
    "EARTH_RADIUS_KM",
    "Mode",
    "ModeFactors",
    "TravelTime",
    "TravelTimes",
    "haversine_km",
    "read_measured",
]

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


class Mode(StrEnum):
    WALK = "walk"
    BIKE = "bike"
    MOPED = "moped"
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"


def haversine_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points given in decimal degrees."""
    phi1, phi2 = math.radians(a_lat), math.radians(b_lat)
    dphi = phi2 - phi1
    dlam = math.radians(b_lon - a_lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class ModeFactors:
    speed_kmh: float  # average speed while moving
    detour: float  # road distance / straight-line distance
    # Fixed minutes per trip: parking, locking the bike, walking to and waiting at a stop.
    overhead_min: float

    def __post_init__(self) -> None:
        if self.speed_kmh <= 0:
            raise ValueError("speed_kmh must be positive")
        if self.detour < 1:
            raise ValueError("detour must be at least 1")
        if self.overhead_min < 0:
            raise ValueError("overhead_min must not be negative")


DEFAULT_FACTORS: Mapping[Mode, ModeFactors] = {
    Mode.WALK: ModeFactors(speed_kmh=4.8, detour=1.25, overhead_min=0),
    Mode.BIKE: ModeFactors(speed_kmh=15, detour=1.25, overhead_min=2),
    Mode.MOPED: ModeFactors(speed_kmh=25, detour=1.3, overhead_min=2),
    Mode.PUBLIC_TRANSPORT: ModeFactors(speed_kmh=25, detour=1.45, overhead_min=15),
    Mode.CAR: ModeFactors(speed_kmh=45, detour=1.35, overhead_min=5),
}


@dataclass(frozen=True)
class TravelTime:
    minutes: int
    mode: Mode
    estimated: bool


MEASURED_COLUMNS = ("from_country", "from_postcode", "to_country", "to_postcode", "mode", "minutes")

_Key = tuple[str, str, str, str, Mode]


class TravelTimes:
    """Door-to-door travel times between places.

    `factors` overrides the defaults per mode (e.g. a rural region with slower public transport);
    modes not given keep DEFAULT_FACTORS. Measured times (see `load_measured`) win over estimates and
    are looked up in both directions.
    """

    def __init__(self, factors: Mapping[Mode | str, ModeFactors] | None = None) -> None:
        merged = dict(DEFAULT_FACTORS)
        for mode, f in (factors or {}).items():
            merged[Mode(mode)] = f
        self.factors: Mapping[Mode, ModeFactors] = merged
        self._measured: dict[_Key, int] = {}

    # -- measured times ------------------------------------------------------------------------------

    def load_measured(self, path_or_file: str | os.PathLike[str] | IO[str]) -> int:
        """Add measured times from CSV; returns how many rows were read.

        Columns: from_country,from_postcode,to_country,to_postcode,mode,minutes. On any bad row
        raises ValueError("line N: ...") and loads nothing from that file.
        """
        if isinstance(path_or_file, (str, os.PathLike)):
            with open(path_or_file, encoding="utf-8", newline="") as fh:
                return self._load_measured(fh)
        return self._load_measured(path_or_file)

    def _load_measured(self, fh: Iterable[str]) -> int:
        loaded = read_measured(fh)
        self._measured.update(loaded)
        return len(loaded)

    def add_measured(
        self,
        from_country: str,
        from_postcode: str,
        to_country: str,
        to_postcode: str,
        mode: Mode | str,
        minutes: int,
    ) -> None:
        """Add one measured time (e.g. read from a database); it wins over the estimate."""
        key = (
            *normalise_postcode(from_country, from_postcode),
            *normalise_postcode(to_country, to_postcode),
            Mode(mode),
        )
        self._measured[key] = int(minutes)

    def measured(self, a: Place, b: Place, mode: Mode | str) -> int | None:
        mode = Mode(mode)
        forward = (a.country, a.postcode, b.country, b.postcode, mode)
        minutes = self._measured.get(forward)
        if minutes is None:
            minutes = self._measured.get((b.country, b.postcode, a.country, a.postcode, mode))
        return minutes

    # -- estimates ----------------------------------------------------------------------------------

    def estimate_minutes(self, a: Place, b: Place, mode: Mode | str) -> int:
        """overhead + distance x detour / speed x 60, rounded up to whole minutes."""
        f = self.factors[Mode(mode)]
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        minutes = f.overhead_min + km * f.detour / f.speed_kmh * 60
        return math.ceil(round(minutes, 6))  # round first so float noise (10.0000001) does not add a minute

    def between(self, a: Place, b: Place, mode: Mode | str) -> TravelTime:
        mode = Mode(mode)
        measured = self.measured(a, b, mode)
        if measured is not None:
            return TravelTime(measured, mode, estimated=False)
        return TravelTime(self.estimate_minutes(a, b, mode), mode, estimated=True)


def read_measured(fh: Iterable[str]) -> dict[tuple[str, str, str, str, Mode], int]:
    """Parse a measured-times CSV; raises ValueError("line N: ...") on the first bad row."""
    reader = csv.reader(fh)
    header = next(reader, None)
    if header is None:
        raise ValueError("line 1: empty file, expected a header " + ",".join(MEASURED_COLUMNS))
    if tuple(h.strip().lower() for h in header) != MEASURED_COLUMNS:
        raise ValueError(f"line {reader.line_num}: expected header {','.join(MEASURED_COLUMNS)}")
    loaded: dict[_Key, int] = {}
    for row in reader:
        n = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(MEASURED_COLUMNS):
            raise ValueError(f"line {n}: expected {len(MEASURED_COLUMNS)} columns, got {len(row)}")
        from_country, from_postcode, to_country, to_postcode, mode_text, minutes_text = (
            c.strip() for c in row
        )
        if not (from_country and from_postcode and to_country and to_postcode):
            raise ValueError(f"line {n}: country and postcode must not be empty")
        try:
            mode = Mode(mode_text.lower())
        except ValueError:
            choices = ", ".join(m.value for m in Mode)
            raise ValueError(f"line {n}: unknown mode {mode_text!r} (one of {choices})") from None
        try:
            minutes = int(minutes_text)
        except ValueError:
            raise ValueError(f"line {n}: minutes must be a whole number, got {minutes_text!r}") from None
        if minutes < 0:
            raise ValueError(f"line {n}: minutes must not be negative, got {minutes}")
        key = (
            *normalise_postcode(from_country, from_postcode),
            *normalise_postcode(to_country, to_postcode),
            mode,
        )
        if key in loaded and loaded[key] != minutes:
            raise ValueError(f"line {n}: conflicts with an earlier row ({loaded[key]} minutes)")
        loaded[key] = minutes
    return loaded
