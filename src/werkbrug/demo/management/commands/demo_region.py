import sys
import time

from auditlog.context import disable_auditlog
from django.contrib.auth.hashers import check_password, make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext
from tqdm import tqdm

from werkbrug.demo.builder import build_region
from werkbrug.demo.cast import DEMO_PASSWORD, EXTRA_ROLES, LOGINS, DemoLogin
from werkbrug.demo.context import Demo
from werkbrug.demo.employers import expected_workplaces
from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation, Programme
from werkbrug.people.models import Role, User
from werkbrug.placements.models import Workplace
from werkbrug.trajectories.models import Trajectory

__all__ = ["DEMO_PASSWORD", "EXTRA_ROLES", "LOGINS", "Command", "DemoLogin"]

DEFAULT_LEARNERS = 300
EDUCATION = [Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE, Organisation.Kind.PUBLIC_SERVICE]


class Command(BaseCommand):
    help = (
        "Build (or refresh) the demo region Limburg: schools and their programmes, employers with "
        "workplaces and mentors, learners and their trajectories, and one login per role. Safe to run "
        "again: the same seed gives the same region, and what is there is reused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same region (default 1).")
        parser.add_argument(
            "--learners",
            type=int,
            default=DEFAULT_LEARNERS,
            help=f"Learners besides the demo learner (default {DEFAULT_LEARNERS}).",
        )
        parser.add_argument(
            "--workplaces", type=int, help="Workplaces in the region (default: one per learner)."
        )
        parser.add_argument("--without-esco", action="store_true", help="Do not load the ESCO subset.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be made; change nothing.")

    def handle(
        self,
        *args: object,
        seed: int,
        learners: int,
        workplaces: int | None,
        without_esco: bool,
        dry_run: bool,
        **options: object,
    ) -> None:
        if learners < 0 or (workplaces is not None and workplaces < 0):
            raise CommandError("--learners and --workplaces cannot be negative.")
        workplaces = expected_workplaces(learners) if workplaces is None else workplaces
        self.verbosity, self._done = int(options["verbosity"]), 0
        started = time.perf_counter()
        bar = tqdm(
            total=learners + workplaces,
            unit="",
            file=sys.stderr,
            disable=True if self.verbosity == 0 else None,  # None: only on a terminal
            dynamic_ncols=True,
        )
        with bar, disable_auditlog(), transaction.atomic():
            demo = build_region(
                seed=seed,
                learners=learners,
                workplaces=workplaces,
                esco=not without_esco,
                password_hash=self._password_hash(),
                progress=lambda what, done: self._step(bar, what, done),
            )
            summary = self._summary(demo)
            if dry_run:
                transaction.set_rollback(True)
        if self.verbosity == 0:
            return
        seconds = time.perf_counter() - started
        verb = "Would build" if dry_run else "Built"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the demo region Limburg (seed {seed}) in {seconds:.1f} s: {summary}.")
        )
        if not dry_run:
            self._print_logins()

    def _password_hash(self) -> str:
        """Hashing is slow on purpose and every demo login has the same password: hash it once, or
        reuse the hash a previous run stored, so a rebuild leaves the accounts untouched."""
        stored = User.objects.filter(email=LOGINS[0].email).values_list("password", flat=True).first()
        if stored and check_password(DEMO_PASSWORD, stored):
            return stored
        return make_password(DEMO_PASSWORD)

    def _step(self, bar: tqdm, what: str, done: int) -> None:
        self._done += done
        bar.set_description(what, refresh=False)
        bar.update(done)
        if self.verbosity > 1 and bar.disable:  # no bar on a pipe or in a log: a line per step instead
            self.stdout.write(f"  {what}: {self._done:,} of {bar.total:,} workplaces and learners")

    def _summary(self, demo: Demo) -> str:
        region = demo.region
        counts = {
            "learners": LearnerProfile.objects.filter(school__region=region).count(),
            "trajectories": Trajectory.objects.filter(learner__school__region=region).count(),
            "workplaces": Workplace.objects.filter(employer__region=region).count(),
            "employers": Organisation.objects.filter(region=region, kind=Organisation.Kind.EMPLOYER).count(),
            "schools": Organisation.objects.filter(region=region, kind__in=EDUCATION).count(),
            "programmes": Programme.objects.filter(school__region=region).count(),
        }
        written = demo.counts
        return (
            f"{counts['learners']:,} learners ({counts['trajectories']:,} trajectories), "
            f"{counts['workplaces']:,} workplaces at "
            f"{counts['employers']:,} employers, {counts['schools']} schools and centres with "
            f"{counts['programmes']} programmes ({written.created:,} rows created, {written.updated:,} "
            f"updated, {written.removed:,} removed)"
        )

    def _print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for login in LOGINS:
            label = gettext("Platform staff") if login.role == "staff" else Role(login.role).label
            self.stdout.write(f"  {label!s:<24} {login.email}")
