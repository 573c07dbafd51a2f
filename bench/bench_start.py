"""Cold, restart and warm start of the app in Chromium: server start to the first Study card.

Run by hand: `.venv/bin/python bench/bench_start.py [--runs 3]`.

Each run starts the app as `factdeck serve` does (`streamlit run app.py` through `warm_start`,
which imports the app's modules before the server opens its port) on a free loopback port with
a new progress database holding one learner and an empty bank cache folder
($FACTDECK_CACHE_DIR), and times three starts, each until the Study page's first card shows its
"Show answer" button:

- **cold**: from starting the server, its cache empty (the bank is built and stored);
- **restart**: from starting the server again on the same cache and database, as after a
  deploy or a crash (the bank is read from the cache);
- **warm**: a new browser page on the server that is already running (the bank is in memory).

The browser is started before the clock. Each start is also given from opening the page (after
the server answers its health check), which is what a warm start is: the issue's acceptance
compares the first card after a restart with a warm one, at most 0.5 s later.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, expect, sync_playwright

from cli import APP_SETTINGS
from serving import stop_processes, streamlit_command
from study.settings import StudySettings
from study.store import Store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_S = 180


@dataclass(frozen=True)
class Start:
    """Seconds from starting the server to its answering the health check (0 for a page on a
    running server) and to the first card."""

    healthy: float
    card: float

    @property
    def from_page(self) -> float:
        """Seconds from opening the page to the first card."""
        return self.card - self.healthy


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """The app as `factdeck serve` starts it (through `warm_start`, with the app's settings)."""
    settings = {**APP_SETTINGS, "server.fileWatcherType": "none"}
    command = streamlit_command(ROOT / "app.py", port, "127.0.0.1", settings)
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_healthy(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"streamlit did not answer within {TIMEOUT_S} s")


def _first_card(browser: Browser, url: str) -> None:
    """Open the Study page in a new browser context and wait for its first card."""
    context = browser.new_context(locale="en-GB", timezone_id="UTC")
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_role("button", name="Show answer")).to_be_visible(
            timeout=TIMEOUT_S * 1000
        )
    finally:
        context.close()


def _server_start(
    browser: Browser, port: int, env: dict[str, str], url: str, log: Path
) -> tuple[Start, subprocess.Popen[bytes]]:
    """Start the server, open the first card: the times, and the server left running."""
    start = time.perf_counter()
    server = _start_server(port, env, log)
    _wait_healthy(server, port)
    healthy = time.perf_counter() - start
    _first_card(browser, url)
    return Start(healthy, time.perf_counter() - start), server


def one_run(browser: Browser, scratch: Path) -> dict[str, Start]:
    """Cold, restart and warm start on a new database and an empty cache folder."""
    database_url = f"sqlite:///{scratch / 'progress.sqlite3'}"
    store = Store.open(database_url)
    try:
        learner = store.create_learner("Eve", datetime.now(UTC), StudySettings())
    finally:
        store.close()
    cache = scratch / "cache"
    cache.mkdir()
    env = {"FACTDECK_DATABASE_URL": database_url, "FACTDECK_CACHE_DIR": str(cache)}
    port = _free_port()
    url = f"http://127.0.0.1:{port}/study?learner={learner.id}"
    log = scratch / "server.log"
    cold, server = _server_start(browser, port, env, url, log)
    stop_processes([server])
    if not any(cache.rglob("*.bank")):
        raise SystemExit("the cold start stored no bank in the cache folder")
    restart, server = _server_start(browser, port, env, url, log)
    try:
        start = time.perf_counter()
        _first_card(browser, url)
        warm = Start(0.0, time.perf_counter() - start)
    finally:
        stop_processes([server])
    return {"cold": cold, "restart": restart, "warm": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium is missing: {CHROMIUM} not found")
    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            for n in range(args.runs):
                with tempfile.TemporaryDirectory(prefix="factdeck-start-") as scratch:
                    runs.append(one_run(browser, Path(scratch)))
                times = ", ".join(f"{k} {v.card:.2f} s" for k, v in runs[-1].items())
                times += f" (restart from opening the page {runs[-1]['restart'].from_page:.2f} s)"
                print(f"run {n + 1}: {times}", flush=True)
        finally:
            browser.close()
    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print("\n| start | server answers | first card from server start | from opening the page |")
    print("|---|---|---|---|")
    for kind in ("cold", "restart", "warm"):
        healthy, card, page = (
            statistics.median(getattr(run[kind], key) for run in runs)
            for key in ("healthy", "card", "from_page")
        )
        answers, whole = (f"{healthy:.2f} s", f"{card:.2f} s") if healthy else ("—", "—")
        print(f"| {kind} | {answers} | {whole} | {page:.2f} s |")
    restart, warm = (
        statistics.median(run[k].from_page for run in runs) for k in ("restart", "warm")
    )
    print(f"\nrestart − warm, from opening the page: {restart - warm:.2f} s (acceptance: 0.5 s)")


if __name__ == "__main__":
    main()
