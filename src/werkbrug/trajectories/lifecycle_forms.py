"""Forms of a trajectory's life: the progress review, a pause and its end, a change of people or terms,
the outcome, the follow-ups and the survey at the end."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbrug.competences.models import Competence
from werkbrug.people.models import User
from werkbrug.trajectories.forms import DATE
from werkbrug.trajectories.models import FollowUp, Outcome, Pause, Trajectory


def _not_in_future(day: datetime.date | None, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError(message)


class ReviewForm(forms.Form):
    """What the triad saw; what it decided comes with it as agreements (`forms.AgreementRows`)."""

    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    summary = forms.CharField(
        label=_("What we saw"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Progress, what goes well, what is hard. Everyone of the triad reads it."),
    )

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        _not_in_future(held_on, _("A review is recorded once it has been held."))
        return held_on


class PauseForm(forms.Form):
    starts_on = forms.DateField(label=_("Paused from"), widget=DATE)
    reason = forms.ChoiceField(label=_("Reason"), choices=Pause.Reason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what the school and the workplace need to know. No medical details."),
    )


class ResumeForm(forms.Form):
    on = forms.DateField(label=_("Resumed on"), widget=DATE)

    def clean_on(self) -> datetime.date:
        on = self.cleaned_data["on"]
        _not_in_future(on, _("Record the restart on the day it happens."))
        return on


class EndForm(forms.Form):
    """The outcome: how it ended, what the learner obtained and what comes next."""

    ended_on = forms.DateField(label=_("Ended on"), widget=DATE)
    result = forms.ChoiceField(label=_("Result"), choices=Outcome.Result.choices, widget=forms.RadioSelect)
    left_reason = forms.ChoiceField(
        label=_("Reason for leaving early"),
        choices=[("", "—"), *Outcome.LeftReason.choices],
        required=False,
        help_text=_("Needed when the learner left early."),
    )
    qualification = forms.ChoiceField(
        label=_("Qualification"), choices=Outcome.Qualification.choices, widget=forms.RadioSelect
    )
    competences = forms.ModelMultipleChoiceField(
        label=_("Competences obtained"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The competences of the plan the learner has shown."),
    )
    job_offered = forms.BooleanField(label=_("The workplace offered a job"), required=False)
    job_accepted = forms.BooleanField(label=_("The learner took the job"), required=False)
    next_step = forms.ChoiceField(
        label=_("What comes next"), choices=Outcome.Next.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, competences, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = competences
        self.fields["competences"].label_from_instance = lambda c: c.title
        for name, message in (
            ("result", _("Choose the result.")),
            ("qualification", _("Choose the qualification.")),
            ("next_step", _("Choose what comes next.")),
        ):
            self.fields[name].error_messages["required"] = message

    def clean_ended_on(self) -> datetime.date:
        ended_on = self.cleaned_data["ended_on"]
        _not_in_future(ended_on, _("The end date cannot lie in the future."))
        return ended_on

    def clean(self) -> dict:
        data = super().clean()
        if data.get("result") == Outcome.Result.LEFT_EARLY and not data.get("left_reason"):
            self.add_error("left_reason", _("Choose why the trajectory ended early."))
        if data.get("job_accepted") and not data.get("job_offered"):
            self.add_error("job_accepted", _("A job can only be taken when it was offered."))
        return data


class FollowUpForm(forms.Form):
    STILL = {"yes": True, "no": False, "unknown": None}

    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    situation = forms.ChoiceField(
        label=_("Where is the learner now"),
        choices=FollowUp.Situation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the learner's situation.")},
    )
    still_at_workplace = forms.ChoiceField(
        label=_("Still at the workplace"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("unknown", _("Don't know"))],
        widget=forms.RadioSelect,
        initial="unknown",
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_done_on(self) -> datetime.date:
        done_on = self.cleaned_data["done_on"]
        _not_in_future(done_on, _("A follow-up is recorded once it has happened."))
        return done_on

    @classmethod
    def still_value(cls, still: bool | None) -> str:
        return next(key for key, value in cls.STILL.items() if value is still)

    def still(self) -> bool | None:
        return self.STILL[self.cleaned_data["still_at_workplace"]]


SCALE = [
    (1, _("Very unhappy")),
    (2, _("Unhappy")),
    (3, _("So-so")),
    (4, _("Happy")),
    (5, _("Very happy")),
]


class SurveyForm(forms.Form):
    """Two questions on a scale of 1 to 5, a yes or no, and room for a comment; in plain words."""

    placement = forms.TypedChoiceField(choices=SCALE, coerce=int, widget=forms.RadioSelect)
    guidance = forms.TypedChoiceField(choices=SCALE, coerce=int, widget=forms.RadioSelect)
    recommend = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda v: v == "yes", widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("What could be better?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, as_learner: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if as_learner:
            self.fields["placement"].label = _("How happy are you with your workplace?")
            self.fields["guidance"].label = _("How happy are you with the help of your mentor and coach?")
            self.fields["recommend"].label = _("Would you tell a friend to learn there too?")
        else:
            self.fields["placement"].label = _("How happy are you with how the learner's time with you went?")
            self.fields["guidance"].label = _("How happy are you with the help of the school?")
            self.fields["recommend"].label = _("Would you tell other employers to take a learner too?")
        for name in ("placement", "guidance", "recommend"):
            self.fields[name].error_messages["required"] = _("Choose an answer.")


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.full_name or user.email


class ChangeForm(forms.Form):
    """Who follows the trajectory and its terms; the choices of people come from `services.candidates`."""

    mentor = _PersonChoice(label=_("Mentor"), queryset=User.objects.none(), empty_label=None)
    coach = _PersonChoice(label=_("Trajectory coach"), queryset=User.objects.none(), empty_label=None)
    peer_coach = _PersonChoice(
        label=_("Peer coach"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    jobhunter = _PersonChoice(
        label=_("Job hunter"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    ends_on = forms.DateField(label=_("Planned end"), widget=DATE)
    agreement_type = forms.ChoiceField(label=_("Agreement"), choices=Trajectory.AgreementType.choices)
    workplace_days = forms.DecimalField(
        label=_("Days a week at the workplace"), min_value=0, max_value=7, decimal_places=1, max_digits=2
    )
    school_days = forms.DecimalField(
        label=_("Days a week at school"), min_value=0, max_value=7, decimal_places=1, max_digits=2
    )
    workplace_hours = forms.IntegerField(
        label=_("Hours a week at the workplace"),
        min_value=0,
        max_value=60,
        required=False,
    )
    school_hours = forms.IntegerField(
        label=_("Hours a week at school"), min_value=0, max_value=60, required=False
    )
    note = forms.CharField(
        label=_("Why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the mentor changed jobs. The people newly named read it in their e-mail."),
    )

    def __init__(self, *args, candidates: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for part, people in candidates.items():
            self.fields[part].queryset = people
        for name in ("workplace_days", "school_days"):
            self.fields[name].widget.attrs.update({"step": "0.5", "inputmode": "decimal"})

    @classmethod
    def initial_for(cls, trajectory: Trajectory) -> dict:
        names = [n for n in cls.base_fields if n != "note"]
        values = {name: getattr(trajectory, name) for name in names}
        for name in ("workplace_days", "school_days"):  # 3, not 3.0
            values[name] = values[name].normalize()
        return values

    def values(self) -> dict:
        """The cleaned values the service takes (all but the note)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "note"}
