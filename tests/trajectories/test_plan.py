"""One training plan: drafted from what the workplace teaches, changed together as new versions, signed off
by the learner (a parent for a minor), the mentor and the coach."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from werkbrug.placements.models import Workplace
from werkbrug.trajectories import progress
from werkbrug.trajectories.models import PlanItem, TrainingPlan
from werkbrug.trajectories.services import (
    Line,
    TrajectoryError,
    draft_lines,
    plan_revise,
    plan_sign,
    signers_needed,
)

from ..factories import OrganisationFactory, WorkplaceFactory, WorkplaceMentorFactory


def _lines(plan: TrainingPlan) -> list[Line]:
    return [Line.of(item) for item in progress.plan_items(plan)]


def _edit_post(plan: TrainingPlan, note: str, **changes) -> dict[str, str]:
    """The plan form as the page sends it, with `changes` per competence code: {"OCC-3": {"where": ...}}."""
    data = {"note": note}
    for item in progress.plan_items(plan):
        prefix = f"c{item.competence_id}"
        values = {
            "competence": item.competence_id,
            "core": "on" if item.core else "",
            "where": item.where,
            "phase": item.phase,
            "target_level": item.target_level,
            "starts_on": item.starts_on.isoformat(),
            "ends_on": item.ends_on.isoformat(),
            **changes.get(item.competence.code, {}),
        }
        data.update({f"{prefix}-{k}": str(v) for k, v in values.items()})
    return data


def test_the_draft_puts_each_competence_where_it_can_be_learned(trajectory):
    where = {i.competence.code: (i.where, i.phase) for i in progress.plan_items(trajectory.plans.get())}
    # The workplace teaches GEN-1..OCC-2 up to level 4: learned there; OCC-3 and OCC-4 only at school.
    assert where["GEN-1"][0] == where["OCC-2"][0] == PlanItem.Where.WORKPLACE
    assert where["OCC-3"][0] == where["OCC-4"][0] == PlanItem.Where.SCHOOL
    # Getting to know the work first: the generic competences are in phase 1, the optional one last.
    assert where["GEN-1"][1] == 1 and where["OCC-4"][1] == 4


def test_a_workplace_teaching_part_of_the_way_shares_it_with_school_and_a_second_workplace_the_rest(
    trajectory, cast
):
    cast.workplace.teaches.filter(competence__code="OCC-1").update(level=2)  # target is 3
    second = WorkplaceFactory(employer=OrganisationFactory(kind="employer", region=cast.region))
    second.teaches.create(competence=cast.programme.competences.get(code="OCC-3"), level=4)
    trajectory.second_workplace = second
    where = {line.competence_id: line.where for line in draft_lines(trajectory)}
    codes = dict(cast.programme.competences.values_list("code", "pk"))
    assert where[codes["OCC-1"]] == PlanItem.Where.BOTH
    assert where[codes["OCC-3"]] == PlanItem.Where.SECOND_WORKPLACE
    assert where[codes["OCC-4"]] == PlanItem.Where.SCHOOL


def test_the_coach_changes_the_plan_on_the_page_and_a_new_version_is_kept(client, trajectory, cast):
    v1 = trajectory.plans.get()
    client.force_login(cast.coach)
    url = reverse("trajectories:plan_edit", args=[trajectory.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _edit_post(v1, "OCC-3 at the workplace", **{"OCC-3": {"where": "workplace"}}))
    assert response.status_code == 302
    v2 = trajectory.plans.get(version=2)
    assert v2.note == "OCC-3 at the workplace" and v2.created_by == cast.coach
    assert {i.competence.code: i.where for i in v2.items.select_related("competence")}["OCC-3"] == "workplace"
    # The first version is kept as it was, and can still be read.
    assert {i.competence.code: i.where for i in v1.items.select_related("competence")}["OCC-3"] == "school"
    page = client.get(reverse("trajectories:plan", args=[trajectory.pk]) + "?version=1")
    assert "This is an earlier version." in page.content.decode()


def test_a_bad_line_is_shown_and_nothing_is_saved(client, trajectory, cast):
    v1 = trajectory.plans.get()
    client.force_login(cast.mentor)
    post = _edit_post(v1, "swap", **{"OCC-1": {"ends_on": "2000-01-01"}})
    response = client.post(reverse("trajectories:plan_edit", args=[trajectory.pk]), post)
    assert response.status_code == 200
    assert "A period must end after it starts." in response.content.decode()
    assert trajectory.plans.count() == 1


def test_saving_an_unchanged_plan_is_refused_with_a_reason(trajectory, cast):
    with pytest.raises(TrajectoryError, match="Nothing changed"):
        plan_revise(trajectory=trajectory, lines=_lines(trajectory.plans.get()), note="x", by=cast.coach)


def test_only_mentor_and_coach_change_the_plan(trajectory, cast):
    lines = _lines(trajectory.plans.get())
    lines[0] = Line(**{**lines[0].__dict__, "phase": 2})
    for someone in (cast.learner, cast.parent, cast.coordinator):
        with pytest.raises(PermissionDenied):
            plan_revise(trajectory=trajectory, lines=lines, note="x", by=someone)


def test_a_minor_s_plan_is_agreed_once_learner_parent_mentor_and_coach_signed(client, trajectory, cast):
    assert signers_needed(trajectory) == ["learner", "parent", "mentor", "coach"]
    url = reverse("trajectories:plan_sign", args=[trajectory.pk])
    for user, role in [(cast.learner, "learner"), (cast.parent, "parent"), (cast.mentor, "mentor")]:
        client.force_login(user)
        assert client.post(url, {"version": "1", "as": role}).status_code == 302
        assert trajectory.plans.get().agreed_at is None
    client.force_login(cast.coach)
    client.post(url, {"version": "1", "as": "coach"})
    plan = trajectory.plans.get()
    assert plan.agreed_at is not None
    assert set(plan.signatures.values_list("signed_as", "signer")) == {
        ("learner", cast.learner.pk),
        ("parent", cast.parent.pk),
        ("mentor", cast.mentor.pk),
        ("coach", cast.coach.pk),
    }
    page = client.get(reverse("trajectories:plan", args=[trajectory.pk])).content.decode()
    assert "signed by everyone" in page


def test_an_adult_signs_without_a_parent(adult_trajectory):
    assert signers_needed(adult_trajectory) == ["learner", "mentor", "coach"]


def test_no_one_signs_in_a_role_they_do_not_hold_or_twice(trajectory, cast):
    plan = trajectory.plans.get()
    with pytest.raises(PermissionDenied):
        plan_sign(plan=plan, as_role="coach", by=cast.mentor)
    plan_sign(plan=plan, as_role="mentor", by=cast.mentor)
    with pytest.raises(TrajectoryError, match="already been signed"):
        plan_sign(plan=plan, as_role="mentor", by=cast.mentor)


def test_a_new_version_needs_new_signatures_and_the_old_one_cannot_be_signed(trajectory, cast):
    v1 = trajectory.plans.get()
    plan_sign(plan=v1, as_role="mentor", by=cast.mentor)
    lines = _lines(v1)
    lines[0] = Line(**{**lines[0].__dict__, "target_level": 4})
    v2 = plan_revise(trajectory=trajectory, lines=lines, note="higher", by=cast.coach)
    assert not v2.signatures.exists()
    with pytest.raises(TrajectoryError, match="newer version"):
        plan_sign(plan=v1, as_role="coach", by=cast.coach)


def test_a_mentor_of_another_workplace_gets_404_on_the_plan(client, trajectory, cast):
    elsewhere: Workplace = WorkplaceFactory(employer=OrganisationFactory(kind="employer", region=cast.region))
    stranger = WorkplaceMentorFactory(workplace=elsewhere).mentor
    client.force_login(stranger)
    for name in ("trajectories:plan", "trajectories:plan_edit", "trajectories:detail"):
        assert client.get(reverse(name, args=[trajectory.pk])).status_code == 404
    response = client.post(
        reverse("trajectories:plan_sign", args=[trajectory.pk]), {"version": 1, "as": "mentor"}
    )
    assert response.status_code == 404


def test_the_plan_page_shows_the_phases_and_who_still_has_to_sign(client, trajectory, cast):
    client.force_login(cast.parent)
    page = client.get(reverse("trajectories:plan", args=[trajectory.pk])).content.decode()
    assert "Phase 2: Together, in safety" in page
    assert "I agree: sign as Parent" in page
    assert page.count("not signed yet") == 4


def test_staff_start_a_trajectory_in_the_admin_and_its_plan_is_drafted(client, trajectory, cast):
    from ..factories import LearnerProfileFactory

    learner = LearnerProfileFactory(school=cast.school, programme=cast.programme)
    cast.staff.is_superuser = True  # platform staff run the admin site (as the demo's staff login does)
    cast.staff.save()
    client.force_login(cast.staff)
    response = client.post(
        reverse("admin:trajectories_trajectory_add"),
        {
            "learner": learner.pk,
            "workplace": cast.workplace.pk,
            "mentor": cast.mentor.pk,
            "coach": cast.coach.pk,
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
            "agreement_type": "oao",
            "workplace_days": "3",
            "school_days": "2",
            "status": "active",
            "pauses-TOTAL_FORMS": "0",
            "pauses-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    started = learner.trajectories.get()
    assert started.plans.get().items.count() == 6
