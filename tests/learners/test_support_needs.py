"""Support needs are kept only with consent: of the learner when adult, of a parent for a minor."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from werkbrug.learners.models import LearnerProfile, SupportConsent
from werkbrug.learners.services import LearnerError, support_needs_set

pytestmark = pytest.mark.django_db

QUIET = "A quiet place to work"
PICTURES = "Instructions with pictures or demonstration"


def _support_url(cast) -> str:
    return reverse("learners:support", kwargs={"pk": cast.learner_profile.pk})


def _give(client, cast, who, needs=("quiet_workspace",), consent="on"):
    client.force_login(who)
    data = {"needs": list(needs)} | ({"consent": consent} if consent else {})
    return client.post(_support_url(cast), data)


def _needs(cast) -> list[str]:
    return LearnerProfile.objects.get(pk=cast.learner_profile.pk).support_needs


def _open_consents(cast):
    return SupportConsent.objects.filter(learner=cast.learner_profile, withdrawn_at__isnull=True)


@pytest.fixture
def adult(cast):
    cast.learner_profile.date_of_birth = timezone.localdate() - datetime.timedelta(days=20 * 365 + 5)
    cast.learner_profile.save()
    return cast.learner_profile


@pytest.fixture
def consented(client, cast):
    _give(client, cast, cast.parent, needs=["quiet_workspace", "visual_instructions"])
    client.logout()


# -- a minor --


def test_a_learner_without_a_date_of_birth_counts_as_a_minor(cast):
    assert cast.learner_profile.date_of_birth is None
    assert cast.learner_profile.is_minor


@pytest.mark.parametrize(
    "born, minor", [(datetime.date(2008, 6, 2), True), (datetime.date(2008, 6, 1), False)]
)
def test_a_learner_is_adult_from_their_18th_birthday(cast, born, minor):
    cast.learner_profile.date_of_birth = born
    assert (cast.learner_profile.age_on(datetime.date(2026, 6, 1)) < 18) is minor


def test_a_minor_cannot_give_consent_and_the_page_says_a_parent_decides(client, cast):
    client.force_login(cast.learner)
    page = client.get(_support_url(cast))
    posted = _give(client, cast, cast.learner)

    assert page.context["form"] is None
    assert "Because you are under 18, your parent decides together with you" in page.content.decode()
    assert posted.status_code == 200
    assert not _open_consents(cast).exists()
    assert _needs(cast) == []


def test_the_parent_must_tick_the_consent(client, cast):
    response = _give(client, cast, cast.parent, consent=None)

    assert list(response.context["form"].errors) == ["consent"]
    assert not _open_consents(cast).exists()
    assert _needs(cast) == []


def test_the_parent_gives_consent_with_the_needs(client, cast):
    response = _give(client, cast, cast.parent, needs=["quiet_workspace", "visual_instructions"])

    assert response.status_code == 302 and response.url == cast.learner_profile.get_absolute_url()
    (consent,) = _open_consents(cast)
    assert (consent.given_by, consent.given_as) == (cast.parent, "parent")
    assert _needs(cast) == ["quiet_workspace", "visual_instructions"]


# -- the coach --


def test_before_consent_the_coach_sees_that_nothing_is_kept_and_cannot_add_needs(client, cast):
    client.force_login(cast.coach)
    detail = client.get(cast.learner_profile.get_absolute_url())
    support = client.get(_support_url(cast))
    posted = client.post(_support_url(cast), {"needs": ["quiet_workspace"]})

    assert "Not kept: no consent on record." in detail.content.decode()
    assert support.context["form"] is None
    assert "There is no consent yet" in support.content.decode()
    assert posted.status_code == 200
    assert _needs(cast) == []
    with pytest.raises(LearnerError, match="only with consent"):
        support_needs_set(learner=cast.learner_profile, by=cast.coach, needs=["quiet_workspace"])


def test_after_consent_the_coach_sees_the_needs_and_may_change_them(client, cast, consented):
    client.force_login(cast.coach)

    detail = client.get(cast.learner_profile.get_absolute_url())
    form = client.get(_support_url(cast)).context["form"]
    changed = client.post(_support_url(cast), {"needs": ["flexible_hours"]})

    assert detail.context["support"] == [QUIET, PICTURES]
    assert f"{QUIET}; {PICTURES}" in detail.content.decode()
    assert "consent" not in form.fields  # the consent is the parent's, not the coach's
    assert changed.status_code == 302
    assert _needs(cast) == ["flexible_hours"]
    assert _open_consents(cast).get().given_by == cast.parent  # the coach's change is not a new consent


def test_withdrawing_consent_erases_the_needs_and_the_coach_can_no_longer_add_them(client, cast, consented):
    client.force_login(cast.parent)
    response = client.post(reverse("learners:support_withdraw", kwargs={"pk": cast.learner_profile.pk}))

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Consent withdrawn. The support needs have been erased."
    ]
    assert _needs(cast) == []
    assert not _open_consents(cast).exists()
    assert SupportConsent.objects.get(learner=cast.learner_profile).withdrawn_at is not None

    client.force_login(cast.coach)
    client.post(_support_url(cast), {"needs": ["quiet_workspace"]})
    assert _needs(cast) == []


@pytest.mark.parametrize("role", ["coordinator", "jobhunter"])
def test_those_who_place_learners_never_see_support_needs(client, cast, consented, role):
    client.force_login(cast.user(role))

    detail = client.get(cast.learner_profile.get_absolute_url())
    support = client.get(_support_url(cast))

    assert detail.status_code == 200
    assert detail.context["may_see_support"] is False
    html = detail.content.decode()
    assert QUIET not in html and PICTURES not in html
    assert "Support at work" not in html
    assert support.status_code == 404


# -- an adult --


def test_an_adult_learner_consents_alone(client, cast, adult):
    client.force_login(cast.learner)
    page = client.get(_support_url(cast))
    response = _give(client, cast, cast.learner, needs=["job_coach"])

    assert "consent" in page.context["form"].fields
    assert response.status_code == 302
    (consent,) = _open_consents(cast)
    assert (consent.given_by, consent.given_as) == (cast.learner, "learner")
    assert _needs(cast) == ["job_coach"]


def test_an_adult_learner_takes_their_consent_back(client, cast, adult):
    _give(client, cast, cast.learner, needs=["job_coach"])

    response = client.post(reverse("learners:support_withdraw", kwargs={"pk": cast.learner_profile.pk}))

    assert response.status_code == 302
    assert _needs(cast) == []
    assert not _open_consents(cast).exists()


def test_the_parent_of_an_adult_learner_cannot_take_back_the_learner_s_consent(client, cast, adult):
    _give(client, cast, cast.learner, needs=["job_coach"])
    client.force_login(cast.parent)

    response = client.post(reverse("learners:support_withdraw", kwargs={"pk": cast.learner_profile.pk}))

    assert response.status_code == 404
    assert _needs(cast) == ["job_coach"]
    assert _open_consents(cast).get().given_by == cast.learner
