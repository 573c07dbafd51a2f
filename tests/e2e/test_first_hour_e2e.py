"""End to end in Debian's Chromium: the first hour's broken clicks. A student types an answer
and, without pressing Enter, clicks *Hand in* once: the answer is saved and the app asks to
confirm; a join link fills the code."""

import re

import pytest
from browser import chromium, set_quiz, settled
from playwright.sync_api import expect, sync_playwright
from streamlit_server import fresh_app

from questions.model import Kind

PASSWORD = "e2e teacher password"


@pytest.fixture
def served(tmp_path):
    with fresh_app(tmp_path, {}) as app:
        yield app


def test_typing_then_clicking_hand_in_once_saves_the_answer_and_asks_to_confirm(served):
    base, database_url = served
    code = set_quiz(database_url, "Typed answers", count=2, kinds=(Kind.TYPED,))
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_context(locale="en-GB").new_page()
        page.set_default_timeout(30_000)

        page.goto(f"{base}/quiz?join={code}")  # the join link fills the code
        expect(page.get_by_label("Join code")).to_have_value(code)
        # No developer chrome: neither Deploy nor Streamlit's menu (client.toolbarMode).
        expect(page.get_by_test_id("stAppDeployButton")).to_have_count(0)
        expect(page.get_by_test_id("stMainMenu")).to_have_count(0)
        page.get_by_label("Your name").fill("Ann")
        page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Start the quiz").click()
        expect(page.get_by_role("heading", name="Typed answers", level=1)).to_be_visible()
        settled(page)
        # A live countdown: the time left changes while the page is only looked at.
        left = page.get_by_text(re.compile(r"^\d+:\d\d left ·"))
        first = left.inner_text()
        expect(left).not_to_have_text(first, timeout=5_000)
        # While the attempt runs, the app is the quiz alone.
        expect(page.get_by_role("link", name="Browse")).to_have_count(0)

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


@pytest.fixture
def served_with_teacher(tmp_path):
    with fresh_app(tmp_path, {"FACTDECK_TEACHER_PASSWORD": PASSWORD}) as app:
        yield app


def test_a_teacher_stays_signed_in_across_a_reload_and_projects_the_join_code(
    served_with_teacher,
):
    base, database_url = served_with_teacher
    code = set_quiz(database_url, "On the screen", count=2)
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(30_000)

        page.goto(base)  # Teach shows the sign-in alone until the teacher signs in
        expect(page.get_by_role("link", name="Results")).to_have_count(0)
        page.get_by_role("link", name="Teacher sign-in").click()
        page.get_by_label("Teacher password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Quizzes")).to_be_visible()
        expect(page.get_by_role("link", name="Results")).to_be_visible()
        settled(page)
        cookie = next(c for c in context.cookies() if c["name"] == "factdeck_teacher")
        assert PASSWORD not in cookie["value"] and re.fullmatch(
            r"\d+\.[0-9a-f]{64}", cookie["value"]
        )

        page.reload()  # a new Streamlit session: the token, not the password, signs it in
        expect(page.get_by_role("heading", name="Quizzes")).to_be_visible()
        expect(page.get_by_label("Teacher password")).to_have_count(0)

        page.get_by_role("link", name="Join code on screen").click()
        expect(page.locator(".join-code")).to_have_text(code)
        expect(page.get_by_text(f"/quiz?join={code}")).to_be_visible()
        expect(page.get_by_role("img")).not_to_have_count(0)

        page.get_by_role("button", name="Log out (teacher)").click()
        expect(page.get_by_label("Teacher password")).to_be_visible()
        settled(page)
        page.reload()  # signed out stays signed out
        expect(page.get_by_label("Teacher password")).to_be_visible()
        browser.close()
