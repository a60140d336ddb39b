"""Read the tables people upload (CSV from Excel or LibreOffice, or an .xlsx workbook) into plain rows.

Every row keeps the line number the person sees: in a text editor for CSV, the row number in Excel for
.xlsx. The column names are on line 1. Errors are `TableError`s with a translated message and that line;
line 0 means the file as a whole.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePath
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SUFFIXES = (".csv", ".xlsx")


class TableError(Exception):
    """A file that cannot be read as a table. `line` is the line the person should look at (0: the file)."""

    def __init__(self, message: str, line: int = 0, *, more: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.more = list(more)

    @property
    def problems(self) -> list[tuple[int, str]]:
        """Every (line, message) found, this one first: some problems are worth reporting all at once."""
        return [(self.line, self.message), *self.more]


@dataclass(frozen=True)
class Row:
    """One non-blank row; `row["column"]` is "" for a column the file does not have."""

    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Table:
    header: list[str]
    rows: list[Row]


def read_table(file: IO[bytes] | bytes, *, filename: str) -> Table:
    """Read a .csv (UTF-8, `;` or `,`) or .xlsx upload into its header and non-blank rows.

    Accepts bytes, a binary file or a Django `UploadedFile`; the file name only decides the format.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise TableError(
            _("%(name)s is not a file we can read: upload a .csv or .xlsx file.") % {"name": filename}
        )
    data = _bytes_of(file)
    if not data.strip():
        raise TableError(_("The file is empty."), 1)
    cells = _csv_cells(data) if suffix == ".csv" else _xlsx_cells(data)
    return _table(cells)


def require_columns(table: Table, required: Sequence[str], optional: Sequence[str] = ()) -> None:
    """Refuse a table that misses a required column (at line 1, naming them all).

    Optional columns that are absent are not an error; callers tell "absent" from "empty" by `table.header`.
    """
    missing = [column for column in required if column not in table.header]
    if missing:
        expected = ", ".join([*required, *optional])
        raise TableError(
            ngettext(
                "The column %(columns)s is missing. The first line names the columns: %(expected)s.",
                "The columns %(columns)s are missing. The first line names the columns: %(expected)s.",
                len(missing),
            )
            % {"columns": ", ".join(missing), "expected": expected},
            1,
        )


def _bytes_of(file: IO[bytes] | bytes) -> bytes:
    if isinstance(file, bytes | bytearray | memoryview):
        return bytes(file)
    if getattr(file, "seekable", lambda: False)():
        file.seek(0)  # an upload may already have been read, e.g. by a form's validation
    return file.read()


def _csv_cells(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            _(
                "The file is not in UTF-8, so letters such as é or ë would come out wrong. In Excel choose "
                "Save as, then the type 'CSV UTF-8 (comma delimited)', or upload the .xlsx file."
            ),
            data[: exc.start].count(b"\n") + 1,
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(_("This line cannot be read: %(error)s") % {"error": exc}, start) from exc


def _delimiter(text: str) -> str:
    """`;` (what Flemish and Dutch Excel writes) or `,`, decided on line 1.

    Column names hold neither, while texts in the rows often hold the other one on every line, which
    misleads a sniffer that looks at the rows too.
    """
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=";,").delimiter
    except csv.Error:
        return ","  # a single column


def _xlsx_cells(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # only for .xlsx uploads; keeps start-up light

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some writers store wrong dimensions; read what is really there
            rows = [list(values) for values in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError, SyntaxError) as exc:
        # SyntaxError covers xml.etree's ParseError; a damaged workbook can fail in any of these ways.
        raise TableError(
            _(
                "This .xlsx file cannot be opened. Open it in Excel and save it again, "
                "or save it as CSV UTF-8."
            )
        ) from exc
    for number, values in enumerate(rows, start=1):
        yield number, [_cell_text(value) for value in values]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _table(cells: Iterable[tuple[int, list[str]]]) -> Table:
    lines = iter(cells)
    first = next(lines, None)
    if first is None:
        raise TableError(_("The file is empty."), 1)
    header = _header([cell.strip().lower() for cell in first[1]])
    rows: list[Row] = []
    too_long: list[tuple[int, str]] = []
    for line, values in lines:
        values = [value.strip() for value in values]
        if not any(values):
            continue
        extra = values[len(header) :]
        if any(extra):
            too_long.append((line, _too_many_cells(len(header) + _filled(extra), len(header))))
            continue
        values += [""] * (len(header) - len(values))
        rows.append(Row(line=line, values=dict(zip(header, values, strict=False))))
    if too_long:
        (line, message), *more = too_long
        raise TableError(message, line, more=more)
    if not rows:
        raise TableError(_("The file has column names but no rows below them."), 1)
    return Table(header=header, rows=rows)


def _filled(extra: list[str]) -> int:
    """How many of the surplus cells count: up to the last one that holds something."""
    return max(i + 1 for i, value in enumerate(extra) if value)


def _too_many_cells(count: int, columns: int) -> str:
    return _(
        "This line has %(count)s cells but line 1 names only %(columns)s columns. "
        "Put text that holds a comma or semicolon between double quotes."
    ) % {"count": count, "columns": columns}


def _header(names: list[str]) -> list[str]:
    while names and not names[-1]:
        names.pop()  # spreadsheets often carry empty columns at the end
    if not names:
        raise TableError(_("The first line must hold the column names."), 1)
    for position, name in enumerate(names, start=1):
        if not name:
            raise TableError(
                _("Column %(position)s has no name.") % {"position": position},
                1,
            )
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise TableError(
            _("These columns are named more than once: %(columns)s.") % {"columns": ", ".join(duplicates)},
            1,
        )
    return names


# -- What every importer reports ------------------------------------------------------------------------

TableFile = IO[bytes] | bytes  # a Django UploadedFile is a binary file too


@dataclass
class RowError:
    line: int  # as the person sees it in their editor or Excel; 1 is the column names, 0 the whole file
    message: str
    file: str = ""


@dataclass
class ImportResult:
    """What an import did, or in a dry run would do; with any error, only the errors (nothing written)."""

    dry_run: bool
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # "LOG-01: title (Dutch), kind"
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_checked(
    file: TableFile | Path,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str],
    errors: list[RowError],
) -> Table | None:
    """The table with its required columns, or None after adding why it cannot be read to `errors`."""
    try:
        table = read_table(file.read_bytes() if isinstance(file, Path) else file, filename=filename)
        require_columns(table, required, optional)
    except TableError as exc:
        errors += [RowError(line, message, filename) for line, message in exc.problems]
        return None
    return table


def apply(instance: object, values: dict[str, object]) -> list[str]:
    """Set the values (by attribute name) on the instance; return the names of those that changed."""
    diff = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in diff:
        setattr(instance, name, values[name])
    return diff
