"""Browse, Stats and Settings pages through AppTest, on the real deck."""

from datetime import UTC, datetime

import fsrs
import pytest
import streamlit as st
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from app_pages.common import plain
from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind
from study.browse import find_facts
from study.settings import StudySettings
from study.store import Store


@pytest.fixture(scope="module")
def bank():
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    store = Store.open(url)
    yield store
    store.close()
    st.cache_resource.clear()


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(page).run()
    at.text_input[0].input("Eve")
    at.button[0].click().run()
    assert not at.exception
    return at


def test_browse_searches_facts_and_shows_their_quotes(store, bank):
    at = open_page("app_pages/browse.py")
    at.text_input(key="browse_query").input("Dairen").run()
    found = find_facts(bank.deck, "Dairen")
    assert at.caption[0].value == f"{len(found)} found"
    shown = [m.value for m in at.markdown]
    assert plain(found[0].statement["en"]) in shown
    quote = " ".join(found[0].sources[0].quote.split())
    assert any(plain(quote) in m for m in shown)
    at.toggle[0].set_value(True).run()
    contested = find_facts(bank.deck, "Dairen", contested_only=True)
    assert at.caption[0].value == f"{len(contested)} found"
    assert len(at.warning) == min(len(contested), 20)


def test_browse_lists_flashcards_with_their_state_and_suspends_them(store, bank):
    at = open_page("app_pages/browse.py")
    at.button_group[0].set_value("questions").run()
    at.multiselect[1].set_value([Kind.FLASHCARD]).run()
    cards = [q for q in bank.questions if q.kind is Kind.FLASHCARD and q.lang == "en"]
    assert at.caption[0].value == f"{len(cards)} found"
    assert f"**{plain(cards[0].prompt)}**" in [m.value for m in at.markdown]
    assert "new" in [c.value for c in at.caption]
    at.button(key=f"suspend-{cards[0].id}").click().run()
    [eve] = store.learners()
    assert store.for_learner(eve.id).card(cards[0].id).suspended
    assert "new · suspended" in [c.value for c in at.caption]


def test_stats_show_todays_reviews_retention_forecast_and_charts(store, bank):
    at = open_page("app_pages/stats.py")
    assert [m.value for m in at.metric][:2] == ["0", "0"]
    assert "No reviews yet." in [c.value for c in at.caption]
    [eve] = store.learners()
    settings = store.for_learner(eve.id).settings
    cards = [q for q in bank.questions if q.kind is Kind.FLASHCARD and q.lang == "en"]
    now = datetime.now(UTC)
    for card in cards[:3]:
        store.for_learner(eve.id, settings).review(card.id, fsrs.Rating.Good, now)
    store.for_learner(eve.id, settings).review(cards[3].id, fsrs.Rating.Again, now)
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reviews today"] == "4"
    assert metrics["True retention, 30 days"] == "—"
    assert metrics["Cards studied"] == f"4 / {len(cards)}"
    assert "Due today: 4 · next 7 days: 4 · next 30 days: 4" in [c.value for c in at.caption]
    assert len(at.get("vega_lite_chart")) == 4


def test_settings_change_language_limits_and_refuse_bad_steps(store):
    at = open_page("app_pages/settings.py")
    [eve] = store.learners()
    at.text_input[0].input("1m ten")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [
        "Cannot read the step “ten”: write numbers with s, m, h or d, like 1m 10m."
    ]
    assert store.for_learner(eve.id).settings.learning_steps == StudySettings().learning_steps
    at.text_input[0].input("2m 15m")
    at.radio[0].set_value("ru")
    at.number_input[0].set_value(5)
    at.button[0].click().run()
    saved = store.for_learner(eve.id).settings
    assert (saved.interface_language, saved.new_per_day) == ("ru", 5)
    assert [int(s.total_seconds()) for s in saved.learning_steps] == [120, 900]
    assert [t.value for t in at.title] == ["Настройки"]
    assert [s.value for s in at.success] == ["Настройки сохранены."]
    at.text_input[1].input("5 минут")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [
        "Не удалось прочитать шаг «5»: пишите числа с s, m, h или d, например 1m 10m."
    ]
    at.switch_page("app_pages/today.py").run()
    assert at.caption[0].value.startswith("Сегодня: 0 из 5 новых карточек")


MARKDOWN_NAME = "![x](http://example.com/x.png) [a](http://x) <b>&amp;"


def test_a_learner_name_shows_literally_on_settings_and_in_the_picker(store):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/settings.py").run()
    at.text_input[0].input(MARKDOWN_NAME)
    at.button[0].click().run()
    assert not at.exception
    shown = next(m.value for m in at.markdown if m.value.startswith("Studying as"))
    assert shown == f"Studying as **{plain(MARKDOWN_NAME)}**."
    assert shown.startswith("Studying as **\\!\\[x\\]\\(http:\u2060//example\\.com/x\\.png\\) ")
    assert "![" not in shown and "](" not in shown
    [picker] = [box for box in at.sidebar.selectbox if box.label == "Learner"]
    assert picker.options[0] == MARKDOWN_NAME  # a selectbox option is text, not Markdown
