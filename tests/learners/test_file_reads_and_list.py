"""Those who place learners leave a trace on every file they open; the list they work from stays fast."""

import pytest
from django.urls import reverse

from werkbrug.privacy.models import FileRead

from ..factories import LearnerProfileFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["coordinator", "jobhunter"])
def test_every_opening_by_someone_who_places_learners_is_logged_as_placement(client, cast, role):
    reader = cast.user(role)
    client.force_login(reader)

    client.get(cast.learner_profile.get_absolute_url())
    client.get(cast.learner_profile.get_absolute_url())

    reads = FileRead.objects.filter(learner=cast.learner_profile)
    assert reads.count() == 2
    assert set(reads.values_list("reader", "reader_role", "what", "object_type")) == {
        (reader.pk, "placement", "Learner file", "learners.learnerprofile")
    }


def test_the_learner_sees_that_a_coordinator_looked(client, cast):
    client.force_login(cast.coordinator)
    client.get(cast.learner_profile.get_absolute_url())
    client.force_login(cast.learner)

    page = client.get(reverse("privacy:file_reads", kwargs={"learner_pk": cast.learner_profile.pk}))

    assert "job hunter or regional coordinator" in page.content.decode()


def test_looking_at_the_list_is_not_opening_a_file(client, cast):
    client.force_login(cast.coordinator)

    client.get(reverse("learners:list"))

    assert not FileRead.objects.exists()


def test_the_list_filters_by_name_programme_and_home_postcode(client, cast):
    cast.learner.full_name = "Yasmina El Amrani"
    cast.learner.save()
    cast.learner_profile.home_postcode = "3500"
    cast.learner_profile.programme = cast.programme
    cast.learner_profile.save()
    other = LearnerProfileFactory(
        school=cast.school,
        user__full_name="Tom Peeters",
        programme=ProgrammeFactory(school=cast.school, name="Verkoop"),
        home_postcode="3600",
    )
    client.force_login(cast.coordinator)
    url = reverse("learners:list")

    def names(**params):
        return [p.user.full_name for p in client.get(url, params).context["page"]]

    assert names() == ["Tom Peeters", "Yasmina El Amrani"]  # not the learner of the other region
    assert names(q="yasm") == ["Yasmina El Amrani"]
    assert names(programme=other.programme.pk) == ["Tom Peeters"]
    assert names(place="35") == ["Yasmina El Amrani"]


@pytest.mark.parametrize(
    "role, queries",
    [
        # session, user, roles (3); may see the list (1); number of rows (1); "may add a learner" (1);
        # the menu's "may invite" (1); the programme filter's choices (1); the learners with person,
        # school and programme (1); saving the session (3)
        ("coordinator", 12),
        ("coach", 12),
    ],
)
def test_the_learner_list_queries_do_not_grow_with_the_rows(
    client, cast, django_assert_max_num_queries, role, queries
):
    programmes = [ProgrammeFactory(school=cast.school) for _ in range(3)]

    def add(n):
        for i in range(n):
            LearnerProfileFactory(school=cast.school, programme=programmes[i % 3], coach=cast.coach)

    client.force_login(cast.user(role))
    add(5)
    with django_assert_max_num_queries(queries):
        assert client.get(reverse("learners:list")).status_code == 200
    add(35)
    with django_assert_max_num_queries(queries):
        response = client.get(reverse("learners:list"))
    assert len(response.context["page"]) == 25
