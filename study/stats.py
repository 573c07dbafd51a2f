"""Progress figures for the Stats page, computed in the database where they can be.

Undo rows, and the reviews they took back, are left out of every figure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
from sqlalchemy import and_, case, false, func, select, true

from study import scheduling
from study.conditions import counted_reviews
from study.day import day_start, study_day
from study.learner_store import LearnerStore
from study.scheduling import CardState
from study.schema import cards, reviews


@dataclass(frozen=True)
class DayCount:
    day: date
    reviews: int
    again: int


@dataclass(frozen=True)
class Retention:
    """Reviews of cards in the Review state, and how many of them were recalled (not Again).

    This is Anki's "true retention": learning steps and new cards are left out.
    """

    recalled: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.recalled / self.total if self.total else None


@dataclass(frozen=True)
class TopicMastery:
    """A topic's cards, how many were ever studied, and fsrs's mean probability of recall now
    over all of them (a card never studied counts as 0)."""

    deck: str
    topic: str
    cards: int
    studied: int
    recall: float


def reviews_per_day(progress: LearnerStore, first: date, last: date) -> list[DayCount]:
    """Reviews (flashcards and practice) per study day in [first, last], days without none
    left out."""
    query = (
        select(
            reviews.c.day,
            func.count(),
            func.coalesce(
                func.sum(case((reviews.c.rating == int(fsrs.Rating.Again), 1), else_=0)), 0
            ),
        )
        .where(counted_reviews(progress.learner_id), reviews.c.day >= first, reviews.c.day <= last)
        .group_by(reviews.c.day)
        .order_by(reviews.c.day)
    )
    with progress.engine.connect() as connection:
        return [DayCount(day, count, again) for day, count, again in connection.execute(query)]


def true_retention(progress: LearnerStore, since: date | None = None) -> Retention:
    """Retention over reviews of cards in the Review state, from study day `since` on."""
    condition = and_(
        counted_reviews(progress.learner_id), reviews.c.before_state == int(CardState.REVIEW)
    )
    if since is not None:
        condition = and_(condition, reviews.c.day >= since)
    query = select(
        func.coalesce(func.sum(case((reviews.c.rating != int(fsrs.Rating.Again), 1), else_=0)), 0),
        func.count(),
    ).where(condition)
    with progress.engine.connect() as connection:
        recalled, total = connection.execute(query).one()
    return Retention(recalled=recalled, total=total)


def due_forecast(
    progress: LearnerStore,
    now: datetime,
    days: int = 30,
    deck: str | None = None,
) -> list[tuple[date, int]]:
    """Cards due on each of the next `days` study days, today first (overdue cards count today).

    New cards are not scheduled yet, so they are not in the forecast.
    """
    settings = progress.settings
    today = study_day(now, settings.timezone, settings.day_starts_at)
    zone = ZoneInfo(settings.timezone)
    ends = [
        day_start(today.day + timedelta(days=offset + 1), zone, settings.day_starts_at)
        for offset in range(days)
    ]
    condition = and_(
        cards.c.learner_id == progress.learner_id,
        cards.c.active == true(),
        cards.c.suspended == false(),
        cards.c.state != int(CardState.NEW),
        cards.c.due < ends[-1],
    )
    if deck is not None:
        condition = and_(condition, cards.c.deck == deck)
    counts = [0] * days
    with progress.engine.connect() as connection:
        for (due,) in connection.execute(select(cards.c.due).where(condition)):
            counts[bisect_right(ends, due)] += 1
    return [(today.day + timedelta(days=offset), counts[offset]) for offset in range(days)]


def topic_mastery(progress: LearnerStore, now: datetime) -> list[TopicMastery]:
    """Per deck and topic, the learner's active cards and their mean recall probability now."""
    totals: dict[tuple[str, str], int] = {}
    recall: dict[tuple[str, str], float] = defaultdict(float)
    studied: dict[tuple[str, str], int] = defaultdict(int)
    active = and_(cards.c.learner_id == progress.learner_id, cards.c.active == true())
    with progress.engine.connect() as connection:
        for deck, topic, count in connection.execute(
            select(cards.c.deck, cards.c.topic, func.count())
            .where(active)
            .group_by(cards.c.deck, cards.c.topic)
        ):
            totals[(deck, topic)] = count
        # fsrs's recall depends only on stability and the last review: one card object is
        # reused for every row, which keeps a 100k-card collection under a second.
        scheduler = scheduling.scheduler_for(progress.settings)
        probe = fsrs.Card(card_id=0, state=fsrs.State.Review)
        for deck, topic, stability, last_review in connection.execute(
            select(cards.c.deck, cards.c.topic, cards.c.stability, cards.c.last_review).where(
                active, cards.c.state != int(CardState.NEW)
            )
        ):
            probe.stability, probe.last_review = stability, last_review
            recall[(deck, topic)] += scheduler.get_card_retrievability(probe, now)
            studied[(deck, topic)] += 1
    return [
        TopicMastery(deck, topic, count, studied[(deck, topic)], recall[(deck, topic)] / count)
        for (deck, topic), count in sorted(totals.items())
    ]


def calendar(counts: list[DayCount], last: date, days: int = 365) -> list[DayCount]:
    """Every study day of the `days` up to `last`, with no review counted as 0 (a heatmap
    needs the empty days too)."""
    by_day = {entry.day: entry for entry in counts}
    first = last - timedelta(days=days - 1)
    return [
        by_day.get(first + timedelta(days=n), DayCount(first + timedelta(days=n), 0, 0))
        for n in range(days)
    ]
