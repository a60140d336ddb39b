import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from werkbrug.geo import read_measured
from werkbrug.organisations.models import MeasuredTravelTime

FIELDS = ["from_country", "from_postcode", "to_country", "to_postcode", "mode"]


class Command(BaseCommand):
    help = (
        "Load measured door-to-door travel times (CSV: from_country,from_postcode,to_country,to_postcode,"
        "mode,minutes). Measured times win over estimates everywhere a trip is shown. A bad line stops the "
        "load and nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--replace", action="store_true", help="Remove all measured times first.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args: object, file: Path, replace: bool, dry_run: bool, **options: object) -> None:
        started = time.monotonic()
        try:
            with file.open(encoding="utf-8", newline="") as fh:
                loaded = read_measured(fh)
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}: not UTF-8 ({exc.reason}); save it as CSV UTF-8") from exc
        except (OSError, ValueError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        rows = [
            MeasuredTravelTime(
                from_country=fc,
                from_postcode=fp,
                to_country=tc,
                to_postcode=tp,
                mode=mode.value,
                minutes=minutes,
            )
            for (fc, fp, tc, tp, mode), minutes in loaded.items()
        ]
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"{file}: {len(rows)} travel times are valid; nothing written.")
            )
            return
        with transaction.atomic():
            if replace:
                MeasuredTravelTime.objects.all().delete()
            MeasuredTravelTime.objects.bulk_create(
                rows,
                batch_size=2000,
                update_conflicts=True,
                unique_fields=FIELDS,
                update_fields=["minutes"],
            )
        took = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Loaded {len(rows)} measured travel times in {took:.1f} s."))
