"""How the import commands show an `ImportResult`: what changed, every error with its line, one last line."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from werkbrug.tabular import ImportResult, RowError


def show_result(
    command: BaseCommand, result: ImportResult, *, into: str, verbosity: int, files: bool
) -> None:
    """Print the result; raise CommandError (exit status 1) when the input had errors.

    Changed and removed rows are listed from verbosity 1, created rows from verbosity 2 (an ESCO import
    creates thousands). `files` puts the file name before each error, for imports that read several.
    """
    if not result.ok:
        for error in result.errors:
            command.stderr.write(_where(error, files) + error.message)
        raise CommandError(
            _("Nothing was imported: fix the %(count)s errors above and run the command again.")
            % {"count": len(result.errors)}
        )
    if verbosity >= 2:
        for name in result.created:
            command.stdout.write(_("  created  %(name)s") % {"name": name})
    if verbosity >= 1:
        for name in result.changed:
            command.stdout.write(_("  changed  %(name)s") % {"name": name})
        for name in result.removed:
            command.stdout.write(_("  removed  %(name)s") % {"name": name})
    if verbosity == 0:
        return
    counts = {
        "into": into,
        "created": len(result.created),
        "changed": len(result.changed),
        "removed": len(result.removed),
        "unchanged": result.unchanged,
    }
    if result.dry_run:
        line = _(
            "Dry run, nothing written. %(into)s would get %(created)s created, %(changed)s changed, "
            "%(removed)s removed and %(unchanged)s unchanged."
        )
        command.stdout.write(command.style.WARNING(line % counts))
    else:
        line = _(
            "%(into)s: %(created)s created, %(changed)s changed, %(removed)s removed, "
            "%(unchanged)s unchanged."
        )
        command.stdout.write(command.style.SUCCESS(line % counts))


def _where(error: RowError, files: bool) -> str:
    place = _("line %(line)s") % {"line": error.line} if error.line else ""
    if files and error.file:
        place = f"{error.file} {place}".strip()
    return f"{place}: " if place else ""
