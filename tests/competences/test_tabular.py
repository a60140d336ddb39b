"""Reading uploaded tables: what a person saving from Excel or LibreOffice notices."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from werkbrug.tabular import TableError, read_table, require_columns

from .files import csv_bytes, xlsx_bytes


def test_a_comma_csv_gives_lower_case_column_names_stripped_values_and_true_line_numbers():
    data = csv_bytes([[" Code ", "Title_NL"], ["LOG-01 ", " Orderpicken"], ["LOG-02", "Laden, lossen"]])
    table = read_table(data, filename="kader.csv")
    assert table.header == ["code", "title_nl"]
    assert [(row.line, row.values) for row in table.rows] == [
        (2, {"code": "LOG-01", "title_nl": "Orderpicken"}),
        (3, {"code": "LOG-02", "title_nl": "Laden, lossen"}),
    ]


def test_a_semicolon_csv_from_flemish_excel_with_a_byte_order_mark_reads_the_same():
    data = "\ufeffcode;title_nl\r\nLOG-01;Orderpicken, met scanner\r\n".encode()
    table = read_table(data, filename="KADER.CSV")
    assert table.header == ["code", "title_nl"]
    assert table.rows[0].values == {"code": "LOG-01", "title_nl": "Orderpicken, met scanner"}


def test_a_semicolon_csv_whose_every_row_holds_a_comma_is_still_read_by_semicolon():
    rows = [["code", "title_nl"]] + [[f"LOG-{n}", f"Laden, lossen {n}"] for n in range(20)]
    table = read_table(csv_bytes(rows, delimiter=";"), filename="k.csv")
    assert table.rows[0].values == {"code": "LOG-0", "title_nl": "Laden, lossen 0"}


def test_a_single_column_file_is_read():
    assert read_table(b"code\nA\nB\n", filename="k.csv").header == ["code"]


def test_blank_rows_are_skipped_but_line_numbers_stay_true():
    data = b"code,title_nl\n\nLOG-01,Orderpicken\n,\n  ,  \nLOG-02,Laden\n"
    assert [row.line for row in read_table(data, filename="k.csv").rows] == [3, 6]


def test_a_cell_over_several_lines_counts_from_the_line_where_its_row_starts():
    data = b'code,description\nA,"one\ntwo\nthree"\nB,four\n'
    assert [row.line for row in read_table(data, filename="k.csv").rows] == [2, 5]


def test_a_latin_1_file_asks_to_save_it_as_csv_utf8_at_the_line_of_the_first_odd_letter():
    data = csv_bytes([["code", "title_nl"], ["A", "Koken"], ["B", "Crème brûlée"]], encoding="latin-1")
    with pytest.raises(TableError) as caught:
        read_table(data, filename="k.csv")
    assert "CSV UTF-8" in caught.value.message
    assert caught.value.line == 3


@pytest.mark.parametrize("data", [b"", b"  \r\n", "\ufeff".encode()], ids=["nothing", "blank", "only-bom"])
def test_an_empty_file_says_so(data):
    with pytest.raises(TableError, match="empty") as caught:
        read_table(data, filename="k.csv")
    assert caught.value.line == 1


def test_column_names_without_rows_is_refused():
    with pytest.raises(TableError, match="no rows"):
        read_table(b"code,title_nl\n\n", filename="k.csv")


@pytest.mark.parametrize("filename", ["kader.xls", "kader.txt", "kader"])
def test_a_file_that_is_not_csv_or_xlsx_is_refused_by_name(filename):
    with pytest.raises(TableError, match=r"\.csv or \.xlsx") as caught:
        read_table(b"code\nA\n", filename=filename)
    assert filename in caught.value.message


def test_every_row_with_more_cells_than_columns_is_reported():
    data = b"code,title_nl\nA,Koken\nB,Laden, lossen\nC,Bakken\nD,Kassa, winkel, rayon\n"
    with pytest.raises(TableError) as caught:
        read_table(data, filename="k.csv")
    assert [line for line, _message in caught.value.problems] == [3, 5]
    assert "double quotes" in caught.value.message


def test_empty_cells_after_the_last_column_are_fine():
    table = read_table(b"code;title_nl;;\nA;Koken;;\nB\n", filename="k.csv")
    assert table.header == ["code", "title_nl"]
    assert [row.values for row in table.rows] == [
        {"code": "A", "title_nl": "Koken"},
        {"code": "B", "title_nl": ""},
    ]


@pytest.mark.parametrize(
    "header, message",
    [
        ("code,Code", "more than once: code"),
        ("code,,title_nl", "Column 2 has no name"),
        (",,", "column names"),
    ],
)
def test_a_header_with_duplicate_or_missing_names_is_refused_at_line_1(header, message):
    with pytest.raises(TableError, match=message) as caught:
        read_table(f"{header}\nA,B,C\n".encode(), filename="k.csv")
    assert caught.value.line == 1


def test_xlsx_whole_numbers_dates_and_blank_rows_read_as_a_person_sees_them():
    data = xlsx_bytes(
        [
            ["Code", "Weight", "Share", "Since", "Core"],
            ["A", 12, 2.5, datetime.date(2026, 9, 1), True],
            [None, None, None, None, None],
            ["B", 3.0, 0.25, datetime.datetime(2026, 9, 1, 8, 30), False],
        ],
        sheets=2,
    )
    table = read_table(data, filename="profiel.xlsx")
    assert table.header == ["code", "weight", "share", "since", "core"]
    assert [(row.line, row.values) for row in table.rows] == [
        (2, {"code": "A", "weight": "12", "share": "2.5", "since": "2026-09-01", "core": "true"}),
        (4, {"code": "B", "weight": "3", "share": "0.25", "since": "2026-09-01T08:30:00", "core": "false"}),
    ]


def test_a_broken_xlsx_is_refused_with_advice():
    with pytest.raises(TableError, match="cannot be opened"):
        read_table(b"code,title\nA,B\n", filename="kader.xlsx")
    with pytest.raises(TableError, match="cannot be opened"):
        read_table(xlsx_bytes([["code"], ["A"]])[:300], filename="kader.xlsx")


def test_an_upload_is_read_from_the_start_even_after_something_read_it():
    upload = SimpleUploadedFile("kader.csv", b"code\nA\n", content_type="text/csv")
    upload.read()
    assert read_table(upload, filename=upload.name).rows[0].values == {"code": "A"}


def test_require_columns_names_every_missing_column_at_line_1():
    table = read_table(b"code,kind\nA,generic\n", filename="k.csv")
    require_columns(table, ["code"], optional=["kind"])
    with pytest.raises(TableError, match="title_nl, title_en are missing") as caught:
        require_columns(table, ["code", "title_nl", "title_en"])
    assert caught.value.line == 1
