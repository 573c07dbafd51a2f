"""Questions as Anki notes, written to an .apkg that imports cleanly and updates in place.

Every id Anki keys on is derived, never random: a note's GUID comes from its question id, deck
ids from the deck and topic ids, note types have fixed ids (see anki_notetypes). Re-importing a
corrected deck therefore updates the same notes. Anki only takes the incoming copy of a note when
it is newer, so every note carries the export time as its modification time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA
from genanki.util import BASE91_TABLE

from decks.model import Deck, Source
from exporters.anki_notetypes import (
    BASIC,
    CLOZE,
    MULTIPLE_CHOICE,
    TYPED,
    NoteType,
    genanki_model,
)
from exporters.errors import ExportError
from exporters.escape import (
    anki_cloze_answer,
    anki_deck_name_part,
    anki_tag,
    anki_text,
    html_text,
)
from exporters.zipped import write_deterministic_zip
from questions.cloze import BLANK
from questions.model import Kind, Question

ANKI_KINDS: tuple[Kind, ...] = tuple(Kind)
"""The kinds an Anki export can hold: every kind has a note type that shows it."""


DEFLATE_LEVEL = 1
"""zlib's fastest level. A collection of 100,000 notes (140 MiB) deflates to 21.7 MiB in 0.8 s
at level 1, 19.4 MiB in 1.2 s at level 3 and 17.3 MiB in 3.6 s at level 6 (zlib's default):
level 6 alone cost more than half of genanki's whole export, for a file a fifth smaller."""


@dataclass(frozen=True)
class AnkiNote:
    """One note as Anki will store it: fields are HTML in the note type's field order."""

    guid: str
    note_type: NoteType
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    topic_path: tuple[str, ...]
    """Topic ids from the root of the topic tree down to the question's topic."""
    question_ids: tuple[str, ...] = ()
    """The question each of the note's cards shows, in card order (a flashcard, its reverse)."""


@dataclass(frozen=True)
class AnkiExport:
    """What a package holds, for the summary the CLI and the app show."""

    notes: int
    cards: int
    subdecks: dict[str, int]
    """Full deck name (`Deck::Topic`) -> notes, in the deck's topic order."""
    note_types: dict[str, int]
    """Note type name -> notes."""


def note_guid(question_id: str) -> str:
    """The GUID of the note for a question: the same question id always gives the same GUID."""
    # genanki.guid_for("factdeck", question_id), two base-91 digits at a time: its digit by
    # digit loop was the costliest step of mapping a note.
    digest = hashlib.sha256(f"factdeck__{question_id}".encode()).digest()
    number = int.from_bytes(digest[:8], "big")
    pairs = []
    while number:
        number, pair = divmod(number, 91 * 91)
        pairs.append(_BASE91_PAIRS[pair])
    return "".join(reversed(pairs)).lstrip(BASE91_TABLE[0])  # no leading zero digit


_BASE91_PAIRS = tuple(high + low for high in BASE91_TABLE for low in BASE91_TABLE)
"""Every two-digit number in the base-91 alphabet of Anki's GUIDs, by value."""


def derived_id(*parts: str) -> int:
    """An Anki object id in genanki's recommended range, derived from stable names."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def anki_notes(deck: Deck, questions: Iterable[Question]) -> list[AnkiNote]:
    """Map questions to notes, in the deck's topic order (story order), bank order within."""
    return list(iter_notes(deck, questions))


def iter_notes(deck: Deck, questions: Iterable[Question]) -> Iterator[AnkiNote]:
    """Like `anki_notes`, one note at a time, so a large export never holds them all."""
    index = _DeckIndex.of(deck)
    for question, reverse in _note_questions(index, questions):
        yield _note(index, question, reverse)


def note_cards(deck: Deck, questions: Iterable[Question]) -> dict[str, tuple[Question, ...]]:
    """Per note GUID, the questions its cards ask in Anki's card order (`ord`): what an
    import of Anki's review log needs to find the question each reviewed card asked."""
    return {
        note_guid(question.id): (question,) if reverse is None else (question, reverse)
        for question, reverse in _note_questions(_DeckIndex.of(deck), questions)
    }


def _note_questions(
    index: _DeckIndex, questions: Iterable[Question]
) -> Iterator[tuple[Question, Question | None]]:
    """Each note's question in story order, with the reverse flashcard sharing its note."""
    ordered = sorted(questions, key=lambda q: index.topic_order.get(q.topic, -1))
    reverses = {_pair_key(q): q for q in ordered if _is_reverse(q)}
    fronts = {_pair_key(q) for q in ordered if _is_front(q)}
    for question in ordered:
        if _is_front(question):
            yield question, reverses.get(_pair_key(question))
        elif not (_is_reverse(question) and _pair_key(question) in fronts):
            yield question, None


def subdeck_name(deck: Deck, topic_path: Sequence[str], lang: str) -> str:
    """`Deck title::Topic title`, one level per level of the topic tree."""
    titles = [_pick(deck.title, lang)]
    for topic_id in topic_path:
        titles.append(_pick(deck.topic(topic_id).title, lang))
    return "::".join(anki_deck_name_part(title) for title in titles)


def write_anki_package(
    deck: Deck,
    questions: Iterable[Question],
    out: BinaryIO,
    *,
    now: dt.datetime,
    names_lang: str | None = None,
) -> AnkiExport:
    """Write the questions as an .apkg to `out`; the same input and `now` give the same bytes.

    `now` becomes every note's modification time, so a later export wins over an earlier one
    when Anki imports it. Deck names are in `names_lang` (default: the deck's first language).
    """
    return write_notes(deck, iter_notes(deck, questions), out, now=now, names_lang=names_lang)


def write_notes(
    deck: Deck,
    notes: Iterable[AnkiNote],
    out: BinaryIO,
    *,
    now: dt.datetime,
    names_lang: str | None = None,
    amend: Callable[[sqlite3.Cursor], None] | None = None,
) -> AnkiExport:
    """Write notes mapped by `iter_notes` as an .apkg to `out`.

    `amend` gets the finished collection before it is packed, to add what genanki cannot
    write (a learner's progress: `exporters.anki_progress`).
    """
    lang = names_lang or deck.languages[0]
    with tempfile.TemporaryDirectory(prefix="factdeck-anki-") as workdir:
        database = Path(workdir) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            summary = _write_collection(connection.cursor(), deck, notes, lang, now)
            if amend is not None:
                amend(connection.cursor())
            connection.commit()
        finally:
            connection.close()
        entries: list[tuple[str, Path | bytes]] = [("collection.anki2", database), ("media", b"{}")]
        write_deterministic_zip(out, entries, when=now, level=DEFLATE_LEVEL)
    return summary


def _write_collection(
    cursor: sqlite3.Cursor, deck: Deck, notes: Iterable[AnkiNote], lang: str, now: dt.datetime
) -> AnkiExport:
    """The legacy collection genanki writes, with the rows genanki.Package.write_to_db would
    give, inserted in batches (a few thousand notes held at a time) and indexed once filled:
    per-note genanki objects and per-row statements cost more than the notes themselves."""
    timestamp = int(now.timestamp())
    cursor.executescript(_TABLES)
    cursor.executescript(APKG_COL)
    ids = _ids_from(timestamp)
    root = genanki.Deck(
        derived_id("factdeck", deck.id, lang),
        anki_deck_name_part(_pick(deck.title, lang)),
        description=anki_text(_pick(deck.description, lang)),
    )
    decks: dict[tuple[str, ...], genanki.Deck] = {(): root}
    note_types: dict[str, tuple[NoteType, _CardRule]] = {}
    per_deck: Counter[str] = Counter()
    per_type: Counter[str] = Counter()
    note_rows: list[tuple[object, ...]] = []
    card_rows: list[tuple[object, ...]] = []
    for position, note in enumerate(notes):
        subdeck = decks.get(note.topic_path)
        if subdeck is None:
            subdeck = decks[note.topic_path] = genanki.Deck(
                derived_id("factdeck", deck.id, lang, *note.topic_path),
                subdeck_name(deck, note.topic_path, lang),
            )
        known = note_types.get(note.note_type.key)
        if known is None:
            known = note_types[note.note_type.key] = (note.note_type, _card_rule(note.note_type))
        note_type, card_rule = known
        fields = note.fields
        note_id = next(ids)
        tags = " " + " ".join(note.tags) + " "
        note_rows.append(
            (note_id, note.guid, note_type.model_id, timestamp, -1, tags, "\x1f".join(fields))
            + (fields[0], 0, 0, "")
        )
        for ord_ in card_rule.ords(fields):
            card_rows.append((next(ids), note_id, subdeck.deck_id, ord_, timestamp, position))
        per_deck[subdeck.name] += 1
        per_type[note_type.name] += 1
        if len(note_rows) >= _BATCH:
            _insert(cursor, note_rows, card_rows)
    _insert(cursor, note_rows, card_rows)
    if not per_type:
        raise ExportError(
            "nothing to export: no questions match the chosen languages, topics and kinds",
            key="nothing_to_export",
        )
    cursor.executescript(_INDEXES)
    (stored_decks,) = cursor.execute("SELECT decks FROM col").fetchone()
    all_decks = json.loads(stored_decks) | {str(d.deck_id): d.to_json() for d in decks.values()}
    all_models = {
        str(t.model_id): genanki_model(t).to_json(timestamp, root.deck_id)
        for t, _ in note_types.values()
    }
    cursor.execute(
        "UPDATE col SET decks = ?, models = ?", (json.dumps(all_decks), json.dumps(all_models))
    )
    (cards,) = cursor.execute("SELECT count(*) FROM cards").fetchone()
    return AnkiExport(
        notes=sum(per_type.values()),
        cards=cards,
        subdecks=dict(per_deck),
        note_types=dict(per_type),
    )


_TABLES, _, _INDEX_TAIL = APKG_SCHEMA.partition("CREATE INDEX")
_INDEXES = "CREATE INDEX" + _INDEX_TAIL
"""genanki's schema, split so that the indexes are built once over the finished tables."""

_BATCH = 200
"""Notes inserted per batch: enough to amortise the calls, little to hold (a few hundred KiB)."""


def _insert(
    cursor: sqlite3.Cursor, note_rows: list[tuple[object, ...]], card_rows: list[tuple[object, ...]]
) -> None:
    """Insert and clear the batched rows; a card row holds only what differs between cards."""
    cursor.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", note_rows)
    cursor.executemany(
        "INSERT INTO cards VALUES (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", card_rows
    )
    note_rows.clear()
    card_rows.clear()


@dataclass(frozen=True)
class _CardRule:
    """Which cards Anki makes of a note of one type (what genanki.Note.cards works out for
    every note), derived once per note type from genanki's model."""

    cloze_fields: tuple[int, ...]
    """For a cloze type, the fields whose `{{cN::...}}` deletions each make card N."""
    required: tuple[tuple[int, bool, tuple[int, ...]], ...]
    """For other types, per template: its card ord, whether all (or any) of the fields must
    be filled, and those fields."""

    def ords(self, fields: Sequence[str]) -> list[int]:
        if self.cloze_fields:
            numbers = {int(n) for i in self.cloze_fields for n in _CLOZE.findall(fields[i])}
            return sorted(n - 1 for n in numbers if n > 0)
        return [
            ord_
            for ord_, every, needed in self.required
            if (all if every else any)(fields[i] for i in needed)
        ]


_CLOZE = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)
_CLOZE_FIELD = re.compile(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}")


def _card_rule(note_type: NoteType) -> _CardRule:
    model = genanki_model(note_type)
    if note_type.cloze:
        names = set(_CLOZE_FIELD.findall(note_type.templates[0].front))
        return _CardRule(tuple(i for i, f in enumerate(note_type.fields) if f.name in names), ())
    rules = tuple((ord_, how == "all", tuple(needed)) for ord_, how, needed in model._req)
    return _CardRule((), rules)


def _ids_from(timestamp: int) -> Iterator[int]:
    """Note and card ids, counting up from the export time in milliseconds, as Anki does."""
    return itertools.count(timestamp * 1000)


@dataclass(frozen=True)
class _DeckIndex:
    """What mapping a question needs from its deck, looked up once per export."""

    deck_id: str
    sources: dict[str, Source]
    quote_langs: dict[str, str]
    """Per source id, the `lang` attribute of its quotes."""
    topic_paths: dict[str, tuple[str, ...]]
    topic_order: dict[str, int]

    @classmethod
    def of(cls, deck: Deck) -> _DeckIndex:
        return cls(
            deck_id=deck.id,
            sources={source.id: source for source in deck.sources},
            quote_langs={s.id: f' lang="{html_text(s.language)}"' for s in deck.sources},
            topic_paths={t.id: tuple(p.id for p in deck.topic_path(t.id)) for t in deck.topics},
            topic_order={topic.id: n for n, topic in enumerate(deck.topics)},
        )

    def topic_path(self, question: Question) -> tuple[str, ...]:
        try:
            return self.topic_paths[question.topic]
        except KeyError:
            raise ExportError(
                f"question {question.id} belongs to topic '{question.topic}',"
                f" which deck {self.deck_id} does not have"
            ) from None


def _is_reverse(question: Question) -> bool:
    return question.kind is Kind.FLASHCARD and question.extra.get("side") == "reverse"


def _is_front(question: Question) -> bool:
    return question.kind is Kind.FLASHCARD and not _is_reverse(question)


def _pair_key(question: Question) -> tuple[str, tuple[str, ...], str]:
    """What a flashcard and its reverse share; the bank names the reverse `<template>:reverse`."""
    template = question.template.removesuffix(":reverse") if _is_reverse(question) else None
    return (question.lang, question.fact_ids, template or question.template)


def _note(index: _DeckIndex, question: Question, reverse: Question | None = None) -> AnkiNote:
    """One note per question; a flashcard and its reverse share a note, as Anki's two cards."""
    note_type, main = _main_fields(question)
    if reverse is not None:
        main = (*main[:2], anki_text(reverse.prompt), anki_text(str(reverse.answer)))
    # A flashcard about a disputed part has the dispute note as its back: show it once.
    dispute = "" if question.dispute == question.answer else question.dispute or ""
    tail = (
        anki_text(_context(question)),
        _sources_html(question, index),
        anki_text(dispute),
        _html_lang(question.lang),
    )
    topic_path = index.topic_path(question)
    return AnkiNote(
        guid=note_guid(question.id),
        note_type=note_type,
        fields=(*main, *tail),
        tags=_tags(index.deck_id, topic_path, question),
        topic_path=topic_path,
        question_ids=(question.id,) if reverse is None else (question.id, reverse.id),
    )


def _main_fields(question: Question) -> tuple[NoteType, tuple[str, ...]]:
    """The fields before the shared tail (context, sources, dispute, language)."""
    prompt = anki_text(question.prompt)
    kind = question.kind
    if kind is Kind.FLASHCARD:
        return BASIC, (prompt, anki_text(str(question.answer)), "", "")
    if kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
        return MULTIPLE_CHOICE, _choice_fields(question, question.answer)
    if kind is Kind.TRUE_FALSE:
        # The bank words the two options in the question's language: (true, false).
        options = question.options or ()
        if len(options) != 2:
            raise ExportError(f"true/false question {question.id} does not give its two options")
        answer = options[0 if question.answer else 1]
        return MULTIPLE_CHOICE, _choice_fields(question, answer)
    if kind is Kind.TYPED:
        accepted = [a for a in question.accepted if a != question.answer]
        return TYPED, (prompt, anki_text(str(question.answer)), anki_text(", ".join(accepted)))
    if kind is Kind.CLOZE:
        return CLOZE, (_cloze_text(question),)
    if kind is Kind.ORDERING:
        front = prompt + _list(question.options or (), lettered=True)
        return BASIC, (front, _list(question.answer), "", "")
    if kind is Kind.MATCHING:
        left = _list(question.answer.keys())
        right = _list(question.options or sorted(question.answer.values()), lettered=True)
        rows = "".join(
            f"<tr><td>{anki_text(a)}</td><td>{anki_text(b)}</td></tr>"
            for a, b in question.answer.items()
        )
        front = f'{prompt}<div class="fd-match">{left}{right}</div>'
        return BASIC, (front, f'<table class="fd-pairs">{rows}</table>', "", "")
    raise ExportError(f"Anki export cannot write questions of kind '{kind.value}'")


def _choice_fields(question: Question, answer: str) -> tuple[str, ...]:
    options = question.options or ()
    if answer not in options:
        raise ExportError(f"question {question.id} does not offer its answer among its options")
    front = "".join(f"<li>{anki_text(option)}</li>" for option in options)
    key = "".join(
        f'<li class="fd-correct"><strong>{anki_text(option)}</strong> ✓</li>'
        if option == answer
        else f'<li class="fd-wrong">{anki_text(option)}</li>'
        for option in options
    )
    return (
        anki_text(question.prompt),
        f'<ol class="fd-options" type="A">{front}</ol>',
        anki_text(answer),
        f'<ol class="fd-options" type="A">{key}</ol>',
    )


def _context(question: Question) -> str:
    """The full statement, unless the card already shows all of it (a cloze, filled in)."""
    if question.kind is Kind.CLOZE:
        filled = question.prompt.replace(BLANK, str(question.answer), 1)
        if question.explanation in filled:
            return ""
    return question.explanation


def _cloze_text(question: Question) -> str:
    before, blank, after = question.prompt.partition(BLANK)
    if not blank:
        raise ExportError(f"cloze question {question.id} has no gap ({BLANK}) in its prompt")
    return (
        anki_text(before)
        + "{{c1::"
        + anki_cloze_answer(str(question.answer))
        + "}}"
        + anki_text(after)
    )


def _list(items: Iterable[str], *, lettered: bool = False) -> str:
    kind = ' type="A"' if lettered else ""
    entries = "".join(f"<li>{anki_text(item)}</li>" for item in items)
    return f'<ol class="fd-items"{kind}>{entries}</ol>'


def _sources_html(question: Question, index: _DeckIndex) -> str:
    parts = []
    for cited in question.sources:
        source = index.sources.get(cited.source)
        title = cited.title or (_pick(source.title, question.lang) if source else cited.source)
        quote_lang = index.quote_langs.get(cited.source, "")
        page = f'<span class="fd-page">{anki_text(cited.page)}</span>' if cited.page else ""
        parts.append(
            f'<div class="fd-source"><blockquote{quote_lang}>{anki_text(cited.quote)}</blockquote>'
            f"<cite>{anki_text(title)}{page}</cite></div>"
        )
    return "".join(parts)


def _tags(deck_id: str, topic_path: tuple[str, ...], question: Question) -> tuple[str, ...]:
    tags = list(_common_tags(deck_id, question.lang, question.kind, topic_path))
    tags.extend(anki_tag("source", s) for s in dict.fromkeys(c.source for c in question.sources))
    if question.dispute:
        tags.append("contested")
    if question.approved:
        tags.append("approved")  # a teacher read it (reviews.yaml): `tag:approved` finds them
    return tuple(tags)


@cache
def _common_tags(
    deck_id: str, lang: str, kind: Kind, topic_path: tuple[str, ...]
) -> tuple[str, ...]:
    """The tags every question of a language, kind and topic has: a handful per deck."""
    return (
        anki_tag("deck", deck_id),
        anki_tag("lang", lang),
        anki_tag("kind", kind.value),
        anki_tag("topic", *topic_path),
    )


_html_lang = cache(html_text)
"""A language code for the `Lang` field (a few per deck), escaped once."""


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or next(iter(texts.values()), "")
