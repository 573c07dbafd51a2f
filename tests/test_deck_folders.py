"""Where decks are found: the shipped ones, then the folders of $FACTDECK_DECKS; a command names
a deck by its path or, wherever it is run from, by its name."""

import os
import shutil
from pathlib import Path

import pytest
from broken_decks import MINI_DECK
from conftest import REAL_DECK

import cli
from classroom.spec import QuizSpec
from decks.catalogue import deck_dirs, deck_named, find_deck, load_catalogue


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
