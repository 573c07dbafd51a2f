"""Screenshots of the main screens, in English and Russian, at laptop and phone sizes.

Starts the app on a temporary database (one per language, so each begins as a newcomer's),
walks it in Debian's Chromium with Playwright and writes PNGs beside this script:

    python docs/screenshots/take.py            # all of them
    python docs/screenshots/take.py --lang ru  # one language

A learner is created through the home page; a few weeks of reviews are then written straight
to the database so that Stats has something to show; a quiz is set through the classroom
service, taken on the phone and projected by the signed-in teacher.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app_pages.strings import LANGUAGES, text  # noqa: E402
from classroom.codes import shown_code  # noqa: E402
from classroom.selection import candidates  # noqa: E402
from classroom.service import Classroom  # noqa: E402
from classroom.spec import QuizSpec  # noqa: E402
from decks.catalogue import load_catalogue  # noqa: E402
from decks.model import Deck  # noqa: E402
from questions import build_bank  # noqa: E402
from questions.model import Kind  # noqa: E402
from study.store import Store  # noqa: E402

OUT = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
SIZES = {"laptop": (1280, 900), "phone": (390, 844)}
PASSWORD = "screenshots"
DECK = "far-east-1920-1925"
NAMES = {"en": "Eve", "ru": "Ева"}
QUIZ_TITLES = {"en": "The Dairen Conference", "ru": "Дайренская конференция"}


def serve(database_url: str, log: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "FACTDECK_DATABASE_URL": database_url}
    env["FACTDECK_TEACHER_PASSWORD"] = PASSWORD
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
        + ["--server.port", str(port), "--server.address", "127.0.0.1"]
        + ["--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return server, base
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit(f"the app did not start:\n{log.read_text()}")


def settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    page.wait_for_timeout(800)  # charts and icons finish drawing after the run
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def shot(page: Page, lang: str, size: str, screen: str) -> None:
    settled(page)
    path = OUT / f"{lang}-{size}-{screen}.png"
    page.screenshot(path=str(path))
    print(path.relative_to(ROOT))


def the_deck() -> Deck:
    return next(r.deck for r in load_catalogue() if r.deck is not None and r.deck.id == DECK)


def past_reviews(database_url: str, lang: str) -> None:
    """Three weeks of a learner's reviews, a handful of cards a day, for Stats."""
    bank = build_bank(the_deck(), seed=0).filter(langs=[lang], kinds=[Kind.FLASHCARD])
    cards = [question.id for question in bank.questions][:60]
    store = Store.open(database_url)
    try:
        progress = store.for_learner(store.learners()[0].id)
        pick = random.Random(7)
        now = datetime.now(UTC)
        for days_ago in range(21, 0, -1):
            for card in pick.sample(cards, pick.randint(0, 9)):
                rating = pick.choice([fsrs.Rating.Good] * 4 + [fsrs.Rating.Again])
                progress.review(card, rating, now - timedelta(days=days_ago))
    finally:
        store.close()


def set_quiz(database_url: str, lang: str) -> str:
    deck = the_deck()
    spec = QuizSpec(
        title=QUIZ_TITLES[lang],
        deck=DECK,
        lang=lang,
        count=4,
        kinds=(Kind.MULTIPLE_CHOICE, Kind.TYPED),
        time_limit=timedelta(minutes=15),
    )
    classroom = Classroom.open(database_url, lambda deck_id: deck)
    try:
        pool = candidates(spec, build_bank(deck, seed=0))
        return shown_code(classroom.create_quiz(spec, pool, datetime.now(UTC)).join_code)
    finally:
        classroom.close()


def walk(lang: str, folder: Path) -> None:
    database_url = f"sqlite:///{folder / f'{lang}.sqlite3'}"
    server, base = serve(database_url, folder / f"{lang}.log")
    t = lambda key: text(key, lang)  # noqa: E731
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            width, height = SIZES["laptop"]
            laptop = browser.new_context(
                viewport={"width": width, "height": height},
                locale=lang,
                timezone_id="Europe/Moscow",
            ).new_page()
            laptop.set_default_timeout(60_000)
            laptop.goto(f"{base}/?lang={lang}")
            expect(laptop.get_by_role("button", name=t("home.start"))).to_be_visible()
            shot(laptop, lang, "laptop", "home")
            laptop.get_by_label(t("profile.name")).fill(NAMES[lang])
            laptop.get_by_role("button", name=t("home.start")).click()
            expect(laptop.get_by_role("link", name=t("nav.study"), exact=True)).to_be_visible()
            shot(laptop, lang, "laptop", "study")
            past_reviews(database_url, lang)
            laptop.get_by_role("link", name=t("nav.stats"), exact=True).click()
            expect(laptop.get_by_role("heading", name=t("stats.calendar"))).to_be_visible()
            shot(laptop, lang, "laptop", "stats")
            laptop.get_by_role("heading", name=t("stats.mastery")).scroll_into_view_if_needed()
            shot(laptop, lang, "laptop", "stats-year")

            code = set_quiz(database_url, lang)
            laptop.get_by_role("link", name=t("nav.teacher_sign_in")).click()
            laptop.get_by_label(t("teacher.password")).fill(PASSWORD)
            laptop.get_by_role("button", name=t("teacher.login")).click()
            laptop.get_by_role("link", name=t("nav.teacher_projector")).click()
            expect(laptop.locator(".join-code")).to_have_text(code)
            shot(laptop, lang, "laptop", "projector")

            width, height = SIZES["phone"]
            phone = browser.new_context(
                viewport={"width": width, "height": height},
                locale=lang,
                is_mobile=True,
                has_touch=True,
                device_scale_factor=2,
            ).new_page()
            phone.set_default_timeout(60_000)
            phone.goto(f"{base}/quiz?join={code}")
            phone.get_by_label(t("quiz.your_name")).fill(NAMES[lang])
            phone.get_by_role("button", name=t("quiz.next")).click()
            phone.get_by_role("button", name=t("quiz.start")).click()
            expect(phone.get_by_role("button", name=t("quiz.hand_in"))).to_be_attached()
            shot(phone, lang, "phone", "quiz")

            phone.goto(f"{base}/?learner=1")
            expect(phone.get_by_role("button", name=t("home.start"))).to_be_visible()
            shot(phone, lang, "phone", "home")
            phone.get_by_role("button", name=t("home.start")).click()
            expect(phone.get_by_role("heading").first).to_be_visible()
            shot(phone, lang, "phone", "study")
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for lang in args.lang or LANGUAGES:
            walk(lang, Path(folder))


if __name__ == "__main__":
    main()
