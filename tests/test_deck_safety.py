"""Hostile deck files are refused up front with a located message, and nothing runs from YAML."""

import shutil

from broken_decks import MINI_DECK, MINI_SOURCES, assemble

import cli
from decks.loader import check_deck
from decks.safe_yaml import MAX_FILE_BYTES

BILLION_LAUGHS = """\
- &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
- &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
- &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
- &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
- &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
- &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
- &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
- &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
- &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_oversized_file_is_refused_before_it_is_read(tmp_path):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    big = deck / "facts" / "huge.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    problems = [str(p) for p in check_deck(deck, MINI_SOURCES).problems]
    assert (
        f"mini/facts/huge.yaml:1:1: file is 52,428,800 bytes, over the {MAX_FILE_BYTES:,}-byte "
        "limit for a deck file — split it into several files under facts/"
    ) in problems


def test_alias_bomb_is_refused_at_its_first_reuse(tmp_path):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    (deck / "facts" / "bomb.yaml").write_text(BILLION_LAUGHS)
    problems = [str(p) for p in check_deck(deck, MINI_SOURCES).problems]
    assert (
        "mini/facts/bomb.yaml:1:3: YAML anchors and aliases (&name / *name) are not allowed"
        " — write the value out in full"
    ) in problems


def test_python_tags_are_never_constructed(tmp_path):
    deck = assemble("python-object-tag", tmp_path)
    marker = tmp_path / "ran"
    facts = deck / "facts" / "dairen.yaml"
    facts.write_text(
        facts.read_text().replace("os.system ['true']", f"os.system ['touch {marker}']")
    )
    assert check_deck(deck, MINI_SOURCES).problems
    assert not marker.exists()


def test_summary_says_quotes_were_not_verified_without_source_texts(tmp_path, capsys):
    empty = tmp_path / "no-sources"
    empty.mkdir()
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    assert cli.main(["validate", str(deck), "--sources", str(empty)]) == 0
    out = capsys.readouterr().out
    assert "quotes: 0/6 verified; NOT verified for chronicle, encyclopedia" in out


def test_summary_counts_every_verified_quote(tmp_path, capsys):
    assert cli.main(["validate", str(MINI_DECK), "--sources", str(MINI_SOURCES)]) == 0
    out = capsys.readouterr().out
    assert "facts 4 · entities 4 · sources 2 · topics 3 · contested facts 1" in out
    assert "en: statements 4/4 facts, names 4/4 entities" in out
    assert "quotes: 6/6 verified against" in out
