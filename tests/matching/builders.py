"""Small, readable regions around Genk for the engine's tests."""

from werkbrug.geo import load_gazetteer
from werkbrug.matching import LearnerRow, Profile, Region, WorkplaceRow, mode_mask, workplaces_from

GAZ = load_gazetteer()
WAREHOUSE, KITCHEN = 1, 2  # programme ids
CORE = [101, 102, 103, 104]  # warehouse core competences
OPTIONAL = [201, 202]
A2, B1 = 2, 3
BUS, BIKE = mode_mask("public_transport"), mode_mask("bike")
SUPPORT_QUIET, SUPPORT_VISUAL = 1, 2


def at(postcode: str) -> dict:
    place = GAZ.lookup("BE", postcode)
    return {"lat": place.lat, "lon": place.lon, "place": int(postcode)}


def warehouse(id_: int, postcode: str = "3600", teaches=(101, 102, 103, 104), **kw) -> WorkplaceRow:
    kw.setdefault("programmes", (WAREHOUSE,))
    return WorkplaceRow(id=id_, **at(postcode), teaches=dict.fromkeys(teaches, 4), **kw)


def learner(id_: int = 1, postcode: str = "3600", **kw) -> LearnerRow:
    kw.setdefault("programme", WAREHOUSE)
    kw.setdefault("modes", BUS)
    return LearnerRow(id=id_, **at(postcode), **kw)


def region(*rows: WorkplaceRow, **kw) -> Region:
    profile = Profile.build([(c, True, 1.0, 3) for c in CORE] + [(c, False, 1.0, 2) for c in OPTIONAL])
    return Region(workplaces_from(list(rows)), {WAREHOUSE: profile}, **kw)
