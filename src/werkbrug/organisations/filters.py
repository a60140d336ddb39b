"""Search and filter forms of the organisation and programme lists (django-filter)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from werkbrug.organisations.models import Organisation, Programme, Site
from werkbrug.vocab import Sector


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All")
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(sites__municipality__icontains=value)).distinct()


class SiteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name, street or organisation"), method="search")
    place = django_filters.CharFilter(label=_("Postcode or municipality"), method="in_place")

    class Meta:
        model = Site
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value) | Q(street__icontains=value) | Q(organisation__name__icontains=value)
        )

    def in_place(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(postcode__istartswith=value) | Q(municipality__icontains=value))


class ProgrammeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    type = django_filters.ChoiceFilter(label=_("Type"), choices=Programme.Type.choices, empty_label=_("All"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("All"))

    class Meta:
        model = Programme
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(name__icontains=value)
            | Q(qualification_code__icontains=value)
            | Q(school__name__icontains=value)
        )
