"""The learner's own page, "my wishes": how they travel, how far, what they like, which days."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

pytestmark = pytest.mark.django_db

WISHES = {
    "mobility_modes": ["bike", "walk"],
    "max_travel_minutes": "30",
    "sectors": ["food", "retail"],
    "interests": "Bakken en met mensen praten",
    "wishes": "Niet op zaterdag",
    "days_available": ["1", "3", "5"],
}


def test_the_page_asks_in_plain_words(client, cast):
    client.force_login(cast.learner)
    html = client.get(reverse("learners:my_wishes")).content.decode()

    for question in (
        "How can you travel to work?",
        "How long can the trip to work take? (minutes, one way)",
        "Where would you like to work?",
        "Which days can you work?",
    ):
        assert question in html


def test_the_learner_saves_their_wishes_and_goes_home(client, cast):
    client.force_login(cast.learner)

    response = client.post(reverse("learners:my_wishes"), WISHES)

    assert response.status_code == 302 and response.url == reverse("home")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Thank you! Your coach sees your wishes."
    ]
    cast.learner_profile.refresh_from_db()
    p = cast.learner_profile
    assert (p.mobility_modes, p.max_travel_minutes, p.sectors) == (["bike", "walk"], 30, ["food", "retail"])
    assert (p.interests, p.wishes, p.days_available) == (
        "Bakken en met mensen praten",
        "Niet op zaterdag",
        [1, 3, 5],
    )


def test_the_coach_reads_the_wishes_on_the_learner_page(client, cast):
    client.force_login(cast.learner)
    client.post(reverse("learners:my_wishes"), WISHES)
    client.force_login(cast.coach)

    response = client.get(cast.learner_profile.get_absolute_url())

    assert response.context["modes"] == ["Bike", "On foot"]
    assert response.context["days"] == ["Monday", "Wednesday", "Friday"]
    html = response.content.decode()
    assert "Bike, On foot · at most 30 min one way" in html
    assert "Food industry and bakery, Retail" in html


def test_a_trip_of_more_than_three_hours_is_refused_next_to_the_field(client, cast):
    client.force_login(cast.learner)

    response = client.post(reverse("learners:my_wishes"), {**WISHES, "max_travel_minutes": "200"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["max_travel_minutes"]
    cast.learner_profile.refresh_from_db()
    assert cast.learner_profile.mobility_modes == []  # nothing half-saved


def test_the_learner_cannot_change_what_only_the_coach_decides(client, cast):
    client.force_login(cast.learner)

    client.post(reverse("learners:my_wishes"), {**WISHES, "status": "placed", "programme": cast.programme.pk})

    cast.learner_profile.refresh_from_db()
    assert (cast.learner_profile.status, cast.learner_profile.programme) == ("seeking", None)
