from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from werkbrug.competences.importers import profile_import
from werkbrug.competences.management.commands._report import show_result
from werkbrug.organisations.models import Programme


class Command(BaseCommand):
    help = (
        "Replace a programme's competence profile by a .csv or .xlsx file with the columns "
        "framework, competence, core, weight, target_level. Lines not in the file are removed. "
        "Nothing is written when any line has an error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("programme_id", type=int, help="The programme's id (see the admin site).")
        parser.add_argument("file", type=Path, help="A .csv (UTF-8, ; or ,) or .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args: object, programme_id: int, file: Path, dry_run: bool, **options: object) -> None:
        programme = Programme.objects.filter(pk=programme_id).first()
        if programme is None:
            raise CommandError(_("There is no programme with the id %(id)s.") % {"id": programme_id})
        if not file.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        with file.open("rb") as handle:
            result = profile_import(programme=programme, file=handle, filename=file.name, dry_run=dry_run)
        show_result(self, result, into=str(programme), verbosity=int(options["verbosity"]), files=False)
