"""A learner's progress carried to Anki, checked by the real Anki engine importing the package.

The learner studies through the store for five weeks of simulated sessions; the package is
imported into a fresh collection with "Import any learning progress" and "Import any deck
presets" ticked, and Anki must then hold, card by card, what the store holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import fsrs
import pytest
import streamlit as st
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from conftest import PROJECT_ROOT, REAL_DECK
from export_samples import NOW, fresh_collection, import_package, sample_deck, sample_questions
from streamlit.testing.v1 import AppTest

import cli
from decks.loader import check_deck, load_deck
from exporters.anki import note_guid, write_anki_package
from exporters.anki_progress import (
    AnkiCalendar,
    learner_progress,
    write_anki_package_with_progress,
)
from exporters.selection import parse_selection, selected_questions
from questions import build_bank
from questions.model import Kind, Question, question_id
from study.cards import card_specs
from study.learner_store import LearnerStore
from study.location import DATABASE_URL_VARIABLE
from study.records import Review
from study.scheduling import CardState
from study.settings import StudySettings
from study.store import Store

FIRST_SESSION = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.UTC)
DAYS = 35
ROLLOVER = dt.timedelta(hours=4)
SETTINGS = StudySettings(new_per_day=2, timezone="UTC", day_starts_at=4)
RATINGS = (fsrs.Rating.Again, fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy)


def flashcards(facts: int = 40) -> list[Question]:
    """A flashcard and its reverse per fact (one Anki note with two cards), plus one typed
    question per fact that nobody studies."""
    questions = []
    for n in range(facts):
        fact = f"fact-{n:02d}"
        for template, side in (("t", "front"), ("t:reverse", "reverse")):
            questions.append(
                Question(
                    id=question_id("sample", (fact,), Kind.FLASHCARD, "en", template),
                    kind=Kind.FLASHCARD,
                    lang="en",
                    topic="dairen",
                    fact_ids=(fact,),
                    difficulty=0.5,
                    template=template,
                    prompt=f"{side} question {n}",
                    answer=f"{side} answer {n}",
                    explanation=f"Statement {n}.",
                    sources=(),
                    extra={"side": side},
                )
            )
        questions.append(
            Question(
                id=question_id("sample", (fact,), Kind.TYPED, "en", "t"),
                kind=Kind.TYPED,
                lang="en",
                topic="dairen",
                fact_ids=(fact,),
                difficulty=0.5,
                template="t",
                prompt=f"Type {n}",
                answer=f"typed {n}",
                explanation=f"Statement {n}.",
                sources=(),
            )
        )
    return questions


def study(store: LearnerStore, days: int = DAYS, seed: int = 7) -> dt.datetime:
    """Sessions on most days of `days`, rating what the queue deals; returns when the last ended.

    Each day's session starts 20 minutes later in the day than the one before and lasts less than
    that, so the whole days between two reviews of a card are the same counted as fsrs counts them
    (elapsed time rounded down) and as Anki does (day boundaries crossed). The last session
    forgets three cards and stops, leaving them in relearning.
    """
    rng = random.Random(seed)
    now = FIRST_SESSION
    for day in range(days):
        if day % 6 == 5:
            continue
        now = FIRST_SESSION + dt.timedelta(days=day, minutes=20 * day)
        last = day == days - 1
        ends = now + (dt.timedelta(seconds=20) if last else dt.timedelta(minutes=19))
        while now < ends and (shown := store.next_card("sample", now)) is not None:
            rating = (
                fsrs.Rating.Again if last else rng.choices(RATINGS, weights=(12, 10, 65, 13))[0]
            )
            store.review(shown.card.question_id, rating, now, duration_ms=rng.randint(1500, 30000))
            if rng.random() < 0.02:
                store.undo(now + dt.timedelta(seconds=1))
            now += dt.timedelta(seconds=rng.randint(3, 12))
    return now


@pytest.fixture
def store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    yield store
    store.close()


Studied = tuple[LearnerStore, list[Question], dt.datetime]


@pytest.fixture(scope="module")
def learners(tmp_path_factory) -> Iterator[Callable[[str], Studied]]:
    """Five weeks of study by a learner in a time zone, simulated once per zone and module."""
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('study') / 'progress.sqlite3'}")
    done: dict[str, Studied] = {}

    def studied_in(zone: str) -> Studied:
        if zone not in done:
            settings = SETTINGS.with_changes(timezone=zone)
            learner = store.create_learner(f"Ann in {zone}", FIRST_SESSION, settings)
            progress = store.for_learner(learner.id)
            questions = flashcards()
            progress.sync_cards("sample", card_specs(questions))
            ended = study(progress)
            progress.suspend(questions[0].id)
            done[zone] = (progress, questions, ended)
        return done[zone]

    yield studied_in
    store.close()


@pytest.fixture
def studied(learners) -> Studied:
    return learners("UTC")


def import_with_progress(col: Collection, path: Path):
    """Import as Anki's dialog does with "Import any learning progress" and "Import any deck
    presets" ticked."""
    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True),
    )
    return col.import_anki_package(request).log


def anki_day(moment: dt.datetime, zone: str = "UTC") -> dt.date:
    """The study day of a moment, for a learner in `zone` whose days start at 4 am."""
    return (moment.astimezone(ZoneInfo(zone)) - ROLLOVER).date()


def expected_revlog(reviews: tuple[Review, ...], zone: str) -> list[tuple[int, int, int, int]]:
    """(ease, type, interval, time) per review, as Anki logs them: the type is the state the
    card was in; the interval is in days, or negative seconds for a step ending the same day."""
    kinds = {CardState.NEW: 0, CardState.LEARNING: 0, CardState.REVIEW: 1, CardState.RELEARNING: 2}
    rows = []
    for review in reviews:
        assert review.rating is not None and review.after.due is not None
        days = (anki_day(review.after.due, zone) - anki_day(review.reviewed_at, zone)).days
        seconds = round((review.after.due - review.reviewed_at).total_seconds())
        interval = days if days > 0 else -seconds
        rows.append((int(review.rating), kinds[review.before.state], interval, review.duration_ms))
    return rows


@pytest.fixture
def machine_zone(monkeypatch):
    """Anki counts days in the machine's time zone: make it the learner's, as when the learner
    runs Factdeck and Anki on one computer."""

    def set_zone(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["UTC", "Europe/Moscow"])
def test_progress_imports_card_by_card_as_the_store_holds_it(
    tmp_path, learners, machine_zone, zone
):
    progress, questions, ended = learners(zone)
    machine_zone(zone)
    now = ended + dt.timedelta(hours=1)
    carried = learner_progress(progress, [q.id for q in questions])
    reviews = sum(len(rows) for rows in carried.reviews.values())
    days = {anki_day(r.reviewed_at, zone) for rows in carried.reviews.values() for r in rows}
    assert reviews >= 200 and (max(days) - min(days)).days >= 30
    path = tmp_path / "progress.apkg"
    with path.open("wb") as out:
        write_anki_package_with_progress(sample_deck(), questions, out, carried, now=now)

    col = fresh_collection(tmp_path)
    log = import_with_progress(col, path)
    assert len(log.new) == 80
    states = {card.schedule.state for card in carried.cards.values()}
    assert {CardState.REVIEW, CardState.RELEARNING} <= states
    wall_today = anki_day(dt.datetime.now(dt.UTC), zone)
    today = col.sched.today
    studied_cards = 0
    ids = card_ids(col, questions)
    for question in questions:
        card_id = ids[question.id]
        card = col.get_card(card_id)
        stored = progress.card(question.id)
        if stored is None or stored.schedule.state is CardState.NEW:
            assert (card.type, card.queue, card.reps) == (0, 0, 0), question.id
            assert col.db.scalar("select count() from revlog where cid = ?", card_id) == 0
            continue
        studied_cards += 1
        schedule = stored.schedule
        assert schedule.due is not None and schedule.stability is not None
        queues = {CardState.REVIEW: 2, CardState.LEARNING: 1, CardState.RELEARNING: 1}
        types = {CardState.REVIEW: 2, CardState.LEARNING: 1, CardState.RELEARNING: 3}
        queue = -1 if stored.suspended else queues[schedule.state]
        assert (card.type, card.queue) == (types[schedule.state], queue), question.id
        if schedule.state is CardState.REVIEW:
            due_in = (anki_day(schedule.due, zone) - wall_today).days
            assert card.due == today + due_in, question.id
        else:  # a step due later the same day
            assert card.due == int(schedule.due.timestamp())
        revlog = col.db.all(
            "select ease, type, ivl, time from revlog where cid = ? order by id", card_id
        )
        assert [tuple(row) for row in revlog] == expected_revlog(carried.reviews[question.id], zone)
        assert card.memory_state is not None
        assert card.memory_state.stability == pytest.approx(schedule.stability, abs=0.001)
        assert card.memory_state.difficulty == pytest.approx(schedule.difficulty, abs=0.001)
        recomputed = col.compute_memory_state(card_id)
        assert recomputed.stability == pytest.approx(schedule.stability, rel=0.01), question.id
        assert recomputed.difficulty == pytest.approx(schedule.difficulty, rel=0.01), question.id
    assert 40 <= studied_cards < 80
    assert col.get_card(ids[questions[0].id]).queue == -1, "the suspended card stays suspended"
    col.close()


def test_imported_without_learning_progress_every_card_is_new(tmp_path, studied):
    progress, questions, ended = studied
    carried = learner_progress(progress, [q.id for q in questions])
    path = tmp_path / "progress.apkg"
    with path.open("wb") as out:
        write_anki_package_with_progress(sample_deck(), questions, out, carried, now=ended)
    col = fresh_collection(tmp_path)
    log = import_package(col, path)
    assert len(log.new) == 80 and not log.duplicate and not log.conflicting
    assert col.db.all("select distinct type, queue, reps from cards") == [[0, 0, 0]]
    assert col.db.scalar("select count() from revlog") == 0
    col.close()


def card_ids(col: Collection, questions: list[Question]) -> dict[str, int]:
    """Each question's card in the collection: a reverse is the second card of its front's note."""
    fronts = {q.fact_ids: q for q in questions if q.extra.get("side") == "front"}
    found = {}
    for question in questions:
        reverse = question.extra.get("side") == "reverse"
        owner = fronts[question.fact_ids] if reverse else question
        note_id = col.db.scalar("select id from notes where guid = ?", note_guid(owner.id))
        found[question.id] = col.db.scalar(
            "select id from cards where nid = ? and ord = ?", note_id, int(reverse)
        )
    return found


PACKAGE_TODAY = "ef666c8f76b9f13238cf21fe1daf29a83f40e91170f4a7c27a65fc6d85e0d63c"
"""The sample package as Factdeck writes it without progress. Packages that carry progress
changed none of its bytes; batched inserts and deflate level 1 since changed the bytes but not
the rows (test_export_anki checks those against genanki's)."""


def test_without_progress_the_package_is_byte_for_byte_what_it_was():
    out = io.BytesIO()
    write_anki_package(sample_deck(), sample_questions("en") + sample_questions("ru"), out, now=NOW)
    assert hashlib.sha256(out.getvalue()).hexdigest() == PACKAGE_TODAY


def collection_of(package: bytes, directory: Path) -> sqlite3.Connection:
    path = directory / "collection.anki2"
    path.write_bytes(zipfile.ZipFile(io.BytesIO(package)).read("collection.anki2"))
    return sqlite3.connect(path)


def test_the_package_declares_its_scheduler_calendar_and_preset(tmp_path, studied):
    progress, questions, ended = studied
    now = ended + dt.timedelta(hours=1)
    carried = learner_progress(progress, [q.id for q in questions])
    out = io.BytesIO()
    write_anki_package_with_progress(sample_deck(), questions, out, carried, now=now)
    db = collection_of(out.getvalue(), tmp_path)

    crt, conf, decks, dconf = db.execute("select crt, conf, decks, dconf from col").fetchone()
    conf = json.loads(conf)
    assert (conf["schedVer"], conf["rollover"], conf["creationOffset"]) == (2, 4, 0)
    assert crt == int(dt.datetime(2025, 1, 6, 4, tzinfo=dt.UTC).timestamp())
    presets = {p["name"]: p for p in json.loads(dconf).values()}
    preset = presets["Factdeck: Ann in UTC"]
    assert preset["desiredRetention"] == SETTINGS.desired_retention
    assert preset["fsrsParams6"] == pytest.approx(list(fsrs.Scheduler().parameters))
    assert (preset["new"]["delays"], preset["lapse"]["delays"]) == ([1, 10], [10])
    assert {deck["conf"] for deck in json.loads(decks).values()} == {preset["id"]}

    limit = int(now.timestamp() * 1000)
    for table in ("notes", "cards", "revlog"):
        assert db.execute(f"select max(id) from {table}").fetchone()[0] <= limit, table
    firsts = db.execute(
        "select type from revlog r where id = (select min(id) from revlog where cid = r.cid)"
    ).fetchall()
    assert len(firsts) == len(carried.cards) and {t for (t,) in firsts} == {0}
    unstudied = db.execute("select count(), max(queue), max(reps) from cards where type = 0")
    assert unstudied.fetchone() == (80 + 40 - len(carried.cards), 0, 0)
    db.close()


def test_with_no_reviews_every_card_stays_new(tmp_path, store):
    learner = store.create_learner("Bo", FIRST_SESSION, SETTINGS)
    progress = store.for_learner(learner.id)
    questions = flashcards(3)
    progress.sync_cards("sample", card_specs(questions))
    carried = learner_progress(progress, [q.id for q in questions])
    assert carried.cards == {} and carried.reviews == {}
    out = io.BytesIO()
    write_anki_package_with_progress(sample_deck(), questions, out, carried, now=FIRST_SESSION)
    db = collection_of(out.getvalue(), tmp_path)
    assert db.execute("select count(), max(type), max(queue) from cards").fetchone() == (9, 0, 0)
    assert db.execute("select count() from revlog").fetchone() == (0,)
    db.close()


MINI_DECK = PROJECT_ROOT / "tests" / "decks" / "mini"
MINI_SOURCES = PROJECT_ROOT / "tests" / "decks" / "sources"


def test_the_command_line_carries_a_learners_progress(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(DATABASE_URL_VARIABLE, f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    deck = load_deck(MINI_DECK, MINI_SOURCES)
    questions = selected_questions(deck, parse_selection(deck)).questions
    store = Store.open()
    learner = store.create_learner("Ann Lee", FIRST_SESSION, SETTINGS)
    progress = store.for_learner(learner.id)
    progress.sync_cards(deck.id, card_specs(questions))
    shown = progress.next_card(deck.id, FIRST_SESSION)
    assert shown is not None
    progress.review(shown.card.question_id, fsrs.Rating.Good, FIRST_SESSION, duration_ms=4000)
    store.close()
    export = ["export", "anki", str(MINI_DECK), "--sources", str(MINI_SOURCES)]
    export += ["--timestamp", "2025-01-07T10:00:00Z"]

    assert cli.main([*export, "-o", str(tmp_path / "plain.apkg")]) == 0
    assert cli.main([*export, "-o", str(tmp_path / "p.apkg"), "--progress", " Ann  Lee"]) == 0
    assert "1 studied by Ann Lee (1 reviews)" in capsys.readouterr().out
    db = collection_of((tmp_path / "p.apkg").read_bytes(), tmp_path)
    assert db.execute("select ease, type, time from revlog").fetchall() == [(3, 0, 4000)]
    assert db.execute("select count() from cards where type != 0").fetchone() == (1,)
    db.close()
    with (tmp_path / "direct.apkg").open("wb") as out:
        write_anki_package(deck, questions, out, now=dt.datetime(2025, 1, 7, 10, tzinfo=dt.UTC))
    assert (tmp_path / "plain.apkg").read_bytes() == (tmp_path / "direct.apkg").read_bytes()

    assert cli.main([*export, "-o", str(tmp_path / "x.apkg"), "--progress", "Nobody"]) == 2
    assert "there is no learner called 'Nobody' (learners: Ann Lee)" in capsys.readouterr().err
    assert not (tmp_path / "x.apkg").exists()


@pytest.fixture
def page_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    st.cache_resource.clear()
    st.cache_data.clear()
    store = Store.open(url)
    yield store
    store.close()
    st.cache_resource.clear()


def export_page(learner_id: int, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["learner_id"] = learner_id
    return at.switch_page("app_pages/export.py").run()


def test_the_export_page_includes_the_progress_of_a_learner_with_reviews(tmp_path, page_database):
    store = page_database
    bank = build_bank(check_deck(REAL_DECK).deck, seed=0)
    reviewer = store.create_learner("Eve", FIRST_SESSION)
    newcomer = store.create_learner("Lev", FIRST_SESSION)
    progress = store.for_learner(reviewer.id)
    progress.sync_cards("far-east-1920-1925", card_specs(bank.questions))
    shown = progress.next_card("far-east-1920-1925", FIRST_SESSION)
    assert shown is not None
    progress.review(shown.card.question_id, fsrs.Rating.Good, FIRST_SESSION, duration_ms=5000)

    at = export_page(newcomer.id)
    assert not at.exception
    assert at.checkbox[0].label == "Include my progress (Lev)" and at.checkbox[0].value is False
    guide = at.expander[0]
    assert guide.label == "Importing into Anki"
    assert "*Import any learning progress*" in guide.markdown[0].value
    assert "tag:deck::far-east-1920-1925" in guide.markdown[0].value

    at = export_page(reviewer.id)
    assert at.checkbox[0].label == "Include my progress (Eve)" and at.checkbox[0].value is True
    at.button[0].click().run()
    assert not at.exception
    prepared = at.session_state["export_file"]
    assert "Your progress goes with it: 1 studied cards, 1 reviews." in prepared["report"]
    db = collection_of(prepared["data"], tmp_path)
    assert db.execute("select ease, type, time from revlog").fetchall() == [(3, 0, 5000)]
    db.close()

    at.checkbox[0].uncheck().run()
    assert not at.get("download_button"), "the file with progress is not offered without it"
    at.button[0].click().run()
    db = collection_of(at.session_state["export_file"]["data"], tmp_path)
    assert db.execute("select count() from revlog").fetchone() == (0,)
    db.close()


def test_the_export_page_guides_the_import_in_russian(page_database):
    learner = page_database.create_learner("Ира", FIRST_SESSION)
    at = export_page(learner.id, "ru")
    assert not at.exception
    assert at.checkbox[0].label == "Включить мой прогресс (Ира)"
    assert at.expander[0].label == "Как импортировать в Anki"
    assert "Import any learning progress" in at.expander[0].markdown[0].value


def test_anki_days_start_at_the_learners_hour_in_their_time_zone():
    calendar = AnkiCalendar(dt.date(2025, 1, 6), "Europe/Moscow", 4)
    assert calendar.created == dt.datetime(2025, 1, 6, 1, tzinfo=dt.UTC)
    assert calendar.creation_offset == -180, "three hours east of UTC, in minutes west"
    assert calendar.day(dt.datetime(2025, 1, 7, 0, 59, tzinfo=dt.UTC)) == 0
    assert calendar.day(dt.datetime(2025, 1, 7, 1, 0, tzinfo=dt.UTC)) == 1
    assert calendar.day(dt.datetime(2025, 2, 5, 22, 0, tzinfo=dt.UTC)) == 30
