"""Student keys compared as a person reads names: recompute them with `name_key`.

Before this revision a student's key was the name case folded; now it is `name_key` (look-alike
letters, invisible characters, accents and end punctuation folded), which can be longer than
the name, so the column widens. Attempts whose names now read the same in one quiz become one
student's attempts, numbered in the order they started; every other attempt keeps its number.
Papers and answers are untouched: they hang on the attempt's id, not on its key.

A later change to `name_key` needs a revision like this one that calls `rekey` again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-20
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from classroom.names import name_key

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_ATTEMPTS = sa.table(
    "classroom_attempts",
    sa.column("id", sa.Integer),
    sa.column("quiz_id", sa.Integer),
    sa.column("student", sa.String),
    sa.column("student_key", sa.String),
    sa.column("number", sa.Integer),
    sa.column("started_at", sa.DateTime),
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":  # SQLite keeps text of any length in a VARCHAR(80)
        op.alter_column(
            "classroom_attempts",
            "student_key",
            existing_type=sa.String(80),
            type_=sa.String(320),
            existing_nullable=False,
        )
    rekey(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "classroom_attempts",
            "student_key",
            existing_type=sa.String(320),
            type_=sa.String(80),
            existing_nullable=False,
        )


def rekey(bind: sa.Connection) -> None:
    """Set every attempt's `student_key` to `name_key(student)`, renumbering merged students."""
    rows = bind.execute(sa.select(_ATTEMPTS).order_by(_ATTEMPTS.c.id)).all()
    groups = defaultdict(list)
    for row in rows:
        groups[(row.quiz_id, name_key(row.student))].append(row)
    final = {}
    for (_, key), members in groups.items():
        if len({row.student_key for row in members}) > 1:  # spellings that now read the same
            ordered = sorted(members, key=lambda row: (row.started_at, row.id))
            final.update({row.id: (key, n) for n, row in enumerate(ordered, start=1)})
        else:
            final.update({row.id: (key, row.number) for row in members})
    changed = [row for row in rows if final[row.id] != (row.student_key, row.number)]
    # Negative numbers first, so no moment holds two attempts with one key and number.
    for row in changed:
        bind.execute(sa.update(_ATTEMPTS).where(_ATTEMPTS.c.id == row.id).values(number=-row.id))
    for row in changed:
        key, number = final[row.id]
        bind.execute(
            sa.update(_ATTEMPTS)
            .where(_ATTEMPTS.c.id == row.id)
            .values(student_key=key, number=number)
        )
