"""Each broken deck under tests/broken_decks/ has one defect; the validator must name it exactly.

A case folder holds the files that replace the valid mini deck's (and a REMOVE list where a file
goes missing); expected.txt holds the exact problem lines `factdeck validate` must print.
"""

import pytest
from broken_decks import CASES, MINI_DECK, MINI_SOURCES, assemble, case_names

import cli
from decks.loader import check_deck


def test_the_corpus_is_large_enough():
    assert len(case_names()) >= 25


def test_the_base_deck_is_valid():
    result = check_deck(MINI_DECK, MINI_SOURCES)
    assert result.problems == []
    assert result.quotes.verified == result.quotes.total > 0


@pytest.mark.parametrize("case", case_names())
def test_broken_deck_reports_its_defect_at_its_location(case, tmp_path):
    deck = assemble(case, tmp_path)
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case} has no expected problems"
    problems = [str(p) for p in check_deck(deck, MINI_SOURCES).problems]
    assert problems == expected


@pytest.mark.parametrize("case", case_names())
def test_cli_prints_located_problems_and_exits_1(case, tmp_path, capsys):
    deck = assemble(case, tmp_path)
    code = cli.main(["validate", str(deck), "--sources", str(MINI_SOURCES)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert out.splitlines() == expected
    assert f"{len(expected)} problem" in err
