"""Serving the app as one Streamlit process or several, behind a proxy, on one database.

One Streamlit process uses one core, so a school server runs several on consecutive ports and a
proxy (deploy/) shares the browsers between them. They can only share one database that several
processes may write at once, PostgreSQL: SQLite serialises its writers through one file lock, and
two processes each waiting on it would turn a busy quiz into timeouts. The database is brought to
the newest schema once, here, before any process starts, so a database that cannot be opened is
reported on the command line instead of on every page; the processes' own upgrade is then a check
(and were several to run it at once, an advisory lock on PostgreSQL lets one migrate at a time).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from sqlalchemy.engine import make_url

from classroom.database import migrate as migrate_classroom
from decks.errors import FactdeckError
from study.database import connect
from study.database import migrate as migrate_study

SETTLING = 10.0
"""Seconds a process must have run before its end counts as a crash to recover from by starting
it again; one that ends sooner failed to start (a port taken, a broken install), and starting it
again would only fail again, so the whole run stops and says so."""
RESTART_PAUSE = 1.0
"""Seconds between a crashed process and its replacement, so a crash loop cannot spin a core."""
STOP_WAIT = 15.0
"""Seconds the processes get to end after SIGTERM before they are killed."""


class SharedDatabaseRequired(FactdeckError):
    """Several processes were asked for on a database only one process should write."""


@dataclass(frozen=True)
class Worker:
    """One Streamlit process of the run, and when it was last started (monotonic seconds)."""

    port: int
    process: subprocess.Popen[bytes]
    started: float


def check_shareable(url: str, workers: int) -> None:
    """Refuse more than one process on a SQLite database (see the module's docstring)."""
    if workers < 1:
        raise SharedDatabaseRequired(f"--workers must be 1 or more, not {workers}")
    if workers > 1 and make_url(url).get_backend_name() == "sqlite":
        raise SharedDatabaseRequired(
            f"{workers} processes need a database they can all write at once: SQLite takes one"
            " writer at a time. Create a PostgreSQL database and set FACTDECK_DATABASE_URL to it"
            " (postgresql://user:password@host/dbname), or serve with one process"
        )


def prepare_database(url: str) -> None:
    """Create or upgrade the study and classroom tables, once, before any process starts."""
    engine = connect(url)
    try:
        migrate_study(engine)
        migrate_classroom(engine)
    finally:
        engine.dispose()


def ports(first: int, workers: int) -> list[int]:
    """The ports of the processes: consecutive from `first`, as deploy/'s upstream lists them."""
    return [first + offset for offset in range(workers)]


def crashed_after_settling(started: float, ended: float) -> bool:
    """Whether a process that ended at `ended` had run long enough to be started again."""
    return ended - started >= SETTLING


def serve(
    command: Callable[[int], list[str]],
    port_numbers: Sequence[int],
    env: Mapping[str, str] | None = None,
    now: Callable[[], float] = time.monotonic,
) -> int:
    """Run `command(port)` for every port until SIGINT or SIGTERM, then stop them all; returns
    0, or the exit code of a process that failed to start.

    A process that crashes after settling is started again on its port (the proxy sends its
    browsers elsewhere meanwhile, and their pages recover from the database); each process gets
    its own session, so a Ctrl-C reaches them only through this function, which stops them in
    order and waits for them.
    """

    def start(port: int) -> Worker:
        process = subprocess.Popen(command(port), env=env, start_new_session=True)
        return Worker(port, process, now())

    previous = signal.signal(signal.SIGTERM, _interrupt)
    workers: list[Worker] = []
    try:
        for port in port_numbers:
            workers.append(start(port))
        while True:
            time.sleep(0.5)
            for index, worker in enumerate(workers):
                code = worker.process.poll()
                if code is None:
                    continue
                if not crashed_after_settling(worker.started, now()):
                    print(
                        f"factdeck serve: the process on port {worker.port} ended with {code}"
                        " as it started; stopping the others",
                        file=sys.stderr,
                    )
                    return code or 1
                print(
                    f"factdeck serve: the process on port {worker.port} ended with {code};"
                    " starting it again",
                    file=sys.stderr,
                )
                time.sleep(RESTART_PAUSE)
                workers[index] = start(worker.port)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        _stop(workers)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    """SIGTERM (systemd's stop) ends the run as Ctrl-C does."""
    raise KeyboardInterrupt


def _stop(workers: Sequence[Worker]) -> None:
    stop_processes([w.process for w in workers])


def stop_processes(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    """End each process's group with SIGTERM, and with SIGKILL after STOP_WAIT seconds: how the
    server stops its app processes, and how the tests and benchmarks stop theirs."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        _signal_group(process, signal.SIGTERM)
    ends = time.monotonic() + STOP_WAIT
    for process in running:
        try:
            process.wait(max(0.0, ends - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def streamlit_command(
    app: Path, port: int, address: str | None, settings: Mapping[str, str]
) -> list[str]:
    """The `streamlit run` of the app on `port` (and `address`, when given), with its settings,
    started through `warm_start` so that the first page after a restart finds the app's
    modules imported."""
    command = [sys.executable, "-m", "warm_start", "run", str(app), "--server.port", str(port)]
    if address:
        command += ["--server.address", address]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    for name, value in settings.items():
        command += [f"--{name}", value]
    return command
