from django.contrib import admin

from werkbrug.organisations.models import (
    MeasuredTravelTime,
    Organisation,
    Programme,
    ProgrammeCompetence,
    Region,
    Site,
    TravelFactor,
)


class TravelFactorInline(admin.TabularInline):
    model = TravelFactor
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country"]
    inlines = [TravelFactorInline]


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    readonly_fields = ["latitude", "longitude"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]
    inlines = [SiteInline]


class ProgrammeCompetenceInline(admin.TabularInline):
    model = ProgrammeCompetence
    extra = 0
    autocomplete_fields = ["competence"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "type", "level"]
    list_filter = ["type"]
    search_fields = ["name", "qualification_code", "school__name"]
    list_select_related = ["school"]
    inlines = [ProgrammeCompetenceInline]


@admin.register(MeasuredTravelTime)
class MeasuredTravelTimeAdmin(admin.ModelAdmin):
    list_display = ["from_postcode", "to_postcode", "mode", "minutes"]
    list_filter = ["mode"]
    search_fields = ["from_postcode", "to_postcode"]
