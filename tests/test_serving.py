"""`factdeck serve --workers N`: several processes only on PostgreSQL, the schema migrated once
however many processes start at the same time, and every process stopped with the command."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from classroom_support import free_port, postgres_url, wait_until
from conftest import PROJECT_ROOT
from sqlalchemy import create_engine, text

import cli
from serving import SharedDatabaseRequired, check_shareable, crashed_after_settling, serve
from study.location import DATABASE_URL_VARIABLE

UPGRADES = 6


def test_several_processes_on_sqlite_are_refused_naming_postgresql(tmp_path):
    with pytest.raises(SharedDatabaseRequired) as refused:
        check_shareable(f"sqlite:///{tmp_path / 'factdeck.sqlite3'}", 3)
    assert "PostgreSQL" in str(refused.value)
    assert DATABASE_URL_VARIABLE in str(refused.value)
    check_shareable(f"sqlite:///{tmp_path / 'factdeck.sqlite3'}", 1)
    check_shareable("postgresql://factdeck@127.0.0.1/factdeck", 3)
    with pytest.raises(SharedDatabaseRequired):
        check_shareable("postgresql://factdeck@127.0.0.1/factdeck", 0)


def test_the_command_line_refuses_workers_on_sqlite_with_the_message(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(DATABASE_URL_VARIABLE, f"sqlite:///{tmp_path / 'factdeck.sqlite3'}")
    assert cli.main(["serve", "--workers", "2"]) == 1
    message = capsys.readouterr().err
    assert message.startswith("factdeck serve: 2 processes need a database")
    assert "PostgreSQL" in message and DATABASE_URL_VARIABLE in message
    assert not (tmp_path / "factdeck.sqlite3").exists()


def test_a_process_is_started_again_only_once_it_had_settled():
    assert crashed_after_settling(100.0, 111.0)
    assert not crashed_after_settling(100.0, 101.0)


def upgrade_at_once(url: str, count: int) -> list[subprocess.CompletedProcess[str]]:
    """`count` processes, each opening the fresh database as the app's processes do at start."""
    script = "import sys, serving; serving.prepare_database(sys.argv[1])"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, url],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    return [
        subprocess.CompletedProcess(p.args, p.returncode, out, err)
        for p, (out, err) in zip(processes, outputs, strict=True)
    ]


def test_processes_upgrading_a_fresh_postgresql_database_at_once_all_succeed():
    url = postgres_url()
    results = upgrade_at_once(url, UPGRADES)
    assert [r.stderr for r in results if r.returncode] == []
    engine = create_engine(url)
    with engine.connect() as connection:
        study = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        classroom = connection.execute(
            text("SELECT version_num FROM classroom_alembic_version")
        ).all()
        tables = connection.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar_one()
    engine.dispose()
    assert len(study) == 1 and len(classroom) == 1
    # Once more on the migrated database: the second start finds nothing to do.
    assert all(r.returncode == 0 for r in upgrade_at_once(url, 2))
    engine = create_engine(url)
    with engine.connect() as connection:
        again = connection.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar_one()
    engine.dispose()
    assert again == tables


def consecutive_free_ports(count: int) -> int:
    """The first of `count` consecutive ports free now on loopback."""
    for _ in range(200):
        first = free_port()
        probes = []
        try:
            for port in range(first, first + count):
                probe = socket.socket()
                probes.append(probe)
                probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError(f"no {count} consecutive free ports")


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def test_serve_workers_starts_a_process_per_port_and_sigterm_stops_them_all(tmp_path):
    first = consecutive_free_ports(2)
    log = tmp_path / "serve.log"
    command = [sys.executable, str(PROJECT_ROOT / "cli.py"), "serve", "--workers", "2"]
    parent = subprocess.Popen(
        [*command, "--port", str(first), "--address", "127.0.0.1"],
        cwd=PROJECT_ROOT,
        env={**os.environ, DATABASE_URL_VARIABLE: postgres_url()},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        up = wait_until(lambda: healthy(first) and healthy(first + 1), timeout=120, step=0.5)
        assert up, log.read_text()
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(60) == 0
        assert not healthy(first) and not healthy(first + 1)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def run_until_terminated(after: float, *args, **kwargs) -> int:
    """`serve(...)` in this process, sent SIGTERM `after` seconds on, as systemd stops it."""
    timer = threading.Timer(after, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        return serve(*args, **kwargs)
    finally:
        timer.cancel()


def test_a_process_that_crashes_after_settling_is_started_again(tmp_path: Path):
    starts = tmp_path / "starts"
    script = f"open({str(starts)!r}, 'a').write('x'); import time; time.sleep(0.2)"
    clock = iter(range(0, 10**6, 60))  # every process seems to have run a minute

    code = run_until_terminated(
        6.0, lambda port: [sys.executable, "-c", script], [1], now=lambda: float(next(clock))
    )
    assert code == 0
    assert len(starts.read_text()) >= 2


def test_a_process_that_fails_as_it_starts_stops_the_run_with_its_code():
    started = time.monotonic()
    code = run_until_terminated(
        60.0, lambda port: [sys.executable, "-c", "raise SystemExit(3)"], [1, 2]
    )
    assert code == 3
    assert time.monotonic() - started < 30
