"""Build the files people upload, in the tests themselves: CSV as Excel saves it, and real .xlsx workbooks."""

import csv
import io
import math

from django.db import connection, models
from openpyxl import Workbook

from werkbrug.competences.importers import BATCH


def csv_bytes(rows: list[list[object]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], *, sheets: int = 1) -> bytes:
    workbook = Workbook()
    workbook.active.title = "Blad1"
    for row in rows:
        workbook.active.append(row)
    for n in range(1, sheets):
        workbook.create_sheet(f"Blad{n + 1}").append(["something", "else"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def insert_queries(model: type[models.Model], rows: int) -> int:
    """How many INSERTs a bulk_create of `rows` takes: the database caps the rows per query (SQLite: 999
    parameters), so this grows with the rows, but a hundred times slower than one query per row."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    per_query = min(BATCH, connection.ops.bulk_batch_size(fields, [None] * rows))
    return math.ceil(rows / per_query)
