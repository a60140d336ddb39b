"""Where people live and work in the demo region: the postcodes of Belgian Limburg.

Coordinates come from the shipped gazetteer (GeoNames). The gazetteer names a postcode after one of its
villages (3630 is "Eisden"); an address names the municipality (3630 Maasmechelen), so that name is kept
here, with a rough number of inhabitants (thousands) to weight where people live.
"""

import math
import random
from dataclasses import dataclass
from itertools import accumulate

from werkbrug.geo import Place, haversine_km, load_gazetteer

# postcode: (municipality as written in an address, inhabitants in thousands, indicative)
LIMBURG: dict[str, tuple[str, float]] = {
    "3500": ("Hasselt", 60),
    "3501": ("Hasselt", 3),
    "3510": ("Hasselt", 8),
    "3511": ("Hasselt", 8),
    "3512": ("Hasselt", 3),
    "3520": ("Zonhoven", 21),
    "3530": ("Houthalen-Helchteren", 31),
    "3540": ("Herk-de-Stad", 13),
    "3545": ("Halen", 10),
    "3550": ("Heusden-Zolder", 34),
    "3560": ("Lummen", 15),
    "3570": ("Alken", 12),
    "3580": ("Beringen", 15),
    "3581": ("Beringen", 12),
    "3582": ("Beringen", 10),
    "3583": ("Beringen", 10),
    "3590": ("Diepenbeek", 19),
    "3600": ("Genk", 67),
    "3620": ("Lanaken", 20),
    "3621": ("Lanaken", 6),
    "3630": ("Maasmechelen", 35),
    "3631": ("Maasmechelen", 3),
    "3640": ("Kinrooi", 12),
    "3650": ("Dilsen-Stokkem", 21),
    "3660": ("Oudsbergen", 10),
    "3665": ("As", 7),
    "3668": ("As", 1),
    "3670": ("Oudsbergen", 13),
    "3680": ("Maaseik", 25),
    "3690": ("Zutendaal", 7),
    "3700": ("Tongeren", 30),
    "3717": ("Herstappe", 0.1),
    "3720": ("Kortessem", 4),
    "3721": ("Kortessem", 1),
    "3722": ("Kortessem", 1),
    "3723": ("Kortessem", 1),
    "3724": ("Kortessem", 1),
    "3730": ("Hoeselt", 8),
    "3732": ("Hoeselt", 2),
    "3740": ("Bilzen", 24),
    "3742": ("Bilzen", 3),
    "3746": ("Bilzen", 3),
    "3770": ("Riemst", 17),
    "3790": ("Voeren", 2),
    "3791": ("Voeren", 0.5),
    "3792": ("Voeren", 0.5),
    "3793": ("Voeren", 0.5),
    "3798": ("Voeren", 0.5),
    "3800": ("Sint-Truiden", 35),
    "3803": ("Sint-Truiden", 3),
    "3806": ("Sint-Truiden", 3),
    "3830": ("Wellen", 5),
    "3831": ("Wellen", 1),
    "3832": ("Wellen", 1),
    "3840": ("Borgloon", 11),
    "3850": ("Nieuwerkerken", 7),
    "3870": ("Heers", 7),
    "3890": ("Gingelom", 6),
    "3891": ("Gingelom", 2),
    "3900": ("Pelt", 15),
    "3910": ("Pelt", 18),
    "3920": ("Lommel", 35),
    "3930": ("Hamont-Achel", 14),
    "3940": ("Hechtel-Eksel", 9),
    "3941": ("Hechtel-Eksel", 3),
    "3945": ("Ham", 11),
    "3950": ("Bocholt", 13),
    "3960": ("Bree", 16),
    "3970": ("Leopoldsburg", 14),
    "3971": ("Leopoldsburg", 3),
    "3980": ("Tessenderlo", 19),
    "3990": ("Peer", 17),
}
JITTER_DEGREES = 0.006  # about 650 m north-south, 400 m east-west: a street, not the postcode's centre
# Nobody goes to a school (or a workplace found for its learners) from much further than this many times
# its usual reach: a closer school offers the same.
FURTHEST = 3.0


@dataclass(frozen=True)
class Postcode:
    code: str
    municipality: str
    inhabitants: float
    place: Place


def limburg() -> list[Postcode]:
    """The Limburg postcodes with their gazetteer place, in postcode order."""
    gazetteer = load_gazetteer()
    postcodes = []
    for code, (municipality, inhabitants) in LIMBURG.items():
        place = gazetteer.lookup("BE", code)
        if place is None:  # a gazetteer without this postcode: leave it out rather than guess
            continue
        postcodes.append(Postcode(code, municipality, inhabitants, place))
    return postcodes


def jittered(rng: random.Random, postcode: Postcode) -> tuple[float, float]:
    """A point near the postcode's centre, the same for the same random state."""
    lat = postcode.place.lat + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES)
    lon = postcode.place.lon + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES)
    return round(lat, 5), round(lon, 5)


class Catchment:
    """Postcodes weighted by inhabitants and nearness to a point: where a school's learners live (and,
    with a `boost` per postcode, where the employers who take them are)."""

    def __init__(
        self,
        postcodes: list[Postcode],
        lat: float,
        lon: float,
        *,
        reach_km: float,
        home: str = "",
        home_boost: float = 3.0,
        boost: dict[str, float] | None = None,
    ) -> None:
        self.postcodes = postcodes
        weights = []
        for postcode in postcodes:
            km = haversine_km(lat, lon, postcode.place.lat, postcode.place.lon)
            weight = (
                postcode.inhabitants * math.exp(-km / reach_km) * (1 + (boost or {}).get(postcode.code, 0))
            )
            if km > FURTHEST * reach_km and postcode.municipality != home:
                weight = 0
            weights.append(weight * home_boost if postcode.municipality == home else weight)
        self._cumulative = list(accumulate(weights))

    def pick(self, rng: random.Random) -> Postcode:
        return rng.choices(self.postcodes, cum_weights=self._cumulative)[0]


def by_weight(postcodes: list[Postcode], weights: dict[str, float]) -> tuple[list[Postcode], list[float]]:
    """The postcodes named in `weights` (postcode -> weight), for `rng.choices`, in postcode order."""
    chosen = [p for p in postcodes if p.code in weights]
    return chosen, list(accumulate(weights[p.code] for p in chosen))
