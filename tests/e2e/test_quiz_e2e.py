"""End to end in Debian's Chromium against `streamlit run app.py`: a teacher sets a quiz, two
students in separate browser contexts take it at the same time, and each sees only what the
review policy allows; the teacher then reads both attempts in the results."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from streamlit_server import free_port, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")
TEACHER_PASSWORD = "e2e teacher password"
QUESTIONS = 3


def settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def set_quiz(page: Page, base: str) -> str:
    """The teacher logs in, sets a three-question quiz, and reads its join code."""
    page.goto(f"{base}/teacher_quizzes")
    page.get_by_label("Teacher password").fill(TEACHER_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Quizzes")).to_be_visible()
    page.get_by_label("Title").fill("Dairen, end to end")
    page.get_by_label("Number of questions").fill(str(QUESTIONS))
    page.get_by_label("Number of questions").press("Tab")
    # Answers right after handing in is a choice the teacher makes, warned what it costs.
    warning = page.get_by_text(re.compile(r"^Right after handing in lets the answer key out"))
    expect(warning).to_have_count(0)
    page.get_by_text("Answers right after handing in").click()
    expect(warning).to_be_visible()
    settled(page)
    expect(page.get_by_label("Title")).to_have_value("Dairen, end to end")
    page.get_by_role("button", name="Create the quiz").click()
    created = page.get_by_text(re.compile(r"Quiz created\. Its join code is"))
    expect(created).to_be_visible()
    return re.search(r"join code is ([0-9A-Z]{4}-[0-9A-Z]{4})", created.inner_text()).group(1)


def join(page: Page, base: str, code: str, name: str) -> None:
    page.goto(f"{base}/quiz")
    page.get_by_label("Join code").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text(f"{QUESTIONS} questions · time limit")).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()
    # The h1 of the quiz page: a stale element of the screen before may still show the title.
    expect(page.get_by_role("heading", name="Dairen, end to end", level=1)).to_be_visible()
    settled(page)


def answer(page: Page, position: int, choice: int = 0) -> None:
    """Answer question `position` (from 0): an option for choice items, a word for typed ones."""
    question = page.locator(f".st-key-question-{position}")
    radios = question.get_by_role("radio")
    expect(radios.or_(question.get_by_role("textbox")).first).to_be_visible()
    if radios.count():
        question.locator("label").filter(has=page.get_by_role("radio")).nth(choice).click()
    else:
        box = question.get_by_role("textbox")
        box.fill("1921")
        box.press("Enter")


def saved_count(page: Page, count: int) -> None:
    expect(page.get_by_text(re.compile(r"^✓ Saved at "))).to_have_count(count, timeout=20_000)


def hand_in(page: Page) -> None:
    page.get_by_role("button", name="Hand in").click()
    page.get_by_role("button", name="Yes, hand in").click()
    expect(page.get_by_text(re.compile(r"^Handed in at"))).to_be_visible()


def test_a_teacher_sets_a_quiz_and_two_students_take_it_at_once(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing: {CHROMIUM} not found. Install Debian's package with"
            " `apt-get install chromium` (.ci/run does this); the e2e test never downloads"
            " a browser."
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "FACTDECK_DATABASE_URL": f"sqlite:///{tmp_path / 'factdeck.sqlite3'}",
        "FACTDECK_TEACHER_PASSWORD": TEACHER_PASSWORD,
    }
    server = start_server(port, env, tmp_path / "server.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--headless", "--disable-dev-shm-usage"],
            )
            teacher = browser.new_context(locale="en-GB", timezone_id="Europe/Moscow")
            ann = browser.new_context(locale="en-GB")
            boris = browser.new_context(locale="en-GB")
            pages = [c.new_page() for c in (teacher, ann, boris)]
            for page in pages:
                page.set_default_timeout(30_000)
            teacher_page, ann_page, boris_page = pages

            code = set_quiz(teacher_page, base)
            join(ann_page, base, code, "Ann")
            join(boris_page, base, code, "Boris")
            # While the attempt runs the app is the quiz alone: no menu to Browse's answers.
            expect(ann_page.get_by_role("link", name="Browse")).to_have_count(0)
            for position in range(QUESTIONS):  # the two answer in turn, at the same time
                answer(ann_page, position, choice=0)
                answer(boris_page, position, choice=1)
            saved_count(ann_page, QUESTIONS)
            saved_count(boris_page, QUESTIONS)
            for page in (ann_page, boris_page):
                expect(page.get_by_text("Right answer")).to_have_count(0)

            hand_in(ann_page)
            expect(ann_page.get_by_text(re.compile(r"^Right answer"))).to_have_count(QUESTIONS)
            expect(ann_page.get_by_role("link", name="Browse")).to_have_count(1)
            expect(ann_page.get_by_test_id("stMetric")).to_contain_text(f"/ {QUESTIONS}")

            boris_page.reload()  # Boris's reload keeps his attempt and answers (code in the URL)
            expect(
                boris_page.get_by_role("heading", name="Dairen, end to end", level=1)
            ).to_be_visible()
            saved_count(boris_page, QUESTIONS)
            expect(boris_page.get_by_text("Right answer")).to_have_count(0)
            hand_in(boris_page)
            expect(boris_page.get_by_text(re.compile(r"^Right answer"))).to_have_count(QUESTIONS)

            # Through the sidebar, in the same session: a page load would ask for the password.
            teacher_page.get_by_role("link", name="Results").click()
            expect(teacher_page.get_by_role("heading", name="Results")).to_be_visible()
            settled(teacher_page)
            metrics = teacher_page.get_by_test_id("stMetric")
            expect(metrics.filter(has_text="Finished")).to_contain_text("2")
            expect(teacher_page.get_by_role("button", name="Download CSV")).to_be_visible()
            expect(teacher_page.get_by_role("heading", name="Item analysis")).to_be_visible()
            browser.close()
    finally:
        stop_server(server)
