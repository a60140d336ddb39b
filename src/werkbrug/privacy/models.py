from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReaderRole(models.TextChoices):
    LEARNER = "learner", _("the learner")
    PARENT = "parent", _("parent")
    COACH = "coach", _("coach")
    SCHOOL_ADMIN = "school_admin", _("school administrator")
    PLACEMENT = "placement", _("job hunter or regional coordinator")
    MENTOR = "mentor", _("mentor")
    PEER_COACH = "peer_coach", _("peer coach")
    STAFF = "staff", _("platform staff")


class FileRead(models.Model):
    """One opening of (part of) a learner's file: who, when, what. Written, never changed."""

    learner = models.ForeignKey(
        "learners.LearnerProfile", verbose_name=_("learner"), on_delete=models.CASCADE, related_name="reads"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("read by"), on_delete=models.SET_NULL, null=True
    )
    # The reader's role at that moment, kept as text so it survives a membership ending.
    reader_role = models.CharField(_("as"), max_length=20, choices=ReaderRole.choices)
    # An untranslated label (marked with gettext_noop), shown in the reader's language.
    what = models.CharField(_("what"), max_length=200)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("file read")
        verbose_name_plural = _("file reads")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["learner", "-at"])]

    def __str__(self) -> str:
        return f"{self.reader} · {self.what} · {self.at:%Y-%m-%d %H:%M}"
