"""Postcodes and travel times for Belgium and the Netherlands.

A pure Python library: no Django imports here, so it can be used from scripts, tasks and tests alike.
Postcode data © GeoNames, CC BY 4.0 (see data/README.md).
"""

from .gazetteer import Gazetteer, Place, load_gazetteer, normalise_postcode
from .travel import DEFAULT_FACTORS, Mode, ModeFactors, TravelTime, TravelTimes, haversine_km, read_measured

__all__ = [
    "DEFAULT_FACTORS",
    "Gazetteer",
    "Mode",
    "ModeFactors",
    "Place",
    "TravelTime",
    "TravelTimes",
    "haversine_km",
    "load_gazetteer",
    "normalise_postcode",
    "read_measured",
]
