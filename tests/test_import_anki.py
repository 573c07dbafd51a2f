"""Progress made in a real Anki collection, brought back: the review log, no duplicates, due dates.

The oracle is the `anki` engine: a collection imports a Factdeck package, its scheduler shows
and answers cards over several days (each day a process under libfaketime, as Anki reads the
system clock), and the collection is exported as .colpkg and .apkg, old and new formats.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import fsrs
import pytest
import streamlit as st
from conftest import PROJECT_ROOT, REAL_DECK
from export_samples import sample_deck
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

import cli
from app_pages.strings import text
from decks.loader import check_deck
from decks.model import Deck
from exporters.anki import note_guid, write_anki_package
from exporters.anki_import import AnkiImport, import_anki
from exporters.anki_progress import learner_progress, write_anki_package_with_progress
from exporters.errors import AnkiImportError
from questions import QuestionBank, build_bank
from questions.model import Kind, Question, question_id
from study import scheduling
from study.records import CardSpec, Origin
from study.schema import cards, reviews
from study.settings import StudySettings
from study.store import Store

DAYS = 8
DRIVER = Path(__file__).with_name("anki_days.py")
SETTINGS = StudySettings(timezone="UTC")


def _question(kind: Kind, fact: str, template: str = "t", **fields) -> Question:
    return Question(
        id=question_id("sample", (fact,), kind, "en", template),
        kind=kind,
        lang="en",
        topic="dairen" if fact < "f4" else "nikolaevsk",
        fact_ids=(fact,),
        difficulty=0.5,
        template=template,
        explanation=f"Fact {fact}.",
        sources=(),
        **fields,
    )


def sample_bank(deck: Deck | None = None) -> QuestionBank:
    """Seven flashcards (one with its reverse, sharing a note) and a multiple choice note."""
    questions = [
        _question(Kind.FLASHCARD, f"f{n}", prompt=f"Question {n}?", answer=f"Answer {n}")
        for n in range(7)
    ]
    questions.append(
        _question(
            Kind.FLASHCARD,
            "f0",
            "t:reverse",
            prompt="Answer 0?",
            answer="Question 0",
            extra={"side": "reverse"},
        )
    )
    questions.append(
        _question(
            Kind.MULTIPLE_CHOICE,
            "f1",
            "mc",
            prompt="Which?",
            options=("One", "Two", "Three"),
            answer="Two",
        )
    )
    return QuestionBank(deck or sample_deck(), tuple(questions))


def anki(day: dt.datetime, *arguments: str) -> dict:
    """One command of the Anki driver, with Anki's clock at `day`."""
    done = subprocess.run(
        ["faketime", day.strftime("%Y-%m-%d %H:%M:%S"), sys.executable, str(DRIVER), *arguments],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "UTC"},
    )
    return json.loads(done.stdout.splitlines()[-1])


@dataclass(frozen=True)
class AnkiHistory:
    packages: dict[str, Path]
    cards: dict[str, float | None]
    """`guid/ord` -> when Anki has the card due next (epoch seconds), None for a new card."""
    revlog: list[list]
    """[id, guid, ord, ease] per answer, oldest first."""
    first_day: dt.datetime


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> AnkiHistory:
    if shutil.which("faketime") is None:
        pytest.fail("the Anki round trip needs faketime (Debian package faketime): make test")
    folder = tmp_path_factory.mktemp("anki")
    today = dt.datetime.now(dt.UTC).replace(hour=10, minute=0, second=0, microsecond=0)
    first = today.replace(tzinfo=None) - dt.timedelta(days=DAYS + 2)
    package = folder / "factdeck.apkg"
    with package.open("wb") as out:
        written = (first - dt.timedelta(days=1)).replace(tzinfo=dt.UTC)
        write_anki_package(sample_deck(), sample_bank().questions, out, now=written)
    collection = folder / "collection" / "collection.anki2"
    collection.parent.mkdir()
    assert anki(first, "create", str(collection), str(package))["notes"] == 8
    answered = [
        anki(first + dt.timedelta(days=d), "study", str(collection), str(d)) for d in range(DAYS)
    ]
    assert sum(day["answered"] for day in answered) >= 30
    last = first + dt.timedelta(days=DAYS)
    packages = {}
    for kind, legacy in (("colpkg", "modern"), ("apkg", "modern"), ("apkg", "legacy")):
        out = folder / f"progress-{legacy}.{kind}"
        anki(last, "export", str(collection), str(out), kind, legacy)
        packages[f"{kind}-{legacy}"] = out
    state = anki(last, "state", str(collection))
    return AnkiHistory(packages, state["cards"], state["revlog"], first.replace(tzinfo=dt.UTC))


@pytest.fixture
def store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    yield store
    store.close()


def learner(store: Store, name: str = "Ann"):
    return store.for_learner(store.create_learner(name, dt.datetime(2020, 1, 1, tzinfo=dt.UTC)).id)


def run_import(path: Path, progress, bank: QuestionBank | None = None) -> AnkiImport:
    with path.open("rb") as package:
        return import_anki(package, [bank or sample_bank()], progress)


def anki_rows(progress) -> list[tuple[str, int, int]]:
    """(question id, answer time in ms, rating) of every imported row, oldest first."""
    with progress.engine.connect() as connection:
        rows = connection.execute(
            select(reviews.c.question_id, reviews.c.reviewed_at, reviews.c.rating)
            .where(reviews.c.learner_id == progress.learner_id, reviews.c.origin == Origin.ANKI)
            .order_by(reviews.c.reviewed_at)
        ).all()
    return [(q, round(when.timestamp() * 1000), rating) for q, when, rating in rows]


def expected_rows(history: AnkiHistory) -> list[tuple[str, int, int]]:
    """Anki's answers to flashcards, as the store should hold them."""
    by_card = {}
    for question in sample_bank().questions:
        if question.kind is Kind.FLASHCARD:
            reverse = question.extra.get("side") == "reverse"
            front = question_id("sample", question.fact_ids, Kind.FLASHCARD, "en", "t")
            by_card[f"{note_guid(front if reverse else question.id)}/{int(reverse)}"] = question.id
    return [
        (by_card[f"{guid}/{ord_}"], answer_id, ease)
        for answer_id, guid, ord_, ease in history.revlog
        if f"{guid}/{ord_}" in by_card
    ]


def snapshot(store: Store) -> tuple[list, list]:
    with store.engine.connect() as connection:
        return (
            [tuple(row) for row in connection.execute(select(cards).order_by(cards.c.id))],
            [tuple(row) for row in connection.execute(select(reviews).order_by(reviews.c.id))],
        )


@pytest.mark.parametrize("kind", ["colpkg-modern", "apkg-modern", "apkg-legacy"])
def test_the_log_gains_exactly_ankis_answers_once_and_due_dates_agree(history, store, kind):
    progress = learner(store)
    expected = expected_rows(history)
    multiple_choice = len(history.revlog) - len(expected)
    assert multiple_choice > 0, "the simulation should answer the multiple choice note too"

    done = run_import(history.packages[kind], progress)
    assert (done.added, done.known, done.notes, done.other_notes) == (len(expected), 0, 8, 0)
    assert done.unscheduled == multiple_choice
    assert anki_rows(progress) == expected

    again = run_import(history.packages[kind], progress)
    assert (again.added, again.known, again.cards) == (0, len(expected), 0)
    assert anki_rows(progress) == expected

    guids = {q.id: note_guid(q.id) for q in sample_bank().questions}
    for question in sample_bank().questions:
        if question.kind is not Kind.FLASHCARD:
            continue
        reverse = question.extra.get("side") == "reverse"
        front = question_id("sample", question.fact_ids, Kind.FLASHCARD, "en", "t")
        anki_due = history.cards[f"{guids[front if reverse else question.id]}/{int(reverse)}"]
        due = progress.card(question.id).schedule.due
        if anki_due is None:
            assert due is None, question.id
        else:
            gap = abs(due.timestamp() - anki_due)
            assert gap <= 86400, (question.id, due, dt.datetime.fromtimestamp(anki_due, dt.UTC))


def test_memory_state_is_replayed_by_fsrs_from_the_merged_log(history, store):
    progress = learner(store)
    run_import(history.packages["colpkg-modern"], progress)
    scheduler = fsrs.Scheduler(learning_steps=SETTINGS.learning_steps, enable_fuzzing=False)
    for question in sample_bank().questions:
        answers = [r for r in progress.history(question.id) if r.rating is not None]
        if not answers:
            continue
        card = fsrs.Card()
        for answer in answers:
            card, _ = scheduler.review_card(card, answer.rating, answer.reviewed_at)
        stored = progress.card(question.id).schedule
        assert stored.state == card.state and stored.step == card.step, question.id
        assert stored.stability == pytest.approx(card.stability, rel=1e-9)
        assert stored.difficulty == pytest.approx(card.difficulty, rel=1e-9)


def test_a_card_also_studied_here_keeps_both_histories_in_time_order(history, store):
    progress = learner(store)
    bank = sample_bank()
    card_id = bank.questions[0].id
    progress.sync_cards("sample", [CardSpec(card_id, "dairen", 0)])
    # Between Anki's answers: the afternoon of the third day, when Anki's answers were at 10 am.
    here = history.first_day + dt.timedelta(days=2, hours=5)
    mine = progress.review(card_id, fsrs.Rating.Good, here)
    # And one after every answer made in Anki: the import restates that card's replayed state.
    late_id = bank.questions[1].id
    progress.sync_cards("sample", [CardSpec(card_id, "dairen", 0), CardSpec(late_id, "dairen", 1)])
    late = history.first_day + dt.timedelta(days=DAYS + 1)
    progress.review(late_id, fsrs.Rating.Again, late)

    run_import(history.packages["apkg-modern"], progress)
    log = [r for r in progress.history(card_id) if r.rating is not None]
    in_time = sorted(log, key=lambda r: r.reviewed_at)
    assert in_time[0].origin is Origin.ANKI, "Anki's first answers came before the browser's"
    assert [r for r in log if r.origin is Origin.STUDY] == [mine], "the log is append-only"
    kept = [(r.rating, r.reviewed_at) for r in in_time]
    replayed = scheduling.replay(kept, progress.settings, card_id)
    assert progress.card(card_id).schedule.stability == replayed.stability
    assert progress.card(card_id).schedule.difficulty == replayed.difficulty
    assert progress.card(card_id).schedule.state == replayed.state
    late_log = [r for r in progress.history(late_id) if r.rating is not None]
    late_log.sort(key=lambda r: r.reviewed_at)
    assert late_log[-1].reviewed_at == late and late_log[-1].origin is Origin.STUDY
    kept = [(r.rating, r.reviewed_at) for r in late_log]
    assert progress.card(late_id).schedule == scheduling.replay(kept, progress.settings, late_id)
    assert progress.last_review() is None, "Undo does not take back an import"
    assert progress.rebuild_cards() == 0, "the log and the cards agree"

    again = run_import(history.packages["apkg-modern"], progress)
    assert again.added == 0
    assert [r for r in progress.history(card_id) if r.rating is not None] == log


def test_a_reverse_card_and_the_learners_languages_come_into_the_collection(history, store):
    progress = learner(store)
    run_import(history.packages["colpkg-modern"], progress)
    held = progress.cards(q.id for q in sample_bank().questions)
    assert {q.id for q in sample_bank().questions if q.kind is Kind.FLASHCARD} == set(held)
    assert all(card.active for card in held.values())


def truncated(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: len(data) // 2]


def newer_format(path: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as copy:
        for name in source.namelist():
            copy.writestr(name, b"\x08\x04" if name == "meta" else source.read(name))
    return out.getvalue()


def other_deck(path: Path) -> bytes:
    out = io.BytesIO()
    deck = sample_deck()
    other = QuestionBank(
        deck,
        tuple(replace(q, id="other-" + q.id) for q in sample_bank(deck).questions),
    )
    write_anki_package(deck, other.questions, out, now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    return out.getvalue()


def no_collection(path: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (truncated, "anki_not_a_package"),
        (lambda path: b"Front;Back\nQuestion;Answer\n", "anki_not_a_package"),
        (no_collection, "anki_not_a_package"),
        (newer_format, "anki_too_new"),
        (other_deck, "anki_no_factdeck_notes"),
    ],
    ids=["truncated zip", "text file", "zip of something else", "newer Anki", "another deck"],
)
def test_a_file_it_cannot_import_is_refused_and_nothing_changes(
    history, store, tmp_path, make, key
):
    progress = learner(store)
    bank = sample_bank()
    progress.sync_cards("sample", [CardSpec(bank.questions[0].id, "dairen", 0)])
    progress.review(bank.questions[0].id, fsrs.Rating.Good, history.first_day)
    before = snapshot(store)
    bad = tmp_path / "bad.apkg"
    bad.write_bytes(make(history.packages["colpkg-modern"]))
    with pytest.raises(AnkiImportError) as refused:
        run_import(bad, progress)
    assert refused.value.key == key
    assert snapshot(store) == before


def test_the_command_line_imports_into_the_named_learner(tmp_path, monkeypatch, capsys):
    """A package written here with answers added to its log, imported by `factdeck import`."""
    bank = sample_bank()
    monkeypatch.setattr(cli, "load_catalogue", lambda: [_Loaded(bank.deck)])
    monkeypatch.setattr(cli, "build_bank", lambda deck: bank)
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    store = Store.open(url)
    progress = learner(store, "Boris Petrov")
    package = tmp_path / "answered.apkg"
    _answered_package(bank, package, answers=5)

    assert cli.main(["import", "anki", str(package), "--learner", "Boris  Petrov"]) == 0
    assert "5 reviews added" in capsys.readouterr().out
    assert len(anki_rows(progress)) == 5
    assert cli.main(["import", "anki", str(package), "--learner", "Boris Petrov"]) == 0
    assert "0 reviews added" in capsys.readouterr().out

    assert cli.main(["import", "anki", str(package), "--learner", "Nobody"]) == 2
    assert "no learner called 'Nobody' (learners: Boris Petrov)" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("not a package")
    text_file = str(tmp_path / "notes.txt")
    assert cli.main(["import", "anki", text_file, "--learner", "Boris Petrov"]) == 1
    assert "not an Anki package" in capsys.readouterr().err
    store.close()


@dataclass(frozen=True)
class _Loaded:
    deck: Deck
    problems: tuple = ()


def _answered_package(bank: QuestionBank, path: Path, answers: int) -> None:
    """Factdeck's own package with answers written into its review log, as Anki would."""
    start = dt.datetime(2025, 1, 1, 10, tzinfo=dt.UTC)
    with path.open("wb") as out:
        write_anki_package(bank.deck, bank.questions, out, now=start)
    with zipfile.ZipFile(path) as archive:
        data = archive.read("collection.anki2")
    database = path.with_suffix(".anki2")
    database.write_bytes(data)
    chance = random.Random(1)
    with sqlite3.connect(database) as connection:
        card_ids = [row[0] for row in connection.execute("SELECT id FROM cards ORDER BY id")]
        for n in range(answers):
            when = int((start + dt.timedelta(days=n)).timestamp() * 1000)
            connection.execute(
                "INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, 2500, 5000, 0)",
                (when, card_ids[0], chance.choice((1, 3))),
            )
    connection.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(database, "collection.anki2")
        archive.writestr("media", "{}")


@pytest.fixture(scope="module")
def real_bank() -> QuestionBank:
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


def export_page(tmp_path, monkeypatch, lang: str = "en") -> AppTest:
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    st.cache_resource.clear()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    return at.switch_page("app_pages/export.py").run()


def test_the_export_page_imports_a_package_into_the_chosen_learner(
    tmp_path, monkeypatch, real_bank
):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    learner(store, "Ann")
    boris = learner(store, "Boris")
    flashcards = [q for q in real_bank.questions if q.kind is Kind.FLASHCARD][:3]
    package = tmp_path / "answered.apkg"
    _answered_package(QuestionBank(real_bank.deck, tuple(flashcards)), package, answers=4)

    at = export_page(tmp_path, monkeypatch)
    assert not at.exception
    assert at.button(key="import-start").disabled
    at.selectbox(key="import-learner").set_value(boris.learner_id)
    at.file_uploader[0].upload("answered.apkg", package.read_bytes())
    at.run()
    at.button(key="import-start").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "4 reviews added to Boris's log (0 were there already); 1 cards rescheduled."
    ]
    assert len(anki_rows(boris)) == 4
    store.close()
    st.cache_resource.clear()


def test_the_export_page_refuses_a_file_that_is_not_a_package(tmp_path, monkeypatch):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    ann = learner(store, "Ann")
    before = snapshot(store)
    at = export_page(tmp_path, monkeypatch)
    at.file_uploader[0].upload("notes.apkg", b"Front;Back\n")
    at.run()
    at.button(key="import-start").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [text("error.anki_not_a_package", "en")]
    assert snapshot(store) == before and anki_rows(ann) == []
    store.close()
    st.cache_resource.clear()


def test_progress_exported_to_anki_and_imported_back_adds_nothing(store, tmp_path):
    """`export anki --progress` writes the learner's log as Anki's revlog; bringing that
    package back must find every answer already in the log."""
    progress = learner(store)
    bank = sample_bank()
    flashcards = [q for q in bank.questions if q.kind is Kind.FLASHCARD]
    progress.sync_cards("sample", [CardSpec(q.id, q.topic, n) for n, q in enumerate(flashcards)])
    when = dt.datetime(2025, 2, 1, 9, 0, 0, 123456, tzinfo=dt.UTC)
    for day in range(5):
        for question in flashcards[:4]:
            rating = fsrs.Rating.Again if (day + len(question.id)) % 4 == 0 else fsrs.Rating.Good
            progress.review(question.id, rating, when + dt.timedelta(days=day, minutes=day))
    carried = learner_progress(progress, (q.id for q in bank.questions))
    package = tmp_path / "with-progress.apkg"
    with package.open("wb") as out:
        write_anki_package_with_progress(
            bank.deck, bank.questions, out, carried, now=when + dt.timedelta(days=6)
        )
    before = snapshot(store)
    done = run_import(package, progress)
    assert (done.added, done.known, done.cards) == (0, 20, 0)
    assert snapshot(store) == before
