"""Bulk import of learners and workplaces: dry run, errors per line, all or nothing, few queries."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook

from werkbrug.learners.importers import learners_import
from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Site
from werkbrug.people.models import Invitation, Membership, Role, User
from werkbrug.placements.importers import workplaces_import
from werkbrug.placements.models import Capacity, Workplace

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

LEARNER_HEADER = [
    "email",
    "full_name",
    "programme",
    "date_of_birth",
    "home_postcode",
    "mobility_modes",
    "max_travel_minutes",
    "dutch_level",
    "sectors",
    "available_from",
    "coach_email",
    "interests",
    "wishes",
]
WORKPLACE_HEADER = [
    "title",
    "site",
    "street",
    "number",
    "postcode",
    "sector",
    "language_demand",
    "support_offered",
    "shifts",
    "hours",
    "status",
    "places",
    "places_from",
    "places_until",
]


def table(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def workbook(header: list[str], rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def learner(**values: str) -> list[str]:
    """A row in the order of LEARNER_HEADER; columns not given are empty."""
    return [values.get(column, "") for column in LEARNER_HEADER]


def workplace(**values: str) -> list[str]:
    return [values.get(column, "") for column in WORKPLACE_HEADER]


def learner_rows(cast) -> list[list[str]]:
    return [
        learner(
            email="Sara.Janssens@example.org",
            full_name="Sara Janssens",
            programme="Logistiek assistent",
            date_of_birth="2008-03-31",
            home_postcode="3600",
            mobility_modes="fiets|bus",
            max_travel_minutes="40",
            dutch_level="a2",
            sectors="logistics|retail",
            available_from="01/09/2025",
            coach_email=cast.coach.email,
            interests="Dozen stapelen",
            wishes="Liefst dichtbij",
        ),
        learner(
            email="yusuf.demir@example.org",
            full_name="Yusuf Demir",
            date_of_birth="31/01/2007",
            home_postcode="3500",
            mobility_modes="te voet",
            dutch_level="B1",
        ),
    ]


def import_learners(cast, content: bytes, *, filename: str = "leerlingen.csv", dry_run: bool = False, **kw):
    return learners_import(
        school=cast.school, file=content, filename=filename, dry_run=dry_run, by=cast.coach, **kw
    )


def counts() -> tuple[int, int, int]:
    return User.objects.count(), Membership.objects.count(), LearnerProfile.objects.count()


# -- Learners --------------------------------------------------------------------------------------------


def test_a_good_file_creates_the_learners_with_their_profiles(cast):
    before = counts()
    result = import_learners(cast, table(LEARNER_HEADER, learner_rows(cast)))
    assert result.ok, result.errors
    assert len(result.created) == 2 and result.changed == [] and result.unchanged == 0
    assert counts() == (before[0] + 2, before[1] + 2, before[2] + 2)
    sara = LearnerProfile.objects.select_related("user").get(user__email="sara.janssens@example.org")
    assert sara.school == cast.school and sara.programme == cast.programme and sara.coach == cast.coach
    assert not sara.user.has_usable_password()
    assert (sara.home_postcode, sara.home_country, sara.max_travel_minutes) == ("3600", "BE", 40)
    assert sara.mobility_modes == ["bike", "public_transport"] and sara.dutch_level == "A2"
    assert sara.sectors == ["logistics", "retail"]
    assert (str(sara.date_of_birth), str(sara.available_from)) == ("2008-03-31", "2025-09-01")
    assert Membership.objects.current().filter(user=sara.user, organisation=cast.school, role=Role.LEARNER)
    yusuf = LearnerProfile.objects.get(user__email="yusuf.demir@example.org")
    assert (yusuf.mobility_modes, yusuf.max_travel_minutes, yusuf.programme) == (["walk"], 45, None)
    assert not Invitation.objects.filter(email__in=["sara.janssens@example.org", "yusuf.demir@example.org"])


def test_the_same_file_again_changes_nothing(cast):
    content = table(LEARNER_HEADER, learner_rows(cast))
    import_learners(cast, content)
    before = counts()
    again = import_learners(cast, content)
    assert again.ok and (again.created, again.changed, again.unchanged) == ([], [], 2)
    assert counts() == before


def test_a_dry_run_writes_nothing_and_reports_what_the_import_does(cast):
    content = table(LEARNER_HEADER, learner_rows(cast))
    before, entries = counts(), LogEntry.objects.count()
    dry = import_learners(cast, content, dry_run=True)
    assert dry.ok and dry.dry_run
    assert counts() == before and LogEntry.objects.count() == entries
    real = import_learners(cast, content)
    assert (dry.created, dry.changed, dry.unchanged) == (real.created, real.changed, real.unchanged)


def test_a_known_learner_is_updated_and_the_changed_fields_are_named(cast):
    rows = [
        learner(
            email=cast.learner.email, full_name="Nieuwe Naam", home_postcode="3500", max_travel_minutes="60"
        )
    ]
    result = import_learners(cast, table(LEARNER_HEADER, rows))
    assert result.ok and result.created == [] and len(result.changed) == 1
    profile = LearnerProfile.objects.select_related("user").get(pk=cast.learner_profile.pk)
    assert (profile.user.full_name, profile.home_postcode, profile.max_travel_minutes) == (
        "Nieuwe Naam",
        "3500",
        60,
    )
    assert LogEntry.objects.get_for_object(profile).filter(actor=cast.coach).exists()


def test_a_column_that_is_absent_leaves_the_field_alone(cast):
    cast.learner_profile.interests = "Koken"
    cast.learner_profile.save(update_fields=["interests"])
    result = import_learners(
        cast, table(["email", "full_name"], [[cast.learner.email, cast.learner.full_name]])
    )
    assert result.ok and result.unchanged == 1
    cast.learner_profile.refresh_from_db()
    assert cast.learner_profile.interests == "Koken"


def test_an_xlsx_workbook_works_too(cast):
    rows = [["xlsx.leerling@example.org", "Els Xlsx", "Logistiek assistent", None, 3600, "fiets", 30, "B1"]]
    content = workbook(LEARNER_HEADER[:8], rows)
    result = import_learners(cast, content, filename="leerlingen.xlsx")
    assert result.ok, result.errors
    learner = LearnerProfile.objects.get(user__email="xlsx.leerling@example.org")
    assert (learner.home_postcode, learner.max_travel_minutes, learner.mobility_modes) == (
        "3600",
        30,
        ["bike"],
    )


def test_a_semicolon_separated_file_works(cast):
    content = table(LEARNER_HEADER, learner_rows(cast), delimiter=";")
    result = import_learners(cast, content)
    assert result.ok and len(result.created) == 2


BAD_LEARNER_ROWS = {
    "unknown programme": {"programme": "Astronaut"},
    "unknown postcode": {"home_postcode": "9999"},
    "bad e-mail": {"email": "geen-adres"},
    "bad date": {"date_of_birth": "31/02/2008"},
    "birth in the future": {"date_of_birth": "2999-01-01"},
    "bad CEFR": {"dutch_level": "Z9"},
    "unknown coach": {"coach_email": "niemand@example.org"},
    "too many minutes": {"max_travel_minutes": "240"},
    "too few minutes": {"max_travel_minutes": "2"},
    "unknown way to travel": {"mobility_modes": "fiets|raket"},
    "unknown sector": {"sectors": "space"},
    "empty name": {"full_name": ""},
}


@pytest.mark.parametrize("change", BAD_LEARNER_ROWS.values(), ids=BAD_LEARNER_ROWS.keys())
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_written(cast, change):
    good, bad = learner_rows(cast)
    bad = [change.get(column, value) for column, value in zip(LEARNER_HEADER, bad, strict=True)]
    before = counts()
    result = import_learners(cast, table(LEARNER_HEADER, [good, bad]))
    assert [error.line for error in result.errors] == [3]
    assert result.created == [] and counts() == before


def test_an_address_twice_in_the_file_is_an_error_on_the_second_line(cast):
    good = learner_rows(cast)[0]
    result = import_learners(cast, table(LEARNER_HEADER, [good, [*good[:1], "Zus Janssens", *good[2:]]]))
    assert [error.line for error in result.errors] == [3]
    assert "2" in result.errors[0].message


def test_a_learner_of_another_school_is_not_taken_over(cast):
    rows = [[cast.other_learner.email, "Iemand Anders"]]
    result = import_learners(cast, table(["email", "full_name"], rows))
    assert [error.line for error in result.errors] == [2]
    assert LearnerProfile.objects.get(user=cast.other_learner).school == cast.other_school


def test_support_needs_are_refused_at_line_1(cast):
    rows = [["nieuw@example.org", "Nieuw", "job_coach"]]
    before = counts()
    result = import_learners(cast, table(["email", "full_name", "support_needs"], rows))
    assert [error.line for error in result.errors] == [1]
    assert "support_needs" in result.errors[0].message
    assert counts() == before


def test_a_programme_can_be_named_by_its_qualification_code(cast):
    programme = ProgrammeFactory(school=cast.school, name="Verkoper", qualification_code="BK-0123")
    result = import_learners(
        cast, table(["email", "full_name", "programme"], [["v@example.org", "V", "bk-0123"]])
    )
    assert result.ok
    assert LearnerProfile.objects.get(user__email="v@example.org").programme == programme


def test_only_who_may_add_learners_to_the_school_may_import(cast):
    content = table(["email", "full_name"], [["x@example.org", "X"]])
    for person in (cast.other_coach, cast.mentor, cast.learner, cast.jobhunter):
        with pytest.raises(PermissionDenied):
            learners_import(school=cast.school, file=content, filename="x.csv", dry_run=True, by=person)


def test_invitations_go_out_only_when_asked(cast, django_capture_on_commit_callbacks):
    content = table(LEARNER_HEADER, learner_rows(cast))
    with django_capture_on_commit_callbacks(execute=True):
        result = import_learners(cast, content, invite=True)
    assert result.ok
    invited = Invitation.objects.filter(organisation=cast.school, role=Role.LEARNER, invited_by=cast.coach)
    assert sorted(invited.values_list("email", flat=True)) == [
        "sara.janssens@example.org",
        "yusuf.demir@example.org",
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "sara.janssens@example.org",
        "yusuf.demir@example.org",
    ]


def test_a_thousand_learners_take_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    typical = {"programme": "Logistiek assistent", "home_postcode": "3600", "mobility_modes": "fiets|bus"}
    typical |= {"dutch_level": "A2", "sectors": "logistics", "coach_email": cast.coach.email}
    rows = [learner(email=f"l{i}@example.org", full_name=f"Leerling {i}", **typical) for i in range(1000)]
    content = table(LEARNER_HEADER, rows)
    # Checking: the access check, a savepoint, the school (locked), its programmes, its coaches, the
    # accounts of the file's addresses, and releasing the savepoint.
    with django_assert_max_num_queries(7):
        assert import_learners(cast, content, dry_run=True).ok
    # Writing adds the inserts of 1,000 accounts, roles and learner files and their 3,000 audit entries.
    # PostgreSQL takes 1,000 rows per query (13 queries in all). SQLite allows 999 parameters per query,
    # so Django splits them by the number of columns: 9 + 8 + 20 + 46 inserts, 90 queries in all.
    with django_assert_max_num_queries(90):
        result = import_learners(cast, content)
    assert len(result.created) == 1000 and LearnerProfile.objects.filter(school=cast.school).count() == 1001
    with django_assert_max_num_queries(7):
        assert import_learners(cast, content, dry_run=True).unchanged == 1000


# -- Workplaces ------------------------------------------------------------------------------------------


def workplace_rows() -> list[list[str]]:
    return [
        # The cast's workplace at its existing site: updated.
        workplace(
            title="Magazijnmedewerker",
            site="Magazijn Genk",
            sector="logistics",
            language_demand="A2",
            support_offered="job_coach|fixed_structure",
            shifts="day",
            hours="ma-vr 8:00-16:30",
            status="open",
            places="2",
            places_from="2025-09-01",
            places_until="2026-06-30",
        ),
        # A new workplace at a new site.
        workplace(
            title="Hulpkok",
            site="Restaurant Hasselt",
            street="Grote Markt",
            number="3",
            postcode="3500",
            sector="hospitality",
            language_demand="A1",
            support_offered="visual_instructions",
            shifts="early_late",
            places="1",
            places_from="01/09/2025",
            places_until="30/06/2026",
        ),
        # Another new workplace at the same new site; the address need not be repeated.
        workplace(title="Afwasser", site="Restaurant Hasselt", sector="hospitality"),
    ]


def import_workplaces(cast, content: bytes, *, filename: str = "werkplekken.csv", dry_run: bool = False):
    return workplaces_import(
        employer=cast.employer, file=content, filename=filename, dry_run=dry_run, by=cast.org_admin
    )


def register() -> tuple[int, int, int]:
    return Site.objects.count(), Workplace.objects.count(), Capacity.objects.count()


def test_a_good_workplace_file_creates_and_updates(cast):
    before = register()
    result = import_workplaces(cast, table(WORKPLACE_HEADER, workplace_rows()))
    assert result.ok, result.errors
    assert len(result.created) == 2 and len(result.changed) == 1
    assert register() == (before[0] + 1, before[1] + 2, before[2] + 2)
    cast.workplace.refresh_from_db()
    assert (cast.workplace.sector, cast.workplace.support_offered) == (
        "logistics",
        ["fixed_structure", "job_coach"],
    )
    assert cast.workplace.capacities.get().places == 2
    site = Site.objects.get(organisation=cast.employer, name="Restaurant Hasselt")
    assert (site.postcode, site.municipality, site.country) == ("3500", "Hasselt", "BE")
    assert site.latitude and site.longitude
    cook = Workplace.objects.get(title="Hulpkok")
    assert (cook.site, cook.language_demand, cook.shifts) == (site, "A1", ["early_late"])
    assert Workplace.objects.get(title="Afwasser").language_demand == "A2"  # the default for an empty cell
    assert LogEntry.objects.get_for_object(cook).filter(actor=cast.org_admin).exists()


def test_the_same_workplace_file_again_changes_nothing(cast):
    content = table(WORKPLACE_HEADER, workplace_rows())
    import_workplaces(cast, content)
    before = register()
    again = import_workplaces(cast, content)
    assert again.ok and (again.created, again.changed, again.unchanged) == ([], [], 3)
    assert register() == before


def test_a_workplace_dry_run_writes_nothing(cast):
    content = table(WORKPLACE_HEADER, workplace_rows())
    before = register()
    dry = import_workplaces(cast, content, dry_run=True)
    assert dry.ok and register() == before
    real = import_workplaces(cast, content)
    assert (dry.created, dry.changed) == (real.created, real.changed)


def test_a_workplace_workbook_and_semicolons_work(cast):
    rows = workplace_rows()
    result = import_workplaces(cast, workbook(WORKPLACE_HEADER, rows), filename="werkplekken.xlsx")
    assert result.ok, result.errors
    again = import_workplaces(cast, table(WORKPLACE_HEADER, rows, delimiter=";"))
    assert again.ok and again.unchanged == 3


BAD_WORKPLACE_ROWS = {
    "new site without address": {"street": ""},
    "unknown postcode": {"postcode": "0000"},
    "bad sector": {"sector": "space"},
    "bad support": {"support_offered": "visual_instructions|magic"},
    "bad shift": {"shifts": "siesta"},
    "bad Dutch level": {"language_demand": "D1"},
    "bad status": {"status": "closed"},
    "places without dates": {"places_from": ""},
    "period ends before it starts": {"places_until": "2025-08-01"},
    "too many places": {"places": "500"},
    "bad date": {"places_from": "2025-13-01"},
    "duplicate workplace": {"title": "Magazijnmedewerker", "site": "Magazijn Genk"},
    "empty title": {"title": ""},
}


@pytest.mark.parametrize("change", BAD_WORKPLACE_ROWS.values(), ids=BAD_WORKPLACE_ROWS.keys())
def test_a_bad_workplace_row_is_reported_with_its_line_and_nothing_is_written(cast, change):
    good, bad, _third = workplace_rows()
    bad = [change.get(column, value) for column, value in zip(WORKPLACE_HEADER, bad, strict=True)]
    before, entries = register(), LogEntry.objects.count()
    result = import_workplaces(cast, table(WORKPLACE_HEADER, [good, bad]))
    assert [error.line for error in result.errors] == [3]
    assert result.created == [] and register() == before and LogEntry.objects.count() == entries


def test_a_period_that_overlaps_another_is_refused(cast):
    Capacity.objects.create(workplace=cast.workplace, starts_on="2025-01-01", ends_on="2025-12-31", places=1)
    good, _new, _other = workplace_rows()
    result = import_workplaces(cast, table(WORKPLACE_HEADER, [good]))
    assert [error.line for error in result.errors] == [2]


def test_only_the_employers_admins_may_import_workplaces(cast):
    content = table(["title", "site"], [["X", "Magazijn Genk"]])
    for person in (cast.mentor, cast.coach, cast.coordinator, cast.school_admin):
        with pytest.raises(PermissionDenied):
            workplaces_import(employer=cast.employer, file=content, filename="x.csv", dry_run=True, by=person)


def test_a_thousand_workplaces_take_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    typical = {
        "street": "Industrieweg",
        "postcode": "3600",
        "sector": "logistics",
        "support_offered": "job_coach",
    }
    typical |= {"places": "1", "places_from": "2025-09-01", "places_until": "2026-06-30"}
    rows = [
        workplace(title=f"Werkplek {i}", site=f"Vestiging {i % 10}", number=str(i % 10 + 1), **typical)
        for i in range(1000)
    ]
    content = table(WORKPLACE_HEADER, rows)
    # Checking: the access check, a savepoint, the employer (locked), its sites, workplaces and
    # capacities, and releasing the savepoint.
    with django_assert_max_num_queries(7):
        assert import_workplaces(cast, content, dry_run=True).ok
    # Writing adds the inserts of 10 sites, 1,000 workplaces, 1,000 periods and their audit entries: in
    # batches of 1,000 rows on PostgreSQL, of 999 parameters on SQLite (59 queries in all).
    with django_assert_max_num_queries(60):
        result = import_workplaces(cast, content)
    assert len(result.created) == 1000 and Workplace.objects.filter(employer=cast.employer).count() == 1001


# -- The pages -------------------------------------------------------------------------------------------


def upload(name: str, content: bytes) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = name
    return file


def test_the_learner_import_page_checks_then_imports(client, cast):
    client.force_login(cast.coach)
    url = reverse("learners:import")
    assert client.get(url).status_code == 200
    checked = client.post(url, {"file": upload("leerlingen.csv", table(LEARNER_HEADER, learner_rows(cast)))})
    assert checked.status_code == 200 and checked.context["result"].ok
    assert not User.objects.filter(email="sara.janssens@example.org").exists()
    done = client.post(url, {"confirm": checked.context["key"]})
    assert done.status_code == 302 and done.url == reverse("learners:list")
    assert LearnerProfile.objects.filter(user__email="sara.janssens@example.org", school=cast.school).exists()


def test_the_learner_import_page_shows_the_errors(client, cast):
    client.force_login(cast.school_admin)
    rows = [["geen-adres", "Iemand"]]
    page = client.post(
        reverse("learners:import"), {"file": upload("l.csv", table(["email", "full_name"], rows))}
    )
    assert page.status_code == 200 and not page.context["result"].ok and page.context["key"] is None
    assert "geen-adres" in page.content.decode()


def test_a_coach_cannot_pick_another_school_to_import_into(client, cast):
    client.force_login(cast.other_coach)
    page = client.get(reverse("learners:import"), {"school": cast.school.pk})
    assert page.context["school"] == cast.other_school


def test_the_workplace_import_page_checks_then_imports(client, cast):
    client.force_login(cast.org_admin)
    url = reverse("placements:workplace_import") + f"?employer={cast.employer.pk}"
    assert client.get(url).status_code == 200
    checked = client.post(url, {"file": upload("w.csv", table(WORKPLACE_HEADER, workplace_rows()))})
    assert checked.status_code == 200 and checked.context["result"].ok
    assert not Workplace.objects.filter(title="Hulpkok").exists()
    done = client.post(url, {"confirm": checked.context["key"]})
    assert done.status_code == 302 and done.url == reverse("placements:workplaces")
    assert Workplace.objects.filter(title="Hulpkok", employer=cast.employer).exists()


@pytest.mark.parametrize(
    "role, route",
    [
        ("mentor", "learners:import"),
        ("learner", "learners:import"),
        ("outsider", "learners:import"),
        ("coach", "placements:workplace_import"),
        ("mentor", "placements:workplace_import"),
        ("outsider", "placements:workplace_import"),
    ],
)
def test_people_without_access_cannot_upload(client, cast, role, route):
    client.force_login(cast.user(role))
    content = table(["email", "full_name"], [["x@example.org", "X"]])
    response = client.post(reverse(route), {"file": upload("x.csv", content)})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_import_buttons_show_for_those_who_may_use_them(client, cast):
    client.force_login(cast.coach)
    assert reverse("learners:import") in client.get(reverse("learners:list")).content.decode()
    client.force_login(cast.jobhunter)
    assert reverse("learners:import") not in client.get(reverse("learners:list")).content.decode()
    client.force_login(cast.org_admin)
    assert (
        reverse("placements:workplace_import")
        in client.get(reverse("placements:workplaces")).content.decode()
    )
    client.force_login(cast.coach)
    assert (
        reverse("placements:workplace_import")
        not in client.get(reverse("placements:workplaces")).content.decode()
    )
