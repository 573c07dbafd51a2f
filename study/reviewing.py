"""The review log: rating a card, taking the latest rating back, a card's history, and every
schedule rebuilt from the log.

The log is only ever appended to: an undo is a row of its own that swaps the schedule back, so
each card's schedule can be recomputed from the log at any time (`rebuild_cards`).
"""

from __future__ import annotations

from datetime import datetime

import fsrs
from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from study import scheduling
from study.collection import locked_card
from study.conditions import counted_reviews
from study.database import inserted_id, writing
from study.day import study_day
from study.errors import NothingToUndo, StaleCard
from study.records import Origin, Review
from study.rows import SCHEDULE_FIELDS, columns, review_of, schedule_of, snapshot_columns
from study.scheduling import Schedule
from study.schema import cards, reviews
from study.settings import StudySettings


def review(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    question_id: str,
    rating: fsrs.Rating,
    now: datetime,
    duration_ms: int | None = None,
    origin: Origin = Origin.STUDY,
    shown: Schedule | None = None,
) -> Review:
    """Rate a card: its new schedule and the log row are committed before this returns.

    `shown` is the schedule the learner saw when rating; if the card has changed since (a
    double click, a second tab), the rating is refused with StaleCard instead of counting
    twice.
    """
    day = study_day(now, settings.timezone, settings.day_starts_at).day
    with writing(engine) as connection:
        row = locked_card(connection, learner_id, question_id)
        before = schedule_of(row)
        if shown is not None and shown != before:
            raise StaleCard(
                f"card {question_id} was rated meanwhile; this rating is ignored",
                key="card_rated_meanwhile",
            )
        after = scheduling.review(before, rating, now, settings, question_id)
        connection.execute(update(cards).where(cards.c.id == row.id).values(**columns(after)))
        values = {
            "learner_id": learner_id,
            "question_id": question_id,
            "deck": row.deck,
            "origin": origin.value,
            "rating": int(rating),
            "reviewed_at": now,
            "day": day,
            "duration_ms": duration_ms,
            **columns(before, "before_"),
            **columns(after, "after_"),
        }
        review_id = inserted_id(connection.execute(insert(reviews).values(values)))
    return Review(
        review_id, question_id, row.deck, origin, rating, now, day, duration_ms, before, after
    )


def last_review(engine: Engine, learner_id: int) -> Review | None:
    """The learner's latest review that has not been undone (what Undo would take back)."""
    with engine.connect() as connection:
        return _last_review(connection, learner_id)


def undo(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    now: datetime,
    review_id: int | None = None,
) -> Review:
    """Take back the latest review: the card gets its schedule from before it back.

    The log keeps both the review and a row recording the undo; returns the undone review.
    With `review_id`, only that review is taken back, and only while it is the latest, so a
    double click undoes one review, not two.
    """
    day = study_day(now, settings.timezone, settings.day_starts_at).day
    with writing(engine) as connection:
        last = _last_review(connection, learner_id)
        if last is None:
            raise NothingToUndo("there is no review to undo", key="nothing_to_undo")
        if review_id is not None and last.id != review_id:
            raise StaleCard("that review was already undone", key="undone_already")
        row = locked_card(connection, learner_id, last.question_id)
        connection.execute(update(cards).where(cards.c.id == row.id).values(**columns(last.before)))
        connection.execute(
            insert(reviews).values(
                learner_id=learner_id,
                question_id=last.question_id,
                deck=last.deck,
                origin=last.origin.value,
                rating=None,
                undoes=last.id,
                reviewed_at=now,
                day=day,
                **columns(last.after, "before_"),
                **columns(last.before, "after_"),
            )
        )
    return last


def _last_review(connection: Connection, learner_id: int) -> Review | None:
    """The latest review, unless it came with an import: Undo takes back one answer made
    here, and an import, which replayed whole histories, is not one answer."""
    row = connection.execute(
        select(reviews).where(counted_reviews(learner_id)).order_by(reviews.c.id.desc()).limit(1)
    ).first()
    if row is None or row.origin == Origin.ANKI:
        return None
    return review_of(row)


def history(engine: Engine, learner_id: int, question_id: str) -> list[Review]:
    """Every log row of one card, undo rows included, oldest first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(reviews)
            .where(reviews.c.learner_id == learner_id, reviews.c.question_id == question_id)
            .order_by(reviews.c.id)
        ).all()
    return [review_of(row) for row in rows]


def rebuild_cards(engine: Engine, learner_id: int) -> int:
    """Recompute every card's schedule from the review log; returns how many changed.

    A card's schedule is the state after its latest review that was not undone, or new.
    Suspension and burying are not reviews and are left as they are.
    """
    with writing(engine) as connection:
        undone = set(
            connection.execute(
                select(reviews.c.undoes).where(
                    reviews.c.learner_id == learner_id, reviews.c.undoes.is_not(None)
                )
            ).scalars()
        )
        latest: dict[str, Schedule] = {}
        rows = connection.execute(
            select(reviews.c.id, reviews.c.question_id, *snapshot_columns("after_"))
            .where(reviews.c.learner_id == learner_id, reviews.c.undoes.is_(None))
            .order_by(reviews.c.id)
        )
        for row in rows:
            if row.id not in undone:
                latest[row.question_id] = schedule_of(row, "after_")
        changes = []
        for row in connection.execute(
            select(cards.c.id, cards.c.question_id, *snapshot_columns("")).where(
                cards.c.learner_id == learner_id
            )
        ):
            target = latest.get(row.question_id, scheduling.NEW)
            if schedule_of(row) != target:
                changes.append({"_id": row.id, **columns(target)})
        if changes:
            connection.execute(
                update(cards)
                .where(cards.c.id == bindparam("_id"))
                .values({name: bindparam(name) for name in SCHEDULE_FIELDS}),
                changes,
            )
    return len(changes)
