"""Benchmarks of werkbrug, each on a throw-away database. Figures and targets: bench/README.md.

make bench                       # or: .venv/bin/python bench/run.py --learners 3000 --requests 100
.venv/bin/python bench/run.py --large          # also the 50,000-learner demo region (a minute or so)
.venv/bin/python bench/run.py --only region    # only the demo region builds
.venv/bin/python bench/run.py --only matching  # only the matching engine (bench/matching.py)

Three benchmarks:
- demo region: `werkbrug demo_region` builds 3,000 learners (and with --large 50,000 learners with 20,000
  workplaces) on a fresh SQLite file, each in its own process so its peak memory is its own. With
  DATABASE_URL set to a PostgreSQL server, each build also runs on a fresh database created there (and
  dropped afterwards).
- pages: the home page of each role and a learner's file, on a demo region of --learners learners.
- matching: the allocation of the matching engine (stable and optimal) from 1,000 to 200,000 learners,
  its file command, and the `matching` package as a reference (bench/matching.py); candidates and scores
  for a whole region and one learner's suggestions (bench/candidates.py); no database.
"""

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLES = {
    "learner": "leerling@werkbrug.test",
    "parent": "ouder@werkbrug.test",
    "mentor": "mentor@werkbrug.test",
    "coach": "coach@werkbrug.test",
    "coordinator": "coordinator@werkbrug.test",
    "org_admin": "admin@werkbrug.test",
    "jobhunter": "jobhunter@werkbrug.test",
    "peer_coach": "peercoach@werkbrug.test",
}
REGIONS = [(3_000, None, 60)]  # (learners, workplaces or the default, target in seconds)
LARGE_REGIONS = [(50_000, 20_000, 600)]


def _setup(workdir: Path, database_url: str | None = None) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "werkbrug.settings",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "HTTPS": "false",
            "STATIC_MANIFEST": "false",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
            "TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(workdir),
        }
    )
    import django

    django.setup()


# -- Demo region --------------------------------------------------------------------------------------


def build_region(learners: int, workplaces: int | None, database_url: str) -> dict:
    """In a fresh process: migrate, then time `demo_region`. Returns the figures as a dict."""
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp), database_url)
        from django.core.management import call_command

        from werkbrug.learners.models import LearnerProfile
        from werkbrug.placements.models import Workplace

        call_command("migrate", verbosity=0)
        size = ["--learners", str(learners)] + (["--workplaces", str(workplaces)] if workplaces else [])
        started = time.perf_counter()
        call_command("demo_region", *size, verbosity=0)
        seconds = time.perf_counter() - started
        return {
            "seconds": seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KiB on Linux
            "learners": LearnerProfile.objects.count(),
            "workplaces": Workplace.objects.count(),
        }


def _region_in_child(learners: int, workplaces: int | None, database_url: str) -> dict:
    command = [sys.executable, __file__, "--child-region", json.dumps([learners, workplaces, database_url])]
    done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603 - our own script
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fresh_postgres(url: str, name: str) -> str:
    """Create the database `name` on the server of `url`; return its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


def _drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def region_benchmark(large: bool) -> None:
    sizes = REGIONS + (LARGE_REGIONS if large else [])
    postgres = os.environ.get("DATABASE_URL", "")
    databases = ["SQLite"] + (["PostgreSQL"] if postgres.startswith(("postgres://", "postgresql://")) else [])
    print("| demo region | database | seconds | peak memory MB | target |")
    print("|---|---|---:|---:|---|")
    for learners, workplaces, target in sizes:
        for database in databases:
            with tempfile.TemporaryDirectory() as tmp:
                if database == "SQLite":
                    sqlite = f"sqlite:///{Path(tmp) / 'region.sqlite3'}"
                    figures = _region_in_child(learners, workplaces, sqlite)
                else:
                    name = f"werkbrug_bench_{os.getpid()}"
                    try:
                        figures = _region_in_child(learners, workplaces, _fresh_postgres(postgres, name))
                    finally:
                        _drop_postgres(postgres, name)
            verdict = "met" if figures["seconds"] <= target else "MISSED"
            print(
                f"| {figures['learners']:,} learners, {figures['workplaces']:,} workplaces | {database} "
                f"| {figures['seconds']:.1f} | {figures['peak_mb']:.0f} | ≤ {target} s, {verdict} |",
                flush=True,
            )


# -- Pages --------------------------------------------------------------------------------------------


def pages_benchmark(learners: int, requests: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp))
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment

        from werkbrug.learners.models import LearnerProfile
        from werkbrug.people.models import User

        setup_test_environment()
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        call_command("demo_region", "--learners", str(learners), verbosity=0)
        built = time.perf_counter() - started
        learner = LearnerProfile.objects.select_related("school").get(user__email=ROLES["learner"])
        at_school = LearnerProfile.objects.filter(school=learner.school).count()
        print(f"demo_region with {learners} learners ({at_school} at the coach's school): {built:.1f} s")
        print()
        print(f"| page (role) | median ms | p95 ms | queries |  ({requests} requests each)")
        print("|---|---:|---:|---:|")
        pages = [(f"home ({role})", email, "/") for role, email in ROLES.items()]
        pages.append(("learner file (coach)", ROLES["coach"], learner.get_absolute_url()))
        pages.append(
            ("suggested workplaces (coach)", ROLES["coach"], f"/register/learners/{learner.pk}/suggestions/")
        )
        employer_admin = User.objects.get(email=ROLES["org_admin"])
        workplace = employer_admin.memberships.first().organisation.workplaces.order_by("pk").first()
        pages.append(
            (
                "candidates, blind (employer admin)",
                ROLES["org_admin"],
                f"/register/workplaces/{workplace.pk}/candidates/",
            )
        )
        pages.append(("gap map (coordinator)", ROLES["coordinator"], "/register/gaps/"))
        pages += _trajectory_pages()
        for label, email, url in pages:
            client = Client()
            client.force_login(User.objects.get(email=email))
            client.get(url)  # warm up
            timings = []
            for _ in range(requests):
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(f"| {label} | {statistics.median(timings):.1f} | {p95:.1f} | {len(queries)} |")


def _trajectory_pages() -> list[tuple[str, str, str]]:
    """The trajectory pages of the demo coach's busiest trajectory, the caseload and the region's list."""
    from django.db.models import Count

    from werkbrug.trajectories.models import Trajectory

    coach = ROLES["coach"]
    busiest = (
        Trajectory.objects.filter(coach__email=coach)
        .annotate(n=Count("evaluations"))
        .order_by("-n", "pk")
        .first()
    )
    pages = [("caseload (coach)", coach, "/trajectories/caseload/")]
    pages.append(("trajectories by status (coordinator)", ROLES["coordinator"], "/trajectories/"))
    if busiest is not None:
        base = f"/trajectories/{busiest.pk}"
        pages += [
            ("trajectory (coach)", coach, f"{base}/"),
            ("training plan (coach)", coach, f"{base}/plan/"),
            ("evaluations side by side (coach)", coach, f"{base}/evaluations/"),
            ("progress review (coach)", coach, f"{base}/review/"),
            ("who did what (coach)", coach, f"{base}/timeline/"),
            ("people and terms (coach)", coach, f"{base}/change/"),
        ]
    return pages


# -- Matching engine -------------------------------------------------------------------------------


def matching_benchmark() -> None:
    # Loaded by path: as `matching` it would hide the `matching` package the benchmark compares with.
    spec = importlib.util.spec_from_file_location("bench_matching", Path(__file__).with_name("matching.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.benchmark()
    print()
    candidates = importlib.util.spec_from_file_location(
        "bench_candidates", Path(__file__).with_name("candidates.py")
    )
    module = importlib.util.module_from_spec(candidates)
    candidates.loader.exec_module(module)
    module.main([])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=3000, help="learners in the region for the pages")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    parser.add_argument("--large", action="store_true", help="also build the 50,000-learner region")
    parser.add_argument("--only", choices=["region", "pages", "matching"], help="run one benchmark only")
    parser.add_argument("--child-region", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child_region:
        print(json.dumps(build_region(*json.loads(args.child_region))))
        return 0
    if args.only in (None, "region"):
        region_benchmark(args.large)
        print()
    if args.only in (None, "pages"):
        pages_benchmark(args.learners, args.requests)
        print()
    if args.only in (None, "matching"):
        matching_benchmark()
    return 0


if __name__ == "__main__":
    sys.exit(main())
