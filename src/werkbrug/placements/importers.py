"""Import an employer's workplaces from a table (CSV or .xlsx), as `competences.importers` does.

The whole file is read and checked first; every bad row is reported with its line and, if anything is
wrong, nothing is written. Otherwise everything is written in one transaction (nothing in a dry run),
with bulk writes over lookups loaded up front, so the number of queries does not grow with the rows.

A workplace is known by its title and site: a known one is updated, an unknown one created. A site
that the employer does not have yet is created from the address columns. A column that is absent
leaves that field alone; a column that is present sets it, also when the cell is empty.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.bulk import (
    BATCH,
    AuditTrail,
    CellError,
    choice_words,
    field_labels,
    length_problem,
    parse_choice,
    parse_date,
    parse_list,
    parse_number,
)
from werkbrug.organisations.models import Organisation, Region, Site
from werkbrug.organisations.queries import organisations_managed_by
from werkbrug.organisations.travel import known_postcode
from werkbrug.people.models import User
from werkbrug.placements.models import Capacity, Workplace
from werkbrug.tabular import ImportResult, Row, RowError, TableFile, apply, read_checked
from werkbrug.vocab import CEFR, Sector, Shift, Support

COLUMNS = ("title", "site")
ADDRESS = ("street", "number", "postcode", "municipality", "country")
CAPACITY = ("places", "places_from", "places_until")
OPTIONAL = (
    *ADDRESS,
    "sector",
    "language_demand",
    "support_offered",
    "shifts",
    "hours",
    "description",
    "status",
    *CAPACITY,
)
PLACES = (0, 99)
LEVELS = choice_words(CEFR, **{"pre-a1": CEFR.PRE_A1, "pre a1": CEFR.PRE_A1, "prea1": CEFR.PRE_A1})
SECTORS = choice_words(Sector)
SUPPORT = choice_words(Support)
SHIFTS = choice_words(Shift)
STATUSES = choice_words(Workplace.Status)
COUNTRIES = choice_words(Region.Country)


def _default(name: str) -> object:
    return Workplace._meta.get_field(name).default


# column -> parser of the cell into the field of the same name. An empty cell clears the field or, for a
# field that cannot be empty, sets its default.
PARSERS: dict[str, Callable[[str], object]] = {
    "sector": lambda text: parse_choice(text, "sector", SECTORS) if text else "",
    "language_demand": lambda text: (
        parse_choice(text, "language_demand", LEVELS) if text else _default("language_demand")
    ),
    "support_offered": lambda text: parse_list(text, "support_offered", SUPPORT),
    "shifts": lambda text: parse_list(text, "shifts", SHIFTS),
    "hours": lambda text: text,
    "description": lambda text: text,
    "status": lambda text: parse_choice(text, "status", STATUSES) if text else _default("status"),
}


@dataclass(frozen=True)
class _Period:
    starts_on: datetime.date
    ends_on: datetime.date
    places: int


@dataclass
class _Line:
    line: int
    title: str
    site_name: str
    address: dict[str, str]  # the address columns as given (all empty: no address)
    values: dict[str, object] = field(default_factory=dict)
    period: _Period | None = None


@dataclass
class _Lookups:
    """The employer's sites, workplaces and capacities, loaded in three queries."""

    employer: Organisation
    sites: dict[str, Site]  # name -> site, and case-folded name -> site
    workplaces: dict[tuple[int, str], Workplace]  # (site id, title) -> workplace
    capacities: dict[int, list[Capacity]]  # workplace id -> its periods

    @classmethod
    def load(cls, employer: Organisation) -> "_Lookups":
        sites: dict[str, Site] = {}
        for site in Site.objects.filter(organisation=employer).order_by("pk"):
            sites.setdefault(site.name.casefold(), site)
            sites[site.name] = site
        workplaces = {}
        for workplace in Workplace.objects.filter(employer=employer).order_by("pk"):
            workplace.employer = employer  # its name is in the audit entry; spares a query per row
            workplaces[(workplace.site_id, workplace.title)] = workplace
        capacities: dict[int, list[Capacity]] = {}
        for capacity in Capacity.objects.filter(workplace__employer=employer):
            capacities.setdefault(capacity.workplace_id, []).append(capacity)
        return cls(employer=employer, sites=sites, workplaces=workplaces, capacities=capacities)

    def site(self, name: str) -> Site | None:
        return self.sites.get(name) or self.sites.get(name.casefold())


def workplaces_import(
    *, employer: Organisation, file: TableFile, filename: str, dry_run: bool, by: User
) -> ImportResult:
    """Add and update an employer's workplaces from a table: title, site and the optional columns.

    Workplaces not in the file are left alone. Raises PermissionDenied unless `by` administers `employer`.
    """
    managed = organisations_managed_by(by).filter(pk=employer.pk, kind=Organisation.Kind.EMPLOYER)
    if not managed.exists():
        raise PermissionDenied
    result = ImportResult(dry_run=dry_run)
    table = read_checked(file, filename, COLUMNS, OPTIONAL, result.errors)
    if table is None:
        return result
    with transaction.atomic():
        locked = Organisation.objects.select_for_update(of=("self",)).select_related("region")
        employer = locked.get(pk=employer.pk)  # one import per employer at a time
        lookups = _Lookups.load(employer)
        lines = [_check(row, set(table.header), filename, result.errors) for row in table.rows]
        _check_duplicates(lines, lookups, filename, result.errors)
        new_sites = _new_sites(lines, lookups, filename, result.errors)
        if result.errors:
            result.errors.sort(key=lambda error: error.line)
            return result
        plan = _Plan(employer=employer, audit=AuditTrail(by=by), new_sites=new_sites)
        for line in lines:
            plan.add(line, lookups, filename, result.errors)
        if result.errors:
            result.errors.sort(key=lambda error: error.line)
            return result
        plan.report(result)
        if not dry_run:
            plan.write()
    return result


def _check(row: Row, header: set[str], filename: str, errors: list[RowError]) -> _Line:
    problems = []
    for column in COLUMNS:
        if not row[column]:
            problems.append(_("The %(column)s is empty.") % {"column": column})
    if message := length_problem(Workplace, "title", row["title"]):
        problems.append(message)
    if message := length_problem(Site, "name", row["site"]):
        problems.append(message)
    line = _Line(row.line, row["title"], row["site"], {c: row[c] for c in ADDRESS})
    for column, parse in PARSERS.items():
        if column in header:
            try:
                line.values[column] = parse(row[column])
            except CellError as exc:
                problems.append(str(exc))
    if message := length_problem(Workplace, "hours", row["hours"]):
        problems.append(message)
    try:
        line.period = _period(row)
    except CellError as exc:
        problems.append(str(exc))
    errors += [RowError(row.line, problem, filename) for problem in problems]
    return line


def _period(row: Row) -> _Period | None:
    """The capacity of the row: places from a date until a date; None when the three cells are empty."""
    places, starts, ends = (row[c] for c in CAPACITY)
    if not (places or starts or ends):
        return None
    if not (places and starts and ends):
        raise CellError(_("Give places, places_from and places_until together, or leave all three empty."))
    number = parse_number(places, "places", *PLACES)
    starts_on, ends_on = parse_date(starts, "places_from"), parse_date(ends, "places_until")
    if ends_on <= starts_on:
        raise CellError(_("places_until must be after places_from."))
    return _Period(starts_on, ends_on, number)


def _check_duplicates(lines: list[_Line], lookups: _Lookups, filename: str, errors: list[RowError]) -> None:
    first_line: dict[tuple[str, str], int] = {}
    for line in lines:
        site = lookups.site(line.site_name)
        key = (site.name if site else line.site_name.casefold(), line.title)
        if key in first_line:
            errors.append(
                RowError(
                    line.line,
                    _("The workplace “%(title)s” at site “%(site)s” is already on line %(line)s.")
                    % {"title": line.title, "site": line.site_name, "line": first_line[key]},
                    filename,
                )
            )
        else:
            first_line[key] = line.line


def _new_sites(
    lines: list[_Line], lookups: _Lookups, filename: str, errors: list[RowError]
) -> dict[str, Site]:
    """The sites to create (case-folded name -> unsaved site), from the first line that gives an address.

    Address columns are used only for a site the employer does not have yet.
    """
    given: dict[str, tuple[_Line, dict[str, str]]] = {}
    named: dict[str, _Line] = {}
    for line in lines:
        if not line.site_name or lookups.site(line.site_name) is not None:
            continue
        key = line.site_name.casefold()
        named.setdefault(key, line)
        if not any(line.address.values()):
            continue
        if key not in given:
            given[key] = (line, line.address)
        elif line.address != given[key][1]:
            errors.append(
                RowError(
                    line.line,
                    _("The new site “%(site)s” has another address on line %(line)s.")
                    % {"site": line.site_name, "line": given[key][0].line},
                    filename,
                )
            )
    sites = {}
    for key, line in named.items():
        first, address = given.get(key, (line, line.address))
        try:
            sites[key] = _site(first.site_name, address, lookups.employer)
        except CellError as exc:
            errors.append(RowError(first.line, str(exc), filename))
    return sites


def _site(name: str, address: dict[str, str], employer: Organisation) -> Site:
    """An unsaved site at the address, with the coordinates of its postcode (as `site_save` does)."""
    missing = [c for c in ("street", "number", "postcode") if not address[c]]
    if missing:
        raise CellError(
            _(
                "%(employer)s has no site “%(site)s” yet. To add it, fill in %(columns)s "
                "(municipality and country may stay empty)."
            )
            % {"employer": employer.name, "site": name, "columns": ", ".join(missing)}
        )
    country = employer.region.country
    if address["country"]:
        country = parse_choice(address["country"], "country", COUNTRIES)
    known = known_postcode(country, address["postcode"])
    if known is None:
        raise CellError(
            _("postcode: we do not know postcode %(postcode)s in %(country)s.")
            % {"postcode": address["postcode"], "country": Region.Country(country).label}
        )
    postcode, place = known
    site = Site(
        organisation=employer,
        name=name,
        street=address["street"],
        number=address["number"],
        postcode=postcode,
        municipality=address["municipality"] or place.name,
        country=country,
        latitude=place.lat,
        longitude=place.lon,
    )
    for column in ("street", "number", "municipality"):
        if message := length_problem(Site, column, getattr(site, column)):
            raise CellError(message)
    return site


@dataclass
class _Plan:
    """What to write: new sites, new and changed workplaces, new and changed capacity periods."""

    employer: Organisation
    audit: AuditTrail
    new_sites: dict[str, Site]
    workplaces_new: list[Workplace] = field(default_factory=list)
    workplaces_changed: list[Workplace] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    capacities_new: list[Capacity] = field(default_factory=list)
    capacities_changed: list[Capacity] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def add(self, line: _Line, lookups: _Lookups, filename: str, errors: list[RowError]) -> None:
        site = lookups.site(line.site_name) or self.new_sites[line.site_name.casefold()]
        name = f"{line.title} · {site.name}"
        workplace = lookups.workplaces.get((site.pk, line.title)) if site.pk else None
        if workplace is None:
            workplace = Workplace(employer=self.employer, site=site, title=line.title)
            apply(workplace, line.values)
            self.workplaces_new.append(workplace)
            if line.period:
                self.capacities_new.append(Capacity(workplace=workplace, **vars(line.period)))
            self.created.append(name)
            return
        self.audit.changing(workplace)
        diff = apply(workplace, line.values)
        labels = field_labels(Workplace, diff)
        try:
            if line.period and self._period(workplace, line.period, lookups.capacities.get(workplace.pk, [])):
                labels.append(str(Capacity._meta.verbose_name))
        except CellError as exc:
            errors.append(RowError(line.line, str(exc), filename))
        if diff:
            self.workplaces_changed.append(workplace)
            self.fields.update(diff)
            self.audit.changed(workplace, diff)
        if labels:
            self.changed.append(f"{name}: {', '.join(labels)}")
        else:
            self.unchanged += 1

    def _period(self, workplace: Workplace, period: _Period, periods: list[Capacity]) -> bool:
        """Plan the period (as `capacity_set` does: same start updates it); True when something changes."""
        same = next((c for c in periods if c.starts_on == period.starts_on), None)
        overlap = next(
            (
                c
                for c in periods
                if c is not same and c.starts_on <= period.ends_on and c.ends_on >= period.starts_on
            ),
            None,
        )
        if overlap is not None:
            raise CellError(
                _("The period %(start)s to %(end)s overlaps the period %(other_start)s to %(other_end)s.")
                % {
                    "start": period.starts_on,
                    "end": period.ends_on,
                    "other_start": overlap.starts_on,
                    "other_end": overlap.ends_on,
                }
            )
        if same is None:
            self.capacities_new.append(Capacity(workplace=workplace, **vars(period)))
            return True
        self.audit.changing(same)
        diff = apply(same, {"ends_on": period.ends_on, "places": period.places})
        if diff:
            self.capacities_changed.append(same)
            self.audit.changed(same, diff)
        return bool(diff)

    def report(self, result: ImportResult) -> None:
        result.created += self.created
        result.changed += self.changed
        result.unchanged += self.unchanged

    def write(self) -> None:
        sites = list(self.new_sites.values())
        Site.objects.bulk_create(sites, batch_size=BATCH)
        Workplace.objects.bulk_create(self.workplaces_new, batch_size=BATCH)
        now = timezone.now()
        for workplace in self.workplaces_changed:
            workplace.updated_at = now
        if self.workplaces_changed:
            fields = sorted(self.fields | {"updated_at"})
            Workplace.objects.bulk_update(self.workplaces_changed, fields, batch_size=BATCH)
        Capacity.objects.bulk_create(self.capacities_new, batch_size=BATCH)
        Capacity.objects.bulk_update(self.capacities_changed, ["ends_on", "places"], batch_size=BATCH)
        self.audit.created([*sites, *self.workplaces_new, *self.capacities_new])
        self.audit.write()
