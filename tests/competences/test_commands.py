"""The import commands: what an administrator sees in the terminal, and the exit status on errors."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from werkbrug.competences.models import Competence, Framework, Occupation
from werkbrug.organisations.models import ProgrammeCompetence

from ..factories import CompetenceFactory, FrameworkFactory, ProgrammeFactory
from .files import csv_bytes
from .test_esco_import import LABELS, OCCUPATIONS, RELATIONS, SKILLS

pytestmark = pytest.mark.django_db

FRAMEWORK = [
    ["code", "kind", "title_nl", "title_en"],
    ["LOG-01", "", "Orderpicken", "Order picking"],
    ["LOG-02", "", "Laden en lossen", ""],
]


def call(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def framework_file(tmp_path):
    path = tmp_path / "logistiek.csv"
    path.write_bytes(csv_bytes(FRAMEWORK, delimiter=";"))
    return path


def test_import_framework_creates_a_named_framework_and_ends_with_a_summary(framework_file):
    out, _err = call(
        "import_framework", "bk-logistiek", str(framework_file), "--name", "Logistiek", "-v", "2"
    )
    framework = Framework.objects.get(code="bk-logistiek")
    assert (framework.name, framework.kind, framework.competences.count()) == ("Logistiek", "regional", 2)
    assert "  created  LOG-01" in out
    assert out.strip().splitlines()[-1] == "bk-logistiek: 2 created, 0 changed, 0 removed, 0 unchanged."


def test_import_framework_lists_changes_and_a_dry_run_writes_nothing(framework_file):
    framework = FrameworkFactory(code="bk-logistiek")
    CompetenceFactory(framework=framework, code="LOG-01", title_nl="Orders", title_en="Order picking")
    out, _err = call("import_framework", "bk-logistiek", str(framework_file), "--dry-run")
    assert "  changed  LOG-01: title (Dutch)" in out
    assert "created  LOG-02" not in out  # created rows are listed from verbosity 2
    assert out.strip().splitlines()[-1] == (
        "Dry run, nothing written. bk-logistiek would get 1 created, 1 changed, 0 removed and 0 unchanged."
    )
    assert Competence.objects.get(code="LOG-01").title_nl == "Orders"
    assert framework.competences.count() == 1


def test_import_framework_needs_a_name_for_a_new_framework_and_a_valid_code(framework_file):
    with pytest.raises(CommandError, match="Give --name"):
        call("import_framework", "bk-logistiek", str(framework_file))
    with pytest.raises(CommandError, match="slug"):
        call("import_framework", "bk logistiek!", str(framework_file), "--name", "Logistiek")
    assert not Framework.objects.exists()


def test_import_framework_prints_every_error_with_its_line_and_exits_non_zero(tmp_path):
    FrameworkFactory(code="bk-logistiek")
    path = tmp_path / "kader.csv"
    path.write_bytes(csv_bytes([*FRAMEWORK, ["LOG-01", "", "Dubbel", ""], ["LOG-03", "soft", "", ""]]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: fix the 3 errors") as caught:
        call_command("import_framework", "bk-logistiek", str(path), stdout=io.StringIO(), stderr=err)
    assert caught.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "line 4: The code “LOG-01” is already on line 2.",
        "line 5: Give a title in Dutch or in English (title_nl or title_en).",
        "line 5: The kind must be one of occupational, generic, language, not “soft”.",
    ]
    assert Competence.objects.count() == 0


def test_import_framework_refuses_a_file_that_is_not_there(tmp_path):
    FrameworkFactory(code="bk-logistiek")
    with pytest.raises(CommandError, match="There is no file"):
        call("import_framework", "bk-logistiek", str(tmp_path / "nope.csv"))


def test_import_profile_replaces_the_profile_and_says_so(tmp_path):
    framework = FrameworkFactory(code="bk-logistiek")
    CompetenceFactory(framework=framework, code="LOG-01")
    programme = ProgrammeFactory(name="Logistiek assistent")
    path = tmp_path / "profiel.csv"
    path.write_bytes(csv_bytes([["framework", "competence", "core", "weight", "target_level"],
                                ["bk-logistiek", "LOG-01", "ja", "2", "4"]]))  # fmt: skip
    out, _err = call("import_profile", str(programme.pk), str(path))
    assert (
        out.strip().splitlines()[-1] == "Logistiek assistent: 1 created, 0 changed, 0 removed, 0 unchanged."
    )
    assert ProgrammeCompetence.objects.filter(programme=programme).count() == 1
    with pytest.raises(CommandError, match="There is no programme with the id 999"):
        call("import_profile", "999", str(path))


def test_import_profile_with_errors_exits_non_zero(tmp_path):
    programme = ProgrammeFactory()
    path = tmp_path / "profiel.csv"
    path.write_bytes(csv_bytes([["framework", "competence", "core", "weight", "target_level"],
                                ["bk-logistiek", "LOG-01", "ja", "2", "4"]]))  # fmt: skip
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_profile", str(programme.pk), str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == "line 2: There is no framework with the code “bk-logistiek”.\n"


def write_esco(folder, *, labels=True, skills=SKILLS):
    folder.mkdir(exist_ok=True)
    (folder / "skills_en.csv").write_bytes(csv_bytes(skills))
    (folder / "occupations_en.csv").write_bytes(csv_bytes(OCCUPATIONS))
    (folder / "occupationSkillRelations_en.csv").write_bytes(csv_bytes(RELATIONS))
    if labels:
        (folder / "labels_nl.csv").write_bytes(csv_bytes(LABELS))
    return folder


def test_import_esco_reads_the_folder_with_or_without_dutch_labels(tmp_path):
    out, _err = call("import_esco", str(write_esco(tmp_path / "esco", labels=False)))
    assert out.strip().splitlines()[-1] == "ESCO: 8 created, 0 changed, 0 removed, 0 unchanged."
    assert Occupation.objects.get().title_nl == ""
    out, _err = call("import_esco", str(write_esco(tmp_path / "esco")))
    assert out.strip().splitlines()[-1] == "ESCO: 0 created, 2 changed, 0 removed, 5 unchanged."
    assert Occupation.objects.get().title_nl == "magazijnmedewerker"


def test_import_esco_names_the_file_of_each_error_and_a_missing_file(tmp_path):
    folder = write_esco(tmp_path / "esco", skills=[SKILLS[0], SKILLS[1], SKILLS[1]])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_esco", str(folder), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines()[0].startswith("skills_en.csv line 4: The conceptUri")
    assert "occupationSkillRelations_en.csv line 3: The skill" in err.getvalue()
    (folder / "occupations_en.csv").unlink()
    with pytest.raises(CommandError, match=r"lacks occupations_en\.csv"):
        call("import_esco", str(folder))
    assert not Framework.objects.exists()


def test_verbosity_0_prints_nothing_on_success(framework_file):
    assert call("import_framework", "bk-x", str(framework_file), "--name", "X", "-v", "0") == ("", "")
