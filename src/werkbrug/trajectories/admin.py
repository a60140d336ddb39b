"""The admin site: a region renames its phases and sets its cadences here; staff can start a trajectory
by hand (its plan is drafted as when an application is accepted) and correct one."""

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from werkbrug.trajectories.models import (
    Agreement,
    CheckIn,
    ContactMoment,
    Evaluation,
    EvaluationScore,
    FollowUp,
    Outcome,
    Pause,
    PhaseName,
    PlanItem,
    PlanSignature,
    ProgressReview,
    RegionTrajectorySettings,
    TrainingPlan,
    Trajectory,
    TrajectoryChange,
)
from werkbrug.trajectories.services import plan_draft


@admin.register(RegionTrajectorySettings)
class RegionTrajectorySettingsAdmin(admin.ModelAdmin):
    list_display = ["region", "review_weeks", "evaluation_weeks"]


@admin.register(PhaseName)
class PhaseNameAdmin(admin.ModelAdmin):
    list_display = ["region", "number", "name_nl", "name_en"]
    list_filter = ["region"]


class PauseInline(admin.TabularInline):
    model = Pause
    extra = 0


class ChangeInline(admin.TabularInline):
    """The changes made on the trajectory's page, to read: a correction here is not one of them."""

    model = TrajectoryChange
    extra = 0
    fields = ["created_at", "created_by", "changes", "agreements_moved", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Trajectory)
class TrajectoryAdmin(admin.ModelAdmin):
    list_display = ["learner", "workplace", "mentor", "coach", "phase", "status", "starts_on", "ends_on"]
    list_filter = ["status", "phase", "agreement_type"]
    search_fields = ["learner__user__full_name", "workplace__title", "workplace__employer__name"]
    list_select_related = ["learner__user", "workplace__employer", "mentor", "coach"]
    raw_id_fields = [
        "learner",
        "application",
        "workplace",
        "second_workplace",
        "mentor",
        "coach",
        "peer_coach",
        "jobhunter",
    ]
    readonly_fields = ["phase", "created_by"]
    inlines = [PauseInline]

    def get_inlines(self, request: HttpRequest, obj: Trajectory | None) -> list:
        return [PauseInline, ChangeInline] if obj else [PauseInline]  # a new trajectory has no changes yet

    @transaction.atomic
    def save_model(self, request: HttpRequest, obj: Trajectory, form: object, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change and obj.learner.programme_id and obj.learner.programme.profile.exists():
            plan_draft(trajectory=obj, by=request.user)


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    raw_id_fields = ["competence"]


class PlanSignatureInline(admin.TabularInline):
    model = PlanSignature
    extra = 0
    readonly_fields = ["signer", "signed_as", "signed_at"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(TrainingPlan)
class TrainingPlanAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "version", "created_at", "agreed_at"]
    list_select_related = ["trajectory__learner__user", "trajectory__workplace"]
    raw_id_fields = ["trajectory", "created_by"]
    inlines = [PlanItemInline, PlanSignatureInline]


class ScoreInline(admin.TabularInline):
    model = EvaluationScore
    extra = 0
    raw_id_fields = ["competence"]


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "role", "author", "submitted_at"]
    list_filter = ["role"]
    list_select_related = ["trajectory__learner__user", "trajectory__workplace", "author"]
    raw_id_fields = ["trajectory", "plan", "author"]
    inlines = [ScoreInline]


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "kind", "on"]
    list_filter = ["kind"]
    raw_id_fields = ["trajectory", "participants", "created_by"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["action", "trajectory", "owner", "due_on", "done_at"]
    raw_id_fields = ["trajectory", "contact", "review", "owner", "done_by", "created_by"]


# Check-ins are the learner's word to the coach: staff see that one was made, never change it.
@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "week", "wants_contact", "seen_at"]
    raw_id_fields = ["trajectory", "seen_by"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ProgressReview)
class ProgressReviewAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "due_on", "held_on", "signed_at"]
    raw_id_fields = ["trajectory", "created_by"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "result", "qualification", "next_step", "ended_on"]
    list_filter = ["result", "qualification", "next_step", "left_reason"]
    raw_id_fields = ["trajectory", "competences_obtained", "recorded_by"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["trajectory", "months", "due_on", "done_on", "situation"]
    list_filter = ["months", "situation"]
    raw_id_fields = ["trajectory", "done_by"]
