"""Answers made elsewhere merged into the review log, and the cards' schedules replayed from it.

A card studied both here and in Anki has two histories that interleave in time. FSRS state
depends on the order of answers, so the merged log is replayed per card, oldest answer first,
with the learner's scheduler, and the card gets the state after its last answer. The log is
append-only: rows already there keep the snapshots the learner saw; each added answer carries
the replayed states around it, and when the last answer in time was made here, a restating row
(no rating, no undo) follows it with the replayed state, so the latest row still holds the
card's schedule (`study.reviewing.rebuild_cards`). An answer already in the log (the same card
and rating within a second: imported before, or exported from here to Anki and coming back) is
not added twice.

One exception to "fsrs decides": after an answer made in Anki, the card keeps the due date Anki
gave it when both schedulers agree on its state. The learner was shown that date, and fsrs's
fuzz would otherwise move it by a day or two for no reason the learner could see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

import fsrs
from sqlalchemy import Connection, Engine, insert, select, update

from study import scheduling
from study.collection import locked_card
from study.conditions import counted_reviews
from study.database import AnyRow, writing
from study.day import study_day
from study.records import ImportedReview, MergeResult, Origin
from study.rows import columns, schedule_of
from study.scheduling import CardState, Schedule
from study.schema import cards, reviews
from study.settings import StudySettings

SAME_ANSWER = timedelta(seconds=1)
"""Two answers of one card with one rating this close are the same answer seen twice: Anki
keeps milliseconds, an export may round them."""


def merge_reviews(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    answers: Iterable[ImportedReview],
) -> MergeResult:
    """Add the answers the log lacks and replay each card they touch; one transaction, so a
    failure leaves the log and the cards as they were. The cards must be in the collection."""
    by_card: dict[str, list[ImportedReview]] = defaultdict(list)
    for answer in answers:
        by_card[answer.question_id].append(answer)
    added = known = rebuilt = 0
    with writing(engine) as connection:
        for question_id, imported in by_card.items():
            card = locked_card(connection, learner_id, question_id)
            logged = connection.execute(
                select(reviews)
                .where(counted_reviews(learner_id), reviews.c.question_id == question_id)
                .order_by(reviews.c.reviewed_at, reviews.c.id)
            ).all()
            fresh = _new_answers(logged, imported)
            known += len(imported) - len(fresh)
            if fresh:
                _replay(connection, learner_id, settings, card, logged, fresh)
                added += len(fresh)
                rebuilt += 1
    return MergeResult(added=added, known=known, cards=rebuilt)


def _new_answers(logged: Sequence[AnyRow], imported: list[ImportedReview]) -> list[ImportedReview]:
    """The imported answers the log lacks: each logged answer stands for at most one imported
    one, so two quick answers in Anki both count even when they are under a second apart."""
    unmatched = [(row.reviewed_at, int(row.rating)) for row in logged]
    fresh = []
    for answer in sorted(imported, key=lambda a: a.reviewed_at):
        twins = [
            logged_answer
            for logged_answer in unmatched
            if logged_answer[1] == answer.rating
            and abs(logged_answer[0] - answer.reviewed_at) < SAME_ANSWER
        ]
        if twins:
            unmatched.remove(min(twins, key=lambda twin: abs(twin[0] - answer.reviewed_at)))
        else:
            fresh.append(answer)
    return fresh


def _replay(
    connection: Connection,
    learner_id: int,
    settings: StudySettings,
    card: AnyRow,
    logged: Sequence[AnyRow],
    fresh: list[ImportedReview],
) -> None:
    """Replay the card's logged and fresh answers in time order and log the fresh ones."""
    timeline: list[AnyRow | ImportedReview] = [*logged, *fresh]
    timeline.sort(key=lambda entry: (entry.reviewed_at, isinstance(entry, ImportedReview)))
    schedule = scheduling.NEW
    inserted = []
    for entry in timeline:
        when = entry.reviewed_at
        rating = fsrs.Rating(entry.rating)
        after = scheduling.review(schedule, rating, when, settings, card.question_id)
        if isinstance(entry, ImportedReview):
            after = _keeping_anki_due(after, entry, when)
            day = study_day(when, settings.timezone, settings.day_starts_at).day
            row = _log_row(card, when, day, schedule, after)
            inserted.append(row | {"rating": int(rating), "duration_ms": entry.duration_ms})
        schedule = after
    last = timeline[-1]
    if not isinstance(last, ImportedReview):
        inserted.append(_log_row(card, last.reviewed_at, last.day, schedule_of(card), schedule))
    connection.execute(insert(reviews), [row | {"learner_id": learner_id} for row in inserted])
    connection.execute(update(cards).where(cards.c.id == card.id).values(**columns(schedule)))


def _log_row(
    card: AnyRow, when: datetime, day: date, before: Schedule, after: Schedule
) -> dict[str, object]:
    """An imported row of the log, a restating one until given a rating."""
    return {
        "question_id": card.question_id,
        "deck": card.deck,
        "origin": Origin.ANKI.value,
        "rating": None,
        "reviewed_at": when,
        "day": day,
        "duration_ms": None,
        **columns(before, "before_"),
        **columns(after, "after_"),
    }


def _keeping_anki_due(after: Schedule, answer: ImportedReview, when: datetime) -> Schedule:
    """The replayed state, due when Anki said if Anki also had the card in that state."""
    interval = answer.interval
    if interval is None or interval <= timedelta(0):
        return after
    in_days = interval >= timedelta(days=1)
    if in_days != (after.state is CardState.REVIEW):
        return after
    return replace(after, due=when + interval)
