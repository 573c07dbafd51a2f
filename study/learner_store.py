"""One learner's progress: their cards' schedules, the queues, and their part of the review log.

`LearnerStore` is bound to one learner and the settings their schedules follow, as
`fsrs.Scheduler` is bound to its configuration; `Store.for_learner` makes one. Every write is
one transaction committed before the method returns, so whatever the UI acknowledges is on disk.
Queries that pick the next card touch a handful of index entries, whatever the size of the
collection.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import fsrs
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    insert,
    or_,
    select,
    true,
    update,
)

from study import scheduling
from study.database import inserted_id, writing
from study.day import study_day
from study.errors import CardError, LearnerError, NothingToUndo, StaleCard
from study.records import (
    Card,
    CardSpec,
    Learner,
    NextCard,
    Origin,
    Queue,
    QueueCounts,
    Review,
    SyncResult,
    TopicCounts,
)
from study.scheduling import CardState, Schedule
from study.schema import cards, learner_settings, learners, reviews
from study.settings import StudySettings

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing else is left, a learning card due this soon is shown now, as Anki does."""

_SCHEDULE_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review")
_LEARNING_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))
_BATCH = 5000


def read_learner(engine: Engine, learner_id: int) -> Learner:
    """The learner numbered `learner_id`; LearnerError when there is none."""
    with engine.connect() as connection:
        row = connection.execute(select(learners).where(learners.c.id == learner_id)).first()
    if row is None:
        raise LearnerError(
            f"there is no learner number {learner_id}: pick one from the list",
            key="no_learner",
            number=learner_id,
        )
    return Learner(row.id, row.name, row.created_at)


def read_settings(engine: Engine, learner_id: int) -> StudySettings:
    """The learner's saved settings, or the defaults when none were saved."""
    with engine.connect() as connection:
        stored = connection.execute(
            select(learner_settings.c.settings).where(learner_settings.c.learner_id == learner_id)
        ).scalar()
    return StudySettings.from_dict(json.loads(stored)) if stored else StudySettings()


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
        self.learner()
        record = json.dumps(settings.to_dict())
        with writing(self.engine) as connection:
            changed = connection.execute(
                update(learner_settings)
                .where(learner_settings.c.learner_id == self.learner_id)
                .values(settings=record, updated_at=now)
            ).rowcount
            if not changed:
                connection.execute(
                    insert(learner_settings).values(
                        learner_id=self.learner_id, settings=record, updated_at=now
                    )
                )
        return replace(self, settings=settings)

    # The learner's collection

    def sync_cards(self, deck: str, specs: Sequence[CardSpec]) -> SyncResult:
        """Make the learner's cards of `deck` exactly `specs`, keeping all progress.

        New ids are added as new cards; cards no longer in `specs` (another language chosen, a
        fact withdrawn) become inactive with their schedule kept, and come back as they were.
        """
        wanted = {spec.question_id: spec for spec in specs}
        with writing(self.engine) as connection:
            existing = {
                row.question_id: row
                for row in connection.execute(
                    select(
                        cards.c.id,
                        cards.c.question_id,
                        cards.c.topic,
                        cards.c.position,
                        cards.c.active,
                    ).where(cards.c.learner_id == self.learner_id, cards.c.deck == deck)
                )
            }
            added = [
                {
                    "learner_id": self.learner_id,
                    "question_id": spec.question_id,
                    "deck": deck,
                    "topic": spec.topic,
                    "position": spec.position,
                    "active": True,
                    "suspended": False,
                    "state": int(CardState.NEW),
                }
                for question_id, spec in wanted.items()
                if question_id not in existing
            ]
            changes = []
            activated = deactivated = 0
            for question_id, row in existing.items():
                spec = wanted.get(question_id)
                if spec is None:
                    if row.active:
                        deactivated += 1
                        changes.append(
                            {
                                "_id": row.id,
                                "topic": row.topic,
                                "position": row.position,
                                "active": False,
                            }
                        )
                elif not row.active or (row.topic, row.position) != (spec.topic, spec.position):
                    activated += not row.active
                    changes.append(
                        {
                            "_id": row.id,
                            "topic": spec.topic,
                            "position": spec.position,
                            "active": True,
                        }
                    )
            for start in range(0, len(added), _BATCH):
                connection.execute(insert(cards), added[start : start + _BATCH])
            if changes:
                connection.execute(
                    update(cards)
                    .where(cards.c.id == bindparam("_id"))
                    .values(
                        topic=bindparam("topic"),
                        position=bindparam("position"),
                        active=bindparam("active"),
                    ),
                    changes,
                )
        return SyncResult(added=len(added), activated=activated, deactivated=deactivated)

    def card(self, question_id: str) -> Card | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(cards).where(
                    cards.c.learner_id == self.learner_id, cards.c.question_id == question_id
                )
            ).first()
        return None if row is None else _card(row)

    def cards(self, question_ids: Iterable[str]) -> dict[str, Card]:
        """The learner's cards among `question_ids` (those never synced are left out)."""
        ids = list(dict.fromkeys(question_ids))
        found: dict[str, Card] = {}
        with self.engine.connect() as connection:
            for start in range(0, len(ids), 500):
                rows = connection.execute(
                    select(cards).where(
                        cards.c.learner_id == self.learner_id,
                        cards.c.question_id.in_(ids[start : start + 500]),
                    )
                )
                found.update((row.question_id, _card(row)) for row in rows)
        return found

    # What to study

    def next_card(
        self,
        deck: str,
        now: datetime,
        topics: Sequence[str] | None = None,
        hidden: Collection[str] = (),
    ) -> NextCard | None:
        """The card to show now: due learning cards, then due reviews, then new cards.

        Reviews and new cards stop at the daily limits; a learning card due within
        `LEARN_AHEAD` is shown early when nothing else is left. Each step is one indexed
        query returning at most one row. Cards in `hidden` (held back during a closed-book
        quiz) are passed over with their schedules untouched.
        """
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at)
        with self.engine.connect() as connection:
            new_done, reviews_done = self._done_today(connection, today.day)
            available = _available(self.learner_id, deck, today.day, topics, hidden)
            learning = and_(available, cards.c.state.in_(_LEARNING_STATES))
            steps = [(Queue.LEARNING, and_(learning, cards.c.due <= now), cards.c.due)]
            if reviews_done < self.settings.reviews_per_day:
                due_review = and_(
                    available, cards.c.state == int(CardState.REVIEW), cards.c.due < today.ends
                )
                steps.append((Queue.REVIEW, due_review, cards.c.due))
            if new_done < self.settings.new_per_day:
                steps.append(
                    (
                        Queue.NEW,
                        and_(available, cards.c.state == int(CardState.NEW)),
                        cards.c.position,
                    )
                )
            steps.append(
                (Queue.LEARNING, and_(learning, cards.c.due <= now + LEARN_AHEAD), cards.c.due)
            )
            for queue, where, order in steps:
                row = connection.execute(
                    select(cards).where(where).order_by(order).limit(1)
                ).first()
                if row is not None:
                    return NextCard(_card(row), queue)
        return None

    def queue_counts(
        self,
        deck: str,
        now: datetime,
        topics: Sequence[str] | None = None,
        hidden: Collection[str] = (),
    ) -> QueueCounts:
        """Cards left today in `deck`: learning due today, and reviews and new cards up to the
        day's remaining limits (each count stops at its limit, so it stays cheap)."""
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at)
        with self.engine.connect() as connection:
            new_done, reviews_done = self._done_today(connection, today.day)
            available = _available(self.learner_id, deck, today.day, topics, hidden)

            def capped(where, cap: int | None = None) -> int:
                if cap is not None and cap <= 0:
                    return 0
                limited = select(cards.c.id).where(where).limit(cap).subquery()
                return connection.execute(select(func.count()).select_from(limited)).scalar_one()

            learning = capped(
                and_(available, cards.c.state.in_(_LEARNING_STATES), cards.c.due < today.ends)
            )
            review = capped(
                and_(available, cards.c.state == int(CardState.REVIEW), cards.c.due < today.ends),
                self.settings.reviews_per_day - reviews_done,
            )
            new = capped(
                and_(available, cards.c.state == int(CardState.NEW)),
                self.settings.new_per_day - new_done,
            )
        return QueueCounts(learning=learning, review=review, new=new)

    def next_learning_due(
        self,
        deck: str,
        now: datetime,
        topics: Sequence[str] | None = None,
        hidden: Collection[str] = (),
    ) -> datetime | None:
        """When the next learning card comes due today, so the page can say when to return."""
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at)
        query = (
            select(cards.c.due)
            .where(
                _available(self.learner_id, deck, today.day, topics, hidden),
                cards.c.state.in_(_LEARNING_STATES),
                cards.c.due < today.ends,
            )
            .order_by(cards.c.due)
            .limit(1)
        )
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    def topic_counts(
        self,
        now: datetime,
        hidden: Collection[str] = (),
    ) -> list[TopicCounts]:
        """Per deck and topic: unseen, learning and due-today cards (daily limits not applied),
        leaving out the cards in `hidden`."""
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at)
        due_today = cards.c.due < today.ends

        def count(condition) -> ColumnElement[int]:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        query = (
            select(
                cards.c.deck,
                cards.c.topic,
                count(cards.c.state == int(CardState.NEW)).label("new"),
                count(and_(cards.c.state.in_(_LEARNING_STATES), due_today)).label("learning"),
                count(and_(cards.c.state == int(CardState.REVIEW), due_today)).label("review"),
                func.count().label("total"),
            )
            .where(
                cards.c.learner_id == self.learner_id,
                cards.c.active == true(),
                cards.c.suspended == false(),
                _not_buried(today.day),
                _not_hidden(hidden),
            )
            .group_by(cards.c.deck, cards.c.topic)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [
            TopicCounts(row.deck, row.topic, row.new, row.learning, row.review, row.total)
            for row in rows
        ]

    def done_today(self, now: datetime) -> tuple[int, int]:
        """(new cards introduced, reviews of review cards) so far this study day."""
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at)
        with self.engine.connect() as connection:
            return self._done_today(connection, today.day)

    def _done_today(self, connection: Connection, day: date) -> tuple[int, int]:
        rows = connection.execute(
            select(reviews.c.before_state, func.count())
            .where(counted_reviews(self.learner_id), reviews.c.day == day)
            .group_by(reviews.c.before_state)
        ).all()
        counted: dict[int, int] = {state: n for state, n in rows}
        return counted.get(int(CardState.NEW), 0), counted.get(int(CardState.REVIEW), 0)

    # Reviewing

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

        `shown` is the schedule the learner saw when rating; if the card has changed since (a
        double click, a second tab), the rating is refused with StaleCard instead of counting
        twice.
        """
        day = study_day(now, self.settings.timezone, self.settings.day_starts_at).day
        with writing(self.engine) as connection:
            row = self._locked_card(connection, question_id)
            before = _schedule(row)
            if shown is not None and shown != before:
                raise StaleCard(
                    f"card {question_id} was rated meanwhile; this rating is ignored",
                    key="card_rated_meanwhile",
                )
            after = scheduling.review(before, rating, now, self.settings, question_id)
            connection.execute(update(cards).where(cards.c.id == row.id).values(**_columns(after)))
            values = {
                "learner_id": self.learner_id,
                "question_id": question_id,
                "deck": row.deck,
                "origin": origin.value,
                "rating": int(rating),
                "reviewed_at": now,
                "day": day,
                "duration_ms": duration_ms,
                **_columns(before, "before_"),
                **_columns(after, "after_"),
            }
            review_id = inserted_id(connection.execute(insert(reviews).values(values)))
        return Review(
            review_id, question_id, row.deck, origin, rating, now, day, duration_ms, before, after
        )

    def last_review(self) -> Review | None:
        """The learner's latest review that has not been undone (what Undo would take back)."""
        with self.engine.connect() as connection:
            return self._last_review(connection)

    def undo(
        self,
        now: datetime,
        review_id: int | None = None,
    ) -> Review:
        """Take back the latest review: the card gets its schedule from before it back.

        The log keeps both the review and a row recording the undo; returns the undone review.
        With `review_id`, only that review is taken back, and only while it is the latest, so a
        double click undoes one review, not two.
        """
        day = study_day(now, self.settings.timezone, self.settings.day_starts_at).day
        with writing(self.engine) as connection:
            last = self._last_review(connection)
            if last is None:
                raise NothingToUndo("there is no review to undo", key="nothing_to_undo")
            if review_id is not None and last.id != review_id:
                raise StaleCard("that review was already undone", key="undone_already")
            row = self._locked_card(connection, last.question_id)
            connection.execute(
                update(cards).where(cards.c.id == row.id).values(**_columns(last.before))
            )
            connection.execute(
                insert(reviews).values(
                    learner_id=self.learner_id,
                    question_id=last.question_id,
                    deck=last.deck,
                    origin=last.origin.value,
                    rating=None,
                    undoes=last.id,
                    reviewed_at=now,
                    day=day,
                    **_columns(last.after, "before_"),
                    **_columns(last.before, "after_"),
                )
            )
        return last

    def _last_review(self, connection: Connection) -> Review | None:
        row = connection.execute(
            select(reviews)
            .where(counted_reviews(self.learner_id))
            .order_by(reviews.c.id.desc())
            .limit(1)
        ).first()
        return None if row is None else _review(row)

    def _locked_card(self, connection: Connection, question_id: str) -> Row:
        row = connection.execute(
            select(cards)
            .where(cards.c.learner_id == self.learner_id, cards.c.question_id == question_id)
            .with_for_update()
        ).first()
        if row is None:
            raise CardError(
                f"card {question_id} is not in this learner's collection: open the deck to add it",
                key="card_not_in_collection",
            )
        return row

    def bury(self, question_id: str, now: datetime) -> None:
        """Hide a card until the next study day."""
        today = study_day(now, self.settings.timezone, self.settings.day_starts_at).day
        self._set_flags(question_id, buried_until=today + timedelta(days=1))

    def suspend(self, question_id: str, suspended: bool = True) -> None:
        """Keep a card out of every queue until it is unsuspended; its schedule is kept."""
        self._set_flags(question_id, suspended=suspended)

    def _set_flags(self, question_id: str, **values: object) -> None:
        with writing(self.engine) as connection:
            row = self._locked_card(connection, question_id)
            connection.execute(update(cards).where(cards.c.id == row.id).values(**values))

    def history(self, question_id: str) -> list[Review]:
        """Every log row of one card, undo rows included, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(reviews)
                .where(
                    reviews.c.learner_id == self.learner_id, reviews.c.question_id == question_id
                )
                .order_by(reviews.c.id)
            ).all()
        return [_review(row) for row in rows]

    def rebuild_cards(self) -> int:
        """Recompute every card's schedule from the review log; returns how many changed.

        A card's schedule is the state after its latest review that was not undone, or new.
        Suspension and burying are not reviews and are left as they are.
        """
        with writing(self.engine) as connection:
            undone = set(
                connection.execute(
                    select(reviews.c.undoes).where(
                        reviews.c.learner_id == self.learner_id, reviews.c.undoes.is_not(None)
                    )
                ).scalars()
            )
            latest: dict[str, Schedule] = {}
            rows = connection.execute(
                select(reviews.c.id, reviews.c.question_id, *_snapshot_columns("after_"))
                .where(reviews.c.learner_id == self.learner_id, reviews.c.undoes.is_(None))
                .order_by(reviews.c.id)
            )
            for row in rows:
                if row.id not in undone:
                    latest[row.question_id] = _schedule(row, "after_")
            changes = []
            for row in connection.execute(
                select(cards.c.id, cards.c.question_id, *_snapshot_columns("")).where(
                    cards.c.learner_id == self.learner_id
                )
            ):
                target = latest.get(row.question_id, scheduling.NEW)
                if _schedule(row) != target:
                    changes.append({"_id": row.id, **_columns(target)})
            if changes:
                connection.execute(
                    update(cards)
                    .where(cards.c.id == bindparam("_id"))
                    .values({name: bindparam(name) for name in _SCHEDULE_FIELDS}),
                    changes,
                )
        return len(changes)


def counted_reviews(learner_id: int):
    """The learner's reviews that count: not an undo row (those have no rating) and not taken
    back by one. Written so that each candidate row costs one unique-index probe."""
    undo = reviews.alias("undo")
    return and_(
        reviews.c.learner_id == learner_id,
        reviews.c.rating.is_not(None),
        ~exists().where(undo.c.undoes == reviews.c.id),
    )


def _not_buried(day: date):
    return or_(cards.c.buried_until.is_(None), cards.c.buried_until <= day)


def _not_hidden(hidden: Collection[str]):
    return cards.c.question_id.not_in(list(hidden)) if hidden else true()


def _available(
    learner_id: int,
    deck: str,
    day: date,
    topics: Sequence[str] | None,
    hidden: Collection[str] = (),
):
    condition = and_(
        cards.c.learner_id == learner_id,
        cards.c.deck == deck,
        cards.c.active == true(),
        cards.c.suspended == false(),
        _not_buried(day),
        _not_hidden(hidden),
    )
    if topics is not None:
        condition = and_(condition, cards.c.topic.in_(list(topics)))
    return condition


def _snapshot_columns(prefix: str) -> list:
    table = reviews if prefix else cards
    return [table.c[prefix + name] for name in _SCHEDULE_FIELDS]


def _columns(schedule: Schedule, prefix: str = "") -> dict[str, object]:
    return {
        prefix + "state": int(schedule.state),
        prefix + "step": schedule.step,
        prefix + "stability": schedule.stability,
        prefix + "difficulty": schedule.difficulty,
        prefix + "due": schedule.due,
        prefix + "last_review": schedule.last_review,
    }


def _schedule(row: Row, prefix: str = "") -> Schedule:
    values = row._mapping
    return Schedule(
        state=CardState(values[prefix + "state"]),
        step=values[prefix + "step"],
        stability=values[prefix + "stability"],
        difficulty=values[prefix + "difficulty"],
        due=values[prefix + "due"],
        last_review=values[prefix + "last_review"],
    )


def _card(row: Row) -> Card:
    return Card(
        question_id=row.question_id,
        deck=row.deck,
        topic=row.topic,
        position=row.position,
        active=row.active,
        suspended=row.suspended,
        buried_until=row.buried_until,
        schedule=_schedule(row),
    )


def _review(row: Row) -> Review:
    return Review(
        id=row.id,
        question_id=row.question_id,
        deck=row.deck,
        origin=Origin(row.origin),
        rating=None if row.rating is None else fsrs.Rating(row.rating),
        reviewed_at=row.reviewed_at,
        day=row.day,
        duration_ms=row.duration_ms,
        before=_schedule(row, "before_"),
        after=_schedule(row, "after_"),
        undoes=row.undoes,
    )


__all__ = ["LEARN_AHEAD", "LearnerStore", "counted_reviews", "read_learner", "read_settings"]
