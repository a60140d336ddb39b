"""Candidates, scores and their reasons: what a coach reads next to each suggested workplace."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkbrug.geo import Place, TravelTimes
from werkbrug.matching import (
    LearnerRow,
    MentorReadiness,
    NoCandidate,
    Region,
    Travel,
    Weights,
    WorkplaceRow,
    broader_matches,
    candidates,
    explain,
    learners_from,
)
from werkbrug.matching.region import MODES

from .builders import (
    A2,
    B1,
    BIKE,
    BUS,
    GAZ,
    KITCHEN,
    SUPPORT_QUIET,
    SUPPORT_VISUAL,
    WAREHOUSE,
    learner,
    region,
    warehouse,
)


def found_ids(r: Region, *learner_rows: LearnerRow, **kw) -> list[list[int]]:
    ls = learners_from(list(learner_rows))
    found = candidates(r, ls, **kw)
    return [r.workplaces.ids[found.workplace[found.of(i)]].tolist() for i in range(len(ls))]


def test_only_workplaces_recognised_for_the_learners_programme_are_candidates():
    r = region(
        warehouse(1), warehouse(2, programmes=(KITCHEN,)), warehouse(3, programmes=(WAREHOUSE, KITCHEN))
    )
    assert sorted(found_ids(r, learner())[0]) == [1, 3]


def test_travel_time_decides_not_distance_the_bike_reaches_less_far_than_the_bus():
    r = region(warehouse(1, "3600"), warehouse(2, "3500"), warehouse(3, "3900"))
    by_bike = learner(modes=BIKE, max_minutes=30)
    by_bus = learner(modes=BUS, max_minutes=65)
    bike, bus = found_ids(r, by_bike, by_bus)
    assert bike == [1]  # Hasselt is about 13 km away: more than 30 minutes by bike
    assert sorted(bus) == [1, 2]  # Pelt, 27 km north, is beyond 65 minutes by bus


def test_the_fastest_of_the_learners_ways_to_travel_counts_and_matches_the_estimate_shown_elsewhere():
    r = region(warehouse(1, "3500"))
    ls = learners_from([learner(postcode="3590", modes=BUS | BIKE, max_minutes=60)])
    found = candidates(r, ls)
    times = TravelTimes()
    diepenbeek, hasselt = GAZ.lookup("BE", "3590"), GAZ.lookup("BE", "3500")
    trips = [times.between(diepenbeek, hasselt, m) for m in ("bike", "public_transport")]
    expected = min(trips, key=lambda t: t.minutes)
    assert expected.mode == "bike"
    assert found.minutes[0] == expected.minutes
    assert MODES[found.mode[0]] == expected.mode
    assert found.estimated[0]


def test_a_measured_time_replaces_the_estimate():
    r = region(
        warehouse(1, "3500"), travel=Travel(measured={(3590, 3500, MODES.index("public_transport")): 55})
    )
    ls = learners_from([learner(postcode="3590", modes=BUS, max_minutes=60)])
    found = candidates(r, ls)
    assert found.minutes.tolist() == [55]
    assert not found.estimated[0]
    # The same measurement read the other way round: from the workplace's postcode to the learner's.
    r = region(
        warehouse(1, "3500"), travel=Travel(measured={(3500, 3590, MODES.index("public_transport")): 70})
    )
    assert found_ids(r, learner(postcode="3590", modes=BUS, max_minutes=60)) == [[]]


def test_dutch_below_the_demand_passes_only_where_the_workplace_helps_with_dutch():
    r = region(
        warehouse(1, language_demand=B1),
        warehouse(2, language_demand=B1, language_support=True),
        warehouse(3, language_demand=A2),
    )
    assert sorted(found_ids(r, learner(language=A2))[0]) == [2, 3]
    assert found_ids(r, learner(language=1)) == [[2]]  # A1: two levels below B1 is within reach with help
    assert found_ids(r, learner(language=0)) == [[]]  # below A1: too far even with help
    assert sorted(found_ids(r, learner(language=-1))[0]) == [1, 2, 3]  # unknown level excludes nothing


def test_every_support_need_must_be_support_the_workplace_gives():
    r = region(
        warehouse(1, support=SUPPORT_QUIET),
        warehouse(2, support=SUPPORT_QUIET | SUPPORT_VISUAL),
        warehouse(3),
    )
    assert found_ids(r, learner(support=SUPPORT_QUIET | SUPPORT_VISUAL)) == [[2]]
    assert sorted(found_ids(r, learner(support=0))[0]) == [1, 2, 3]


def test_a_full_workplace_is_no_candidate_unless_asked_what_if():
    r = region(warehouse(1, places_left=0), warehouse(2))
    assert found_ids(r, learner()) == [[2]]
    assert sorted(found_ids(r, learner(), require_places=False)[0]) == [1, 2]


@pytest.mark.parametrize(
    "who, workplaces, reason",
    [
        (learner(programme=-1), [warehouse(1)], NoCandidate.NO_PROGRAMME),
        (LearnerRow(id=1, programme=WAREHOUSE, modes=BUS), [warehouse(1)], NoCandidate.NO_HOME),
        (learner(modes=0), [warehouse(1)], NoCandidate.NO_MODES),
        (learner(), [warehouse(1, programmes=(KITCHEN,))], NoCandidate.NONE_RECOGNISED),
        (learner(max_minutes=20), [warehouse(1, "3900")], NoCandidate.TOO_FAR),
        (learner(language=1), [warehouse(1, language_demand=B1)], NoCandidate.LANGUAGE),
        (learner(support=SUPPORT_QUIET), [warehouse(1)], NoCandidate.SUPPORT),
        (learner(), [warehouse(1, places_left=0)], NoCandidate.FULL),
        (learner(), [warehouse(1)], NoCandidate.HAS_CANDIDATES),
    ],
)
def test_a_learner_without_candidates_gets_the_filter_that_removed_the_last_one(who, workplaces, reason):
    found = candidates(region(*workplaces), learners_from([who]))
    assert NoCandidate(found.why_none[0]) == reason


def test_suggestions_are_ordered_by_score_and_explained_component_by_component():
    r = region(
        warehouse(1, "3500", teaches=(101, 102, 201)),
        warehouse(2, "3600", teaches=(101, 102, 103, 201, 202), mentor=MentorReadiness.UNTRAINED),
    )
    ls = learners_from([learner(modes=BUS, max_minutes=90, language=B1)])
    found = candidates(r, ls)
    assert r.workplaces.ids[found.workplace].tolist() == [2, 1]
    assert found.score[0] >= found.score[1]
    first = explain(r, ls, found, 0)
    reasons = {c.name: c.reason for c in first.components}
    assert reasons["coverage"].params == {
        "core_taught": 3,
        "core_at_target": 3,
        "core_total": 4,
        "optional_taught": 2,
        "optional_total": 2,
    }
    assert reasons["travel"].code == "travel"
    assert reasons["travel"].params["mode"] == "public_transport"
    assert reasons["mentor"].code == "mentor_untrained"
    assert reasons["language"].code == "language_met"
    assert reasons["support"].code == "support_none_needed"
    assert pytest.approx(sum(c.points for c in first.components), abs=1e-3) == first.score
    assert all(0 <= c.value <= 1 for c in first.components)


def test_a_region_that_weighs_travel_heavily_puts_the_nearest_place_first():
    complete_but_farther = warehouse(1, "3500")  # Hasselt, teaches the whole core
    near_but_partial = warehouse(2, "3590", teaches=(101,))  # Diepenbeek, next door
    who = learner(postcode="3590", modes=BUS, max_minutes=90)
    travel_only = Weights(coverage=0, travel=1, language=0, support=0, mentor=0, wishes=0)
    coverage_only = Weights(coverage=1, travel=0, language=0, support=0, mentor=0, wishes=0)
    assert found_ids(region(complete_but_farther, near_but_partial, weights=travel_only), who)[0] == [2, 1]
    assert found_ids(region(complete_but_farther, near_but_partial, weights=coverage_only), who)[0] == [1, 2]


def test_a_place_on_the_learners_own_list_scores_full_marks_on_wishes():
    r = region(warehouse(1), warehouse(2))
    ls = learners_from([learner(sectors=1 << 3)])
    plain = candidates(r, ls)
    listed = candidates(r, ls, wished={0: [1]})
    row = int(np.flatnonzero(listed.workplace == 1)[0])
    assert listed.components[row, 5] == 1.0
    assert explain(r, ls, listed, row).components[5].reason.code == "wish_listed"
    assert plain.components[:, 5].tolist() == [pytest.approx(0.3)] * 2


def test_broader_matches_pair_two_workplaces_that_together_teach_the_core():
    r = region(
        warehouse(1, teaches=(101, 102)),
        warehouse(2, teaches=(103, 104)),
        warehouse(3, teaches=(101,)),
    )
    ls = learners_from([learner()])
    found = candidates(r, ls)
    matches = broader_matches(r, ls, found, 0)
    both = matches[0]
    assert not both.with_school
    assert sorted(r.workplaces.ids[list(both.workplaces)].tolist()) == [1, 2]
    assert (both.core_covered, both.core_total, both.missing) == (4, 4, ())
    with_school = [m for m in matches if m.with_school]
    assert with_school[0].core_covered == 2
    assert with_school[0].missing in ((103, 104), (101, 102))
    assert all(m.core_covered < 4 for m in with_school)


def test_one_learner_among_many_workplaces_only_looks_near_home():
    rng = np.random.default_rng(1)
    rows = [
        WorkplaceRow(
            id=k,
            lat=50.5 + rng.random() * 1.0,
            lon=4.8 + rng.random() * 1.2,
            programmes=(WAREHOUSE,),
            teaches={101: 3},
        )
        for k in range(3000)
    ]
    r = region(*rows)
    ids = found_ids(r, learner(modes=BIKE, max_minutes=25))[0]
    assert 0 < len(ids) < 200
    brute = _brute_force(r, learner(modes=BIKE, max_minutes=25))
    assert sorted(ids) == sorted(brute)


def _brute_force(r: Region, who: LearnerRow) -> list[int]:
    times = TravelTimes()
    home = GAZ.lookup("BE", str(who.place))
    keep = []
    for k in range(len(r.workplaces)):
        lat, lon = float(r.workplaces.lat[k]), float(r.workplaces.lon[k])
        place = Place("BE", "x", "x", lat, lon)
        best = min(times.estimate_minutes(home, place, m) for m in MODES if (who.modes >> MODES.index(m)) & 1)
        if best <= who.max_minutes:
            keep.append(int(r.workplaces.ids[k]))
    return keep


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(50.8, 51.2),
            st.floats(5.2, 5.8),
            st.integers(0, 6),
            st.booleans(),
            st.integers(0, 3),
            st.integers(0, 2),
        ),
        min_size=1,
        max_size=25,
    ),
    st.lists(
        st.tuples(st.floats(50.8, 51.2), st.floats(5.2, 5.8), st.integers(1, 31), st.integers(10, 90)),
        min_size=1,
        max_size=8,
    ),
    st.integers(-1, 6),
    st.integers(0, 3),
)
def test_the_spatial_index_finds_exactly_what_a_scan_of_all_workplaces_finds(
    workplace_data, learner_data, language, support
):
    rows = [
        WorkplaceRow(
            id=k,
            lat=lat,
            lon=lon,
            language_demand=demand,
            language_support=helps,
            support=gives,
            places_left=left,
            programmes=(WAREHOUSE,),
            teaches={101: 3},
        )
        for k, (lat, lon, demand, helps, gives, left) in enumerate(workplace_data)
    ]
    people = [
        LearnerRow(
            id=i,
            programme=WAREHOUSE,
            lat=lat,
            lon=lon,
            modes=modes,
            max_minutes=limit,
            language=language,
            support=support,
        )
        for i, (lat, lon, modes, limit) in enumerate(learner_data)
    ]
    r = region(*rows)
    found = candidates(r, learners_from(people))
    got = {(int(found.learner[k]), int(found.workplace[k])) for k in range(len(found))}
    times = TravelTimes()
    expected = set()
    for i, p in enumerate(people):
        home = Place("BE", "x", "x", p.lat, p.lon)
        for k, w in enumerate(rows):
            there = Place("BE", "y", "y", w.lat, w.lon)
            trip = min(
                times.estimate_minutes(home, there, m) for m in MODES if (p.modes >> MODES.index(m)) & 1
            )
            language_ok = (
                language < 0
                or language >= w.language_demand
                or (w.language_support and language >= w.language_demand - 2)
            )
            if trip <= p.max_minutes and language_ok and (support & ~w.support) == 0 and w.places_left > 0:
                expected.add((i, k))
    assert got == expected


def test_the_engine_imports_no_django():
    code = "import sys, werkbrug.matching, werkbrug.matching.broader, werkbrug.matching.gaps; "
    code += "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
