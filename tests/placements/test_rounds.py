"""The coordinator's allocation round: run it, compare stable and best fit, publish, and run a second one.

The small region every test uses, so its figures can be checked by hand: two workplaces recognised for
the programme, one place each: "near" in Genk (3 min by bike from a home in Genk: 2 min to get going
plus 0.1 km) and "far" in Diepenbeek (45 min by bike: 2 + 8.6 km x 1.25 detour / 15 km/h). Four
learners, in this order: Chris (the cast's learner, no programme yet: no candidate), and Anna, Bram
and Dirk, alike in everything: at home in Genk, by bike, at most 60 minutes, Dutch B1. Between equal
learners a workplace takes the one who came first, so Anna gets "near", Bram "far", and Dirk is left
over because every place that suits him is taken.
"""

import datetime
import types

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Organisation
from werkbrug.people.models import Role
from werkbrug.placements import rounds
from werkbrug.placements.models import (
    AllocationRound,
    Application,
    CandidateRank,
    Capacity,
    PlaceWish,
    Waitlist,
)
from werkbrug.placements.rounds import round_publish, round_run, round_start
from werkbrug.placements.services import PlacementError

from ..conftest import member
from ..factories import (
    LearnerProfileFactory,
    OrganisationFactory,
    RecognitionFactory,
    RegionFactory,
    SiteFactory,
    UserFactory,
    WorkplaceFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
NEAR_MINUTES, FAR_MINUTES = 3, 45


def _places(workplace, n: int) -> Capacity:
    today = TODAY()
    return Capacity.objects.create(
        workplace=workplace,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=300),
        places=n,
    )


def _learner(cast, name: str) -> LearnerProfile:
    today = TODAY()
    return LearnerProfileFactory(
        user=UserFactory(full_name=name),
        school=cast.school,
        programme=cast.programme,
        coach=cast.coach,
        home_country="BE",
        home_postcode="3600",
        mobility_modes=["bike"],
        max_travel_minutes=60,
        dutch_level="B1",
        date_of_birth=today.replace(year=today.year - 19),
    )


@pytest.fixture
def town(cast):
    today = TODAY()
    r = cast.recognition
    r.status, r.number = "granted", "WB-ROUND-1"
    r.starts_on, r.expires_on = today - datetime.timedelta(days=30), today + datetime.timedelta(days=900)
    r.save()
    near = cast.workplace
    far_site = SiteFactory(
        organisation=cast.employer,
        postcode="3590",
        municipality="Diepenbeek",
        latitude=50.9077,
        longitude=5.4187,
    )
    far = WorkplaceFactory(employer=cast.employer, site=far_site, title="Orderpicker")
    RecognitionFactory(workplace=far, programme=cast.programme, granted=True)
    _places(near, 1)
    _places(far, 1)
    chris = cast.learner_profile
    cast.learner.full_name = "Chris Janssens"
    cast.learner.save()
    return types.SimpleNamespace(
        cast=cast,
        near=near,
        far=far,
        chris=chris,
        anna=_learner(cast, "Anna Claes"),
        bram=_learner(cast, "Bram Wouters"),
        dirk=_learner(cast, "Dirk Maes"),
    )


def _run(cast) -> AllocationRound:
    round = round_start(region=cast.region, by=cast.coordinator)
    round_run(round.pk)
    round.refresh_from_db()
    return round


def _placed(round: AllocationRound, method: str = "stable") -> dict[int, int | None]:
    return {row[0]: row[1] for row in round.results[method]["assignment"]}


def _by_label(report: dict, key: str) -> dict[str, tuple[int, int]]:
    return {row["label"]: (row["learners"], row["matched"]) for row in report["groups"][key]}


# -- the run -------------------------------------------------------------------------------------------


def test_a_round_places_the_nearest_first_with_figures_a_reader_can_check(town):
    round = _run(town.cast)

    assert round.status == "done" and round.progress == 100 and round.finished_at is not None
    assert _placed(round) == {
        town.chris.pk: None,
        town.anna.pk: town.near.pk,
        town.bram.pk: town.far.pk,
        town.dirk.pk: None,
    }
    stable = round.results["stable"]
    assert sorted(stable["unmatched"]) == sorted(
        [[town.chris.pk, "no_candidate", "NO_PROGRAMME"], [town.dirk.pk, "all_full", None]]
    )
    minutes = {row[0]: row[3] for row in stable["assignment"] if row[1]}
    assert minutes == {town.anna.pk: NEAR_MINUTES, town.bram.pk: FAR_MINUTES}
    report = stable["report"]
    assert report["learners"] == 4
    assert report["matched"] == 2
    assert report["unmatched_no_candidate"] == 1  # Chris
    assert report["unmatched_all_full"] == 1  # Dirk
    assert report["places_offered"] == 2 and report["places_used"] == 2
    assert report["first_choice_share"] == 0.25  # only Anna got the place she ranks first
    assert report["median_minutes"] == (NEAR_MINUTES + FAR_MINUTES) / 2
    assert report["p90_minutes"] == pytest.approx(NEAR_MINUTES + 0.9 * (FAR_MINUTES - NEAR_MINUTES))
    assert _by_label(report, "language") == {"B1": (3, 2), "unknown": (1, 0)}
    assert _by_label(report, "municipality") == {"Genk": (3, 2), "unknown": (1, 0)}
    assert _by_label(report, "programme") == {"Logistiek assistent": (3, 2), "unknown": (1, 0)}
    assert _by_label(report, "support") == {"no": (4, 2)}
    # Anna, Bram and Dirk are alike: any two of them on the two places give the same total.
    optimal = round.results["optimal"]["report"]
    assert optimal["matched"] == 2
    assert optimal["welfare"] == pytest.approx(report["welfare"])
    assert round.inputs["learners"] == 4 and round.inputs["workplaces"] == 2
    assert round.inputs["places"] == 2 and round.inputs["pairs"] == 6  # 3 learners x 2 workplaces
    assert set(round.inputs["seconds"]) == {"read", "candidates", "stable", "optimal", "report"}
    assert round.inputs["weights"]["coverage"] == 0.35


def test_an_assigned_pair_keeps_its_score_and_explanation(town):
    row = next(r for r in _run(town.cast).results["stable"]["assignment"] if r[0] == town.anna.pk)

    assert 0 < row[2] <= 1
    assert {c["name"] for c in row[4]} == {"coverage", "travel", "language", "support", "mentor", "wishes"}
    assert next(c for c in row[4] if c["name"] == "travel")["params"]["minutes"] == NEAR_MINUTES


def test_a_learner_s_own_wish_comes_before_the_score(town):
    PlaceWish.objects.create(learner=town.anna, workplace=town.far, rank=1)

    round = _run(town.cast)

    assert _placed(round)[town.anna.pk] == town.far.pk
    assert _placed(round)[town.bram.pk] == town.near.pk
    assert round.inputs["place_wishes"] == 1


def test_a_workplace_s_own_ranking_comes_before_the_score(town):
    CandidateRank.objects.create(workplace=town.near, learner=town.dirk, rank=1)

    round = _run(town.cast)

    assert _placed(round)[town.dirk.pk] == town.near.pk
    assert _placed(round)[town.anna.pk] == town.far.pk
    assert _placed(round)[town.bram.pk] is None


def test_stated_ranks_come_first_then_the_score_within_each_owner():
    import numpy as np

    owner = np.array([0, 0, 0, 1, 1])
    other = np.array([0, 1, 2, 0, 1])
    score = np.array([0.9, 0.5, 0.7, 0.2, 0.8])
    stated = np.array([rounds.UNSTATED, 1, rounds.UNSTATED, rounds.UNSTATED, rounds.UNSTATED])

    assert rounds.stated_first(owner, other, score, stated).tolist() == [2, 1, 3, 2, 1]


def test_scores_that_differ_only_by_float_noise_count_as_equal():
    import numpy as np

    noisy = np.array([0.84875, 0.8487500548, 0.69125, 0.8487499952])

    assert rounds.score_levels(noisy).tolist() == [2, 2, 1, 2]


def test_a_failing_run_marks_the_round_failed(town, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the gazetteer is missing")

    monkeypatch.setattr(rounds, "load_region", broken)

    round = _run(town.cast)

    assert round.status == "failed"
    assert round.error == "RuntimeError: the gazetteer is missing"
    assert round.finished_at is not None and round.results == {}


def test_a_round_runs_once_even_when_the_task_comes_twice(town):
    round = _run(town.cast)
    finished = round.finished_at

    round_run(round.pk)

    round.refresh_from_db()
    assert round.finished_at == finished


def test_starting_queues_the_task_which_runs_after_the_commit(town, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        round = round_start(region=town.cast.region, by=town.cast.coordinator)

    round.refresh_from_db()
    assert round.status == "done"  # the test settings run tasks at once


# -- starting --------------------------------------------------------------------------------------------


def test_a_second_round_cannot_start_while_one_waits(town):
    first = round_start(region=town.cast.region, by=town.cast.coordinator)

    with pytest.raises(PlacementError, match="still running"):
        round_start(region=town.cast.region, by=town.cast.coordinator)

    round_run(first.pk)
    assert round_start(region=town.cast.region, by=town.cast.coordinator).number == 2


def test_a_round_stuck_for_over_an_hour_no_longer_blocks_a_new_one(town):
    stuck = round_start(region=town.cast.region, by=town.cast.coordinator)
    AllocationRound.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )

    assert round_start(region=town.cast.region, by=town.cast.coordinator).number == 2
    stuck.refresh_from_db()
    assert stuck.status == "failed"


@pytest.mark.parametrize("who", ["coach", "jobhunter", "org_admin", "other_region_coordinator"])
def test_only_the_region_s_coordinators_and_staff_start_a_round(cast, who):
    if who == "other_region_coordinator":
        elsewhere = RegionFactory(name="Antwerpen")
        user = member(Role.COORDINATOR, OrganisationFactory(kind=Organisation.Kind.NETWORK, region=elsewhere))
    else:
        user = getattr(cast, who)

    with pytest.raises(PermissionDenied):
        round_start(region=cast.region, by=user)
    assert round_start(region=cast.region, by=cast.staff).number == 1


# -- publishing ------------------------------------------------------------------------------------------


def test_publishing_proposes_the_placed_and_waitlists_the_others(town):
    round = _run(town.cast)

    counts = round_publish(round=round, method="stable", by=town.cast.coordinator)

    assert counts == {"proposed": 2, "skipped": 0, "waitlisted": 2, "already_waiting": 0}
    proposals = {a.learner_id: a for a in Application.objects.all()}
    assert {pk: a.workplace_id for pk, a in proposals.items()} == {
        town.anna.pk: town.near.pk,
        town.bram.pk: town.far.pk,
    }
    anna = proposals[town.anna.pk]
    assert anna.status == "proposed" and anna.round == round and anna.proposed_by == town.cast.coordinator
    assert anna.score == _placed_row(round, town.anna)[2] and anna.explanation
    waiting = {w.learner_id: (w.reason, w.round_id) for w in Waitlist.objects.all()}
    assert waiting == {town.chris.pk: ("no_candidate", round.pk), town.dirk.pk: ("all_full", round.pk)}
    round.refresh_from_db()
    assert round.status == "published" and round.published_method == "stable"
    assert round.published_by == town.cast.coordinator and round.published_at is not None
    assert round.results["published"] == counts


def _placed_row(round, learner, method="stable"):
    return next(r for r in round.results[method]["assignment"] if r[0] == learner.pk)


def test_a_round_is_published_once(town):
    round = _run(town.cast)
    round_publish(round=round, method="optimal", by=town.cast.coordinator)

    with pytest.raises(PlacementError, match="already been published"):
        round_publish(round=round, method="stable", by=town.cast.coordinator)
    assert Application.objects.count() == 2


def test_only_a_finished_round_is_published_and_only_by_its_coordinators(town):
    queued = round_start(region=town.cast.region, by=town.cast.coordinator)
    with pytest.raises(PlacementError, match="finished"):
        round_publish(round=queued, method="stable", by=town.cast.coordinator)
    round_run(queued.pk)
    with pytest.raises(PermissionDenied):
        round_publish(round=queued, method="stable", by=town.cast.coach)


def test_publishing_skips_who_was_placed_meanwhile_and_keeps_a_waiting_entry(town):
    round = _run(town.cast)
    LearnerProfile.objects.filter(pk=town.bram.pk).update(status="placed")
    earlier = Waitlist.objects.create(learner=town.dirk, region=town.cast.region, reason="ended_early")

    counts = round_publish(round=round, method="stable", by=town.cast.coordinator)

    assert counts == {"proposed": 1, "skipped": 1, "waitlisted": 1, "already_waiting": 1}
    assert list(Application.objects.values_list("learner_id", flat=True)) == [town.anna.pk]
    assert Waitlist.objects.get(learner=town.dirk) == earlier  # kept as it was
    assert Waitlist.objects.get(learner=town.dirk).reason == "ended_early"


def test_a_second_round_sees_the_waitlisted_learners_and_the_places_left(town):
    first = _run(town.cast)
    round_publish(round=first, method="stable", by=town.cast.coordinator)
    Capacity.objects.filter(workplace=town.near).update(places=2)  # the employer offers one more place

    second = _run(town.cast)

    # Anna and Bram wait for their proposals, which hold their places: Chris and Dirk take part,
    # and of the three places one is left, in Genk, for Dirk.
    assert second.number == 2
    assert second.inputs["learners"] == 2 and second.inputs["places"] == 1
    assert _placed(second) == {town.chris.pk: None, town.dirk.pk: town.near.pk}
    counts = round_publish(round=second, method="stable", by=town.cast.coordinator)
    assert counts == {"proposed": 1, "skipped": 0, "waitlisted": 0, "already_waiting": 1}
    assert Application.objects.get(learner=town.dirk).round == second


def test_a_declined_proposal_frees_its_place_for_the_next_round(town):
    first = _run(town.cast)
    round_publish(round=first, method="stable", by=town.cast.coordinator)
    Application.objects.filter(learner=town.bram).update(status="declined")

    second = _run(town.cast)

    assert second.inputs["learners"] == 3 and second.inputs["places"] == 1  # Chris, Bram, Dirk; "far"
    assert _placed(second)[town.bram.pk] == town.far.pk


# -- the pages -------------------------------------------------------------------------------------------


def test_the_coordinator_starts_a_round_from_the_list(client, town, django_capture_on_commit_callbacks):
    client.force_login(town.cast.coordinator)
    page = client.get(reverse("placements:rounds")).content.decode()
    assert 'type="hidden" name="region"' in page  # one region: nothing to choose
    assert "Start a new round" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("placements:rounds"), {"region": town.cast.region.pk})

    round = AllocationRound.objects.get()
    assert response.status_code == 302 and response.url == round.get_absolute_url()
    listing = client.get(reverse("placements:rounds")).content.decode()
    assert "Round 1" in listing and "Ready to compare" in listing
    assert "2 · 2 of 4" in listing


def test_a_coordinator_is_told_when_a_round_is_still_running(client, town):
    round_start(region=town.cast.region, by=town.cast.coordinator)
    client.force_login(town.cast.coordinator)

    response = client.post(reverse("placements:rounds"), {"region": town.cast.region.pk}, follow=True)

    assert "A round of this region is still running." in response.content.decode()
    assert AllocationRound.objects.count() == 1


def test_the_detail_page_compares_both_results_per_group(client, town):
    round = _run(town.cast)
    client.force_login(town.cast.coordinator)

    page = client.get(round.get_absolute_url()).content.decode()

    assert page.count("<h1") == 1
    assert "Stable (learners&#x27; wishes first)" in page and "Best total fit" in page
    for group in ("Programme", "Dutch level", "Support need", "Municipality (home)"):
        assert f"<caption>{group}</caption>" in page
    assert '<th scope="col">Stable: placed</th>' in page and "Best total fit: median travel" in page
    # The region places 2 of 4 (50 %); the learners with an unknown home none: 50 points behind.
    assert "50 points below the region" in page
    assert "Publish the proposals to the coaches" in page
    assert f'<a href="{reverse("learners:detail", args=[town.anna.pk])}">Anna Claes</a>' in page
    assert "Orderpicker" in page
    assert "No place</strong>: no programme is filled in yet" in page
    assert "No place</strong>: every suitable place was taken" in page


def test_the_detail_page_shows_the_best_fit_list_on_request_and_who_published(client, town):
    round = _run(town.cast)
    round_publish(round=round, method="optimal", by=town.cast.coordinator)
    client.force_login(town.cast.coordinator)

    page = client.get(round.get_absolute_url()).content.decode()

    assert "Who goes where: Best total fit" in page
    assert f"published by {town.cast.coordinator.full_name}" in page
    assert "2 proposals sent" in page and "2 learners put on the waiting list" in page
    assert "Publish the proposals to the coaches" not in page
    assert (
        "Who goes where: Stable"
        in client.get(round.get_absolute_url(), {"method": "stable"}).content.decode()
    )


def test_the_progress_part_answers_the_page_s_own_polls(client, town):
    round = round_start(region=town.cast.region, by=town.cast.coordinator)
    client.force_login(town.cast.coordinator)

    page = client.get(round.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and "<progress" in page

    poll = client.get(round.get_absolute_url(), headers={"hx-request": "true"})
    part = poll.content.decode()
    assert "<progress" in part and "Waiting for the task worker" in part and "<h1" not in part

    round_run(round.pk)
    done = client.get(round.get_absolute_url(), headers={"hx-request": "true"})
    assert done.headers["HX-Refresh"] == "true"  # the whole page reloads with the results


def test_a_failed_round_says_so(client, town, monkeypatch):
    monkeypatch.setattr(rounds, "load_region", lambda *a, **k: 1 / 0)
    round = _run(town.cast)
    client.force_login(town.cast.coordinator)

    page = client.get(round.get_absolute_url()).content.decode()

    assert "The round stopped with an error" in page and "ZeroDivisionError" in page


def test_publishing_from_the_page(client, town):
    round = _run(town.cast)
    client.force_login(town.cast.coordinator)

    response = client.post(
        reverse("placements:round_publish", args=[round.pk]), {"method": "stable"}, follow=True
    )

    assert "The proposals have been published." in response.content.decode()
    assert Application.objects.filter(round=round).count() == 2


@pytest.mark.parametrize("who", ["other_region_coordinator", "coach", "org_admin", "jobhunter"])
def test_a_round_is_not_found_for_anyone_but_its_coordinators(client, town, who):
    round = _run(town.cast)
    if who == "other_region_coordinator":
        elsewhere = RegionFactory(name="Antwerpen")
        user = member(Role.COORDINATOR, OrganisationFactory(kind=Organisation.Kind.NETWORK, region=elsewhere))
    else:
        user = getattr(town.cast, who)
    client.force_login(user)

    assert client.get(round.get_absolute_url()).status_code == 404
    publish = client.post(reverse("placements:round_publish", args=[round.pk]), {"method": "stable"})
    assert publish.status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize("learners", [5, 40])
def test_the_detail_page_query_count_does_not_grow_with_the_rows(
    client, town, learners, django_assert_max_num_queries
):
    for n in range(learners - 3):
        _learner(town.cast, f"Leerling {n}")
    round = _run(town.cast)
    assert len(round.results["stable"]["assignment"]) == learners + 1
    client.force_login(town.cast.coordinator)

    # session, user, roles (3); the round with region, creator and publisher (1); the page's learners (1)
    # and workplaces (1); "may invite" (1); saving the session (3)
    with django_assert_max_num_queries(10):
        response = client.get(round.get_absolute_url())
    assert response.status_code == 200
