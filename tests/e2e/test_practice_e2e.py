"""Practice in Debian's Chromium: a typed answer is checked by one click, a round survives a
reload, and thirty answers on a fresh learner's unseen facts leave Study no more new cards than
the daily limit."""

import re
from datetime import UTC, datetime

from learner_browser import LearnerApp, learner_app, settled
from playwright.sync_api import expect

from study.scheduling import CardState
from study.store import Store

VERDICT = re.compile(r"^(Correct!|Not quite\.)")


def start_round(app: LearnerApp, kind: str, length: int) -> None:
    """Pick one kind of question and the round's length on the Practice page, and start."""
    page = app.page
    app.open("practice")
    kinds = page.get_by_test_id("stMultiSelect").nth(1)
    kinds.get_by_role("button", name="Clear all").click()
    kinds.locator("input").fill(kind)
    kinds.locator("input").press("Enter")
    page.keyboard.press("Escape")
    slider = page.get_by_role("slider")
    slider.focus()
    for _ in range(length - 10):  # the slider starts at 10
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", str(length))
    page.wait_for_timeout(500)  # the slider hands its value to the form a moment later
    page.get_by_role("button", name="Start practice").click()
    expect(page.get_by_text(f"Question 1 of {length}")).to_be_visible()
    settled(page)


def test_typing_an_answer_then_one_click_on_check_shows_the_verdict(tmp_path):
    with learner_app(tmp_path) as app:
        page = app.page
        start_round(app, "Typed answer", 11)
        page.get_by_label("Your answer").fill("1066")  # no Enter: the click alone must submit
        page.get_by_role("button", name="Check").click(timeout=10_000)
        expect(page.get_by_text(VERDICT)).to_be_visible()
        expect(page.get_by_text("You typed: 1066")).to_be_visible()
        settled(page)
        page.get_by_role("button", name="Next question").click()
        expect(page.get_by_text("Question 2 of 11")).to_be_visible()
        assert "round=" in page.url
        page.reload()  # the round is kept: the reload comes back to the same question
        expect(page.get_by_text("Question 2 of 11")).to_be_visible()


def test_thirty_practice_answers_leave_new_cards_within_the_daily_limit(tmp_path):
    with learner_app(tmp_path) as app:
        page = app.page
        start_round(app, "True or false", 30)
        for n in range(30):
            expect(page.get_by_text(f"Question {n + 1} of 30")).to_be_visible()
            page.get_by_role("radiogroup").locator("label").first.click()
            expect(page.get_by_role("radio").first).to_be_checked()
            page.get_by_role("button", name="Check").click()
            expect(page.get_by_text(VERDICT)).to_be_visible()
            settled(page)
            page.get_by_role("button", name=re.compile("^(Next question|See the result)$")).click()
            settled(page)
        expect(page.get_by_text(re.compile(r"^You got \d+ of 30 right\.$"))).to_be_visible()

        store = Store.open(app.database_url)
        try:
            progress = store.for_learner(app.learner_id)
            new_done, _ = progress.done_today(datetime.now(UTC))
            with store.engine.connect() as connection:
                introduced = connection.exec_driver_sql(
                    "SELECT count(*) FROM cards WHERE learner_id = ? AND state != ?",
                    (app.learner_id, int(CardState.NEW)),
                ).scalar_one()
        finally:
            store.close()
        assert new_done == introduced
        assert 0 < introduced <= progress.settings.new_per_day == 20
