"""What an export holds: the checked choices, subtopics, held-back items; and the escaping rules."""

from __future__ import annotations

import pytest
from conftest import PROJECT_ROOT

from decks.loader import load_deck
from exporters.errors import SelectionError
from exporters.escape import (
    anki_cloze_answer,
    anki_deck_name_part,
    anki_tag,
    anki_text,
    html_text,
)
from exporters.selection import GatedBank, Selection, choose, gate, parse_selection
from questions import Violation, build_bank
from questions.model import Kind

MINI = load_deck(
    PROJECT_ROOT / "tests" / "decks" / "mini", PROJECT_ROOT / "tests" / "decks" / "sources"
)


def test_choices_are_checked_and_normalised():
    assert parse_selection(MINI, "both") == Selection(langs=("en", "ru"))
    assert parse_selection(MINI, "all").langs == ("en", "ru")
    chosen = parse_selection(MINI, "ru", ["dairen, intervention"], ["multiple-choice", "flashcard"])
    assert chosen == Selection(
        langs=("ru",),
        topics=("dairen", "intervention"),
        kinds=(Kind.MULTIPLE_CHOICE, Kind.FLASHCARD),
    )
    with pytest.raises(SelectionError) as raised:
        parse_selection(MINI, "en", kinds=["essay"], supported=(Kind.FLASHCARD, Kind.TYPED))
    assert str(raised.value) == (
        "no question kind 'essay' for this export: choose from flashcard, typed"
    )


def test_a_topic_brings_its_subtopics():
    gated = gate(build_bank(MINI))
    chosen = choose(gated, parse_selection(MINI, "en", ["intervention"]))
    assert chosen.questions and {q.topic for q in chosen} == {"nikolaevsk"}
    assert len(chosen) == len(chosen.questions) and list(chosen) == list(chosen.questions)


def test_items_the_quality_gate_flags_are_held_back():
    bank = build_bank(MINI)
    flagged = next(q for q in bank.questions if q.topic == "nikolaevsk")
    violation = Violation(flagged.id, "options", "two options are the same")
    gated = GatedBank(bank, {flagged.id: violation})
    chosen = choose(gated, Selection(langs=("en", "ru")))
    assert flagged not in chosen.questions
    assert len(chosen.questions) == len(bank) - 1
    assert chosen.held_back == (violation,)
    assert choose(gated, Selection(langs=("en",), topics=("dairen",))).held_back == ()
    assert gate(bank).flagged == {}


def test_anki_text_is_shown_literally_by_anki():
    assert anki_text("plain text") == "plain text"
    assert anki_text("<b>&'\"") == "&lt;b&gt;&amp;&#x27;&quot;"
    assert (
        anki_text("[sound:x.mp3] {{c1::y}}")
        == "&#91;sound:x.mp3&#93; &#123;&#123;c1::y&#125;&#125;"
    )
    assert anki_text("line one\nline two") == "line one<br>line two"
    assert anki_cloze_answer("a::b}}") == "a&#58;&#58;b&#125;&#125;"
    assert html_text("<a href='x'>") == "&lt;a href=&#x27;x&#x27;&gt;"


def test_tags_and_deck_names_keep_their_separators_meaningful():
    assert anki_tag("topic", "intervention", "nikolaevsk") == "topic::intervention::nikolaevsk"
    assert anki_tag("source", "two words\there") == "source::two_words_here"
    assert anki_deck_name_part("  The A::B  conference ") == "The A:B conference"
