"""E-mail about applications, sent by the task worker after the change has committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from werkbrug.people.models import Membership, Role, User
from werkbrug.placements.models import Application

# Who hears of each event: the employer's people, the school's side (proposer and coach), the learner.
AUDIENCES = {
    "proposed": ("employer", "learner"),
    "introduction_agreed": ("employer", "school"),
    "introduction_planned": ("employer", "school", "learner"),
    "accepted": ("school", "learner"),
    "declined": ("employer", "school", "learner"),
    "withdrawn": ("employer",),
    "ended_early": ("employer", "school"),
}


def recipients(application: Application, event: str) -> list[User]:
    people: dict[int, User] = {}
    audience = AUDIENCES.get(event, ())
    if "employer" in audience:
        for m in (
            Membership.objects.current()
            .filter(organisation_id=application.workplace.employer_id, role__in=[Role.ORG_ADMIN])
            .select_related("user")
        ):
            people[m.user_id] = m.user
        for wm in application.workplace.mentors.select_related("mentor"):
            people[wm.mentor_id] = wm.mentor
    if "school" in audience:
        for user in (application.proposed_by, application.learner.coach):
            if user is not None:
                people[user.pk] = user
    if "learner" in audience:
        learner = application.learner
        people[learner.user_id] = learner.user
        if learner.is_minor:
            for parent in learner.parents.all():
                people[parent.pk] = parent
    return [u for u in people.values() if u.is_active and u.email]


@task()
def application_notify(application_id: int, event: str, language: str) -> None:
    """Tell each person concerned what happened and what is theirs to do. Blind to the employer."""
    application = (
        Application.objects.select_related(
            "learner__user", "learner__coach", "workplace__employer", "proposed_by"
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    family = {application.learner.user_id, *application.learner.parents.values_list("pk", flat=True)}
    school = {application.proposed_by_id, application.learner.coach_id}
    with translation.override(language):
        for person in recipients(application, event):
            employer = person.pk not in family | school
            context = {
                "application": application,
                "event": event,
                "person": person,
                # The employer's people read no name until the introduction is agreed.
                "blind": employer and application.is_blind,
                "url": settings.SITE_URL + application.get_absolute_url(),
            }
            subject = render_to_string("placements/email/application_subject.txt", context).strip()
            body = render_to_string("placements/email/application_body.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
