import subprocess
import sys

import pytest

from werkbrug.geo import Place, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(("postcode", "name"), [("3600", "Genk"), ("3500", "Hasselt")])
def test_limburg_towns_are_found_where_they_are(gazetteer, postcode, name):
    place = gazetteer.lookup("BE", postcode)
    assert place is not None
    assert place.name == name
    assert (place.country, place.postcode) == ("BE", postcode)
    assert 50.9 <= place.lat <= 51.0
    # Genk's GeoNames centroid sits at 5.5008, a hair east of 5.5.
    assert 5.3 <= place.lon <= 5.55


@pytest.mark.parametrize("postcode", ["1012 AB", "1012AB", " 1012 ab ", "1012"])
def test_full_dutch_postcode_finds_its_pc4(gazetteer, postcode):
    place = gazetteer.lookup("NL", postcode)
    assert place is not None
    assert place.postcode == "1012"
    assert place.name == "Amsterdam"
    assert 52.3 < place.lat < 52.4 and 4.8 < place.lon < 5.0


def test_country_is_case_insensitive_and_spaces_are_ignored(gazetteer):
    assert gazetteer.lookup(" be ", " 36 00 ") == gazetteer.lookup("BE", "3600")


@pytest.mark.parametrize(
    ("country", "postcode"),
    [("BE", "0001"), ("NL", "0000"), ("BE", ""), ("DE", "3600"), ("NL", "not a postcode")],
)
def test_unknown_postcode_is_none(gazetteer, country, postcode):
    assert gazetteer.lookup(country, postcode) is None


def test_a_postcode_is_not_found_in_the_other_country(gazetteer):
    # 3600 is Genk in Belgium; the Dutch 3600 range is a different place entirely.
    be, nl = gazetteer.lookup("BE", "3600"), gazetteer.lookup("NL", "3600")
    assert be is not None and be.name == "Genk"
    assert nl is None or nl.name != "Genk"


def test_both_countries_are_complete(gazetteer):
    be = list(gazetteer.places("BE"))
    nl = list(gazetteer.places("NL"))
    assert len(be) > 1000
    assert len(nl) > 4000
    assert len(list(gazetteer.places())) == len(be) + len(nl) == len(gazetteer)
    assert all(isinstance(p, Place) for p in be + nl)
    # plausible coordinates for every row: Belgium and the Netherlands only
    assert all(49.4 < p.lat < 53.7 and 2.5 < p.lon < 7.3 for p in be + nl)


def test_default_gazetteer_is_loaded_once():
    assert load_gazetteer() is load_gazetteer()


def test_load_from_a_path(tmp_path):
    path = tmp_path / "mini.csv"
    path.write_text("country,postcode,place,latitude,longitude\nNL,1234,Ergens,52.1,5.1\n", encoding="utf-8")
    gazetteer = load_gazetteer(path)
    assert gazetteer.lookup("NL", "1234 XY") == Place("NL", "1234", "Ergens", 52.1, 5.1)
    assert gazetteer is not load_gazetteer()


def test_bad_gazetteer_row_names_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "country,postcode,place,latitude,longitude\nNL,1234,Ergens,52.1,5.1\nBE,3600,Genk,north,5.5\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="line 3"):
        load_gazetteer(path)


def test_geo_imports_no_django():
    code = "import sys, werkbrug.geo; assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
