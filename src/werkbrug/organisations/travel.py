"""Travel times for pages: the region's factors and measured times from the database, fed to `geo`.

`werkbrug.geo` knows nothing of Django; this module hands it the data it needs, in a fixed number of
queries per page.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from werkbrug.geo import Mode, ModeFactors, Place, TravelTime, TravelTimes, haversine_km, load_gazetteer
from werkbrug.organisations.models import MeasuredTravelTime, Region, TravelFactor
from werkbrug.vocab import TravelMode


def place_of(country: str, postcode: str) -> Place | None:
    """The gazetteer place of a postcode, or None when it is not known."""
    if not postcode:
        return None
    return load_gazetteer().lookup(country, postcode)


def known_postcode(country: str, text: str) -> tuple[str, Place] | None:
    """The postcode as werkbrug stores it (BE as the gazetteer has it, NL in full without spaces) and its
    place; None when the gazetteer does not know it."""
    place = place_of(country, text)
    if place is None:
        return None
    return (place.postcode if country == "BE" else "".join(text.split()).upper()), place


def travel_times(region: Region | None, places: Iterable[Place] = ()) -> TravelTimes:
    """A TravelTimes with the region's own factors and the measured times that touch `places`.

    Two queries: the factors, and the measured times from or to the given postcodes.
    """
    factors: dict[Mode | str, ModeFactors] = {}
    if region is not None:
        for f in TravelFactor.objects.filter(region=region):
            factors[f.mode] = ModeFactors(speed_kmh=f.speed_kmh, detour=f.detour, overhead_min=f.overhead_min)
    times = TravelTimes(factors)
    keys = {(p.country, p.postcode) for p in places}
    if keys:
        postcodes = sorted({postcode for _country, postcode in keys})
        touching = Q(from_postcode__in=postcodes) | Q(to_postcode__in=postcodes)
        for m in MeasuredTravelTime.objects.filter(touching):
            if (m.from_country, m.from_postcode) in keys or (m.to_country, m.to_postcode) in keys:
                times.add_measured(
                    m.from_country, m.from_postcode, m.to_country, m.to_postcode, m.mode, m.minutes
                )
    return times


@dataclass(frozen=True)
class Trip:
    """A travel time as a person reads it: "22 min by bike (estimate)"."""

    time: TravelTime

    @property
    def minutes(self) -> int:
        return self.time.minutes

    @property
    def mode_label(self) -> str:
        return str(TravelMode(self.time.mode.value).label)

    @property
    def estimated(self) -> bool:
        return self.time.estimated

    def __str__(self) -> str:
        if self.estimated:
            return _("about %(minutes)s min · %(mode)s (estimate)") % {
                "minutes": self.minutes,
                "mode": self.mode_label.lower(),
            }
        return _("%(minutes)s min · %(mode)s") % {"minutes": self.minutes, "mode": self.mode_label.lower()}


def best_trip(times: TravelTimes, a: Place | None, b: Place | None, modes: Iterable[str]) -> Trip | None:
    """The fastest of the given modes between two places, or None when a place is unknown."""
    if a is None or b is None:
        return None
    trips = [times.between(a, b, mode) for mode in modes]
    if not trips:
        return None
    return Trip(min(trips, key=lambda t: (t.minutes, list(Mode).index(t.mode))))


BUCKETS = (15, 30, 45, 60)  # minutes: the rings of a travel area


@dataclass(frozen=True)
class AreaPoint:
    place: Place
    minutes: int
    estimated: bool
    x: float
    y: float

    @property
    def bucket(self) -> int | None:
        """The smallest ring the place falls in, or None beyond the last ring."""
        return next((b for b in BUCKETS if self.minutes <= b), None)


@dataclass(frozen=True)
class TravelArea:
    """The postcodes around a place, each with its travel time by one mode, laid out for a small map."""

    centre: Place
    mode: str
    points: list[AreaPoint]
    width: int
    height: int

    @property
    def centre_xy(self) -> tuple[float, float]:
        return self.width / 2, self.height / 2

    def rings(self) -> list[tuple[int, list[str]]]:
        """(minutes, place names newly reachable within them), per ring, names sorted and unique."""
        rings = []
        for limit in BUCKETS:
            names = sorted({p.place.name for p in self.points if p.bucket == limit})
            rings.append((limit, names))
        return rings

    @property
    def any_measured(self) -> bool:
        return any(not p.estimated for p in self.points)


def travel_area(
    times: TravelTimes, centre: Place, mode: str, *, radius_km: float = 30, width: int = 480
) -> TravelArea:
    """Travel times from every known postcode within `radius_km` (same country or not) to `centre`."""
    height = width
    scale = width / (2 * radius_km)
    lat_km = 111.32
    lon_km = lat_km * math.cos(math.radians(centre.lat))
    points = []
    for place in load_gazetteer().places():
        if (
            abs(place.lat - centre.lat) * lat_km > radius_km
            or abs(place.lon - centre.lon) * lon_km > radius_km
        ):
            continue
        if haversine_km(place.lat, place.lon, centre.lat, centre.lon) > radius_km:
            continue
        trip = times.between(place, centre, mode)
        x = width / 2 + (place.lon - centre.lon) * lon_km * scale
        y = height / 2 - (place.lat - centre.lat) * lat_km * scale
        points.append(AreaPoint(place, trip.minutes, trip.estimated, round(x, 1), round(y, 1)))
    points.sort(key=lambda p: -p.minutes)  # nearest drawn last, on top
    return TravelArea(centre=centre, mode=mode, points=points, width=width, height=height)
