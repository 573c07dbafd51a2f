"""Closed book on the learner pages: while a closed-book quiz runs, Browse, Practice, Study and
Export show a learner nothing of the facts it asks about; a signed-in teacher sees everything,
and so does everyone once the quiz has closed and its grace run out, or when it is open book."""

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from app_pages.common import answer_text, plain
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec
from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind
from study.settings import StudySettings
from study.store import Store

BROWSE = "app_pages/browse.py"
PRACTICE = "app_pages/practice.py"
STUDY = "app_pages/study.py"
EXPORT = "app_pages/export.py"
QUIZZES = "app_pages/teacher_quizzes.py"
PASSWORD = "correct horse battery"
PRACTICE_KINDS = [kind for kind in Kind if kind is not Kind.FLASHCARD]
NOTE = "A class quiz on this deck is running: the material it asks about is held back until the"


@pytest.fixture(scope="module")
def bank():
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    monkeypatch.setenv("FACTDECK_TEACHER_PASSWORD", PASSWORD)
    monkeypatch.setattr("app_pages.classroom_ui.FAILED_LOGIN_PAUSE", 0)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield url
    st.cache_resource.clear()


@pytest.fixture
def classroom(url):
    service = Classroom.open(url)
    yield service
    service.close()


def dairen_quiz(bank, **changes) -> QuizSpec:
    """Typed answers on the Dairen Conference: two of its few typed questions."""
    now = datetime.now(UTC)
    spec = QuizSpec(
        title="Dairen",
        deck=bank.deck.id,
        lang="en",
        count=2,
        topics=("dairen",),
        kinds=(Kind.TYPED,),
        closes_at=now + timedelta(hours=1),
        grace=timedelta(0),
    )
    return replace(spec, **changes)


def set_quiz(classroom, bank, spec):
    pool = candidates(spec, bank)
    quiz = classroom.create_quiz(spec, pool, datetime.now(UTC) - timedelta(hours=2))
    return quiz, frozenset(f for q in pool for f in q.fact_ids)


def target(bank):
    """The quiz's first question: 'On what date did the Dairen Conference ... open?'"""
    return candidates(dairen_quiz(bank), bank)[0]


def open_page(page: str, teacher: bool = False) -> AppTest:
    """A fresh browser session on `page`, as a new learner (after the teacher's login)."""
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    if teacher:
        at.switch_page(QUIZZES).run()
        at.text_input[0].input(PASSWORD)
        at.button[0].click().run()
        assert [t.value for t in at.title] == ["Quizzes"]
    at.switch_page(page).run()
    if page != EXPORT and any(i.value.startswith("Who is studying?") for i in at.info):
        at.text_input[0].input("Eve")
        at.button[0].click().run()
    assert not at.exception
    return at


def shown(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "success", "error")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def browse_for(at: AppTest, query: str, view: str) -> str:
    at.button_group[0].set_value(view).run()
    at.text_input(key="browse_query").input(query).run()
    assert not at.exception
    return shown(at)


def test_browse_hides_a_running_quizs_questions_and_facts_from_learners(classroom, bank):
    question = target(bank)
    fact = next(f for f in bank.deck.facts if f.id == question.fact_ids[0])
    answer_line = f"Answer: **{plain(answer_text(question))}**"
    quiz, held = set_quiz(classroom, bank, dairen_quiz(bank))
    assert fact.id in held

    at = open_page(BROWSE)
    assert any(i.value.startswith(NOTE) for i in at.info)
    questions = browse_for(at, question.prompt, "questions")
    assert plain(question.prompt) not in questions and answer_line not in questions
    facts = browse_for(at, fact.id, "facts")
    assert at.caption[0].value == "0 found"
    assert plain(fact.statement["en"]) not in facts

    teacher = open_page(BROWSE, teacher=True)
    assert not any(i.value.startswith(NOTE) for i in teacher.info)
    questions = browse_for(teacher, question.prompt, "questions")
    assert f"**{plain(question.prompt)}**" in questions and answer_line in questions
    assert plain(fact.statement["en"]) in browse_for(teacher, fact.id, "facts")

    classroom.close_now(quiz.id, datetime.now(UTC))  # no grace in this quiz
    questions = browse_for(at, question.prompt, "questions")
    assert f"**{plain(question.prompt)}**" in questions and answer_line in questions
    assert not any(i.value.startswith(NOTE) for i in at.info)


def test_an_open_book_quiz_leaves_browse_as_it_was(classroom, bank):
    question = target(bank)
    set_quiz(classroom, bank, dairen_quiz(bank, open_book=True))
    at = open_page(BROWSE)
    assert f"**{plain(question.prompt)}**" in browse_for(at, question.prompt, "questions")
    assert not any(i.value.startswith(NOTE) for i in at.info)


def start_practice(at: AppTest, kinds: list[Kind], topics=("dairen",)) -> AppTest:
    at.multiselect[0].set_value(list(topics))
    at.multiselect[1].set_value(kinds)
    at.slider[0].set_value(50)
    at.button[0].click().run()
    assert not at.exception
    return at


def test_practice_leaves_out_every_item_on_a_held_fact_until_the_quiz_closes(classroom, bank):
    quiz, held = set_quiz(classroom, bank, dairen_quiz(bank))
    at = start_practice(open_page(PRACTICE), [Kind.TYPED])
    assert at.session_state.practice is None  # every typed Dairen item is in the quiz
    assert [w.value for w in at.warning] == ["No questions match: choose other topics or kinds."]

    # Every other Dairen item is on a held fact too; Changchun's are not.
    at = start_practice(open_page(PRACTICE), PRACTICE_KINDS, ("dairen", "changchun"))
    picked = [bank.by_id[i] for i in at.session_state.practice["ids"]]
    assert picked and all(held.isdisjoint(q.fact_ids) for q in picked)
    assert {q.topic for q in picked} == {"changchun"}

    teacher = start_practice(open_page(PRACTICE, teacher=True), [Kind.TYPED])
    picked = [bank.by_id[i] for i in teacher.session_state.practice["ids"]]
    assert {q.id for q in picked} == {q.id for q in candidates(quiz.spec, bank)}

    classroom.close_now(quiz.id, datetime.now(UTC))
    again = start_practice(open_page(PRACTICE), [Kind.TYPED])
    assert len(again.session_state.practice["ids"]) == len(candidates(quiz.spec, bank))


def test_a_practice_round_started_before_the_quiz_loses_the_held_items(classroom, bank):
    at = start_practice(open_page(PRACTICE), [Kind.TYPED])
    typed_on_dairen = bank.filter(langs=["en"], topics=["dairen"], kinds=[Kind.TYPED])
    assert len(at.session_state.practice["ids"]) == len(typed_on_dairen) > 1
    set_quiz(classroom, bank, dairen_quiz(bank))
    at.run()
    assert not any(m.value.startswith("### ") for m in at.markdown)
    assert [s.value for s in at.success] == ["You got 0 of 0 right."]


def csv_rows(at: AppTest) -> list[dict]:
    at.radio[0].set_value("csv").run()
    at.button[0].click().run()
    assert not at.exception
    data = at.session_state["export_file"]["data"].decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data, newline="")))


def chosen_count(at: AppTest) -> int:
    line = next(m.value for m in at.markdown if m.value.endswith("questions chosen."))
    return int(line.split()[0])


def test_export_leaves_the_held_facts_out_of_every_file(classroom, bank):
    question = target(bank)
    quiz, held = set_quiz(classroom, bank, dairen_quiz(bank))
    at = open_page(EXPORT)
    assert any(i.value.startswith(NOTE) for i in at.info)
    anki_count = chosen_count(at)  # Anki is the first format: the count is what it writes
    rows = csv_rows(at)
    assert len(rows) == anki_count == chosen_count(at)
    assert all(held.isdisjoint(row["fact_ids"].splitlines()) for row in rows)
    assert question.prompt not in {row["prompt"] for row in rows}

    teacher = open_page(EXPORT, teacher=True)
    everything = csv_rows(teacher)
    assert question.prompt in {row["prompt"] for row in everything}
    assert len(everything) > len(rows)

    classroom.close_now(quiz.id, datetime.now(UTC))
    assert len(csv_rows(open_page(EXPORT))) == len(everything)


def test_study_passes_over_held_flashcards_and_brings_them_back(classroom, bank, url):
    """Every card but three is buried: two on the quiz's first fact, then one of another topic."""
    cards = [
        q for q in bank.questions if q.kind is Kind.FLASHCARD and q.lang == "en"
    ]  # in story order
    question = target(bank)
    on_fact = [q for q in cards if q.fact_ids == question.fact_ids]
    topic = {fact.id: fact.topic for fact in bank.deck.facts}
    after = next(  # the next card of another topic: the quiz closes its own topic's facts
        q
        for q in cards[cards.index(on_fact[-1]) + 1 :]
        if topic[q.fact_ids[0]] != topic[question.fact_ids[0]]
    )
    assert len(on_fact) == 2
    at = open_page(STUDY)
    store = Store.open(url)
    try:
        [eve] = store.learners()
        settings: StudySettings = store.for_learner(eve.id).settings
        now = datetime.now(UTC)
        for card in cards:
            if card not in on_fact and card is not after:
                store.for_learner(eve.id, settings).bury(card.id, now)
        assert front(at.run()) == f"### {plain(on_fact[0].prompt)}"  # before the quiz

        quiz, held = set_quiz(classroom, bank, dairen_quiz(bank))
        at.run()
        assert front(at) == f"### {plain(after.prompt)}"
        assert any(i.value.startswith(NOTE) for i in at.info)
        assert "New 1 · Learning 0 · Review 0" in [c.value for c in at.caption]
        at.button(key="show").click().run()
        next(b for b in at.button if b.label.startswith("Easy")).click().run()
        assert not at.exception
        assert [s.value for s in at.success] == ["Nothing more to study now. Come back later!"]
        assert (
            store.for_learner(eve.id).card(on_fact[0].id) is not None
        )  # progress is kept, not deleted

        classroom.close_now(quiz.id, datetime.now(UTC))
        at.run()
        assert front(at) == f"### {plain(on_fact[0].prompt)}"
    finally:
        store.close()


def front(at: AppTest) -> str | None:
    return next((m.value for m in at.markdown if m.value.startswith("### ")), None)
