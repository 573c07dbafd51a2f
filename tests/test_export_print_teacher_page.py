"""The teacher's quiz page offers the quiz as Moodle XML, GIFT, a printable sheet and a PDF, and
each file holds the quiz's class paper."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
import streamlit as st
import streamlit.testing.v1.app_test as app_test
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from classroom.selection import arrange, candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec
from decks.loader import load_deck
from questions import build_bank

PASSWORD = "correct horse"


class _KeptStorage(MemoryMediaFileStorage):
    """The media store AppTest makes for each run, kept so a test can read the downloads."""

    made: list[MemoryMediaFileStorage] = []

    def __init__(self, endpoint: str) -> None:
        super().__init__(endpoint)
        _KeptStorage.made.append(self)


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def teacher_page(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'factdeck.db'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    monkeypatch.setenv("FACTDECK_TEACHER_PASSWORD", PASSWORD)
    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _KeptStorage)
    deck = load_deck(REAL_DECK)
    spec = QuizSpec(title="Дайрен: 1921", deck=deck.id, lang="ru", count=6, points=2)
    pool = candidates(spec, build_bank(deck))
    classroom = Classroom.open(url)
    quiz = classroom.create_quiz(spec, pool, datetime.now(UTC))
    classroom.close()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "en"  # the page; the quiz itself is in Russian
    at.session_state["teacher"] = hashlib.sha256(PASSWORD.encode()).hexdigest()
    at.session_state["teacher_quiz"] = quiz.id
    expected = [item.question.id for item in arrange(spec, pool)]
    return at.switch_page("app_pages/teacher_quizzes.py"), expected


def downloads(at: AppTest) -> dict[str, bytes]:
    """Each download button's label and the bytes it serves."""
    storage = _KeptStorage.made[-1]
    found = {}
    for button in at.get("download_button"):
        name = button.proto.url.rsplit("/", 1)[-1]
        found[button.proto.label] = storage.get_file(name).content
    return found


def test_the_quiz_page_offers_the_class_paper_in_every_format(teacher_page):
    at, expected = teacher_page
    at.run()
    assert not at.exception
    files = downloads(at)
    root = ET.fromstring(files["Moodle XML"])
    questions = [q for q in root if q.get("type") != "category"]
    assert [q.findtext("idnumber") for q in questions] == expected
    assert {q.findtext("defaultgrade") for q in questions} == {"2"}
    assert "Дайрен: 1921" in root[0].findtext("category/text")
    gift = files["GIFT"].decode("utf-8")
    assert re.findall(r"^// (q-[0-9a-f]{16})", gift, re.M) == expected
    sheet = files["Printable sheet (HTML)"].decode("utf-8")
    assert re.findall(r'<li class="question" data-id="(q-[0-9a-f]+)"', sheet) == expected
    assert "<h1>Дайрен: 1921</h1>" in sheet and "@page { size: A4;" in sheet

    quiz_id = at.session_state["teacher_quiz"]
    at.radio(key=f"quiz-export-paper-{quiz_id}").set_value("letter").run()
    assert "@page { size: letter;" in downloads(at)["Printable sheet (HTML)"].decode()

    at.button(key=f"quiz-export-pdf-{quiz_id}").click()
    at.run()
    assert not at.exception
    pdf = downloads(at)["Download the PDF"]
    assert pdf.startswith(b"%PDF-") and b"/MediaBox [0 0 612 792]" in pdf
