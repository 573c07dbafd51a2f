"""Shared pieces of the classroom tests: the mini deck and its bank, a fixed clock, hand-made
questions, and a throwaway PostgreSQL server when the machine has one."""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from conftest import PROJECT_ROOT

from decks.loader import load_deck
from decks.model import Deck
from questions import QuestionBank, build_bank
from questions.model import Cited, Kind, Question

MINI = PROJECT_ROOT / "tests" / "decks" / "mini"
MINI_SOURCES = PROJECT_ROOT / "tests" / "decks" / "sources"
MONDAY_NINE = datetime(2025, 11, 24, 9, 0, tzinfo=UTC)
"""09:00 UTC on Monday 24 November 2025: the lesson every test quiz runs in."""
POSTGRES_BIN = Path("/usr/lib/postgresql")


@functools.cache
def mini_deck() -> Deck:
    return load_deck(MINI, MINI_SOURCES)


@functools.cache
def mini_bank() -> QuestionBank:
    return build_bank(mini_deck(), seed=0)


def decks(deck_id: str) -> Deck:
    """The deck provider the service gets in tests: only the mini deck exists."""
    if deck_id != "mini":
        raise KeyError(deck_id)
    return mini_deck()


def choice(
    qid: str,
    facts: tuple[str, ...] = (),
    options: tuple[str, ...] = ("right", "wrong 1", "wrong 2", "wrong 3"),
    answer: str = "right",
    kind: Kind = Kind.MULTIPLE_CHOICE,
) -> Question:
    """A hand-made choice item; its fact is its own id unless given."""
    return Question(
        id=qid,
        kind=kind,
        lang="en",
        prompt=f"Prompt of {qid}?",
        answer=answer,
        fact_ids=facts or (qid,),
        topic="t",
        sources=(Cited("src", f"quote for {qid}", "Source"),),
        difficulty=0.5,
        options=options,
        explanation=f"Because of {qid}.",
    )


def find_postgres_bin() -> Path | None:
    found = sorted(POSTGRES_BIN.glob("*/bin/initdb"))
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A private PostgreSQL cluster in a temporary folder, on a loopback port, run as the
    `postgres` system user when the tests run as root (PostgreSQL refuses to run as root)."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="factdeck-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.databases = 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        if self.user:
            shutil.chown(self.root, self.user)
        self._run("initdb", "-D", str(self.data), "-U", "factdeck", "--auth=trust", "-E", "UTF8")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200",
            "-w",
            "start",
        )

    def create_database(self) -> str:
        """A fresh empty database; returns its SQLAlchemy URL."""
        self.databases += 1
        name = f"factdeck_{self.databases}"
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "factdeck", name)
        return f"postgresql://factdeck@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


_server: PostgresServer | None = None


def postgres_url() -> str:
    """A fresh database on this test run's PostgreSQL server, started on first use."""
    global _server
    if _server is None:
        bin_dir = find_postgres_bin()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL is not installed: the classroom tests run on it too; install the"
                " Debian package `postgresql` (.ci/run does)"
            )
        server = PostgresServer(bin_dir)
        server.start()
        atexit.register(server.stop)
        _server = server
    return _server.create_database()


def database_url(backend: str, tmp_path: Path) -> str:
    """A new empty database of the given backend, for the tests parametrized over both."""
    if backend == "postgresql":
        return postgres_url()
    return f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"


BACKENDS = ["sqlite", "postgresql"]


@contextlib.contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another process holds the SQLite database's write lock for the duration."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def at_classroom_revision(url: str, revision: str) -> None:
    """Create the classroom tables as an older Factdeck left them, to test an upgrade."""
    from alembic import command
    from alembic.config import Config

    from classroom.database import MIGRATIONS
    from study.database import connect, writing

    engine = connect(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
