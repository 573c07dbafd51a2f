"""End to end in Debian's Chromium: the first hour's broken clicks. A student types an answer
and, without pressing Enter, clicks *Hand in* once: the answer is saved and the app asks to
confirm; a join link fills the code."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from streamlit_server import free_port, start_server, stop_server

from classroom.codes import shown_code
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec, ReviewPolicy
from decks.catalogue import load_catalogue
from questions import build_bank
from questions.model import Kind

CHROMIUM = Path("/usr/bin/chromium")
DECK = "far-east-1920-1925"


def settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def typed_quiz(database_url: str, count: int) -> str:
    """A quiz of typed answers only, set straight through the service; returns its join code."""
    deck = next(r.deck for r in load_catalogue() if r.deck is not None and r.deck.id == DECK)
    spec = QuizSpec(
        title="Typed answers",
        deck=DECK,
        lang="en",
        count=count,
        kinds=(Kind.TYPED,),
        time_limit=timedelta(minutes=20),
        review=ReviewPolicy.AFTER_SUBMIT,
    )
    classroom = Classroom.open(database_url, lambda deck_id: deck)
    try:
        quiz = classroom.create_quiz(spec, candidates(spec, build_bank(deck, seed=0)), now())
    finally:
        classroom.close()
    return shown_code(quiz.join_code)


def now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def served(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: {CHROMIUM} not found (apt-get install chromium).")
    database_url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    port = free_port()
    server = start_server(port, {"FACTDECK_DATABASE_URL": database_url}, tmp_path / "server.log")
    try:
        yield f"http://127.0.0.1:{port}", database_url
    finally:
        stop_server(server)


def test_typing_then_clicking_hand_in_once_saves_the_answer_and_asks_to_confirm(served):
    base, database_url = served
    code = typed_quiz(database_url, count=2)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        page = browser.new_context(locale="en-GB").new_page()
        page.set_default_timeout(30_000)

        page.goto(f"{base}/quiz?join={code}")  # the join link fills the code
        expect(page.get_by_label("Join code")).to_have_value(code)
        page.get_by_label("Your name").fill("Ann")
        page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Start the quiz").click()
        expect(page.get_by_role("heading", name="Typed answers")).to_be_visible()
        settled(page)

        for position in range(2):  # type both, Enter pressed for neither; the last keeps focus
            box = page.locator(f".st-key-question-{position}").get_by_role("textbox")
            box.click()
            box.press_sequentially(f"answer {position}")
        page.get_by_role("button", name="Hand in").click()
        expect(page.get_by_text(re.compile(r"^You have answered 2 of 2 questions"))).to_be_visible()
        page.get_by_role("button", name="Yes, hand in").click()
        expect(page.get_by_text(re.compile(r"^Handed in at"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"answer 0"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"answer 1"))).to_be_visible()
        browser.close()
