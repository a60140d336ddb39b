"""Following a trajectory day to day: check-ins, the logbook, contact moments with agreements, absences."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from werkbrug.privacy.models import FileRead
from werkbrug.trajectories.models import Absence, Agreement, CheckIn, ContactMoment, LogEntry
from werkbrug.trajectories.services import checkin_record

from ..factories import WorkplaceMentorFactory

TODAY = timezone.localdate
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name: str, pk: int) -> str:
    return reverse(f"trajectories:{name}", args=[pk])


def days_ago(n: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=n)


# -- check-ins ---------------------------------------------------------------------------------------------


def test_the_learner_checks_in_and_checking_in_again_the_same_week_replaces_it(client, trajectory, cast):
    client.force_login(cast.learner)
    page = client.get(url("checkin", trajectory.pk)).content.decode()
    assert "How do you feel?" in page and "Very good" in page and "You checked in this week" not in page

    response = client.post(
        url("checkin", trajectory.pk),
        {"feeling": "2", "learning": "4", "respected": "1", "wants_contact": "on", "note": "Te veel lawaai"},
        follow=True,
    )
    page = response.content.decode()
    assert "Thank you for your check-in!" in page
    assert "Your coach will contact you soon." in page
    assert "You checked in this week." in page
    assert response.context["form"].initial["feeling"] == 2  # the page shows the answers given

    client.post(url("checkin", trajectory.pk), {"feeling": "3", "learning": "3", "respected": "4"})
    checkin = CheckIn.objects.get(trajectory=trajectory)  # still one: the second replaced the first
    assert (checkin.feeling, checkin.respected, checkin.wants_contact, checkin.note) == (3, 4, False, "")


def test_a_check_in_needs_a_face_for_every_question(client, trajectory, cast):
    client.force_login(cast.learner)
    response = client.post(url("checkin", trajectory.pk), {"feeling": "2", "learning": "9"})
    page = response.content.decode()
    assert page.count("Tap one of the faces.") == 2  # respected is missing
    assert "Select a valid choice" in page  # learning: 9 is not a face
    assert not CheckIn.objects.exists()


def test_the_coach_sees_the_wish_to_talk_and_marks_the_check_in_read(client, trajectory, cast):
    checkin = checkin_record(
        trajectory=trajectory, by=cast.learner, feeling=1, learning=2, respected=1, wants_contact=True
    )
    client.force_login(cast.coach)
    page = client.get(url("checkins", trajectory.pk)).content.decode()
    assert "Wants to talk to the coach" in page
    assert "New: not read yet" in page
    assert "Mark as answered" in page

    response = client.post(reverse("trajectories:checkin_seen", args=[checkin.pk]), follow=True)
    page = response.content.decode()
    assert "Marked as read." in page
    assert f"Read by {cast.coach.full_name}" in page and "Mark as answered" not in page
    checkin.refresh_from_db()
    assert checkin.seen_by == cast.coach and checkin.seen_at is not None


def test_the_mentor_never_opens_the_check_ins(client, trajectory, cast):
    checkin = checkin_record(trajectory=trajectory, by=cast.learner, feeling=1, learning=1, respected=1)
    client.force_login(cast.mentor)
    assert client.get(url("checkins", trajectory.pk)).status_code == 404
    assert client.post(reverse("trajectories:checkin_seen", args=[checkin.pk])).status_code == 404
    checkin.refresh_from_db()
    assert checkin.mentor_seen_at is None and checkin.seen_at is None


def test_the_mentor_answers_a_wish_to_talk_to_them(client, trajectory, cast):
    checkin = checkin_record(
        trajectory=trajectory, by=cast.learner, feeling=3, learning=3, respected=3, wants_mentor=True
    )
    client.force_login(cast.mentor)
    response = client.post(reverse("trajectories:checkin_seen", args=[checkin.pk]))
    assert response.status_code == 302 and response.url == url("detail", trajectory.pk)
    checkin.refresh_from_db()
    assert checkin.mentor_seen_at is not None and checkin.seen_at is None  # the coach still reads it


def test_another_learner_s_check_in_is_not_found(client, trajectory, cast):
    checkin = checkin_record(trajectory=trajectory, by=cast.learner, feeling=3, learning=3, respected=3)
    client.force_login(cast.other_coach)
    assert client.post(reverse("trajectories:checkin_seen", args=[checkin.pk])).status_code == 404


def test_the_check_ins_page_asks_as_many_queries_for_many_check_ins_as_for_one(
    client, trajectory, cast, django_assert_max_num_queries
):
    checkin_record(trajectory=trajectory, by=cast.learner, feeling=1, learning=2, respected=3)
    client.force_login(cast.coach)
    # session, user and their roles, the trajectory, the access (parent, workplace mentor, memberships),
    # the read log, the page count, the check-ins with who read them, the menu, the session's update
    with django_assert_max_num_queries(14) as few:
        client.get(url("checkins", trajectory.pk))
    for weeks in range(1, 20):
        checkin_record(
            trajectory=trajectory,
            by=cast.learner,
            feeling=2,
            learning=2,
            respected=2,
            on=TODAY() - datetime.timedelta(weeks=weeks),
        )
    trajectory.checkins.update(seen_at=timezone.now(), seen_by=cast.coach)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("checkins", trajectory.pk))
    assert len(response.context["rows"]) == 20


def test_opening_the_check_ins_is_written_to_the_read_log(client, trajectory, cast):
    client.force_login(cast.coach)
    client.get(url("checkins", trajectory.pk))
    assert FileRead.objects.filter(learner=trajectory.learner, reader=cast.coach, what="Check-ins").exists()


# -- the logbook -------------------------------------------------------------------------------------------


def _write(client, trajectory, text: str, name: str | None = None, content: bytes = b""):
    data = {"text": text}
    if name is not None:
        data["attachment"] = SimpleUploadedFile(name, content)
    return client.post(url("logbook", trajectory.pk), data)


def test_a_photo_in_the_logbook_is_stored_and_shown_to_the_coach(client, trajectory, cast):
    client.force_login(cast.learner)
    response = _write(client, trajectory, "Vandaag de heftruck leren kennen", "heftruck.png", PNG)
    assert response.status_code == 302
    entry = LogEntry.objects.get(trajectory=trajectory)
    assert entry.author == cast.learner and entry.attachment

    client.force_login(cast.coach)
    page = client.get(url("logbook", trajectory.pk)).content.decode()
    file_url = reverse("trajectories:log_file", args=[entry.pk])
    assert "Vandaag de heftruck leren kennen" in page
    assert f'src="{file_url}"' in page and f'alt="Photo added by {cast.learner.full_name}"' in page
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG


def test_a_pdf_is_downloaded_not_shown(client, trajectory, cast):
    client.force_login(cast.mentor)
    _write(client, trajectory, "Werkrooster van volgende week", "rooster.pdf", PDF)
    entry = LogEntry.objects.get(trajectory=trajectory)
    client.force_login(cast.parent)
    response = client.get(reverse("trajectories:log_file", args=[entry.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("virus.exe", b"MZ\x90\x00", "Add a photo (JPG or PNG) or a PDF."),
        ("foto.png", b"GIF89a not really a png", "This file is not the photo or PDF its name says."),
        ("groot.png", PNG + b"\0" * (5 * 1024 * 1024), "The file is too large: at most 5 MB."),
    ],
    ids=["exe", "fake-png", "too-large"],
)
def test_a_file_that_is_not_a_photo_or_pdf_is_refused_and_the_text_kept(
    client, trajectory, cast, name, content, message
):
    client.force_login(cast.learner)
    response = _write(client, trajectory, "Mijn eerste week", name, content)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["attachment"] == [message]  # next to the file field
    page = response.content.decode()
    assert message in page and "Mijn eerste week</textarea>" in page
    assert 'enctype="multipart/form-data"' in page
    assert not LogEntry.objects.exists()


def test_a_mentor_of_another_workplace_does_not_get_the_file(client, trajectory, cast):
    client.force_login(cast.learner)
    _write(client, trajectory, "Mijn werkplek", "werkplek.png", PNG)
    entry = LogEntry.objects.get()
    stranger = WorkplaceMentorFactory().mentor
    client.force_login(stranger)
    assert client.get(reverse("trajectories:log_file", args=[entry.pk])).status_code == 404
    assert client.get(url("logbook", trajectory.pk)).status_code == 404


def test_the_parent_reads_the_logbook_but_does_not_write_in_it(client, trajectory, cast):
    client.force_login(cast.parent)
    page = client.get(url("logbook", trajectory.pk)).content.decode()
    assert "Write in the logbook" not in page
    assert _write(client, trajectory, "Hallo").status_code == 404


# -- contact moments and agreements ------------------------------------------------------------------------


def _contact(cast, extra: dict | None = None) -> dict:
    data = {
        "kind": "visit",
        "on": days_ago(1).isoformat(),
        "participants": [str(cast.learner.pk), str(cast.mentor.pk)],
        "notes": "Goede start, wat verlegen bij klanten.",
        "agreement-TOTAL_FORMS": "3",
        "agreement-INITIAL_FORMS": "0",
        "agreement-MIN_NUM_FORMS": "0",
        "agreement-MAX_NUM_FORMS": "3",
    }
    return {**data, **(extra or {})}


def test_a_contact_moment_with_two_agreements_is_saved_in_one_go(client, trajectory, cast):
    client.force_login(cast.coach)
    page = client.get(url("contact_add", trajectory.pk)).content.decode()
    assert f"{cast.parent.full_name} (Parent)" in page
    due = (TODAY() + datetime.timedelta(days=7)).isoformat()
    data = _contact(
        cast,
        {
            "agreement-0-action": "Klanten zelf begroeten",
            "agreement-0-owner": str(cast.learner.pk),
            "agreement-0-due_on": due,
            "agreement-2-action": "Feedbackmoment inplannen",
            "agreement-2-owner": str(cast.mentor.pk),
            "agreement-2-due_on": due,
        },
    )
    response = client.post(url("contact_add", trajectory.pk), data)
    assert response.status_code == 302 and response.url == url("agreements", trajectory.pk)
    contact = ContactMoment.objects.get(trajectory=trajectory)
    assert contact.kind == "visit" and contact.on == days_ago(1)
    assert set(contact.participants.all()) == {cast.learner, cast.mentor, cast.coach}  # and who wrote it
    assert sorted(contact.agreements.values_list("action", "owner")) == [
        ("Feedbackmoment inplannen", cast.mentor.pk),
        ("Klanten zelf begroeten", cast.learner.pk),
    ]


def test_a_half_filled_agreement_row_saves_nothing(client, trajectory, cast):
    client.force_login(cast.mentor)
    data = _contact(
        cast,
        {
            "agreement-0-action": "Klanten zelf begroeten",
            "agreement-0-owner": str(cast.learner.pk),
            "agreement-0-due_on": TODAY().isoformat(),
            "agreement-1-action": "Iets zonder wie of wanneer",
        },
    )
    response = client.post(url("contact_add", trajectory.pk), data)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert not rows.forms[0].errors and not rows.forms[2].errors
    assert set(rows.forms[1].errors) == {"owner", "due_on"}
    assert "Agreement 2, Who does it?" in response.content.decode()
    assert not ContactMoment.objects.exists() and not Agreement.objects.exists()


def test_a_contact_moment_in_the_future_is_refused(client, trajectory, cast):
    client.force_login(cast.coach)
    data = _contact(cast, {"on": (TODAY() + datetime.timedelta(days=1)).isoformat()})
    response = client.post(url("contact_add", trajectory.pk), data)
    assert "This date is in the future" in response.content.decode()
    assert not ContactMoment.objects.exists()


def _agreement(trajectory, cast, action: str, due_on: datetime.date, owner=None) -> Agreement:
    return Agreement.objects.create(
        trajectory=trajectory,
        action=action,
        owner=owner or cast.learner,
        due_on=due_on,
        created_by=cast.coach,
    )


def test_overdue_agreements_stand_out_and_the_owner_ticks_one_off(client, trajectory, cast):
    late = _agreement(trajectory, cast, "Veiligheidsschoenen kopen", days_ago(3))
    _agreement(
        trajectory, cast, "Rooster doorsturen", TODAY() + datetime.timedelta(days=5), owner=cast.mentor
    )
    client.force_login(cast.learner)
    response = client.get(url("agreements", trajectory.pk))
    page = response.content.decode()
    assert page.count(">Overdue</span>") == 1
    assert f"<strong>{late.due_on:%-d %b %Y}</strong>" in page  # the date in bold, not only in red
    open_rows = response.context["open_rows"]
    assert [(a.action, overdue, may_tick) for a, overdue, may_tick in open_rows] == [
        ("Veiligheidsschoenen kopen", True, True),  # the learner owns it
        ("Rooster doorsturen", False, False),  # the mentor's: not the learner's to tick off
    ]

    response = client.post(reverse("trajectories:agreement_done", args=[late.pk]), follow=True)
    assert "The agreement is done." in response.content.decode()
    late.refresh_from_db()
    assert late.done_by == cast.learner and late.done_at is not None
    assert [a.action for a, *_ in response.context["done_rows"]] == ["Veiligheidsschoenen kopen"]
    assert "Overdue" not in response.content.decode()


def test_a_learner_cannot_tick_off_the_mentor_s_agreement(client, trajectory, cast):
    theirs = _agreement(trajectory, cast, "Rooster doorsturen", TODAY(), owner=cast.mentor)
    client.force_login(cast.learner)
    assert client.post(reverse("trajectories:agreement_done", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.done_at is None


def test_the_coach_adds_an_agreement_and_the_mentor_reads_the_contact_moments(client, trajectory, cast):
    client.force_login(cast.coach)
    response = client.post(
        url("agreements", trajectory.pk),
        {
            "new-action": "Evaluatie voorbereiden",
            "new-owner": str(cast.mentor.pk),
            "new-due_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    assert Agreement.objects.get().owner == cast.mentor
    client.post(url("contact_add", trajectory.pk), _contact(cast))
    client.force_login(cast.mentor)
    page = client.get(url("agreements", trajectory.pk)).content.decode()
    assert "Goede start, wat verlegen bij klanten." in page and "Workplace visit" in page
    assert cast.learner.full_name in page


def test_the_agreements_page_asks_as_many_queries_for_many_rows_as_for_one(
    client, trajectory, cast, django_assert_max_num_queries
):
    _agreement(trajectory, cast, "Eén", days_ago(1))
    client.force_login(cast.coach)
    client.post(url("contact_add", trajectory.pk), _contact(cast))
    # session, user and their roles, the trajectory, the access (3), the parents (the agreement form's
    # people), the read log, the agreements with owner and who ticked them off, the menu, the contact
    # moments and their participants, the session's update
    with django_assert_max_num_queries(16) as few:
        client.get(url("agreements", trajectory.pk))
    one_row = len(few.captured_queries)  # read now: the next request clears the log
    for n in range(15):
        done = _agreement(trajectory, cast, f"Afspraak {n}", days_ago(n - 5), owner=cast.mentor)
        if n % 3 == 0:
            Agreement.objects.filter(pk=done.pk).update(done_at=timezone.now(), done_by=cast.coach)
        client.post(url("contact_add", trajectory.pk), _contact(cast))
    with django_assert_max_num_queries(one_row):
        response = client.get(url("agreements", trajectory.pk))
    assert len(response.context["open_rows"]) + len(response.context["done_rows"]) == 16


# -- absences ----------------------------------------------------------------------------------------------


def test_absences_are_totalled_per_place(client, trajectory, cast):
    client.force_login(cast.mentor)
    start = trajectory.starts_on
    for where, first, last, reason in [
        ("workplace", 0, 2, "illness"),
        ("workplace", 5, 5, "unexcused"),
        ("school", 1, 1, "excused"),
    ]:
        response = client.post(
            url("absences", trajectory.pk),
            {
                "where": where,
                "starts_on": (start + datetime.timedelta(days=first)).isoformat(),
                "ends_on": (start + datetime.timedelta(days=last)).isoformat(),
                "reason": reason,
            },
        )
        assert response.status_code == 302
    response = client.get(url("absences", trajectory.pk))
    assert response.context["totals"] == [("At the workplace", 4, 1), ("At school", 1, 0)]
    page = response.content.decode()
    assert "4 days" in page and "1 day" in page and "of which 1 without a reason" in page


def test_an_absence_that_ends_before_it_starts_is_refused(client, trajectory, cast):
    client.force_login(cast.coach)
    response = client.post(
        url("absences", trajectory.pk),
        {
            "where": "school",
            "starts_on": TODAY().isoformat(),
            "ends_on": days_ago(2).isoformat(),
            "reason": "illness",
        },
    )
    assert "The last day cannot be before the first day." in response.content.decode()
    assert not Absence.objects.exists()


def test_the_learner_reads_their_absences_but_does_not_record_them(client, trajectory, cast):
    client.force_login(cast.learner)
    page = client.get(url("absences", trajectory.pk)).content.decode()
    assert "Record an absence" not in page and "No absences recorded." in page
    assert client.post(url("absences", trajectory.pk), {}).status_code == 404


@pytest.mark.parametrize("name", ["checkin", "checkins", "logbook", "agreements", "absences"])
def test_every_page_links_back_to_the_trajectory(client, trajectory, cast, name):
    client.force_login(cast.learner)
    assert f'href="{url("detail", trajectory.pk)}"' in client.get(url(name, trajectory.pk)).content.decode()
