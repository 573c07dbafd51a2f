"""What to study: the next card, the cards left today and when a learning card comes back.

Cards come as Anki deals them: due learning cards, then due reviews, then new cards, the last
two up to the day's limits in the learner's settings; a learning card due within `LEARN_AHEAD`
is shown early when nothing else is left. Each step is one indexed query returning at most one
row, whatever the size of the collection.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Connection, Engine, and_, case, false, func, select, true

from study.conditions import LEARNING_STATES, available, counted_reviews, not_buried, not_hidden
from study.day import study_day
from study.records import NextCard, Queue, QueueCounts, TopicCounts
from study.rows import card_of
from study.scheduling import CardState
from study.schema import cards, reviews
from study.settings import StudySettings

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing else is left, a learning card due this soon is shown now, as Anki does."""


def next_card(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    deck: str,
    now: datetime,
    topics: Sequence[str] | None = None,
    hidden: Collection[str] = (),
) -> NextCard | None:
    """The card to show now, or None; cards in `hidden` (held back during a closed-book quiz)
    are passed over with their schedules untouched."""
    today = study_day(now, settings.timezone, settings.day_starts_at)
    with engine.connect() as connection:
        new_done, reviews_done = _done_today(connection, learner_id, today.day)
        usable = available(learner_id, deck, today.day, topics, hidden)
        learning = and_(usable, cards.c.state.in_(LEARNING_STATES))
        steps = [(Queue.LEARNING, and_(learning, cards.c.due <= now), cards.c.due)]
        if reviews_done < settings.reviews_per_day:
            due_review = and_(
                usable, cards.c.state == int(CardState.REVIEW), cards.c.due < today.ends
            )
            steps.append((Queue.REVIEW, due_review, cards.c.due))
        if new_done < settings.new_per_day:
            steps.append(
                (Queue.NEW, and_(usable, cards.c.state == int(CardState.NEW)), cards.c.position)
            )
        steps.append(
            (Queue.LEARNING, and_(learning, cards.c.due <= now + LEARN_AHEAD), cards.c.due)
        )
        for queue, where, order in steps:
            row = connection.execute(select(cards).where(where).order_by(order).limit(1)).first()
            if row is not None:
                return NextCard(card_of(row), queue)
    return None


def queue_counts(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    deck: str,
    now: datetime,
    topics: Sequence[str] | None = None,
    hidden: Collection[str] = (),
) -> QueueCounts:
    """Cards left today in `deck`: learning due today, and reviews and new cards up to the
    day's remaining limits (each count stops at its limit, so it stays cheap)."""
    today = study_day(now, settings.timezone, settings.day_starts_at)
    with engine.connect() as connection:
        new_done, reviews_done = _done_today(connection, learner_id, today.day)
        usable = available(learner_id, deck, today.day, topics, hidden)

        def capped(where: ColumnElement[bool], cap: int | None = None) -> int:
            if cap is not None and cap <= 0:
                return 0
            limited = select(cards.c.id).where(where).limit(cap).subquery()
            return connection.execute(select(func.count()).select_from(limited)).scalar_one()

        learning = capped(
            and_(usable, cards.c.state.in_(LEARNING_STATES), cards.c.due < today.ends)
        )
        review = capped(
            and_(usable, cards.c.state == int(CardState.REVIEW), cards.c.due < today.ends),
            settings.reviews_per_day - reviews_done,
        )
        new = capped(
            and_(usable, cards.c.state == int(CardState.NEW)),
            settings.new_per_day - new_done,
        )
    return QueueCounts(learning=learning, review=review, new=new)


def next_learning_due(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    deck: str,
    now: datetime,
    topics: Sequence[str] | None = None,
    hidden: Collection[str] = (),
) -> datetime | None:
    """When the next learning card comes due today, so the page can say when to return."""
    today = study_day(now, settings.timezone, settings.day_starts_at)
    query = (
        select(cards.c.due)
        .where(
            available(learner_id, deck, today.day, topics, hidden),
            cards.c.state.in_(LEARNING_STATES),
            cards.c.due < today.ends,
        )
        .order_by(cards.c.due)
        .limit(1)
    )
    with engine.connect() as connection:
        return connection.execute(query).scalar()


def topic_counts(
    engine: Engine,
    learner_id: int,
    settings: StudySettings,
    now: datetime,
    hidden: Collection[str] = (),
) -> list[TopicCounts]:
    """Per deck and topic: unseen, learning and due-today cards (daily limits not applied),
    leaving out the cards in `hidden`."""
    today = study_day(now, settings.timezone, settings.day_starts_at)
    due_today = cards.c.due < today.ends

    def count(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    query = (
        select(
            cards.c.deck,
            cards.c.topic,
            count(cards.c.state == int(CardState.NEW)).label("new"),
            count(and_(cards.c.state.in_(LEARNING_STATES), due_today)).label("learning"),
            count(and_(cards.c.state == int(CardState.REVIEW), due_today)).label("review"),
            func.count().label("total"),
        )
        .where(
            cards.c.learner_id == learner_id,
            cards.c.active == true(),
            cards.c.suspended == false(),
            not_buried(today.day),
            not_hidden(hidden),
        )
        .group_by(cards.c.deck, cards.c.topic)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [
        TopicCounts(row.deck, row.topic, row.new, row.learning, row.review, row.total)
        for row in rows
    ]


def done_today(
    engine: Engine, learner_id: int, settings: StudySettings, now: datetime
) -> tuple[int, int]:
    """(new cards introduced, reviews of review cards) so far this study day."""
    today = study_day(now, settings.timezone, settings.day_starts_at)
    with engine.connect() as connection:
        return _done_today(connection, learner_id, today.day)


def _done_today(connection: Connection, learner_id: int, day: date) -> tuple[int, int]:
    rows = connection.execute(
        select(reviews.c.before_state, func.count())
        .where(counted_reviews(learner_id), reviews.c.day == day)
        .group_by(reviews.c.before_state)
    ).all()
    counted: dict[int, int] = {state: n for state, n in rows}
    return counted.get(int(CardState.NEW), 0), counted.get(int(CardState.REVIEW), 0)
