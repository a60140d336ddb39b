from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.queries import coached_learners
from werkbrug.people.models import Role, User
from werkbrug.people.rules import can_invite, invitable_organisations, invitable_roles


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("That e-mail address and password do not match. Check both and try again."),
        "inactive": _("This account has been switched off."),
    }


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = forms.CharField(label=_("Name (optional)"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"), help_text=_("The organisations you can choose depend on the role.")
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    learner = forms.ModelChoiceField(
        label=_("Parent of"),
        queryset=None,
        required=False,
        help_text=_("The learner whose parent you invite."),
    )

    def __init__(self, *args: object, user: User, role: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        roles = invitable_roles(user)
        role = role if role in roles else (roles[0] if roles else "")
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        self.fields["role"].initial = role
        self.fields["role"].widget.attrs.update(
            {
                "hx-get": reverse("people:invitation_new"),
                "hx-target": "#invitation-dependent",
                "hx-swap": "outerHTML",
            }
        )
        # Only the organisations where this role can be invited, and a learner only for a parent.
        self.fields["organisation"].queryset = invitable_organisations(user, role)
        if role != Role.PARENT:
            del self.fields["learner"]
        elif user.is_staff:
            self.fields["learner"].queryset = LearnerProfile.objects.select_related("user")
        else:
            self.fields["learner"].queryset = coached_learners(user)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if organisation and role and not can_invite(self.user, organisation, role):
            self.add_error(
                "organisation",
                _("You cannot invite someone as %(role)s at %(organisation)s.")
                % {"role": Role(role).label.lower(), "organisation": organisation},
            )
        if role == Role.PARENT and not data.get("learner"):
            self.add_error("learner", _("Choose the learner whose parent you are inviting."))
        return data


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A short sentence is easy to remember."),
    )

    def __init__(self, *args: object, email: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        probe = User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))
        password_validation.validate_password(password, probe)
        return password
