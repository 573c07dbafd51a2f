"""The part of a fact a question asks about, and how its answer reads in each language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from decks.model import (
    Ask,
    DateSpec,
    Deck,
    Fact,
    Localized,
    PartialDate,
    Precision,
    Quantity,
    in_language,
)
from questions.dates import format_date
from questions.errors import QuestionError
from questions.numbers import format_quantity
from questions.rules import announced_precision

DATE = "date"
DETAIL = "detail"


class PartKind(StrEnum):
    ENTITY = "entity"
    DATE = "date"
    NUMBER = "number"
    DETAIL = "detail"


@dataclass(frozen=True)
class Part:
    """One askable part: `about` is `date`, an entity role, a number id or `detail`."""

    about: str
    kind: PartKind
    entity: str | None = None
    date: DateSpec | None = None
    quantity: Quantity | None = None
    detail: Localized | None = None

    @property
    def key(self) -> str | int | float:
        """The answer as data: an entity id, an ISO date, a number or the detail's English."""
        if self.kind is PartKind.ENTITY:
            return self.entity or ""
        if self.kind is PartKind.DATE:
            return self.date.iso() if self.date else ""
        if self.kind is PartKind.NUMBER:
            return self.quantity.value if self.quantity else 0
        return in_language(self.detail or {}, "en")


def part_of(fact: Fact, about: str, answer: Localized | None = None) -> Part | None:
    """The part `about` names, or None when the fact does not give it (or a role has 2+ ids)."""
    if about == DATE:
        return Part(about, PartKind.DATE, date=fact.date) if fact.date else None
    if about == DETAIL:
        return Part(about, PartKind.DETAIL, detail=answer) if answer else None
    quantity = fact.number(about)
    if quantity is not None:
        return Part(about, PartKind.NUMBER, quantity=quantity)
    ids = fact.entities.get(about, ())
    if len(ids) == 1:
        return Part(about, PartKind.ENTITY, entity=ids[0])
    return None


def contested(fact: Fact, about: str) -> bool:
    """Whether the sources disagree on this part: then no item may take a side on it."""
    return fact.contested is not None and fact.contested.about == about


def render_key(part: Part, key: str | int | float, deck: Deck, lang: str) -> str:
    """How the answer (or a distractor of the same part) reads in `lang`."""
    if part.kind is PartKind.ENTITY:
        return deck.entity(str(key)).name[lang]
    if part.kind is PartKind.DATE:
        return format_date(parse_iso(str(key)), lang)
    if part.kind is PartKind.NUMBER:
        assert part.quantity is not None
        return format_quantity(part.quantity, lang, number_key(key))
    return (part.detail or {})[lang]


def number_key(key: str | int | float) -> int | float:
    """The key of a number part, which a stored item may carry wrongly as text."""
    if isinstance(key, str):
        raise QuestionError(f"the answer to a number is a number, not the text {key!r}")
    return key


def render(part: Part, deck: Deck, lang: str) -> str:
    return render_key(part, part.key, deck, lang)


def asked(fact: Fact) -> list[tuple[str, Ask, Part]]:
    """The fact's curated phrasings with a slot name each (`date`, `where`, `detail#2`...).

    The slot goes into question ids, so a second phrasing of the same part gets `#2`. A date
    asked at a coarser precision than the fact gives ("In which year ...") is answered at the
    precision the stem announces, so a right answer at that precision is the right answer.
    """
    found = []
    seen: dict[str, int] = {}
    for ask in fact.ask:
        seen[ask.about] = seen.get(ask.about, 0) + 1
        slot = ask.about if seen[ask.about] == 1 else f"{ask.about}#{seen[ask.about]}"
        part = part_of(fact, ask.about, ask.answer)
        if part is not None and part.kind is PartKind.DATE and part.date is not None:
            part = Part(part.about, part.kind, date=at_precision(part.date, asked_precision(ask)))
        if part is not None:
            found.append((slot, ask, part))
    return found


def asked_precision(ask: Ask) -> Precision | None:
    """The coarsest precision any language of the phrasing announces, if any does."""
    announced = [announced_precision(text, lang) for lang, text in ask.prompt.items()]
    ranked = [p for p in announced if p is not None]
    return max(ranked, key=lambda p: _RANK[p]) if ranked else None


def at_precision(date: DateSpec, precision: Precision | None) -> DateSpec:
    """A date or a span cut to a coarser `precision` ("In which month and year" of 4–26
    September 1922 is September 1922; of 28 June – 24 July 1923, June–July 1923); a finer
    request leaves it as it is."""
    if precision is None:
        return date
    start = _cut(date.start, precision)
    end = None if date.end is None else _cut(date.end, precision)
    return DateSpec(start, None if end == start else end)


def _cut(date: PartialDate, precision: Precision) -> PartialDate:
    if _RANK[precision] <= _RANK[date.precision]:
        return date
    if precision is Precision.YEAR:
        return PartialDate(date.year, 1, 1, Precision.YEAR)
    return PartialDate(date.year, date.month, 1, Precision.MONTH)


_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial(text: str) -> PartialDate:
    found = _ISO.match(text)
    if not found:
        raise ValueError(f"'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = found.groups()
    if day:
        return PartialDate(int(year), int(month), int(day), Precision.DAY)
    if month:
        return PartialDate(int(year), int(month), 1, Precision.MONTH)
    return PartialDate(int(year), 1, 1, Precision.YEAR)


@lru_cache(maxsize=65536)
def parse_iso(text: str) -> DateSpec:
    """The inverse of DateSpec.iso(): `1921-08-26` or `1921-08-26/1922-04-16`."""
    start, _, end = text.partition("/")
    return DateSpec(parse_partial(start), parse_partial(end) if end else None)
