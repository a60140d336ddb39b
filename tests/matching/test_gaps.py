"""Gaps: who is left without a place and why, and where one more place would help."""

import numpy as np

from werkbrug.matching import (
    NoCandidate,
    candidates,
    competence_gaps,
    demand_gaps,
    learners_from,
    more_places_here,
    new_place_in,
    unplaced,
)

from .builders import BIKE, GAZ, WAREHOUSE, learner, region, warehouse


def test_demand_gaps_count_learners_without_a_place_per_group_and_reason():
    r = region(warehouse(1, "3600", places_left=0), warehouse(2, "3500"))
    people = [
        learner(1, "3600", modes=BIKE, max_minutes=20),  # only Genk in reach, and it is full
        learner(2, "3500", modes=BIKE, max_minutes=20),  # Hasselt: has a candidate
        learner(3, "3900", modes=BIKE, max_minutes=20),  # Pelt: nothing in reach
    ]
    ls = learners_from(people)
    found = candidates(r, ls)
    gaps = demand_gaps(found, {"municipality": ["Genk", "Hasselt", "Pelt"]})
    rows = {g.label: g for g in gaps["municipality"]}
    assert rows["Genk"].reasons == {"full": 1}
    assert rows["Pelt"].reasons == {"too_far": 1}
    assert rows["Hasselt"].unplaced == 0
    assert [g.label for g in gaps["municipality"]][-1] == "Hasselt"  # most unplaced first
    # After an allocation that left Hasselt's learner out too, the reason is that all were full.
    after = demand_gaps(found, {"all": ["x"] * 3}, workplace_of=np.array([-1, -1, -1]))
    assert after["all"][0].reasons == {"full": 1, "too_far": 1, "all_full": 1}


def test_a_full_workplace_wanted_by_learners_without_a_place_shows_as_one_more_place_here():
    r = region(warehouse(1, "3600", places_left=0), warehouse(2, "3900"))
    ls = learners_from([learner(i, "3600", modes=BIKE, max_minutes=20) for i in range(3)])
    found = candidates(r, ls)
    left = unplaced(found)
    assert left.all()
    wanted = more_places_here(r, ls, left, candidates(r, ls, require_places=False))
    assert [(int(r.workplaces.ids[g.workplace]), g.learners) for g in wanted] == [(1, 3)]


def test_a_new_place_in_an_area_counts_the_learners_without_a_place_who_could_reach_it():
    r = region(warehouse(1, "3900"))
    ls = learners_from(
        [learner(1, "3600", modes=BIKE, max_minutes=20), learner(2, "3500", modes=BIKE, max_minutes=20)]
    )
    found = candidates(r, ls)
    assert (found.why_none == NoCandidate.TOO_FAR).all()
    areas = [GAZ.lookup("BE", pc) for pc in ("3600", "3500", "3900")]
    gaps = new_place_in(
        r, ls, unplaced(found), np.array([a.lat for a in areas]), np.array([a.lon for a in areas])
    )
    assert [(g.area, g.programme, g.learners) for g in gaps] == [(0, WAREHOUSE, 1), (1, WAREHOUSE, 1)]


def test_core_competences_that_no_candidate_teaches_are_a_competence_gap():
    r = region(warehouse(1, teaches=(101, 102)), warehouse(2, teaches=(101, 103)))
    ls = learners_from([learner(1), learner(2)])
    gaps = competence_gaps(r, ls, candidates(r, ls))
    assert [(g.programme, g.competence, g.learners) for g in gaps] == [(WAREHOUSE, 104, 2)]
