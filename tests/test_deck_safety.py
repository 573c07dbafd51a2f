"""Hostile deck files are refused up front with a located message, and nothing runs from YAML."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from broken_decks import MINI_DECK, MINI_SOURCES, assemble
from conftest import PROJECT_ROOT

import cli
from decks.files import FileRefused, read_confined
from decks.loader import check_deck
from decks.safe_yaml import MAX_FILE_BYTES
from questions import build_bank

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
        "mini/facts/bomb.yaml:2:7: YAML anchors and aliases (&name / *name) are not allowed"
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


# -- what a deck may read ----------------------------------------------------------------------

SECRET = "Xq7hunter2"
"""Stands in for what a deck must never see: a password in the environment, /etc/passwd."""


def secret_file(folder: Path) -> Path:
    """A file outside the deck whose text is close to a quote, so a leak would show it."""
    folder.mkdir(exist_ok=True)
    path = folder / "secret.txt"
    path.write_text(f"The talks opened at Dairen {SECRET} on 26 August 1921.\n", encoding="utf-8")
    return path


def with_source_file(deck: Path, file_name: str) -> None:
    sources = deck / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("file: mini-chronicle.txt", f"file: '{file_name}'"))


def validate(deck: Path, sources: Path, capsys) -> str:
    code = cli.main(["validate", str(deck), "--sources", str(sources)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    return out + err


@pytest.mark.parametrize("how", ["absolute", "dot-dot", "symlink", "symlinked-folder"])
def test_a_source_text_outside_the_sources_folder_is_refused_unread(how, tmp_path, capsys):
    deck = shutil.copytree(MINI_DECK, tmp_path / "decks" / "mini")
    sources = shutil.copytree(MINI_SOURCES, tmp_path / "sources")
    secret = secret_file(tmp_path / "private")
    names = {
        "absolute": str(secret),
        "dot-dot": "../private/secret.txt",
        "symlink": "chronicle-link.txt",
        "symlinked-folder": "elsewhere/secret.txt",
    }
    (sources / "chronicle-link.txt").symlink_to(secret)
    (sources / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    with_source_file(deck, names[how])
    assert SECRET not in validate(deck, sources, capsys)
    problems = [str(p) for p in check_deck(deck, sources).problems]
    hints = {
        "absolute": f"source text '{secret}' is an absolute path",
        "dot-dot": "source text '../private/secret.txt' climbs out of its folder with '..'",
        "symlink": "source text 'chronicle-link.txt' is a link that leads outside the"
        " sources folder",
        "symlinked-folder": "source text 'elsewhere/secret.txt' is a link that leads outside"
        " the sources folder",
    }
    assert problems == [
        f"mini/sources.yaml:2:9: {hints[how]} — "
        + (
            "copy the file into the sources folder instead of linking to it"
            if "link" in how
            else "name a file inside the sources folder, e.g. `file: chronicle.txt`"
        )
    ]


@pytest.mark.parametrize("name", ["/etc/passwd", "../" * 12 + "etc/passwd"])
def test_validate_never_shows_a_line_of_etc_passwd(name, tmp_path, capsys):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    with_source_file(deck, name)
    assert "root:" not in validate(deck, MINI_SOURCES, capsys)


def test_a_deck_file_linked_from_outside_the_deck_is_refused_unread(tmp_path, capsys):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"- id: {SECRET}\n", encoding="utf-8")
    (deck / "facts" / "linked.yaml").symlink_to(outside)
    assert SECRET not in validate(deck, MINI_SOURCES, capsys)
    problems = [str(p) for p in check_deck(deck, MINI_SOURCES).problems]
    assert problems == [
        "mini/facts/linked.yaml:1:1: file is a link that leads outside the deck folder"
        " — copy the file into the deck folder instead of linking to it"
    ]


def test_a_link_inside_the_deck_folder_is_read(tmp_path):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    (deck / "facts" / "dairen.yaml").rename(deck / "dairen-facts.txt")
    (deck / "facts" / "dairen.yaml").symlink_to(deck / "dairen-facts.txt")
    assert check_deck(deck, MINI_SOURCES).problems == []


# -- hostile files: each refused quickly with a located message ----------------------------

_CHECK = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from decks.loader import check_deck
start = time.perf_counter()
problems = [str(p) for p in check_deck(sys.argv[1], sys.argv[2]).problems]
print(json.dumps({"seconds": time.perf_counter() - start, "problems": problems}))
"""


def checked_apart(deck: Path, sources: Path) -> list[str]:
    """Check the deck in a child process with a memory cap and a timeout, so a regression
    (a pipe that blocks, a device that never ends) fails this test instead of hanging the suite;
    the deck must be checked within 2 seconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHECK, str(deck), str(sources)],
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("checking the deck did not finish within 60 s")
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["seconds"] < 2
    return result["problems"]


def _deep(deck: Path, sources: Path) -> None:
    (deck / "facts" / "deep.yaml").write_text("- " + "[" * 330 + "]" * 330 + "\n")


def _fifo(deck: Path, sources: Path) -> None:
    os.mkfifo(deck / "facts" / "x.yaml")


def _dev_zero(deck: Path, sources: Path) -> None:
    (deck / "facts" / "x.yaml").symlink_to("/dev/zero")


def _dangling(deck: Path, sources: Path) -> None:
    (deck / "facts" / "x.yaml").symlink_to(deck / "facts" / "gone.yaml")


def _folder(deck: Path, sources: Path) -> None:
    (deck / "facts" / "x.yaml").mkdir()


def _source_not_utf8(deck: Path, sources: Path) -> None:
    chronicle = sources / "mini-chronicle.txt"
    chronicle.write_bytes(chronicle.read_bytes() + b"\nDairen \xff\xfe\n")


def _long_integer(deck: Path, sources: Path) -> None:
    path = deck / "facts" / "nikolaevsk.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 2", "value: " + "9" * 5000, 1), encoding="utf-8")


def _two_million_nodes(deck: Path, sources: Path) -> None:
    (deck / "facts" / "many.yaml").write_text("[" + "a," * (MAX_FILE_BYTES // 2 - 2) + "a]\n")


def _long_quote(deck: Path, sources: Path) -> None:
    chronicle = sources / "mini-chronicle.txt"
    chronicle.write_text(chronicle.read_text() + "The delegates talked at length. " * 1000)
    path = deck / "facts" / "dairen.yaml"
    quote = "The delegates talked at Dairen. " * 1000
    text = path.read_text(encoding="utf-8")
    text = text.replace("quote: The talks opened at Dairen on 26 August 1921.", f"quote: {quote}")
    path.write_text(text, encoding="utf-8")


def _year_zero(deck: Path, sources: Path) -> None:
    path = deck / "facts" / "dairen.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 1921-08-26", "date: 0000-01-01"), encoding="utf-8")


def _chained_topics(deck: Path, sources: Path) -> None:
    header = deck / "deck.yaml"
    parents = ["dairen"] + [f"t{n}" for n in range(399)]
    chain = "".join(
        f"  - id: t{n}\n    title: {{en: T{n}, ru: Т{n}}}\n    parent: {parent}\n"
        for n, parent in enumerate(parents)
    )
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace("topics:\n", "topics:\n" + chain, 1), encoding="utf-8")


def _many_topics(deck: Path, count: int) -> None:
    header = deck / "deck.yaml"
    extra = "".join(f"  - id: x{n}\n    title: {{en: X{n}, ru: Х{n}}}\n" for n in range(count))
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace("topics:\n", "topics:\n" + extra, 1), encoding="utf-8")


HOSTILE = {
    "330 nested brackets": (
        _deep,
        "mini/facts/deep.yaml:1:52: lists and mappings are nested more than 50 deep here"
        " — close the brackets or indent less: a few levels are enough",
    ),
    "a named pipe": (
        _fifo,
        "mini/facts/x.yaml:1:1: file is a named pipe, not a regular file"
        " — only regular files are read; remove it or put a file in its place",
    ),
    "a link to /dev/zero": (
        _dev_zero,
        "mini/facts/x.yaml:1:1: file is a link that leads outside the deck folder"
        " — copy the file into the deck folder instead of linking to it",
    ),
    "a dangling link": (
        _dangling,
        "mini/facts/x.yaml:1:1: file is a link to a file that does not exist"
        " — fix the link or remove it",
    ),
    "a folder named x.yaml": (
        _folder,
        "mini/facts/x.yaml:1:1: file is a folder, not a file"
        " — rename the folder or move it out of the way",
    ),
    "a source text not in UTF-8": (
        _source_not_utf8,
        "mini/sources.yaml:2:9: source text 'mini-chronicle.txt' is not valid UTF-8"
        " (line 7 of the text) — save the text as UTF-8",
    ),
    "a 5,000-digit integer": (
        _long_integer,
        "mini/facts/nikolaevsk.yaml:34:14: number is 5,000 characters long; a number may have"
        " at most 32 — write it with fewer digits, or put it in quotes if it is text",
    ),
    "4 MiB of two million nodes": (
        _two_million_nodes,
        "mini/facts/many.yaml:1:800000: file has more than 400,000 YAML nodes"
        " — split it into several files",
    ),
    "a quote of 32,000 characters": (
        _long_quote,
        "mini/facts/dairen.yaml:16:14: 'quote' of a citation of fact 'dairen-opens' is 31,999"
        " characters long; a quote may have at most 1,000"
        " — quote only the passage that supports the fact",
    ),
    "400 topics each under the one before": (
        _chained_topics,
        "mini/deck.yaml:37:13: topic 't8' lies more than 8 levels below a top-level topic"
        " — flatten the tree: topics and a few levels of subtopics are enough",
    ),
    "600 topics": (
        lambda deck, sources: _many_topics(deck, 600),
        "mini/deck.yaml:11:3: the deck has 603 topics, over the limit of 500"
        " — group the facts into fewer topics: a topic is a chapter, not a fact",
    ),
    "year 0": (
        _year_zero,
        "mini/facts/dairen.yaml:8:9: '0000-01-01' in fact 'dairen-opens' has year 0"
        " — years run from 0001 (1 AD) to 9999",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_within_2_seconds_with_a_located_message(case, tmp_path):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    sources = shutil.copytree(MINI_SOURCES, tmp_path / "sources")
    make, expected = HOSTILE[case]
    make(deck, sources)
    assert checked_apart(deck, sources) == [expected]


def test_a_device_is_refused_before_it_is_opened():
    with pytest.raises(FileRefused) as refused:
        read_confined(Path("/dev/zero"), Path("/dev"), MAX_FILE_BYTES)
    assert refused.value.message == "file is a device, not a regular file"


@pytest.mark.parametrize(
    "dates",
    [
        ("0001-01-01", "0001-01", "0001-01-02", "0001-01-03"),
        ("9999-12-31", "9999-12", "9999-12-30", "9999-12-31"),
    ],
)
def test_a_deck_dated_at_the_ends_of_the_calendar_builds(dates, tmp_path):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    dairen = deck / "facts" / "dairen.yaml"
    dairen.write_text(dairen.read_text().replace("date: 1921-08-26", f"date: {dates[0]}"))
    nikolaevsk = deck / "facts" / "nikolaevsk.yaml"
    text = nikolaevsk.read_text().replace("date: 1920-03\n", f"date: {dates[1]}\n")
    text = text.replace("date: 1920-03-11", f"date: {dates[2]}")
    nikolaevsk.write_text(text.replace("date: 1920-03-12", f"date: {dates[3]}"))
    result = check_deck(deck, MINI_SOURCES)
    assert result.problems == []
    assert len(build_bank(result.deck, seed=0)) > 0


def test_closest_passages_are_looked_up_only_within_a_budget(tmp_path, monkeypatch):
    deck = shutil.copytree(MINI_DECK, tmp_path / "mini")
    sources = shutil.copytree(MINI_SOURCES, tmp_path / "sources")
    chronicle = sources / "mini-chronicle.txt"
    chronicle.write_text(chronicle.read_text().replace(" on ", " upon "))
    budget = len("The talks opened at Dairen on 26 August 1921.")
    monkeypatch.setattr("decks.quotes.MAX_HINT_CHARS", budget)
    problems = [str(p) for p in check_deck(deck, sources).problems]
    assert len(problems) == 3
    assert "the closest passage reads" in problems[0]
    assert not any("the closest passage reads" in p for p in problems[1:])


def test_a_folder_swapped_for_a_link_after_the_check_leads_nowhere(tmp_path, monkeypatch):
    """The path is checked, then a folder of the deck is swapped for a link out before the
    open: the open follows no link on the way, so the outside file is never read."""
    deck = tmp_path / "deck"
    (deck / "facts").mkdir(parents=True)
    (deck / "facts" / "x.yaml").write_text("- id: inside\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("- id: SECRET\n")
    real_stat = os.stat

    def swap_then_stat(path, *args, **kwargs):
        found = real_stat(path, *args, **kwargs)
        if Path(path).name == "x.yaml" and not (deck / "facts").is_symlink():
            (deck / "facts").rename(tmp_path / "moved")
            (deck / "facts").symlink_to(outside)
        return found

    monkeypatch.setattr("decks.files.os.stat", swap_then_stat)
    with pytest.raises(FileRefused) as refused:
        read_confined(deck / "facts" / "x.yaml", deck, MAX_FILE_BYTES)
    assert "SECRET" not in str(refused.value)
