"""The progress store's records: plain frozen values a store returns and takes, with no database
behind them, so pages, statistics and tests can hold them without a connection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

import fsrs

from study.scheduling import Schedule


class Origin(StrEnum):
    """Where a review came from: the flashcard queue, a practice answer, or Anki's review log
    brought in by an import (which Undo never takes back)."""

    STUDY = "study"
    PRACTICE = "practice"
    ANKI = "anki"


class Queue(StrEnum):
    LEARNING = "learning"
    REVIEW = "review"
    NEW = "new"


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class CardSpec:
    """A card as the question bank defines it: its id, topic and place in story order."""

    question_id: str
    topic: str
    position: int


@dataclass(frozen=True)
class Card:
    question_id: str
    deck: str
    topic: str
    position: int
    active: bool
    suspended: bool
    buried_until: date | None
    schedule: Schedule


@dataclass(frozen=True)
class NextCard:
    card: Card
    queue: Queue


@dataclass(frozen=True)
class QueueCounts:
    """What is left to study today in a deck, within the daily limits."""

    learning: int
    review: int
    new: int

    @property
    def total(self) -> int:
        return self.learning + self.review + self.new


@dataclass(frozen=True)
class TopicCounts:
    """One topic of one deck: cards not yet seen, in learning, and reviews due today."""

    deck: str
    topic: str
    new: int
    learning: int
    review: int
    total: int


@dataclass(frozen=True)
class SyncResult:
    added: int
    activated: int
    deactivated: int


@dataclass(frozen=True)
class Review:
    """One row of the review log; an undo is a row too, with `undoes` set and no rating, and
    so is the state an import restates after a card's latest answer (neither; see
    `study.merging`)."""

    id: int
    question_id: str
    deck: str
    origin: Origin
    rating: fsrs.Rating | None
    reviewed_at: datetime
    day: date
    duration_ms: int | None
    before: Schedule
    after: Schedule
    undoes: int | None = None


@dataclass(frozen=True)
class ImportedReview:
    """An answer made elsewhere (in Anki), to be merged into the learner's log."""

    question_id: str
    rating: fsrs.Rating
    reviewed_at: datetime
    duration_ms: int | None
    interval: timedelta | None = None
    """How long the other scheduler set the card aside for: the card keeps that due date
    when its state agrees, as the learner was told it there."""


@dataclass(frozen=True)
class MergeResult:
    added: int
    """Answers new to the log."""
    known: int
    """Answers the log already held (an earlier import, or a review exported from here)."""
    cards: int
    """Cards whose schedule was rebuilt."""


__all__ = [
    "Card",
    "CardSpec",
    "ImportedReview",
    "Learner",
    "MergeResult",
    "NextCard",
    "Origin",
    "Queue",
    "QueueCounts",
    "Review",
    "SyncResult",
    "TopicCounts",
]
