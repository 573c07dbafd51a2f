"""Learners, card state and the append-only review log.

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

_SNAPSHOT = (
    ("state", sa.SmallInteger),
    ("step", sa.Integer),
    ("stability", sa.Float),
    ("difficulty", sa.Float),
    ("due", sa.DateTime),
    ("last_review", sa.DateTime),
)


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("deck", sa.String(100), nullable=False),
        sa.Column("topic", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("suspended", sa.Boolean, nullable=False),
        sa.Column("buried_until", sa.Date),
        sa.Column("state", sa.SmallInteger, nullable=False),
        sa.Column("step", sa.Integer),
        sa.Column("stability", sa.Float),
        sa.Column("difficulty", sa.Float),
        sa.Column("due", sa.DateTime),
        sa.Column("last_review", sa.DateTime),
        sa.UniqueConstraint("learner_id", "question_id", name="uq_cards_learner_question"),
    )
    queue = ["learner_id", "deck", "active", "suspended", "state"]
    op.create_index("ix_cards_due", "cards", [*queue, "due", "buried_until"])
    op.create_index("ix_cards_new", "cards", [*queue, "position", "buried_until"])
    op.create_index("ix_cards_topic", "cards", ["learner_id", "deck", "topic", "state"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learners.id"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("deck", sa.String(100), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("rating", sa.SmallInteger),
        sa.Column("undoes", sa.Integer, sa.ForeignKey("reviews.id")),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("duration_ms", sa.Integer),
        *(
            sa.Column(f"{side}_{name}", kind(), nullable=name != "state")
            for side in ("before", "after")
            for name, kind in _SNAPSHOT
        ),
    )
    op.create_index("ix_reviews_day", "reviews", ["learner_id", "day"])
    op.create_index("ix_reviews_latest", "reviews", ["learner_id", "id"])
    op.create_index("ix_reviews_card", "reviews", ["learner_id", "question_id"])
    op.create_index("ix_reviews_undoes", "reviews", ["undoes"], unique=True)
    _forbid_changes_to_reviews()


def _forbid_changes_to_reviews() -> None:
    """The review log is append-only: an undo is a new row, never an edit or a deletion."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER reviews_no_{action.lower()} BEFORE {action} ON reviews "
                "BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION reviews_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the review log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews "
            "FOR EACH ROW EXECUTE FUNCTION reviews_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER reviews_no_update")
        op.execute("DROP TRIGGER reviews_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER reviews_append_only ON reviews")
        op.execute("DROP FUNCTION reviews_append_only()")
    op.drop_table("reviews")
    op.drop_table("cards")
    op.drop_table("learners")
