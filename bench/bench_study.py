"""Server-side rerun time of a rating click on the Study page, with 1k and 100k cards.

Run by hand: `.venv/bin/python bench/bench_study.py` (about two minutes). For each collection
size it builds a progress database with that many cards, all due, and 1M review-log rows, opens
the real app in AppTest, reveals a card and clicks Good, and times the rerun of that click.
A page holding a single button is timed the same way, as the floor of any rerun.

AppTest reruns the whole page on every click; in the browser the click reruns only the card
(st.fragment), so these figures are an upper bound. The bank is synthetic (one flashcard per
fact): generating a real 100k-card bank from YAML would take minutes and is not what a click
costs. Everything the click runs (store, scheduler, page) is the real code.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fsrs  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

import app_pages.common as common  # noqa: E402
from decks.model import Deck, Source, Topic  # noqa: E402
from questions import QuestionBank  # noqa: E402
from questions.model import Cited, Kind, Question  # noqa: E402
from study.cards import card_specs  # noqa: E402
from study.day import study_day  # noqa: E402
from study.settings import StudySettings  # noqa: E402
from study.store import Store  # noqa: E402

TOPICS = 20
SNAPSHOT = ("state", "step", "stability", "difficulty", "due", "last_review")


def synthetic_bank(deck_id: str, cards: int) -> QuestionBank:
    deck = Deck(
        id=deck_id,
        title={"en": f"Bench deck of {cards} cards"},
        description={"en": "Synthetic"},
        languages=("en",),
        topics=tuple(Topic(f"topic-{n}", {"en": f"Topic {n}"}) for n in range(TOPICS)),
        sides=(),
        sources=(Source("source", "source.txt", {"en": "A source"}, "en", "other", {"en": "-"}),),
        entities=(),
        facts=(),
    )
    questions = tuple(
        Question(
            id=f"q-{deck_id}-{n:07d}",
            kind=Kind.FLASHCARD,
            lang="en",
            prompt=f"In which year did event number {n} happen?",
            answer=str(1900 + n % 100),
            fact_ids=(f"fact-{n}",),
            topic=f"topic-{n % TOPICS}",
            sources=(Cited("source", f"Event {n} happened in {1900 + n % 100}.", "A source"),),
            difficulty=0.3,
            explanation=f"Event number {n} happened in {1900 + n % 100}.",
            template="card:date",
            extra={"part": "date", "side": "front"},
        )
        for n in range(cards)
    )
    return QuestionBank(deck, questions)


def build_database(url: str, path: Path, bank: QuestionBank, review_rows: int, now: datetime):
    """A learner whose every card is a review card due by now, and `review_rows` reviews
    before today."""
    store = Store.open(url)
    settings = StudySettings()
    learner = store.create_learner("bench", now, settings).id
    specs = card_specs(bank.questions)
    store.for_learner(learner).sync_cards(bank.deck.id, specs)
    store.close()
    chance = random.Random(1)

    def stamp(moment: datetime) -> str:
        return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")

    connection = sqlite3.connect(path)
    connection.executemany(
        "UPDATE cards SET state = 2, step = NULL, stability = ?, difficulty = ?, due = ?,"
        " last_review = ? WHERE learner_id = ? AND question_id = ?",
        (
            (
                chance.uniform(2, 60),
                chance.uniform(3, 8),
                stamp(now - timedelta(minutes=chance.randrange(1, 60 * 24 * 20))),
                stamp(now - timedelta(days=chance.randrange(21, 300))),
                learner,
                spec.question_id,
            )
            for spec in specs
        ),
    )
    columns = [
        "learner_id",
        "question_id",
        "deck",
        "origin",
        "rating",
        "reviewed_at",
        "day",
        "duration_ms",
        *(f"{side}_{name}" for side in ("before", "after") for name in SNAPSHOT),
    ]
    insert = f"INSERT INTO reviews ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    # Two years of history that ends when today's study day began: today's limits are untouched.
    today = study_day(now, settings.timezone, settings.day_starts_at)
    start = today.starts - timedelta(days=730)
    batch = []
    for n in range(review_rows):
        when = start + timedelta(seconds=n * 730 * 86400 // review_rows)
        spec = specs[chance.randrange(len(specs))]
        due = stamp(when + timedelta(days=chance.randrange(1, 30)))
        batch.append(
            (
                learner,
                spec.question_id,
                bank.deck.id,
                "study",
                chance.choice((1, 3, 3, 3, 4)),
                stamp(when),
                study_day(when, settings.timezone, settings.day_starts_at).day.isoformat(),
                chance.randrange(1500, 9000),
                2,
                None,
                10.0,
                5.0,
                stamp(when),
                stamp(when - timedelta(days=10)),
                2,
                None,
                12.0,
                5.0,
                due,
                stamp(when),
            )
        )
        if len(batch) == 100_000:
            connection.executemany(insert, batch)
            batch.clear()
    if batch:
        connection.executemany(insert, batch)
    connection.commit()
    connection.close()


class StudyPage:
    """The real app on the Study page, over one benchmark database."""

    def __init__(self, bank: QuestionBank, url: str) -> None:
        self.bank, self.url = bank, url
        self.use()
        self.app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
        self.app.switch_page("app_pages/study.py").run()

    def use(self) -> None:
        """Point the app at this database and bank (the pages read both on every run)."""
        os.environ["FACTDECK_DATABASE_URL"] = self.url
        common.loaded_decks = lambda: {self.bank.deck.id: self.bank.deck}
        common.question_bank = lambda deck_id: self.bank

    def click(self) -> float:
        """Reveal a card, then click Good; returns the time the rating click's rerun took."""
        self.use()
        self.app.button(key="show").click().run()
        start = time.perf_counter()
        self.app.button(key="rate-3").click().run()
        elapsed = time.perf_counter() - start
        if self.app.exception:
            raise SystemExit(f"the page failed: {self.app.exception[0].message}")
        return elapsed


class BarePage:
    """A page holding a single button: the floor of any rerun."""

    def __init__(self) -> None:
        script = "import streamlit as st\nst.button('Click', key='click')\n"
        self.app = AppTest.from_string(script, default_timeout=60).run()

    def click(self) -> float:
        start = time.perf_counter()
        self.app.button(key="click").click().run()
        return time.perf_counter() - start


def store_times(url: str, deck_id: str, clicks: int) -> list[float]:
    """The store's share of one click: record the rating, pick the next card, count the queue."""
    store = Store.open(url)
    [learner] = store.learners()
    settings = store.for_learner(learner.id).settings
    times = []
    for _ in range(clicks):
        now = datetime.now(UTC)
        shown = store.for_learner(learner.id, settings).next_card(deck_id, now)
        start = time.perf_counter()
        store.for_learner(learner.id, settings).review(
            shown.card.question_id, fsrs.Rating.Good, now, shown=shown.card.schedule
        )
        store.for_learner(learner.id, settings).next_card(deck_id, now)
        store.for_learner(learner.id, settings).queue_counts(deck_id, now)
        store.for_learner(learner.id).last_review()
        times.append(time.perf_counter() - start)
    store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--clicks", type=int, default=40)
    args = parser.parse_args()

    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, Streamlit {st.__version__}, fsrs {version('fsrs')},"
        f" SQLAlchemy {version('sqlalchemy')}"
    )
    pages: dict[str, StudyPage | BarePage] = {"bare page, one button": BarePage()}
    with tempfile.TemporaryDirectory() as tmp:
        for cards in args.cards:
            deck_id = f"bench-{cards}"
            bank = synthetic_bank(deck_id, cards)
            path = Path(tmp) / f"{deck_id}.sqlite3"
            started = time.perf_counter()
            build_database(f"sqlite:///{path}", path, bank, args.reviews, datetime.now(UTC))
            print(
                f"{cards} cards and {args.reviews} log rows written in"
                f" {time.perf_counter() - started:.0f} s"
            )
            pages[f"{cards} cards, {args.reviews} log rows"] = StudyPage(bank, f"sqlite:///{path}")
        # Interleaved, so that whatever else the machine does weighs on every page alike.
        times: dict[str, list[float]] = {name: [] for name in pages}
        for round_ in range(args.clicks + 3):
            for name, page in pages.items():
                elapsed = page.click()
                if round_ >= 3:
                    times[name].append(elapsed)
        for name, page in pages.items():
            line = (
                f"{name:>32}: click median {statistics.median(times[name]) * 1000:6.1f} ms,"
                f" p90 {statistics.quantiles(times[name], n=10)[-1] * 1000:6.1f} ms"
            )
            if isinstance(page, StudyPage):
                store = store_times(page.url, page.bank.deck.id, args.clicks)
                line += f"; the store's share {statistics.median(store) * 1000:5.1f} ms"
            print(line)
        medians = {
            cards: statistics.median(times[f"{cards} cards, {args.reviews} log rows"])
            for cards in args.cards
        }
        bare = statistics.median(times["bare page, one button"])
    small, large = min(medians), max(medians)
    print(f"ratio {small} cards / bare page:   {medians[small] / bare:.2f}")
    print(f"ratio {large} cards / bare page: {medians[large] / bare:.2f}")
    print(
        f"ratio {large} / {small} cards:      {medians[large] / medians[small]:.2f}"
        " (acceptance: at most 1.5)"
    )


if __name__ == "__main__":
    main()
