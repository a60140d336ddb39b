from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.queries import children_of, coached_learners, learners_for
from werkbrug.people.forms import AcceptInvitationForm, InvitationForm
from werkbrug.people.models import Invitation, Role, User
from werkbrug.people.queries import invitations_for, members_of, region_overview
from werkbrug.people.roles import SESSION_KEY, STAFF, ActiveRole
from werkbrug.people.services import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_withdraw,
)
from werkbrug.placements.models import Application, Recognition, Waitlist
from werkbrug.placements.queries import (
    applications_for,
    applications_to_decide,
    expiring_recognitions,
    idle_workplaces,
    introductions_to_agree,
    overdue_mentor_trainings,
    recognitions_reviewed_by,
)
from werkbrug.trajectories.queries import (
    agreements_due,
    caseload,
    caseload_size,
    children_home,
    follow_ups_due,
    learner_home,
    mentor_today,
    overdue_reviews,
    region_figures,
    surveys_to_answer,
    trajectories_for,
)

HOME_LIST_LENGTH = 5
HOME_LEARNERS = 12
HOME_CASELOAD = 12
TRIAD_HOMES = (Role.LEARNER, Role.PARENT, Role.MENTOR, Role.COACH)
AGREEMENT_OWNERS = (*TRIAD_HOMES, Role.PEER_COACH, Role.JOBHUNTER)


def _first(queryset, length: int = HOME_LIST_LENGTH) -> dict[str, Any]:
    """The first few rows of a list on a home page, and how many there are in all."""
    return {"rows": list(queryset[:length]), "total": queryset.count()}


def _home_context(request: HttpRequest, role: ActiveRole) -> dict[str, Any]:
    context = _role_context(request, role)
    if role.role in AGREEMENT_OWNERS:
        # Everyone of the triad sees an overdue review on their home page; everyone who can own an
        # agreement (the triad, a parent, the peer coach, the job hunter) sees theirs that are due.
        if role.role in TRIAD_HOMES:
            context["overdue_reviews"] = list(overdue_reviews(request.user)[:HOME_LIST_LENGTH])
        context.setdefault("agreements_due", list(agreements_due(request.user)[:HOME_LIST_LENGTH]))
        if role.role in (Role.LEARNER, Role.MENTOR):  # the two who answer the closing survey
            context["surveys"] = list(surveys_to_answer(request.user)[:HOME_LIST_LENGTH])
        if role.role == Role.COACH:
            context["follow_ups"] = list(follow_ups_due(request.user)[:HOME_LIST_LENGTH])
        context["today"] = timezone.localdate()
    return context


def _role_context(request: HttpRequest, role: ActiveRole) -> dict[str, Any]:
    user, organisation = request.user, role.organisation
    if role.role == Role.LEARNER:
        learner = LearnerProfile.objects.filter(user=user).select_related("school").first()
        return {
            "learner": learner,
            "to_agree": list(introductions_to_agree(user)),
            **learner_home(user),
        }
    if role.role == Role.PARENT:
        return {
            "children": children_of(user),
            "to_agree": list(introductions_to_agree(user)),
            "child_trajectories": children_home(user),
        }
    if role.role in (Role.COACH, Role.JOBHUNTER):
        followed = applications_for(user).filter(status__in=Application.OPEN).order_by("-updated_at")
        if role.role == Role.JOBHUNTER:
            return {
                # Those who have waited longest first; each with their suggested workplaces.
                "seeking": _first(
                    learners_for(user)
                    .filter(status=LearnerProfile.Status.SEEKING)
                    .order_by("created_at", "pk"),
                    HOME_LEARNERS,
                ),
                "applications": _first(followed.filter(proposed_by=user)),
            }
        return {
            # Counted without the caseload's annotations: the same rows, a cheaper count.
            "caseload": {"rows": list(caseload(user)[:HOME_CASELOAD]), "total": caseload_size(user)},
            # Those still looking for a place first; the full list is the learners page.
            "learners": _first(
                coached_learners(user)
                .filter(school=organisation)
                .order_by(
                    Case(When(status=LearnerProfile.Status.SEEKING, then=0), default=1), "user__full_name"
                ),
                HOME_LEARNERS,
            ),
            "open_invitations": invitations_for(user).open().filter(invited_by=user),
            "applications": _first(followed.filter(learner__school=organisation)),
        }
    if role.role == Role.MENTOR:
        return {
            "applications": _first(applications_to_decide(user).filter(workplace__employer=organisation)),
            **mentor_today(user),
        }
    if role.role == Role.PEER_COACH:
        return {
            "supported": list(
                trajectories_for(user).filter(peer_coach=user).order_by("learner__user__full_name")
            )
        }
    if role.role == Role.ORG_ADMIN:
        return {
            "workplaces": organisation.workplaces.select_related("site").order_by("title"),
            "members": members_of(user, organisation),
            "open_invitations": invitations_for(user).open().filter(organisation=organisation),
            "applications": _first(applications_to_decide(user).filter(workplace__employer=organisation)),
        }
    if role.role == Role.COORDINATOR:
        region = organisation.region
        return {
            "overview": region_overview(region),
            "applications": recognitions_reviewed_by(user).filter(status=Recognition.Status.APPLIED).count(),
            "today": timezone.localdate(),
            "expiring": _first(expiring_recognitions(region)),
            "overdue_trainings": _first(overdue_mentor_trainings(region)),
            "idle": _first(idle_workplaces(region)),
            "waiting": Waitlist.objects.filter(region=region, resolved_at__isnull=True).count(),
            "trajectories": region_figures(user),
        }
    return {}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own page, which says in plain words what it can do here."""
    role: ActiveRole | None = request.role  # type: ignore[attr-defined]
    if role is None:
        return render(request, "people/home/no_role.html")
    template = "people/home/staff.html" if role.role == STAFF else f"people/home/{role.role}.html"
    context = {"role": role, "organisation": role.organisation, **_home_context(request, role)}
    return render(request, template, context)


@login_required
@require_POST
def role_switch(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("role", "")
    chosen = next((r for r in request.roles if r.key == wanted), None)  # type: ignore[attr-defined]
    if chosen is None:
        messages.error(request, _("You do not have that role (any more)."))
    else:
        request.session[SESSION_KEY] = chosen.key
        messages.success(request, _("You now work as: %(role)s.") % {"role": chosen.label})
    return redirect("home")


@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("people.invite"):
        raise PermissionDenied
    invitations = invitations_for(request.user).order_by("-created_at")[:200]
    return render(request, "people/invitation_list.html", {"invitations": invitations})


@login_required
def invitation_new(request: HttpRequest) -> HttpResponse:
    """Invite a person into a role; the e-mail goes out at once and the link can be copied too."""
    if not request.user.has_perm("people.invite"):
        raise PermissionDenied
    data = request.POST or None
    role_wanted = (data or request.GET).get("role", "")
    initial: dict[str, object] = {}
    if learner_id := request.GET.get("learner", ""):
        initial["learner"] = learner_id
        role_wanted = Role.PARENT
    form = InvitationForm(data, user=request.user, role=role_wanted, initial=initial)
    organisations = form.fields["organisation"].queryset
    active: ActiveRole | None = request.role  # type: ignore[attr-defined]
    if active and active.organisation and active.organisation in organisations:
        form.fields["organisation"].initial = active.organisation.pk
    if request.htmx and request.method == "GET":
        # The role changed: only the fields that depend on it are sent back.
        return render(request, "people/_invitation_fields.html", {"form": form})
    if request.method == "POST" and form.is_valid():
        try:
            invitation, token = invitation_create(by=request.user, **form.cleaned_data)
        except InvitationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return render(
                request,
                "people/invitation_sent.html",
                {"invitation": invitation, "url": Invitation.accept_url(token)},
            )
    return render(request, "people/invitation_form.html", {"form": form})


@login_required
@require_POST
def invitation_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(invitations_for(request.user), pk=pk)
    invitation_withdraw(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation for %(email)s was withdrawn.") % {"email": invitation.email})
    return redirect("people:invitation_list")


def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: one short form, and the person is in."""
    try:
        invitation = Invitation.objects.by_token(token)
    except Invitation.DoesNotExist:
        return render(request, "people/invitation_invalid.html", status=404)
    if not invitation.is_open:
        return render(request, "people/invitation_invalid.html", {"invitation": invitation}, status=410)

    account = User.objects.filter(email__iexact=invitation.email).first()
    has_account = account is not None and account.has_usable_password()
    signed_in_as_invitee = request.user.is_authenticated and request.user.email == invitation.email
    form = None
    if not has_account:
        form = AcceptInvitationForm(
            request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
        )
    if request.method == "POST" and (signed_in_as_invitee or (form is not None and form.is_valid())):
        acting = request.user if request.user.is_authenticated else None
        details = form.cleaned_data if form is not None else {}
        try:
            membership = invitation_accept(invitation=invitation, user=acting, **details)
        except InvitationError as error:
            messages.error(request, str(error))
        else:
            if acting is None:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_KEY] = f"m{membership.pk}"
            messages.success(request, _("Welcome to werkbrug!"))
            return redirect("home")
    context = {
        "invitation": invitation,
        "form": form,
        "has_account": has_account,
        "signed_in_as_invitee": signed_in_as_invitee,
    }
    return render(request, "people/invitation_accept.html", context)
