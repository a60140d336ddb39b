from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from werkbrug.competences.importers import framework_import
from werkbrug.competences.management.commands._report import show_result
from werkbrug.competences.models import Framework


class Command(BaseCommand):
    help = (
        "Add and update a framework's competences from a .csv or .xlsx file with the columns "
        "code, kind, title_nl, title_en, description_nl, description_en. Competences not in the file are "
        "kept. Nothing is written when any line has an error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("framework_code", help="The framework's code, e.g. bk-logistiek.")
        parser.add_argument("file", type=Path, help="A .csv (UTF-8, ; or ,) or .xlsx file.")
        parser.add_argument("--name", help="Create the framework with this name when it does not exist yet.")
        parser.add_argument(
            "--kind",
            choices=Framework.Kind.values,
            default=Framework.Kind.REGIONAL,
            help="The kind of a new framework (default: regional).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(
        self,
        *args: object,
        framework_code: str,
        file: Path,
        name: str | None,
        kind: str,
        dry_run: bool,
        **options: object,
    ) -> None:
        verbosity = int(options["verbosity"])
        framework = Framework.objects.filter(code=framework_code).first()
        if framework is None:
            framework = self._new_framework(framework_code, name, kind)
        elif name and verbosity:
            self.stdout.write(self.style.NOTICE(_("The framework exists; --name and --kind are not used.")))
        if not file.is_file():
            raise CommandError(_("There is no file %(file)s.") % {"file": file})
        with file.open("rb") as handle:
            result = framework_import(framework=framework, file=handle, filename=file.name, dry_run=dry_run)
        show_result(self, result, into=framework_code, verbosity=verbosity, files=False)

    def _new_framework(self, code: str, name: str | None, kind: str) -> Framework:
        if not name:
            raise CommandError(
                _("There is no framework with the code %(code)s. Give --name (and --kind) to create it.")
                % {"code": code}
            )
        framework = Framework(code=code, name=name, kind=kind)
        try:
            framework.full_clean()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        return framework
