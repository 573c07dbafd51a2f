"""Why a distractor is wrong, checked against the fact base rather than assumed.

Both the generators (to pick distractors) and the quality gate (to re-check a built bank) call
`refute`: it returns None when the candidate is provably wrong for the part of the fact, else
the reason it is not.
"""

from __future__ import annotations

from decks.model import Deck, Fact
from questions.dates import overlaps
from questions.names import all_keys, names_anywhere
from questions.numbers import PROVABLE
from questions.parts import Part, PartKind, parse_iso


def refute(
    deck: Deck,
    fact: Fact,
    part: Part,
    candidate: str | int | float,
    same_day: SameDay | None = None,
) -> str | None:
    """None if `candidate` is provably wrong for `part` of `fact`; else why it may be right.

    `same_day` (from `same_day_roles`) lets an entity be refuted also against parallel facts:
    one that names the candidate in the same role on the same date.
    """
    if part.kind is PartKind.ENTITY:
        return _entity(deck, fact, part, str(candidate), same_day)
    if part.kind is PartKind.DATE:
        return _date(fact, part, str(candidate))
    if part.kind is PartKind.NUMBER:
        return _number(fact, part, candidate)
    return "a free-text detail has no provably wrong alternatives"


def _entity(
    deck: Deck, fact: Fact, part: Part, candidate: str, same_day: SameDay | None
) -> str | None:
    other = deck.entities_by_id.get(candidate)
    if other is None:
        return f"'{candidate}' is not an entity of the deck"
    named = {i for ids in fact.entities.values() for i in ids}
    if fact.contested:
        named |= {v.entity for v in fact.contested.versions if v.entity}
    if candidate in named:
        return f"'{candidate}' is named in fact '{fact.id}'"
    answer = deck.entities_by_id.get(part.entity or "")
    if answer is not None and all_keys(answer) & all_keys(other):
        return f"'{candidate}' shares a spelling with the answer '{answer.id}'"
    if any(names_anywhere(text, other) for text in fact.statement.values()):
        return f"the statement of fact '{fact.id}' mentions '{candidate}'"
    if fact.date is not None:
        twins = (same_day or {}).get((fact.date.iso(), part.about, candidate), set())
        if twins - {fact.id}:
            return f"fact '{min(twins - {fact.id})}' gives '{candidate}' as '{part.about}' that day"
    return None


SameDay = dict[tuple[str, str, str], set[str]]


def same_day_roles(deck: Deck) -> SameDay:
    """(date, role, entity) -> facts: a parallel fact could make a swapped entity right."""
    index: SameDay = {}
    for fact in deck.facts:
        if fact.date is None:
            continue
        for role, ids in fact.entities.items():
            for ident in ids:
                index.setdefault((fact.date.iso(), role, ident), set()).add(fact.id)
    return index


def _date(fact: Fact, part: Part, candidate: str) -> str | None:
    try:
        date = parse_iso(candidate)
    except ValueError as error:
        return str(error)
    if part.date is not None and overlaps(date, part.date):
        return f"{candidate} may be the same day as the answer {part.date.iso()}"
    if fact.date is not None and part.about == "date" and overlaps(date, fact.date):
        return f"{candidate} may be the date of fact '{fact.id}'"
    if fact.contested:
        for version in fact.contested.versions:
            if version.date is not None and overlaps(date, version.date):
                return f"{candidate} is the date one source gives ({version.citation.source})"
    return None


def _number(fact: Fact, part: Part, candidate: str | int | float) -> str | None:
    quantity = part.quantity
    if quantity is None or isinstance(candidate, str):
        return "not a number"
    if quantity.qualifier not in PROVABLE:
        return f"'{quantity.qualifier}' {quantity.value} is not refuted by another value"
    if candidate == quantity.value:
        return "equals the answer"
    if quantity.qualifier != "exact" and 0.67 <= candidate / quantity.value <= 1.5:
        return f"{candidate} is about {quantity.value}"
    if fact.contested:
        for version in fact.contested.versions:
            if version.value is not None and version.value == candidate:
                return f"{candidate} is the value one source gives ({version.citation.source})"
    return None
