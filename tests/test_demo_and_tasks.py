import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from werkbrug.demo.management.commands.demo_region import DEMO_PASSWORD, LOGINS
from werkbrug.people.models import Invitation, Role, User
from werkbrug.people.tasks import invitation_send

pytestmark = pytest.mark.django_db


def test_the_demo_region_is_the_same_on_every_run_and_prints_a_login_per_role(capsys):
    call_command("demo_region", "--seed", "7")
    first = sorted(User.objects.values_list("email", "full_name"))
    out = capsys.readouterr().out
    call_command("demo_region", "--seed", "7")
    assert sorted(User.objects.values_list("email", "full_name")) == first
    for login in LOGINS:
        assert login.email in out
    assert DEMO_PASSWORD in out


def test_every_printed_demo_login_works(settings):
    call_command("demo_region", verbosity=0)
    for login in LOGINS:
        client = Client()
        response = client.post(reverse("login"), {"username": login.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.email
        assert client.get(reverse("home")).status_code == 200


def test_a_dry_run_changes_nothing():
    call_command("demo_region", "--dry-run", verbosity=0)
    assert not User.objects.exists()


def test_the_invitation_mail_is_sent_by_the_task_worker_in_the_inviters_language(cast):
    invitation = Invitation.objects.get(pk=cast.invitation.pk)
    invitation_send.enqueue(invitation.pk, cast.invitation_token, "en")
    assert mail.outbox[-1].subject.startswith("You are invited")
    invitation_send.enqueue(invitation.pk, cast.invitation_token, "nl")
    assert mail.outbox[-1].subject == "Bakkerij Vandeweyer nodigt je uit voor werkbrug"
    assert cast.invitation_token in mail.outbox[-1].body


def test_no_mail_goes_out_for_a_withdrawn_invitation(cast):
    Invitation.objects.filter(pk=cast.invitation.pk).update(revoked_at="2026-01-01T00:00Z")
    invitation_send.enqueue(cast.invitation.pk, cast.invitation_token, "nl")
    assert not mail.outbox


def test_coach_role_label_is_the_flemish_word():
    from django.utils import translation

    with translation.override("nl"):
        assert str(Role.COACH.label) == "Trajectbegeleider"


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when done, as a real one does
def test_the_database_task_worker_sends_what_was_queued(cast, settings, django_capture_on_commit_callbacks):
    from werkbrug.people.services import invitation_create

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    mail.outbox.clear()  # the cast's own invitation went out at once, before the switch to the database
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            by=cast.coach, email="wachtrij@example.org", organisation=cast.employer, role="mentor"
        )
    assert not mail.outbox  # queued, not sent in the request
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [m.to for m in mail.outbox] == [["wachtrij@example.org"]]


def test_the_500_page_is_translated_and_needs_no_database(rf):
    from werkbrug.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging bij ons iets mis" in response.content.decode()
