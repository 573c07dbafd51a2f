"""A class taking a quiz at once, against a real `streamlit run app.py` on loopback.

Each student is a client speaking Streamlit's own websocket protocol (the protobuf messages the
browser sends and receives), so a hundred of them fit on a small machine where a hundred
Chromium tabs would not. A student opens the quiz page, gives the join code and a name, starts,
then answers every question with a think time in between, as a browser would: the radio's new
value is sent as a rerun of that question's fragment, and the answer counts as confirmed when the
page's "✓ Saved at" caption for it arrives. Automatic fragment reruns, if the page asks for any,
are sent as a browser would send them.

Measured: answers per second, the time from sending an answer to its "Saved" confirmation
(p50/p95/p99/max), the server's CPU time per answer, its resident memory (peak and at the end),
and lost answers: every confirmed answer is looked up in the database afterwards and must be
there with its value.

Run by hand: `.venv/bin/python bench/bench_classroom.py [--students 100] [--questions 20]`.
Bounded: at most 200 students, loopback only, and a time limit on the whole run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import websockets
from sqlalchemy import select
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from classroom.codes import shown_code
from classroom.schema import attempt_items, attempts, responses
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec
from decks.loader import load_deck
from questions import build_bank

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "decks" / "far-east-1920-1925"
SAVED = "✓ Saved at"
MAX_STUDENTS = 200
RERUNNING = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
"""A run cut short by st.rerun(): the run that follows it is the one the page ends with."""


@dataclass
class Widget:
    id: str
    kind: str
    label: str
    options: list[str] = field(default_factory=list)
    fragment: str = ""


@dataclass
class Student:
    """One simulated browser tab: its socket, the widgets on its page, and what it measured."""

    name: str
    ws: websockets.ClientConnection
    page_name: str = "quiz"
    """The page the tab opened at (its address), until the server names it by its hash."""
    page_hash: str = ""
    query: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    states: dict[str, tuple[str, object]] = field(default_factory=dict)
    resume_code: str = ""
    latencies: list[float] = field(default_factory=list)
    confirmed: dict[int, int] = field(default_factory=dict)
    """Question position -> the option (its place in the list shown) the page said it saved."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    timers: list[asyncio.Task] = field(default_factory=list)

    async def rerun(self, fragment: str = "", auto: bool = False) -> list[tuple[float, ForwardMsg]]:
        """Send a rerun with the current widget states; return that run's messages, each with
        the moment it arrived."""
        async with self.lock:
            back = BackMsg()
            state = back.rerun_script
            state.query_string = self.query
            state.page_script_hash = self.page_hash
            if not self.page_hash:
                state.page_name = self.page_name
            state.fragment_id = fragment
            state.is_auto_rerun = auto
            for widget_id, (kind, value) in self.states.items():
                entry = state.widget_states.widgets.add()
                entry.id = widget_id
                setattr(entry, kind, value)
            await self.ws.send(back.SerializeToString())
            for widget_id, (kind, _) in list(self.states.items()):
                if kind == "trigger_value":  # a click is sent once, as the browser does
                    del self.states[widget_id]
            return await self.receive_run()

    async def receive_run(self) -> list[tuple[float, ForwardMsg]]:
        messages = []
        while True:
            data = await asyncio.wait_for(self.ws.recv(), timeout=120)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            messages.append((time.perf_counter(), msg))
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta":
                self.note_widget(msg)
            elif kind == "auto_rerun":
                self.start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
            elif kind == "script_finished" and msg.script_finished != RERUNNING:
                return messages

    def note_widget(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind in ("radio", "text_input", "button"):
            proto = getattr(element, kind)
            self.widgets[proto.label] = Widget(
                proto.id, kind, proto.label, list(getattr(proto, "options", [])), delta.fragment_id
            )

    def start_timer(self, fragment: str, interval: float) -> None:
        async def tick() -> None:
            while True:
                await asyncio.sleep(interval)
                try:
                    await self.rerun(fragment, auto=True)
                except websockets.ConnectionClosed:  # the page's own rerun reports it
                    return

        if fragment and not any(t.get_name() == fragment for t in self.timers):
            self.timers.append(asyncio.create_task(tick(), name=fragment))

    def widget(self, label_start: str) -> Widget:
        return next(w for label, w in self.widgets.items() if label.startswith(label_start))


def saved_in(messages: list[tuple[float, ForwardMsg]], fragment: str) -> float | None:
    """When the 'Saved' caption of this question's fragment arrived, if it did."""
    for received, msg in messages:
        if msg.WhichOneof("type") != "delta" or msg.delta.fragment_id != fragment:
            continue
        element = msg.delta.new_element
        if element.WhichOneof("type") == "markdown" and element.markdown.body.startswith(SAVED):
            return received
    return None


def describe(msg: ForwardMsg) -> str:
    """A message in a few words, for reporting a run that did not confirm its answer."""
    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        shown = element.WhichOneof("type")
        body = getattr(getattr(element, shown), "body", "") or getattr(
            getattr(element, shown), "message", ""
        )
        return f"{shown}:{body[:80]}"
    if kind == "script_finished":
        return f"script_finished:{msg.script_finished}"
    return kind


async def take_quiz(
    base: str, name: str, join_code: str, questions: int, think: float, rng: random.Random
) -> Student:
    async with websockets.connect(
        f"{base}/_stcore/stream", subprotocols=["streamlit"], max_size=None, ping_interval=None
    ) as ws:
        student = Student(name, ws)
        try:
            await student.rerun()
            student.states = {
                student.widget("Join code").id: ("string_value", join_code),
                student.widget("Your name").id: ("string_value", name),
                student.widget("Next").id: ("trigger_value", True),
            }
            await student.rerun()
            student.states = {student.widget("Start the quiz").id: ("trigger_value", True)}
            student.widgets = {}
            await student.rerun()
            student.states = {}
            radios = [w for w in student.widgets.values() if w.kind == "radio"]
            if len(radios) != questions:
                raise RuntimeError(f"{name} sees {len(radios)} questions, not {questions}")
            for position, radio in enumerate(radios):
                await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
                chosen = rng.randrange(len(radio.options))
                student.states[radio.id] = ("string_value", radio.options[chosen])
                sent = time.perf_counter()
                messages = await student.rerun(radio.fragment)
                arrived = saved_in(messages, radio.fragment)
                if arrived is None:
                    shown = [describe(msg) for _, msg in messages]
                    raise RuntimeError(f"{name}: question {position + 1} not confirmed: {shown}")
                student.latencies.append(arrived - sent)
                student.confirmed[position] = chosen
        finally:
            for timer in student.timers:
                timer.cancel()
        return student


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
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
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    ends = time.monotonic() + 60
    while time.monotonic() < ends:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGKILL)
    raise RuntimeError("streamlit did not start within 60 s")


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a process, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def set_quiz(
    url: str, questions: int, time_limit: timedelta | None = timedelta(hours=2)
) -> tuple[str, int]:
    """A multiple-choice quiz on the real deck; with a time limit, its page counts down."""
    deck = load_deck(DECK)
    spec = QuizSpec(
        title="Bench quiz",
        deck=deck.id,
        lang="en",
        count=questions,
        kinds=("multiple_choice",),
        time_limit=time_limit,
    )
    classroom = Classroom.open(url)
    try:
        quiz = classroom.create_quiz(spec, candidates(spec, build_bank(deck)), datetime.now(UTC))
    finally:
        classroom.close()
    return shown_code(quiz.join_code), quiz.id


def lost_answers(url: str, quiz_id: int, students: list[Student]) -> tuple[int, int]:
    """(confirmed answers missing from the database or stored with another value, rows stored)."""
    classroom = Classroom.open(url)
    try:
        with classroom.engine.connect() as connection:
            rows = connection.execute(
                select(
                    attempts.c.student,
                    responses.c.position,
                    responses.c.response,
                    attempt_items.c.option_order,
                )
                .join(attempts, attempts.c.id == responses.c.attempt_id)
                .join(
                    attempt_items,
                    (attempt_items.c.attempt_id == responses.c.attempt_id)
                    & (attempt_items.c.position == responses.c.position),
                )
                .where(attempts.c.quiz_id == quiz_id)
            ).all()
    finally:
        classroom.close()
    stored = {(row.student, row.position): row for row in rows}
    lost = 0
    for student in students:
        for position, shown in student.confirmed.items():
            row = stored.get((student.name, position))
            lost += row is None or int(row.response) != json.loads(row.option_order)[shown]
    return lost, len(rows)


async def run_class(
    base: str, join_code: str, count: int, questions: int, think: float, ramp: float
) -> tuple[list[Student], list[str], float]:
    rng = random.Random(20251124)

    async def one(n: int) -> Student:
        await asyncio.sleep(ramp * n / count)
        return await take_quiz(
            base, f"Student {n:03d}", join_code, questions, think, random.Random(rng.random())
        )

    started = time.perf_counter()
    outcomes = await asyncio.gather(*(one(n) for n in range(count)), return_exceptions=True)
    elapsed = time.perf_counter() - started
    students = [o for o in outcomes if isinstance(o, Student)]
    errors = [repr(o) for o in outcomes if not isinstance(o, Student)]
    return students, errors, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds between answers")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which they join")
    parser.add_argument("--limit", type=float, default=900.0, help="seconds for the whole run")
    parser.add_argument(
        "--database-url",
        help="a database for the server (e.g. a PostgreSQL URL); default: a new SQLite file",
    )
    args = parser.parse_args()
    if not 1 <= args.students <= MAX_STUDENTS:
        parser.error(f"--students runs from 1 to {MAX_STUDENTS}")

    with tempfile.TemporaryDirectory(prefix="factdeck-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'factdeck.sqlite3'}"
        join_code, quiz_id = set_quiz(url, args.questions)
        port = free_port()
        server = start_server(
            port,
            {"FACTDECK_DATABASE_URL": url, "FACTDECK_TEACHER_PASSWORD": "bench"},
            Path(tmp) / "server.log",
        )
        try:
            idle = memory_kib(server.pid)
            cpu_before = cpu_seconds(server.pid)
            students, errors, elapsed = asyncio.run(
                asyncio.wait_for(
                    run_class(
                        f"ws://127.0.0.1:{port}",
                        join_code,
                        args.students,
                        args.questions,
                        args.think,
                        args.ramp,
                    ),
                    timeout=args.limit,
                )
            )
            after = memory_kib(server.pid)
            cpu_used = cpu_seconds(server.pid) - cpu_before
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
        lost, stored = lost_answers(url, quiz_id, students)

    latencies = [t for s in students for t in s.latencies]
    answers = len(latencies)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"database: {url.split(':', 1)[0]}")
    print(
        f"students: {args.students} ({len(students)} finished, {len(errors)} failed),"
        f" {args.questions} questions each, think time {args.think} s (±50%),"
        f" joining over {args.ramp} s"
    )
    print(f"answers confirmed: {answers} in {elapsed:.1f} s = {answers / elapsed:.1f} answers/s")
    if latencies:
        print(
            "submit -> 'Saved' (s): "
            f"p50 {statistics.median(latencies):.3f}  p95 {percentile(latencies, 0.95):.3f}"
            f"  p99 {percentile(latencies, 0.99):.3f}  max {max(latencies):.3f}"
        )
    if answers:
        print(
            f"server CPU: {cpu_used:.1f} s in all, {1000 * cpu_used / answers:.0f} ms per answer"
            " (joining included)"
        )
    print(
        f"server memory: {idle['VmRSS'] / 1024:.0f} MiB idle, {after['VmRSS'] / 1024:.0f} MiB"
        f" after, peak {after['VmHWM'] / 1024:.0f} MiB"
    )
    print(f"answers in the database: {stored}; confirmed answers lost: {lost}")
    for error in errors[:5]:
        print("error:", error)


if __name__ == "__main__":
    main()
