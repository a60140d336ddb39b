from django.db.models import QuerySet

from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import User
from werkbrug.privacy.models import FileRead


def file_reads_for(user: User, learner: LearnerProfile) -> QuerySet[FileRead]:
    """Who opened this learner's file, newest first; empty for a user who may not see the log."""
    if not user.has_perm("learners.view_file_reads", learner):
        return FileRead.objects.none()
    return FileRead.objects.filter(learner=learner).select_related("reader")
