"""Changes to the network's records: mentor trainings."""

import datetime

from django.db import transaction

from werkbrug.network.models import MentorTraining
from werkbrug.people.models import User


@transaction.atomic
def mentor_training_record(
    *, person: User, title: str, provider: str = "", completed_on: datetime.date | None, by: User
) -> MentorTraining:
    """Record a mentor training a person followed (or is booked on, without a date)."""
    return MentorTraining.objects.create(
        person=person, title=title, provider=provider, completed_on=completed_on
    )
