"""Importing a framework's competences from a file, as a coordinator uploading Excel notices it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from werkbrug.competences.importers import framework_import
from werkbrug.competences.models import Competence, Framework

from ..factories import CompetenceFactory, FrameworkFactory
from .files import csv_bytes, insert_queries, xlsx_bytes

HEADER = ["code", "kind", "title_nl", "title_en", "description_nl", "description_en"]
GOOD = [
    HEADER,
    ["LOG-01", "occupational", "Orderpicken", "Order picking", "Pakt orders met de scanner.", ""],
    ["LOG-02", "", "Laden en lossen", "Loading and unloading", "", ""],
    ["GEN-01", "Generic", "Op tijd komen", "", "", ""],
    ["NL-01", "language", "", "Dutch at work", "", ""],
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return FrameworkFactory(code="bk-logistiek", name="Logistiek medewerker")


def run(framework, rows, *, dry_run=False, filename="kader.csv", **csv_options):
    data = xlsx_bytes(rows) if filename.endswith(".xlsx") else csv_bytes(rows, **csv_options)
    return framework_import(framework=framework, file=data, filename=filename, dry_run=dry_run)


def titles(framework):
    return dict(framework.competences.values_list("code", "title_nl"))


def test_a_good_file_creates_its_competences_with_kind_titles_and_descriptions(framework):
    result = run(framework, GOOD)
    assert result.ok
    assert result.created == ["LOG-01", "LOG-02", "GEN-01", "NL-01"]
    assert (result.changed, result.removed, result.unchanged) == ([], [], 0)
    picking = Competence.objects.get(framework=framework, code="LOG-01")
    assert (picking.title_nl, picking.title_en, picking.description_nl) == (
        "Orderpicken",
        "Order picking",
        "Pakt orders met de scanner.",
    )
    kinds = dict(framework.competences.values_list("code", "kind"))
    assert kinds == {
        "LOG-01": "occupational",
        "LOG-02": "occupational",
        "GEN-01": "generic",
        "NL-01": "language",
    }


def test_the_same_file_again_changes_nothing(framework):
    run(framework, GOOD)
    result = run(framework, GOOD)
    assert (result.created, result.changed, result.removed, result.unchanged) == ([], [], [], 4)


def test_a_changed_title_is_reported_with_what_changed(framework):
    run(framework, GOOD)
    rows = [list(row) for row in GOOD]
    rows[1][2] = "Orders verzamelen"
    rows[3][1] = "occupational"
    result = run(framework, rows)
    assert result.changed == ["LOG-01: title (Dutch)", "GEN-01: kind"]
    assert result.unchanged == 2
    assert titles(framework)["LOG-01"] == "Orders verzamelen"


def test_competences_not_in_the_file_are_kept(framework):
    CompetenceFactory(framework=framework, code="OLD-01", title_nl="Heftruck rijden")
    result = run(framework, GOOD[:2])
    assert result.removed == []
    assert set(titles(framework)) == {"OLD-01", "LOG-01"}


def test_without_a_kind_column_new_competences_are_occupational_and_existing_ones_keep_theirs(framework):
    CompetenceFactory(
        framework=framework, code="GEN-01", kind="generic", title_nl="Op tijd komen", title_en=""
    )
    result = run(
        framework, [["code", "title_nl", "title_en"], ["GEN-01", "Op tijd komen", ""], ["X", "Iets", ""]]
    )
    assert (result.created, result.unchanged) == (["X"], 1)
    assert dict(framework.competences.values_list("code", "kind")) == {
        "GEN-01": "generic",
        "X": "occupational",
    }


def test_a_dry_run_reports_what_a_real_run_does_and_writes_nothing(framework):
    run(framework, GOOD[:3])
    rows = [*GOOD, ["LOG-03", "", "Inpakken", "", "", ""]]
    rows[1] = ["LOG-01", "occupational", "Orders verzamelen", "Order picking", "", ""]
    dry = run(framework, rows, dry_run=True)
    assert framework.competences.count() == 2
    assert titles(framework)["LOG-01"] == "Orderpicken"
    real = run(framework, rows)
    assert dry.dry_run and not real.dry_run
    assert (dry.created, dry.changed, dry.removed, dry.unchanged) == (
        real.created,
        real.changed,
        real.removed,
        real.unchanged,
    )
    assert dry.created == ["GEN-01", "NL-01", "LOG-03"]
    assert dry.changed == ["LOG-01: title (Dutch), description (Dutch)"]


def test_an_unsaved_framework_is_created_with_its_competences_but_not_in_a_dry_run():
    new = Framework(code="bk-bakker", name="Bakker", kind=Framework.Kind.BEROEPSKWALIFICATIE)
    assert run(new, GOOD, dry_run=True).created == ["LOG-01", "LOG-02", "GEN-01", "NL-01"]
    assert not Framework.objects.filter(code="bk-bakker").exists()
    run(new, GOOD)
    assert Framework.objects.get(code="bk-bakker").competences.count() == 4


@pytest.mark.parametrize(
    "rows, line, message",
    [
        ([["code", "title_nl"], ["LOG-01", "Orderpicken"]], 1, "title_en is missing"),
        (
            [HEADER, ["LOG-01", "", "Orderpicken", "", "", ""], ["LOG-02", "", "", "", "Iets", ""]],
            3,
            "Give a title",
        ),
        ([HEADER, ["LOG-01", "", "A", "", "", ""], ["LOG-01", "", "B", "", "", ""]], 3, "already on line 2"),
        ([HEADER, ["LOG-01", "beroep", "Orderpicken", "", "", ""]], 2, "kind must be one of"),
        ([HEADER, ["", "", "Orderpicken", "", "", ""]], 2, "code is empty"),
        ([HEADER, ["LOG-01", "", "x" * 301, "", "", ""]], 2, "longer than 300"),
    ],
    ids=["missing-column", "empty-title", "duplicate-code", "invalid-kind", "empty-code", "too-long"],
)
def test_a_bad_line_is_reported_with_its_number_and_nothing_is_written(framework, rows, line, message):
    CompetenceFactory(framework=framework, code="LOG-01", title_nl="Orderpicken")
    result = run(framework, rows)
    assert not result.ok
    assert [(e.line, e.file) for e in result.errors] == [(line, "kader.csv")]
    assert message in result.errors[0].message
    assert (result.created, result.changed) == ([], [])
    assert titles(framework) == {"LOG-01": "Orderpicken"}


def test_every_bad_line_is_reported_not_just_the_first(framework):
    rows = [*GOOD, ["LOG-01", "", "Dubbel", "", "", ""], ["LOG-09", "soft", "", "", "", ""]]
    result = run(framework, rows)
    assert [(e.line, e.message) for e in result.errors] == [
        (6, "The code “LOG-01” is already on line 2."),
        (7, "Give a title in Dutch or in English (title_nl or title_en)."),
        (7, "The kind must be one of occupational, generic, language, not “soft”."),
    ]
    assert framework.competences.count() == 0


def test_a_latin_1_file_gets_the_encoding_advice_and_nothing_is_written(framework):
    result = run(framework, [*GOOD, ["LOG-05", "", "Crème maken", "", "", ""]], encoding="latin-1")
    assert [e.line for e in result.errors] == [6]
    assert "CSV UTF-8" in result.errors[0].message
    assert framework.competences.count() == 0


def test_semicolon_csv_xlsx_and_an_upload_all_import_the_same(framework):
    assert run(framework, GOOD, delimiter=";").created == ["LOG-01", "LOG-02", "GEN-01", "NL-01"]
    assert run(framework, GOOD, filename="kader.xlsx").unchanged == 4
    upload = SimpleUploadedFile("kader.csv", csv_bytes(GOOD))
    result = framework_import(framework=framework, file=upload, filename=upload.name, dry_run=False)
    assert result.unchanged == 4


def test_two_thousand_rows_take_a_few_queries_not_one_per_row(framework, django_assert_max_num_queries):
    rows = [HEADER] + [[f"C-{n:04d}", "", f"Competentie {n}", f"Competence {n}", "", ""] for n in range(2000)]
    # savepoint, lock the framework, read its competences, its timestamp, release; then the inserts.
    with django_assert_max_num_queries(5 + insert_queries(Competence, 2000)):
        assert len(run(framework, rows).created) == 2000
    rows[1][2] = "Anders"
    # savepoint, lock, read, timestamp, one update, release
    with django_assert_max_num_queries(6):
        assert run(framework, rows).changed == ["C-0000: title (Dutch)"]
