"""Benchmarks of werkbrug's pages, on a throw-away SQLite database. Figures and targets: bench/README.md.

make bench                    # or: .venv/bin/python bench/run.py --learners 2000 --requests 100
"""

import argparse
import os
import statistics
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
}


def _setup(workdir: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "werkbrug.settings",
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "HTTPS": "false",
            "STATIC_MANIFEST": "false",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(workdir),
        }
    )
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=500, help="learners at the demo school")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    args = parser.parse_args()

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
        call_command("demo_region", "--learners", str(args.learners), verbosity=0)
        built = time.perf_counter() - started
        print(f"demo_region with {args.learners} learners: {built:.1f} s")
        print()
        print(f"| page (role) | median ms | p95 ms | queries |  ({args.requests} requests each)")
        print("|---|---:|---:|---:|")
        learner = LearnerProfile.objects.get(user__email=ROLES["learner"])
        pages = [(f"home ({role})", email, "/") for role, email in ROLES.items()]
        pages.append(("learner file (coach)", ROLES["coach"], learner.get_absolute_url()))
        for label, email, url in pages:
            client = Client()
            client.force_login(User.objects.get(email=email))
            client.get(url)  # warm up
            timings = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (label, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(f"| {label} | {statistics.median(timings):.1f} | {p95:.1f} | {len(queries)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
