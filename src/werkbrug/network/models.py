"""The region's network: for now, the mentor trainings people followed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorTraining(models.Model):
    """A mentor training a person completed (or is booked on, when `completed_on` is empty)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_trainings",
    )
    title = models.CharField(_("training"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor training")
        verbose_name_plural = _("mentor trainings")
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return self.title
