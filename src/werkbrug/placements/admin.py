from django.contrib import admin

from werkbrug.placements.models import (
    AllocationRound,
    Application,
    Capacity,
    MatchingWeights,
    Recognition,
    Waitlist,
    Workplace,
    WorkplaceCompetence,
    WorkplaceMentor,
)


class WorkplaceCompetenceInline(admin.TabularInline):
    model = WorkplaceCompetence
    extra = 0
    autocomplete_fields = ["competence"]


class CapacityInline(admin.TabularInline):
    model = Capacity
    extra = 0


class WorkplaceMentorInline(admin.TabularInline):
    model = WorkplaceMentor
    extra = 0
    raw_id_fields = ["mentor"]


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "site", "status"]
    list_filter = ["status"]
    search_fields = ["title", "employer__name"]
    list_select_related = ["employer", "site"]
    inlines = [WorkplaceCompetenceInline, CapacityInline, WorkplaceMentorInline]


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ["workplace", "programme", "status", "number", "expires_on"]
    list_filter = ["status"]
    search_fields = ["number", "workplace__title", "workplace__employer__name"]
    list_select_related = ["workplace", "programme"]
    raw_id_fields = ["workplace", "programme", "applied_by", "reviewed_by"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["learner", "workplace", "status", "proposed_at", "introduction_on"]
    list_filter = ["status"]
    list_select_related = ["learner__user", "workplace"]
    raw_id_fields = [
        "learner",
        "workplace",
        "round",
        "capacity",
        "proposed_by",
        "introduction_agreed_by",
        "decided_by",
    ]


@admin.register(AllocationRound)
class AllocationRoundAdmin(admin.ModelAdmin):
    list_display = ["region", "number", "status", "created_at", "published_method"]
    list_filter = ["status"]
    readonly_fields = ["inputs", "results"]
    raw_id_fields = ["created_by", "published_by"]


@admin.register(Waitlist)
class WaitlistAdmin(admin.ModelAdmin):
    list_display = ["learner", "region", "reason", "since", "resolved_at"]
    list_filter = ["reason"]
    raw_id_fields = ["learner", "round"]


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    list_display = ["region", "coverage", "travel", "language", "support", "mentor", "wishes"]
