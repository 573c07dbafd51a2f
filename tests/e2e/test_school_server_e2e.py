"""End to end through the school server's proxy: Debian's nginx with deploy/'s site config in
front of three app processes on one PostgreSQL database. Four students take a quiz in Chromium;
the process serving most of them is killed with SIGKILL mid-quiz; their pages reconnect through
the proxy to another process, recover the attempt from the address, and every student hands in
with every answer the page confirmed in the database."""

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import chromium, set_quiz, settled
from classroom_support import postgres_url, wait_until
from conftest import PROJECT_ROOT
from playwright.sync_api import Page, WebSocketRoute, expect, sync_playwright
from sqlalchemy import create_engine, select
from streamlit_server import free_port, start_server, stop_server

from classroom.schema import attempts, responses
from questions.model import Kind
from serving import prepare_database

SITE = PROJECT_ROOT / "deploy" / "factdeck.nginx"
NGINX = Path("/usr/sbin/nginx")
PROCESSES = 3
STUDENTS = ("Ann", "Boris", "Vera", "Gleb")
QUESTIONS = 4
TITLE = "Through the proxy"
ROUTE_LOG = "$cookie_factdeck_route $upstream_addr $uri"


def site_config(ports: list[int], listen: int) -> str:
    """deploy/'s site as shipped, on these processes and this loopback port."""
    site = SITE.read_text()
    shipped = re.findall(r"^    server 127\.0\.0\.1:\d+ (.*);$", site, flags=re.MULTILINE)
    assert len(shipped) == PROCESSES, "the shipped upstream lists three processes"
    servers = "".join(f"    server 127.0.0.1:{port} {shipped[0]};\n" for port in ports)
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:\d+ .*;\n", "", site, count=PROCESSES - 1)
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:\d+ .*;\n", servers, site)
    site = re.sub(r"(?m)^    listen \[::\]:80;\n", "", site)
    return re.sub(r"(?m)^    listen 80;$", f"    listen 127.0.0.1:{listen};", site)


def nginx_config(root: Path, site: Path) -> str:
    """A whole nginx configuration kept under `root`, run in the foreground as this user."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # its workers must reach `root`
    temp = "".join(
        f"    {name}_temp_path {root / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {root / 'nginx.pid'};\n"
        f"error_log {root / 'error.log'} info;\nevents {{ worker_connections 512; }}\n"
        f"http {{\n    log_format route '{ROUTE_LOG}';\n"
        f"    access_log {root / 'access.log'} route;\n{temp}    include {site};\n}}\n"
    )


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=3) as answer:
            return answer.read() == b"ok"
    except OSError:
        return False


@pytest.fixture
def school(tmp_path) -> Iterator[tuple[str, str, dict[int, subprocess.Popen]]]:
    """The proxy's address, the database URL, and the app processes by port."""
    if not NGINX.exists():
        pytest.fail(f"nginx is missing: {NGINX} not found (apt-get install nginx).")
    url = postgres_url()
    prepare_database(url)
    root = tmp_path / "nginx"
    root.mkdir()
    processes: dict[int, subprocess.Popen] = {}
    proxy = None
    try:
        for number in range(PROCESSES):
            port = free_port()
            log = tmp_path / f"app-{number}.log"
            processes[port] = start_server(port, {"FACTDECK_DATABASE_URL": url}, log)
        listen = free_port()
        site = root / "factdeck.conf"
        site.write_text(site_config(list(processes), listen))
        (root / "nginx.conf").write_text(nginx_config(root, site))
        proxy = subprocess.Popen(
            [str(NGINX), "-p", str(root), "-c", str(root / "nginx.conf"), "-e", "stderr"],
            stdout=(root / "nginx.out").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{listen}"
        if not wait_until(lambda: proxy.poll() is None and healthy(base), 60, step=0.3):
            pytest.fail(f"nginx did not answer:\n{(root / 'nginx.out').read_text()}")
        yield base, url, processes
    finally:
        if proxy is not None and proxy.poll() is None:
            proxy.send_signal(signal.SIGQUIT)
            try:
                proxy.wait(15)
            except subprocess.TimeoutExpired:
                proxy.kill()
                proxy.wait()
        for process in processes.values():
            if process.poll() is None:
                stop_server(process)
        shutil.rmtree(root / "client_body", ignore_errors=True)


def join(page: Page, base: str, code: str, name: str) -> None:
    page.goto(f"{base}/quiz?join={code}")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    settled(page)


def answer(page: Page, position: int, unconfirmed: list[int] | None = None) -> None:
    """Choose the first option of question `position` and wait for the page to say it is
    saved: from then on, the answer is a confirmed one.

    With `unconfirmed`, a student whose page does not confirm within 20 s reloads it (the address
    keeps the attempt) and answers again, and the position is noted: a click made while the page
    reconnects to another process can reach that process before the question does, and Streamlit
    drops it there, leaving the option chosen in the browser and unsaved, without the caption.
    """
    question = page.locator(f".st-key-question-{position}")
    saved = question.get_by_text(re.compile(r"^✓ Saved at "))
    question.locator("label").filter(has=page.get_by_role("radio")).first.click()
    if unconfirmed is None:
        expect(saved).to_be_visible(timeout=60_000)
        return
    try:
        expect(saved).to_be_visible(timeout=20_000)
    except AssertionError:
        unconfirmed.append(position)
        page.reload()
        expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
        settled(page)
        answer(page, position)


def hand_in(page: Page) -> None:
    page.get_by_role("button", name="Hand in").click()
    page.get_by_role("button", name="Yes, hand in").click()
    expect(page.get_by_text(re.compile(r"^Handed in at"))).to_be_visible(timeout=60_000)


def busiest_process(access_log: Path, cookies: set[str]) -> int:
    """The port the proxy sent most of these students' requests to (their route cookies)."""
    routes: dict[str, str] = {}
    for line in access_log.read_text().splitlines():
        route, upstream, _uri = line.split(" ", 2)
        if route in cookies and upstream.startswith("127.0.0.1:"):
            routes[route] = upstream
    (upstream, _count), *_ = Counter(routes.values()).most_common(1)
    return int(upstream.rsplit(":", 1)[1])


def test_students_lose_no_answer_when_a_process_behind_the_proxy_is_killed(school, tmp_path):
    base, url, processes = school
    code = set_quiz(url, TITLE, count=QUESTIONS, kinds=(Kind.MULTIPLE_CHOICE,))
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        contexts = [browser.new_context(locale="en-GB") for _ in STUDENTS]
        pages = [context.new_page() for context in contexts]
        for page in pages:
            page.set_default_timeout(60_000)
        for page, name in zip(pages, STUDENTS, strict=True):
            join(page, base, code, name)
        half = QUESTIONS // 2
        for position in range(half):
            for page in pages:
                answer(page, position)

        cookies = {
            cookie["value"]
            for context in contexts
            for cookie in context.cookies()
            if cookie["name"] == "factdeck_route"
        }
        assert len(cookies) == len(STUDENTS)  # each browser its own route
        victim = busiest_process(tmp_path / "nginx" / "access.log", cookies)
        processes[victim].send_signal(signal.SIGKILL)
        processes[victim].wait(30)
        killed_at = time.monotonic()

        unconfirmed: list[int] = []
        for position in range(half, QUESTIONS):
            for page in pages:
                answer(page, position, unconfirmed)
        assert len(unconfirmed) < len(STUDENTS)  # a click at the wrong moment, not the rule
        for page in pages:
            # The attempt the page recovered is the one begun before: all its answers show.
            expect(page.get_by_text(re.compile(r"^✓ Saved at "))).to_have_count(QUESTIONS)
            assert "attempt=" in page.url
            hand_in(page)
        browser.close()
    assert time.monotonic() - killed_at < 600

    engine = create_engine(url)
    with engine.connect() as connection:
        handed_in = connection.execute(
            select(attempts.c.student, attempts.c.finish_reason, attempts.c.id)
        ).all()
        saved = Counter(
            row.attempt_id for row in connection.execute(select(responses.c.attempt_id)).all()
        )
    engine.dispose()
    assert sorted(row.student for row in handed_in) == sorted(STUDENTS)
    assert {row.finish_reason for row in handed_in} == {"submitted"}
    assert {row.student: saved[row.id] for row in handed_in} == dict.fromkeys(STUDENTS, QUESTIONS)


def test_an_answer_sent_as_its_process_dies_is_saved_where_the_page_reconnects(school, tmp_path):
    """The click's message is lost with its process (held back here, then the process killed):
    the browser still shows the chosen option, and reconnects to another process with it; that
    process, which never saw the change, saves it, and only then does the page say 'Saved'."""
    base, url, processes = school
    code = set_quiz(url, TITLE, count=2, kinds=(Kind.MULTIPLE_CHOICE,))
    held = {"armed": False}
    connections = []

    def forward(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        first = not connections
        connections.append(socket)

        def to_server(message: str | bytes) -> None:
            if not (first and held["armed"]):
                server.send(message)

        socket.on_message(to_server)

    with sync_playwright() as playwright:
        browser = chromium(playwright)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.route_web_socket(re.compile(r"/_stcore/stream"), forward)
        join(page, base, code, "Ann")
        answer(page, 0)
        cookies = {c["value"] for c in context.cookies() if c["name"] == "factdeck_route"}
        serving = busiest_process(tmp_path / "nginx" / "access.log", cookies)

        held["armed"] = True
        question = page.locator(".st-key-question-1")
        question.locator("label").filter(has=page.get_by_role("radio")).nth(1).click()
        page.wait_for_timeout(1_000)  # the click's rerun is sent, and held back
        processes[serving].send_signal(signal.SIGKILL)
        processes[serving].wait(30)

        expect(question.get_by_text(re.compile(r"^✓ Saved at "))).to_be_visible(timeout=90_000)
        expect(question.get_by_role("radio").nth(1)).to_be_checked()
        assert len(connections) >= 2  # the page did reconnect
        browser.close()

    engine = create_engine(url)
    with engine.connect() as connection:
        stored = connection.execute(select(responses.c.position)).scalars().all()
    engine.dispose()
    assert sorted(stored) == [0, 1]
