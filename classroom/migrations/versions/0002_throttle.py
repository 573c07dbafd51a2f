"""Wrong passwords and joins per client address, so limits hold across sessions and processes.

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classroom_throttle",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_classroom_throttle_client", "classroom_throttle", ["scope", "client", "at"])
    op.create_index("ix_classroom_throttle_at", "classroom_throttle", ["scope", "at"])


def downgrade() -> None:
    op.drop_index("ix_classroom_throttle_at", "classroom_throttle")
    op.drop_index("ix_classroom_throttle_client", "classroom_throttle")
    op.drop_table("classroom_throttle")
