"""The files of `python -m werkbrug.matching allocate`: read pairs and capacities, write the assignment.

pairs.csv has the header `learner_id,workplace_id,learner_rank,workplace_rank,score` and one row per
acceptable pair (rank 1 = most preferred); capacities.csv has `workplace_id,capacity`. Both are CSV in
UTF-8; ids are any non-empty text. Learners are numbered in order of first appearance in pairs.csv,
workplaces in the order of capacities.csv; those numbers break ties between equal ranks.

A bad file raises `FileError` with one message naming the file and the first bad line. A good file
takes one fast read (pandas' C parser with typed columns); only a bad one is read again as text to
find that first bad line, and its line number is counted by the csv module, so blank lines and
quoted line breaks do not throw it off.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .allocation import Assignment
from .pairs import Pairs

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "CAPACITY_COLUMNS",
    "PAIRS_COLUMNS",
    "FileError",
    "Instance",
    "read_instance",
    "write_assignment",
]

PAIRS_COLUMNS = ("learner_id", "workplace_id", "learner_rank", "workplace_rank", "score")
CAPACITY_COLUMNS = ("workplace_id", "capacity")
ASSIGNMENT_COLUMNS = ("learner_id", "workplace_id")
_MAX_RANK = 2**31 - 1  # ranks are stored as int32
_MAX_CAPACITY = 2**62


class FileError(Exception):
    """A file that cannot be used; the message names the file and, where there is one, the line."""


@dataclass(frozen=True, eq=False)
class Instance:
    """The two files by index: learner i is `learner_ids[i]`, workplace j is `workplace_ids[j]`."""

    learner_ids: np.ndarray  # object: str, in order of first appearance in pairs.csv
    workplace_ids: np.ndarray  # object: str, in the order of capacities.csv
    pairs: Pairs
    capacity: np.ndarray  # int64, one per workplace


@dataclass(frozen=True)
class _Problem:
    row: int  # the 0-based data row; its line number is counted only when the message is made
    message: str
    first_row: int | None = None  # for a repeat: the row it repeats


def read_instance(pairs_path: str | os.PathLike, capacities_path: str | os.PathLike) -> Instance:
    """Read and check both files; FileError with the first problem found."""
    pairs_file = _Table(pairs_path, PAIRS_COLUMNS)
    capacities_file = _Table(capacities_path, CAPACITY_COLUMNS)
    pairs_frame = pairs_file.read({"learner_rank": np.int64, "workplace_rank": np.int64, "score": np.float64})
    learner, learner_ids = _factorize(pairs_frame["learner_id"])
    workplace, pair_workplace_ids = _factorize(pairs_frame["workplace_id"])
    pairs_file.check(_pair_problems(pairs_frame, learner, learner_ids, workplace, pair_workplace_ids))

    capacity_frame = capacities_file.read({"capacity": np.int64})
    capacities_file.check(_capacity_problems(capacity_frame))
    workplace_ids = capacity_frame["workplace_id"].to_numpy(dtype=object)
    capacity = _numbers(capacity_frame["capacity"]).astype(np.int64)

    import pandas as pd

    index_of = pd.Index(workplace_ids).get_indexer(pair_workplace_ids)
    unknown = np.flatnonzero(index_of < 0)
    if len(unknown):
        row = int(np.argmax(np.isin(workplace, unknown)))
        missing = f'workplace "{pair_workplace_ids[workplace[row]]}" is not in {capacities_file.label}'
        pairs_file.check([_Problem(row, missing)])
    pairs = Pairs(
        learner=learner.astype(np.int32),
        workplace=index_of[workplace].astype(np.int32),
        learner_rank=_numbers(pairs_frame["learner_rank"]).astype(np.int32),
        workplace_rank=_numbers(pairs_frame["workplace_rank"]).astype(np.int32),
        score=_numbers(pairs_frame["score"]),
        minutes=np.full(len(pairs_frame), -1, dtype=np.int32),
    )
    return Instance(learner_ids=learner_ids, workplace_ids=workplace_ids, pairs=pairs, capacity=capacity)


def write_assignment(path: str | os.PathLike, instance: Instance, assignment: Assignment) -> None:
    """One row per learner of pairs.csv, in order of first appearance; empty workplace_id when unmatched."""
    workplace_ids = np.append(instance.workplace_ids, "")  # index -1 reads the empty id
    try:
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(ASSIGNMENT_COLUMNS)
            writer.writerows(zip(instance.learner_ids, workplace_ids[assignment.workplace_of], strict=True))
    except OSError as error:
        raise FileError(f"{path}: cannot write the file: {error.strerror}") from error


# -- Reading one table ---------------------------------------------------------------------------------


class _Table:
    """One CSV file with a fixed set of columns, read fast, with line numbers for its problems."""

    def __init__(self, path: str | os.PathLike, columns: tuple[str, ...]) -> None:
        self.path, self.columns = Path(path), columns
        self.label = str(path)

    def fail(self, message: str, line: int | None = None) -> FileError:
        where = self.label if line is None else f"{self.label}, line {line}"
        return FileError(f"{where}: {message}")

    def read(self, numeric: dict[str, type]):
        """The table as a DataFrame: typed numeric columns when they all parse, else all text."""
        import pandas as pd

        self.check_header()
        options = {"keep_default_na": False, "na_filter": False, "encoding": "utf-8-sig", "engine": "c"}
        try:
            return pd.read_csv(self.path, dtype={c: numeric.get(c, object) for c in self.columns}, **options)
        except (ValueError, pd.errors.ParserError):
            pass  # a cell that is not a number, a line with too many cells or bytes that are not UTF-8
        try:
            return pd.read_csv(self.path, dtype=object, **options)
        except (ValueError, pd.errors.ParserError) as error:
            self.check_cells()
            raise self.fail(f"cannot read the file: {error}") from error

    def check_header(self) -> None:
        expected = ",".join(self.columns)
        try:
            header = next(self.records(), None)
        except OSError as error:
            if isinstance(error, FileNotFoundError):
                raise self.fail("no such file") from error
            raise self.fail(f"cannot read the file: {error.strerror}") from error
        if header is None:
            raise self.fail(f"the file is empty; expected the header {expected}")
        line, names = header
        for name in names:
            if name not in self.columns:
                raise self.fail(f'unknown column "{name}"; expected the header {expected}', line)
            if names.count(name) > 1:
                raise self.fail(f'the column "{name}" appears twice', line)
        for name in self.columns:
            if name not in names:
                raise self.fail(f'the column "{name}" is missing; expected the header {expected}', line)

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of every non-blank record, the header first, as pandas sees them."""
        with open(self.path, newline="", encoding="utf-8-sig") as text:
            reader = csv.reader(text)
            try:
                for cells in reader:
                    if cells:
                        yield reader.line_num, cells
            except UnicodeDecodeError as error:
                raise self.fail("not UTF-8 text", self.undecodable_line()) from error
            except csv.Error as error:
                raise self.fail(f"cannot read the file: {error}", reader.line_num) from error

    def undecodable_line(self) -> int | None:
        data = self.path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            return data.count(b"\n", 0, error.start) + 1
        return None

    def check_cells(self) -> None:
        """FileError on the first line whose number of cells differs from the header's."""
        for line, cells in self.records():
            if len(cells) != len(self.columns):
                raise self.fail(f"expected {len(self.columns)} cells, got {len(cells)}", line)

    def locate(self, rows: set[int]) -> dict[int, tuple[int, int]]:
        """The line number and the number of cells of each data row in `rows` (0-based)."""
        found, last = {}, max(rows)
        for index, (line, cells) in enumerate(self.records(), start=-1):
            if index in rows:
                found[index] = (line, len(cells))
            if index >= last:
                break
        return found

    def check(self, problems: list[_Problem]) -> None:
        """FileError on the problem of the first row, if any; a row with too few cells says so instead."""
        if not problems:
            return
        problem = min(problems, key=lambda p: p.row)  # min() keeps the first of equal rows
        where = self.locate({problem.row} | ({problem.first_row} - {None}))
        line, cells = where[problem.row]
        if cells != len(self.columns):
            raise self.fail(f"expected {len(self.columns)} cells, got {cells}", line)
        message = problem.message
        if problem.first_row is not None:
            message += f" (first on line {where[problem.first_row][0]})"
        raise self.fail(message, line)


# -- Checks, column by column, each giving its first bad row --------------------------------------------


def _factorize(column) -> tuple[np.ndarray, np.ndarray]:
    import pandas as pd

    codes, uniques = pd.factorize(column.to_numpy(dtype=object))
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _numbers(column) -> np.ndarray:
    """The column as float64 (int64 for whole-number columns), NaN where a cell is not a number."""
    import pandas as pd

    if column.dtype.kind in "iuf":
        return column.to_numpy()
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64)


def _first(bad: np.ndarray) -> int | None:
    return int(np.argmax(bad)) if bad.any() else None


def _empty_id(name: str, codes: np.ndarray, uniques: np.ndarray) -> list[_Problem]:
    empty = np.flatnonzero(uniques == "")
    if not len(empty):
        return []
    return [_Problem(int(np.argmax(codes == empty[0])), f"{name} is empty")]


def _whole_numbers(frame, name: str, low: int, high: int) -> list[_Problem]:
    values = _numbers(frame[name])
    good = (values >= low) & (values <= high)
    if values.dtype.kind == "f":
        good &= values == np.floor(values)
    row = _first(~good)
    if row is None:
        return []
    return [_Problem(row, f'{name} must be a whole number of at least {low}, got "{frame[name].iloc[row]}"')]


def _pair_problems(
    frame, learner: np.ndarray, learner_ids: np.ndarray, workplace: np.ndarray, workplace_ids: np.ndarray
) -> list[_Problem]:
    problems = _empty_id("learner_id", learner, learner_ids)
    problems += _empty_id("workplace_id", workplace, workplace_ids)
    problems += _whole_numbers(frame, "learner_rank", 1, _MAX_RANK)
    problems += _whole_numbers(frame, "workplace_rank", 1, _MAX_RANK)
    row = _first(~np.isfinite(_numbers(frame["score"])))
    if row is not None:
        problems.append(_Problem(row, f'score must be a number, got "{frame["score"].iloc[row]}"'))
    row = _first_repeat(learner * max(len(workplace_ids), 1) + workplace)
    if row is not None:
        first = int(np.argmax((learner == learner[row]) & (workplace == workplace[row])))
        pair = f'learner "{learner_ids[learner[row]]}" and workplace "{workplace_ids[workplace[row]]}"'
        problems.append(_Problem(row, f"{pair} are paired twice", first_row=first))
    return problems


def _capacity_problems(frame) -> list[_Problem]:
    codes, uniques = _factorize(frame["workplace_id"])
    problems = _empty_id("workplace_id", codes, uniques)
    problems += _whole_numbers(frame, "capacity", 0, _MAX_CAPACITY)
    row = _first_repeat(codes)
    if row is not None:
        first = int(np.argmax(codes == codes[row]))
        problems.append(_Problem(row, f'workplace "{uniques[codes[row]]}" is listed twice', first_row=first))
    return problems


def _first_repeat(keys: np.ndarray) -> int | None:
    """The first row whose key an earlier row has too."""
    import pandas as pd

    ordered = np.sort(keys, kind="stable")  # near-linear on rows grouped by learner, as files mostly are
    if not np.any(ordered[1:] == ordered[:-1]):
        return None
    return _first(pd.Series(keys).duplicated().to_numpy())
