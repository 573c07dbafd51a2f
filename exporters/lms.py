"""A question as a learning-management system grades it, shared by the Moodle XML and GIFT writers.

An LMS knows four of the shapes Factdeck generates: multiple choice with one right answer,
true/false, short answer, and matching. Every other kind is written as one of them: sources
differ is multiple choice, typed and cloze are short answer with every accepted spelling, and
ordering, which Moodle has no core type for, matches each event with its position. Flashcards
are self-rated study cards, not quiz items, so they stay out (their typed twin goes instead).

Names and categories derive from the deck and the question id only, so a re-export of the same
bank gives the same names, ids and categories, and editing a fact's wording changes none of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

from decks.model import Deck
from exporters.errors import ExportError
from exporters.feedback import feedback_lines
from questions.model import Kind, Question

LMS_KINDS: tuple[Kind, ...] = tuple(kind for kind in Kind if kind is not Kind.FLASHCARD)
"""The kinds a Moodle, GIFT or printed quiz can hold."""

ORDER_HINT = {
    "en": "Give each event its place in the order: 1 is the earliest.",
    "ru": "Укажите место каждого события в последовательности: 1 — самое раннее.",
}
"""Added to an ordering stem, which an LMS shows as matching each event with a position."""

_SPACE = re.compile(r"\s+")


class ItemType(StrEnum):
    """The LMS question type an item is written as (Moodle XML's names)."""

    MULTICHOICE = "multichoice"
    TRUEFALSE = "truefalse"
    SHORTANSWER = "shortanswer"
    MATCHING = "matching"


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool


@dataclass(frozen=True)
class LmsItem:
    """One question in LMS terms; every text is plain, each writer escapes it for its format."""

    id: str
    """The question id, written as Moodle's idnumber."""
    name: str
    type: ItemType
    category: tuple[str, ...]
    """Category names under the course: deck title, then the topic path from its root."""
    text: str
    feedback: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    truth: bool | None = None
    answers: tuple[str, ...] = ()
    """Short answer: every accepted answer, literally (not yet escaped for wildcards)."""
    pairs: tuple[tuple[str, str], ...] = ()
    """Matching: (stem, answer); an empty stem is an extra answer that matches nothing."""
    points: float = 1.0


class _Common(TypedDict):
    """The fields every item has, whatever its type."""

    id: str
    name: str
    category: tuple[str, ...]
    text: str
    feedback: tuple[str, ...]
    points: float


def lms_items(
    deck: Deck,
    questions: Iterable[Question],
    points: Mapping[str, float] | None = None,
    group: str = "",
) -> list[LmsItem]:
    """The questions as LMS items, in the order given.

    `points` maps question ids to their mark (default 1); `group`, when given, is a category
    level between the deck and the topics (a quiz's title, so its items stay together).
    """
    points = points or {}
    return [lms_item(deck, q, points.get(q.id, 1.0), group) for q in questions]


def lms_item(deck: Deck, question: Question, points: float = 1.0, group: str = "") -> LmsItem:
    """One question as an LMS item; raises ExportError for a kind no LMS format can hold."""
    q = question
    common: _Common = {
        "id": q.id,
        "name": question_name(q),
        "category": category(deck, q.topic, q.lang, group),
        "text": q.prompt,
        "feedback": feedback_lines(q),
        "points": points,
    }
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
        options = _options(q)
        choices = tuple(Choice(option, option == q.answer) for option in options)
        if sum(choice.correct for choice in choices) != 1:
            raise ExportError(f"question {q.id}: its answer is not exactly one of its options")
        return LmsItem(type=ItemType.MULTICHOICE, choices=choices, **common)
    if q.kind is Kind.TRUE_FALSE:
        if not isinstance(q.answer, bool):
            raise ExportError(f"question {q.id}: a true/false answer must be true or false")
        return LmsItem(type=ItemType.TRUEFALSE, truth=q.answer, **common)
    if q.kind in (Kind.TYPED, Kind.CLOZE):
        answers = tuple(dict.fromkeys(a for a in (str(q.answer), *q.accepted) if a.strip()))
        return LmsItem(type=ItemType.SHORTANSWER, answers=answers, **common)
    if q.kind is Kind.ORDERING:
        common["text"] = f"{q.prompt}\n{ORDER_HINT.get(q.lang, ORDER_HINT['en'])}"
        return LmsItem(type=ItemType.MATCHING, pairs=ordering_pairs(q), **common)
    if q.kind is Kind.MATCHING:
        return LmsItem(type=ItemType.MATCHING, pairs=matching_pairs(q), **common)
    raise ExportError(
        f"question {q.id} is a {q.kind.value}, which this export cannot hold:"
        f" choose from {', '.join(kind.value for kind in LMS_KINDS)}"
    )


def ordering_pairs(question: Question) -> tuple[tuple[str, str], ...]:
    """Each event as shown, with its position (1 for the earliest) in the right order."""
    right = [str(event) for event in question.answer]
    shown = _options(question) if question.options else tuple(right)
    if sorted(shown) != sorted(right):
        raise ExportError(f"question {question.id}: its events and its right order differ")
    return tuple((event, str(right.index(event) + 1)) for event in shown)


def matching_pairs(question: Question) -> tuple[tuple[str, str], ...]:
    """Each left item with its match, then any option that matches nothing as an extra."""
    answer = question.answer
    if not isinstance(answer, Mapping) or not answer:
        raise ExportError(f"question {question.id}: a matching answer must map items to matches")
    lefts = question.extra.get("left") or list(answer)
    pairs = [(str(left), str(answer[left])) for left in lefts]
    used = {right for _, right in pairs}
    extras = [("", str(o)) for o in question.options or () if str(o) not in used]
    return tuple(pairs + extras)


def question_name(question: Question) -> str:
    """`fact-id (+2) · kind · template · lang`: readable in a question bank, and stable."""
    facts = question.fact_ids[0] if question.fact_ids else question.topic
    if len(question.fact_ids) > 1:
        facts += f" (+{len(question.fact_ids) - 1})"
    parts = [facts, question.kind.value, question.template, question.lang]
    return " · ".join(part for part in parts if part)


def category(deck: Deck, topic_id: str, lang: str, group: str = "") -> tuple[str, ...]:
    """Deck title, the optional group, then the topic's titles from the root of the topic tree."""
    names = [_title(deck.title, lang, deck.id)]
    if group.strip():
        names.append(group)
    names += [_title(topic.title, lang, topic.id) for topic in deck.topic_path(topic_id)]
    return tuple(_SPACE.sub(" ", name).strip() for name in names)


def _title(titles: Mapping[str, str], lang: str, fallback: str) -> str:
    return titles.get(lang) or next((t for t in titles.values() if t), fallback)


def _options(question: Question) -> Sequence[str]:
    if not question.options:
        raise ExportError(f"question {question.id}: a {question.kind.value} item has no options")
    return tuple(str(option) for option in question.options)
