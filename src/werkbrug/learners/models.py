from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from werkbrug.organisations.models import Organisation


class LearnerProfile(models.Model):
    """A learner's file: who they are, where they learn, and who may speak for them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="learner"
    )
    school = models.ForeignKey(
        Organisation, verbose_name=_("school"), on_delete=models.PROTECT, related_name="learners"
    )
    parents = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("parents"), blank=True, related_name="children"
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("learners:detail", kwargs={"pk": self.pk})
