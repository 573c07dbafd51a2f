"""The teacher's review page: approving, retiring and editing the bank's questions, written to
the deck folder at once and followed by the next bank; a refused edit writes nothing; closed to
anyone who has not signed in as the teacher; worded in both languages."""

import functools
import os
import shutil
from pathlib import Path

import pytest
import streamlit as st
import yaml
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from app_pages.common import question_bank
from classroom.analysis import Flag, ItemStats
from classroom.flagged import FlaggedItem
from classroom.service import Classroom
from decks.loader import check_deck
from decks.reviews import REVIEWS_FILE
from questions.review_list import review_items

PAGE = "app_pages/teacher_review.py"
PASSWORD = "correct horse battery"
TYPED = "q-75d74c0ee08744ad"
"""Typed answer on the United States' withdrawal from Siberia; its answer is 'January 1920'."""
CHOICE = "q-861bb87e95318d89"
"""Multiple choice on the same fact and phrasing."""


@pytest.fixture
def deck_dir(tmp_path, monkeypatch) -> Path:
    """A copy of the real deck as the app's only deck, a fresh database and a teacher password."""
    root = tmp_path / "decks"
    deck = Path(shutil.copytree(REAL_DECK, root / REAL_DECK.name))
    monkeypatch.setattr("decks.catalogue.DECKS_DIR", root)
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'factdeck.sqlite3'}")
    monkeypatch.setenv("FACTDECK_TEACHER_PASSWORD", PASSWORD)
    monkeypatch.setattr("app_pages.classroom_ui.FAILED_LOGIN_PAUSE", 0)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield deck
    st.cache_resource.clear()


def open_review(lang: str = "en", current: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    if current is not None:
        at.selectbox(key="vet_current").select_index(position(current)).run()
    assert not at.exception
    return at


@functools.cache
def bank_order() -> tuple[str, ...]:
    """The ids as the page lists them unfiltered: every generated item, in bank order."""
    return tuple(item.generated.id for item in review_items(check_deck(REAL_DECK).deck))


def position(question_id: str) -> int:
    return bank_order().index(question_id)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def decisions(deck_dir: Path) -> dict[str, dict]:
    path = deck_dir / REVIEWS_FILE
    if not path.exists():
        return {}
    return {entry["question"]: entry for entry in yaml.safe_load(path.read_text())}


def progress_text(at: AppTest) -> str:
    (bar,) = at.get("progress")
    return bar.proto.text


def test_approving_writes_the_decision_and_moves_the_progress(deck_dir):
    at = open_review(current=CHOICE)
    before = progress_text(at)
    assert before.startswith("0 of ") and before.endswith(" reviewed")
    assert any("In which month and year" in m.value for m in at.markdown)

    button(at, "Approve").click().run()

    assert not at.exception
    entry = decisions(deck_dir)[CHOICE]
    assert entry["verdict"] == "approved" and entry["by"]
    assert progress_text(at) == before.replace("0 of", "1 of", 1)
    assert [s.value for s in at.success] == ["Approved."]
    at.selectbox(key="vet_status").select_index(2).run()  # Approved
    assert (
        at.selectbox(key="vet_current")
        .options[0]
        .startswith("1. Approved · Multiple choice · In which month")
    )
    assert len(at.selectbox(key="vet_current").options) == 1


def test_retiring_needs_a_reason_and_takes_the_question_out_of_the_next_bank(deck_dir):
    at = open_review(current=CHOICE)
    assert CHOICE in question_bank(REAL_DECK.name).by_id

    button(at, "Retire").click().run()
    assert [e.value for e in at.error] == ["Say why the question is retired first."]
    assert decisions(deck_dir) == {}

    at.text_input(key=f"vet_reason_{CHOICE}").input("two options are both right").run()
    button(at, "Retire").click().run()

    assert not at.exception
    entry = decisions(deck_dir)[CHOICE]
    assert entry["verdict"] == "retired" and entry["reason"] == "two options are both right"
    assert CHOICE not in question_bank(REAL_DECK.name).by_id
    assert any("two options are both right" in w.value for w in at.warning)


def test_an_edit_the_gate_refuses_shows_why_and_cannot_be_saved(deck_dir):
    at = open_review(current=TYPED)
    stem = at.text_area(key=f"vet_stem_{TYPED}")
    stem.input("The US decided in January 1920 to withdraw from Siberia: when?").run()

    assert not at.exception
    assert any("[leak]" in e.value for e in at.error)
    save = button(at, "Save the edit")
    assert save.disabled
    assert decisions(deck_dir) == {}


def test_an_edit_the_gate_accepts_is_saved_and_the_bank_carries_it(deck_dir):
    new = "In which month and year did the American government decide to bring its troops home?"
    at = open_review(current=TYPED)
    at.text_area(key=f"vet_stem_{TYPED}").input(new).run()
    assert not [e.value for e in at.error]
    assert any(new in m.value for m in at.markdown)  # the preview

    button(at, "Save the edit").click().run()

    assert not at.exception
    entry = decisions(deck_dir)[TYPED]
    assert entry["verdict"] == "edited" and entry["edit"] == {"lang": "en", "stem": new}
    assert question_bank(REAL_DECK.name).by_id[TYPED].prompt == new


def test_someone_who_has_not_signed_in_as_the_teacher_sees_only_the_sign_in(deck_dir):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(PAGE).run()

    assert [t.value for t in at.title] == ["Teacher login"]
    assert not at.get("progress")
    assert not any(b.label == "Approve" for b in at.button)


def test_the_page_reads_in_russian(deck_dir):
    at = open_review("ru", current=CHOICE)

    assert [t.value for t in at.title] == ["Проверка вопросов"]
    assert progress_text(at).startswith("Проверено 0 из ")
    labels = {b.label for b in at.button}
    assert {"Одобрить", "Снять", "Следующий"} <= labels


def test_the_flagged_filter_shows_the_items_class_results_flag_with_their_reasons(
    deck_dir, monkeypatch
):
    stats = ItemStats(
        question_id=CHOICE,
        responses=40,
        facility=0.98,
        discrimination=0.05,
        option_counts=(39, 1, 0, 0),
        unanswered=0,
        flags=(Flag.TOO_EASY,),
        key=0,
    )
    flagged = {CHOICE: FlaggedItem(stats, quizzes=2)}
    monkeypatch.setattr(Classroom, "flagged", lambda self, deck, now: flagged)
    at = open_review()

    at.selectbox(key="vet_status").select_index(5).run()  # Flagged by class results

    assert not at.exception
    (only,) = at.selectbox(key="vet_current").options
    assert only.startswith("1. Not yet reviewed · Multiple choice · In which month")
    assert [e.value for e in at.error] == ["Flagged by class results (2 closed quizzes):"]
    shown = [m.value.replace("\\", "").replace("\u2060", "") for m in at.markdown]
    assert "- too easy: facility 0.98, above 0.9" in shown


def test_a_deck_folder_that_cannot_be_written_says_so_without_a_traceback(deck_dir, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: mode != os.W_OK and real_access(path, mode, **kw)
    )
    at = open_review()

    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("This deck's folder cannot be written to")
    assert not any(b.label == "Approve" for b in at.button)


def test_the_quiz_form_offers_approved_only_once_the_deck_has_approvals(deck_dir):
    """No approvals, no choice; after one, the form offers to draw from approved questions
    only, ticked, and a teacher who unticks it draws from the whole bank."""
    from datetime import UTC, datetime

    label = "Only questions a teacher has approved"

    def quizzes_page() -> AppTest:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
        at.switch_page("app_pages/teacher_quizzes.py").run()
        at.text_input[0].input(PASSWORD)
        at.button[0].click().run()
        assert not at.exception, at.exception
        return at

    assert not any(c.label == label for c in quizzes_page().checkbox)
    at = open_review(current=TYPED)
    button(at, "Approve").click().run()
    assert not at.exception
    at = quizzes_page()
    approved = next(c for c in at.checkbox if c.label == label)
    assert approved.value is True
    approved.uncheck()
    next(t for t in at.text_input if t.label == "Title").input("The whole bank")
    button(at, "Create the quiz").click().run()
    assert not at.exception, at.exception
    classroom = Classroom.open(os.environ["FACTDECK_DATABASE_URL"])
    try:
        (created,) = classroom.quizzes(datetime.now(UTC))
        assert classroom.quiz(created.id).spec.approved_only is False
    finally:
        classroom.close()
