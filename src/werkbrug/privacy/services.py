from django.db.models import Model

from werkbrug.learners.models import LearnerProfile
from werkbrug.learners.rules import access_ground
from werkbrug.people.models import User
from werkbrug.privacy.models import FileRead


def file_read_record(
    *, reader: User, learner: LearnerProfile, obj: Model, what: str, role: str = ""
) -> FileRead:
    """Write down that `reader` opened (part of) the file of `learner`; the learner and coach can see it.

    `what` is an untranslated label (gettext_noop): the log shows it in the language of whoever reads it.
    `role` is the reader's part when the caller knows it (a mentor of the learner's trajectory); by
    default it is the ground on which the reader may open the learner's file.
    """
    return FileRead.objects.create(
        learner=learner,
        reader=reader,
        reader_role=role or access_ground(reader, learner),
        what=what[:200],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
    )
