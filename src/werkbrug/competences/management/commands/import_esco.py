from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from werkbrug.competences.importers import ESCO_FILES, esco_import
from werkbrug.competences.management.commands._report import show_result

REQUIRED = ("skills", "occupations", "relations")


class Command(BaseCommand):
    help = (
        "Import ESCO (the v1.1 CSV download) into the framework 'esco': skills_en.csv, occupations_en.csv "
        "and occupationSkillRelations_en.csv from the folder, plus labels_nl.csv (conceptUri, "
        "preferredLabel_nl) when it is there. Nothing is written when any line has an error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "folder", metavar="dir", type=Path, help="The folder with the unpacked ESCO CSV files."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args: object, folder: Path, dry_run: bool, **options: object) -> None:
        verbosity = int(options["verbosity"])
        paths = {key: folder / name for key, name in ESCO_FILES.items()}
        missing = [paths[key].name for key in REQUIRED if not paths[key].is_file()]
        if missing:
            raise CommandError(
                _("The folder %(dir)s lacks %(files)s.") % {"dir": folder, "files": ", ".join(missing)}
            )
        if verbosity >= 1:
            self.stdout.write(_("Reading the ESCO files in %(dir)s ...") % {"dir": folder})
        result = esco_import(
            skills=paths["skills"],
            occupations=paths["occupations"],
            relations=paths["relations"],
            labels_nl=paths["labels_nl"] if paths["labels_nl"].is_file() else None,
            dry_run=dry_run,
        )
        show_result(self, result, into="ESCO", verbosity=verbosity, files=True)
