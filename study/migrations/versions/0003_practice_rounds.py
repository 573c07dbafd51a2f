"""Practice rounds and their answers, so a round survives a reload and every attempt is kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("deck", sa.String(100), nullable=False),
        sa.Column("question_ids", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_practice_rounds_learner", "practice_rounds", ["learner_id", "id"])
    op.create_table(
        "practice_answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("practice_rounds.id"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("reviewed", sa.Integer, nullable=False),
        sa.Column("kept_new", sa.Integer, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("round_id", "question_id", name="uq_practice_answers_item"),
    )


def downgrade() -> None:
    op.drop_table("practice_answers")
    op.drop_index("ix_practice_rounds_learner", "practice_rounds")
    op.drop_table("practice_rounds")
