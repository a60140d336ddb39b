from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from werkbrug.people.models import Invitation


@task()
def invitation_send(invitation_id: int, token: str, language: str) -> None:
    """E-mail the invitation link, in the language the inviter was using."""
    invitation = Invitation.objects.select_related("organisation", "invited_by", "learner__user").get(
        pk=invitation_id
    )
    if not invitation.is_open:
        return
    with translation.override(language):
        context = {"invitation": invitation, "url": Invitation.accept_url(token)}
        subject = render_to_string("people/email/invitation_subject.txt", context).strip()
        body = render_to_string("people/email/invitation_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
