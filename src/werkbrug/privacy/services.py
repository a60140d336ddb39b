from django.db.models import Model

from werkbrug.learners.models import LearnerProfile
from werkbrug.people.models import User
from werkbrug.privacy.models import FileRead


def file_read_record(
    *, reader: User, learner: LearnerProfile, obj: Model, what: str, as_role: str
) -> FileRead:
    """Write down that `reader` opened (part of) the file of `learner`; the learner and coach can see it."""
    return FileRead.objects.create(
        learner=learner,
        reader=reader,
        reader_role=as_role,
        what=what[:200],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
    )
