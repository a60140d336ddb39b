from django import forms
from django.utils.translation import gettext_lazy as _

from werkbrug.competences.models import Rubric
from werkbrug.organisations.models import Programme, Site
from werkbrug.organisations.travel import place_of
from werkbrug.vocab import Sector


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "street", "number", "postcode", "municipality", "country"]
        help_texts = {"municipality": _("Left empty, we fill it in from the postcode.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].required = False
        self.fields["postcode"].widget.attrs.update({"autocomplete": "postal-code", "inputmode": "text"})
        self.fields["street"].widget.attrs["autocomplete"] = "address-line1"

    def clean(self) -> dict:
        data = super().clean()
        name = data.get("name")
        taken = Site.objects.filter(organisation_id=self.instance.organisation_id, name__iexact=name or "")
        if name and taken.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("This organisation already has a site with this name."))
        country, postcode = data.get("country"), data.get("postcode")
        if country and postcode and place_of(country, postcode) is None:
            self.add_error("postcode", _("We do not know this postcode in the country you chose."))
        return data


class ProgrammeForm(forms.ModelForm):
    sector = forms.ChoiceField(label=_("sector"), choices=[("", "—"), *Sector.choices], required=False)

    class Meta:
        model = Programme
        fields = ["school", "type", "name", "qualification_code", "level", "sector", "rubric"]

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["rubric"].queryset = Rubric.objects.all()
        if not self.instance.pk:
            self.fields["rubric"].initial = Rubric.default()
        else:
            del self.fields["school"]

    def clean(self) -> dict:
        data = super().clean()
        school = data.get("school") or getattr(self.instance, "school", None)
        name = data.get("name")
        if school and name:
            taken = Programme.objects.filter(school=school, name__iexact=name).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("name", _("This school already has a programme with this name."))
        return data
