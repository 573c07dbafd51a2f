"""Opening the progress database: engine settings, transactions and migrations on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeAlias

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, CursorResult, Engine, Row, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from study.errors import DatabaseBusy, DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT = 30
"""Seconds a write waits for another writer's lock (SQLite's busy timeout, PostgreSQL's
lock_timeout) before it gives up with `DatabaseBusy`, having written nothing."""
BUSY = "the database is busy and nothing was saved: try again in a moment"
_BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001", "57014"})
"""PostgreSQL: lock not available, deadlock, serialization failure, statement cancelled."""
_IMMEDIATE = "factdeck_immediate"
_MIGRATION_LOCK = 0x66616374  # any constant: serialises migrations across PostgreSQL clients

AnyRow: TypeAlias = Row[*tuple[Any, ...]]
"""A row selected from whole tables: SQLAlchemy types its columns only for typed ORM models."""


def connect(url: str) -> Engine:
    """An engine for `url`; a SQLite file gets its folder, WAL and `BEGIN IMMEDIATE` writes."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"cannot read the database URL {url!r}: write it like sqlite:///path/to/file.sqlite3"
            " or postgresql://user@host/dbname",
            key="database_url",
        ) from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() != "sqlite":
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError) as error:
            raise DatabaseError(
                f"cannot use the database {shown}: {error}",
                key="database_unusable",
                database=shown,
                detail=error,
            ) from None
        if parsed.get_backend_name() == "postgresql":
            event.listen(engine, "connect", _configure_postgresql)
        return engine
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(
                f"cannot create the folder for the database {shown}: {error.strerror};"
                " set FACTDECK_DATABASE_URL to a writable place",
                key="database_folder",
                database=shown,
                detail=error.strerror,
            ) from None
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _configure_postgresql(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # A write waiting on another's row lock gives up as SQLite's busy timeout does, instead of
    # hanging a page for as long as the other transaction runs.
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    cursor = dbapi_connection.cursor()
    cursor.execute(f"SET lock_timeout = '{int(BUSY_TIMEOUT * 1000)}ms'")
    cursor.close()
    dbapi_connection.autocommit = autocommit


def _begin_sqlite(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A read-then-write transaction, committed when the block ends.

    On SQLite it starts with BEGIN IMMEDIATE, so two writers never read the same state and
    then both write; on PostgreSQL the queries inside lock their rows with FOR UPDATE. A lock
    another writer holds past `BUSY_TIMEOUT` ends it with `DatabaseBusy`, rolled back.
    """
    try:
        with engine.connect() as connection:
            connection.execution_options(**{_IMMEDIATE: True})
            with connection.begin():
                yield connection
    except OperationalError as error:
        if is_busy(error):
            raise DatabaseBusy(BUSY) from None
        raise


def is_busy(error: OperationalError) -> bool:
    """Whether the database refused for a lock held elsewhere (worth a retry), rather than for
    a fault such as a full disk, a read-only file or a lost server."""
    reason = getattr(error, "orig", None)
    state = getattr(reason, "sqlstate", None) or getattr(reason, "pgcode", None)
    if state:
        return state in _BUSY_SQLSTATES
    name = getattr(reason, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    text = str(reason or error).lower()
    return "database is locked" in text or "database is busy" in text


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
    if head is None:
        raise DatabaseError(
            f"this Factdeck has no migration scripts in {migrations.name}: reinstall it",
            key="database_no_migrations",
            folder=migrations.name,
        )
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
        raise DatabaseError(
            newer.format(shown=shown, current=current),
            key="database_newer",
            database=shown,
            revision=current,
        ) from None
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise DatabaseError(
            f"cannot open the database {shown}: {reason}; check the file, or set"
            " FACTDECK_DATABASE_URL to another place",
            key="database_unreadable",
            database=shown,
            detail=reason,
        ) from None
    return head


def inserted_id(result: CursorResult[*tuple[Any, ...]]) -> int:
    """The primary key a single-row INSERT gave its row.

    SQLAlchemy leaves it unset only for statements that are not a single-row INSERT, so its
    absence here is a programming error."""
    key = result.inserted_primary_key
    if key is None:
        raise TypeError("inserted_id needs the result of a single-row INSERT")
    return int(key[0])
