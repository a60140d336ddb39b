"""Following a trajectory: the start-up meeting, workplace visits and calls with what was agreed (some
done, some overdue), the learner's weekly check-in (mostly good, some worrying), a few logbook lines,
absences, and the triad's progress review at the region's cadence, signed by all."""

import datetime
import random

from werkbrug.demo.trajectories import texts
from werkbrug.demo.trajectories.sources import PAUSED, REVISED_PLAN
from werkbrug.demo.trajectories.story import PACES, Story, at, weekday
from werkbrug.trajectories.models import (
    Absence,
    Agreement,
    CheckIn,
    ContactMoment,
    LogEntry,
    ProgressReview,
    ReviewSignature,
)

Kind = ContactMoment.Kind
A = CheckIn.Answer


def follow(story: Story, review_weeks: int) -> None:
    """Everything that happened between the start and `story.until`."""
    if story.until < story.t.starts_on:
        return
    _kickoff(story)
    _visits(story)
    _calls(story)
    _reviews(story, review_weeks)
    _checkins(story)
    _logbook(story)
    _absences(story)
    _signals(story)


# -- Contact moments and agreements --------------------------------------------------------------------


def _contact(
    story: Story, kind: str, day: datetime.date, who: list[str], notes: str, by: str = "coach"
) -> ContactMoment | None:
    """A contact moment on `day` (the next weekday when one of its kind is there already)."""
    taken = {(c.kind, c.on) for c in story.contacts}
    while (kind, day) in taken:
        day = weekday(day + datetime.timedelta(days=1 if day.weekday() < 4 else 3))
    if day > story.until or day < story.t.starts_on:
        return None
    people = story.triad()
    contact = ContactMoment(
        kind=kind,
        on=day,
        notes=notes,
        created_by_id=people[by],
        created_at=at(day, story.rng.randint(16, 19), story.rng.choice((0, 15, 30, 45))),
    )
    story.contacts.append(contact)
    story.participants += [(people[role], contact) for role in dict.fromkeys([by, *who]) if role in people]
    return contact


def _agree(
    story: Story,
    owner: str,
    day: datetime.date,
    *,
    contact: ContactMoment | None = None,
    review: ProgressReview | None = None,
    pool: dict[str, list[tuple[str, int]]] = texts.AGREEMENTS,
    overdue: bool = False,
) -> Agreement | None:
    """Something agreed on `day`: done on time mostly, now and then overdue."""
    rng, people = story.rng, story.triad()
    if owner not in people:
        return None
    used = {a.action for a, _c, _r in story.agreements}
    options = [(action, days) for action, days in pool[owner] if action not in used]
    if not options:
        return None
    action, days = rng.choice(options)
    due = weekday(day + datetime.timedelta(days=days + rng.randint(-2, 4)))
    made = contact.created_at if contact else review.created_at if review else at(day, 17)
    agreement = Agreement(
        action=action,
        owner_id=people[owner],
        due_on=due,
        created_by_id=(contact.created_by_id if contact else None) or story.source.coach_id,
        created_at=made,
    )
    if overdue:
        agreement.due_on = weekday(story.today - datetime.timedelta(days=rng.randint(5, 12)))
    elif due <= story.until and rng.random() < 0.8:
        _done(story, agreement, day, due)
    elif due > story.until and rng.random() < 0.15:
        _done(story, agreement, day, story.until)
    story.agreements.append((agreement, contact, review))
    return agreement


def _done(story: Story, agreement: Agreement, made: datetime.date, last: datetime.date) -> None:
    first = made + datetime.timedelta(days=1)
    if first > last:
        return
    day = first + datetime.timedelta(days=story.rng.randint(0, (last - first).days))
    agreement.done_at = at(day, story.rng.randint(8, 20))
    agreement.done_by_id = agreement.owner_id


def _kickoff(story: Story) -> None:
    rng, t = story.rng, story.t
    who = ["learner", "mentor"] + (["parent"] if story.minor and rng.random() < 0.6 else [])
    day = weekday(t.starts_on + datetime.timedelta(days=rng.randint(0, 6)))
    contact = _contact(story, Kind.TRIAD, max(day, t.starts_on), who, rng.choice(texts.KICKOFF_NOTES))
    if contact is None:  # started today: the start-up meeting is to come
        return
    _agree(story, "learner", contact.on, contact=contact, pool=texts.START_AGREEMENTS)
    _agree(story, rng.choice(("mentor", "coach")), contact.on, contact=contact, pool=texts.START_AGREEMENTS)


def _visits(story: Story) -> None:
    rng = story.rng
    day = story.t.starts_on + datetime.timedelta(weeks=rng.randint(4, 6))
    while day <= story.until:
        who = ["mentor"] + (["learner"] if rng.random() < 0.75 else [])
        contact = _contact(story, Kind.VISIT, weekday(day), who, rng.choice(texts.VISIT_NOTES))
        if contact and rng.random() < 0.7:
            _agree(story, rng.choice(("learner", "mentor", "coach")), contact.on, contact=contact)
            if rng.random() < 0.3:
                _agree(story, rng.choice(("learner", "mentor")), contact.on, contact=contact)
        day += datetime.timedelta(weeks=rng.randint(5, 8))


def _calls(story: Story) -> None:
    rng, t = story.rng, story.t
    day = t.starts_on + datetime.timedelta(days=rng.randint(10, 25))
    while day <= story.until:
        if rng.random() < 0.4:
            by, other = "coach", rng.choices(("mentor", "learner", "parent"), weights=(60, 25, 15))[0]
            if rng.random() < 0.2:
                by, other = "mentor", "coach"
            contact = _contact(story, Kind.CALL, weekday(day), [other], rng.choice(texts.CALL_NOTES), by)
            if contact and rng.random() < 0.25:
                _agree(story, rng.choice(("learner", "coach")), contact.on, contact=contact)
        day += datetime.timedelta(weeks=rng.randint(3, 5))
    if rng.random() < 0.1:
        day = t.starts_on + datetime.timedelta(days=rng.randint(20, 60))
        _contact(story, Kind.ONLINE, weekday(day), ["mentor", "learner"], rng.choice(texts.ONLINE_NOTES))
    if story.source.kind == PAUSED:
        _contact(story, Kind.CALL, story.until, ["learner", "parent"], rng.choice(texts.PAUSE_CALL_NOTES))


def _reviews(story: Story, weeks: int) -> None:
    """Reviews at the region's cadence while they were held; the next one planned (or overdue)."""
    rng, t = story.rng, story.t
    due = t.starts_on + datetime.timedelta(weeks=weeks)
    scripted = story.source.script is not None
    while due <= story.until:
        last = due + datetime.timedelta(weeks=weeks) > story.until
        if "review_overdue" in story.signals and last:
            break
        if not scripted and rng.random() < 0.15:
            break  # not held yet: overdue
        held = weekday(due + datetime.timedelta(days=rng.randint(-3, 7)))
        if held > story.until:
            break
        summary = rng.choice(texts.REVIEW_SUMMARIES[story.pace])
        review = ProgressReview(
            due_on=due, held_on=held, summary=summary, created_by_id=story.source.coach_id
        )
        review.created_at = at(held, 16, rng.choice((0, 30)))
        story.reviews.append(review)
        moments = []
        for role, person in story.signers():
            day = weekday(held + datetime.timedelta(days=rng.randint(0, 5)))
            if person is None or day > story.until:
                continue
            moments.append(at(day, rng.randint(8, 20)))
            story.review_signatures.append(
                (ReviewSignature(signer_id=person, signed_as=role, signed_at=moments[-1]), review)
            )
        if len(moments) == len(story.signers()):
            review.signed_at = max(moments)
        owner = rng.choice(("learner", "mentor", "coach"))
        _agree(story, owner, held, review=review, pool=texts.REVIEW_AGREEMENTS)
        t.updated_at = max(t.updated_at, review.created_at)
        due = held + datetime.timedelta(weeks=weeks)
    t.next_review_on = due


# -- The learner's check-ins, logbook and absences -------------------------------------------------------


def _checkins(story: Story) -> None:
    rng, t = story.rng, story.t
    mood = PACES[story.pace][2] + rng.gauss(0, 0.25)
    rich = REVISED_PLAN in story.signals
    answers = 1.0 if rich else (0.88 if mood >= 2.7 else 0.7)
    week = CheckIn.monday(t.starts_on)
    while week <= story.until:
        day = week + datetime.timedelta(days=rng.randint(2, 4))
        # The first week they are asked, everyone answers; later most weeks.
        if t.starts_on <= day <= story.until and (not story.checkins or rng.random() < answers):
            story.checkins.append(_checkin(story, week, day, mood))
        week += datetime.timedelta(weeks=1)


def _checkin(story: Story, week: datetime.date, day: datetime.date, mood: float) -> CheckIn:
    rng = story.rng
    values = [max(A.BAD, min(A.GREAT, round(rng.gauss(mood, 0.55)))) for _ in range(3)]
    if rng.random() < (0.04 if mood >= 2.7 else 0.14):
        values[rng.randrange(3)] = A.BAD  # a bad week
    low = min(values) <= A.BAD
    wants_contact = rng.random() < (0.4 if low else 0.02)
    note = ""
    if (low or wants_contact) and rng.random() < 0.6:
        note = rng.choice(texts.CHECKIN_NOTES["worrying"])
    elif rng.random() < 0.07:
        note = rng.choice(texts.CHECKIN_NOTES["good"])
    checkin = CheckIn(
        week=week,
        feeling=values[0],
        learning=values[1],
        respected=values[2],
        wants_contact=wants_contact,
        wants_mentor=rng.random() < 0.02,
        note=note,
        created_at=at(day, rng.randint(15, 21), rng.choice((5, 20, 35, 50))),
    )
    recent = (story.until - day).days <= 9
    seen = day + datetime.timedelta(days=rng.randint(1, 3))
    if seen <= story.until and rng.random() < (0.5 if recent else 0.97):
        checkin.seen_at, checkin.seen_by_id = at(seen, rng.randint(8, 17)), story.source.coach_id
    if checkin.wants_mentor and not recent:
        checkin.mentor_seen_at = at(min(seen, story.until), rng.randint(8, 17))
    return checkin


def _logbook(story: Story) -> None:
    rng, t, s = story.rng, story.t, story.source
    weeks = (story.until - t.starts_on).days // 7
    count = 6 if REVISED_PLAN in story.signals else min(6, max(1, weeks // 3 + rng.randint(-1, 1)))
    own = texts.LOG_LEARNER.get(s.learner.programme.sector, []) + texts.LOG_LEARNER[""]
    own, theirs = rng.sample(own, len(own)), rng.sample(texts.LOG_MENTOR, len(texts.LOG_MENTOR))
    for k in range(count):
        day = weekday(t.starts_on + datetime.timedelta(days=(k + 1) * max(1, weeks * 7 // (count + 1))))
        if day > story.until or day < t.starts_on or not (own or theirs):
            continue
        by_learner = bool(own) and (rng.random() < 0.6 or not theirs)
        text = own.pop() if by_learner else theirs.pop()
        author = s.learner.user_id if by_learner else s.mentor_id
        story.log_entries.append(
            LogEntry(author_id=author, text=text, created_at=at(day, rng.randint(12, 20), 5 * k))
        )


def _absences(story: Story) -> None:
    rng, t, s = story.rng, story.t, story.source
    count = rng.choices((0, 1, 2, 3), weights=(45, 35, 15, 5))[0] + (
        story.pace == "slow" and rng.random() < 0.4
    )
    last = story.until - datetime.timedelta(days=1)
    first = t.starts_on + datetime.timedelta(days=5)
    taken = set()
    for _ in range(count):
        if last < first:
            return
        starts = weekday(first + datetime.timedelta(days=rng.randint(0, (last - first).days)))
        reason = _reason(rng, story.pace)
        length = rng.randint(1, 3) if reason == Absence.Reason.ILLNESS else 1
        ends = min(story.until, starts + datetime.timedelta(days=length - 1))
        if starts in taken or starts < t.starts_on or ends < starts:
            continue
        taken.add(starts)
        where = Absence.Where.WORKPLACE if rng.random() < 0.7 else Absence.Where.SCHOOL
        story.absences.append(
            Absence(
                where=where,
                starts_on=starts,
                ends_on=ends,
                reason=reason,
                note=rng.choice(texts.ABSENCE_NOTES[reason]),
                recorded_by_id=s.mentor_id if where == Absence.Where.WORKPLACE else s.coach_id,
                created_at=at(starts, rng.randint(8, 11)),
            )
        )


def _reason(rng: random.Random, pace: str) -> str:
    unexcused = 30 if pace == "slow" else 12
    return rng.choices(
        (Absence.Reason.ILLNESS, Absence.Reason.EXCUSED, Absence.Reason.UNEXCUSED),
        weights=(60, 28, unexcused),
    )[0]


# -- What the logins' stories need -----------------------------------------------------------------------


def _signals(story: Story) -> None:
    signals, rng = story.signals, story.rng
    checkins = sorted(story.checkins, key=lambda c: c.week)
    if ("wants_coach" in signals or "wants_mentor" in signals or "unread" in signals) and (
        not checkins or (story.today - checkins[-1].week).days > 8
    ):
        day = weekday(story.until)
        checkins.append(_checkin(story, CheckIn.monday(day), day, 3.0))
        story.checkins.append(checkins[-1])
    if "wants_coach" in signals:
        last = checkins[-1]
        last.wants_contact, last.seen_at, last.seen_by_id = True, None, None
        last.feeling, last.note = A.SO_SO, texts.CHECKIN_NOTES["worrying"][1]
    if "wants_mentor" in signals:
        last = checkins[-1]
        last.wants_mentor, last.mentor_seen_at = True, None
    if "unread" in signals:
        for checkin in checkins[-2:]:
            checkin.seen_at, checkin.seen_by_id = None, None
    if "agreement_overdue" in signals:
        before = story.today - datetime.timedelta(days=14)
        contact = max((c for c in story.contacts if c.on <= before), key=lambda c: c.on, default=None)
        contact = contact or _contact(story, Kind.CALL, weekday(before), ["mentor"], texts.CALL_NOTES[4])
        if contact:
            _agree(story, story.source.script.owner, contact.on, contact=contact, overdue=True)
    if REVISED_PLAN in signals:  # the learner's own agreement, coming up
        contact = _contact(
            story,
            Kind.VISIT,
            weekday(story.until - datetime.timedelta(days=rng.randint(3, 6))),
            ["mentor", "learner"],
            texts.VISIT_NOTES[3],
        )
        if contact:
            agreement = _agree(story, "learner", contact.on, contact=contact, pool=texts.STAGIAIR_AGREEMENTS)
            if agreement:
                agreement.due_on = weekday(story.today + datetime.timedelta(days=9))
                agreement.done_at = agreement.done_by_id = None
