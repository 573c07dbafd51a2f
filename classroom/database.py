"""Creating and upgrading the classroom tables in the Factdeck database.

The engine, its SQLite settings (WAL, `BEGIN IMMEDIATE` for writes) and the database location
are study's (`study.database`, `study.location`); classroom only adds its own tables, upgraded
by its own Alembic scripts under their own version table.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from study.database import upgrade

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "classroom_alembic_version"
_MIGRATION_LOCK = 0x71757A  # serialises classroom migrations across PostgreSQL clients


def migrate(engine: Engine) -> str:
    """Bring the classroom tables to the newest revision, keeping every row; returns it."""
    return upgrade(
        engine,
        MIGRATIONS,
        lock=_MIGRATION_LOCK,
        version_table=VERSION_TABLE,
        newer="the quiz tables in {shown} were written by a newer Factdeck (schema revision"
        " {current}); update Factdeck to open them",
    )
