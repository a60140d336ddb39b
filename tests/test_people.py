import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse

from werkbrug.people.models import Membership, Role
from werkbrug.people.roles import roles_of

from .conftest import member

pytestmark = pytest.mark.django_db

HOME_ROLES = [
    "learner",
    "parent",
    "mentor",
    "coach",
    "jobhunter",
    "peer_coach",
    "coordinator",
    "org_admin",
    "staff",
]


@pytest.mark.parametrize("role", HOME_ROLES)
def test_every_role_lands_on_a_home_page_that_says_what_it_can_do(client, cast, role):
    client.force_login(getattr(cast, role))
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'lang="nl"' in html
    assert "Wat kan je hier doen?" in html


def test_someone_without_a_current_role_is_told_what_to_do(client, cast, yesterday):
    Membership.objects.filter(user=cast.mentor).update(
        valid_from=yesterday.replace(year=2020), valid_to=yesterday
    )
    client.force_login(cast.mentor)
    response = client.get(reverse("home"))
    assert response.templates[0].name == "people/home/no_role.html"


def test_a_person_with_two_roles_switches_between_them(client, cast):
    member(Role.JOBHUNTER, cast.network, user=cast.coach)
    client.force_login(cast.coach)
    assert client.get(reverse("home")).context["role"].role == Role.COACH
    jobhunter = next(r for r in roles_of(cast.coach) if r.role == Role.JOBHUNTER)
    client.post(reverse("people:role_switch"), {"role": jobhunter.key})
    home = client.get(reverse("home"))
    assert home.context["role"].role == Role.JOBHUNTER
    assert 'id="wb-role"' in home.content.decode()  # the switcher shows for two roles


def test_one_cannot_switch_to_a_role_one_does_not_hold(client, cast):
    other = Membership.objects.get(user=cast.org_admin)
    client.force_login(cast.coach)
    client.post(reverse("people:role_switch"), {"role": f"m{other.pk}"})
    assert client.get(reverse("home")).context["role"].role == Role.COACH


def test_the_coach_sees_the_learners_of_their_school_only(client, cast):
    client.force_login(cast.coach)
    learners = client.get(reverse("home")).context["learners"]["rows"]
    assert learners == [cast.learner_profile]


def test_home_page_queries_do_not_grow_with_the_number_of_learners(
    client, cast, django_assert_max_num_queries
):
    from .factories import LearnerProfileFactory

    client.force_login(cast.coach)
    LearnerProfileFactory.create_batch(3, school=cast.school)
    # 12 for the learners, applications and invitations; 6 for the caseload (rows and count), overdue
    # reviews, agreements and follow-ups due, and surveys to answer.
    with django_assert_max_num_queries(18) as few:
        client.get(reverse("home"))
    LearnerProfileFactory.create_batch(30, school=cast.school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))


def test_the_job_hunter_sees_who_waits_longest_for_a_place_with_their_suggestions(
    client, cast, django_assert_max_num_queries
):
    from .factories import LearnerProfileFactory

    client.force_login(cast.jobhunter)
    page = client.get(reverse("home")).content.decode()
    assert "Wie het langst wacht, staat bovenaan." in page
    assert cast.learner_profile.user.full_name in page
    assert cast.other_learner_profile.user.full_name not in page  # another region's school
    assert reverse("placements:learner_suggestions", args=[cast.learner_profile.pk]) in page
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("home"))
    LearnerProfileFactory.create_batch(15, school=cast.school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("home")).content.decode()
    assert "Alle 16 leerlingen die een plaats zoeken" in page


def test_a_peer_coach_and_a_job_hunter_see_the_agreements_they_own_on_their_home_page(client, cast):
    import datetime

    from django.utils import timezone

    from werkbrug.trajectories.services import agreement_add, trajectory_change

    from .trajectories.builders import running_trajectory

    trajectory = running_trajectory(cast)
    trajectory_change(
        trajectory=trajectory, by=cast.coach, peer_coach=cast.peer_coach, jobhunter=cast.jobhunter
    )
    trajectory.refresh_from_db()
    overdue = timezone.localdate() - datetime.timedelta(days=2)
    for owner, action in ((cast.peer_coach, "Samen de bus nemen"), (cast.jobhunter, "Werkgever terugbellen")):
        agreement_add(trajectory=trajectory, by=cast.coach, action=action, owner=owner, due_on=overdue)
    for person, mine, theirs in (
        (cast.peer_coach, "Samen de bus nemen", "Werkgever terugbellen"),
        (cast.jobhunter, "Werkgever terugbellen", "Samen de bus nemen"),
    ):
        client.force_login(person)
        page = client.get(reverse("home")).content.decode()
        assert mine in page and "te laat sinds" in page
        assert theirs not in page


def test_five_wrong_passwords_lock_the_account_for_that_address(client, cast):
    cast.mentor.set_password("het juiste wachtwoord")
    cast.mentor.save()
    for _ in range(5):
        client.post(reverse("login"), {"username": cast.mentor.email, "password": "fout"})
    response = client.post(
        reverse("login"), {"username": cast.mentor.email, "password": "het juiste wachtwoord"}
    )
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()


def test_logging_in_by_email_in_any_case(client, cast):
    cast.mentor.set_password("het juiste wachtwoord")
    cast.mentor.save()
    response = client.post(
        reverse("login"), {"username": cast.mentor.email.upper(), "password": "het juiste wachtwoord"}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_wrong_password_gets_a_clear_dutch_message(client, cast):
    response = client.post(reverse("login"), {"username": cast.mentor.email, "password": "fout"})
    assert response.status_code == 200
    assert "wachtwoord" in response.content.decode()


def test_password_reset_by_email(client, cast):
    client.post(reverse("password_reset"), {"email": cast.mentor.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "een nieuw lang wachtwoord", "new_password2": "een nieuw lang wachtwoord"},
    )
    cast.mentor.refresh_from_db()
    assert cast.mentor.check_password("een nieuw lang wachtwoord")


def test_sessions_expire_and_cookies_are_protected(settings):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 12
    assert settings.SESSION_COOKIE_HTTPONLY
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_forms_are_protected_against_csrf(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.coach)
    response = strict.post(reverse("people:invitation_new"), {"email": "x@example.org"})
    assert response.status_code == 403


def test_changes_to_personal_data_are_in_the_audit_trail_with_who_did_it(client, cast):
    client.force_login(cast.coach)
    client.post(
        reverse("people:invitation_new"),
        {"email": "audit@example.org", "role": Role.MENTOR, "organisation": cast.employer.pk},
    )
    entry = LogEntry.objects.filter(content_type__model="invitation").latest("timestamp")
    assert entry.actor == cast.coach
    assert "audit@example.org" in str(entry.changes)
    assert "token_hash" not in str(entry.changes)


def test_the_language_switch_keeps_you_on_the_page(client, cast):
    client.force_login(cast.coach)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.url == reverse("home")
    assert "What can you do here?" in client.get(reverse("home")).content.decode()


def test_error_pages_are_translated(client, cast):
    client.force_login(cast.mentor)
    html = client.get("/bestaat/niet/").content.decode()
    assert "Pagina niet gevonden" in html
    assert client.get(reverse("people:invitation_new")).status_code == 200
    client.force_login(cast.learner)
    forbidden = client.get(reverse("people:invitation_new"))
    assert forbidden.status_code == 403
    assert "Niet voor jouw rol" in forbidden.content.decode()


def test_the_layout_loads_its_css_and_scripts_from_our_own_server(client, cast):
    import re

    client.force_login(cast.mentor)
    html = client.get(reverse("home")).content.decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert len(assets) >= 4
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
    # Links to other sites (e.g. the data credits) are fine; nothing is loaded from them.
    assert not re.search(r'(?:src=|<link[^>]*href=)"(?:https?:)?//', html)
