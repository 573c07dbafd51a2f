"""Between the card and review tables and the records: a schedule as columns, a row as a record.

A card row holds its schedule in the columns of `SCHEDULE_FIELDS`; a review row holds the
schedule before and after it in the same columns prefixed `before_` and `after_`, so an undo
and a rebuild of every schedule from the log read the same columns back.
"""

from __future__ import annotations

from typing import Any

import fsrs
from sqlalchemy import Column

from study.database import AnyRow
from study.records import Card, Origin, Review
from study.scheduling import CardState, Schedule
from study.schema import cards, reviews

SCHEDULE_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review")


def snapshot_columns(prefix: str) -> list[Column[Any]]:
    """The schedule's columns: a card's (no prefix), or a review's `before_` or `after_`."""
    table = reviews if prefix else cards
    return [table.c[prefix + name] for name in SCHEDULE_FIELDS]


def columns(schedule: Schedule, prefix: str = "") -> dict[str, object]:
    """A schedule as the values of its columns, for an insert or update."""
    return {
        prefix + "state": int(schedule.state),
        prefix + "step": schedule.step,
        prefix + "stability": schedule.stability,
        prefix + "difficulty": schedule.difficulty,
        prefix + "due": schedule.due,
        prefix + "last_review": schedule.last_review,
    }


def schedule_of(row: AnyRow, prefix: str = "") -> Schedule:
    values = row._mapping
    return Schedule(
        state=CardState(values[prefix + "state"]),
        step=values[prefix + "step"],
        stability=values[prefix + "stability"],
        difficulty=values[prefix + "difficulty"],
        due=values[prefix + "due"],
        last_review=values[prefix + "last_review"],
    )


def card_of(row: AnyRow) -> Card:
    return Card(
        question_id=row.question_id,
        deck=row.deck,
        topic=row.topic,
        position=row.position,
        active=row.active,
        suspended=row.suspended,
        buried_until=row.buried_until,
        schedule=schedule_of(row),
    )


def review_of(row: AnyRow) -> Review:
    return Review(
        id=row.id,
        question_id=row.question_id,
        deck=row.deck,
        origin=Origin(row.origin),
        rating=None if row.rating is None else fsrs.Rating(row.rating),
        reviewed_at=row.reviewed_at,
        day=row.day,
        duration_ms=row.duration_ms,
        before=schedule_of(row, "before_"),
        after=schedule_of(row, "after_"),
        undoes=row.undoes,
    )
