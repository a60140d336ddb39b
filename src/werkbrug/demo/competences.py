"""The competences of the demo region: the starter framework, the ESCO subset, and the programmes' profiles.

Loaded with the same importers a coordinator uses, so the demo shows what an import produces. The
importers match on codes, so a second run changes nothing.
"""

import csv
import io
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from django.core.management.base import CommandError

from werkbrug.competences.importers import ImportResult, esco_import, framework_import, profile_import
from werkbrug.competences.models import Framework, Rubric
from werkbrug.organisations.models import Organisation, Programme, ProgrammeCompetence

STARTER_CODE = "werkbrug-start"
STARTER_NAME = "werkbrug startkader"


@dataclass(frozen=True)
class ProgrammeRow:
    key: str
    type: str
    qualification_code: str
    name: str
    level: str
    sector: str


@dataclass(frozen=True)
class ProfileLine:
    competence_id: int
    core: bool
    target_level: int
    weight: int


def _data(*parts: str) -> Traversable:
    return resources.files("werkbrug.competences").joinpath("data", *parts)


def _check(result: ImportResult, what: str) -> None:
    if not result.ok:
        first = result.errors[0]
        raise CommandError(
            f"The shipped {what} does not import: {first.file} line {first.line}: {first.message}"
        )


def load_frameworks(*, esco: bool) -> None:
    """The starter framework (and the ESCO subset), created or brought up to date."""
    framework = Framework.objects.filter(code=STARTER_CODE).first() or Framework(
        code=STARTER_CODE, name=STARTER_NAME, kind=Framework.Kind.REGIONAL, source="werkbrug"
    )
    starter = _data("starter", "framework.csv")
    result = framework_import(
        framework=framework, file=starter.read_bytes(), filename=starter.name, dry_run=False
    )
    _check(result, "starter framework")
    if esco:
        folder = _data("esco")
        result = esco_import(
            skills=folder.joinpath("skills_en.csv").read_bytes(),
            occupations=folder.joinpath("occupations_en.csv").read_bytes(),
            relations=folder.joinpath("occupationSkillRelations_en.csv").read_bytes(),
            labels_nl=folder.joinpath("labels_nl.csv").read_bytes(),
            dry_run=False,
        )
        _check(result, "ESCO subset")


def programme_rows() -> dict[str, ProgrammeRow]:
    """The starter programmes by key, in file order."""
    text = _data("starter", "programmes.csv").read_text(encoding="utf-8")
    return {row["key"]: ProgrammeRow(**row) for row in csv.DictReader(io.StringIO(text))}


def programme_at(school: Organisation, row: ProgrammeRow, rubric: Rubric) -> Programme:
    """The programme at the school, with its details and its profile from the starter data."""
    programme, _created = Programme.objects.update_or_create(
        school=school,
        name=row.name,
        defaults={
            "type": row.type,
            "qualification_code": row.qualification_code,
            "level": row.level,
            "sector": row.sector,
        },
        create_defaults={
            "type": row.type,
            "qualification_code": row.qualification_code,
            "level": row.level,
            "sector": row.sector,
            "rubric": rubric,
        },
    )
    profile = _data("starter", "profiles", f"{row.key}.csv")
    result = profile_import(
        programme=programme, file=profile.read_bytes(), filename=profile.name, dry_run=False
    )
    _check(result, f"profile {row.key}")
    return programme


def profile_of(programme: Programme) -> list[ProfileLine]:
    """The programme's competence profile, core lines first, in a stable order."""
    rows = ProgrammeCompetence.objects.filter(programme=programme).order_by("-core", "competence__code")
    return [ProfileLine(r.competence_id, r.core, r.target_level, r.weight) for r in rows]
