"""Search and filters of the workplace list (django-filter)."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from werkbrug.organisations.models import Programme
from werkbrug.placements.models import Recognition, Workplace
from werkbrug.vocab import Sector


class WorkplaceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    place = django_filters.CharFilter(label=_("Postcode or municipality"), method="in_place")
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("All"))
    programme = django_filters.ModelChoiceFilter(
        label=_("Recognised for"),
        queryset=Programme.objects.none(),
        method="recognised_for",
        empty_label=_("Any programme"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Workplace.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Workplace
        fields: list[str] = []

    def __init__(self, *args, programmes: QuerySet[Programme], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes
        self.form.fields["programme"].queryset = programmes

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(employer__name__icontains=value))

    def in_place(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        return queryset.filter(Q(site__postcode__istartswith=value) | Q(site__municipality__icontains=value))

    def recognised_for(self, queryset: QuerySet, name: str, value: Programme) -> QuerySet:
        return queryset.filter(
            recognitions__programme=value, recognitions__status=Recognition.Status.GRANTED
        ).distinct()
