"""The compiled bank cache: read back instead of built, rebuilt whenever anything it was made
from changes, never trusted when damaged or foreign, and whole when two processes build at once."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
import pickle
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

import cli
from decks.loader import load_deck
from decks.model import Deck
from decks.problems import DeckError
from questions import QuestionBank, build_bank, check
from questions import cache as bank_cache
from questions.cache import (
    CACHE_VARIABLE,
    NO_CACHE_VARIABLE,
    CompiledBank,
    cached_deck,
    compiled_bank,
)
from questions.jsonl import lines

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MINI = PROJECT_ROOT / "tests" / "decks" / "mini"
MINI_SOURCES = PROJECT_ROOT / "tests" / "decks" / "sources"


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini deck, with the cache on in a folder of its own."""
    monkeypatch.delenv(NO_CACHE_VARIABLE, raising=False)
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setenv("FACTDECK_SOURCES", str(MINI_SOURCES))
    return Path(shutil.copytree(MINI, tmp_path / "mini"))


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the banks the cache builds (one entry per build, the deck's id)."""
    built: list[str] = []

    def counting(deck: Deck, seed: int = 0, langs: Iterable[str] | None = None) -> QuestionBank:
        built.append(deck.id)
        return build_bank(deck, seed, langs)

    monkeypatch.setattr(bank_cache, "build_bank", counting)
    return built


def entries() -> list[Path]:
    return sorted((bank_cache.cache_dir()).glob("*.bank"))


def fresh(directory: Path, seed: int = 0) -> CompiledBank:
    bank = build_bank(load_deck(directory, MINI_SOURCES), seed=seed)
    return CompiledBank(bank, tuple(check(bank)))


def same(one: CompiledBank, other: CompiledBank) -> bool:
    return (
        one.deck == other.deck
        and list(lines(one.bank)) == list(lines(other.bank))
        and one.violations == other.violations
        and one.bank.seed == other.bank.seed
    )


def test_a_second_load_reads_the_bank_without_building(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = compiled_bank(deck)
    assert same(first, fresh(deck))
    assert len(entries()) == 1

    def refuse(*args: object, **kwargs: object) -> QuestionBank:
        raise AssertionError("the cached bank should have been read")

    monkeypatch.setattr(bank_cache, "build_bank", refuse)
    monkeypatch.setattr(bank_cache, "load_deck", refuse)
    second = compiled_bank(deck)
    assert same(second, first)
    assert second.bank.by_id[first.bank.questions[0].id] == first.bank.questions[0]


def test_the_seed_and_the_languages_have_entries_of_their_own(
    deck: Path, builds: list[str]
) -> None:
    compiled_bank(deck)
    compiled_bank(deck, seed=3)
    english = compiled_bank(deck, langs=["en"])
    assert {q.lang for q in english.bank.questions} == {"en"}
    assert same(compiled_bank(deck, seed=3), fresh(deck, seed=3))
    assert len(builds) == 3
    assert len(entries()) == 3


def _edit_statement(deck: Path) -> None:
    facts = deck / "facts" / "dairen.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("en: The talks opened at Dairen", "en: Talks opened at Dairen"))


def _edit_entities(deck: Path) -> None:
    with (deck / "entities.yaml").open("a", encoding="utf-8") as entities:
        entities.write("# a curator's note\n")


def _add_reviews(deck: Path) -> None:
    (deck / "reviews.yaml").write_text("[]\n", encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_statement, _edit_entities, _add_reviews])
def test_any_change_to_a_deck_file_rebuilds(
    deck: Path, builds: list[str], change: Callable[[Path], None]
) -> None:
    compiled_bank(deck)
    compiled_bank(deck)
    assert builds == ["mini"]
    change(deck)
    rebuilt = compiled_bank(deck)
    assert builds == ["mini", "mini"]
    assert same(rebuilt, fresh(deck))
    assert len(entries()) == 1, "the entry of the old content is dropped"


def test_a_changed_statement_reaches_the_bank(deck: Path) -> None:
    before = compiled_bank(deck)
    _edit_statement(deck)
    after = compiled_bank(deck)
    assert "Talks opened at Dairen" in after.deck.facts[0].statement["en"]
    assert before.deck.facts[0].statement != after.deck.facts[0].statement


def test_a_changed_source_text_is_checked_again(deck: Path, tmp_path: Path) -> None:
    sources = Path(shutil.copytree(MINI_SOURCES, tmp_path / "sources"))
    compiled_bank(deck, sources)
    chronicle = sources / "mini-chronicle.txt"
    chronicle.write_text(
        chronicle.read_text(encoding="utf-8").replace("The talks opened at Dairen", "Talks began"),
        encoding="utf-8",
    )
    with pytest.raises(DeckError) as refused:
        compiled_bank(deck, sources)
    assert any("is not in" in problem.message for problem in refused.value.problems)


def _truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def _flip_a_byte(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF
    entry.write_bytes(bytes(data))


def _garbage(entry: Path) -> None:
    entry.write_bytes(b"\x80\x05 not a bank at all")


def _cut_in_the_header(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[:20])


@pytest.mark.parametrize("damage", [_truncate, _flip_a_byte, _garbage, _cut_in_the_header])
def test_a_damaged_entry_is_rebuilt_with_a_log_line(
    deck: Path,
    builds: list[str],
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
) -> None:
    compiled_bank(deck)
    (entry,) = entries()
    damage(entry)
    with caplog.at_level(logging.INFO, logger=bank_cache.__name__):
        rebuilt = compiled_bank(deck)
    assert builds == ["mini", "mini"]
    assert same(rebuilt, fresh(deck))
    said = [r.getMessage() for r in caplog.records if r.name == bank_cache.__name__]
    assert len(said) == 1 and "rebuilding" in said[0]
    assert caplog.records[-1].levelno == logging.WARNING
    compiled_bank(deck)
    assert len(builds) == 2, "the rebuilt entry is whole again"


def test_a_pickle_that_does_not_unpickle_is_rebuilt(
    deck: Path, builds: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Damage the digest cannot see (a pickle written wrong) still never reaches the user."""
    compiled_bank(deck)
    (entry,) = entries()
    head, _, _ = entry.read_bytes().partition(b"\n\n")
    payload = b"\x80\x05K\x01."  # a pickled 1, which is not an entry
    fields = head.split(b" ")
    fields[4] = hashlib.blake2b(payload).hexdigest().encode()
    entry.write_bytes(b" ".join(fields) + b"\n\n" + payload)
    with caplog.at_level(logging.INFO, logger=bank_cache.__name__):
        assert same(compiled_bank(deck), fresh(deck))
    assert builds == ["mini", "mini"]
    assert "unreadable" in caplog.records[-1].getMessage()


def test_an_entry_from_another_version_is_ignored(
    deck: Path, builds: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    compiled_bank(deck)
    (entry,) = entries()
    head, _, payload = entry.read_bytes().partition(b"\n\n")
    fields = head.split(b" ")
    fields[2] = b"0.0.1+0123456789abcdef"
    entry.write_bytes(b" ".join(fields) + b"\n\n" + payload)
    with caplog.at_level(logging.INFO, logger=bank_cache.__name__):
        assert same(compiled_bank(deck), fresh(deck))
    assert builds == ["mini", "mini"]
    assert "another version" in caplog.records[-1].getMessage()


def test_an_entry_of_another_deck_content_is_ignored(deck: Path, builds: list[str]) -> None:
    compiled_bank(deck)
    (entry,) = entries()
    old = entry.read_bytes()
    _edit_statement(deck)
    compiled_bank(deck)
    (new_entry,) = entries()
    new_entry.write_bytes(old)  # the old content's entry under the new content's name
    assert same(compiled_bank(deck), fresh(deck))
    assert builds == ["mini"] * 3


def test_a_version_change_is_a_new_key(
    deck: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled_bank(deck)
    monkeypatch.setattr(bank_cache, "version_label", lambda: "9.9.9+feedfacefeedface")
    compiled_bank(deck)
    assert builds == ["mini", "mini"]


def test_a_folder_others_can_write_is_not_used(
    deck: Path, builds: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    folder = bank_cache.cache_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    with caplog.at_level(logging.INFO, logger=bank_cache.__name__):
        assert same(compiled_bank(deck), fresh(deck))
        compiled_bank(deck)
    assert builds == ["mini", "mini"]
    assert entries() == []
    assert "writable by other users" in caplog.records[-1].getMessage()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777


def test_a_cache_that_cannot_be_written_is_passed_by(
    deck: Path, builds: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_VARIABLE, str(blocker))
    assert same(compiled_bank(deck), fresh(deck))
    assert builds == ["mini"]


def test_no_cache_neither_reads_nor_writes(
    deck: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled_bank(deck, use_cache=False)
    assert entries() == []
    monkeypatch.setenv(NO_CACHE_VARIABLE, "1")
    compiled_bank(deck)
    assert entries() == []
    monkeypatch.setenv(NO_CACHE_VARIABLE, "0")
    compiled_bank(deck)
    compiled_bank(deck)
    assert len(entries()) == 1
    assert builds == ["mini"] * 3


def test_the_command_line_uses_the_cache_unless_told_not_to(
    deck: Path, builds: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bank.jsonl"
    assert cli.main(["build", str(deck), "--no-cache", "--out", str(out)]) == 0
    assert entries() == []
    assert cli.main(["build", str(deck), "--out", str(out)]) == 0
    assert cli.main(["build", str(deck), "--out", str(out)]) == 0
    assert builds == ["mini", "mini"]
    expected = "".join(line + "\n" for line in lines(fresh(deck).bank))
    assert out.read_text(encoding="utf-8") == expected
    csv = tmp_path / "bank.csv"
    assert cli.main(["export", "csv", str(deck), "-o", str(csv)]) == 0
    assert cli.main(["export", "csv", str(deck), "-o", str(csv), "--no-cache"]) == 0
    assert builds == ["mini"] * 3, "the export read the bank the build stored"
    gift = tmp_path / "bank.txt"
    assert cli.main(["export", "gift", str(deck), "-o", str(gift), "--lang", "en"]) == 0
    assert cli.main(["export", "gift", str(deck), "-o", str(gift), "--lang", "en"]) == 0
    assert builds == ["mini"] * 4, "an English export has an entry of its own"


def _build_in_another_process(
    deck: str, cache: str, sources: str, start: multiprocessing.synchronize.Barrier
) -> None:
    os.environ[CACHE_VARIABLE] = cache
    os.environ["FACTDECK_SOURCES"] = sources
    os.environ.pop(NO_CACHE_VARIABLE, None)
    start.wait()
    compiled = compiled_bank(deck)
    Path(cache, f"answer-{os.getpid()}.jsonl").write_text(
        "".join(line + "\n" for line in lines(compiled.bank)), encoding="utf-8"
    )


def test_two_processes_building_at_once_both_end_with_a_correct_bank(
    deck: Path, builds: list[str]
) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    cache = bank_cache.cache_dir().parent
    cache.mkdir(parents=True)
    workers = [
        context.Process(
            target=_build_in_another_process,
            args=(str(deck), str(cache), str(MINI_SOURCES), start),
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    expected = "".join(line + "\n" for line in lines(fresh(deck).bank))
    answers = sorted(cache.glob("answer-*.jsonl"))
    assert len(answers) == 2
    assert all(answer.read_text(encoding="utf-8") == expected for answer in answers)
    (entry,) = entries()
    assert not list(entry.parent.glob("*.tmp")), "no temporary file is left behind"
    assert same(compiled_bank(deck), fresh(deck))
    assert builds == [], "the entry on disk loads"


@pytest.fixture
def app_decks(deck: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's deck list holding the mini deck copy, its per-process caches empty."""
    from app_pages import common

    monkeypatch.setenv("FACTDECK_DECKS", str(deck))
    for cached in (common.loaded_decks, common.compiled):
        cached.clear()
    yield deck
    for cached in (common.loaded_decks, common.compiled):
        cached.clear()


def test_the_app_reads_its_bank_from_the_cache(
    app_decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_pages import common

    stored = compiled_bank(app_decks)

    def refuse(*args: object, **kwargs: object) -> QuestionBank:
        raise AssertionError("the cached bank should have been read")

    monkeypatch.setattr(bank_cache, "build_bank", refuse)
    assert same(common.compiled("mini"), stored)
    assert common.question_bank("mini").questions == stored.bank.questions


def test_the_app_builds_afresh_when_told_to(
    app_decks: Path, builds: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_pages import common

    compiled_bank(app_decks)
    monkeypatch.setenv(NO_CACHE_VARIABLE, "1")
    assert same(common.compiled("mini"), fresh(app_decks))
    assert builds == ["mini", "mini"]


def test_the_app_keeps_its_deck_when_the_folder_breaks_after_loading(app_decks: Path) -> None:
    from app_pages import common

    loaded = common.loaded_decks()["mini"]
    (app_decks / "facts" / "dairen.yaml").write_text("- id: [broken\n", encoding="utf-8")
    with pytest.raises(DeckError):
        compiled_bank(app_decks)
    kept = common.compiled("mini")
    assert kept.deck == loaded
    assert list(lines(kept.bank)) == list(lines(build_bank(loaded)))


def test_a_valid_deck_alone_is_cached_too(deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cached_deck(deck)
    assert first == load_deck(deck, MINI_SOURCES)
    assert len(entries()) == 1, "the deck's entry is not its bank's"

    def refuse(*args: object, **kwargs: object) -> Deck:
        raise AssertionError("the cached deck should have been read")

    monkeypatch.setattr(bank_cache, "load_deck", refuse)
    assert cached_deck(deck) == first
    monkeypatch.setattr(bank_cache, "load_deck", load_deck)
    _edit_statement(deck)
    assert cached_deck(deck) == load_deck(deck, MINI_SOURCES) != first


def test_a_deck_with_problems_is_refused_and_never_stored(deck: Path) -> None:
    (deck / "facts" / "dairen.yaml").write_text("- id: [broken\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DeckError):
            cached_deck(deck)
        with pytest.raises(DeckError):
            compiled_bank(deck)
    assert entries() == []


def test_the_app_lists_its_decks_from_the_cache(
    app_decks: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app_pages import common

    broken = Path(shutil.copytree(MINI, tmp_path / "decks" / "broken"))
    (broken / "facts" / "dairen.yaml").write_text("- id: [broken\n", encoding="utf-8")
    monkeypatch.setenv("FACTDECK_DECKS", f"{app_decks}{os.pathsep}{broken.parent}")
    listed = common.loaded_decks()
    assert "mini" in listed and "broken" not in listed
    common.loaded_decks.clear()
    real = load_deck

    def only_the_broken_one(directory: Path, sources: Path | None = None) -> Deck:
        assert Path(directory).name == "broken", "a valid deck should have been read"
        return real(directory, sources)

    monkeypatch.setattr(bank_cache, "load_deck", only_the_broken_one)
    assert common.loaded_decks() == listed


def test_a_pickled_bank_comes_back_equal_frozen_and_sharing_what_it_shared() -> None:
    """What `decks.frozen.quick_pickle` gives every dataclass of a deck and its bank."""
    deck = load_deck(MINI, MINI_SOURCES)
    bank = build_bank(deck)
    back_deck, back = pickle.loads(pickle.dumps((deck, bank.questions), pickle.HIGHEST_PROTOCOL))
    assert back == bank.questions and back_deck.facts == deck.facts
    assert back_deck.entities == deck.entities and back_deck.sources == deck.sources
    dated = [f.date for f in deck.facts if f.date is not None]
    assert [hash(f.date) for f in back_deck.facts if f.date is not None] == list(map(hash, dated))
    by_fact = {}
    for question in back:
        assert by_fact.setdefault(question.fact_ids, question.fact_ids) is question.fact_ids
    with pytest.raises(dataclasses.FrozenInstanceError):
        back[0].prompt = "changed"  # type: ignore[misc]
