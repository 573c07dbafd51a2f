"""Practice in Debian's Chromium: a typed answer is checked by one click, a round survives a
reload, thirty answers on a fresh learner's unseen facts leave Study no more new cards than the
daily limit, and ordering and matching show the deck's events and options as the deck writes
them."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from learner_browser import LearnerApp, learner_app, settled
from playwright.sync_api import Page, expect

from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind
from study.scheduling import CardState
from study.settings import StudySettings
from study.store import Store

DECK = Path(__file__).resolve().parents[2] / "decks" / "far-east-1920-1925"

VERDICT = re.compile(r"^(Correct!|Not quite\.)")


def start_round(app: LearnerApp, kinds: list[str], length: int) -> None:
    """Pick the kinds of question and the round's length on the Practice page, and start."""
    page = app.page
    app.open("practice")
    chooser = page.get_by_test_id("stMultiSelect").nth(1)
    chooser.get_by_role("button", name="Clear all").click()
    for kind in kinds:
        chooser.locator("input").fill(kind)
        chooser.locator("input").press("Enter")
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
        start_round(app, ["Typed answer"], 11)
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
        start_round(app, ["True or false"], 30)
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


def deck_texts(lang: str) -> set[str]:
    """Every event and option the deck's ordering and matching items hold, as written."""
    bank = build_bank(check_deck(DECK).deck, seed=0).filter(
        langs=(lang,), kinds=[Kind.ORDERING, Kind.MATCHING]
    )
    texts: set[str] = set()
    for question in bank.questions:
        texts.update(str(option) for option in question.options or ())
        texts.update(str(left) for left in question.extra.get("left") or ())
        if isinstance(question.answer, dict):
            texts.update(map(str, question.answer))
            texts.update(map(str, question.answer.values()))
        else:
            texts.update(map(str, question.answer))
    return texts


def visible(text: str) -> str:
    """The text as a reader sees it: without the invisible word joiners that keep Streamlit
    from turning `a:b` into an emoji, and without a leading position number ("2. ")."""
    return re.sub(r"^(?:[✅❌]\s*)?\d+\.\s+", "", text.replace("\u2060", "").strip())


def ordering_texts(page: Page) -> list[str]:
    """The events in their rows, then, once checked, each position's event and what belongs
    there (the Check click is part of reading them)."""
    rows = page.locator("[class*='st-key-row-'] [data-testid='stMarkdownContainer']")
    expect(rows.first).to_be_visible()
    shown = [visible(row.inner_text()) for row in rows.all()]
    page.get_by_role("button", name="Check").click()
    verdicts = page.get_by_test_id("stMarkdownContainer").filter(has_text=re.compile("^[✅❌]"))
    expect(verdicts.first).to_be_visible()
    settled(page)
    for verdict in verdicts.all():
        for line in verdict.inner_text().split("\n"):
            shown.append(visible(line.removeprefix("Belongs here: ")))
    return shown


def matching_texts(page: Page) -> list[str]:
    """Each selectbox's label (an event) and every option its list offers when opened; the
    first option is chosen each time so that Check takes the answer."""
    shown = []
    boxes = page.get_by_test_id("stMain").get_by_test_id("stSelectbox")
    for n in range(boxes.count()):
        box = boxes.nth(n)
        shown.append(visible(box.get_by_test_id("stWidgetLabel").inner_text()))
        box.get_by_role("combobox").click()
        options = page.get_by_role("option")
        expect(options.first).to_be_visible()
        shown.extend(visible(option.inner_text()) for option in options.all())
        options.first.click()
        expect(page.get_by_role("listbox")).to_have_count(0)
    page.get_by_role("button", name="Check").click()
    return shown


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_ordering_and_matching_show_the_decks_text_without_markdown_escapes(tmp_path, lang):
    """Markdown escapes belong only where Markdown is read: in a selectbox's options they came
    out as text ("Far East\\.", "Russo\\-Japanese"). Russian dates end in "г." and English
    events in full stops, hyphens and brackets, so either language shows an escape at once."""
    written = deck_texts(lang)
    assert not any("\\" in text for text in written)  # so any backslash shown is the app's
    settings = StudySettings(content_languages=(lang,))
    seen: dict[str, list[str]] = {"ordering": [], "matching": []}
    with learner_app(tmp_path, settings=settings) as app:
        page = app.page
        start_round(app, ["Ordering", "Matching"], 10)
        for n in range(10):
            expect(page.get_by_text(f"Question {n + 1} of 10")).to_be_visible()
            settled(page)
            # The sidebar's learner picker is a selectbox too: only the page's own count.
            if page.get_by_test_id("stMain").get_by_test_id("stSelectbox").count():
                seen["matching"] += matching_texts(page)
            else:
                seen["ordering"] += ordering_texts(page)
            expect(page.get_by_text(VERDICT)).to_be_visible()
            settled(page)
            page.get_by_role("button", name=re.compile("^(Next question|See the result)$")).click()
        expect(page.get_by_text(re.compile(r"^You got \d+ of 10 right\.$"))).to_be_visible()
    assert seen["ordering"] and seen["matching"]  # kinds are drawn evenly: both came up
    escaped = [text for texts in seen.values() for text in texts if "\\" in text]
    assert not escaped, f"Markdown escapes shown as text: {escaped}"
    assert [text for texts in seen.values() for text in texts if text not in written] == []
