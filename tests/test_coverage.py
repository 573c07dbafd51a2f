"""Coverage lists source paragraphs no fact quotes, skipping notes and bibliographies."""

import shutil

from broken_decks import MINI_DECK, MINI_SOURCES
from conftest import REAL_DECK

import cli
from decks.coverage import coverage
from decks.loader import check_deck

UNCITED = (
    "The Japanese delegation then proposed a two-week break, which the other side accepted "
    "after long debate."
)


def test_uncited_paragraph_is_listed_with_its_line(tmp_path):
    sources = shutil.copytree(MINI_SOURCES, tmp_path / "sources")
    chronicle = sources / "mini-chronicle.txt"
    chronicle.write_text(
        chronicle.read_text()
        + f"\n{UNCITED}\n\n<sup>1</sup> A footnote that is long enough to count as a paragraph "
        "if notes were counted.\n\n- A wrapped note line that is long enough to count as well, "
        "had it not been a note.\n\nBIBLIOGRAPHY\n\nA bibliography entry long enough to be "
        "mistaken for a paragraph of substance by a naive rule.\n"
    )
    result = check_deck(MINI_DECK, sources)
    by_source = {entry.source_id: entry for entry in coverage(result.deck, result.texts)}
    chronicle_entry = by_source["chronicle"]
    assert chronicle_entry.citing_facts == 4
    assert [(p.line, p.text) for p in chronicle_entry.uncited] == [(7, UNCITED)]
    assert by_source["encyclopedia"].uncited == ()


def test_cli_prints_coverage_per_source(capsys):
    assert cli.main(["validate", str(MINI_DECK), "--sources", str(MINI_SOURCES), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert (
        "chronicle (mini-chronicle.txt): cited by 4 facts; 2/2 paragraphs of substance cited" in out
    )


def test_real_deck_leaves_no_paragraph_of_substance_uncited(sources_dir):
    result = check_deck(REAL_DECK, sources_dir)
    uncited = {
        entry.file: [f"line {p.line}: {p.text[:60]}" for p in entry.uncited]
        for entry in coverage(result.deck, result.texts)
        if entry.uncited
    }
    assert uncited == {}
    assert all(entry.paragraphs > 0 for entry in coverage(result.deck, result.texts))
