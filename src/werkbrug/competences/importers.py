"""Import competence frameworks, programme profiles and ESCO from the tables people upload or download.

All three importers keep one contract. They read and check the whole input first and collect every bad
row with its line. If anything is wrong they write nothing and return the errors. Otherwise they write
everything in one transaction, or, in a dry run, nothing, and report exactly what was (or would be)
created, changed and removed. Writes are bulk writes over rows loaded in one query, so a full ESCO
release (about 14,000 skills) takes seconds.

A column that is absent from a file leaves that field alone; a column that is present sets it, also
when the cell is empty.
"""

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from werkbrug.competences.models import Competence, Framework, Occupation, OccupationCompetence
from werkbrug.organisations.models import Programme, ProgrammeCompetence
from werkbrug.tabular import ImportResult, RowError, Table, TableFile, apply, read_checked

__all__ = ["ImportResult", "RowError", "esco_import", "framework_import", "profile_import"]

EscoFile = TableFile | Path
BATCH = 1000  # rows per bulk query; SQLite lowers it further to stay under its 999 parameters

FRAMEWORK_COLUMNS = ("code", "title_nl", "title_en")
FRAMEWORK_OPTIONAL = ("kind", "description_nl", "description_en")
PROFILE_COLUMNS = ("framework", "competence", "core", "weight", "target_level")
YES, NO = {"yes", "ja", "true", "1"}, {"no", "nee", "false", "0"}
WEIGHTS = range(1, 11)
WHOLE_NUMBER = re.compile(r"[0-9]+")

ESCO_CODE = "esco"
ESCO_FILES = {
    "skills": "skills_en.csv",
    "occupations": "occupations_en.csv",
    "relations": "occupationSkillRelations_en.csv",
    "labels_nl": "labels_nl.csv",
}
# Required and optional columns per file. ESCO's headers are camelCase; `tabular` lower-cases them.
ESCO_COLUMNS = {
    "skills": (("concepturi", "preferredlabel"), ("description", "skilltype", "reuselevel")),
    "occupations": (("concepturi", "preferredlabel"), ("description", "iscogroup")),
    "relations": (("occupationuri", "relationtype", "skilluri"), ()),
    "labels_nl": (("concepturi", "preferredlabel_nl"), ()),
}
RELATION_TYPES = {"essential": True, "optional": False}

M = TypeVar("M", bound=models.Model)


# -- Frameworks ---------------------------------------------------------------------------------------


def framework_import(*, framework: Framework, file: TableFile, filename: str, dry_run: bool) -> ImportResult:
    """Add and update a framework's competences from a table: code, kind, title_nl, title_en, descriptions.

    Competences are matched on their code within the framework. Competences that are not in the file
    are kept, never deleted: a framework grows, and other programmes may use them. An unsaved
    `framework` is created together with its competences (not in a dry run).
    """
    result = ImportResult(dry_run=dry_run)
    table = read_checked(file, filename, FRAMEWORK_COLUMNS, FRAMEWORK_OPTIONAL, result.errors)
    if table is None:
        return result
    wanted = _competence_rows(table, filename, result.errors)
    if result.errors:
        return result
    with transaction.atomic():
        existing: dict[str, Competence] = {}
        if framework.pk is not None:
            Framework.objects.select_for_update().filter(pk=framework.pk).first()  # one import at a time
            existing = {c.code: c for c in Competence.objects.filter(framework=framework)}
        plan = _upsert_plan(existing, wanted, lambda code: Competence(framework=framework, code=code))
        plan.report(result)
        if not dry_run and (plan.create or plan.update):
            framework.save(**({} if framework.pk is None else {"update_fields": ["updated_at"]}))
            plan.write(Competence)
    return result


def _competence_rows(table: Table, filename: str, errors: list[RowError]) -> dict[str, dict[str, object]]:
    columns = [c for c in ("kind", *FRAMEWORK_COLUMNS[1:], *FRAMEWORK_OPTIONAL[1:]) if c in table.header]
    wanted: dict[str, dict[str, object]] = {}
    first_line: dict[str, int] = {}
    for row in table.rows:
        problems = _code_problems(row["code"], first_line, row.line, Competence)
        if not row["title_nl"] and not row["title_en"]:
            problems.append(_("Give a title in Dutch or in English (title_nl or title_en)."))
        values: dict[str, object] = {c: row[c] for c in columns}
        problems += _length_problems(Competence, values)
        if "kind" in values:
            values["kind"] = row["kind"].lower() or Competence.Kind.OCCUPATIONAL
            if values["kind"] not in Competence.Kind.values:
                problems.append(
                    _("The kind must be one of %(kinds)s, not “%(value)s”.")
                    % {"kinds": ", ".join(Competence.Kind.values), "value": row["kind"]}
                )
        errors += [RowError(row.line, problem, filename) for problem in problems]
        if not problems:
            wanted[row["code"]] = values
    return wanted


# -- Programme profiles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ProfileLine:
    line: int
    framework: str
    code: str
    values: dict[str, object]  # core, weight, target_level


def profile_import(*, programme: Programme, file: TableFile, filename: str, dry_run: bool) -> ImportResult:
    """Replace a programme's competence profile by a table: framework, competence, core, weight, target_level.

    `framework` is a framework's code, `competence` a competence code in it. The file is the whole
    profile: lines that are not in it are removed (and reported as removed).
    """
    result = ImportResult(dry_run=dry_run)
    table = read_checked(file, filename, PROFILE_COLUMNS, (), result.errors)
    if table is None:
        return result
    with transaction.atomic():
        programme = Programme.objects.select_for_update().select_related("rubric").get(pk=programme.pk)
        levels = sorted(programme.rubric.levels.values_list("number", flat=True))
        lines = _profile_lines(table, levels, filename, result.errors)
        ids = _competence_ids(lines, filename, result.errors)
        if result.errors:
            result.errors.sort(key=lambda error: error.line)
            return result
        existing = {
            pc.competence_id: pc
            for pc in programme.profile.select_related("competence__framework").order_by("pk")
        }
        wanted = {ids[(line.framework, line.code)]: line for line in lines}
        create, update, changed_fields = [], [], set()
        for competence_id, line in wanted.items():
            name = f"{line.framework}/{line.code}"
            current = existing.get(competence_id)
            if current is None:
                create.append(
                    ProgrammeCompetence(programme=programme, competence_id=competence_id, **line.values)
                )
                result.created.append(name)
            elif diff := apply(current, line.values):
                update.append(current)
                changed_fields.update(diff)
                result.changed.append(_changed(name, ProgrammeCompetence, diff))
            else:
                result.unchanged += 1
        gone = [pc for competence_id, pc in existing.items() if competence_id not in wanted]
        result.removed = [f"{pc.competence.framework.code}/{pc.competence.code}" for pc in gone]
        if not dry_run:
            _delete(ProgrammeCompetence, [pc.pk for pc in gone])
            ProgrammeCompetence.objects.bulk_create(create, batch_size=BATCH)
            if update:
                ProgrammeCompetence.objects.bulk_update(update, sorted(changed_fields), batch_size=BATCH)
    return result


def _profile_lines(
    table: Table, levels: list[int], filename: str, errors: list[RowError]
) -> list[_ProfileLine]:
    lines: list[_ProfileLine] = []
    first_line: dict[tuple[str, str], int] = {}
    for row in table.rows:
        problems, key = [], (row["framework"], row["competence"])
        if not row["framework"]:
            problems.append(_("The framework is empty; give the code of a framework."))
        if not row["competence"]:
            problems.append(_("The competence is empty; give the code of a competence."))
        elif key in first_line:
            problems.append(_("This competence is already on line %(line)s.") % {"line": first_line[key]})
        else:
            first_line[key] = row.line
        core = row["core"].lower()
        if core not in YES | NO:
            problems.append(
                _("Core must be yes or no (or ja/nee, true/false, 1/0), not “%(value)s”.")
                % {"value": row["core"]}
            )
        weight = _whole_number(row["weight"])
        if weight not in WEIGHTS:
            problems.append(
                _("The weight must be a whole number from 1 to 10, not “%(value)s”.")
                % {"value": row["weight"]}
            )
        target = _whole_number(row["target_level"])
        if target not in levels:
            problems.append(
                _("The target level must be a level of the rubric, %(low)s to %(high)s, not “%(value)s”.")
                % {
                    "low": levels[0] if levels else 1,
                    "high": levels[-1] if levels else 1,
                    "value": row["target_level"],
                }
            )
        errors += [RowError(row.line, problem, filename) for problem in problems]
        if not problems:
            values = {"core": core in YES, "weight": weight, "target_level": target}
            lines.append(_ProfileLine(row.line, row["framework"], row["competence"], values))
    return lines


def _competence_ids(
    lines: list[_ProfileLine], filename: str, errors: list[RowError]
) -> dict[tuple[str, str], int]:
    """The id of each (framework code, competence code) in the file, in one query; errors for the rest."""
    frameworks = set(
        Framework.objects.filter(code__in={line.framework for line in lines}).values_list("code", flat=True)
    )
    found = Competence.objects.filter(
        framework__code__in=frameworks, code__in={line.code for line in lines}
    ).values_list("framework__code", "code", "pk")
    ids = {(fw, code): pk for fw, code, pk in found}
    for line in lines:
        if line.framework not in frameworks:
            message = _("There is no framework with the code “%(code)s”.") % {"code": line.framework}
        elif (line.framework, line.code) not in ids:
            message = _("The framework %(framework)s has no competence with the code “%(code)s”.") % {
                "framework": line.framework,
                "code": line.code,
            }
        else:
            continue
        errors.append(RowError(line.line, message, filename))
    return ids


# -- ESCO ---------------------------------------------------------------------------------------------


def esco_import(
    *,
    skills: EscoFile,
    occupations: EscoFile | None = None,
    relations: EscoFile | None = None,
    labels_nl: EscoFile | None = None,
    dry_run: bool,
) -> ImportResult:
    """Import the ESCO v1.1 CSV download into the framework `esco` (created when missing).

    Files: `skills_en.csv` (conceptUri, preferredLabel, description, skillType, reuseLevel),
    `occupations_en.csv` (conceptUri, preferredLabel, description, iscoGroup),
    `occupationSkillRelations_en.csv` (occupationUri, relationType essential|optional, skillUri) and
    `labels_nl.csv` (conceptUri, preferredLabel_nl, for skills and occupations); other columns are
    ignored. Each may be a path, bytes, a binary file or an upload.

    A skill's code is its concept URI. Its kind: reuse level "transversal" is generic, everything else
    occupational (ESCO's skill type and labels do not tell language skills apart reliably). Skills and
    occupations missing from the files are kept. Given a relations file, it holds all of ESCO's
    relations: the relations not in it are removed. Dutch labels for concepts that are not imported
    (e.g. skill groups) are skipped.
    """
    result = ImportResult(dry_run=dry_run)
    files = {"skills": skills, "occupations": occupations, "relations": relations, "labels_nl": labels_nl}
    names = {key: _name_of(file, ESCO_FILES[key]) for key, file in files.items() if file is not None}
    tables = {
        key: None if file is None else read_checked(file, names[key], *ESCO_COLUMNS[key], result.errors)
        for key, file in files.items()
    }
    if result.errors:
        return result
    labels = _esco_labels(tables["labels_nl"], names.get("labels_nl", ""), result.errors)
    wanted_skills = _esco_concepts(
        tables["skills"], names["skills"], labels, _skill_values, Competence, result.errors
    )
    wanted_occupations = _esco_concepts(
        tables["occupations"],
        names.get("occupations", ""),
        labels,
        _occupation_values,
        Occupation,
        result.errors,
    )
    with transaction.atomic():
        framework = Framework.objects.select_for_update().filter(code=ESCO_CODE).first()
        skills_now = {c.code: c for c in Competence.objects.filter(framework=framework)} if framework else {}
        occupations_now = (
            {o.code: o for o in Occupation.objects.filter(framework=framework)} if framework else {}
        )
        wanted_relations = _esco_relations(
            tables,
            names,
            set(skills_now) | _uris(tables["skills"]),
            set(occupations_now) | _uris(tables["occupations"]),
            result.errors,
        )
        if result.errors:
            return result
        if framework is None:
            result.created.append(ESCO_CODE)
            framework = Framework(
                code=ESCO_CODE, name="ESCO", kind=Framework.Kind.ESCO, source="ESCO © European Union"
            )
        skill_plan = _upsert_plan(
            skills_now, wanted_skills, lambda uri: Competence(framework=framework, code=uri)
        )
        occupation_plan = _upsert_plan(
            occupations_now, wanted_occupations, lambda uri: Occupation(framework=framework, code=uri)
        )
        skill_plan.report(result)
        occupation_plan.report(result)
        relation_plan = _RelationPlan.of(framework, wanted_relations)
        relation_plan.report(result)
        if not dry_run and (result.created or result.changed or result.removed):
            framework.save(**({} if framework.pk is None else {"update_fields": ["updated_at"]}))
            skill_plan.write(Competence)
            occupation_plan.write(Occupation)
            relation_plan.write(framework)
    return result


def _skill_values(row: dict[str, str], header: list[str]) -> dict[str, object]:
    # reuseLevel is "transversal" in the CSV download, a URI ending in /transversal in other exports.
    generic = row.get("reuselevel", "").rsplit("/", 1)[-1].lower() == "transversal"
    values: dict[str, object] = {
        "title_en": row["preferredlabel"],
        "kind": Competence.Kind.GENERIC if generic else Competence.Kind.OCCUPATIONAL,
    }
    if "description" in header:
        values["description_en"] = row["description"]
    return values


def _occupation_values(row: dict[str, str], header: list[str]) -> dict[str, object]:
    values: dict[str, object] = {"title_en": row["preferredlabel"]}
    if "description" in header:
        values["description_en"] = row["description"]
    if "iscogroup" in header:
        values["isco_group"] = row["iscogroup"]
    return values


def _esco_concepts(
    table: Table | None,
    filename: str,
    labels: dict[str, str] | None,
    values_of: Callable[[dict[str, str], list[str]], dict[str, object]],
    model: type[models.Model],
    errors: list[RowError],
) -> dict[str, dict[str, object]]:
    wanted: dict[str, dict[str, object]] = {}
    if table is None:
        return wanted
    first_line: dict[str, int] = {}
    for row in table.rows:
        uri = row["concepturi"]
        values = values_of(row.values, table.header)
        if labels is not None and uri in labels:
            values["title_nl"] = labels[uri]
        problems = _code_problems(uri, first_line, row.line, model, column="conceptUri")
        if not values["title_en"] and not values.get("title_nl"):
            problems.append(_("The concept has no preferredLabel (and no Dutch label)."))
        problems += _length_problems(model, values)
        errors += [RowError(row.line, problem, filename) for problem in problems]
        if not problems:
            wanted[uri] = values
    return wanted


def _esco_labels(table: Table | None, filename: str, errors: list[RowError]) -> dict[str, str] | None:
    if table is None:
        return None
    labels: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for row in table.rows:
        problems = _code_problems(row["concepturi"], first_line, row.line, Competence, column="conceptUri")
        problems += _length_problems(Competence, {"title_nl": row["preferredlabel_nl"]})
        errors += [RowError(row.line, problem, filename) for problem in problems]
        if not problems and row["preferredlabel_nl"]:
            labels[row["concepturi"]] = row["preferredlabel_nl"]
    return labels


def _uris(table: Table | None) -> set[str]:
    return {row["concepturi"] for row in table.rows} if table else set()


def _esco_relations(
    tables: dict[str, Table | None],
    names: dict[str, str],
    skills: set[str],
    occupations: set[str],
    errors: list[RowError],
) -> dict[tuple[str, str], bool] | None:
    """(occupation URI, skill URI) -> essential, for a given relations file; None when there is none."""
    table = tables["relations"]
    if table is None:
        return None
    filename = names["relations"]
    where = {
        "skills": names["skills"],
        "occupations": names.get("occupations", ESCO_FILES["occupations"]),
    }
    wanted: dict[tuple[str, str], bool] = {}
    for row in table.rows:
        problems = []
        occupation, skill, kind = row["occupationuri"], row["skilluri"], row["relationtype"].lower()
        if occupation not in occupations:
            problems.append(
                _("The occupation %(uri)s is not in %(file)s and was not imported before.")
                % {"uri": occupation or "“”", "file": where["occupations"]}
            )
        if skill not in skills:
            problems.append(
                _("The skill %(uri)s is not in %(file)s and was not imported before.")
                % {"uri": skill or "“”", "file": where["skills"]}
            )
        if kind not in RELATION_TYPES:
            problems.append(
                _("The relationType must be essential or optional, not “%(value)s”.")
                % {"value": row["relationtype"]}
            )
        elif wanted.get((occupation, skill), RELATION_TYPES[kind]) != RELATION_TYPES[kind]:
            problems.append(_("This relation is already in the file as the other relationType."))
        errors += [RowError(row.line, problem, filename) for problem in problems]
        if not problems:
            wanted[(occupation, skill)] = RELATION_TYPES[kind]  # an exact repeat changes nothing
    return wanted


@dataclass
class _RelationPlan:
    """Which occupation-skill relations to create, flip between essential and optional, and remove."""

    create: dict[tuple[str, str], bool] = field(default_factory=dict)
    flip: dict[int, bool] = field(default_factory=dict)
    remove: list[int] = field(default_factory=list)
    labels: tuple[list[str], list[str], list[str]] = field(default_factory=lambda: ([], [], []))
    unchanged: int = 0

    @classmethod
    def of(cls, framework: Framework, wanted: dict[tuple[str, str], bool] | None) -> "_RelationPlan":
        plan = cls()
        if wanted is None:
            return plan
        existing = {}
        if framework.pk is not None:
            rows = OccupationCompetence.objects.filter(occupation__framework=framework).values_list(
                "pk", "occupation__code", "competence__code", "essential"
            )
            existing = {(occupation, skill): (pk, essential) for pk, occupation, skill, essential in rows}
        created, changed, removed = plan.labels
        essential_label = str(OccupationCompetence._meta.get_field("essential").verbose_name)
        for key, essential in wanted.items():
            if key not in existing:
                plan.create[key] = essential
                created.append(" → ".join(key))
            elif existing[key][1] != essential:
                plan.flip[existing[key][0]] = essential
                changed.append(f"{' → '.join(key)}: {essential_label}")
            else:
                plan.unchanged += 1
        for key, (pk, _essential) in existing.items():
            if key not in wanted:
                plan.remove.append(pk)
                removed.append(" → ".join(key))
        return plan

    def report(self, result: ImportResult) -> None:
        result.created += self.labels[0]
        result.changed += self.labels[1]
        result.removed += self.labels[2]
        result.unchanged += self.unchanged

    def write(self, framework: Framework) -> None:
        _delete(OccupationCompetence, self.remove)
        for essential in (True, False):
            _update(
                OccupationCompetence,
                [pk for pk, value in self.flip.items() if value is essential],
                essential=essential,
            )
        if not self.create:
            return
        # New skills and occupations got their ids in this transaction; one query each to learn them.
        skill_ids = dict(Competence.objects.filter(framework=framework).values_list("code", "pk"))
        occupation_ids = dict(Occupation.objects.filter(framework=framework).values_list("code", "pk"))
        OccupationCompetence.objects.bulk_create(
            (
                OccupationCompetence(
                    occupation_id=occupation_ids[occupation],
                    competence_id=skill_ids[skill],
                    essential=essential,
                )
                for (occupation, skill), essential in self.create.items()
            ),
            batch_size=BATCH,
        )


# -- Shared -------------------------------------------------------------------------------------------


@dataclass
class _UpsertPlan:
    """Rows to create and rows to update (with the fields that changed), matched on their code."""

    create: list[models.Model] = field(default_factory=list)
    update: list[models.Model] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def report(self, result: ImportResult) -> None:
        result.created += self.created
        result.changed += self.changed
        result.unchanged += self.unchanged

    def write(self, model: type[models.Model]) -> None:
        model.objects.bulk_create(self.create, batch_size=BATCH)
        if self.update:
            model.objects.bulk_update(self.update, sorted(self.fields), batch_size=BATCH)


def _upsert_plan(
    existing: dict[str, M], wanted: dict[str, dict[str, object]], new: Callable[[str], M]
) -> _UpsertPlan:
    plan = _UpsertPlan()
    for code, values in wanted.items():
        instance = existing.get(code)
        if instance is None:
            instance = new(code)
            apply(instance, values)
            plan.create.append(instance)
            plan.created.append(code)
        elif diff := apply(instance, values):
            plan.update.append(instance)
            plan.fields.update(diff)
            plan.changed.append(_changed(code, type(instance), diff))
        else:
            plan.unchanged += 1
    return plan


def _changed(name: str, model: type[models.Model], fields: list[str]) -> str:
    labels = ", ".join(str(model._meta.get_field(f).verbose_name) for f in fields)
    return f"{name}: {labels}"


def _name_of(file: EscoFile, default: str) -> str:
    name = file.name if isinstance(file, Path) else getattr(file, "name", None)
    return os.path.basename(name) if isinstance(name, str) and name else default


def _code_problems(
    code: str, first_line: dict[str, int], line: int, model: type[models.Model], column: str = "code"
) -> list[str]:
    """An empty, too long or repeated code; remembers where each code was first seen."""
    limit = model._meta.get_field("code").max_length
    if not code:
        return [_("The %(column)s is empty.") % {"column": column}]
    if len(code) > limit:
        return [_("The %(column)s is longer than %(limit)s characters.") % {"column": column, "limit": limit}]
    if code in first_line:
        return [
            _("The %(column)s “%(code)s” is already on line %(line)s.")
            % {"column": column, "code": code, "line": first_line[code]}
        ]
    first_line[code] = line
    return []


def _length_problems(model: type[models.Model], values: dict[str, object]) -> list[str]:
    """Texts longer than their field allows (choices are checked on their own)."""
    problems = []
    for name, value in values.items():
        model_field = model._meta.get_field(name)
        limit = model_field.max_length
        if limit and not model_field.choices and isinstance(value, str) and len(value) > limit:
            problems.append(
                _("%(field)s is longer than %(limit)s characters.")
                % {"field": capfirst(model_field.verbose_name), "limit": limit}
            )
    return problems


def _whole_number(value: str) -> int | None:
    return int(value) if WHOLE_NUMBER.fullmatch(value) else None


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + BATCH // 2] for i in range(0, len(ids), BATCH // 2)]


def _delete(model: type[models.Model], ids: list[int]) -> None:
    for chunk in _chunks(ids):
        model.objects.filter(pk__in=chunk).delete()


def _update(model: type[models.Model], ids: list[int], **values: object) -> None:
    for chunk in _chunks(ids):
        model.objects.filter(pk__in=chunk).update(**values)
