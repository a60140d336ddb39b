"""Benchmark: candidates and scores for a whole region, and one learner's suggestions.

Targets (2-core reference machine): candidates and scores for 50,000 learners x 20,000 workplaces
in <= 5 s; one learner's suggestions (candidates, scores and the explanation of the best 20) among
100,000 workplaces in <= 20 ms.

Instances: learners and workplaces at the real postcodes of Belgian and Dutch Limburg and around
(the demo region's geography), 28 programmes of 12 core and 6 optional competences, each workplace
recognised for one or two programmes and teaching a random part of them; learners travel by bike,
bus, moped or car within 30 to 60 minutes. Seeded: the same figures every run.

    .venv/bin/python bench/candidates.py [--learners 50000 --workplaces 20000 --single 100000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from werkbrug import matching
from werkbrug.geo import load_gazetteer
from werkbrug.matching import Profile, Region, Workplaces

PROGRAMMES = 28
CORE, OPTIONAL = 12, 6
BOX = (50.6, 51.4, 4.9, 6.1)  # lat, lat, lon, lon: Limburg (BE and NL) and around


def places() -> np.ndarray:
    lat0, lat1, lon0, lon1 = BOX
    rows = [
        (p.lat, p.lon) for p in load_gazetteer().places() if lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1
    ]
    return np.array(rows)


def region(n_workplaces: int, rng: np.random.Generator) -> Region:
    spots = places()
    at = spots[rng.integers(0, len(spots), n_workplaces)]
    profiles = {
        p: Profile.build(
            [(p * 100 + c, c < CORE, float(rng.integers(1, 4)), 3) for c in range(CORE + OPTIONAL)]
        )
        for p in range(PROGRAMMES)
    }
    first = rng.integers(0, PROGRAMMES, n_workplaces)
    second = np.where(rng.random(n_workplaces) < 0.3, rng.integers(0, PROGRAMMES, n_workplaces), -1)
    rec_w = np.r_[np.arange(n_workplaces), np.flatnonzero(second >= 0)].astype(np.int32)
    rec_p = np.r_[first, second[second >= 0]].astype(np.int64)
    taught = [
        np.flatnonzero(rng.random(CORE + OPTIONAL) < rng.uniform(0.4, 1.0)) + first[w] * 100
        for w in range(n_workplaces)
    ]
    counts = np.array([len(t) for t in taught])
    workplaces = Workplaces(
        ids=np.arange(n_workplaces, dtype=np.int64),
        lat=at[:, 0] + rng.normal(0, 0.005, n_workplaces),
        lon=at[:, 1] + rng.normal(0, 0.005, n_workplaces),
        place=np.full(n_workplaces, -1, np.int32),
        places_left=rng.integers(0, 4, n_workplaces).astype(np.int32),
        language_demand=rng.integers(1, 5, n_workplaces).astype(np.int8),
        language_support=rng.random(n_workplaces) < 0.3,
        support=rng.integers(0, 256, n_workplaces).astype(np.int64),
        mentor=rng.integers(0, 3, n_workplaces).astype(np.int8),
        sector=rng.integers(0, 12, n_workplaces).astype(np.int8),
        recognised_workplace=rec_w,
        recognised_programme=rec_p,
        teach_ptr=np.r_[0, np.cumsum(counts)].astype(np.int64),
        teach_competence=np.concatenate(taught).astype(np.int64),
        teach_level=rng.integers(2, 5, counts.sum()).astype(np.int16),
    )
    return Region(workplaces, profiles)


def learners(n: int, rng: np.random.Generator) -> matching.Learners:
    spots = places()
    at = spots[rng.integers(0, len(spots), n)]
    mode_sets = np.array(
        [
            matching.mode_mask(*m)
            for m in (
                ("bike", "public_transport"),
                ("public_transport", "walk"),
                ("bike",),
                ("moped", "bike"),
                ("car",),
            )
        ]
    )
    return matching.Learners(
        ids=np.arange(n, dtype=np.int64),
        programme=rng.integers(0, PROGRAMMES, n).astype(np.int64),
        lat=at[:, 0],
        lon=at[:, 1],
        place=np.full(n, -1, np.int32),
        modes=mode_sets[rng.choice(len(mode_sets), n, p=[0.45, 0.25, 0.15, 0.1, 0.05])],
        max_minutes=rng.choice([30, 40, 45, 60], n).astype(np.int16),
        language=rng.integers(-1, 6, n).astype(np.int8),
        support=np.where(rng.random(n) < 0.2, 1 << rng.integers(0, 8, n), 0).astype(np.int64),
        sectors=np.where(rng.random(n) < 0.6, 1 << rng.integers(0, 12, n), 0).astype(np.int64),
    )


def whole_region(n_learners: int, n_workplaces: int) -> dict:
    rng = np.random.default_rng(1)
    r = region(n_workplaces, rng)
    ls = learners(n_learners, rng)
    start = time.perf_counter()
    r.by_programme  # noqa: B018 - the indexes, built once per region
    index_s = time.perf_counter() - start
    found = matching.candidates(r, ls)
    total_s = time.perf_counter() - start
    per = np.bincount(found.learner, minlength=n_learners)
    return {
        "learners": n_learners,
        "workplaces": n_workplaces,
        "pairs": len(found),
        "median_per_learner": float(np.median(per)),
        "index_s": index_s,
        "seconds": total_s,
    }


def one_learner(n_workplaces: int, repeats: int = 200) -> dict:
    rng = np.random.default_rng(2)
    r = region(n_workplaces, rng)
    ls = learners(repeats, rng)
    r.by_programme  # noqa: B018 - built once, as a running region keeps it
    times = []
    for i in range(repeats):
        one = ls.row(i)
        start = time.perf_counter()
        found = matching.candidates(r, one)
        for row in range(min(20, len(found))):
            matching.explain(r, one, found, row)
        matching.broader_matches(r, one, found, 0)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "workplaces": n_workplaces,
        "median_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * len(times)) - 1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50_000)
    parser.add_argument("--workplaces", type=int, default=20_000)
    parser.add_argument(
        "--single", type=int, default=100_000, help="workplaces for one learner's suggestions"
    )
    args = parser.parse_args(argv)
    w = whole_region(args.learners, args.workplaces)
    s = one_learner(args.single)
    print("| measurement | figure | target |")
    print("|---|---:|---|")
    print(
        f"| candidates and scores, {w['learners']:,} learners x {w['workplaces']:,} workplaces "
        f"({w['pairs']:,} pairs, median {w['median_per_learner']:.0f} per learner) "
        f"| {w['seconds']:.2f} s (index {w['index_s']:.2f} s) | <= 5 s |"
    )
    print(
        f"| one learner's suggestions among {s['workplaces']:,} workplaces (20 explained, broader matches) "
        f"| {s['median_ms']:.1f} ms median, {s['p95_ms']:.1f} ms p95 | <= 20 ms |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
