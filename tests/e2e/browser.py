"""What the browser tests share: Debian's Chromium, waiting for a run to end, and a quiz set
straight through the classroom service on the served database."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect

from classroom.codes import shown_code
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QUIZ_KINDS, QuizSpec, ReviewPolicy
from decks.catalogue import load_catalogue
from questions import build_bank
from questions.model import Kind

CHROMIUM = Path("/usr/bin/chromium")
DECK = "far-east-1920-1925"

# A cold server builds the question bank on its first page (seconds on a busy machine): the
# assertions wait as long as the pages' actions do.
expect.set_options(timeout=30_000)


def chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: {CHROMIUM} not found (apt-get install chromium).")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
    )


def settled(page: Page) -> None:
    """Wait until the script run has ended (a fragment's timer may start the next at once)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def set_quiz(
    database_url: str,
    title: str,
    count: int,
    lang: str = "en",
    kinds: tuple[Kind, ...] = QUIZ_KINDS,
) -> str:
    """A quiz on the real deck, open now with a 20-minute limit; returns its join code."""
    deck = next(r.deck for r in load_catalogue() if r.deck is not None and r.deck.id == DECK)
    spec = QuizSpec(
        title=title,
        deck=DECK,
        lang=lang,
        count=count,
        kinds=kinds,
        time_limit=timedelta(minutes=20),
        review=ReviewPolicy.AFTER_SUBMIT,
    )
    classroom = Classroom.open(database_url, lambda deck_id: deck)
    try:
        pool = candidates(spec, build_bank(deck, seed=0))
        quiz = classroom.create_quiz(spec, pool, datetime.now(UTC))
    finally:
        classroom.close()
    return shown_code(quiz.join_code)
