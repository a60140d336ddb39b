"""Forms of the trajectory pages, one section per part of the app."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbrug.people.models import Role, User
from werkbrug.trajectories.models import Absence, CheckIn, ContactMoment, PlanItem, Trajectory
from werkbrug.trajectories.services import NewAgreement, TrajectoryError, check_attachment

# A date picker; the value is sent in ISO format, as the browser's date input expects.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# ---------------------------------------------------------------------------------------------------------
# Follow-up: check-ins, the logbook, contact moments with their agreements, absences
# (views/followup.py)
# ---------------------------------------------------------------------------------------------------------

# A person of the trajectory and the part they play, as the forms offer them: (user, "Name (mentor)").
Person = tuple[User, str]


def _face(name: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=CheckIn._meta.get_field(name).verbose_name,
        choices=CheckIn.Answer.choices,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "wb-face-input"}),
        error_messages={"required": _("Tap one of the faces.")},
    )


class CheckInForm(forms.Form):
    """The learner's weekly check-in: three questions answered with a face, two wishes and a note."""

    feeling = _face("feeling")
    learning = _face("learning")
    respected = _face("respected")
    wants_contact = forms.BooleanField(
        label=CheckIn._meta.get_field("wants_contact").verbose_name, required=False
    )
    wants_mentor = forms.BooleanField(
        label=CheckIn._meta.get_field("wants_mentor").verbose_name, required=False
    )
    note = forms.CharField(
        label=_("Do you want to say more? (you may leave this empty)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @property
    def questions(self) -> list[forms.BoundField]:
        return [self["feeling"], self["learning"], self["respected"]]


class LogEntryForm(forms.Form):
    text = forms.CharField(
        label=_("What happened?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write a few words.")},
    )
    attachment = forms.FileField(
        label=_("Photo or PDF (optional)"),
        required=False,
        help_text=_("A photo (JPG or PNG) or a PDF, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"}),
    )

    def clean_attachment(self) -> object:
        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                check_attachment(upload)
            except TrajectoryError as error:
                raise forms.ValidationError(str(error)) from error
        return upload or None


PARTS = {
    "learner": Role.LEARNER.label,
    "parent": Role.PARENT.label,
    "mentor": Role.MENTOR.label,
    "coach": Role.COACH.label,
    "peer_coach": Role.PEER_COACH.label,
    "jobhunter": Role.JOBHUNTER.label,
}


def trajectory_people(trajectory: Trajectory) -> list[Person]:
    """Who can take part in a contact moment or own an agreement, each once, with the part they play."""
    return [
        (user, _("%(name)s (%(part)s)") % {"name": user.full_name or user.email, "part": PARTS[part]})
        for user, part in trajectory.people()
    ]


def _person_choices(people: list[Person]) -> list[tuple[str, str]]:
    return [(str(user.pk), label) for user, label in people]


class _PeopleForm(forms.Form):
    """A form that offers the people of one trajectory and gives back the chosen users."""

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(user.pk): user for user, _label in people}

    def user(self, pk: str) -> User:
        return self.people[pk]


class AgreementForm(_PeopleForm):
    """One agreement: what, who and by when. In a contact moment's form a blank row is ignored."""

    action = forms.CharField(
        label=_("What was agreed?"), max_length=300, error_messages={"required": _("Say what was agreed.")}
    )
    owner = forms.ChoiceField(label=_("Who does it?"), error_messages={"required": _("Choose who does it.")})
    due_on = forms.DateField(
        label=_("By when?"), widget=DATE, error_messages={"required": _("Choose by when.")}
    )

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, people=people, **kwargs)
        self.fields["owner"].choices = [("", _("Choose a person")), *_person_choices(people)]


class _AgreementRows(forms.BaseFormSet):
    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        self.people = people
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict:
        return {**super().get_form_kwargs(index), "people": self.people}

    @property
    def filled(self) -> list[AgreementForm]:
        """The rows with something in them (after validation)."""
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]

    def agreements(self) -> list[NewAgreement]:
        """The filled rows as the services take them (after validation)."""
        return [
            NewAgreement(
                action=row.cleaned_data["action"],
                owner=row.user(row.cleaned_data["owner"]),
                due_on=row.cleaned_data["due_on"],
            )
            for row in self.filled
        ]


AGREEMENT_ROWS = 3
AgreementRows = forms.formset_factory(
    AgreementForm, formset=_AgreementRows, extra=AGREEMENT_ROWS, max_num=AGREEMENT_ROWS, validate_max=True
)


class ContactForm(_PeopleForm):
    """A contact moment: kind, date, who took part and notes (its agreements are `AgreementRows`)."""

    kind = forms.ChoiceField(
        label=_("What kind of contact?"), choices=ContactMoment.Kind.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    participants = forms.MultipleChoiceField(
        label=_("Who took part?"), widget=forms.CheckboxSelectMultiple, required=False
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: object, people: list[Person], **kwargs: object) -> None:
        super().__init__(*args, people=people, **kwargs)
        self.fields["participants"].choices = _person_choices(people)

    def clean_on(self) -> datetime.date:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(
                _("This date is in the future. Record a contact moment once it took place.")
            )
        return on


class AbsenceForm(forms.Form):
    where = forms.ChoiceField(
        label=_("Where was the learner absent?"), choices=Absence.Where.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label=_("First day absent"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Last day absent"), widget=DATE, help_text=_("The same day for a single day.")
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=Absence.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)

    def clean(self) -> dict:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return data


# ---------------------------------------------------------------------------------------------------------
# end of follow-up
# ---------------------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------------
# The training plan (views/plan.py)
# ---------------------------------------------------------------------------------------------------------


class PlanLineForm(forms.Form):
    """One competence of the plan; the competence itself is fixed by the programme's profile."""

    competence = forms.IntegerField(widget=forms.HiddenInput)
    core = forms.BooleanField(required=False, widget=forms.HiddenInput)
    where = forms.ChoiceField(label=_("Where"), choices=PlanItem.Where.choices)
    phase = forms.TypedChoiceField(label=_("Phase"), coerce=int)
    target_level = forms.TypedChoiceField(label=_("Target level"), coerce=int)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE)

    def __init__(
        self, *args, phases: list[tuple[int, str]], levels: list[tuple[int, str]], second: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = phases
        self.fields["target_level"].choices = levels
        if not second:
            self.fields["where"].choices = [
                c for c in PlanItem.Where.choices if c[0] != PlanItem.Where.SECOND_WORKPLACE
            ]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("A period must end after it starts."))
        return data


class PlanNoteForm(forms.Form):
    note = forms.CharField(
        label=_("What changed, in a few words"),
        max_length=300,
        help_text=_("Everyone signs the new version again; this note tells them why."),
    )
