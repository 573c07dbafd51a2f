"""Progress made in Anki brought back: the package's review log merged into a learner's log.

A note is Factdeck's when its GUID is one an export derives from a question id
(`exporters.anki.note_guid`), so inverting that over the decks' banks finds the question each
reviewed card asks; notes of other decks are counted and left alone. Only flashcards have a
schedule here, so answers to the other kinds of notes (choices, typed answers...) are counted
and skipped as well. The merge itself, and the replay that rebuilds each card's FSRS state, is
`study.merging`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

import fsrs

from exporters.anki import note_cards
from exporters.anki_reader import read_package
from exporters.errors import AnkiImportError
from questions import QuestionBank
from questions.model import Kind, Question
from study.cards import card_specs
from study.learner_store import LearnerStore
from study.records import ImportedReview


@dataclass(frozen=True)
class AnkiImport:
    """What an import did, for the summary the CLI and the Export page show."""

    added: int
    """Answers new to the learner's log."""
    known: int
    """Answers the log already had (imported before), left as they were."""
    cards: int
    """Cards whose schedule was rebuilt from the merged log."""
    notes: int
    """Factdeck notes in the package."""
    other_notes: int
    """Notes of other decks, skipped."""
    unscheduled: int
    """Answers to Factdeck notes that are not flashcards, which have no schedule here."""


def import_anki(
    package: BinaryIO, banks: Iterable[QuestionBank], progress: LearnerStore
) -> AnkiImport:
    """Merge the package's answers to Factdeck flashcards into the learner's log.

    Refuses (AnkiImportError) a file that is not a readable Anki package or holds no Factdeck
    note, before anything is written.
    """
    collection = read_package(package)
    asked: dict[str, tuple[QuestionBank, tuple[Question, ...]]] = {}
    for bank in banks:
        for guid, questions in note_cards(bank.deck, bank.questions).items():
            asked[guid] = (bank, questions)
    guids = {card.note_guid for card in collection.cards.values()}
    ours = guids & asked.keys()
    if not ours:
        raise AnkiImportError(
            f"none of the {len(guids)} notes in this package comes from a Factdeck deck",
            key="anki_no_factdeck_notes",
            notes=len(guids),
        )
    answers: list[ImportedReview] = []
    studied: dict[str, tuple[QuestionBank, set[str]]] = {}
    unscheduled = 0
    for answer in collection.answers:
        card = collection.cards.get(answer.card_id)
        if card is None or card.note_guid not in ours:
            continue
        bank, questions = asked[card.note_guid]
        question = questions[card.ord] if card.ord < len(questions) else None
        if question is None or question.kind is not Kind.FLASHCARD:
            unscheduled += 1
            continue
        answers.append(
            ImportedReview(
                question_id=question.id,
                rating=fsrs.Rating(answer.ease),
                reviewed_at=answer.answered_at,
                duration_ms=answer.duration_ms,
                interval=answer.interval,
            )
        )
        studied.setdefault(bank.deck.id, (bank, set()))[1].add(question.lang)
    for bank, langs in studied.values():
        _hold_cards(progress, bank, langs)
    merged = progress.merge_reviews(answers)
    return AnkiImport(
        added=merged.added,
        known=merged.known,
        cards=merged.cards,
        notes=len(ours),
        other_notes=len(guids - ours),
        unscheduled=unscheduled,
    )


def _hold_cards(progress: LearnerStore, bank: QuestionBank, studied: set[str]) -> None:
    """Put the deck's flashcards in the learner's collection, as opening the deck does, in the
    learner's languages and those studied in Anki."""
    chosen = [code for code in progress.settings.content_languages if code in bank.deck.languages]
    langs = list(dict.fromkeys([*chosen, *sorted(studied)]))
    flashcards = bank.filter(langs=langs, kinds=[Kind.FLASHCARD])
    progress.sync_cards(bank.deck.id, card_specs(flashcards.questions))
