import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_me_lists_the_roles_held_today(client, cast):
    client.force_login(cast.coach)
    data = client.get(reverse("api:me")).json()
    assert data["email"] == cast.coach.email
    assert [(m["role"], m["organisation"]) for m in data["memberships"]] == [("coach", "Campus De Brug")]


def test_a_learner_one_may_not_see_is_a_404_not_a_403(client, cast):
    client.force_login(cast.other_coach)
    response = client.get(reverse("api:learner", kwargs={"pk": cast.learner_profile.pk}))
    assert response.status_code == 404
    missing = client.get(reverse("api:learner", kwargs={"pk": 999999}))
    assert missing.status_code == 404


def test_the_openapi_description_is_served_without_internet(client):
    schema = client.get(reverse("api:openapi-json")).json()
    assert "/api/v1/me" in schema["paths"]
    docs = client.get(reverse("api:openapi-view")).content.decode()
    assert "cdn" not in docs.lower()
