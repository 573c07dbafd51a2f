"""`factdeck export`: the real deck in a fresh Anki collection, updates in place, errors."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter

import pytest
from conftest import PROJECT_ROOT, REAL_DECK
from export_samples import fresh_collection, import_package

import cli
from decks.loader import load_deck
from exporters.anki import anki_notes, subdeck_name, write_anki_package
from exporters.selection import parse_selection, selected_questions
from questions.model import Kind

MINI_DECK = PROJECT_ROOT / "tests" / "decks" / "mini"
MINI_SOURCES = PROJECT_ROOT / "tests" / "decks" / "sources"
PROBLEM_KINDS = ("duplicate", "conflicting", "first_field_match", "missing_notetype")
PROBLEM_KINDS += ("missing_deck", "empty_first_field")


def problems(log) -> dict[str, int]:
    return {kind: len(getattr(log, kind)) for kind in PROBLEM_KINDS if len(getattr(log, kind))}


def test_the_real_deck_imports_cleanly_and_every_card_renders_both_sides(tmp_path, sources_dir):
    deck = load_deck(REAL_DECK, sources_dir)
    questions = selected_questions(deck, parse_selection(deck, "both")).questions
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    with (tmp_path / "real.apkg").open("wb") as out:
        summary = write_anki_package(deck, questions, out, now=now)

    col = fresh_collection(tmp_path)
    log = import_package(col, tmp_path / "real.apkg")
    assert problems(log) == {}
    reverses = [q for q in questions if q.extra.get("side") == "reverse"]
    assert len(log.new) == col.note_count() == summary.notes == len(questions) - len(reverses)
    assert col.card_count() == summary.cards == len(questions)

    names = {t.id: subdeck_name(deck, _path(deck, t.id), "en") for t in deck.topics}
    expected = Counter(names[q.topic] for q in questions)
    found = Counter(col.decks.name(col.get_card(c).did) for c in col.find_cards(""))
    assert found == expected

    by_guid = {n.guid: n for n in anki_notes(deck, questions)}
    seen_types = set()
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        note = by_guid[card.note().guid]
        seen_types.add(note.note_type.name)
        front, back = card.question(), card.answer()
        prompt = note.fields[2] if card.ord == 1 else note.fields[0]
        if note.note_type.cloze:
            assert '<span class="cloze"' in front
        else:
            assert f'<div class="fd-prompt">{prompt}' in front
        assert '<hr id="answer">' in back and '<div class="fd-source">' in back
        assert '<hr id="answer">' not in front and '<div class="fd-source">' not in front
    assert seen_types == set(summary.note_types)
    col.close()


def _path(deck, topic_id):
    parents = {t.id: t.parent for t in deck.topics}
    path = [topic_id]
    while parents[path[0]]:
        path.insert(0, parents[path[0]])
    return tuple(path)


def test_reimporting_after_a_fact_is_reworded_updates_the_notes_in_place(tmp_path, capsys):
    deck_dir = shutil.copytree(MINI_DECK, tmp_path / "mini")
    export = ["export", "anki", str(deck_dir), "--sources", str(MINI_SOURCES), "-o"]
    assert cli.main([*export, str(tmp_path / "v1.apkg"), "--timestamp", "1740787200"]) == 0

    facts = deck_dir / "facts" / "dairen.yaml"
    old = "The talks opened at Dairen on 26 August 1921."
    new = "The talks opened at the port of Dairen on 26 August 1921."
    facts.write_text(facts.read_text(encoding="utf-8").replace(f"en: {old}", f"en: {new}"))
    assert cli.main([*export, str(tmp_path / "v2.apkg"), "--timestamp", "2025-03-02T00:00"]) == 0
    capsys.readouterr()

    deck = load_deck(deck_dir, MINI_SOURCES)
    col = fresh_collection(tmp_path)
    first = import_package(col, tmp_path / "v1.apkg")
    notes, cards = sorted(col.find_notes("")), sorted(col.find_cards(""))
    assert len(col.find_notes(f'"Context:{old}"')) > 0
    second = import_package(col, tmp_path / "v2.apkg")

    assert problems(first) == problems(second) == {}
    assert len(second.updated) == len(notes) and not second.new
    assert sorted(col.find_notes("")) == notes and sorted(col.find_cards("")) == cards
    assert col.find_notes(f'"Context:{old}"') == []
    reworded = [
        q
        for q in selected_questions(deck, parse_selection(deck)).questions
        if q.fact_ids == ("dairen-opens",) and q.lang == "en" and q.extra.get("side") != "reverse"
    ]
    assert len(col.find_notes('"the port of Dairen"')) == len(reworded) > 0
    col.close()


def test_the_same_deck_and_timestamp_give_identical_files(tmp_path, capsys):
    export = ["export", "anki", str(MINI_DECK), "--sources", str(MINI_SOURCES)]
    for name in ("a.apkg", "b.apkg"):
        assert cli.main([*export, "-o", str(tmp_path / name), "--timestamp", "1740787200"]) == 0
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    out = capsys.readouterr().out
    assert f"Wrote {tmp_path / 'a.apkg'}: " in out
    assert "A tiny deck::The Dairen Conference: " in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.apkg", "b.apkg"]


def test_language_topic_and_kind_choices_narrow_the_package(tmp_path, capsys):
    target = tmp_path / "ru.apkg"
    args = ["export", "anki", str(MINI_DECK), "--sources", str(MINI_SOURCES), "-o", str(target)]
    args += ["--lang", "ru", "--topics", "intervention", "--kinds", "flashcard"]
    assert cli.main(args) == 0
    capsys.readouterr()
    col = fresh_collection(tmp_path)
    import_package(col, target)
    tags = Counter(tag for n in col.find_notes("") for tag in col.get_note(n).tags)
    assert tags["lang::ru"] == tags["kind::flashcard"] == col.note_count() > 0
    assert tags["topic::intervention::nikolaevsk"] == col.note_count()
    names = {col.decks.name(col.get_card(c).did) for c in col.find_cards("")}
    assert names == {"Крошечная колода::Интервенция::Николаевский инцидент"}
    col.close()


def test_csv_export_writes_one_row_per_question(tmp_path, capsys):
    target = tmp_path / "bank.csv"
    args = ["export", "csv", str(MINI_DECK), "--sources", str(MINI_SOURCES), "-o", str(target)]
    assert cli.main(args) == 0
    deck = load_deck(MINI_DECK, MINI_SOURCES)
    count = len(selected_questions(deck, parse_selection(deck)).questions)
    assert capsys.readouterr().out == f"Wrote {target}: {count} questions\n"
    assert target.read_bytes().startswith("\ufeffid,lang,kind".encode())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--topics", "dairen,nowhere"],
            "factdeck export anki: deck mini has no topic 'nowhere':"
            " choose from intervention, nikolaevsk, dairen\n",
        ),
        (
            ["--lang", "de"],
            "factdeck export anki: deck mini has no language 'de': choose en, ru, both\n",
        ),
        (
            ["--kinds", "essay"],
            "factdeck export anki: no question kind 'essay' for this export: choose from "
            + ", ".join(k.value for k in Kind)
            + "\n",
        ),
    ],
)
def test_unknown_choices_are_command_line_errors(tmp_path, capsys, extra, message):
    args = ["export", "anki", str(MINI_DECK), "--sources", str(MINI_SOURCES)]
    assert cli.main([*args, "-o", str(tmp_path / "x.apkg"), *extra]) == 2
    assert capsys.readouterr().err == message
    assert list(tmp_path.iterdir()) == []


def test_a_bad_timestamp_or_a_missing_format_is_refused_by_the_parser(tmp_path, capsys):
    args = ["export", "anki", str(MINI_DECK), "-o", str(tmp_path / "x.apkg")]
    with pytest.raises(SystemExit) as exited:
        cli.main([*args, "--timestamp", "yesterday"])
    assert exited.value.code == 2
    assert "'yesterday' is not a time: give ISO 8601" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        cli.main(["export"])
    assert exited.value.code == 2


def test_a_missing_output_folder_is_an_input_error(tmp_path, capsys):
    target = tmp_path / "nowhere" / "x.apkg"
    args = ["export", "anki", str(MINI_DECK), "--sources", str(MINI_SOURCES), "-o", str(target)]
    assert cli.main(args) == 1
    assert capsys.readouterr().err == (
        f"factdeck export anki: cannot write {target}: folder {target.parent} does not exist\n"
    )


def test_a_deck_with_problems_is_not_exported(tmp_path, capsys):
    deck_dir = shutil.copytree(MINI_DECK, tmp_path / "mini")
    (deck_dir / "facts" / "broken.yaml").write_text("- id: Not Kebab\n", encoding="utf-8")
    target = tmp_path / "x.apkg"
    assert cli.main(["export", "anki", str(deck_dir), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "mini/facts/broken.yaml:1:" in err
    assert err.endswith(f"\n{deck_dir} has problems; fix them and export again\n")
    assert not target.exists()
