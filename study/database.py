"""Opening the progress database: engine settings, transactions and migrations on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from study.errors import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_IMMEDIATE = "factdeck_immediate"
_MIGRATION_LOCK = 0x66616374  # any constant: serialises migrations across PostgreSQL clients


def connect(url: str) -> Engine:
    """An engine for `url`; a SQLite file gets its folder, WAL and `BEGIN IMMEDIATE` writes."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"cannot read the database URL {url!r}: write it like sqlite:///path/to/file.sqlite3"
            " or postgresql://user@host/dbname"
        ) from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(parsed, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError) as error:
            raise DatabaseError(f"cannot use the database {shown}: {error}") from None
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                f"cannot create the folder for the database {shown}: {error.strerror};"
                " set FACTDECK_DATABASE_URL to a writable place"
            ) from None
    engine = create_engine(parsed, connect_args={"timeout": 30})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A read-then-write transaction, committed when the block ends.

    On SQLite it starts with BEGIN IMMEDIATE, so two writers never read the same state and
    then both write; on PostgreSQL the queries inside lock their rows with FOR UPDATE.
    """
    with engine.connect() as connection:
        connection.execution_options(**{_IMMEDIATE: True})
        with connection.begin():
            yield connection


def migrate(engine: Engine) -> str:
    """Bring the schema to the newest revision, keeping every row; returns that revision."""
    return upgrade(
        engine,
        MIGRATIONS,
        lock=_MIGRATION_LOCK,
        newer="the database {shown} was written by a newer Factdeck (schema revision {current});"
        " update Factdeck to open it",
    )


def upgrade(
    engine: Engine,
    migrations: Path,
    *,
    lock: int,
    newer: str,
    version_table: str = "alembic_version",
) -> str:
    """Run one package's Alembic scripts to their head on `engine`; returns the head revision.

    Each package that owns tables (study, classroom) keeps its own scripts and version table and
    calls this; `newer` is the message, with {shown} and {current}, for a schema from a newer
    Factdeck. A PostgreSQL advisory lock keeps concurrent app processes from migrating twice.
    """
    shown = engine.url.render_as_string(hide_password=True)
    config = Config()
    config.set_main_option("script_location", str(migrations))
    head = ScriptDirectory.from_config(config).get_current_head()
    current = None
    try:
        with writing(engine) as connection:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({lock})")
            context = MigrationContext.configure(connection, opts={"version_table": version_table})
            current = context.get_current_revision()
            if current != head:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except CommandError:
        raise DatabaseError(newer.format(shown=shown, current=current)) from None
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise DatabaseError(
            f"cannot open the database {shown}: {reason}; check the file, or set"
            " FACTDECK_DATABASE_URL to another place"
        ) from None
    return head
