"""Importing a programme's competence profile: the file is the whole profile."""

import pytest

from werkbrug.competences.importers import profile_import
from werkbrug.competences.models import Competence
from werkbrug.organisations.models import ProgrammeCompetence

from ..factories import CompetenceFactory, FrameworkFactory, ProgrammeFactory
from .files import csv_bytes, insert_queries, xlsx_bytes

HEADER = ["framework", "competence", "core", "weight", "target_level"]
GOOD = [
    HEADER,
    ["bk-logistiek", "LOG-01", "ja", "3", "4"],
    ["bk-logistiek", "LOG-02", "nee", "1", "3"],
    ["generiek", "GEN-01", "Yes", "2", "4"],
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    logistics = FrameworkFactory(code="bk-logistiek")
    generic = FrameworkFactory(code="generiek")
    for code in ("LOG-01", "LOG-02", "LOG-03"):
        CompetenceFactory(framework=logistics, code=code)
    CompetenceFactory(framework=generic, code="GEN-01")
    return ProgrammeFactory(name="Logistiek assistent")  # rubric: the default, levels 1 to 4


def run(programme, rows, *, dry_run=False, filename="profiel.csv", **csv_options):
    data = xlsx_bytes(rows) if filename.endswith(".xlsx") else csv_bytes(rows, **csv_options)
    return profile_import(programme=programme, file=data, filename=filename, dry_run=dry_run)


def profile(programme):
    return {
        pc.competence.code: (pc.core, pc.weight, pc.target_level)
        for pc in ProgrammeCompetence.objects.filter(programme=programme).select_related("competence")
    }


def test_a_good_file_becomes_the_profile(programme):
    result = run(programme, GOOD)
    assert result.ok
    assert result.created == ["bk-logistiek/LOG-01", "bk-logistiek/LOG-02", "generiek/GEN-01"]
    assert profile(programme) == {"LOG-01": (True, 3, 4), "LOG-02": (False, 1, 3), "GEN-01": (True, 2, 4)}


def test_the_same_file_again_changes_nothing(programme):
    run(programme, GOOD)
    result = run(programme, GOOD)
    assert (result.created, result.changed, result.removed, result.unchanged) == ([], [], [], 3)


def test_a_changed_line_is_reported_with_what_changed_and_a_missing_line_is_removed(programme):
    run(programme, GOOD)
    result = run(programme, [HEADER, ["bk-logistiek", "LOG-01", "ja", "5", "3"], GOOD[2]])
    assert result.changed == ["bk-logistiek/LOG-01: weight, target level"]
    assert result.removed == ["generiek/GEN-01"]
    assert result.unchanged == 1
    assert profile(programme) == {"LOG-01": (True, 5, 3), "LOG-02": (False, 1, 3)}


def test_a_dry_run_reports_what_a_real_run_does_and_writes_nothing(programme):
    run(programme, GOOD)
    rows = [HEADER, ["bk-logistiek", "LOG-01", "nee", "3", "4"], ["bk-logistiek", "LOG-03", "ja", "1", "2"]]
    dry = run(programme, rows, dry_run=True)
    assert profile(programme) == {"LOG-01": (True, 3, 4), "LOG-02": (False, 1, 3), "GEN-01": (True, 2, 4)}
    real = run(programme, rows)
    assert (dry.created, dry.changed, dry.removed, dry.unchanged) == (
        real.created,
        real.changed,
        real.removed,
        real.unchanged,
    )
    assert dry.created == ["bk-logistiek/LOG-03"]
    assert dry.changed == ["bk-logistiek/LOG-01: core"]
    assert dry.removed == ["bk-logistiek/LOG-02", "generiek/GEN-01"]


@pytest.mark.parametrize(
    "value, core",
    [
        ("yes", True),
        ("JA", True),
        ("True", True),
        ("1", True),
        ("no", False),
        ("Nee", False),
        ("FALSE", False),
        ("0", False),
    ],
)
def test_core_is_yes_or_no_in_english_dutch_or_as_a_spreadsheet_boolean(programme, value, core):
    run(programme, [HEADER, ["bk-logistiek", "LOG-01", value, "1", "1"]])
    assert profile(programme)["LOG-01"][0] is core


@pytest.mark.parametrize(
    "line, message",
    [
        (
            ["bk-logistiek", "LOG-99", "ja", "1", "1"],
            "The framework bk-logistiek has no competence with the code “LOG-99”.",
        ),
        (["bk-bakker", "LOG-01", "ja", "1", "1"], "There is no framework with the code “bk-bakker”."),
        (
            ["bk-logistiek", "LOG-01", "ja", "1", "5"],
            "The target level must be a level of the rubric, 1 to 4, not “5”.",
        ),
        (
            ["bk-logistiek", "LOG-01", "ja", "1", "0"],
            "The target level must be a level of the rubric, 1 to 4, not “0”.",
        ),
        (
            ["bk-logistiek", "LOG-01", "ja", "1", ""],
            "The target level must be a level of the rubric, 1 to 4, not “”.",
        ),
        (
            ["bk-logistiek", "LOG-01", "ja", "0", "1"],
            "The weight must be a whole number from 1 to 10, not “0”.",
        ),
        (
            ["bk-logistiek", "LOG-01", "ja", "11", "1"],
            "The weight must be a whole number from 1 to 10, not “11”.",
        ),
        (
            ["bk-logistiek", "LOG-01", "ja", "2.5", "1"],
            "The weight must be a whole number from 1 to 10, not “2.5”.",
        ),
        (
            ["bk-logistiek", "LOG-01", "misschien", "1", "1"],
            "Core must be yes or no (or ja/nee, true/false, 1/0), not “misschien”.",
        ),
        (["bk-logistiek", "LOG-02", "ja", "1", "1"], "This competence is already on line 3."),
        (["", "LOG-01", "ja", "1", "1"], "The framework is empty; give the code of a framework."),
    ],
    ids=[
        "unknown-competence",
        "unknown-framework",
        "level-too-high",
        "level-zero",
        "level-empty",
        "weight-zero",
        "weight-eleven",
        "weight-fraction",
        "core-maybe",
        "duplicate",
        "framework-empty",
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_nothing_is_written(programme, line, message):
    run(programme, GOOD)
    result = run(
        programme,
        [
            HEADER,
            ["bk-logistiek", "LOG-03", "ja", "1", "1"],
            ["bk-logistiek", "LOG-02", "ja", "1", "1"],
            line,
        ],
    )
    assert [(e.line, e.message) for e in result.errors] == [(4, message)]
    assert (result.created, result.changed, result.removed) == ([], [], [])
    assert profile(programme) == {"LOG-01": (True, 3, 4), "LOG-02": (False, 1, 3), "GEN-01": (True, 2, 4)}


def test_a_missing_column_is_reported_at_line_1(programme):
    result = run(programme, [["framework", "competence", "target_level"], ["bk-logistiek", "LOG-01", "4"]])
    assert [(e.line, e.message) for e in result.errors] == [
        (
            1,
            "The columns core, weight are missing. "
            "The first line names the columns: framework, competence, core, weight, target_level.",
        )
    ]
    assert profile(programme) == {}


def test_every_bad_line_is_reported_at_once_in_line_order(programme):
    rows = [*GOOD, ["x", "LOG-01", "ja", "1", "1"], ["bk-logistiek", "LOG-03", "soms", "99", "9"]]
    result = run(programme, rows)
    assert [(e.line, e.message.split(",")[0]) for e in result.errors] == [
        (5, "There is no framework with the code “x”."),
        (6, "Core must be yes or no (or ja/nee"),
        (6, "The weight must be a whole number from 1 to 10"),
        (6, "The target level must be a level of the rubric"),
    ]
    assert profile(programme) == {}


def test_a_latin_1_file_gets_the_encoding_advice(programme):
    result = run(programme, [*GOOD, ["bk-logistiek", "Crème", "ja", "1", "1"]], encoding="latin-1")
    assert [e.line for e in result.errors] == [5]
    assert (
        "save it as CSV UTF-8" in result.errors[0].message.replace("'", "")
        or "CSV UTF-8" in result.errors[0].message
    )


def test_semicolon_csv_and_xlsx_import_the_same(programme):
    assert len(run(programme, GOOD, delimiter=";").created) == 3
    xlsx_rows = [
        HEADER,
        ["bk-logistiek", "LOG-01", True, 3, 4],
        ["bk-logistiek", "LOG-02", "nee", 1, 3],
        ["generiek", "GEN-01", "Yes", 2.0, 4],
    ]
    assert run(programme, xlsx_rows, filename="profiel.xlsx").unchanged == 3


def test_two_thousand_lines_take_a_few_queries_not_one_per_line(programme, django_assert_max_num_queries):
    framework = FrameworkFactory(code="groot")
    Competence.objects.bulk_create(
        Competence(framework=framework, code=f"G-{n:04d}", title_nl=f"Competentie {n}") for n in range(2000)
    )
    rows = [HEADER] + [["groot", f"G-{n:04d}", "ja", "1", "3"] for n in range(2000)]
    # savepoint, lock the programme, its rubric levels, the frameworks, the competences, the current
    # profile, release; then the inserts.
    with django_assert_max_num_queries(7 + insert_queries(ProgrammeCompetence, 2000)):
        assert len(run(programme, rows).created) == 2000
    rows[1][3] = "2"
    with django_assert_max_num_queries(8):  # the same reads, and one update
        assert run(programme, rows).changed == ["groot/G-0000: weight"]
