"""A deck in one language (here Russian only, with no English anywhere) validates, builds and
exports: nothing downstream may assume that English is there."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import streamlit as st
import yaml
from broken_decks import MINI_DECK, MINI_SOURCES
from conftest import PROJECT_ROOT
from export_samples import fresh_collection, import_package
from streamlit.testing.v1 import AppTest

import cli
from decks.loader import check_deck
from decks.model import in_language
from exporters.anki import write_anki_package
from questions import build_bank


def _without_english(value: object) -> object:
    if isinstance(value, dict):
        kept = {k: v for k, v in value.items() if not (k == "en" and "ru" in value)}
        return {k: _without_english(v) for k, v in kept.items()}
    if isinstance(value, list):
        return [_without_english(v) for v in value]
    return value


@pytest.fixture
def russian_deck(tmp_path: Path) -> Path:
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    for path in deck.rglob("*.yaml"):
        data = _without_english(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "deck.yaml":
            data["languages"] = ["ru"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "en:" not in "".join(p.read_text(encoding="utf-8") for p in deck.rglob("*.yaml"))
    return deck


def test_a_russian_only_deck_validates_in_the_cli(russian_deck, capsys):
    assert cli.main(["validate", str(russian_deck), "--sources", str(MINI_SOURCES)]) == 0
    assert capsys.readouterr().out.startswith("Крошечная колода (mini)\n")


def test_a_russian_only_deck_builds_and_imports_into_anki(russian_deck, tmp_path):
    deck = check_deck(russian_deck, MINI_SOURCES).deck
    bank = build_bank(deck, seed=0)
    assert len(bank) > 0 and {q.lang for q in bank.questions} == {"ru"}
    path = tmp_path / "mini.apkg"
    with path.open("wb") as out:
        summary = write_anki_package(
            deck, bank.questions, out, now=dt.datetime(2025, 11, 24, tzinfo=dt.UTC)
        )
    collection = fresh_collection(tmp_path)
    log = import_package(collection, path)
    assert len(log.new) == summary.notes > 0
    collection.close()


def test_text_in_a_language_falls_back_to_english_then_to_any():
    assert in_language({"en": "Deck", "ru": "Колода"}, "ru") == "Колода"
    assert in_language({"en": "Deck", "ru": "Колода"}, "ja") == "Deck"
    assert in_language({"ru": "Колода"}, "en") == "Колода"
    assert in_language({}, "en", "mini") == "mini"


def test_a_russian_only_deck_is_studied_in_the_app(russian_deck, tmp_path, monkeypatch):
    monkeypatch.setattr("decks.catalogue.DECKS_DIR", russian_deck.parent)
    monkeypatch.setenv("FACTDECK_SOURCES", str(MINI_SOURCES))
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'factdeck.sqlite3'}")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        at.switch_page("app_pages/catalogue.py").run()
        assert [h.value for h in at.subheader] == ["Крошечная колода"]
        at.switch_page("app_pages/study.py").run()
        at.text_input[0].input("Eve")
        at.button[0].click().run()
        assert not at.exception
        front = [m.value for m in at.markdown if m.value.startswith("### ")]
        assert len(front) == 1 and any("а" <= c <= "я" for c in front[0].lower())
        at.button(key="show").click().run()
        next(b for b in at.button if b.label.startswith("Good")).click().run()
        assert not at.exception
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_a_detail_answer_keeps_its_key_in_a_russian_only_deck(russian_deck):
    from decks.loader import load_deck
    from questions.parts import PartKind, asked

    deck = load_deck(russian_deck)
    details = [p for f in deck.facts for _, _, p in asked(f) if p.kind is PartKind.DETAIL]
    assert details and all(p.key for p in details)
