from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.services import PROFILE_FIELDS, WISH_FIELDS
from werkbrug.organisations.models import Programme
from werkbrug.organisations.travel import place_of
from werkbrug.people.models import Membership, Role, User
from werkbrug.vocab import Sector, Support, TravelMode, Weekday

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _multi(label, choices, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


def _days(label) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=label, choices=Weekday.choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )


class _PostcodeMixin:
    def clean(self) -> dict:
        data = super().clean()  # type: ignore[misc]
        postcode = data.get("home_postcode")
        country = data.get("home_country") or getattr(self.instance, "home_country", "BE")  # type: ignore[attr-defined]
        if postcode and place_of(country, postcode) is None:
            self.add_error("home_postcode", _("We do not know this postcode."))  # type: ignore[attr-defined]
        return data


class LearnerForm(_PostcodeMixin, forms.ModelForm):
    """The coach's form: the whole profile except support needs (those need consent)."""

    email = forms.EmailField(label=_("E-mail address"), help_text=_("The learner gets an invitation here."))
    full_name = forms.CharField(label=_("Name"), max_length=150)
    invite = forms.BooleanField(label=_("Send the invitation now"), required=False, initial=True)
    mobility_modes = _multi(_("Ways to travel"), TravelMode.choices)
    sectors = _multi(_("Sectors of interest"), Sector.choices)
    days_available = _days(_("Days available for the workplace"))

    class Meta:
        model = LearnerProfile
        fields = PROFILE_FIELDS
        widgets = {
            "date_of_birth": DATE,
            "available_from": DATE,
            "interests": forms.Textarea(attrs={"rows": 2}),
            "wishes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, school, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(school=school).order_by("name")
        coaches = Membership.objects.current().filter(organisation=school, role=Role.COACH).values("user_id")
        self.fields["coach"].queryset = User.objects.filter(pk__in=coaches).order_by("full_name")
        self.fields["coach"].label_from_instance = lambda u: u.full_name or u.email
        if self.instance.pk:
            for name in ("email", "full_name", "invite"):
                del self.fields[name]
        else:
            del self.fields["status"]


class WishesForm(forms.ModelForm):
    """The learner's own page, in plain words."""

    mobility_modes = _multi(_("How can you travel to work?"), TravelMode.choices)
    sectors = _multi(_("Where would you like to work?"), Sector.choices)
    days_available = _days(_("Which days can you work?"))

    class Meta:
        model = LearnerProfile
        fields = WISH_FIELDS
        labels = {
            "max_travel_minutes": _("How long can the trip to work take? (minutes, one way)"),
            "interests": _("What do you like to do?"),
            "wishes": _("Anything else we should know?"),
        }
        help_texts = {"max_travel_minutes": ""}
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 2}),
            "wishes": forms.Textarea(attrs={"rows": 2}),
        }


class SupportForm(forms.Form):
    needs = _multi(
        _("What helps you at work?"),
        Support.choices,
        help_text=_("Only what helps. We never ask for a diagnosis."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the school keeps this and uses it to find a workplace that can give this help."
        ),
        required=True,
    )

    def __init__(self, *args, consent_needed: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not consent_needed:
            del self.fields["consent"]
