"""The Export page: the same choices as the command line, and a file Anki imports cleanly."""

from __future__ import annotations

import csv
import io

import pytest
import streamlit as st
from conftest import PROJECT_ROOT
from export_samples import fresh_collection, import_package
from streamlit.testing.v1 import AppTest

APP = str(PROJECT_ROOT / "app.py")


def export_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    return at.switch_page("app_pages/export.py").run()


@pytest.fixture(autouse=True)
def clear_caches(tmp_path, monkeypatch):
    # The page asks the classroom which facts a running quiz holds back: a database of its own.
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'factdeck.sqlite3'}")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


def chosen_count(at: AppTest) -> int:
    line = next(m.value for m in at.markdown if m.value.endswith("questions chosen."))
    return int(line.split()[0])


def test_an_anki_package_prepared_on_the_page_imports_cleanly(tmp_path):
    at = export_page()
    assert not at.exception
    assert at.title[0].value == "Export"
    everything = chosen_count(at)
    assert everything > 0
    assert at.radio[1].value == "both"

    at.radio[1].set_value("en").run()
    english = chosen_count(at)
    assert 0 < english < everything
    at.button[0].click().run()
    assert not at.exception
    prepared = at.session_state["export_file"]
    assert prepared["name"] == "far-east-1920-1925-en.apkg"
    assert at.get("download_button")[0].proto.label == "Download far-east-1920-1925-en.apkg"

    package = tmp_path / prepared["name"]
    package.write_bytes(prepared["data"])
    col = fresh_collection(tmp_path)
    log = import_package(col, package)
    assert len(log.new) == col.note_count() and not log.duplicate and not log.conflicting
    assert col.card_count() == english
    assert len(col.find_notes("tag:lang::en")) == col.note_count()
    assert sum(prepared["subdecks"].values()) == col.note_count()
    col.close()


def test_a_csv_for_one_topic_and_kind_has_one_row_per_chosen_question():
    at = export_page()
    at.radio[0].set_value("csv").run()
    at.multiselect[0].set_value(["dairen"]).run()
    at.multiselect[1].set_value([at.multiselect[1].options[0]]).run()
    count = chosen_count(at)
    assert count > 0
    at.button[0].click().run()
    prepared = at.session_state["export_file"]
    assert prepared["name"] == "far-east-1920-1925.csv"
    text = prepared["data"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == count
    assert {r["topic"] for r in rows} == {"dairen"}
    assert len({r["kind"] for r in rows}) == 1


def test_changing_a_choice_withdraws_the_prepared_file():
    at = export_page()
    at.button[0].click().run()
    assert len(at.get("download_button")) == 1
    at.radio[1].set_value("ru").run()
    assert len(at.get("download_button")) == 0


def test_the_page_speaks_russian():
    at = export_page("ru")
    assert at.title[0].value == "Экспорт"
    assert at.button[0].label == "Подготовить файл"
