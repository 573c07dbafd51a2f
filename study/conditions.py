"""Which rows count: the SQL conditions the queues, their counts and the statistics share.

A card is available to study when it is active, not suspended, not buried today and not held
back by a closed-book quiz; a review counts when it has a rating and no undo took it back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, false, or_, true

from study.scheduling import CardState
from study.schema import cards, reviews

LEARNING_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))


def counted_reviews(learner_id: int) -> ColumnElement[bool]:
    """The learner's reviews that count: not an undo row (those have no rating) and not taken
    back by one. Written so that each candidate row costs one unique-index probe."""
    undo = reviews.alias("undo")
    return and_(
        reviews.c.learner_id == learner_id,
        reviews.c.rating.is_not(None),
        ~exists().where(undo.c.undoes == reviews.c.id),
    )


def not_buried(day: date) -> ColumnElement[bool]:
    return or_(cards.c.buried_until.is_(None), cards.c.buried_until <= day)


def not_hidden(hidden: Collection[str]) -> ColumnElement[bool]:
    return cards.c.question_id.not_in(list(hidden)) if hidden else true()


def available(
    learner_id: int,
    deck: str,
    day: date,
    topics: Sequence[str] | None,
    hidden: Collection[str] = (),
) -> ColumnElement[bool]:
    """The learner's cards of `deck` (and `topics`) that may be studied on `day`."""
    condition = and_(
        cards.c.learner_id == learner_id,
        cards.c.deck == deck,
        cards.c.active == true(),
        cards.c.suspended == false(),
        not_buried(day),
        not_hidden(hidden),
    )
    if topics is not None:
        condition = and_(condition, cards.c.topic.in_(list(topics)))
    return condition
