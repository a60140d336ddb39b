import io
import math

import pytest

from werkbrug.geo import (
    DEFAULT_FACTORS,
    Mode,
    ModeFactors,
    Place,
    TravelTime,
    TravelTimes,
    haversine_km,
    load_gazetteer,
)

HEADER = "from_country,from_postcode,to_country,to_postcode,mode,minutes\n"


@pytest.fixture(scope="module")
def genk():
    return load_gazetteer().lookup("BE", "3600")


@pytest.fixture(scope="module")
def hasselt():
    return load_gazetteer().lookup("BE", "3500")


def test_haversine_known_distances():
    assert haversine_km(50.0, 5.0, 50.0, 5.0) == 0
    # one degree of latitude is about 111.2 km
    assert haversine_km(50.0, 5.0, 51.0, 5.0) == pytest.approx(111.2, abs=0.2)
    # Brussels - Amsterdam is about 173 km as the crow flies
    assert haversine_km(50.8504, 4.3488, 52.3735, 4.8951) == pytest.approx(173, abs=3)
    assert haversine_km(50.9, 5.3, 51.0, 5.5) == haversine_km(51.0, 5.5, 50.9, 5.3)


def test_genk_hasselt_by_bike_is_a_plausible_estimate(genk, hasselt):
    t = TravelTimes().between(genk, hasselt, Mode.BIKE)
    assert t.estimated is True
    assert t.mode is Mode.BIKE
    assert isinstance(t.minutes, int)
    assert 40 <= t.minutes <= 75


def test_genk_hasselt_by_car_is_a_plausible_estimate(genk, hasselt):
    t = TravelTimes().between(genk, hasselt, "car")
    assert t == TravelTime(t.minutes, Mode.CAR, estimated=True)
    assert 15 <= t.minutes <= 35


def test_modes_rank_as_expected(genk, hasselt):
    times = {mode: TravelTimes().between(genk, hasselt, mode).minutes for mode in Mode}
    assert times[Mode.CAR] < times[Mode.MOPED] < times[Mode.BIKE] < times[Mode.WALK]


def test_public_transport_includes_its_overhead():
    here = Place("BE", "3600", "Genk", 50.965, 5.5008)
    assert TravelTimes().between(here, here, Mode.PUBLIC_TRANSPORT).minutes == 15
    assert TravelTimes().between(here, here, Mode.WALK).minutes == 0


def test_estimate_formula_rounds_up(genk, hasselt):
    km = haversine_km(genk.lat, genk.lon, hasselt.lat, hasselt.lon)
    f = DEFAULT_FACTORS[Mode.PUBLIC_TRANSPORT]
    exact = 15 + km * f.detour / f.speed_kmh * 60
    assert TravelTimes().between(genk, hasselt, Mode.PUBLIC_TRANSPORT).minutes == math.ceil(exact)
    assert TravelTimes().between(genk, hasselt, Mode.PUBLIC_TRANSPORT).minutes >= 15 + km * 60 / 25


def test_factors_can_be_overridden_per_region(genk, hasselt):
    rural = TravelTimes({Mode.PUBLIC_TRANSPORT: ModeFactors(speed_kmh=18, detour=1.6, overhead_min=25)})
    default = TravelTimes()
    assert (
        rural.between(genk, hasselt, Mode.PUBLIC_TRANSPORT).minutes
        > default.between(genk, hasselt, Mode.PUBLIC_TRANSPORT).minutes
    )
    # modes not overridden keep the defaults
    assert rural.between(genk, hasselt, Mode.CAR) == default.between(genk, hasselt, Mode.CAR)
    assert DEFAULT_FACTORS[Mode.PUBLIC_TRANSPORT].overhead_min == 15  # defaults untouched


def test_measured_time_overrides_the_estimate(genk, hasselt):
    times = TravelTimes()
    rows = times.load_measured(io.StringIO(HEADER + "BE,3600,BE,3500,public_transport,38\n"))
    assert rows == 1
    assert times.between(genk, hasselt, Mode.PUBLIC_TRANSPORT) == TravelTime(38, Mode.PUBLIC_TRANSPORT, False)
    # the other direction uses the same measurement
    assert times.between(hasselt, genk, Mode.PUBLIC_TRANSPORT).minutes == 38
    # other modes are still estimated
    assert times.between(genk, hasselt, Mode.BIKE).estimated is True


def test_measured_times_from_a_path_with_dutch_postcodes(tmp_path):
    path = tmp_path / "measured.csv"
    path.write_text(HEADER + "NL,1012 AB,NL,1017,walk,22\n\n", encoding="utf-8")
    gazetteer = load_gazetteer()
    times = TravelTimes()
    assert times.load_measured(path) == 1
    a, b = gazetteer.lookup("NL", "1012"), gazetteer.lookup("NL", "1017")
    assert times.between(a, b, "walk") == TravelTime(22, Mode.WALK, estimated=False)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("BE,3600,BE,3500,bike,20\nBE,3600,BE,3500,rocket,5\n", 3, "unknown mode"),
        ("BE,3600,BE,3500,bike,twenty\n", 2, "whole number"),
        ("BE,3600,BE,3500,bike,20\n\nBE,3600,BE,3500,car\n", 4, "6 columns"),
        ("BE,3600,BE,3500,bike,-3\n", 2, "negative"),
        ("BE,,BE,3500,bike,10\n", 2, "empty"),
        ("BE,3600,BE,3500,bike,20\nBE,3600,BE,3500,bike,25\n", 3, "conflicts"),
    ],
)
def test_bad_measured_file_names_the_line_and_loads_nothing(genk, hasselt, body, line, words):
    times = TravelTimes()
    with pytest.raises(ValueError, match=rf"^line {line}: .*{words}"):
        times.load_measured(io.StringIO(HEADER + body))
    assert times.between(genk, hasselt, Mode.BIKE).estimated is True


def test_measured_file_needs_its_header():
    with pytest.raises(ValueError, match=r"^line 1: "):
        TravelTimes().load_measured(io.StringIO("BE,3600,BE,3500,bike,20\n"))
    with pytest.raises(ValueError, match=r"^line 1: "):
        TravelTimes().load_measured(io.StringIO(""))


def test_bad_factors_are_refused():
    with pytest.raises(ValueError):
        ModeFactors(speed_kmh=0, detour=1.2, overhead_min=0)
    with pytest.raises(ValueError):
        TravelTimes({"teleport": ModeFactors(speed_kmh=1000, detour=1, overhead_min=0)})
