"""End to end in Debian's Chromium against `streamlit run app.py`: on the review page a teacher
retires one question and edits another's stem; a quiz set afterwards on their topic and kind
never holds the retired one, and a student reads the edited stem."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REAL_DECK
from playwright.sync_api import Page, expect, sync_playwright
from streamlit_server import free_port, start_server, stop_server

from decks.loader import check_deck
from questions import Kind, build_bank
from questions.model import Question

CHROMIUM = Path("/usr/bin/chromium")
TEACHER_PASSWORD = "e2e teacher password"
DECK_ID = "far-east-review-copy"
DECK_TITLE = "Far East, a copy to review"
EDITED_FROM = "In which month and year did the United States decide to withdraw"
NEW_STEM = "In which month and year did the American government decide to bring its troops home?"
REASON = "asks for the same date as the next question"


def deck_copy(tmp_path: Path) -> Path:
    """The real deck under another id and title, in a folder of its own: the page writes its
    reviews.yaml there, never into the shipped deck."""
    deck = Path(shutil.copytree(REAL_DECK, tmp_path / "decks" / DECK_ID))
    header = deck / "deck.yaml"
    text = header.read_text(encoding="utf-8")
    text = text.replace(f"id: {REAL_DECK.name}", f"id: {DECK_ID}", 1)
    text = text.replace("  en: Soviet–Japanese diplomacy, 1920–1925", f"  en: {DECK_TITLE}", 1)
    header.write_text(text, encoding="utf-8")
    return deck


def two_of_a_topic(deck_dir: Path) -> tuple[Question, Question, int]:
    """The typed question to edit, another typed one of its topic to retire, and how many
    typed English questions the topic has."""
    bank = build_bank(check_deck(deck_dir).deck, seed=0).filter(langs=["en"], kinds=[Kind.TYPED])
    edited = next(q for q in bank.questions if q.prompt.startswith(EDITED_FROM))
    pool = bank.filter(topics=[edited.topic]).questions  # subtopics too, as a quiz's pool
    retired = next(q for q in pool if q.id != edited.id and EDITED_FROM not in q.prompt)
    return edited, retired, len(pool)


def settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def choose(page: Page, label: str, text: str) -> None:
    """Pick the option of selectbox `label` holding `text`, typed into its search."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    expect(page.get_by_role("listbox")).to_have_count(0)
    settled(page)


def open_question(page: Page, question: Question) -> None:
    choose(page, "Matching questions", question.prompt)
    expect(page.get_by_role("heading", name=question.prompt)).to_be_visible()


def quiz_yaml(tmp_path: Path, topic: str, count: int) -> Path:
    spec = {
        "title": "After the review",
        "deck": DECK_ID,
        "language": "en",
        "questions": count,
        "topics": [topic],
        "kinds": ["typed"],
        "approved_only": False,  # the whole topic, not only what the teacher approved
    }
    path = tmp_path / "after-review.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def test_a_retired_question_never_reaches_a_new_quiz_and_an_edited_one_reads_as_edited(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: {CHROMIUM} not found; install Debian's package.")
    deck_dir = deck_copy(tmp_path)
    edited, retired, topic_size = two_of_a_topic(deck_dir)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "FACTDECK_DATABASE_URL": f"sqlite:///{tmp_path / 'factdeck.sqlite3'}",
        "FACTDECK_TEACHER_PASSWORD": TEACHER_PASSWORD,
        "FACTDECK_DECKS": str(deck_dir.parent),
    }
    server = start_server(port, env, tmp_path / "server.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--headless", "--disable-dev-shm-usage"],
            )
            teacher = browser.new_context(locale="en-GB").new_page()
            student = browser.new_context(locale="en-GB").new_page()
            for page in (teacher, student):
                page.set_default_timeout(60_000)

            teacher.goto(f"{base}/teacher_review")
            teacher.get_by_label("Teacher password").fill(TEACHER_PASSWORD)
            teacher.get_by_role("button", name="Log in").click()
            expect(teacher.get_by_role("heading", name="Review the questions")).to_be_visible()
            settled(teacher)
            choose(teacher, "Deck", DECK_TITLE)
            expect(teacher.get_by_text(re.compile(r"^0 of [\d,]+ reviewed$"))).to_be_visible()
            choose(teacher, "Kind", "Typed answer")
            choose(teacher, "Language", "en")

            open_question(teacher, retired)
            teacher.get_by_label("Why retire it").press_sequentially(REASON)  # key by key
            teacher.get_by_label("Why retire it").press("Tab")
            settled(teacher)
            # The reason's letters were typed into a field: no key pressed a button.
            expect(teacher.get_by_text(re.compile(r"^0 of [\d,]+ reviewed$"))).to_be_visible()
            teacher.get_by_role("button", name="Retire").click()
            expect(teacher.get_by_text("Retired: it leaves the bank")).to_be_visible()
            expect(teacher.get_by_text(re.compile(r"^1 of [\d,]+ reviewed$"))).to_be_visible()

            open_question(teacher, edited)
            teacher.get_by_text("Edit", exact=True).click()
            stem = teacher.get_by_label("Question", exact=True)
            stem.fill(NEW_STEM)
            stem.press("Tab")
            settled(teacher)
            expect(teacher.get_by_text(f"Preview: {NEW_STEM}")).to_be_visible()
            teacher.get_by_role("button", name="Save the edit").click()
            expect(teacher.get_by_text("Edit saved.")).to_be_visible()
            expect(teacher.get_by_text(re.compile(r"^2 of [\d,]+ reviewed$"))).to_be_visible()

            # Keys: N steps to the next question not yet reviewed, A approves it.
            choose(teacher, "Status", "Not yet reviewed")
            shown = teacher.get_by_role("heading", level=4)
            first = shown.inner_text()
            teacher.get_by_role("heading", name="Review the questions").click()
            teacher.keyboard.press("n")
            settled(teacher)
            expect(shown).not_to_have_text(first)
            teacher.keyboard.press("a")
            expect(teacher.get_by_text("Approved.", exact=True)).to_be_visible()
            expect(teacher.get_by_text(re.compile(r"^3 of [\d,]+ reviewed$"))).to_be_visible()

            decisions = {
                d["question"]: d
                for d in yaml.safe_load((deck_dir / "reviews.yaml").read_text(encoding="utf-8"))
            }
            assert decisions[retired.id]["reason"] == REASON
            assert decisions[edited.id]["edit"]["stem"] == NEW_STEM
            # So the quiz below could only leave the retired one out by the decision.
            reviewed = build_bank(check_deck(deck_dir).deck, seed=0)
            assert retired.id not in reviewed.by_id
            assert reviewed.by_id[edited.id].prompt == NEW_STEM

            # Every typed English question of the topic but the retired one: the quiz holds
            # them all, so the retired one would be in it had it stayed.
            teacher.get_by_role("link", name="Quizzes").click()
            settled(teacher)
            teacher.get_by_role("tab", name="Import YAML").click()
            spec = quiz_yaml(tmp_path, edited.topic, topic_size - 1)
            teacher.locator("input[type=file]").set_input_files(spec)
            teacher.get_by_role("button", name="Create this quiz").click()
            created = teacher.get_by_text(re.compile(r"Quiz created\. Its join code is"))
            expect(created).to_be_visible()
            code = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4})", created.inner_text()).group(1)

            student.goto(f"{base}/quiz")
            student.get_by_label("Join code").fill(code)
            student.get_by_label("Your name").fill("Vera")
            student.get_by_role("button", name="Next").click()
            student.get_by_role("button", name="Start the quiz").click()
            expect(student.get_by_role("heading", name="After the review", level=1)).to_be_visible()
            settled(student)
            expect(student.get_by_text(NEW_STEM)).to_have_count(1)
            expect(student.locator("[class*='st-key-question-']")).to_have_count(topic_size - 1)
            expect(student.get_by_text(retired.prompt, exact=True)).to_have_count(0)
            expect(student.get_by_text(edited.prompt, exact=True)).to_have_count(0)
            browser.close()
    finally:
        stop_server(server)
    assert not (REAL_DECK / "reviews.yaml").exists(), "the shipped deck was written to"
