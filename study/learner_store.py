"""One learner's progress: their cards' schedules, the queues, and their part of the review log.

`LearnerStore` is bound to one learner and the settings their schedules follow, as
`fsrs.Scheduler` is bound to its configuration; `Store.for_learner` makes one. It only hands
each call to the module whose job it is: `study.collection` keeps the learner's cards in step
with a deck and sets cards aside, `study.queues` says what to study now and how much is left,
`study.reviewing` rates, undoes and rebuilds from the log, `study.merging` merges answers
made elsewhere into it, and `study.optimising` fits personal FSRS parameters to it;
`study.learners` reads and saves the learner and their settings, and `study.rows` and
`study.conditions` hold what they share. Every write is one transaction committed before the
method returns, so whatever the UI acknowledges is on disk.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import fsrs
from sqlalchemy import Engine

from study import collection, merging, optimising, practice_rounds, queues, reviewing
from study.day import study_day
from study.learners import read_learner, write_settings
from study.optimising import Optimisation
from study.practice_rounds import PracticeRound, RoundAnswer
from study.records import (
    Card,
    CardSpec,
    ImportedReview,
    Learner,
    MergeResult,
    NextCard,
    Origin,
    QueueCounts,
    Review,
    SyncResult,
    TopicCounts,
)
from study.scheduling import Schedule
from study.settings import StudySettings


@dataclass(frozen=True)
class LearnerStore:
    """The progress of one learner, scheduled with `settings`. Thread-safe: each call takes its
    own pooled connection. Saving new settings gives a new store bound to them."""

    engine: Engine
    learner_id: int
    settings: StudySettings

    def learner(self) -> Learner:
        return read_learner(self.engine, self.learner_id)

    def save_settings(self, settings: StudySettings, now: datetime) -> LearnerStore:
        """Save the learner's settings; returns the store bound to them."""
        write_settings(self.engine, self.learner_id, settings, now)
        return replace(self, settings=settings)

    # The learner's collection: `study.collection`

    def sync_cards(self, deck: str, specs: Sequence[CardSpec]) -> SyncResult:
        """Make the learner's cards of `deck` exactly `specs`, keeping all progress (cards
        left out become inactive with their schedule kept, and come back as they were)."""
        return collection.sync_cards(self.engine, self.learner_id, deck, specs)

    def card(self, question_id: str) -> Card | None:
        return collection.card(self.engine, self.learner_id, question_id)

    def cards(self, question_ids: Iterable[str]) -> dict[str, Card]:
        """The learner's cards among `question_ids` (those never synced are left out)."""
        return collection.cards_of(self.engine, self.learner_id, question_ids)

    def bury(self, question_id: str, now: datetime) -> None:
        """Hide a card until the next study day."""
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at).day
        collection.bury(self.engine, self.learner_id, question_id, today + timedelta(days=1))

    def suspend(self, question_id: str, suspended: bool = True) -> None:
        """Keep a card out of every queue until it is unsuspended; its schedule is kept."""
        collection.suspend(self.engine, self.learner_id, question_id, suspended)

    # What to study: `study.queues`

    def next_card(
        self,
        deck: str,
        now: datetime,
        topics: Sequence[str] | None = None,
        hidden: Collection[str] = (),
    ) -> NextCard | None:
        """The card to show now: due learning cards, then due reviews, then new cards (see
        `study.queues`); cards in `hidden` are passed over with their schedules untouched."""
        return queues.next_card(
            self.engine, self.learner_id, self.settings, deck, now, topics, hidden
        )

    def queue_counts(
        self,
        deck: str,
        now: datetime,
        topics: Sequence[str] | None = None,
        hidden: Collection[str] = (),
    ) -> QueueCounts:
        """Cards left today in `deck`: learning due today, and reviews and new cards up to the
        day's remaining limits."""
        return queues.queue_counts(
            self.engine, self.learner_id, self.settings, deck, now, topics, hidden
        )

    def next_learning_due(
        self,
        deck: str,
        now: datetime,
        topics: Sequence[str] | None = None,
        hidden: Collection[str] = (),
    ) -> datetime | None:
        """When the next learning card comes due today, so the page can say when to return."""
        return queues.next_learning_due(
            self.engine, self.learner_id, self.settings, deck, now, topics, hidden
        )

    def topic_counts(self, now: datetime, hidden: Collection[str] = ()) -> list[TopicCounts]:
        """Per deck and topic: unseen, learning and due-today cards (daily limits not applied),
        leaving out the cards in `hidden`."""
        return queues.topic_counts(self.engine, self.learner_id, self.settings, now, hidden)

    def done_today(self, now: datetime) -> tuple[int, int]:
        """(new cards introduced, reviews of review cards) so far this study day."""
        return queues.done_today(self.engine, self.learner_id, self.settings, now)

    # Reviewing: `study.reviewing`

    def review(
        self,
        question_id: str,
        rating: fsrs.Rating,
        now: datetime,
        duration_ms: int | None = None,
        origin: Origin = Origin.STUDY,
        shown: Schedule | None = None,
    ) -> Review:
        """Rate a card: its new schedule and the log row are committed before this returns.
        With `shown`, a card changed since it was shown (a double click) raises StaleCard."""
        return reviewing.review(
            self.engine,
            self.learner_id,
            self.settings,
            question_id,
            rating,
            now,
            duration_ms,
            origin,
            shown,
        )

    def last_review(self) -> Review | None:
        """The learner's latest review that has not been undone (what Undo would take back)."""
        return reviewing.last_review(self.engine, self.learner_id)

    def undo(self, now: datetime, review_id: int | None = None) -> Review:
        """Take back the latest review (only `review_id`, when given, and only while it is the
        latest); returns the undone review."""
        return reviewing.undo(self.engine, self.learner_id, self.settings, now, review_id)

    def history(self, question_id: str) -> list[Review]:
        """Every log row of one card, undo rows included, oldest first."""
        return reviewing.history(self.engine, self.learner_id, question_id)

    def merge_reviews(self, answers: Iterable[ImportedReview]) -> MergeResult:
        """Add answers made elsewhere that the log lacks and replay the cards they touch in
        time order (see `study.merging`); the cards must be in the collection."""
        return merging.merge_reviews(self.engine, self.learner_id, self.settings, answers)

    # Personal parameters: `study.optimising`

    def review_count(self) -> int:
        """The learner's answers that count, which personal parameters need enough of."""
        return optimising.review_count(self.engine, self.learner_id)

    def optimise(self, now: datetime) -> tuple[Optimisation, LearnerStore]:
        """Fit FSRS parameters to the learner's log; save them only if they predict the newest
        answers better than the current ones. Returns the fit and the store bound to the
        settings now in force."""
        result = optimising.optimise(self.engine, self.learner_id, self.settings)
        if not result.adopted:
            return result, self
        return result, self.save_settings(
            self.settings.with_changes(parameters=result.parameters), now
        )

    def rebuild_cards(self) -> int:
        """Recompute every card's schedule from the review log; returns how many changed."""
        return reviewing.rebuild_cards(self.engine, self.learner_id)

    # Practice rounds: `study.practice_rounds`

    def start_round(self, deck: str, question_ids: Sequence[str], now: datetime) -> PracticeRound:
        """Keep a newly drawn practice round, so a reload finds it."""
        return practice_rounds.start_round(self.engine, self.learner_id, deck, question_ids, now)

    def practice_round(self, round_id: int) -> PracticeRound | None:
        """The learner's round numbered `round_id` with its answers (None if not theirs)."""
        return practice_rounds.load_round(self.engine, self.learner_id, round_id)

    def record_answer(
        self, round_id: int, question_id: str, answer: RoundAnswer, now: datetime
    ) -> bool:
        """Keep one answer of a round; False when that item was answered already."""
        return practice_rounds.record_answer(
            self.engine, self.learner_id, round_id, question_id, answer, now
        )


__all__ = ["LearnerStore"]
