"""Benchmark of the matching engine's allocation: stable and optimal, the file command, a reference.

.venv/bin/python bench/matching.py                                  # 1k, 10k, 50k and 200k learners
.venv/bin/python bench/matching.py --sizes 1000,10000 --reference-timeout 60
.venv/bin/python bench/run.py --only matching                       # the same, from the bench runner

Instances are seeded: n learners and 0.4 n workplaces in a region of towns, each learner with 10-60
acceptable workplaces among the nearest ones (so popular places overlap), capacities 1-5, a score in
[0, 1] from the distance plus noise, learner ranks by that score and workplace ranks by their own
noisy score. Every measurement runs in a fresh process (python -P, so that this file does not hide
the `matching` package), on an instance saved once per size:
- engine: `stable` and `optimal` on the arrays (best of --repeat runs below 200k learners); the peak
  memory is the peak resident size of the process that loads the instance and runs `stable`;
- file command: `python -m werkbrug.matching allocate` end to end on CSV files (at 50k learners);
- reference: the `matching` package (HospitalResident, resident-optimal) on the same preference lists
  with the same tie-breaking, under a time limit; its assignment must equal ours.
Figures and targets: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

SIZES = [1_000, 10_000, 50_000, 200_000]
REFERENCE_SIZES = [1_000, 10_000]
FILE_SIZE = 50_000
SEED = 1
# (method, learners) -> seconds; the file command at FILE_SIZE learners; peak memory of stable.
TARGETS = {
    ("stable", 50_000): 0.2,
    ("stable", 200_000): 1.0,
    ("optimal", 50_000): 3.0,
    ("optimal", 200_000): 20.0,
}
FILE_TARGETS = {"stable": 3.0, "optimal": 10.0}
MEMORY_TARGET = (200_000, 1024)  # learners, MiB


# -- The instance ------------------------------------------------------------------------------------


def instance(learners: int, seed: int = SEED):
    """The seeded instance of `learners` learners: (Pairs, capacity)."""
    from scipy.spatial import cKDTree

    from werkbrug.matching.pairs import Pairs, ranks_by_score

    rng = np.random.default_rng(seed)
    n_workplaces = max(1, round(0.4 * learners))
    side = np.sqrt(learners / 100)  # km: about 100 learners per km²
    towns = rng.random((max(3, learners // 2000), 2)) * side

    def places(count: int) -> np.ndarray:
        in_town = towns[rng.integers(0, len(towns), count)] + rng.normal(0, side / 20, (count, 2))
        anywhere = rng.random((count, 2)) * side
        return np.where(rng.random((count, 1)) < 0.7, in_town, anywhere)

    homes, sites = places(learners), places(n_workplaces)
    nearest = min(60, n_workplaces)
    distance, workplace = cKDTree(sites).query(homes, k=nearest, workers=-1)
    distance, workplace = distance.reshape(learners, nearest), workplace.reshape(learners, nearest)
    listed = np.arange(nearest) < np.minimum(rng.integers(10, 61, learners), nearest)[:, None]
    learner = np.repeat(np.arange(learners, dtype=np.int32), listed.sum(axis=1))
    workplace, distance = workplace[listed].astype(np.int32), distance[listed]
    score = np.clip(0.75 * np.exp(-distance / np.median(distance)) + 0.25 * rng.random(len(distance)), 0, 1)
    own_score = 0.5 * score + 0.5 * rng.random(len(score))
    pairs = Pairs(
        learner=learner,
        workplace=workplace,
        learner_rank=ranks_by_score(learner, workplace, score),
        workplace_rank=ranks_by_score(workplace, learner, own_score),
        score=score,
        minutes=np.rint(5 + distance * 3).astype(np.int32),
    )
    return pairs, rng.integers(1, 6, n_workplaces)


def _save(path: Path, learners: int, seed: int) -> None:
    pairs, capacity = instance(learners, seed)
    np.savez(path, capacity=capacity, **{name: getattr(pairs, name) for name in pairs.__dataclass_fields__})


def _load(path: Path):
    from werkbrug.matching.pairs import Pairs

    with np.load(path) as saved:
        arrays = {name: saved[name] for name in saved.files}
    capacity = arrays.pop("capacity")
    return Pairs(**arrays), capacity


def _write_csvs(directory: Path, path: Path) -> tuple[Path, Path]:
    pairs, capacity = _load(path)
    pairs_csv, capacities_csv = directory / "pairs.csv", directory / "capacities.csv"
    with open(pairs_csv, "w") as out:
        out.write("learner_id,workplace_id,learner_rank,workplace_rank,score\n")
        rows = zip(
            pairs.learner.tolist(),
            pairs.workplace.tolist(),
            pairs.learner_rank.tolist(),
            pairs.workplace_rank.tolist(),
            pairs.score.tolist(),
            strict=True,
        )
        out.writelines(f"L{lr:06d},W{w:06d},{a},{b},{s:.6f}\n" for lr, w, a, b, s in rows)
    with open(capacities_csv, "w") as out:
        out.write("workplace_id,capacity\n")
        out.writelines(f"W{w:06d},{c}\n" for w, c in enumerate(capacity.tolist()))
    return pairs_csv, capacities_csv


# -- Children: one measurement per process ---------------------------------------------------------------


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _child_engine(path: str, method: str, repeat: int, out: str) -> dict:
    from werkbrug.matching import allocation

    pairs, capacity = _load(Path(path))
    allocate = getattr(allocation, method)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        assignment = allocate(pairs, capacity)
        timings.append(time.perf_counter() - started)
    np.save(out, assignment.workplace_of)
    return {
        "seconds": min(timings),
        "peak_mib": _peak_mib(),
        "matched": assignment.matched,
        "welfare": assignment.welfare(pairs),
    }


def _child_reference(path: str, out: str, timeout: float) -> dict:
    """The `matching` package on the same preferences, ties broken as `stable` breaks them."""
    from matching.games import HospitalResident

    pairs, capacity = _load(Path(path))
    by_learner = np.lexsort((pairs.workplace, pairs.learner_rank, pairs.learner))
    by_workplace = np.lexsort((pairs.learner, pairs.workplace_rank, pairs.workplace))
    learner_prefs = _lists(pairs.learner[by_learner], pairs.workplace[by_learner])
    workplace_prefs = _lists(pairs.workplace[by_workplace], pairs.learner[by_workplace])
    capacities = {w: int(capacity[w]) for w in workplace_prefs}
    found = {}

    def solve() -> None:
        started = time.perf_counter()
        game = HospitalResident.create_from_dictionaries(learner_prefs, workplace_prefs, capacities)
        found["solution"] = game.solve(optimal="resident")
        found["seconds"] = time.perf_counter() - started

    # The package deep-copies its players, which recurses as deep as the web of preferences is long.
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    solver = threading.Thread(target=solve, daemon=True)
    solver.start()
    solver.join(timeout)
    if solver.is_alive():
        return {"seconds": None}
    solution, seconds = found["solution"], found["seconds"]
    workplace_of = np.full(int(pairs.learner.max()) + 1, -1, dtype=np.int32)
    for hospital, residents in solution.items():
        for resident in residents:
            workplace_of[resident.name] = hospital.name
    np.save(out, workplace_of)
    return {"seconds": seconds, "peak_mib": _peak_mib()}


def _lists(owner: np.ndarray, other: np.ndarray) -> dict[int, list[int]]:
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    chunks = np.split(other, starts[1:])
    return {int(owner[s]): chunk.tolist() for s, chunk in zip(starts, chunks, strict=True)}


def _in_child(kind: str, *args, timeout: float | None = None) -> dict | None:
    """Run `kind` in a fresh process; None when it takes longer than `timeout` seconds."""
    command = [sys.executable, "-P", __file__, "--child", json.dumps([kind, *args])]
    try:
        done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout)  # noqa: S603
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _file_command(pairs_csv: Path, capacities_csv: Path, method: str, out: Path) -> float:
    command = [sys.executable, "-m", "werkbrug.matching", "allocate", "--pairs", str(pairs_csv)]
    command += ["--capacities", str(capacities_csv), "--method", method, "--out", str(out)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603 - our own command
    return time.perf_counter() - started


# -- The benchmark --------------------------------------------------------------------------------------


def _verdict(value: float, target: float | None, unit: str = "s") -> str:
    if target is None:
        return ""
    return f"≤ {target:g} {unit}, {'met' if value <= target else 'MISSED'}"


def benchmark(
    sizes: list[int] = SIZES,
    reference_timeout: float = 120,
    repeat: int = 3,
    seed: int = SEED,
    reference_sizes: list[int] = REFERENCE_SIZES,
) -> None:
    """Measure every size and print three markdown tables: engine, file command, reference."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        stable_seconds = {}
        print("| learners | pairs | stable s | target | stable peak MiB | target | optimal s | target "
              "| matched stable / optimal | welfare stable / optimal |")  # fmt: skip
        print("|---:|---:|---:|---|---:|---|---:|---|---:|---:|", flush=True)
        for learners in sizes:
            _in_child("save", str(work / f"{learners}.npz"), learners, seed)
            stable_seconds[learners] = _engine_row(work, learners, repeat)
        if FILE_SIZE in sizes:
            print()
            print("| file command | learners | pairs.csv | seconds end to end | target |")
            print("|---|---:|---:|---:|---|", flush=True)
            _file_rows(work, FILE_SIZE)
        compared = [learners for learners in sizes if learners in reference_sizes]
        if compared:
            print()
            print("| learners | stable s | `matching` 1.4 s | ratio | same assignment |")
            print("|---:|---:|---:|---:|---|", flush=True)
        for learners in compared:
            _reference_row(work, learners, stable_seconds[learners], reference_timeout)


def _engine_row(work: Path, learners: int, repeat: int) -> float:
    saved = str(work / f"{learners}.npz")
    runs = repeat if learners < 200_000 else 1
    stable = _in_child("engine", saved, "stable", runs, str(work / f"{learners}-stable.npy"))
    best = _in_child("engine", saved, "optimal", runs, str(work / f"{learners}-optimal.npy"))
    memory_target = MEMORY_TARGET[1] if learners == MEMORY_TARGET[0] else None
    with np.load(saved) as arrays:
        n_pairs = len(arrays["learner"])
    print(
        f"| {learners:,} | {n_pairs:,} | {stable['seconds']:.3f} "
        f"| {_verdict(stable['seconds'], TARGETS.get(('stable', learners)))} "
        f"| {stable['peak_mib']:.0f} | {_verdict(stable['peak_mib'], memory_target, 'MiB')} "
        f"| {best['seconds']:.2f} | {_verdict(best['seconds'], TARGETS.get(('optimal', learners)))} "
        f"| {stable['matched']:,} / {best['matched']:,} "
        f"| {stable['welfare']:,.0f} / {best['welfare']:,.0f} |",
        flush=True,
    )
    return stable["seconds"]


def _file_rows(work: Path, learners: int) -> None:
    pairs_csv, capacities_csv = _write_csvs(work, work / f"{learners}.npz")
    for method in ("stable", "optimal"):
        out = work / f"{method}.csv"
        seconds = _file_command(pairs_csv, capacities_csv, method, out)
        # The command must agree with the engine: the same learners placed at the same workplaces.
        expected = np.load(work / f"{learners}-{method}.npy")
        with open(out) as rows:
            next(rows)
            placed = [int(row[row.index(",") + 2 :]) if not row.endswith(",\n") else -1 for row in rows]
        assert placed == expected.tolist(), (
            f"the file command's {method} assignment differs from the engine's"
        )
        print(
            f"| {method} | {learners:,} | {pairs_csv.stat().st_size / 1e6:.0f} MB | {seconds:.2f} "
            f"| {_verdict(seconds, FILE_TARGETS[method])} |",
            flush=True,
        )


def _reference_row(work: Path, learners: int, stable_seconds: float, timeout: float) -> None:
    out = work / f"{learners}-reference.npy"
    reference = _in_child(
        "reference", str(work / f"{learners}.npz"), str(out), timeout, timeout=timeout + 120
    )
    if reference is None or reference["seconds"] is None:
        print(f"| {learners:,} | {stable_seconds:.3f} | did not finish in {timeout:g} s | | |", flush=True)
        return
    same = np.array_equal(np.load(out), np.load(work / f"{learners}-stable.npy"))
    print(
        f"| {learners:,} | {stable_seconds:.3f} | {reference['seconds']:.1f} "
        f"| {reference['seconds'] / stable_seconds:,.0f} times | {'yes' if same else 'NO'} |",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="learners, comma-separated")
    parser.add_argument(
        "--reference-timeout", type=float, default=120, help="seconds for `matching` per size"
    )
    parser.add_argument("--repeat", type=int, default=3, help="engine runs per size below 200k (best counts)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = json.loads(args.child)
        if kind == "save":
            _save(Path(rest[0]), rest[1], rest[2])
            print(json.dumps({}))
        else:
            print(
                json.dumps({"engine": _child_engine, "reference": _child_reference}[kind](*rest)), flush=True
            )
        os._exit(0)  # without waiting for a reference solver that is still running
    benchmark([int(size) for size in args.sizes.split(",")], args.reference_timeout, args.repeat, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
