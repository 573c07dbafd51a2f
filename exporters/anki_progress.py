"""A learner's progress written into an Anki package, so studying goes on in Anki where it stopped.

genanki writes notes and new cards only. This module takes the collection it wrote and, for every
card the learner has studied, fills in what Anki schedules from: the card's type, queue, due day,
interval, ease, repetitions, lapses and remaining steps, the FSRS memory state in its `data`, and
the complete review log. Anki rebuilds memory states from that log, so the log is what matters.

What Anki needs, learnt from its importer (and checked against it in the tests):
- every card's history starts with a learning entry (`type` 0), or Anki's FSRS ignores the card;
  revlog intervals are in days, negative seconds for a step that ends the same day;
- no note, card or review id is later than the export;
- the collection declares scheduler version 2 (`schedVer`), else Anki upgrades it as a version-1
  collection and rewrites the ratings;
- review cards are due on a day counted from the collection's creation (`crt`) at the rollover
  hour, in the creation time's UTC offset (`creationOffset`): the collection is therefore created
  at the start of the learner's first study day, and its days start when the learner's do.

Unstudied cards stay new. Burying is not carried: it only lasts until the next day.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import fsrs

from decks.model import Deck
from exporters.anki import AnkiExport, AnkiNote, derived_id, iter_notes, write_notes
from questions.model import Question
from study.day import study_day
from study.learner_store import LearnerStore
from study.records import Card, Review
from study.scheduling import CardState, Schedule, scheduler_for
from study.settings import StudySettings

INITIAL_EASE = 2500
"""Anki's starting ease (250%), in permille as Anki stores it."""
MINIMUM_EASE = 1300
EASE_CHANGE = {fsrs.Rating.Again: -200, fsrs.Rating.Hard: -150, fsrs.Rating.Easy: 150}
"""How SM-2 moves a review card's ease per rating, so a collection not on FSRS goes on sensibly."""


class CardType:
    """Anki's `cards.type` of a studied card (0 is new)."""

    LEARNING, REVIEW, RELEARNING = 1, 2, 3


class CardQueue:
    """Anki's `cards.queue` of a studied card: learning due within its day counts in seconds,
    otherwise in days."""

    SUSPENDED, LEARNING, REVIEW, DAY_LEARNING = -1, 1, 2, 3


class RevlogKind:
    """Anki's `revlog.type`: the state the card was in when it was answered."""

    LEARNING, REVIEW, RELEARNING = 0, 1, 2


@dataclass(frozen=True)
class LearnerProgress:
    """What a package carries of one learner: their settings and FSRS parameters, and for each
    card they studied, its schedule and its counted reviews (undone ones left out), oldest first."""

    learner: str
    settings: StudySettings
    parameters: tuple[float, ...]
    cards: Mapping[str, Card]
    reviews: Mapping[str, tuple[Review, ...]]


@dataclass(frozen=True)
class AnkiCalendar:
    """Anki's day numbers for a collection created at the start of `first`, a study day of the
    learner: a moment's day number is how many study days separate it from `first`."""

    first: dt.date
    timezone: str
    rollover: int

    @property
    def created(self) -> dt.datetime:
        """The collection's creation time (`crt`): when its first day starts."""
        start = dt.datetime.combine(self.first, dt.time(self.rollover), ZoneInfo(self.timezone))
        return start.astimezone(dt.UTC)

    @property
    def creation_offset(self) -> int:
        """The UTC offset at creation in minutes west, as Anki keeps it (`creationOffset`)."""
        offset = self.created.astimezone(ZoneInfo(self.timezone)).utcoffset()
        assert offset is not None, "a zone always has an offset"
        return -int(offset.total_seconds()) // 60

    def day(self, moment: dt.datetime) -> int:
        return (study_day(moment, self.timezone, self.rollover).day - self.first).days


@dataclass(frozen=True)
class CardProgress:
    """One card's scheduling columns in Anki's `cards` table."""

    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int
    data: str


@dataclass(frozen=True)
class RevlogRow:
    """One row of Anki's `revlog` (without the card id)."""

    id: int
    ease: int
    ivl: int
    last_ivl: int
    factor: int
    time: int
    type: int


def learner_progress(store: LearnerStore, question_ids: Iterable[str]) -> LearnerProgress:
    """Read from the store what a package needs of the learner's progress on these questions."""
    cards = {
        question_id: card
        for question_id, card in store.cards(question_ids).items()
        if card.schedule.state is not CardState.NEW
    }
    return LearnerProgress(
        learner=store.learner().name,
        settings=store.settings,
        parameters=tuple(scheduler_for(store.settings).parameters),
        cards=cards,
        reviews={question_id: counted(store.history(question_id)) for question_id in cards},
    )


def counted(history: Sequence[Review]) -> tuple[Review, ...]:
    """The reviews of a card's log that count: rated and not taken back by an undo."""
    undone = {row.undoes for row in history if row.undoes is not None}
    return tuple(row for row in history if row.rating is not None and row.id not in undone)


def write_anki_package_with_progress(
    deck: Deck,
    questions: Iterable[Question],
    out: BinaryIO,
    progress: LearnerProgress,
    *,
    now: dt.datetime,
    names_lang: str | None = None,
) -> AnkiExport:
    """Write the questions as an .apkg, as `write_anki_package` does, carrying the learner's
    progress; the same input and `now` give the same bytes."""
    shown: dict[str, tuple[str, ...]] = {}

    def remembered(notes: Iterable[AnkiNote]) -> Iterator[AnkiNote]:
        for note in notes:
            shown[note.guid] = note.question_ids
            yield note

    def amend(cursor: sqlite3.Cursor) -> None:
        _write_progress(cursor, deck, shown, progress, now)

    return write_notes(
        deck,
        remembered(iter_notes(deck, questions)),
        out,
        now=now,
        names_lang=names_lang,
        amend=amend,
    )


def calendar_for(progress: LearnerProgress, now: dt.datetime) -> AnkiCalendar:
    """The calendar of a collection created on the learner's first study day (today if none)."""
    settings = progress.settings
    moments = [review.reviewed_at for rows in progress.reviews.values() for review in rows]
    first = study_day(min(moments, default=now), settings.timezone, settings.day_starts_at).day
    return AnkiCalendar(first, settings.timezone, settings.day_starts_at)


def card_progress(
    card: Card,
    reviews: Sequence[Review],
    calendar: AnkiCalendar,
    progress: LearnerProgress,
) -> CardProgress:
    """A studied card's columns, from its schedule and its counted reviews."""
    schedule = card.schedule
    ease = _eases(reviews)[-1] if reviews else INITIAL_EASE
    card_type, queue, due, ivl, left = _placement(schedule, calendar, progress.settings)
    lapses = sum(
        1
        for review in reviews
        if review.rating is fsrs.Rating.Again and review.before.state is CardState.REVIEW
    )
    return CardProgress(
        type=card_type,
        queue=CardQueue.SUSPENDED if card.suspended else queue,
        due=due,
        ivl=ivl,
        factor=ease,
        reps=len(reviews),
        lapses=lapses,
        left=left,
        data=_memory_data(schedule, progress),
    )


def revlog_rows(reviews: Sequence[Review], calendar: AnkiCalendar) -> list[RevlogRow]:
    """A card's review log as Anki's rows: the first is the learning entry of a new card."""
    rows = []
    for review, ease in zip(reviews, _eases(reviews), strict=True):
        assert review.rating is not None, "only counted reviews are written"
        before = review.before
        last = 0
        if before.state is not CardState.NEW and before.last_review is not None:
            last = _interval(before, before.last_review, calendar)
        rows.append(
            RevlogRow(
                id=_millis(review.reviewed_at),
                ease=int(review.rating),
                ivl=_interval(review.after, review.reviewed_at, calendar),
                last_ivl=last,
                factor=ease,
                time=review.duration_ms or 0,
                type=_REVLOG_KIND[before.state],
            )
        )
    return rows


_REVLOG_KIND = {
    CardState.NEW: RevlogKind.LEARNING,
    CardState.LEARNING: RevlogKind.LEARNING,
    CardState.REVIEW: RevlogKind.REVIEW,
    CardState.RELEARNING: RevlogKind.RELEARNING,
}


def _placement(
    schedule: Schedule, calendar: AnkiCalendar, settings: StudySettings
) -> tuple[int, int, int, int, int]:
    """(type, queue, due, ivl, left) for a reviewed card, as Anki would have placed it."""
    assert schedule.due is not None and schedule.last_review is not None, "a reviewed card"
    due_day = calendar.day(schedule.due)
    if schedule.state is CardState.REVIEW:
        ivl = max(1, due_day - calendar.day(schedule.last_review))
        return CardType.REVIEW, CardQueue.REVIEW, due_day, ivl, 0
    relearning = schedule.state is CardState.RELEARNING
    steps = settings.relearning_steps if relearning else settings.learning_steps
    left = max(1, len(steps) - (schedule.step or 0))
    # A relearning card goes back to review at SM-2's smallest interval after a lapse.
    card_type, ivl = (CardType.RELEARNING, 1) if relearning else (CardType.LEARNING, 0)
    if due_day == calendar.day(schedule.last_review):
        return card_type, CardQueue.LEARNING, int(schedule.due.timestamp()), ivl, left
    return card_type, CardQueue.DAY_LEARNING, due_day, ivl, left


def _interval(schedule: Schedule, since: dt.datetime, calendar: AnkiCalendar) -> int:
    """The wait a schedule sets from `since`, as a revlog keeps it: days when it ends on a later
    day, else negative seconds (a learning step within the day)."""
    if schedule.due is None:
        return 0
    days = calendar.day(schedule.due) - calendar.day(since)
    if days > 0:
        return days
    return -max(1, round((schedule.due - since).total_seconds()))


def _eases(reviews: Sequence[Review]) -> list[int]:
    """The SM-2 ease after each review: ratings of a review card move it, as SM-2 would."""
    ease, eases = INITIAL_EASE, []
    for review in reviews:
        if review.before.state is CardState.REVIEW and review.rating is not None:
            ease = max(MINIMUM_EASE, ease + EASE_CHANGE.get(review.rating, 0))
        eases.append(ease)
    return eases


def _memory_data(schedule: Schedule, progress: LearnerProgress) -> str:
    """The card's `data`: FSRS stability, difficulty, desired retention, decay and last review,
    rounded as Anki rounds them when it saves a card."""
    data: dict[str, float | int] = {}
    if schedule.stability is not None and schedule.difficulty is not None:
        data["s"] = round(schedule.stability, 4)
        data["d"] = round(schedule.difficulty, 3)
    data["dr"] = round(progress.settings.desired_retention, 2)
    if len(progress.parameters) > 20:
        data["decay"] = round(progress.parameters[20], 3)
    if schedule.last_review is not None:
        data["lrt"] = int(schedule.last_review.timestamp())
    return json.dumps(data, separators=(",", ":"))


def _millis(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _write_progress(
    cursor: sqlite3.Cursor,
    deck: Deck,
    shown: Mapping[str, tuple[str, ...]],
    progress: LearnerProgress,
    now: dt.datetime,
) -> None:
    calendar = calendar_for(progress, now)
    _keep_ids_up_to(cursor, _millis(now))
    cards = cursor.execute(
        "SELECT cards.id, cards.ord, notes.guid FROM cards"
        " JOIN notes ON notes.id = cards.nid ORDER BY cards.id"
    ).fetchall()
    taken: set[int] = set()
    for card_id, ordinal, guid in cards:
        question_ids = shown.get(guid, ())
        question_id = question_ids[ordinal] if ordinal < len(question_ids) else None
        card = progress.cards.get(question_id) if question_id else None
        if card is None or card.schedule.state is CardState.NEW:
            continue
        reviews = progress.reviews.get(card.question_id, ())
        row = card_progress(card, reviews, calendar, progress)
        cursor.execute(
            "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?,"
            " lapses = ?, left = ?, data = ? WHERE id = ?",
            (row.type, row.queue, row.due, row.ivl, row.factor, row.reps, row.lapses, row.left)
            + (row.data, card_id),
        )
        for entry in revlog_rows(reviews, calendar):
            cursor.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                " VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
                (_free_id(entry.id, taken), card_id, entry.ease, entry.ivl, entry.last_ivl)
                + (entry.factor, entry.time, entry.type),
            )
    _write_collection_settings(cursor, deck, calendar, progress, now)


def _keep_ids_up_to(cursor: sqlite3.Cursor, limit: int) -> None:
    """Move note and card ids below `limit`: genanki counts them up from the export time, and Anki
    distrusts ids from the future. Shifting by the count of ids keeps them distinct."""
    count, highest = cursor.execute(
        "SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM cards),"
        " max((SELECT max(id) FROM notes), (SELECT max(id) FROM cards))"
    ).fetchone()
    if highest is None or highest < limit:
        return
    shift = highest - limit + count
    cursor.execute("UPDATE notes SET id = id - ?", (shift,))
    cursor.execute("UPDATE cards SET id = id - ?, nid = nid - ?", (shift, shift))


def _free_id(wanted: int, taken: set[int]) -> int:
    """A revlog id (the review's time in milliseconds) not used yet: two reviews recorded in the
    same millisecond move the later one a millisecond back, never into the future."""
    while wanted in taken:
        wanted -= 1
    taken.add(wanted)
    return wanted


def _write_collection_settings(
    cursor: sqlite3.Cursor,
    deck: Deck,
    calendar: AnkiCalendar,
    progress: LearnerProgress,
    now: dt.datetime,
) -> None:
    """The collection's calendar and scheduler version, and a deck options preset carrying the
    learner's settings and FSRS parameters, used by every deck of the package."""
    stored_conf, stored_decks, stored_dconf = cursor.execute(
        "SELECT conf, decks, dconf FROM col"
    ).fetchone()
    conf = json.loads(stored_conf) | {
        "schedVer": 2,
        "rollover": calendar.rollover,
        "creationOffset": calendar.creation_offset,
    }
    preset_id = derived_id("factdeck", "preset", deck.id, progress.learner)
    dconf = json.loads(stored_dconf)
    dconf[str(preset_id)] = _preset(dconf["1"], preset_id, progress, int(now.timestamp()))
    decks = json.loads(stored_decks)
    for deck_json in decks.values():
        deck_json["conf"] = preset_id
        for counter in ("newToday", "revToday", "lrnToday", "timeToday"):
            deck_json[counter] = [0, 0]
    cursor.execute(
        "UPDATE col SET crt = ?, conf = ?, decks = ?, dconf = ?",
        (
            int(calendar.created.timestamp()),
            json.dumps(conf),
            json.dumps(decks),
            json.dumps(dconf),
        ),
    )


def _preset(
    default: dict[str, Any], preset_id: int, progress: LearnerProgress, timestamp: int
) -> dict[str, Any]:
    """Anki's default preset with the learner's steps, limits, retention and FSRS parameters."""
    settings = progress.settings
    preset: dict[str, Any] = json.loads(json.dumps(default))
    preset |= {
        "id": preset_id,
        "name": f"Factdeck: {progress.learner}",
        "mod": timestamp,
        "fsrsParams6": list(progress.parameters),
        "desiredRetention": settings.desired_retention,
    }
    preset["new"] |= {
        "delays": [_minutes(step) for step in settings.learning_steps],
        "perDay": settings.new_per_day,
    }
    preset["lapse"] |= {"delays": [_minutes(step) for step in settings.relearning_steps]}
    preset["rev"] |= {"perDay": settings.reviews_per_day, "maxIvl": settings.maximum_interval}
    return preset


def _minutes(step: dt.timedelta) -> float:
    minutes = step.total_seconds() / 60
    return int(minutes) if minutes.is_integer() else minutes
