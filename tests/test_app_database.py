"""The pages when the progress database cannot be opened: the reason, in the reader's language."""

import pytest
import streamlit as st
from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest

from study.database import connect

TODAY = "app_pages/today.py"
QUIZ = "app_pages/quiz.py"
JOINER = "\u2060"
"""`plain` puts a word joiner after each `:` of a text shown in an alert."""


@pytest.fixture
def fresh_caches():
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def shown_in_russian(page: str) -> str:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "ru"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    [shown] = [e.value.replace(JOINER, "") for e in at.error]
    return shown


@pytest.mark.parametrize("page", [TODAY, QUIZ])
def test_a_file_that_is_not_a_database_is_named_in_russian(
    tmp_path, monkeypatch, fresh_caches, page
):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("these are my notes, not a database\n" * 100)
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{notes}")
    shown = shown_in_russian(page)
    assert shown.startswith("Factdeck не может открыть базу данных sqlite:///")
    assert "notes\\.sqlite3 (file is not a database): " in shown  # Markdown escaped in the path
    assert shown.endswith(": проверьте файл или укажите в FACTDECK_DATABASE_URL другое место.")


def test_a_database_from_a_newer_factdeck_is_named_in_russian(tmp_path, monkeypatch, fresh_caches):
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    engine = connect(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('0099')")
    engine.dispose()
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    assert shown_in_russian(TODAY).endswith(
        "записана более новой версией Factdeck (версия схемы 0099): обновите Factdeck,"
        " чтобы её открыть."
    )


def test_an_unreadable_address_is_named_in_russian(monkeypatch, fresh_caches):
    monkeypatch.setenv("FACTDECK_DATABASE_URL", "not a url")
    assert shown_in_russian(TODAY).startswith("Factdeck не может разобрать адрес своей базы данных")
