"""Home through AppTest: a newcomer reads what Factdeck is, in the language the address asks
for, and starts studying in one step; the stats charts' day labels and calendar months."""

from datetime import date

import pytest
import streamlit as st
from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest

from app_pages.stats_charts import calendar_heatmap, day_label, days_back
from app_pages.strings import text
from study.store import Store

MONTHS_EN = text("stats.months", "en").split()
MONTHS_RU = text("stats.months", "ru").split()


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    st.cache_resource.clear()
    store = Store.open(url)
    yield store
    store.close()
    st.cache_resource.clear()


def test_a_newcomer_reads_what_factdeck_is_and_starts_studying_in_one_step(store):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Factdeck"]
    assert at.markdown[0].value == text("home.intro", "en")
    assert at.markdown[0].value.count(". ") + 1 == 2  # two sentences
    at.text_input[0].input("Eve")
    at.button[0].click().run()
    assert not at.exception
    [eve] = store.learners()
    settings = store.for_learner(eve.id).settings
    assert (settings.interface_language, settings.content_languages) == ("en", ("en",))
    assert at.title[0].value == text("study.title", "en")  # Start studying opened Study


def test_the_address_chooses_the_language_before_any_learner_exists(store):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "ru"
    at.run()
    assert at.markdown[0].value == text("home.intro", "ru")
    assert [b.label for b in at.button] == [text("home.start", "ru")]
    at.text_input[0].input("Ева")
    at.button[0].click().run()
    [eva] = store.learners()
    settings = store.for_learner(eva.id).settings
    assert (settings.interface_language, settings.content_languages) == ("ru", ("ru",))


def test_a_returning_learner_is_welcomed_back(store):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.text_input[0].input("Eve")
    at.button[0].click().run()
    at.switch_page("app_pages/home.py").run()
    assert [s.value for s in at.subheader] == ["Welcome back, Eve"]
    assert [b.label for b in at.button] == ["Start studying"]


def test_days_are_labelled_in_the_interface_language_and_every_day_has_a_bar():
    assert day_label(date(2025, 12, 3), MONTHS_EN) == "3 Dec"
    assert day_label(date(2025, 5, 9), MONTHS_RU) == "9 мая"
    span = days_back({date(2025, 12, 3): 4}, date(2025, 12, 3), 30)
    assert len(span) == 30 and span[-1] == (date(2025, 12, 3), 4)
    assert sum(n for _, n in span) == 4 and span[0] == (date(2025, 11, 4), 0)


def test_the_calendar_names_each_month_once_over_its_first_week():
    year = days_back({}, date(2025, 12, 3), 365)
    spec = calendar_heatmap(year, MONTHS_RU, "Пн Вт Ср Чт Пт Сб Вс".split(), "Ответы").to_dict()
    axis = spec["encoding"]["x"]["axis"]
    assert len(axis["values"]) == 12
    for name in ("янв", "дек", "июн"):
        assert f"'{name}'" in axis["labelExpr"]
    empty = spec["encoding"]["color"]
    assert empty["value"] == "#ebedf0" and "datum.reviews > 0" in str(empty["condition"])
