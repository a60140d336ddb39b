"""The allocation: stable and optimal assignments, checked by hand, by property and by brute force."""

import itertools
import json
import subprocess
import sys
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from werkbrug.matching import allocation
from werkbrug.matching.allocation import Assignment, optimal, report, stable
from werkbrug.matching.pairs import Pairs

QUICK = settings(max_examples=200, deadline=None)

# -- Hand-made instances a reader can follow -----------------------------------------------------------

ANA, BRAM, CAS = 0, 1, 2
BAKERY, GARAGE, SHOP = 0, 1, 2


def textbook() -> tuple[Pairs, np.ndarray]:
    """Ana and Cas both want the bakery first, Bram the garage; the bakery likes Bram best, then Ana;
    the garage likes Ana best, then Bram. Each place has one spot; everyone accepts the shop last."""
    rows = [
        # learner, workplace, learner's rank, workplace's rank
        (ANA, BAKERY, 1, 2),
        (ANA, GARAGE, 2, 1),
        (ANA, SHOP, 3, 1),
        (BRAM, GARAGE, 1, 2),
        (BRAM, BAKERY, 2, 1),
        (BRAM, SHOP, 3, 2),
        (CAS, BAKERY, 1, 3),
        (CAS, GARAGE, 2, 3),
        (CAS, SHOP, 3, 3),
    ]
    learner, workplace, learner_rank, workplace_rank = zip(*rows, strict=True)
    return Pairs.build(learner, workplace, learner_rank, workplace_rank), np.array([1, 1, 1])


def test_stable_textbook_instance_is_learner_optimal():
    pairs, capacity = textbook()
    assignment = stable(pairs, capacity)
    # Ana and Bram get their first choices although each workplace would rather have the other one
    # (the workplace-optimal stable assignment swaps them); Cas, liked least everywhere, gets the shop.
    assert assignment.workplace_of.tolist() == [BAKERY, GARAGE, SHOP]
    assert assignment.method == "stable"
    assert assignment.matched == 3
    assert pairs.workplace[assignment.pair_of].tolist() == [BAKERY, GARAGE, SHOP]


def test_a_workplace_with_two_places_keeps_its_two_favourites():
    pairs = Pairs.build(
        learner=[0, 1, 2],
        workplace=[0, 0, 0],
        learner_rank=[1, 1, 1],
        workplace_rank=[3, 1, 2],
    )
    assert stable(pairs, np.array([2])).workplace_of.tolist() == [-1, 0, 0]


def test_ties_go_to_the_lower_index_on_both_sides():
    # Learner 0 ranks both workplaces 1: it proposes to workplace 0 first. Learner 1 wants workplace
    # 0 too. Workplace 0 ranks them equally and has one place: it keeps learner 0, the lower index,
    # and learner 1 goes to its second choice.
    pairs = Pairs.build(
        learner=[1, 0, 0, 1],
        workplace=[0, 1, 0, 1],
        learner_rank=[1, 1, 1, 2],
        workplace_rank=[1, 1, 1, 1],
    )
    assert stable(pairs, np.array([1, 1])).workplace_of.tolist() == [0, 1]


def test_a_workplace_without_places_takes_nobody_and_unlisted_pairs_never_happen():
    pairs = Pairs.build(learner=[0, 1], workplace=[0, 0], learner_rank=[1, 1], workplace_rank=[1, 2])
    assert stable(pairs, np.array([0, 5])).workplace_of.tolist() == [-1, -1]
    assert optimal(Pairs.build([0, 1], [0, 0], score=[0.9, 0.8]), np.array([0, 5])).matched == 0


def test_learners_without_pairs_are_unmatched_when_n_learners_counts_them():
    pairs = Pairs.build(learner=[1], workplace=[0], learner_rank=[1], workplace_rank=[1], score=[0.5])
    for allocate in (stable, optimal):
        assert allocate(pairs, np.array([1]), n_learners=3).workplace_of.tolist() == [-1, 0, -1]


@pytest.mark.parametrize("allocate", [stable, optimal])
def test_a_pair_listed_twice_is_refused(allocate):
    pairs = Pairs.build(learner=[0, 0], workplace=[1, 1], learner_rank=[1, 2], workplace_rank=[1, 1])
    with pytest.raises(ValueError, match="learner 0 and workplace 1"):
        allocate(pairs, np.array([1, 1]))


@pytest.mark.parametrize("allocate", [stable, optimal])
def test_indices_outside_the_capacities_are_refused(allocate):
    pairs = Pairs.build(learner=[0], workplace=[2], score=[1.0])
    with pytest.raises(ValueError, match="workplace indices"):
        allocate(pairs, np.array([1, 1]))
    with pytest.raises(ValueError, match="negative"):
        allocate(Pairs.build([0], [0], score=[1.0]), np.array([-1]))


def test_optimal_gives_up_a_first_choice_when_that_places_one_more():
    # Ana likes the bakery (0.9) a bit more than the garage (0.8); Bram only fits the bakery (0.5).
    # The bakery prefers Ana, so the stable assignment leaves Bram out: welfare 0.9. The optimal
    # one sends Ana to the garage and Bram to the bakery: welfare 1.3.
    pairs = Pairs.build(learner=[ANA, ANA, BRAM], workplace=[BAKERY, GARAGE, BAKERY], score=[0.9, 0.8, 0.5])
    capacity = np.array([1, 1])
    assert stable(pairs, capacity).workplace_of.tolist() == [BAKERY, -1]
    best = optimal(pairs, capacity)
    assert best.method == "optimal"
    assert best.workplace_of.tolist() == [GARAGE, BAKERY]
    assert best.welfare(pairs) == pytest.approx(1.3)


def test_optimal_leaves_a_learner_out_rather_than_use_a_pair_without_value():
    pairs = Pairs.build(learner=[0, 1], workplace=[0, 0], score=[0.0, -0.5])
    assert optimal(pairs, np.array([2])).workplace_of.tolist() == [-1, -1]


def test_empty_instances():
    for allocate in (stable, optimal):
        assignment = allocate(Pairs.build([], []), np.array([], dtype=np.int64))
        assert assignment.workplace_of.tolist() == []
        assert assignment.welfare(Pairs.build([], [])) == 0


def test_report_counts_minutes_first_choices_and_groups():
    pairs = Pairs.build(
        learner=[0, 0, 1, 2, 3],
        workplace=[0, 1, 0, 0, 1],
        learner_rank=[1, 2, 1, 1, 1],
        workplace_rank=[1, 1, 2, 3, 1],
        score=[0.9, 0.4, 0.7, 0.6, 0.8],
        minutes=[10, 30, 20, -1, 40],
    )
    capacity = np.array([2, 1])
    assignment = stable(pairs, capacity, n_learners=5)
    assert assignment.workplace_of.tolist() == [0, 0, -1, 1, -1]
    figures = report(assignment, pairs, capacity, {"programme": ["bakery", "bakery", "care", "care", "care"]})
    assert (figures.matched, figures.unmatched_no_candidate, figures.unmatched_all_full) == (3, 1, 1)
    assert figures.welfare == pytest.approx(0.9 + 0.7 + 0.8)
    assert figures.mean_score == pytest.approx(0.8)
    assert (figures.median_minutes, figures.mean_minutes) == (20, 70 / 3)
    assert figures.p90_minutes == pytest.approx(36)
    assert figures.first_choice_share == pytest.approx(3 / 5)
    assert (figures.places_used, figures.places_offered) == (3, 3)
    bakery, care = figures.groups["programme"]
    assert (bakery.label, bakery.learners, bakery.matched, bakery.share_matched) == ("bakery", 2, 2, 1.0)
    assert (care.label, care.learners, care.matched, care.no_candidate, care.all_full) == ("care", 3, 1, 1, 1)
    assert care.median_minutes == 40
    plain = figures.as_dict()
    assert json.loads(json.dumps(plain)) == plain
    assert plain["groups"]["programme"][1]["label"] == "care"


def test_report_of_nobody_placed_says_none_where_there_is_no_figure():
    pairs = Pairs.build(learner=[0], workplace=[0], score=[0.5])
    plain = report(stable(pairs, np.array([0])), pairs, np.array([0])).as_dict()
    assert plain["median_minutes"] is None
    assert plain["mean_score"] is None
    assert plain["unmatched_all_full"] == 1
    json.dumps(plain, allow_nan=False)


def test_the_engine_imports_no_django():
    code = (
        "import sys, werkbrug.matching.allocation, werkbrug.matching.files, werkbrug.matching.__main__; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def deferred_acceptance(pairs: Pairs, capacity: np.ndarray, n_learners: int) -> list[int]:
    """The textbook algorithm, one proposal at a time, to compare the fast one with."""
    learner_key, workplace_key, _ = tables(pairs)
    choices: dict[int, list[int]] = {learner: [] for learner in range(n_learners)}
    for learner, workplace in sorted(learner_key, key=lambda cell: (cell[0], learner_key[cell])):
        choices[learner].append(workplace)
    held: dict[int, list[int]] = {w: [] for w in range(len(capacity))}
    free = list(range(n_learners))
    while free:
        learner = free.pop()
        if not choices[learner]:
            continue
        workplace = choices[learner].pop(0)
        held[workplace].append(learner)
        held[workplace].sort(key=lambda lr: workplace_key[(lr, workplace)])
        if len(held[workplace]) > capacity[workplace]:
            free.append(held[workplace].pop())
    workplace_of = [-1] * n_learners
    for workplace, learners in held.items():
        for learner in learners:
            workplace_of[learner] = workplace
    return workplace_of


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stable_on_a_few_thousand_learners_equals_the_textbook_algorithm(seed):
    rng = np.random.default_rng(seed)
    n_learners, n_workplaces = 3000, 1000
    per_learner = rng.integers(0, 12, n_learners)
    learner = np.repeat(np.arange(n_learners), per_learner)
    # Popular workplaces (low indices) are listed more often, so many learners compete for them.
    workplace = np.minimum(rng.geometric(0.004, len(learner)) - 1, n_workplaces - 1)
    first = np.unique(learner * n_workplaces + workplace, return_index=True)[1]
    learner, workplace = learner[first], workplace[first]
    pairs = Pairs.build(
        learner,
        workplace,
        learner_rank=rng.integers(1, 6, len(learner)),
        workplace_rank=rng.integers(1, 50, len(learner)),
    )
    capacity = rng.integers(0, 4, n_workplaces)
    assignment = stable(shuffled(pairs, seed), capacity, n_learners)
    assert assignment.workplace_of.tolist() == deferred_acceptance(pairs, capacity, n_learners)
    assert (
        stable_in_phases(pairs, capacity, n_learners, 0).workplace_of.tolist()
        == assignment.workplace_of.tolist()
    )


# -- Properties on random small instances ----------------------------------------------------------


@st.composite
def instances(draw, max_learners: int = 7, max_workplaces: int = 4):
    """A random instance: acceptable pairs with tied ranks and random scores, rows in random order."""
    n_learners = draw(st.integers(0, max_learners))
    n_workplaces = draw(st.integers(1, max_workplaces))
    capacity = np.array(draw(st.lists(st.integers(0, 3), min_size=n_workplaces, max_size=n_workplaces)))
    cells = list(itertools.product(range(n_learners), range(n_workplaces)))
    listed = draw(st.lists(st.booleans(), min_size=len(cells), max_size=len(cells)))
    rows = [cell for cell, keep in zip(cells, listed, strict=True) if keep]
    rows = draw(st.permutations(rows))
    n = len(rows)
    ranks = st.lists(st.integers(1, 3), min_size=n, max_size=n)
    score = st.one_of(st.sampled_from([-0.25, 0.0, 0.25, 0.5, 1.0]), st.floats(0, 1))
    pairs = Pairs.build(
        learner=[learner for learner, _ in rows],
        workplace=[workplace for _, workplace in rows],
        learner_rank=draw(ranks),
        workplace_rank=draw(ranks),
        score=draw(st.lists(score, min_size=n, max_size=n)),
    )
    return pairs, capacity, n_learners


def tables(pairs: Pairs) -> tuple[dict, dict, dict]:
    """Per (learner, workplace): the learner's preference key, the workplace's, and the score.

    Lower is better; equal ranks are broken by the other side's index, as `stable` documents."""
    cells = list(zip(pairs.learner.tolist(), pairs.workplace.tolist(), strict=True))
    learner_key = {c: (r, c[1]) for c, r in zip(cells, pairs.learner_rank.tolist(), strict=True)}
    workplace_key = {c: (r, c[0]) for c, r in zip(cells, pairs.workplace_rank.tolist(), strict=True)}
    score = dict(zip(cells, pairs.score.tolist(), strict=True))
    return learner_key, workplace_key, score


def feasible(pairs: Pairs, capacity: np.ndarray, n_learners: int):
    """Every assignment that respects the capacities and uses listed pairs only, as a tuple per learner."""
    options = [
        [-1, *sorted(pairs.workplace[pairs.learner == learner].tolist())] for learner in range(n_learners)
    ]
    for choice in itertools.product(*options):
        taken = np.bincount([w for w in choice if w >= 0], minlength=len(capacity))
        if np.all(taken <= capacity):
            yield choice


def blocking_pairs(pairs: Pairs, capacity: np.ndarray, workplace_of) -> list[tuple[int, int]]:
    learner_key, workplace_key, _ = tables(pairs)
    holds = {w: [lr for lr, at in enumerate(workplace_of) if at == w] for w in range(len(capacity))}
    blocking = []
    for (learner, workplace), key in learner_key.items():
        current = workplace_of[learner]
        if capacity[workplace] == 0 or current == workplace:
            continue
        wants = current < 0 or key < learner_key[(learner, current)]
        held = holds[workplace]
        room = len(held) < capacity[workplace] or any(
            workplace_key[(learner, workplace)] < workplace_key[(other, workplace)] for other in held
        )
        if wants and room:
            blocking.append((learner, workplace))
    return blocking


def assert_valid(pairs: Pairs, capacity: np.ndarray, assignment: Assignment) -> None:
    listed = set(zip(pairs.learner.tolist(), pairs.workplace.tolist(), strict=True))
    workplace_of = assignment.workplace_of.tolist()
    for learner, workplace in enumerate(workplace_of):
        if workplace >= 0:
            assert (learner, workplace) in listed
            row = assignment.pair_of[learner]
            assert (pairs.learner[row], pairs.workplace[row]) == (learner, workplace)
        else:
            assert assignment.pair_of[learner] == -1
    taken = np.bincount([w for w in workplace_of if w >= 0], minlength=len(capacity))
    assert np.all(taken <= capacity)


def shuffled(pairs: Pairs, seed: int) -> Pairs:
    order = np.random.default_rng(seed).permutation(len(pairs))
    return Pairs(**{name: getattr(pairs, name)[order] for name in Pairs.__dataclass_fields__})


def stable_in_phases(pairs: Pairs, capacity: np.ndarray, n_learners: int, rounds_down_to: int) -> Assignment:
    """`stable` with vectorised rounds while more than `rounds_down_to` learners are free (0: only
    rounds), then one proposal at a time. Small instances otherwise never reach the rounds."""
    with mock.patch.object(allocation, "_SEQUENTIAL_BELOW", rounds_down_to):
        return stable(pairs, capacity, n_learners)


@QUICK
@given(instances(), st.integers(0, 2**32 - 1), st.sampled_from([0, 1, 2, 200]))
def test_stable_has_no_blocking_pair_and_holds_capacities(instance, seed, rounds_down_to):
    pairs, capacity, n_learners = instance
    assignment = stable_in_phases(pairs, capacity, n_learners, rounds_down_to)
    assert len(assignment.workplace_of) == n_learners
    assert_valid(pairs, capacity, assignment)
    assert blocking_pairs(pairs, capacity, assignment.workplace_of.tolist()) == []
    again = stable(shuffled(pairs, seed), capacity, n_learners)
    assert again.workplace_of.tolist() == assignment.workplace_of.tolist()
    assert stable(pairs, capacity, n_learners).pair_of.tolist() == assignment.pair_of.tolist()


@QUICK
@given(instances(max_learners=5, max_workplaces=3))
def test_stable_is_the_learner_optimal_stable_assignment(instance):
    pairs, capacity, n_learners = instance
    learner_key, _, _ = tables(pairs)
    stable_ones = [
        choice
        for choice in feasible(pairs, capacity, n_learners)
        if not blocking_pairs(pairs, capacity, choice)
    ]

    def key(learner: int, workplace: int) -> tuple:
        return learner_key[(learner, workplace)] if workplace >= 0 else (np.inf, np.inf)

    best = [
        choice
        for choice in stable_ones
        if all(key(lr, choice[lr]) <= key(lr, other[lr]) for other in stable_ones for lr in range(n_learners))
    ]
    assert len(best) == 1
    for rounds_down_to in (0, 1, 200):
        assignment = stable_in_phases(pairs, capacity, n_learners, rounds_down_to)
        assert tuple(assignment.workplace_of.tolist()) == best[0]


@QUICK
@given(instances(), st.integers(0, 2**32 - 1))
def test_optimal_holds_capacities_beats_stable_and_is_deterministic(instance, seed):
    pairs, capacity, n_learners = instance
    assignment = optimal(pairs, capacity, n_learners)
    assert_valid(pairs, capacity, assignment)
    assert np.all(pairs.score[assignment.pair_of[assignment.pair_of >= 0]] > 0)
    assert assignment.welfare(pairs) >= stable(pairs, capacity, n_learners).welfare(pairs) - 1e-5
    assert optimal(pairs, capacity, n_learners).workplace_of.tolist() == assignment.workplace_of.tolist()
    again = optimal(shuffled(pairs, seed), capacity, n_learners)
    assert again.workplace_of.tolist() == assignment.workplace_of.tolist()


@QUICK
@given(instances(max_learners=5, max_workplaces=3))
def test_optimal_welfare_is_the_brute_force_maximum(instance):
    pairs, capacity, n_learners = instance
    _, _, score = tables(pairs)
    best = max(
        sum(score[(learner, w)] for learner, w in enumerate(choice) if w >= 0)
        for choice in feasible(pairs, capacity, n_learners)
    )
    # Scores enter the solver rounded to millionths, so the total may fall short by that much per learner.
    assert optimal(pairs, capacity, n_learners).welfare(pairs) == pytest.approx(best, abs=1e-6 * n_learners)


@QUICK
@given(
    instances(), st.sampled_from([stable, optimal]), st.lists(st.sampled_from("abc"), min_size=7, max_size=7)
)
def test_report_counts_add_up(instance, allocate, labels):
    pairs, capacity, n_learners = instance
    assignment = allocate(pairs, capacity, n_learners)
    figures = report(assignment, pairs, capacity, {"group": labels[:n_learners]})
    assert figures.learners == n_learners
    assert figures.matched + figures.unmatched_no_candidate + figures.unmatched_all_full == n_learners
    assert figures.matched == assignment.matched == figures.places_used <= figures.places_offered
    assert figures.welfare == pytest.approx(assignment.welfare(pairs))
    rows = figures.groups["group"]
    assert [row.label for row in rows] == sorted(set(labels[:n_learners]))
    assert sum(row.learners for row in rows) == n_learners
    assert sum(row.matched for row in rows) == figures.matched
    assert sum(row.no_candidate for row in rows) == figures.unmatched_no_candidate
    assert sum(row.all_full for row in rows) == figures.unmatched_all_full
    assert json.dumps(figures.as_dict(), allow_nan=False)
