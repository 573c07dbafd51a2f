"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged;
a write that another process keeps waiting past the busy timeout is refused, not half-done."""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import fsrs
import pytest
from classroom_support import postgres_url
from sqlalchemy import func, select

from study.errors import DatabaseBusy, StudyError
from study.records import CardSpec
from study.schema import reviews
from study.settings import StudySettings
from study.store import Store

WRITER = """
import random, sys
from datetime import UTC, datetime
import fsrs
from study.settings import StudySettings
from study.records import CardSpec
from study.store import Store

store = Store.open(sys.argv[1])
settings = StudySettings(new_per_day=9999, reviews_per_day=99999)
learners = store.learners()
learner = learners[0].id if learners else store.create_learner("crash", datetime.now(UTC)).id
progress = store.for_learner(learner, settings)
progress.sync_cards("deck", [CardSpec(f"q-{n}", "t", n) for n in range(200)])
chance = random.Random(int(sys.argv[2]))
print("ready", flush=True)
while True:
    now = datetime.now(UTC)
    if chance.random() < 0.1 and progress.last_review():
        undone = progress.undo(now)
        print(f"undo {undone.id}", flush=True)
    else:
        question_id = f"q-{chance.randrange(200)}"
        made = progress.review(question_id, fsrs.Rating(chance.randint(1, 4)), now)
        print(f"review {made.id} {question_id}", flush=True)
"""


def run_and_kill(url: str, seed: int, alive_for: float) -> list[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, str(seed)], stdout=subprocess.PIPE, text=True
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in writer.stdout:
            if line.endswith("\n"):
                lines.append(line.strip())
                ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert ready.wait(60), "the writer did not start"
    time.sleep(alive_for)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    reader.join()
    assert writer.returncode == -signal.SIGKILL
    return lines[1:]


def test_every_acknowledged_review_survives_sigkill(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    chance = random.Random(20250310)
    acknowledged: dict[int, str] = {}
    undone: set[int] = set()
    for round_ in range(6):
        for line in run_and_kill(url, round_, chance.uniform(0.05, 0.8)):
            kind, review_id, *rest = line.split()
            if kind == "review":
                acknowledged[int(review_id)] = rest[0]
            else:
                undone.add(int(review_id))
        store = Store.open(url)
        try:
            with store.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                logged = dict(connection.execute(select(reviews.c.id, reviews.c.question_id)).all())
                undo_rows = set(
                    connection.execute(
                        select(reviews.c.undoes).where(reviews.c.undoes.is_not(None))
                    ).scalars()
                )
            assert {i: logged.get(i) for i in acknowledged} == acknowledged
            assert undone <= undo_rows
            # Card state and log were written in one transaction each time: they still agree.
            [learner] = store.learners()
            assert store.for_learner(learner.id).rebuild_cards() == 0
        finally:
            store.close()
    assert len(acknowledged) > 50 and undone


LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()  # hold the write lock until the test closes our stdin
connection.execute("ROLLBACK")
"""


def test_a_write_kept_waiting_by_another_process_is_refused_as_busy(tmp_path, monkeypatch):
    monkeypatch.setattr("study.database.BUSY_TIMEOUT", 0.3)  # instead of 30 s
    path = tmp_path / "busy.sqlite3"
    store = Store.open(f"sqlite:///{path}")
    now = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
    settings = StudySettings()
    ann = store.create_learner("Ann", now)
    store.for_learner(ann.id).sync_cards("deck", [CardSpec(f"q-{n}", "t", n) for n in range(3)])
    store.for_learner(ann.id, settings).review("q-0", fsrs.Rating.Good, now)
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout.readline().strip() == "locked"
        writes = {
            "rating": lambda: store.for_learner(ann.id, settings).review(
                "q-1", fsrs.Rating.Easy, now
            ),
            "undo": lambda: store.for_learner(ann.id, settings).undo(now),
            "learner": lambda: store.create_learner("Boris", now),
            "settings": lambda: store.for_learner(ann.id).save_settings(
                StudySettings(new_per_day=5), now
            ),
            "sync": lambda: store.for_learner(ann.id).sync_cards("deck", [CardSpec("q-9", "t", 9)]),
            "bury": lambda: store.for_learner(ann.id, settings).bury("q-2", now),
            "suspend": lambda: store.for_learner(ann.id).suspend("q-2"),
        }
        for name, write in writes.items():
            with pytest.raises(DatabaseBusy, match="busy and nothing was saved") as refused:
                write()
            assert isinstance(refused.value, StudyError), name
    finally:
        locker.stdin.close()
        locker.wait(timeout=30)
    # Nothing of the refused writes landed, and everything saved before is still there.
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(reviews)).scalar_one() == 1
    assert [learner.name for learner in store.learners()] == ["Ann"]
    assert store.for_learner(ann.id).settings.new_per_day == StudySettings().new_per_day
    assert (
        store.for_learner(ann.id).card("q-0").schedule.state
        != store.for_learner(ann.id).card("q-1").schedule.state
    )
    # Once the other process lets go, the same rating goes through.
    store.for_learner(ann.id, settings).review("q-1", fsrs.Rating.Easy, now)
    store.close()


def test_a_rating_kept_waiting_on_postgresql_is_refused_as_busy(monkeypatch):
    monkeypatch.setattr("study.database.BUSY_TIMEOUT", 0.3)  # PostgreSQL's lock_timeout
    store = Store.open(postgres_url())
    now = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
    ann = store.create_learner("Ann", now)
    store.for_learner(ann.id).sync_cards("deck", [CardSpec("q-0", "t", 0)])
    try:
        with store.engine.connect() as other, other.begin():
            other.exec_driver_sql("SELECT * FROM cards FOR UPDATE")  # another writer's lock
            with pytest.raises(DatabaseBusy, match="busy and nothing was saved"):
                store.for_learner(ann.id, StudySettings()).review("q-0", fsrs.Rating.Good, now)
        store.for_learner(ann.id, StudySettings()).review("q-0", fsrs.Rating.Good, now)
        assert len(store.for_learner(ann.id).history("q-0")) == 1
    finally:
        store.close()
