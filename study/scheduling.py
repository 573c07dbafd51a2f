"""FSRS scheduling through the `fsrs` package: one review, the preview on each rating button.

Everything FSRS does (stability, difficulty, steps, intervals, fuzz) is done by `fsrs`; this
module only converts between the stored schedule and `fsrs.Card`, and seeds the fuzz per card.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from functools import lru_cache

import fsrs
import fsrs.scheduler

from study.settings import StudySettings

RATINGS = (fsrs.Rating.Again, fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy)


class CardState(IntEnum):
    """`fsrs.State` plus NEW: a card never reviewed, which fsrs models as Learning step 0."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


@dataclass(frozen=True)
class Schedule:
    """A card's scheduling state as stored; `due` is None only for a new card."""

    state: CardState = CardState.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None

    def to_fsrs(self, now: datetime) -> fsrs.Card:
        if self.state is CardState.NEW:
            return fsrs.Card(card_id=0, due=now)
        return fsrs.Card(
            card_id=0,
            state=fsrs.State(int(self.state)),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(cls, card: fsrs.Card) -> Schedule:
        return cls(
            state=CardState(int(card.state)),
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
        )


NEW = Schedule()

DEFAULT_PARAMETERS: tuple[float, ...] = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
"""FSRS-6's parameters fitted to many learners: the start for everyone."""


@lru_cache(maxsize=32)
def scheduler_for(settings: StudySettings) -> fsrs.Scheduler:
    """The fsrs scheduler for a learner's settings (their own parameters once optimised, else
    FSRS-6's defaults)."""
    return fsrs.Scheduler(
        parameters=settings.parameters or DEFAULT_PARAMETERS,
        desired_retention=settings.desired_retention,
        learning_steps=settings.learning_steps,
        relearning_steps=settings.relearning_steps,
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=True,
    )


_FUZZ_LOCK = threading.Lock()


@contextmanager
def _fuzz_seeded_by(card_key: str, schedule: Schedule) -> Iterator[None]:
    """Make fsrs's fuzz a function of the card and its last review.

    fsrs draws fuzz from the module-level `random()`. Seeding it per card and per review makes
    the interval shown on a rating button the one the card then gets, and makes a schedule
    reproducible from the review log.
    """
    last = schedule.last_review.isoformat() if schedule.last_review else "new"
    digest = hashlib.sha256(f"{card_key}\x1f{last}".encode()).digest()
    source = random.Random(int.from_bytes(digest[:8], "big"))
    with _FUZZ_LOCK:
        saved = fsrs.scheduler.random
        fsrs.scheduler.random = source.random
        try:
            yield
        finally:
            fsrs.scheduler.random = saved


def review(
    schedule: Schedule,
    rating: fsrs.Rating,
    now: datetime,
    settings: StudySettings,
    card_key: str,
) -> Schedule:
    """The schedule after rating the card at `now` (UTC)."""
    with _fuzz_seeded_by(card_key, schedule):
        card, _ = scheduler_for(settings).review_card(schedule.to_fsrs(now), rating, now)
    return Schedule.from_fsrs(card)


def previews(
    schedule: Schedule, now: datetime, settings: StudySettings, card_key: str
) -> dict[fsrs.Rating, timedelta]:
    """For each rating, how long until the card would be due again (fsrs run on a copy)."""
    waits = {}
    for rating in RATINGS:
        due = review(schedule, rating, now, settings, card_key).due
        assert due is not None, "a reviewed card always has a due time"
        waits[rating] = due - now
    return waits


def replay(
    ratings: Iterable[tuple[fsrs.Rating, datetime]], settings: StudySettings, card_key: str
) -> Schedule:
    """The schedule a new card reaches after these ratings, in order."""
    schedule = NEW
    for rating, when in ratings:
        schedule = review(schedule, rating, when, settings, card_key)
    return schedule
