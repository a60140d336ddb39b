"""Importing ESCO from its v1.1 CSV download (tiny files in the real format)."""

import pytest

from werkbrug.competences.importers import esco_import
from werkbrug.competences.models import Competence, Framework, Occupation, OccupationCompetence

from .files import csv_bytes, insert_queries

ESCO = "http://data.europa.eu/esco"
PICK, FORKLIFT, TEAM = f"{ESCO}/skill/pick", f"{ESCO}/skill/forklift", f"{ESCO}/skill/team"
WAREHOUSE = f"{ESCO}/occupation/warehouse-worker"

SKILL_HEADER = [
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "hiddenLabels",
    "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description",
]  # fmt: skip


def skill(uri, label, reuse="sector-specific", description="", alt=""):
    return ["KnowledgeSkillCompetence", uri, "skill/competence", reuse, label, alt, "", "released",
            "2023-01-01T00:00:00Z", "", "", f"{ESCO}/concept-scheme/skills", description]  # fmt: skip


SKILLS = [
    SKILL_HEADER,
    skill(PICK, "pick orders", description="Collect goods for orders.", alt="order picking\ncollect orders"),
    skill(FORKLIFT, "operate forklift", alt="drive a forklift"),
    skill(TEAM, "work in teams", reuse="transversal"),
]
OCCUPATIONS = [
    ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description", "code"],
    ["Occupation", WAREHOUSE, "9334", "warehouse worker", "", "Keeps a warehouse going.", "9334.1"],
]
RELATIONS = [
    ["occupationUri", "relationType", "skillType", "skillUri"],
    [WAREHOUSE, "essential", "skill/competence", PICK],
    [WAREHOUSE, "essential", "skill/competence", FORKLIFT],
    [WAREHOUSE, "optional", "skill/competence", TEAM],
]
LABELS = [
    ["conceptUri", "preferredLabel_nl"],
    [PICK, "orders verzamelen"],
    [WAREHOUSE, "magazijnmedewerker"],
    [f"{ESCO}/isced-f/0413", "beheer en administratie"],  # a concept we do not import: skipped
]

pytestmark = pytest.mark.django_db


def run(skills=SKILLS, occupations=OCCUPATIONS, relations=RELATIONS, labels=LABELS, *, dry_run=False):
    def data(rows):
        return None if rows is None else csv_bytes(rows)

    return esco_import(
        skills=data(skills),
        occupations=data(occupations),
        relations=data(relations),
        labels_nl=data(labels),
        dry_run=dry_run,
    )


def relations():
    return {
        (r.occupation.code, r.competence.code): r.essential
        for r in OccupationCompetence.objects.select_related("occupation", "competence")
    }


def test_esco_lands_in_its_own_framework_with_skills_occupations_relations_and_dutch_labels():
    result = run()
    assert result.ok
    framework = Framework.objects.get(code="esco")
    assert (framework.name, framework.kind, framework.source) == ("ESCO", "esco", "ESCO © European Union")
    assert result.created[:5] == ["esco", PICK, FORKLIFT, TEAM, WAREHOUSE]
    assert len(result.created) == 5 + 3  # and the three relations
    pick = Competence.objects.get(framework=framework, code=PICK)
    assert (pick.title_en, pick.title_nl, pick.description_en, pick.kind) == (
        "pick orders",
        "orders verzamelen",
        "Collect goods for orders.",
        "occupational",
    )
    assert Competence.objects.get(code=TEAM).kind == "generic"  # reuse level "transversal"
    warehouse = Occupation.objects.get(framework=framework, code=WAREHOUSE)
    assert (warehouse.title_nl, warehouse.title_en, warehouse.isco_group) == (
        "magazijnmedewerker",
        "warehouse worker",
        "9334",
    )
    assert relations() == {(WAREHOUSE, PICK): True, (WAREHOUSE, FORKLIFT): True, (WAREHOUSE, TEAM): False}


def test_the_same_files_again_change_nothing():
    run()
    result = run()
    assert (result.created, result.changed, result.removed, result.unchanged) == ([], [], [], 7)


def test_a_new_esco_release_reports_changed_labels_flipped_and_dropped_relations():
    run()
    skills = [list(row) for row in SKILLS]
    skills[2][4] = "operate a forklift truck"
    new_relations = [RELATIONS[0], RELATIONS[1], [WAREHOUSE, "optional", "skill/competence", FORKLIFT]]
    result = run(skills=skills, relations=new_relations)
    assert result.changed == [f"{FORKLIFT}: title (English)", f"{WAREHOUSE} → {FORKLIFT}: essential"]
    assert result.removed == [f"{WAREHOUSE} → {TEAM}"]
    assert Competence.objects.get(code=FORKLIFT).title_en == "operate a forklift truck"
    assert Competence.objects.filter(code=TEAM).exists()  # skills are never deleted
    assert relations() == {(WAREHOUSE, PICK): True, (WAREHOUSE, FORKLIFT): False}


def test_without_a_labels_file_the_dutch_titles_are_kept():
    run()
    assert run(labels=None).unchanged == 7
    assert Competence.objects.get(code=PICK).title_nl == "orders verzamelen"


def test_a_dry_run_reports_what_a_real_run_does_and_creates_nothing():
    dry = run(dry_run=True)
    assert not Framework.objects.filter(code="esco").exists()
    assert Competence.objects.count() == Occupation.objects.count() == 0
    real = run()
    assert (dry.created, dry.changed, dry.removed, dry.unchanged) == (
        real.created,
        real.changed,
        real.removed,
        real.unchanged,
    )


def test_relations_may_come_later_for_skills_and_occupations_imported_before():
    run(relations=None)
    assert relations() == {}
    assert run(skills=SKILLS[:2], occupations=None).created == [
        f"{WAREHOUSE} → {PICK}",
        f"{WAREHOUSE} → {FORKLIFT}",
        f"{WAREHOUSE} → {TEAM}",
    ]


def test_a_relation_to_an_unknown_skill_is_an_error_in_the_relations_file_and_nothing_is_written():
    bad = [*RELATIONS, [WAREHOUSE, "essential", "skill/competence", f"{ESCO}/skill/unknown"]]
    bad.append([f"{ESCO}/occupation/baker", "sometimes", "skill/competence", PICK])
    result = run(relations=bad)
    assert [(e.file, e.line, e.message) for e in result.errors] == [
        (
            "occupationSkillRelations_en.csv",
            5,
            f"The skill {ESCO}/skill/unknown is not in skills_en.csv and was not imported before.",
        ),
        (
            "occupationSkillRelations_en.csv",
            6,
            f"The occupation {ESCO}/occupation/baker is not in occupations_en.csv "
            "and was not imported before.",
        ),
        (
            "occupationSkillRelations_en.csv",
            6,
            "The relationType must be essential or optional, not “sometimes”.",
        ),
    ]
    assert not Framework.objects.filter(code="esco").exists()


def test_bad_skill_rows_are_reported_with_their_lines_counting_multi_line_cells():
    # PICK's altLabels hold a line break, so the skill rows start on lines 2, 4 and 5.
    skills = [*SKILLS, skill(FORKLIFT, "drive a forklift"), skill(f"{ESCO}/skill/x", ""), skill("", "no uri")]
    result = run(skills=skills)
    assert [(e.file, e.line, e.message) for e in result.errors] == [
        ("skills_en.csv", 6, f"The conceptUri “{FORKLIFT}” is already on line 4."),
        ("skills_en.csv", 7, "The concept has no preferredLabel (and no Dutch label)."),
        ("skills_en.csv", 8, "The conceptUri is empty."),
    ]
    assert Competence.objects.count() == 0


def test_a_missing_column_names_the_file_and_line_1():
    result = run(occupations=[["conceptUri", "description"], [WAREHOUSE, "x"]])
    assert [(e.file, e.line) for e in result.errors] == [("occupations_en.csv", 1)]
    assert "preferredlabel is missing" in result.errors[0].message
    assert Competence.objects.count() == 0


def test_a_latin_1_labels_file_gets_the_encoding_advice():
    labels = csv_bytes([*LABELS, [TEAM, "in team werken, ook na een ruzie over crème"]], encoding="latin-1")
    result = esco_import(skills=csv_bytes(SKILLS), labels_nl=labels, dry_run=False)
    assert [(e.file, e.line) for e in result.errors] == [("labels_nl.csv", 5)]
    assert "CSV UTF-8" in result.errors[0].message


def test_files_on_disk_are_read_and_named_by_their_own_name(tmp_path):
    path = tmp_path / "skills_en-v1.2.csv"
    path.write_bytes(csv_bytes([SKILL_HEADER, skill("", "no uri")]))
    assert [(e.file, e.line) for e in esco_import(skills=path, dry_run=True).errors] == [
        ("skills_en-v1.2.csv", 2)
    ]


def test_two_thousand_skills_take_a_few_queries_not_one_per_skill(django_assert_max_num_queries):
    skills = [SKILL_HEADER] + [skill(f"{ESCO}/skill/s{n}", f"skill {n}") for n in range(2000)]
    # savepoint, lock and read the framework, create it, release; then the inserts.
    with django_assert_max_num_queries(4 + insert_queries(Competence, 2000)):
        assert len(run(skills=skills, occupations=None, relations=None, labels=None).created) == 2001
    # savepoint, lock, skills, occupations, release: nothing to write.
    with django_assert_max_num_queries(5):
        assert run(skills=skills, occupations=None, relations=None, labels=None).unchanged == 2000
