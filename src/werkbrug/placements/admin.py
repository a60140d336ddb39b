from django.contrib import admin

from werkbrug.placements.models import Capacity, Recognition, Workplace, WorkplaceCompetence, WorkplaceMentor


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
