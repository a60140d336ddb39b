import pytest
from django.urls import reverse

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.queries import learners_for
from werkbrug.privacy.models import FileRead

from .access_registry import SIGNED_IN

pytestmark = pytest.mark.django_db


def test_opening_a_learner_file_is_logged_and_the_learner_sees_who_looked(client, cast):
    client.force_login(cast.coach)
    client.get(cast.learner_profile.get_absolute_url())
    read = FileRead.objects.get()
    assert (read.reader, read.learner, read.reader_role) == (cast.coach, cast.learner_profile, "coach")

    client.force_login(cast.learner)
    page = client.get(reverse("privacy:file_reads", kwargs={"learner_pk": cast.learner_profile.pk}))
    html = page.content.decode()
    assert cast.coach.full_name in html
    assert "Leerlingendossier" in html or "dossier" in html.lower()


def test_the_coach_sees_the_read_log_too_and_the_mentor_does_not(client, cast):
    client.force_login(cast.staff)
    client.get(cast.learner_profile.get_absolute_url())
    url = reverse("privacy:file_reads", kwargs={"learner_pk": cast.learner_profile.pk})
    client.force_login(cast.coach)
    assert next(iter(client.get(url).context["reads"])).reader == cast.staff
    client.force_login(cast.mentor)
    assert client.get(url).status_code == 404


def test_a_refused_read_is_not_logged_as_a_read(client, cast):
    client.force_login(cast.other_coach)
    assert client.get(cast.learner_profile.get_absolute_url()).status_code == 404
    assert not FileRead.objects.exists()


def test_reading_through_the_api_is_logged_as_well(client, cast):
    client.force_login(cast.parent)
    response = client.get(reverse("api:learner", kwargs={"pk": cast.learner_profile.pk}))
    assert response.json()["full_name"] == cast.learner.full_name
    assert FileRead.objects.get().reader_role == "parent"


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_the_rule_and_the_query_agree_on_who_sees_a_learner(cast, role):
    user = cast.user(role)
    visible = set(learners_for(user))
    for learner in LearnerProfile.objects.all():
        assert user.has_perm("learners.view_learnerprofile", learner) is (learner in visible), (role, learner)
