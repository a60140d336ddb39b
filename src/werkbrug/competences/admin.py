from django.contrib import admin

from werkbrug.competences.models import Competence, Framework, Occupation, Rubric, RubricLevel


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["code", "title_nl", "title_en", "kind", "framework"]
    list_filter = ["framework", "kind"]
    search_fields = ["code", "title_nl", "title_en"]
    list_select_related = ["framework"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title_nl", "title_en", "framework"]
    search_fields = ["code", "title_nl", "title_en"]


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    extra = 0


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [RubricLevelInline]
