"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged."""

import os
import random
import signal
import subprocess
import sys
import threading
import time

from sqlalchemy import select

from study.schema import reviews
from study.store import Store

WRITER = """
import random, sys
from datetime import UTC, datetime
import fsrs
from study.settings import StudySettings
from study.store import CardSpec, Store

store = Store.open(sys.argv[1])
settings = StudySettings(new_per_day=9999, reviews_per_day=99999)
learners = store.learners()
learner = learners[0].id if learners else store.create_learner("crash", datetime.now(UTC)).id
store.sync_cards(learner, "deck", [CardSpec(f"q-{n}", "t", n) for n in range(200)])
chance = random.Random(int(sys.argv[2]))
print("ready", flush=True)
while True:
    now = datetime.now(UTC)
    if chance.random() < 0.1 and store.last_review(learner):
        undone = store.undo(learner, now, settings)
        print(f"undo {undone.id}", flush=True)
    else:
        question_id = f"q-{chance.randrange(200)}"
        made = store.review(learner, question_id, fsrs.Rating(chance.randint(1, 4)), now, settings)
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
            assert store.rebuild_cards(learner.id) == 0
        finally:
            store.close()
    assert len(acknowledged) > 50 and undone
