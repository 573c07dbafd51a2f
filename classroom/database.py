"""Creating and upgrading the classroom tables in the Factdeck database.

The engine, its SQLite settings (WAL, `BEGIN IMMEDIATE` for writes) and the database location
are study's (`study.database`, `study.location`); classroom only adds its own tables, upgraded
by its own Alembic scripts under their own version table.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from study.database import writing
from study.errors import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "classroom_alembic_version"
_MIGRATION_LOCK = 0x71757A  # serialises classroom migrations across PostgreSQL clients


def migrate(engine: Engine) -> str:
    """Bring the classroom tables to the newest revision, keeping every row; returns it."""
    shown = engine.url.render_as_string(hide_password=True)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    current = None
    try:
        with writing(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
            current = context.get_current_revision()
            if current != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except CommandError:
        raise DatabaseError(
            f"the quiz tables in {shown} were written by a newer Factdeck (schema revision"
            f" {current}); update Factdeck to open them"
        ) from None
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise DatabaseError(
            f"cannot open the database {shown}: {reason}; check the file, or set"
            " FACTDECK_DATABASE_URL to another place"
        ) from None
    return head
