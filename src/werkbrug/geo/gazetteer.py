"""A gazetteer of Belgian and Dutch postcodes (GeoNames, CC BY 4.0). Pure Python, no Django."""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

__all__ = ["Gazetteer", "Place", "load_gazetteer", "normalise_postcode"]

_NL_FULL = re.compile(r"(\d{4})[A-Z]{2}")


@dataclass(frozen=True)
class Place:
    country: str
    postcode: str
    name: str
    lat: float
    lon: float


def normalise_postcode(country: str, postcode: str) -> tuple[str, str]:
    """Return (country, postcode) in gazetteer form: upper case, no spaces, NL reduced to PC4.

    "nl", "1012 ab" -> ("NL", "1012"); "BE", " 3600 " -> ("BE", "3600"); "BE", "B-3600" -> ("BE", "3600").
    """
    country = country.strip().upper()
    code = "".join(postcode.split()).upper()
    for prefix in (f"{country}-", "B-" if country == "BE" else None):
        if prefix and len(code) > len(prefix) and code.startswith(prefix):
            code = code[len(prefix) :]
            break
    if country == "NL" and (m := _NL_FULL.fullmatch(code)):
        code = m.group(1)
    return country, code


class Gazetteer:
    def __init__(self, places: list[Place] | tuple[Place, ...] = ()) -> None:
        self._places: dict[tuple[str, str], Place] = {}
        for place in places:
            self._places[(place.country, place.postcode)] = place

    def lookup(self, country: str, postcode: str) -> Place | None:
        return self._places.get(normalise_postcode(country, postcode))

    def places(self, country: str | None = None) -> Iterator[Place]:
        """All places, or those of one country, in file order."""
        wanted = country.strip().upper() if country else None
        return (p for p in self._places.values() if wanted is None or p.country == wanted)

    def __len__(self) -> int:
        return len(self._places)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self)} postcodes>"


def _read(fh) -> Gazetteer:
    reader = csv.DictReader(fh)
    expected = {"country", "postcode", "place", "latitude", "longitude"}
    if not reader.fieldnames or not expected <= set(reader.fieldnames):
        raise ValueError(f"gazetteer needs the columns {', '.join(sorted(expected))}")
    places = []
    for row in reader:
        try:
            country, postcode = normalise_postcode(row["country"], row["postcode"])
            places.append(
                Place(
                    country, postcode, row["place"].strip(), float(row["latitude"]), float(row["longitude"])
                )
            )
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"line {reader.line_num}: {exc}") from exc
    return Gazetteer(places)


@functools.cache
def _default_gazetteer() -> Gazetteer:
    source = resources.files(__package__).joinpath("data", "postcodes.csv")
    with source.open("r", encoding="utf-8", newline="") as fh:
        return _read(fh)


def load_gazetteer(path: str | os.PathLike[str] | None = None) -> Gazetteer:
    """Load a gazetteer CSV; without a path, the shipped BE/NL one (read once, then cached)."""
    if path is None:
        return _default_gazetteer()
    with open(path, encoding="utf-8", newline="") as fh:
        return _read(fh)
