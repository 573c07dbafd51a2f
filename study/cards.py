"""Which questions of a bank are a learner's cards, and which cards a practice answer reviews.

Flashcards are the cards FSRS schedules. A practice item (multiple choice, typed, ...) asks about
the same part of the same fact as a flashcard, so answering it is a review of that flashcard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from questions.model import Kind, Question
from study.records import CardSpec

FlashcardIndex = dict[tuple[str, str], tuple[Question, ...]]


def card_specs(questions: Iterable[Question]) -> list[CardSpec]:
    """The flashcards among `questions`, in bank (story) order, as the store's card specs."""
    flashcards = (q for q in questions if q.kind is Kind.FLASHCARD)
    return [CardSpec(q.id, q.topic, position) for position, q in enumerate(flashcards)]


def index_flashcards(questions: Iterable[Question]) -> FlashcardIndex:
    """Flashcards by (language, fact id), built once per bank."""
    index: dict[tuple[str, str], list[Question]] = defaultdict(list)
    for question in questions:
        if question.kind is Kind.FLASHCARD:
            for fact_id in question.fact_ids:
                index[(question.lang, fact_id)].append(question)
    return {key: tuple(found) for key, found in index.items()}


def asked_part(question: Question) -> str | None:
    """The part of the fact an item is about (`date`, a role, a number id, ...), if it says."""
    swap = question.extra.get("swap")
    return question.extra.get("part") or (swap.get("part") if isinstance(swap, dict) else None)


def flashcards_for(question: Question, fact_id: str, index: FlashcardIndex) -> tuple[str, ...]:
    """The front flashcards of `fact_id`, in the item's language, about the same part as the
    item; every front flashcard of the fact when none is about that part."""
    fronts = [
        card
        for card in index.get((question.lang, fact_id), ())
        if card.extra.get("side", "front") == "front"
    ]
    part = asked_part(question)
    same_part = [card for card in fronts if part is not None and card.extra.get("part") == part]
    return tuple(card.id for card in (same_part or fronts))
