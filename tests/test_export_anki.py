"""Anki packages imported by the real Anki engine: counts, rendering, updates, escaping, bytes."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import sqlite3
import tempfile
import warnings
import zipfile
from dataclasses import replace

import genanki
import pytest
from anki.collection import Collection
from anki.consts import CARD_TYPE_REV
from export_samples import (
    HOSTILE,
    LATER,
    NOW,
    fresh_collection,
    import_package,
    sample_deck,
    sample_questions,
    with_text,
)
from genanki.apkg_schema import APKG_SCHEMA

from exporters.anki import (
    AnkiExport,
    anki_notes,
    derived_id,
    note_guid,
    subdeck_name,
    write_anki_package,
    write_notes,
)
from exporters.anki_notetypes import (
    BASIC,
    CLOZE,
    MULTIPLE_CHOICE,
    NOTE_TYPES,
    TYPED,
    Field,
    genanki_model,
)
from exporters.errors import ExportError
from questions.model import Kind, Question

DAIREN = "Soviet–Japanese diplomacy::The Dairen Conference"
NIKOLAEVSK = "Soviet–Japanese diplomacy::The intervention::The Nikolaevsk incident"


def write(path, questions, now=NOW, deck=None) -> AnkiExport:
    with path.open("wb") as out:
        return write_anki_package(deck or sample_deck(), questions, out, now=now)


def log_problems(log) -> dict[str, int]:
    """Everything in an import log other than new and updated notes: all must be empty."""
    kinds = ("duplicate", "conflicting", "first_field_match", "missing_notetype")
    kinds += ("missing_deck", "empty_first_field")
    return {kind: len(getattr(log, kind)) for kind in kinds if len(getattr(log, kind))}


def body(html: str) -> str:
    """A rendered side without the <style> block Anki puts first."""
    return re.sub(r"^<style>.*?</style>", "", html, flags=re.S)


def reopened(col: Collection) -> Collection:
    path = col.path
    col.close()
    return Collection(path)


def only_card(col, search: str):
    (card_id,) = col.find_cards(search)
    return col.get_card(card_id)


@pytest.fixture
def both_languages():
    return sample_questions("en") + sample_questions("ru")


def test_every_kind_imports_cleanly_with_counts_per_note_type_and_subdeck(tmp_path, both_languages):
    summary = write(tmp_path / "deck.apkg", both_languages)
    col = fresh_collection(tmp_path)
    log = import_package(col, tmp_path / "deck.apkg")

    assert len(log.new) == 16 and not log.updated and log_problems(log) == {}
    assert col.note_count() == summary.notes == 16
    assert col.card_count() == summary.cards == 16
    per_type = {nt.name: len(col.find_notes(f'"note:{nt.name}"')) for nt in NOTE_TYPES}
    # per language: flashcard, ordering, matching | mc, true/false, sources differ | typed | cloze
    assert per_type == {BASIC.name: 6, MULTIPLE_CHOICE.name: 6, TYPED.name: 2, CLOZE.name: 2}
    assert summary.note_types == per_type
    per_deck = {
        name: len(col.find_cards(f'"deck:{name}" -"deck:{name}::*"'))
        for name in (DAIREN, NIKOLAEVSK, "Soviet–Japanese diplomacy::The intervention")
    }
    assert per_deck == {DAIREN: 14, NIKOLAEVSK: 2, "Soviet–Japanese diplomacy::The intervention": 0}
    assert summary.subdecks == {NIKOLAEVSK: 2, DAIREN: 14}
    col.close()


def test_every_note_type_renders_both_sides(tmp_path):
    write(tmp_path / "deck.apkg", sample_questions("en"))
    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "deck.apkg")

    card = only_card(col, "tag:kind::flashcard")
    assert '<div class="fd-prompt">When did Dairen open?</div>' in body(card.question())
    assert "26 August 1921" not in card.question()
    back = body(card.answer())
    assert '<div class="fd-answer">26 August 1921</div>' in back
    assert '<div class="fd-context">Talks between the FER and Japan' in back
    assert '<blockquote lang="ru">26 августа 1921 г. открылись переговоры' in back
    assert "<cite>The Dairen Conference</cite>" in back

    card = only_card(col, "tag:kind::multiple_choice")
    front = body(card.question())
    assert (
        '<ol class="fd-options" type="A"><li>Vladivostok</li><li>Dairen</li><li>Changchun</li>'
        "<li>Harbin</li></ol>"
    ) in front
    assert "fd-correct" not in front and "✓" not in front
    assert (
        '<li class="fd-wrong">Vladivostok</li><li class="fd-correct"><strong>Dairen</strong> ✓</li>'
        '<li class="fd-wrong">Changchun</li>'
    ) in body(card.answer())

    card = only_card(col, "tag:kind::true_false")
    assert "<li>True</li><li>False</li>" in card.question()
    assert '<li class="fd-correct"><strong>False</strong> ✓</li>' in card.answer()

    card = only_card(col, "tag:kind::typed")
    assert body(card.question()).endswith("Which port?</div>[[type:Answer]]</div>")
    assert '[[type:Answer]]<div class="fd-accepted">Dalian, Dalny</div>' in card.answer()

    card = only_card(col, "tag:kind::cloze")
    assert (
        'Talks opened in <span class="cloze" data-cloze="Dairen" data-ordinal="1">[...]</span>'
        " on 26 August 1921."
    ) in card.question()
    assert 'Talks opened in <span class="cloze" data-ordinal="1">Dairen</span>' in card.answer()

    card = only_card(col, "tag:kind::ordering")
    assert '<ol class="fd-items" type="A"><li>B</li><li>C</li><li>A</li></ol>' in card.question()
    assert '<ol class="fd-items"><li>A</li><li>B</li><li>C</li></ol>' in card.answer()

    card = only_card(col, "tag:kind::matching")
    assert "<td>a</td><td>1</td></tr><tr><td>b</td><td>2</td>" in card.answer()
    assert "<td>a</td><td>1</td>" not in card.question()

    card = only_card(col, "tag:kind::sources_differ")
    back = body(card.answer())
    assert '<div class="fd-dispute">One source says 11 March, another 12 March.</div>' in back
    assert '<cite>Great Soviet Encyclopedia<span class="fd-page">77</span></cite>' in back
    assert "fd-dispute" not in body(card.question())
    assert set(card.note().tags) == {
        "contested",
        "deck::sample",
        "kind::sources_differ",
        "lang::en",
        "source::dairen-history",
        "source::gse",
        "topic::intervention::nikolaevsk",
    }
    col.close()


def reverse_of(front: Question) -> Question:
    """The reverse card of the sample deck's first flashcard, as the bank makes one."""
    return replace(
        front,
        id="q-reverse",
        template=front.template + ":reverse",
        prompt="What opened in Dairen on 26 August 1921?",
        answer="Talks between the FER and Japan",
        extra={"side": "reverse"},
    )


def test_a_flashcard_and_its_reverse_share_one_note_with_two_cards(tmp_path):
    front = sample_questions("en")[0]
    reverse = reverse_of(front)
    write(tmp_path / "a.apkg", [front])
    write(tmp_path / "b.apkg", [front, reverse], now=LATER)
    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "a.apkg")
    assert (col.note_count(), col.card_count()) == (1, 1)

    log = import_package(col, tmp_path / "b.apkg")
    assert len(log.updated) == 1 and not log.new and log_problems(log) == {}
    assert (col.note_count(), col.card_count()) == (1, 2)
    card = only_card(col, "card:Reverse")
    assert "What opened in Dairen on 26 August 1921?" in card.question()
    assert '<div class="fd-answer">Talks between the FER and Japan</div>' in card.answer()
    col.close()


def test_reimport_after_a_wording_change_updates_the_same_notes(tmp_path, both_languages):
    write(tmp_path / "v1.apkg", both_languages)
    edited = [
        replace(q, explanation="Talks opened at Dairen (corrected).") if q.lang == "en" else q
        for q in both_languages
    ]
    edited[0] = replace(edited[0], answer="26 August 1921 (Friday)")
    write(tmp_path / "v2.apkg", edited, now=LATER)

    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "v1.apkg")
    note_ids = sorted(col.find_notes(""))
    card_ids = sorted(col.find_cards(""))
    studied = col.find_cards("tag:kind::flashcard tag:lang::en")[0]
    col.sched.set_due_date([studied], "5")  # as if reviewed: a review card due in 5 days
    before = col.get_card(studied)
    log = import_package(col, tmp_path / "v2.apkg")

    assert len(log.updated) == 16 and not log.new and log_problems(log) == {}
    assert sorted(col.find_notes("")) == note_ids and sorted(col.find_cards("")) == card_ids
    after = col.get_card(studied)
    assert (after.type, after.queue, after.due, after.ivl) == (
        before.type,
        before.queue,
        before.due,
        before.ivl,
    )
    assert after.type == CARD_TYPE_REV
    flashcard = only_card(col, "tag:kind::flashcard tag:lang::en")
    assert '<div class="fd-answer">26 August 1921 (Friday)</div>' in flashcard.answer()
    assert len(col.find_notes('"Context:Talks opened at Dairen (corrected)."')) == 8
    col.close()


def test_a_package_with_the_same_timestamp_is_not_newer_so_anki_keeps_the_old_text(tmp_path):
    """Why the export time must advance: Anki's importer only takes newer notes."""
    questions = sample_questions("en")
    write(tmp_path / "v1.apkg", questions)
    write(tmp_path / "v2.apkg", [replace(questions[0], answer="changed")])
    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "v1.apkg")
    log = import_package(col, tmp_path / "v2.apkg")
    assert len(log.duplicate) == 1 and not log.updated
    assert "changed" not in only_card(col, "tag:kind::flashcard").answer()
    col.close()


def test_hostile_text_shows_literally_on_every_note_type(tmp_path):
    questions = [with_text(q, HOSTILE) for q in sample_questions("en")]
    questions[3] = replace(questions[3], answer="O'Brien <&> [x]", accepted=())
    questions[4] = replace(questions[4], answer="a::b}} {{c3::x}}")
    deck = sample_deck(title="Deck <b>::</b> & co")
    write(tmp_path / "deck.apkg", questions, deck=deck)
    col = fresh_collection(tmp_path)
    log = import_package(col, tmp_path / "deck.apkg")
    assert len(log.new) == 8 and log_problems(log) == {}
    assert col.card_count() == 8, "a {{c3::}} in deck text must not make another cloze card"

    escaped = (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;"
        " &#91;sound:boom.mp3&#93; &#123;&#123;c2::leak&#125;&#125; 1 &lt; 2"
    )
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        for side in (card.question(), card.answer()):
            assert "<script" not in side and "[anki:play" not in side
        back = card.answer()
        assert back.count(escaped) >= 4, card.note_type()["name"]  # prompt, context, quote, cite
        assert f'<div class="fd-dispute">{escaped}</div>' in back
        assert f'<span class="fd-page">{escaped}</span>' in back

    typed = only_card(col, "tag:kind::typed")
    assert col.compare_answer(typed.note()["Answer"], "O'Brien <&> [x]").count("typeGood") == 1
    cloze = only_card(col, "tag:kind::cloze")
    assert (
        '<span class="cloze" data-ordinal="1">a&#58;&#58;b&#125;&#125; &#123;&#123;c3&#58;&#58;x'
        "&#125;&#125;</span>"
    ) in cloze.answer()
    assert {col.decks.name(c.did) for c in map(col.get_card, col.find_cards(""))} == {
        "Deck <b>:</b> & co::The Dairen Conference",
        "Deck <b>:</b> & co::The intervention::The Nikolaevsk incident",
    }
    col.close()


def test_both_languages_render_in_their_own_language(tmp_path, both_languages):
    write(tmp_path / "deck.apkg", both_languages)
    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "deck.apkg")
    assert len(col.find_notes("tag:lang::en")) == len(col.find_notes("tag:lang::ru")) == 8
    card = only_card(col, "tag:kind::true_false tag:lang::ru")
    assert 'lang="ru"' in card.question()
    assert "<li>Верно</li><li>Неверно</li>" in card.question()
    assert '<li class="fd-correct"><strong>Неверно</strong> ✓</li>' in card.answer()
    card = only_card(col, "tag:kind::flashcard tag:lang::ru")
    assert "Когда открылась Дайренская конференция?" in card.question()
    assert '<div class="fd-answer">26 августа 1921 г.</div>' in card.answer()
    col.close()


def test_deck_names_follow_the_chosen_language(tmp_path):
    with (tmp_path / "ru.apkg").open("wb") as out:
        summary = write_anki_package(
            sample_deck(), sample_questions("ru"), out, now=NOW, names_lang="ru"
        )
    assert set(summary.subdecks) == {
        "Советско-японская дипломатия::Дайренская конференция",
        "Советско-японская дипломатия::Интервенция::Николаевский инцидент",
    }


def test_the_same_input_and_timestamp_give_the_same_deflated_bytes(both_languages):
    first, second, later = io.BytesIO(), io.BytesIO(), io.BytesIO()
    write_anki_package(sample_deck(), both_languages, first, now=NOW)
    write_anki_package(sample_deck(), both_languages, second, now=NOW)
    write_anki_package(sample_deck(), both_languages, later, now=LATER)
    assert first.getvalue() == second.getvalue()
    assert first.getvalue() != later.getvalue()
    with zipfile.ZipFile(first) as archive:
        entries = archive.infolist()
        assert [e.filename for e in entries] == ["collection.anki2", "media"]
        assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
        assert {e.date_time for e in entries} == {(2025, 3, 1, 12, 0, 0)}
        database = entries[0]
        assert database.compress_size < database.file_size / 4
        assert archive.read("media") == b"{}"


def test_the_collection_holds_the_rows_genanki_writes_note_by_note(both_languages):
    """The batched writer stores exactly what genanki.Note.write_to_db stores for the same
    notes: ids, GUIDs, fields, tags, sort fields, and one card per card genanki would make."""
    deck = sample_deck()
    both_languages.append(reverse_of(both_languages[0]))
    ours = io.BytesIO()
    write_anki_package(deck, both_languages, ours, now=NOW)
    with tempfile.TemporaryDirectory() as scratch:
        path = f"{scratch}/collection.anki2"
        with zipfile.ZipFile(ours) as archive, open(path, "wb") as copy:
            copy.write(archive.read("collection.anki2"))
        stored = sqlite3.connect(path)
        written = {t: stored.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
        stored.close()

    genanki_db = sqlite3.connect(":memory:")
    cursor = genanki_db.cursor()
    cursor.executescript(APKG_SCHEMA)
    timestamp = int(NOW.timestamp())
    ids = itertools.count(timestamp * 1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # genanki warns about the markup it cannot parse
        for position, note in enumerate(anki_notes(deck, both_languages)):
            deck_id = derived_id("factdeck", deck.id, "en", *note.topic_path)
            model = genanki_model(note.note_type)
            fields = list(note.fields)
            genanki.Note(
                model=model, fields=fields, tags=note.tags, guid=note.guid, due=position
            ).write_to_db(cursor, timestamp, deck_id, ids)
    expected = {t: cursor.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
    assert written == expected
    assert len(written["cards"]) > len(written["notes"])  # a flashcard's reverse is a card


TABLES = ("notes", "cards")


def test_no_temporary_files_are_left_even_when_writing_fails(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    write_anki_package(sample_deck(), sample_questions("en"), io.BytesIO(), now=NOW)
    assert list(scratch.iterdir()) == []

    class Broken(io.BytesIO):
        def write(self, data):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_anki_package(sample_deck(), sample_questions("en"), Broken(), now=NOW)
    assert list(scratch.iterdir()) == []


def test_ids_are_derived_never_random():
    assert note_guid("q-0123456789abcdef") == note_guid("q-0123456789abcdef")
    assert note_guid("q-0123456789abcdef") == "x^xg&mp!_T"
    for question_id in ("q-0123456789abcdef", "", "вопрос", "a" * 300):
        assert note_guid(question_id) == genanki.guid_for("factdeck", question_id)
    assert derived_id("factdeck", "sample", "en") == 1078272933
    assert 1 << 30 <= derived_id("x") < 1 << 31
    notes = anki_notes(sample_deck(), sample_questions("en"))
    assert {n.guid for n in notes} == {note_guid(q.id) for q in sample_questions("en")}


def test_note_types_keep_their_pinned_ids_in_anki(tmp_path):
    write(tmp_path / "deck.apkg", sample_questions("en"))
    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "deck.apkg")
    for note_type in NOTE_TYPES:
        model = col.models.get(note_type.model_id)
        assert model["name"] == note_type.name
        assert [(f["name"], f["id"]) for f in model["flds"]] == [
            (f.name, f.id) for f in note_type.fields
        ]
        assert [(t["name"], t["id"]) for t in model["tmpls"]] == [
            (t.name, t.id) for t in note_type.templates
        ]
    assert (BASIC.model_id, CLOZE.model_id, MULTIPLE_CHOICE.model_id, TYPED.model_id) == (
        1319134423,
        1882941765,
        2097293810,
        1321791282,
    )
    col.close()


def test_a_later_version_of_a_note_type_merges_into_the_same_one(tmp_path):
    """Pinned field ids let Anki merge a note type that gained a field, keeping the notes."""
    questions = [q for q in sample_questions("en") if q.kind is Kind.TYPED]
    write(tmp_path / "v1.apkg", questions)
    grown = replace(
        TYPED, fields=(*TYPED.fields[:3], Field("Hint", 1234567890123), *TYPED.fields[3:])
    )
    notes = [
        replace(note, note_type=grown, fields=(*note.fields[:3], "a hint", *note.fields[3:]))
        for note in anki_notes(sample_deck(), questions)
    ]
    # Anki stamps notes with its own clock when it adds a field, so v2 must be newer than that.
    with (tmp_path / "v2.apkg").open("wb") as out:
        write_notes(sample_deck(), notes, out, now=dt.datetime(2100, 1, 1, tzinfo=dt.UTC))

    col = fresh_collection(tmp_path)
    import_package(col, tmp_path / "v1.apkg")
    log = import_package(col, tmp_path / "v2.apkg", merge_notetypes=True)
    assert len(log.updated) == 1 and log_problems(log) == {}
    col = reopened(col)  # the Python side caches note types; read what the import stored
    model = col.models.get(TYPED.model_id)
    assert [f["name"] for f in model["flds"]] == [
        "Question",
        "Answer",
        "Accepted",
        "Context",
        "Sources",
        "Dispute",
        "Lang",
        "Hint",
    ]
    assert len([m for m in col.models.all_names_and_ids() if m.name.startswith(TYPED.name)]) == 1
    note = col.get_note(col.find_notes("")[0])
    assert (note["Answer"], note["Hint"]) == ("Dairen", "a hint")
    col.close()


def test_nothing_to_export_is_an_error():
    with pytest.raises(ExportError) as raised:
        write_anki_package(sample_deck(), [], io.BytesIO(), now=NOW)
    assert str(raised.value) == (
        "nothing to export: no questions match the chosen languages, topics and kinds"
    )


def test_subdeck_names_follow_the_topic_tree():
    deck = sample_deck()
    assert subdeck_name(deck, ("intervention", "nikolaevsk"), "en") == NIKOLAEVSK
    assert subdeck_name(deck, ("dairen",), "ru") == (
        "Советско-японская дипломатия::Дайренская конференция"
    )


def test_a_question_of_an_unknown_topic_is_refused():
    question: Question = replace(sample_questions("en")[0], topic="nowhere")
    with pytest.raises(ExportError) as raised:
        anki_notes(sample_deck(), [question])
    assert str(raised.value) == (
        f"question {question.id} belongs to topic 'nowhere', which deck sample does not have"
    )
