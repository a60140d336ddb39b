"""`python -m werkbrug.matching`: the matching engine on files, without Django.

    python -m werkbrug.matching allocate --pairs pairs.csv --capacities capacities.csv \\
        --method stable --out assignment.csv

File formats: `werkbrug.matching.files` and the README. A bad file ends the command with status 2 and
one message naming the file and the line.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .allocation import optimal, stable
from .files import FileError, read_instance, write_assignment

METHODS = {"stable": stable, "optimal": optimal}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status (argparse exits with 2 on a bad command line)."""
    parser = argparse.ArgumentParser(
        prog="python -m werkbrug.matching",
        description="The werkbrug matching engine on CSV files.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")
    allocate = commands.add_parser(
        "allocate",
        help="assign learners to workplaces",
        description=(
            "Assign every learner of pairs.csv to at most one workplace, within the capacities. "
            "stable: learner-proposing deferred acceptance on the ranks (the learner-optimal stable "
            "assignment); optimal: the highest total score (min-cost flow)."
        ),
    )
    allocate.add_argument(
        "--pairs",
        required=True,
        type=Path,
        help="learner_id,workplace_id,learner_rank,workplace_rank,score: one row per acceptable pair",
    )
    allocate.add_argument("--capacities", required=True, type=Path, help="workplace_id,capacity")
    allocate.add_argument("--method", choices=sorted(METHODS), default="stable", help="default: stable")
    allocate.add_argument("--out", required=True, type=Path, help="the assignment: learner_id,workplace_id")
    allocate.set_defaults(run=_allocate)
    args = parser.parse_args(argv)
    return args.run(args)


def _allocate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        instance = read_instance(args.pairs, args.capacities)
        assignment = METHODS[args.method](instance.pairs, instance.capacity, len(instance.learner_ids))
        write_assignment(args.out, instance, assignment)
    except FileError as error:
        print(error, file=sys.stderr)
        return 2
    except ValueError as error:  # what the files cannot say line by line, such as scores too large
        print(f"{args.pairs}: {error}", file=sys.stderr)
        return 2
    learners = len(instance.learner_ids)
    print(
        f"{args.method}: {assignment.matched:,} of {learners:,} learners matched, "
        f"{learners - assignment.matched:,} unmatched, welfare {assignment.welfare(instance.pairs):.6g}, "
        f"{time.perf_counter() - started:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
