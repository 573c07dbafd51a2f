"""Where decks are found: the shipped ones, then the folders of $FACTDECK_DECKS; a command names
a deck by its path or, wherever it is run from, by its name."""

import os
import shutil
from pathlib import Path

import pytest
import streamlit as st
from broken_decks import MINI_DECK
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

import cli
from app_pages.common import loaded_decks
from classroom.spec import QuizSpec
from decks.catalogue import (
    Duplicate,
    deck_dirs,
    deck_named,
    duplicates_of,
    find_deck,
    find_deck_folders,
    load_catalogue,
)

DECKS = "app_pages/catalogue.py"
"""The Decks page; the app opens on Home."""


@pytest.fixture
def my_decks(tmp_path, monkeypatch) -> Path:
    """A folder holding the mini deck, and a working folder with no decks in it."""
    folder = tmp_path / "my-decks"
    shutil.copytree(MINI_DECK, folder / "mini")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("FACTDECK_DECKS", raising=False)
    return folder


def test_without_factdeck_decks_only_the_shipped_decks_are_found(my_decks):
    assert deck_dirs() == [REAL_DECK]


def test_factdeck_decks_adds_folders_of_decks_and_deck_folders_each_once(my_decks, monkeypatch):
    single = shutil.copytree(MINI_DECK, my_decks.parent / "single")
    folders = [my_decks, my_decks.parent / "missing", single, my_decks / "mini", REAL_DECK.parent]
    monkeypatch.setenv("FACTDECK_DECKS", os.pathsep.join(map(str, folders)) + os.pathsep)
    assert deck_dirs() == [REAL_DECK, my_decks / "mini", single]
    assert len(load_catalogue()) == 3


def test_a_deck_is_named_by_path_or_by_its_folders_name(my_decks, monkeypatch):
    assert find_deck(REAL_DECK.name) == REAL_DECK
    assert find_deck("mini") == Path("mini")  # not found: kept as given, for the message
    monkeypatch.setenv("FACTDECK_DECKS", str(my_decks))
    assert find_deck("mini") == my_decks / "mini"
    assert deck_named("mini") == my_decks / "mini"
    assert find_deck("elsewhere/mini") == Path("elsewhere/mini")  # a path is never a name
    (Path.cwd() / "mini").mkdir()
    assert find_deck("mini") == Path("mini")  # what is there, by that path, comes first


def test_validate_finds_the_shipped_deck_by_name_from_any_folder(my_decks, capsys):
    assert cli.main(["validate", REAL_DECK.name]) == 0
    assert f"({REAL_DECK.name})" in capsys.readouterr().out


def test_a_quiz_spec_finds_its_deck_in_factdeck_decks(my_decks, monkeypatch, capsys):
    spec = QuizSpec(title="Mini quiz", deck="mini", lang="en", count=3)
    spec_file = my_decks.parent / "mini-quiz.yaml"
    spec_file.write_text(spec.to_yaml(), encoding="utf-8")
    out = my_decks.parent / "mini-quiz.txt"

    assert cli.main(["export", "gift", str(spec_file), "-o", str(out)]) == 1
    assert "FACTDECK_DECKS" in capsys.readouterr().err

    monkeypatch.setenv("FACTDECK_DECKS", str(my_decks))
    assert cli.main(["export", "gift", str(spec_file), "-o", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out


# -- two folders of the same id --------------------------------------------------------------


@pytest.fixture
def two_minis(my_decks, monkeypatch) -> tuple[Path, Path]:
    """Two folders holding a deck with the id `mini`, named in this order by $FACTDECK_DECKS;
    the second is told apart by its title."""
    later = shutil.copytree(MINI_DECK, my_decks.parent / "more-decks" / "mini")
    header = later / "deck.yaml"
    header.write_text(header.read_text().replace("A tiny deck", "The other tiny deck"))
    monkeypatch.setenv("FACTDECK_DECKS", os.pathsep.join([str(my_decks), str(later.parent)]))
    return my_decks / "mini", later


def test_of_two_folders_with_one_id_the_first_in_search_order_is_the_deck(two_minis):
    first, later = two_minis
    found = find_deck_folders()
    assert found.decks == (REAL_DECK, first)
    assert found.order == (REAL_DECK, first, later)
    assert found.duplicates == (Duplicate(later, first),)
    assert deck_dirs() == [REAL_DECK, first]
    assert deck_named("mini") == find_deck("mini") == first
    assert duplicates_of(first) == duplicates_of(later) == [Duplicate(later, first)]
    assert duplicates_of(REAL_DECK) == []


def test_the_later_folder_is_reported_naming_both_folders_and_the_fix(two_minis):
    first, later = two_minis
    results = load_catalogue()
    assert [result.directory for result in results[1:]] == [first, later]
    assert results[1].deck is not None and results[1].deck.title["en"] == "A tiny deck"
    left_out = results[2]
    assert left_out.deck is None
    (problem,) = left_out.problems
    assert str(problem) == (
        f"{later / 'deck.yaml'}:1:1: deck id 'mini' is already the id of the deck in {first},"
        " which comes first in the search order, so this deck is left out"
        " — rename the id in this deck.yaml, and its folder to match"
    )
    assert problem.key == "catalogue.duplicate"
    assert dict(problem.values) == {"id": "mini", "kept": str(first)}


def test_the_command_line_uses_the_first_and_names_the_later_one(two_minis, capsys):
    first, later = two_minis
    assert cli.main(["validate", "mini"]) == 0
    shown = capsys.readouterr()
    assert "A tiny deck (mini)" in shown.out
    assert f"{later / 'deck.yaml'}:1:1: deck id 'mini'" in shown.err
    assert str(first) in shown.err

    spec_file = first.parent.parent / "mini-quiz.yaml"
    spec = QuizSpec(title="Mini quiz", deck="mini", lang="en", count=3)
    spec_file.write_text(spec.to_yaml(), encoding="utf-8")
    out = first.parent.parent / "mini-quiz.html"
    assert cli.main(["export", "print", str(spec_file), "-o", str(out), "--date", "blank"]) == 0
    assert "rename the id in this deck.yaml" in capsys.readouterr().err
    assert "A tiny deck" in out.read_text(encoding="utf-8")
    assert "The other tiny deck" not in out.read_text(encoding="utf-8")


def test_the_app_uses_the_first_and_lists_the_later_one_as_unavailable(two_minis):
    st.cache_resource.clear()
    try:
        assert loaded_decks()["mini"].title["en"] == "A tiny deck"
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        at.switch_page(DECKS).run()
        assert not at.exception
        assert "A tiny deck" in [h.value for h in at.subheader]
        assert "The other tiny deck" not in [h.value for h in at.subheader]
        assert [w.value for w in at.warning] == [
            "The deck in the folder “mini” cannot be used. Ask your teacher: a teacher signed in"
            " on a teacher page sees what is wrong with it here."
        ]
    finally:
        st.cache_resource.clear()
