"""The classroom tables as the newest migration leaves them; queries are written against these.

They live in the same database as learner progress, prefixed `classroom_`, and have their own
migrations (classroom/migrations) and version table, so study and classroom upgrade
independently. The tests check these definitions against the migrated database.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from study.schema import UTCDateTime

metadata = MetaData()

quizzes = Table(
    "classroom_quizzes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("title", String(120), nullable=False),
    Column("deck", String(100), nullable=False),
    Column("spec", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

pool = Table(
    "classroom_pool",
    metadata,
    Column("quiz_id", Integer, ForeignKey("classroom_quizzes.id"), primary_key=True),
    Column("question_id", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("question", Text, nullable=False),
)

attempts = Table(
    "classroom_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("quiz_id", Integer, ForeignKey("classroom_quizzes.id"), nullable=False),
    Column("student", String(80), nullable=False),
    Column("student_key", String(320), nullable=False),
    Column("number", Integer, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("finish_reason", String(16)),
    UniqueConstraint("quiz_id", "student_key", "number", name="uq_classroom_attempt_number"),
    Index("ix_classroom_attempts_student", "student_key", "quiz_id"),
)

attempt_items = Table(
    "classroom_attempt_items",
    metadata,
    Column("attempt_id", Integer, ForeignKey("classroom_attempts.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("question_id", String(64), nullable=False),
    Column("option_order", String(200)),
    Column("points", Float, nullable=False),
)

responses = Table(
    "classroom_responses",
    metadata,
    Column("attempt_id", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("response", Text, nullable=False),
    Column("fraction", Float),
    Column("verdict", String(16)),
    Column("saved_at", UTCDateTime, nullable=False),
    Column("revision", Integer, nullable=False),
    ForeignKeyConstraint(
        ["attempt_id", "position"],
        ["classroom_attempt_items.attempt_id", "classroom_attempt_items.position"],
    ),
)

throttle = Table(
    "classroom_throttle",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(20), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_classroom_throttle_client", "scope", "client", "at"),
    Index("ix_classroom_throttle_at", "scope", "at"),
)
"""Wrong passwords and joins by client address and time, counted by `classroom.throttle`."""
