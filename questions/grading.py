"""Grading a typed answer (typed and cloze items) fairly but strictly.

Accepted: any listed spelling or alias of the answer in any language, a transliteration,
different case, diacritics or punctuation, and a small typo, unless that typo is as close to
another entity of the deck (then it names that entity and is refused). Dates in the common
written forms of each language at the answer's precision; numbers with or without separators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from decks.model import Deck, Entity, Quantity
from questions.dates import interval
from questions.errors import QuestionError
from questions.model import Kind, Question
from questions.morphology import morph
from questions.names import all_keys, key, normalize
from questions.parts import parse_iso
from questions.written import parse_written_date, parse_written_number


class Verdict(StrEnum):
    EXACT = "exact"
    """The canonical answer or a listed spelling (ignoring case, diacritics, punctuation)."""
    TYPO = "typo"
    """Close enough to the answer and closer to it than to anything else in the deck."""
    OTHER = "other"
    """Names (or is at least as close to) another entity of the deck."""
    PRECISION = "precision"
    """A date at another precision than the sources give (e.g. a day for a month)."""
    WRONG = "wrong"
    EMPTY = "empty"


@dataclass(frozen=True)
class Grade:
    correct: bool
    verdict: Verdict
    expected: str
    matched: str | None = None
    """The deck spelling the response was read as (the answer's, or the other entity's)."""


def grade_typed(question: Question, response: str, deck: Deck) -> Grade:
    """Grade `response` to a typed or cloze item of a bank built from `deck`."""
    if question.kind not in (Kind.TYPED, Kind.CLOZE):
        raise QuestionError(f"grade_typed grades typed and cloze items, not {question.kind}")
    expected = str(question.answer)
    if not normalize(response):
        return Grade(False, Verdict.EMPTY, expected)
    answer_type = question.extra.get("answer_type")
    answer_key = question.extra.get("key")
    if answer_type == "entity":
        return _entity(deck, str(answer_key), response, expected)
    if answer_type == "date":
        return _date(str(answer_key), _in_answer_year(question, response), expected)
    if answer_type == "number":
        if isinstance(answer_key, bool) or not isinstance(answer_key, (int, float)):
            raise QuestionError(
                f"question {question.id} asks for a number but its key is {answer_key!r}:"
                " build the bank again"
            )
        unit = _unit_lemma(question, deck)
        named = units_named(response)
        if unit and named - {unit}:
            return Grade(False, Verdict.WRONG, expected)  # «1 год» for one month
        grade = _number(answer_key, response, expected)
        if grade.correct and unit and not named and unit not in units_named(question.prompt):
            return Grade(False, Verdict.WRONG, expected)  # "1" to "Within what period…?"
        if not grade.correct and answer_key == 1 and _names_the_unit(question, response, deck):
            return Grade(True, Verdict.EXACT, expected)
        if grade.correct or not question.accepted:
            return grade
        worded = _text(question.accepted, response, expected)  # «в течение месяца», as curated
        return worded if worded.verdict is Verdict.EXACT else grade  # a typo in a figure is wrong
    return _text(question.accepted or (expected,), response, expected)


def allowed_typos(length: int) -> int:
    """Edits forgiven for `length` letters: none up to 4, one up to 8, two up to 15, then three."""
    return 0 if length <= 4 else 1 if length <= 8 else 2 if length <= 15 else 3


PREPOSITIONS = frozenset(
    "in at on to from by of into near "
    "в во на из от у к ко с со под при до по за о об около возле".split()
)
"""Words a question invites before a name ("в Москве" for «Где...?», "in Tokyo")."""

TITLES = frozenset(
    "the foreign minister prime premier people's peoples commissar deputy envoy ambassador consul"
    " general admiral baron count viscount prince chairman plenipotentiary japanese soviet"
    " министр иностранный дело премьер премьер-министр нарком народный комиссар заместитель"
    " посол посланник полпред консул генерал адмирал барон граф виконт князь председатель"
    " японский советский".split()
)
"""Words of a title a question invites before a name: "To which minister…?" is answered
"Foreign Minister Uchida" or «министру иностранных дел Утиде» (in dictionary forms)."""


@lru_cache(maxsize=65536)
def lemma_key(text: str) -> str:
    """`key` of the text with a leading preposition dropped and each Russian word in its
    dictionary form, so that «в Москве», «Москвой» and "Moskva" all read as Москва."""
    words = normalize(text).split()
    while len(words) > 1 and words[0] in PREPOSITIONS:
        words = words[1:]
    analyser = morph()
    lemmas = [
        analyser.parse(w)[0].normal_form if any("а" <= ch <= "я" for ch in w) else w for w in words
    ]
    while len(lemmas) > 1 and lemmas[0] in TITLES:
        lemmas = lemmas[1:]
    return key(" ".join(lemmas))


def lemma_keys(entity: Entity) -> frozenset[str]:
    """`lemma_key` of every spelling of the entity."""
    return frozenset(lemma_key(name) for name in entity.all_names()) | all_keys(entity)


def _entity(deck: Deck, answer_id: str, response: str, expected: str) -> Grade:
    answer = deck.entity(answer_id)
    typed = key(response)
    if typed in all_keys(answer) or lemma_key(response) in lemma_keys(answer):
        return Grade(True, Verdict.EXACT, expected, answer.name.get("en"))
    if lemma_key(response) != typed:
        typed = lemma_key(response)
    best_other: tuple[int, Entity | None] = (10**9, None)
    for other in deck.entities:
        if other.id == answer.id:
            continue
        if typed in all_keys(other):
            return Grade(False, Verdict.OTHER, expected, _shown(other))
        distance = min(Levenshtein.distance(typed, k) for k in all_keys(other))
        if distance < best_other[0]:
            best_other = (distance, other)
    distance = min(Levenshtein.distance(typed, k) for k in all_keys(answer))
    if distance <= allowed_typos(len(typed)):
        if best_other[1] is not None and best_other[0] <= distance:
            return Grade(False, Verdict.OTHER, expected, _shown(best_other[1]))
        return Grade(True, Verdict.TYPO, expected, answer.name.get("en"))
    if best_other[1] is not None and best_other[0] <= allowed_typos(len(typed)):
        return Grade(False, Verdict.OTHER, expected, _shown(best_other[1]))
    return Grade(False, Verdict.WRONG, expected)


def _shown(entity: Entity) -> str:
    return next(iter(entity.name.values()), entity.id)


def _in_answer_year(question: Question, response: str) -> str:
    """ "15 May" read as "15 May 1924": «Какого числа …?» asks for a day of the month, and a
    student who gives the day and month of the right year's event has answered it."""
    year = str(question.extra.get("key", ""))[:4]
    if year.isdigit() and not re.search(r"\d{4}", response) and re.search(r"\d", response):
        return f"{response.strip()} {year}"
    return response


def _date(answer_iso: str, response: str, expected: str) -> Grade:
    answer = parse_iso(answer_iso)
    readings = parse_written_date(response)
    if not readings:
        return Grade(False, Verdict.WRONG, expected)
    for reading in readings:
        if reading.iso() == answer.iso():
            return Grade(True, Verdict.EXACT, expected, reading.iso())
    for reading in readings:
        (a0, a1), (r0, r1) = interval(answer), interval(reading)
        if a0 <= r0 and r1 <= a1:  # finer than the stem asks, and within the answer
            return Grade(True, Verdict.EXACT, expected, reading.iso())
    for reading in readings:
        (a0, a1), (r0, r1) = interval(answer), interval(reading)
        if a0 <= r1 and r0 <= a1:
            return Grade(False, Verdict.PRECISION, expected, reading.iso())
    return Grade(False, Verdict.WRONG, expected, readings[0].iso())


def _number(value: int | float, response: str, expected: str) -> Grade:
    typed = parse_written_number(response)
    if typed is not None and abs(typed - float(value)) < 1e-9:
        return Grade(True, Verdict.EXACT, expected)
    return Grade(False, Verdict.WRONG, expected)


def _names_the_unit(question: Question, response: str, deck: Deck) -> bool:
    """Whether a response with no number names the unit of an answer of one: «месяц» or «за
    месяц» is one month, as "a month" is; Russian has no article to count."""
    if parse_written_number(response) is not None:
        return False
    quantity = _quantity(question, deck)
    if quantity is None:
        return False
    unit = quantity.unit.get(question.lang, "").split()
    if not unit:
        return False
    head = _lemma(unit[0])
    return any(_lemma(word) == head for word in re.findall(r"[^\W\d_]+", response.lower()))


UNIT_LEMMAS = {
    "day": "day", "week": "week", "month": "month", "year": "year", "percent": "percent",
    "день": "day", "неделя": "week", "месяц": "month", "год": "year", "процент": "percent",
}  # fmt: skip
"""Units a learner may name with a number, by lemma in either language; naming another than
the answer's makes it wrong («1 год» for one month)."""


def _quantity(question: Question, deck: Deck) -> Quantity | None:
    """The quantity a number item asks for, from its fact."""
    found = [deck.facts_by_id[i] for i in question.fact_ids if i in deck.facts_by_id]
    if len(found) > 1:  # the first in the deck's order, as the deck lists them
        found = [f for f in deck.facts if f.id in question.fact_ids]
    fact = found[0] if found else None
    return fact.number(str(question.extra.get("part"))) if fact else None


def _unit_lemma(question: Question, deck: Deck) -> str | None:
    """The unit of the answer's quantity, when it is one of `UNIT_LEMMAS`."""
    quantity = _quantity(question, deck)
    return unit_of(quantity.unit.get(question.lang, "")) if quantity else None


def unit_of(unit_text: str) -> str | None:
    """The unit a quantity's unit text starts with ("months", «процентов нефтяных…»), when it
    is one of `UNIT_LEMMAS`."""
    words = unit_text.split()
    return UNIT_LEMMAS.get(_lemma(words[0])) if words else None


def units_named(text: str) -> set[str]:
    """The units of `UNIT_LEMMAS` a text names, in either language («лет» and "years" are
    both "year")."""
    lemmas = {_lemma(word) for word in re.findall(r"[^\W\d_]+", text.lower())}
    return {UNIT_LEMMAS[lemma] for lemma in lemmas if lemma in UNIT_LEMMAS}


def _lemma(word: str) -> str:
    word = word.lower()
    if any("а" <= ch <= "я" or ch == "ё" for ch in word):
        return str(morph().parse(word)[0].normal_form)
    return word.removesuffix("s")


def _text(accepted: tuple[str, ...], response: str, expected: str) -> Grade:
    typed = normalize(response)
    for form in accepted:
        if normalize(form) == typed:
            return Grade(True, Verdict.EXACT, expected, form)
    for form in accepted:
        if Levenshtein.distance(normalize(form), typed) <= allowed_typos(len(typed)):
            return Grade(True, Verdict.TYPO, expected, form)
    return Grade(False, Verdict.WRONG, expected)
