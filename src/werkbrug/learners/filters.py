import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from werkbrug.learners.models import LearnerProfile
from werkbrug.organisations.models import Programme
from werkbrug.vocab import CEFR


class LearnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or e-mail"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LearnerProfile.Status.choices, empty_label=_("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Programme.objects.none(), empty_label=_("All programmes")
    )
    dutch_level = django_filters.ChoiceFilter(
        label=_("Dutch level"), choices=CEFR.choices, empty_label=_("All")
    )
    place = django_filters.CharFilter(
        label=_("Home postcode"), field_name="home_postcode", lookup_expr="istartswith"
    )

    class Meta:
        model = LearnerProfile
        fields: list[str] = []

    def __init__(self, *args, programmes: QuerySet[Programme], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes
        self.form.fields["programme"].queryset = programmes
        self.form.fields["programme"].label_from_instance = lambda p: f"{p.name} · {p.school.name}"

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(user__full_name__icontains=value) | Q(user__email__icontains=value))
