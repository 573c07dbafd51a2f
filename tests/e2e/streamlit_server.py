"""Starting and stopping a real `streamlit run app.py` on loopback for the end-to-end tests."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT
from playwright.sync_api import expect

from serving import stop_processes

# Every browser test waits as long for an assertion as for an action: `expect` gives up after
# 5 s by default, and the app's first page takes longer than that on a busy machine.
expect.set_options(timeout=30_000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Serve the app with `env` added to this environment; fail the test if it never answers."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PROJECT_ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    pytest.fail(f"streamlit did not answer on port {port} within 60 s:\n{log.read_text()}")


def stop_server(server: subprocess.Popen) -> None:
    stop_processes([server])


@contextmanager
def fresh_app(tmp_path: Path, env: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The app on a fresh SQLite database under `tmp_path`: its address and database URL."""
    database_url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    port = free_port()
    server = start_server(
        port, {"FACTDECK_DATABASE_URL": database_url, **env}, tmp_path / "server.log"
    )
    try:
        yield f"http://127.0.0.1:{port}", database_url
    finally:
        stop_server(server)
