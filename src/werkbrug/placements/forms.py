from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.competences.models import Competence, RubricLevel
from werkbrug.organisations.models import Organisation, Programme, Region, Site
from werkbrug.people.models import User
from werkbrug.placements.models import Application, Workplace
from werkbrug.vocab import Sector, Shift, Support, TravelMode

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkplaceForm(forms.ModelForm):
    sector = forms.ChoiceField(label=_("sector"), choices=[("", "—"), *Sector.choices], required=False)
    support_offered = forms.MultipleChoiceField(
        label=_("Support we can give"),
        choices=Support.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Matching proposes learners whose needs you can meet."),
    )
    shifts = forms.MultipleChoiceField(
        label=_("Shifts"), choices=Shift.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Workplace
        fields = [
            "employer",
            "site",
            "title",
            "description",
            "sector",
            "language_demand",
            "support_offered",
            "hours",
            "shifts",
            "status",
        ]

    def __init__(self, *args, employers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["employer"]
            self.fields["site"].queryset = Site.objects.filter(organisation_id=self.instance.employer_id)
        else:
            self.fields["employer"].queryset = employers
            self.fields["site"].queryset = Site.objects.filter(organisation__in=employers).select_related(
                "organisation"
            )
            if employers.count() == 1:
                self.initial["employer"] = employers.first().pk  # the form's initial wins over the field's
                self.fields["employer"].widget = forms.HiddenInput()
            del self.fields["status"]
        self.fields["site"].label_from_instance = lambda s: f"{s.name} · {s.address}"

    def clean(self) -> dict:
        data = super().clean()
        employer = data.get("employer") or getattr(self.instance, "employer", None)
        site = data.get("site")
        if employer and site and site.organisation_id != employer.pk:
            self.add_error("site", _("Choose a site of this employer."))
        return data


class CompetenceLevelsForm(forms.Form):
    """One select per competence: not taught here, or the level reachable."""

    def __init__(
        self,
        *args,
        competences: list[Competence],
        levels: list[RubricLevel],
        current: dict[int, int],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Not here")), *[(str(lv.number), f"{lv.number}. {lv.label}") for lv in levels]]
        self.competences = competences
        for c in competences:
            self.fields[f"c{c.pk}"] = forms.TypedChoiceField(
                label=c.title,
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
                initial=current.get(c.pk),
            )

    def levels(self) -> dict[Competence, int]:
        return {
            c: self.cleaned_data[f"c{c.pk}"] for c in self.competences if self.cleaned_data.get(f"c{c.pk}")
        }


class MentorsForm(forms.Form):
    mentors = forms.ModelMultipleChoiceField(
        label=_("Mentors at this workplace"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = candidates
        self.fields["mentors"].label_from_instance = lambda u: u.full_name or u.email


class CapacityForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)
    places = forms.IntegerField(label=_("Places"), min_value=0, max_value=99)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The period must end after it starts."))
        return data


class MentorTrainingForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=User.objects.none())
    title = forms.CharField(label=_("Training"), max_length=200, initial=_("Mentor training"))
    provider = forms.CharField(label=_("Provider"), max_length=200, required=False)
    completed_on = forms.DateField(
        label=_("Completed on"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty when the mentor is booked but has not followed it yet."),
    )

    def __init__(self, *args, mentors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["mentor"].label_from_instance = lambda u: u.full_name or u.email


class RecognitionApplyForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())

    def __init__(self, *args, programmes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].label_from_instance = lambda p: f"{p.name} · {p.school.name}"


class RecognitionReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Recognise")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    starts_on = forms.DateField(
        label=_("Recognised from"), widget=DATE, required=False, help_text=_("Empty: today.")
    )
    expires_on = forms.DateField(
        label=_("Recognised until"),
        widget=DATE,
        required=False,
        help_text=_("Empty: five years from the start."),
    )
    note = forms.CharField(
        label=_("Note to the employer"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class TravelFromForm(forms.Form):
    """Where to measure travel from: a postcode (e.g. a learner's home) and a way to travel."""

    from_postcode = forms.CharField(label=_("Travel from postcode"), required=False, max_length=10)
    from_country = forms.ChoiceField(label=_("Country"), choices=Region.Country.choices, required=False)
    mode = forms.ChoiceField(label=_("By"), choices=TravelMode.choices, required=False)


def employers_queryset(organisations) -> "forms.QuerySet[Organisation]":
    return organisations.filter(kind=Organisation.Kind.EMPLOYER).order_by("name")


class SuggestionFilterForm(forms.Form):
    max_minutes = forms.IntegerField(
        label=_("Longest trip (minutes)"), required=False, min_value=5, max_value=180
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Any sector")), *Sector.choices]
    )
    whole_core = forms.BooleanField(label=_("Teaches the whole core"), required=False)


class IntroductionForm(forms.Form):
    on = forms.DateField(label=_("Date of the introduction"), widget=DATE)


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Application.DeclineReason.choices)
    note = forms.CharField(
        label=_("Explanation"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
