"""The progress tables as the current migration leaves them (queries are written against these).

The migrations in study/migrations create and change the real tables; this module mirrors the
head revision and is checked against it by the tests.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC on every backend, read back timezone-aware (fsrs requires UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes stored for progress must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


metadata = MetaData()

learners = Table(
    "learners",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

learner_settings = Table(
    "learner_settings",
    metadata,
    Column("learner_id", Integer, ForeignKey("learners.id"), primary_key=True),
    Column("settings", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

cards = Table(
    "cards",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("question_id", String(64), nullable=False),
    Column("deck", String(100), nullable=False),
    Column("topic", String(100), nullable=False),
    Column("position", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("suspended", Boolean, nullable=False),
    Column("buried_until", Date),
    Column("state", SmallInteger, nullable=False),
    Column("step", Integer),
    Column("stability", Float),
    Column("difficulty", Float),
    Column("due", UTCDateTime),
    Column("last_review", UTCDateTime),
    UniqueConstraint("learner_id", "question_id", name="uq_cards_learner_question"),
    # buried_until last: the queue queries and the capped counts read the index alone.
    Index(
        "ix_cards_due", "learner_id", "deck", "active", "suspended", "state", "due", "buried_until"
    ),
    Index(
        "ix_cards_new",
        "learner_id",
        "deck",
        "active",
        "suspended",
        "state",
        "position",
        "buried_until",
    ),
    Index("ix_cards_topic", "learner_id", "deck", "topic", "state"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("question_id", String(64), nullable=False),
    Column("deck", String(100), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("rating", SmallInteger),
    Column("undoes", Integer, ForeignKey("reviews.id")),
    Column("reviewed_at", UTCDateTime, nullable=False),
    Column("day", Date, nullable=False),
    Column("duration_ms", Integer),
    *(
        Column(f"{side}_{name}", kind, nullable=name != "state")
        for side in ("before", "after")
        for name, kind in (
            ("state", SmallInteger),
            ("step", Integer),
            ("stability", Float),
            ("difficulty", Float),
            ("due", UTCDateTime),
            ("last_review", UTCDateTime),
        )
    ),
    Index("ix_reviews_day", "learner_id", "day"),
    Index("ix_reviews_latest", "learner_id", "id"),
    Index("ix_reviews_card", "learner_id", "question_id"),
    Index("ix_reviews_undoes", "undoes", unique=True),
)

practice_rounds = Table(
    "practice_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False),
    Column("deck", String(100), nullable=False),
    Column("question_ids", Text, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Index("ix_practice_rounds_learner", "learner_id", "id"),
)

practice_answers = Table(
    "practice_answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("practice_rounds.id"), nullable=False),
    Column("question_id", String(64), nullable=False),
    Column("correct", Boolean, nullable=False),
    Column("reviewed", Integer, nullable=False),
    Column("kept_new", Integer, nullable=False),
    Column("answered_at", UTCDateTime, nullable=False),
    UniqueConstraint("round_id", "question_id", name="uq_practice_answers_item"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("learner_id", Integer, ForeignKey("learners.id"), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(255)),
    Column("email", String(320), unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("password_changed_at", UTCDateTime),
)
"""Sign-in accounts of a school server, each owning one learner's progress. A null
`password_hash` is an account made by the school's identity provider, which signs in there."""
