"""Quizzes, their pooled questions, attempts, each attempt's paper and its saved responses.

Revision ID: 0001
Revises:
Create Date: 2025-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classroom_quizzes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("join_code", sa.String(16), nullable=False, unique=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("deck", sa.String(100), nullable=False),
        sa.Column("spec", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "classroom_pool",
        sa.Column("quiz_id", sa.Integer, sa.ForeignKey("classroom_quizzes.id"), primary_key=True),
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
    )
    op.create_table(
        "classroom_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("quiz_id", sa.Integer, sa.ForeignKey("classroom_quizzes.id"), nullable=False),
        sa.Column("student", sa.String(80), nullable=False),
        sa.Column("student_key", sa.String(80), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("finish_reason", sa.String(16)),
        sa.UniqueConstraint("quiz_id", "student_key", "number", name="uq_classroom_attempt_number"),
    )
    op.create_index(
        "ix_classroom_attempts_student", "classroom_attempts", ["student_key", "quiz_id"]
    )
    op.create_table(
        "classroom_attempt_items",
        sa.Column(
            "attempt_id", sa.Integer, sa.ForeignKey("classroom_attempts.id"), primary_key=True
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("option_order", sa.String(200)),
        sa.Column("points", sa.Float, nullable=False),
    )
    op.create_table(
        "classroom_responses",
        sa.Column("attempt_id", sa.Integer, primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("fraction", sa.Float),
        sa.Column("verdict", sa.String(16)),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id", "position"],
            ["classroom_attempt_items.attempt_id", "classroom_attempt_items.position"],
        ),
    )


def downgrade() -> None:
    op.drop_table("classroom_responses")
    op.drop_table("classroom_attempt_items")
    op.drop_index("ix_classroom_attempts_student", "classroom_attempts")
    op.drop_table("classroom_attempts")
    op.drop_table("classroom_pool")
    op.drop_table("classroom_quizzes")
