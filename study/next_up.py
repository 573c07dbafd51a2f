"""Which card the Study page shows next, and what it says when there is none.

The store's queues decide the order (due learning cards, due reviews, new cards, then a learning
card a little early); on top of that a card just brought back by Undo comes first, as in Anki,
cards a closed-book quiz holds back are passed over, and a card the question bank no longer has
is set aside rather than shown. Kept out of the page so it can be tested without a browser.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from study.learner_store import LearnerStore
from study.records import Card, QueueCounts


@dataclass(frozen=True)
class NextUp:
    """The card to show (None when nothing is left today) and the figures around it."""

    card: Card | None
    counts: QueueCounts
    learning_due: datetime | None = None
    """With no card to show: when the next learning card comes due today, if one does."""
    set_aside: tuple[str, ...] = ()
    """Cards the bank no longer has (a bank changed under a running app), buried on the way."""


def next_up(
    progress: LearnerStore,
    deck: str,
    now: datetime,
    known: Collection[str],
    topics: Sequence[str] | None = None,
    hidden: Collection[str] = (),
    again_first: str | None = None,
) -> NextUp:
    """The card to study now in `deck` (within `topics`), among the question ids in `known`.

    `again_first` is the card Undo just brought back: it is shown first while it is still
    active, not suspended and not in `hidden` (the cards a closed-book quiz holds back, which
    are passed over with their schedules untouched). A card the store offers but `known` lacks
    is buried until tomorrow, so the learner is not shown a card that cannot be drawn.
    """
    shown: Card | None = None
    if again_first and again_first not in hidden:
        again = progress.card(again_first)
        if again and again.active and not again.suspended:
            shown = again
    set_aside: list[str] = []
    while shown is None:
        upcoming = progress.next_card(deck, now, topics, hidden)
        if upcoming is None:
            break
        if upcoming.card.question_id in known:
            shown = upcoming.card
            break
        progress.bury(upcoming.card.question_id, now)
        set_aside.append(upcoming.card.question_id)
    counts = progress.queue_counts(deck, now, topics, hidden)
    later = None if shown else progress.next_learning_due(deck, now, topics, hidden)
    return NextUp(shown, counts, later, tuple(set_aside))


MOST_NEW_PER_DAY = 9999
"""The highest daily new-card limit the settings accept."""


def with_more_new(progress: LearnerStore, extra: int) -> LearnerStore:
    """`progress` allowing `extra` more new cards today than the learner's daily limit, as
    Anki's custom study "increase today's new card limit" does.

    Only the returned store sees the higher limit: the saved settings stay as they are, so the
    extra cards are for this sitting and tomorrow starts from the learner's own limit.
    """
    if extra <= 0:
        return progress
    limit = min(progress.settings.new_per_day + extra, MOST_NEW_PER_DAY)
    return replace(progress, settings=replace(progress.settings, new_per_day=limit))
