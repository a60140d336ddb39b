"""Import a school's learners from the table it keeps (CSV or .xlsx), as `competences.importers` does.

The whole file is read and checked first; every bad row is reported with its line and, if anything is
wrong, nothing is written. Otherwise everything is written in one transaction (nothing in a dry run),
with bulk writes over lookups loaded up front, so the number of queries does not grow with the rows.

A learner is known by e-mail address within the school: a known learner is updated, an unknown one is
created with an account without password (an invitation lets them set one). A column that is absent
leaves that field alone; a column that is present sets it, also when the cell is empty.

Support needs are never imported: they are kept only with the recorded consent of the learner, or of a
parent for a minor (see `learners.services.support_consent_give`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from werkbrug.bulk import (
    BATCH,
    AuditTrail,
    CellError,
    choice_words,
    chunks,
    field_labels,
    length_problem,
    parse_choice,
    parse_date,
    parse_list,
    parse_number,
)
from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.queries import schools_for_new_learners
from werkbrug.organisations.models import Organisation, Programme, Region
from werkbrug.organisations.travel import known_postcode
from werkbrug.people.models import Invitation, Membership, Role, User
from werkbrug.people.rules import can_invite
from werkbrug.tabular import ImportResult, Row, RowError, TableFile, apply, read_checked
from werkbrug.vocab import CEFR, Sector, TravelMode

COLUMNS = ("email", "full_name")
OPTIONAL = (
    "programme",
    "date_of_birth",
    "home_postcode",
    "home_country",
    "mobility_modes",
    "max_travel_minutes",
    "dutch_level",
    "sectors",
    "available_from",
    "coach_email",
    "interests",
    "wishes",
)
REFUSED = "support_needs"
MINUTES = (5, 180)
# The codes, and the words a Flemish or Dutch coach types in a spreadsheet.
MODES = choice_words(
    TravelMode,
    **{
        "te voet": TravelMode.WALK,
        "voet": TravelMode.WALK,
        "lopen": TravelMode.WALK,
        "on foot": TravelMode.WALK,
        "fiets": TravelMode.BIKE,
        "bike": TravelMode.BIKE,
        "bromfiets": TravelMode.MOPED,
        "brommer": TravelMode.MOPED,
        "scooter": TravelMode.MOPED,
        "bus": TravelMode.PUBLIC_TRANSPORT,
        "trein": TravelMode.PUBLIC_TRANSPORT,
        "tram": TravelMode.PUBLIC_TRANSPORT,
        "bus of trein": TravelMode.PUBLIC_TRANSPORT,
        "openbaar vervoer": TravelMode.PUBLIC_TRANSPORT,
        "ov": TravelMode.PUBLIC_TRANSPORT,
        "auto": TravelMode.CAR,
    },
)
LEVELS = choice_words(CEFR, **{"pre-a1": CEFR.PRE_A1, "pre a1": CEFR.PRE_A1, "prea1": CEFR.PRE_A1})
SECTORS = choice_words(Sector)
COUNTRIES = choice_words(Region.Country)


@dataclass
class _Lookups:
    """Everything the rows are checked against, loaded in a fixed number of queries."""

    school: Organisation
    country: str
    names: dict[str, Programme]
    codes: dict[str, list[Programme]]
    coaches: dict[str, User]
    users: dict[str, User]  # e-mail -> account, with `.learner` fetched and `.learner_here` annotated

    @classmethod
    def load(cls, school: Organisation, country: str, emails: list[str]) -> "_Lookups":
        programmes = list(Programme.objects.filter(school=school))
        codes: dict[str, list[Programme]] = {}
        for programme in programmes:
            if programme.qualification_code:
                codes.setdefault(programme.qualification_code.casefold(), []).append(programme)
        coach_ids = (
            Membership.objects.current().filter(organisation=school, role=Role.COACH).values("user_id")
        )
        here = Membership.objects.current().filter(
            user=OuterRef("pk"), organisation=school, role=Role.LEARNER
        )
        users = {}
        for chunk in chunks(emails):
            qs = User.objects.filter(email__in=chunk).select_related("learner")
            users.update({u.email: u for u in qs.annotate(learner_here=Exists(here))})
        return cls(
            school=school,
            country=country,
            names={p.name.casefold(): p for p in programmes},
            codes=codes,
            coaches={u.email: u for u in User.objects.filter(pk__in=coach_ids)},
            users=users,
        )


@dataclass
class _Line:
    """One checked row: the person, their account and file if they exist, and the values to set."""

    line: int
    email: str
    full_name: str
    user: User | None
    learner: LearnerProfile | None
    values: dict[str, object] = field(default_factory=dict)  # attname -> value


def learners_import(
    *,
    school: Organisation,
    file: TableFile,
    filename: str,
    dry_run: bool,
    by: User,
    invite: bool = False,
) -> ImportResult:
    """Add and update a school's learners from a table: email, full_name and the optional profile columns.

    Learners not in the file are left alone. With `invite`, each new learner gets an invitation by e-mail
    (not in a dry run). Raises PermissionDenied unless `by` may add learners to `school`.
    """
    if not schools_for_new_learners(by).filter(pk=school.pk).exists():
        raise PermissionDenied
    result = ImportResult(dry_run=dry_run)
    table = read_checked(file, filename, COLUMNS, OPTIONAL, result.errors)
    if table is None:
        return result
    if REFUSED in table.header:
        result.errors.append(RowError(1, _refused_message(), filename))
    with transaction.atomic():
        locked = Organisation.objects.select_for_update(of=("self",)).select_related("region")
        school = locked.get(pk=school.pk)  # one import per school at a time
        emails = sorted({_email(row["email"]) for row in table.rows} - {""})
        lookups = _Lookups.load(school, school.region.country, emails)
        lines = _check(table.rows, set(table.header), lookups, filename, result.errors)
        if result.errors:
            return result
        plan = _Plan.of(lines, school, by)
        plan.report(result)
        if not dry_run:
            plan.write()
            if invite and plan.profiles_new:
                _invite(plan.profiles_new, school, by)
    return result


def _refused_message() -> str:
    return _(
        "Support needs cannot be imported: they are kept only with the consent of the learner, or of a "
        "parent for a minor. Remove the column support_needs; the learner or parent gives them on the "
        "learner's page."
    )


def _email(text: str) -> str:
    return User.objects.normalize_email(text.strip()).lower()


def _check(
    rows: list[Row], header: set[str], lookups: _Lookups, filename: str, errors: list[RowError]
) -> list[_Line]:
    lines, first_line = [], {}
    for row in rows:
        problems: list[str] = []
        email = _email(row["email"])
        user = _person(row["email"], email, first_line, row.line, lookups, problems)
        full_name = row["full_name"]
        if not full_name:
            problems.append(_("The name (full_name) is empty."))
        elif message := length_problem(User, "full_name", full_name):
            problems.append(message)
        learner = getattr(user, "learner", None)
        line = _Line(row.line, email, full_name, user, learner)
        problems += _profile_values(row, header, lookups, line)
        errors += [RowError(row.line, problem, filename) for problem in problems]
        lines.append(line)
    return lines


def _person(
    text: str, email: str, first_line: dict[str, int], line: int, lookups: _Lookups, problems: list[str]
) -> User | None:
    """The existing account of this e-mail address, after checking the address (problems added)."""
    if not text:
        problems.append(_("The e-mail address is empty."))
        return None
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("“%(value)s” is not a valid e-mail address.") % {"value": text})
        return None
    if email in first_line:
        problems.append(
            _("%(email)s is already on line %(line)s.") % {"email": email, "line": first_line[email]}
        )
        return None
    first_line[email] = line
    user = lookups.users.get(email)
    learner = getattr(user, "learner", None)
    if learner is not None and learner.school_id != lookups.school.pk:
        problems.append(
            _("%(email)s is already a learner at another school. That school can end their file first.")
            % {"email": email}
        )
    return user


def _profile_values(row: Row, header: set[str], lookups: _Lookups, line: _Line) -> list[str]:
    """Fill `line.values` from the columns present; return the problems found."""
    problems = []
    for column, (attname, parse) in PARSERS.items():
        if column in header:
            try:
                line.values[attname] = parse(row[column], lookups)
            except CellError as exc:
                problems.append(str(exc))
    if "home_postcode" in header:  # after home_country: the postcode is looked up in that country
        try:
            line.values["home_postcode"] = _postcode(row["home_postcode"], line, lookups)
        except CellError as exc:
            problems.append(str(exc))
    return problems


def _programme(text: str, lookups: _Lookups) -> int | None:
    if not text:
        return None
    key = text.casefold()
    if key in lookups.names:
        return lookups.names[key].pk
    matches = lookups.codes.get(key, [])
    if len(matches) > 1:
        raise CellError(
            _("programme: “%(value)s” is the qualification code of several programmes; give the name.")
            % {"value": text}
        )
    if not matches:
        raise CellError(
            _("programme: %(school)s has no programme named or coded “%(value)s”.")
            % {"school": lookups.school.name, "value": text}
        )
    return matches[0].pk


def _coach(text: str, lookups: _Lookups) -> int | None:
    if not text:
        return None
    coach = lookups.coaches.get(_email(text))
    if coach is None:
        raise CellError(
            _("coach_email: %(email)s is not a coach of %(school)s.")
            % {"email": text, "school": lookups.school.name}
        )
    return coach.pk


def _birth_date(text: str, _lookups: _Lookups) -> date | None:
    born = parse_date(text, "date_of_birth")
    if born is not None and born >= timezone.localdate():
        raise CellError(_("date_of_birth: %(value)s is not in the past.") % {"value": text})
    return born


def _minutes(text: str, _lookups: _Lookups) -> int:
    if not text:
        return LearnerProfile._meta.get_field("max_travel_minutes").default
    return parse_number(text, "max_travel_minutes", *MINUTES)


def _postcode(text: str, line: _Line, lookups: _Lookups) -> str:
    if not text:
        return ""
    country = str(line.values.get("home_country") or getattr(line.learner, "home_country", lookups.country))
    known = known_postcode(country, text)
    if known is None:
        raise CellError(
            _("home_postcode: we do not know postcode %(postcode)s in %(country)s.")
            % {"postcode": text, "country": Region.Country(country).label}
        )
    return known[0]


def _country(text: str, lookups: _Lookups) -> str:
    return parse_choice(text, "home_country", COUNTRIES) if text else lookups.country


def _level(text: str, lookups: _Lookups) -> str:
    return parse_choice(text, "dutch_level", LEVELS) if text else ""


# column -> (field attname, parser of the cell). An empty cell clears the field (or sets its default).
PARSERS: dict[str, tuple[str, Callable[[str, _Lookups], object]]] = {
    "programme": ("programme_id", _programme),
    "coach_email": ("coach_id", _coach),
    "date_of_birth": ("date_of_birth", _birth_date),
    "available_from": ("available_from", lambda text, _lookups: parse_date(text, "available_from")),
    "home_country": ("home_country", _country),
    "mobility_modes": ("mobility_modes", lambda text, _lookups: parse_list(text, "mobility_modes", MODES)),
    "max_travel_minutes": ("max_travel_minutes", _minutes),
    "dutch_level": ("dutch_level", _level),
    "sectors": ("sectors", lambda text, _lookups: parse_list(text, "sectors", SECTORS)),
    "interests": ("interests", lambda text, _lookups: text),
    "wishes": ("wishes", lambda text, _lookups: text),
}


@dataclass
class _Plan:
    """What to write: new accounts, roles and files, and the files (and names) that change."""

    school: Organisation
    audit: AuditTrail
    users_new: list[User] = field(default_factory=list)
    users_renamed: list[User] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    profiles_new: list[LearnerProfile] = field(default_factory=list)
    profiles_changed: list[LearnerProfile] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @classmethod
    def of(cls, lines: list[_Line], school: Organisation, by: User) -> "_Plan":
        plan = cls(school=school, audit=AuditTrail(by=by))
        today = timezone.localdate()
        for line in lines:
            if line.learner is None:
                plan._add(line, today)
            else:
                plan._update(line)
        return plan

    def _add(self, line: _Line, today) -> None:
        user = line.user
        if user is None:
            user = User(email=line.email, full_name=line.full_name)
            user.set_unusable_password()
            self.users_new.append(user)
        if user.pk is None or not user.learner_here:
            self.memberships.append(
                Membership(user=user, organisation=self.school, role=Role.LEARNER, valid_from=today)
            )
        profile = LearnerProfile(user=user, school=self.school)
        if "home_country" not in line.values:
            profile.home_country = self.school.region.country
        apply(profile, line.values)
        self.profiles_new.append(profile)
        self.created.append(f"{line.email} ({line.full_name})")

    def _update(self, line: _Line) -> None:
        profile, user = line.learner, line.user
        self.audit.changing(profile)
        diff = apply(profile, line.values)
        labels = field_labels(LearnerProfile, diff)
        if user.full_name != line.full_name:
            self.audit.changing(user)
            user.full_name = line.full_name
            self.users_renamed.append(user)
            self.audit.changed(user, ["full_name"])
            labels.insert(0, str(User._meta.get_field("full_name").verbose_name))
        if diff:
            self.profiles_changed.append(profile)
            self.fields.update(diff)
            self.audit.changed(profile, diff)
        if labels:
            self.changed.append(f"{line.email}: {', '.join(labels)}")
        else:
            self.unchanged += 1

    def report(self, result: ImportResult) -> None:
        result.created += self.created
        result.changed += self.changed
        result.unchanged += self.unchanged

    def write(self) -> None:
        User.objects.bulk_create(self.users_new, batch_size=BATCH)
        Membership.objects.bulk_create(self.memberships, batch_size=BATCH)
        LearnerProfile.objects.bulk_create(self.profiles_new, batch_size=BATCH)
        now = timezone.now()
        for profile in self.profiles_changed:
            profile.updated_at = now
        if self.profiles_changed:
            fields = sorted(self.fields | {"updated_at"})
            LearnerProfile.objects.bulk_update(self.profiles_changed, fields, batch_size=BATCH)
        User.objects.bulk_update(self.users_renamed, ["full_name"], batch_size=BATCH)
        self.audit.created([*self.users_new, *self.memberships, *self.profiles_new])
        self.audit.write()


def _invite(profiles: list[LearnerProfile], school: Organisation, by: User) -> None:
    """One invitation per new learner, as `people.services.invitation_create` makes them, in bulk.

    The e-mails go out after the commit, one task each.
    """
    if not can_invite(by, school, Role.LEARNER):
        raise PermissionDenied
    from werkbrug.people.tasks import invitation_send

    emails = [p.user.email for p in profiles]
    for chunk in chunks(emails):
        Invitation.objects.open().filter(email__in=chunk, organisation=school, role=Role.LEARNER).update(
            revoked_at=timezone.now()
        )
    expires = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitations, tokens = [], []
    for profile in profiles:
        invitation = Invitation(
            email=profile.user.email,
            full_name=profile.user.full_name,
            organisation=school,
            role=Role.LEARNER,
            invited_by=by,
            expires_at=expires,
        )
        tokens.append(invitation.set_new_token())
        invitations.append(invitation)
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    audit = AuditTrail(by=by)
    audit.created(invitations)
    audit.write()
    language = translation.get_language() or settings.LANGUAGE_CODE
    sends = [(invitation.pk, token) for invitation, token in zip(invitations, tokens, strict=True)]

    def send() -> None:
        for pk, token in sends:
            invitation_send.enqueue(pk, token, language)

    transaction.on_commit(send)
