"""The coordinator's form for the region's way of following trajectories: cadences and phase names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.trajectories.models import PHASES
from werkbrug.trajectories.services import Names


class RegionSettingsForm(forms.Form):
    review_weeks = forms.IntegerField(
        label=_("Weeks between progress reviews"),
        min_value=1,
        max_value=52,
        help_text=_("A review is due this many weeks after the start and after each review."),
    )
    evaluation_weeks = forms.IntegerField(
        label=_("Weeks between evaluations"),
        min_value=1,
        max_value=26,
        help_text=_("After this many weeks without an evaluation, the mentor and coach are reminded."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for number in PHASES:
            for language, label in (("nl", _("In Dutch")), ("en", _("In English"))):
                self.fields[f"phase_{number}_{language}"] = forms.CharField(
                    label=label,
                    max_length=80,
                    error_messages={"required": _("Give phase %(n)s a name.") % {"n": number}},
                )

    @classmethod
    def initial_for(cls, review_weeks: int, evaluation_weeks: int, names: dict[int, Names]) -> dict:
        initial: dict = {"review_weeks": review_weeks, "evaluation_weeks": evaluation_weeks}
        for number, value in names.items():
            initial[f"phase_{number}_nl"], initial[f"phase_{number}_en"] = value.nl, value.en
        return initial

    def phases(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        """Per phase its Dutch and English field, for the template."""
        return [(n, self[f"phase_{n}_nl"], self[f"phase_{n}_en"]) for n in PHASES]

    def names(self) -> dict[int, Names]:
        data = self.cleaned_data
        return {n: Names(data[f"phase_{n}_nl"], data[f"phase_{n}_en"]) for n in PHASES}
