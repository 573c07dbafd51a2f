"""A class taking a quiz through the school server's proxy, one app process killed midway.

The school server of README's *Run a school server*: nginx with deploy/factdeck.nginx in front of
N `streamlit run app.py` processes on one PostgreSQL database. The students are the websocket
clients of bench_classroom.py (Streamlit's own protocol, as a browser speaks it), each with the
route cookie nginx would have given its browser, so nginx spreads them over the processes and
keeps each on one. Midway, one process is killed with SIGKILL and started again after
`--restart-after` seconds, as the systemd unit does. A student whose connection drops reconnects
through the proxy (retrying as a browser does until something answers) and reloads the page at
its address, which holds the resume code; an answer sent just before the drop and never
confirmed is given again, and its time to "Saved" is counted from the first sending.

Measured: answers per second, submit -> "Saved" (p50/p95/p99/max), reconnections, and lost
confirmed answers, looked up in the database afterwards.

Run by hand: `.venv/bin/python bench/bench_school.py [--processes 3] [--students 300]`.
Needs nginx and PostgreSQL (Debian's packages); bounded: at most 400 students, loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import websockets
from bench_classroom import (
    Student,
    describe,
    free_port,
    lost_answers,
    percentile,
    saved_in,
    set_quiz,
    start_server,
)
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from classroom_support import postgres_url  # noqa: E402

from accounts.records import Role  # noqa: E402
from accounts.service import Accounts  # noqa: E402
from study.database import connect  # noqa: E402
from study.schema import learners as learners_table  # noqa: E402
from study.schema import reviews  # noqa: E402

SITE = ROOT / "deploy" / "factdeck.nginx"
NGINX = Path("/usr/sbin/nginx")
MAX_STUDENTS = 400
MAX_LEARNERS = 200
RECONNECT_LIMIT = 180.0
"""Seconds a student keeps trying to reconnect before the run counts it as failed."""


def site_config(ports: list[int], listen: int) -> str:
    """deploy/'s site as shipped, on these processes and this loopback port."""
    site = SITE.read_text()
    (options,) = set(re.findall(r"(?m)^    server 127\.0\.0\.1:\d+ (.*);$", site))
    servers = "".join(f"    server 127.0.0.1:{port} {options};\n" for port in ports)
    site = re.sub(r"(?m)^    server 127\.0\.0\.1:\d+ .*;\n", "", site)
    site = site.replace("upstream factdeck {\n", "upstream factdeck {\n" + servers)
    site = re.sub(r"(?m)^    listen \[::\]:80;\n", "", site)
    return re.sub(r"(?m)^    listen 80;$", f"    listen 127.0.0.1:{listen};", site)


def start_nginx(root: Path, ports: list[int]) -> tuple[subprocess.Popen, int]:
    listen = free_port()
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / name).mkdir()
    (root / "site.conf").write_text(site_config(ports, listen))
    temp = "".join(
        f"    {name}_temp_path {root / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (root / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {root / 'nginx.pid'};\n"
        f"error_log {root / 'error.log'};\n"
        "events { worker_connections 4096; }\n"
        f"http {{\n    access_log off;\n{temp}    include {root / 'site.conf'};\n}}\n"
    )
    proxy = subprocess.Popen(
        [str(NGINX), "-p", str(root), "-c", str(root / "nginx.conf"), "-e", "stderr"],
        stdout=(root / "nginx.out").open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    ends = time.monotonic() + 30
    while time.monotonic() < ends:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{listen}/_stcore/health", timeout=2):
                return proxy, listen
        except OSError:
            time.sleep(0.3)
    proxy.kill()
    raise RuntimeError(f"nginx did not start:\n{(root / 'nginx.out').read_text()}")


class Tab:
    """A student's browser tab behind the proxy: a `Student` whose socket may be replaced."""

    def __init__(self, base: str, name: str, number: int, page: str = "quiz") -> None:
        self.base = base
        self.name = name
        self.page = page
        self.address = f"127.0.{1 + number // 200}.{2 + number % 200}"
        """The loopback address the tab connects from: a device of its own, as nginx and the
        per-address join limit see it (120 joins a minute from one address)."""
        self.cookie = f"factdeck_route={secrets.token_hex(16)}"
        self.account_cookie = ""
        """The sign-in cookie the page set in this tab, sent again when it reconnects."""
        self.student: Student | None = None
        self.reconnections = 0
        self.last_run: list = []
        """The messages of the page's run after the latest reload."""

    async def connect(self) -> Student:
        ws = await websockets.connect(
            f"{self.base}/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={
                "Cookie": "; ".join(filter(None, (self.cookie, self.account_cookie)))
            },
            max_size=None,
            ping_interval=None,
            open_timeout=30,
            local_addr=(self.address, 0),
        )
        if self.student is None:
            self.student = Student(self.name, ws, page_name=self.page)
        else:
            for timer in self.student.timers:
                timer.cancel()
            self.student.timers = []
            self.student.ws = ws
        return self.student

    async def reload(self) -> Student:
        """Reconnect through the proxy until a process answers, and run the page again at its
        address (the resume code in its query), as a reload of the tab does."""
        self.reconnections += 1
        ends = time.monotonic() + RECONNECT_LIMIT
        while True:
            try:
                student = await self.connect()
                student.widgets = {}
                student.states = {}
                self.last_run = await student.rerun()
                return student
            except (OSError, websockets.ConnectionClosed, websockets.InvalidStatus, TimeoutError):
                if time.monotonic() > ends:
                    raise
                await asyncio.sleep(0.5)

    def close(self) -> None:
        if self.student is not None:
            for timer in self.student.timers:
                timer.cancel()


LEARNER_PASSWORD = "bench-learner-password"
ACCOUNT_COOKIE = re.compile(r"factdeck_account=([0-9A-Za-z._-]+)")


@dataclass
class Studying:
    """What one learner on the Study page measured: click -> the page's answer, and ratings."""

    name: str
    latencies: list[float] = field(default_factory=list)
    confirmed: int = 0
    """Ratings the page answered with the next card (each committed before it is shown)."""
    unconfirmed: int = 0
    """Ratings sent when the connection dropped: stored or not, nobody was told either way."""


def create_learners(url: str, count: int) -> list[str]:
    accounts = Accounts.open(url)
    try:
        names = [f"Learner {n:03d}" for n in range(count)]
        for name in names:
            accounts.add(name, LEARNER_PASSWORD, Role.LEARNER, datetime.now(UTC))
    finally:
        accounts.close()
    return names


def note_account_cookie(tab: Tab, messages: list) -> None:
    """Keep the sign-in cookie the page writes with a script, as the browser would store it."""
    for _, msg in messages:
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue
        element = msg.delta.new_element
        if element.WhichOneof("type") == "html":
            found = ACCOUNT_COOKIE.search(element.html.body)
            if found:
                tab.account_cookie = f"factdeck_account={found.group(1)}"


def refused(messages: list) -> list[str]:
    """The page's error boxes in a run, which a confirmed click must not have."""
    shown = []
    for _, msg in messages:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "alert" and element.alert.format == 1:  # ERROR
                shown.append(element.alert.body)
    return shown


async def study(tab: Tab, think: float, rng: random.Random, until: asyncio.Event) -> Studying:
    """Sign in on the Study page, then show and rate cards (Good) until the class is done; a
    dropped connection reconnects through the proxy with the sign-in cookie, as a tab does."""
    done = Studying(tab.name)
    student = await tab.connect()
    try:
        await student.rerun()
        student.states = {
            student.widget("Name").id: ("string_value", tab.name),
            student.widget("Password").id: ("string_value", LEARNER_PASSWORD),
            student.widget("Sign in").id: ("trigger_value", True),
        }
        student.widgets = {}
        note_account_cookie(tab, await student.rerun())
        if not tab.account_cookie:
            raise RuntimeError(f"{tab.name} was not signed in")
        while not until.is_set():
            for label in ("Show answer", "Good"):
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
                button = student.widget(label)
                student.states = {button.id: ("trigger_value", True)}
                sent = time.perf_counter()
                try:
                    messages = await student.rerun(button.fragment)
                except (websockets.ConnectionClosed, TimeoutError):
                    done.unconfirmed += label == "Good"
                    student = await tab.reload()
                    break  # the reloaded page shows a card's front
                errors = refused(messages)
                if errors:
                    raise RuntimeError(f"{tab.name}: {label} refused: {errors}")
                done.latencies.append(messages[-1][0] - sent)
                done.confirmed += label == "Good"
    finally:
        tab.close()
        await student.ws.close()
    return done


def lost_reviews(url: str, learners: list[Studying]) -> tuple[int, int]:
    """(confirmed ratings missing from the database, ratings stored), learner by learner."""
    engine = connect(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(learners_table.c.name, func.count(reviews.c.id))
                .join(reviews, reviews.c.learner_id == learners_table.c.id)
                .group_by(learners_table.c.name)
            ).all()
    finally:
        engine.dispose()
    stored = dict(rows)
    return sum(max(0, done.confirmed - stored.get(done.name, 0)) for done in learners), sum(
        stored.values()
    )


async def take_quiz(tab: Tab, join_code: str, questions: int, think: float, rng: random.Random):
    student = await tab.connect()
    try:
        await student.rerun()
        student.states = {
            student.widget("Join code").id: ("string_value", join_code),
            student.widget("Your name").id: ("string_value", tab.name),
            student.widget("Next").id: ("trigger_value", True),
        }
        await student.rerun()
        student.states = {student.widget("Start the quiz").id: ("trigger_value", True)}
        student.widgets = {}
        await student.rerun()
        student.states = {}
        for position in range(questions):
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
            chosen: int | None = None
            sent = time.perf_counter()
            while True:
                radios = [w for w in student.widgets.values() if w.kind == "radio"]
                if len(radios) != questions:
                    raise RuntimeError(f"{tab.name} sees {len(radios)} questions, not {questions}")
                radio = radios[position]
                if chosen is None:
                    chosen = rng.randrange(len(radio.options))
                student.states[radio.id] = ("string_value", radio.options[chosen])
                try:
                    messages = await student.rerun(radio.fragment)
                except (websockets.ConnectionClosed, TimeoutError):
                    student = await tab.reload()
                    arrived = saved_in(tab.last_run, radio_of(student, position).fragment)
                    if arrived is not None:  # committed before the process died; shown now
                        break
                    continue
                arrived = saved_in(messages, radio.fragment)
                if arrived is None:
                    shown = [describe(msg) for _, msg in messages]
                    raise RuntimeError(f"{tab.name}: question {position + 1} not saved: {shown}")
                break
            student.latencies.append(arrived - sent)
            student.confirmed[position] = chosen
    finally:
        tab.close()
        await student.ws.close()
    return student


def radio_of(student: Student, position: int):
    return [w for w in student.widgets.values() if w.kind == "radio"][position]


async def run_class(
    base: str,
    join_code: str,
    count: int,
    learner_names: list[str],
    questions: int,
    think: float,
    ramp: float,
    kill_at: float,
    kill: Callable[[], None],
) -> tuple[list[Student], list[Studying], list[str], list[Tab], float]:
    rng = random.Random(20251124)
    tabs = [Tab(base, f"Student {n:03d}", n) for n in range(count)]
    desks = [
        Tab(base, name, MAX_STUDENTS + n, page="study") for n, name in enumerate(learner_names)
    ]
    class_done = asyncio.Event()

    async def one(n: int) -> Student:
        await asyncio.sleep(ramp * n / count)
        return await take_quiz(tabs[n], join_code, questions, think, random.Random(rng.random()))

    async def learner(n: int) -> Studying:
        await asyncio.sleep(ramp * n / max(1, len(desks)))
        return await study(desks[n], think, random.Random(rng.random()), class_done)

    async def killer() -> None:
        await asyncio.sleep(kill_at)
        await asyncio.to_thread(kill)

    started = time.perf_counter()
    killing = asyncio.create_task(killer())
    studying = asyncio.gather(*(learner(n) for n in range(len(desks))), return_exceptions=True)
    outcomes = await asyncio.gather(*(one(n) for n in range(count)), return_exceptions=True)
    elapsed = time.perf_counter() - started
    class_done.set()
    studied = await studying
    await killing
    students = [o for o in outcomes if isinstance(o, Student)]
    learners = [o for o in studied if isinstance(o, Studying)]
    errors = [repr(o) for o in [*outcomes, *studied] if isinstance(o, BaseException)]
    return students, learners, errors, tabs + desks, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument(
        "--learners", type=int, default=100, help="signed-in learners on the Study page meanwhile"
    )
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between answers")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which they join")
    parser.add_argument(
        "--restart-after", type=float, default=2.0, help="seconds before the killed one restarts"
    )
    parser.add_argument("--no-kill", action="store_true", help="kill no process")
    parser.add_argument(
        "--no-time-limit",
        action="store_true",
        help="a quiz without a time limit, whose page has no countdown rerunning every second",
    )
    parser.add_argument("--limit", type=float, default=1200.0, help="seconds for the whole run")
    args = parser.parse_args()
    if not 1 <= args.students <= MAX_STUDENTS:
        parser.error(f"--students runs from 1 to {MAX_STUDENTS}")
    if not 0 <= args.learners <= MAX_LEARNERS:
        parser.error(f"--learners runs from 0 to {MAX_LEARNERS}")
    if not NGINX.exists():
        parser.error("nginx is missing: apt-get install nginx")

    url = postgres_url()
    with tempfile.TemporaryDirectory(prefix="factdeck-bench-") as tmp:
        root = Path(tmp)
        join_code, quiz_id = set_quiz(
            url, args.questions, None if args.no_time_limit else timedelta(hours=2)
        )
        learner_names = create_learners(url, args.learners)
        env = {
            "FACTDECK_DATABASE_URL": url,
            "FACTDECK_MODE": "server",
            "FACTDECK_TEACHER_PASSWORD": "bench",
        }
        servers = {}
        for number in range(args.processes):
            port = free_port()
            servers[port] = start_server(port, env, root / f"app-{number}.log")
        (root / "nginx").mkdir()
        proxy, listen = start_nginx(root / "nginx", list(servers))
        victim = list(servers)[len(servers) // 2]
        killed: list[float] = []

        def kill() -> None:
            if args.no_kill:
                return
            os.killpg(servers[victim].pid, signal.SIGKILL)
            servers[victim].wait()
            killed.append(time.perf_counter())
            time.sleep(args.restart_after)
            servers[victim] = start_server(victim, env, root / "app-restarted.log")

        kill_at = args.ramp + args.questions * args.think / 2
        try:
            students, learners, errors, tabs, elapsed = asyncio.run(
                asyncio.wait_for(
                    run_class(
                        f"ws://127.0.0.1:{listen}",
                        join_code,
                        args.students,
                        learner_names,
                        args.questions,
                        args.think,
                        args.ramp,
                        kill_at,
                        kill,
                    ),
                    timeout=args.limit,
                )
            )
        finally:
            proxy.send_signal(signal.SIGQUIT)
            proxy.wait(30)
            for server in servers.values():
                if server.poll() is None:
                    os.killpg(server.pid, signal.SIGTERM)
                    server.wait(30)
            shutil.rmtree(root / "nginx", ignore_errors=True)
        lost, stored = lost_answers(url, quiz_id, students)
        lost_ratings, ratings_stored = lost_reviews(url, learners)

    latencies = [t for s in students for t in s.latencies]
    answers = len(latencies)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"processes: {args.processes} behind nginx on PostgreSQL;"
        + (
            " none killed"
            if args.no_kill
            else f" one SIGKILLed at {kill_at:.0f} s, started again {args.restart_after:g} s later"
        )
    )
    print(
        f"students: {args.students} ({len(students)} finished, {len(errors)} failed),"
        f" {args.questions} questions each, think time {args.think} s (±50%),"
        f" joining over {args.ramp} s; reconnections {sum(t.reconnections for t in tabs)};"
        + (" no time limit" if args.no_time_limit else " a time limit, counted down every second")
    )
    print(f"answers confirmed: {answers} in {elapsed:.1f} s = {answers / elapsed:.1f} answers/s")
    if latencies:
        print(
            "submit -> 'Saved' (s): "
            f"p50 {statistics.median(latencies):.3f}  p95 {percentile(latencies, 0.95):.3f}"
            f"  p99 {percentile(latencies, 0.99):.3f}  max {max(latencies):.3f}"
        )
    print(f"answers in the database: {stored}; confirmed answers lost: {lost}")
    clicks = [t for done in learners for t in done.latencies]
    print(
        f"learners studying: {args.learners} ({len(learners)} finished), signed in, showing and"
        f" rating cards with the same think time until the class was done"
    )
    if clicks:
        print(
            f"study clicks (show or rate -> the page's answer): {len(clicks)}; (s) "
            f"p50 {statistics.median(clicks):.3f}  p95 {percentile(clicks, 0.95):.3f}"
            f"  p99 {percentile(clicks, 0.99):.3f}  max {max(clicks):.3f}"
        )
    confirmed = sum(done.confirmed for done in learners)
    unconfirmed = sum(done.unconfirmed for done in learners)
    print(
        f"ratings confirmed: {confirmed} (+{unconfirmed} cut off by the kill); in the database:"
        f" {ratings_stored}; confirmed ratings lost: {lost_ratings}"
    )
    for error in errors[:5]:
        print("error:", error)


if __name__ == "__main__":
    main()
