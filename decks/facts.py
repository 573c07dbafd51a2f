"""Reading one fact: its statement, citations, date, entities by role, numbers, curated
question phrasings and any dispute between its sources.

What a fact refers to elsewhere (its topic, sources, entities) is checked once every file is
read, in `decks.references`; here only the fact itself is read, and where each part stands is
noted in the ledger so later problems point at the right line.
"""

from __future__ import annotations

import math
import re

from decks.ledger import Ledger
from decks.model import (
    Ask,
    Citation,
    Contested,
    Fact,
    Qualifier,
    Quantity,
    Significance,
    Version,
)
from decks.reader import ID_PATTERN, Reader, did_you_mean
from decks.records import label
from decks.safe_yaml import Map, Mark, Seq, YamlValue

FACT_KINDS = (
    "event",
    "negotiation",
    "agreement",
    "demand",
    "proposal",
    "position",
    "motive",
    "outcome",
    "role",
    "statistic",
    "context",
)
ROLES = ("who", "with", "against", "where", "about", "led-by", "members", "mediator")
SIGNIFICANCES = tuple(s.value for s in Significance)
QUESTION_KINDS = (
    "multiple_choice",
    "true_false",
    "typed",
    "cloze",
    "ordering",
    "matching",
    "sources_differ",
    "flashcard",
)
"""The question kinds a fact may leave out (`leave_out`); questions.model.Kind names the same."""
DETAIL = "detail"
INTERPRETATION = "interpretation"
DATE = "date"
MAX_QUOTE_CHARS = 1_000
"""A quote is a short passage (the longest in the shipped deck has 371 characters); finding the
closest passage to a quote takes time that grows faster than the square of its length."""
MAX_QUANTITY = 10**15
"""Larger numbers (and .inf, .nan) are no count a source gives, and break distractor arithmetic."""
_NUMBER_HINT = "write digits only, e.g. `value: 300`"


def _number_problem(value: object) -> str | None:
    """What is wrong with a fact's number, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    if not (math.isfinite(value) and abs(value) < MAX_QUANTITY):
        return f"must be a finite number below {MAX_QUANTITY:,}"
    return None


def citation_places(fact: Fact) -> list[tuple[str, Citation]]:
    """Every citation of a fact with the key of its quote's position."""
    places = [(f"quote:{i}", c) for i, c in enumerate(fact.sources)]
    if fact.contested:
        places += [
            (f"version-quote:{i}", v.citation) for i, v in enumerate(fact.contested.versions)
        ]
    return places


class FactReader:
    """Reads one fact mapping; references are checked later, in `decks.references`."""

    def __init__(self, ledger: Ledger, r: Reader):
        self.ledger = ledger
        self.r = r
        self.marks: dict[str, Mark] = {}
        self.declared: set[str] = set()

    def read(self, item: object, mark: Mark) -> Fact | None:
        r = self.r
        m = r.fields(
            item,
            mark,
            label(item, "fact"),
            ("id", "topic", "kind", "statement", "significance", "sources"),
            ("date", "entities", "numbers", "ask", "contested", "leave_out"),
        )
        if m is None:
            return None
        ident = r.ident(m, "id", "a fact")
        what = f"fact '{ident}'"
        kind = r.one_of(m, "kind", what, FACT_KINDS, "fact kind")
        significance = r.one_of(m, "significance", what, SIGNIFICANCES, "significance")
        topic = r.string(m, "topic", what)
        statement = r.localized(m, "statement", what)
        sources = self.citations(m, "sources", what)
        date = r.date(m, "date", what)
        entities = self.entities(m, what)
        numbers = self.numbers(m, what)
        ask = self.asks(m, what)
        contested = self.contested(m, what)
        leave_out = self.leave_out(m, what, significance)
        self.marks["fact"] = m.mark
        self.marks["topic"] = m.value_mark("topic")
        self.marks["contested"] = m.value_mark("contested")
        if "date" in m:
            self.declared.add(DATE)
        if not (ident and topic and kind and statement and significance and sources):
            return None
        if not self.ledger.claim("fact", ident, r.shown_as, m.value_mark("id")):
            return None
        self.ledger.fact_marks[ident] = self.marks
        self.ledger.declared_parts[ident] = self.declared
        return Fact(
            id=ident,
            topic=topic,
            kind=kind,
            statement=statement,
            sources=sources,
            date=date,
            entities=entities,
            numbers=numbers,
            ask=ask,
            contested=contested,
            significance=Significance(significance),
            leave_out=leave_out,
            file=r.shown_as,
            line=m.mark.line,
        )

    def leave_out(self, m: Map, what: str, significance: str | None) -> dict[str, str]:
        """The question kinds the curator keeps this fact out of, each with the reason."""
        if "leave_out" not in m:
            return {}
        value = m["leave_out"]
        r = self.r
        if not isinstance(value, Map) or not value:
            r.problem(
                m.value_mark("leave_out"),
                f"'leave_out' of {what} must map question kinds to the reason",
                "write `leave_out: {cloze: the blank has a second answer in the sources}`",
            )
            return {}
        kept: dict[str, str] = {}
        for kind in value:
            reason = value[kind]
            if kind not in QUESTION_KINDS:
                r.problem(
                    value.key_mark(kind),
                    f"unknown question kind '{kind}' in 'leave_out' of {what}",
                    did_you_mean(str(kind), QUESTION_KINDS),
                )
            elif not isinstance(reason, str) or not reason.strip():
                r.problem(
                    value.value_mark(kind),
                    f"'leave_out: {kind}' of {what} gives no reason",
                    "say in a few words why the item would fail a teacher's reading",
                )
            elif kind == "flashcard" and significance != Significance.DETAIL.value:
                r.problem(
                    value.key_mark(kind),
                    f"{what} is {significance} but leaves out its flashcards",
                    "mend the card's phrasing instead: practice answers on a testable fact"
                    " rate its card; only a detail fact may have none",
                )
            else:
                kept[str(kind)] = reason.strip()
        return kept

    def citations(self, m: Map, key: str, what: str) -> tuple[Citation, ...]:
        items: list[YamlValue] = self.r.seq(m, key, what, min_items=1) or []
        result: list[Citation] = []
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            citation = self.citation(item, mark, what)
            if citation and isinstance(item, Map):
                self.marks[f"source:{len(result)}"] = item.value_mark("source")
                self.marks[f"quote:{len(result)}"] = item.value_mark("quote")
                result.append(citation)
        return tuple(result)

    def citation(self, item: object, mark: Mark, what: str) -> Citation | None:
        r = self.r
        c = r.fields(item, mark, f"a citation of {what}", ("source", "quote"), ("page",))
        if c is None:
            return None
        source = r.string(c, "source", f"a citation of {what}")
        quote = self.quote(c, f"a citation of {what}")
        page = r.string(c, "page", f"a citation of {what}", required=False)
        if source and quote:
            return Citation(source, quote, page)
        return None

    def quote(self, m: Map, what: str) -> str | None:
        """A citation's quote: a short passage, so comparing it with its source stays quick."""
        quote = self.r.string(m, "quote", what)
        if quote and len(quote) > MAX_QUOTE_CHARS:
            self.r.problem(
                m.value_mark("quote"),
                f"'quote' of {what} is {len(quote):,} characters long;"
                f" a quote may have at most {MAX_QUOTE_CHARS:,}",
                "quote only the passage that supports the fact",
            )
            return None
        return quote

    def entities(self, m: Map, what: str) -> dict[str, tuple[str, ...]]:
        if "entities" not in m:
            return {}
        value = m["entities"]
        r = self.r
        if not isinstance(value, Map):
            r.problem(
                m.value_mark("entities"),
                f"entities of {what} must map roles to ids",
                "write `entities: {who: [ioffe], where: dairen}`",
            )
            return {}
        roles = {}
        for role in value:
            self.declared.add(role)
            if role not in ROLES:
                r.problem(
                    value.key_mark(role),
                    f"unknown role '{role}' in {what}",
                    did_you_mean(role, ROLES),
                )
                continue
            ids = value[role]
            listed = ids if isinstance(ids, Seq) else [ids]
            marks = ids.item_marks if isinstance(ids, Seq) else [value.value_mark(role)]
            clean = []
            for ident, mark in zip(listed, marks, strict=True):
                if not isinstance(ident, str) or not ID_PATTERN.match(ident):
                    r.problem(
                        mark,
                        f"'{ident}' under role '{role}' of {what} is not an entity id",
                        "write the kebab-case id of an entity",
                    )
                else:
                    self.marks[f"entity:{role}:{ident}"] = mark
                    clean.append(ident)
            if not clean:
                r.problem(
                    value.value_mark(role),
                    f"role '{role}' of {what} names no entity",
                    "name an entity id or remove the role",
                )
            roles[role] = tuple(clean)
        return roles

    def numbers(self, m: Map, what: str) -> tuple[Quantity, ...]:
        r = self.r
        items: list[YamlValue] = r.seq(m, "numbers", what) or []
        result: list[Quantity] = []
        seen: set[str] = set()
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            n = r.fields(item, mark, f"a number of {what}", ("id", "value", "unit"), ("qualifier",))
            if n is None:
                continue
            ident = r.ident(n, "id", f"a number of {what}")
            if ident:
                self.declared.add(ident)
            value = n.get("value")
            wrong = _number_problem(value)
            if wrong:
                r.problem(
                    n.value_mark("value"),
                    f"value of number '{ident}' in {what} {wrong}",
                    _NUMBER_HINT,
                )
            number = value if isinstance(value, (int, float)) and not wrong else None
            unit = r.localized(n, "unit", f"number '{ident}' of {what}")
            qualifier = r.string(n, "qualifier", what, required=False) or "exact"
            if qualifier not in {q.value for q in Qualifier}:
                r.problem(
                    n.value_mark("qualifier"),
                    f"unknown qualifier '{qualifier}'",
                    did_you_mean(qualifier, [q.value for q in Qualifier]),
                )
                continue
            if ident in seen:
                r.problem(
                    n.value_mark("id"),
                    f"number id '{ident}' is used twice in {what}",
                    "give each number of a fact its own id",
                )
                continue
            if ident and number is not None and unit:
                seen.add(ident)
                result.append(Quantity(ident, number, unit, Qualifier(qualifier)))
        return tuple(result)

    def asks(self, m: Map, what: str) -> tuple[Ask, ...]:
        r = self.r
        items: list[YamlValue] = r.seq(m, "ask", what) or []
        result: list[Ask] = []
        langs = self.ledger.languages
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            other_langs: tuple[str, ...] = ()
            if r.lenient and isinstance(item, Map):
                other_langs = tuple(k for k in item if re.fullmatch(r"[a-z]{2}", k))
            a = r.fields(
                item,
                mark,
                f"a question phrasing of {what}",
                ("about", *langs),
                ("answer", "reverse", *other_langs),
            )
            if a is None:
                continue
            about = r.string(a, "about", f"a question phrasing of {what}")
            prompt = {lang: r.string(a, lang, f"a question phrasing of {what}") for lang in langs}
            answer = r.localized(a, "answer", f"the phrasing about '{about}' of {what}")
            reverse = r.localized(a, "reverse", f"the phrasing about '{about}' of {what}")
            if about == DETAIL and answer is None and "answer" not in a:
                r.problem(
                    a.mark,
                    f"phrasing about 'detail' of {what} has no answer",
                    "add `answer: {en: ..., ru: ...}` with the key detail",
                )
                continue
            if about and all(prompt.values()):
                self.marks[f"ask:{len(result)}"] = a.mark
                texts = {lang: text for lang, text in prompt.items() if text}
                result.append(Ask(about, texts, answer, reverse))
        return tuple(result)

    def contested(self, m: Map, what: str) -> Contested | None:
        r = self.r
        if "contested" not in m:
            return None
        c = r.fields(
            m["contested"],
            m.value_mark("contested"),
            f"'contested' of {what}",
            ("about", "question", "note", "versions"),
            ("decoy", "exclusive"),
        )
        if c is None:
            return None
        about = r.string(c, "about", f"'contested' of {what}")
        question = r.localized(c, "question", f"'contested' of {what}")
        note = r.localized(c, "note", f"'contested' of {what}")
        items: list[YamlValue] = r.seq(c, "versions", f"'contested' of {what}", min_items=2) or []
        versions: list[Version] = []
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            v = r.fields(
                item,
                mark,
                f"a version in {what}",
                ("source", "quote"),
                ("page", "date", "value", "entity", "text"),
            )
            if v is None:
                continue
            citation = self._version_citation(v, what)
            date = r.date(v, "date", f"a version in {what}")
            value = v.get("value")
            wrong = _number_problem(value) if value is not None else None
            if wrong:
                r.problem(
                    v.value_mark("value"),
                    f"value of a version in {what} {wrong}",
                    _NUMBER_HINT,
                )
            number = value if isinstance(value, (int, float)) and not wrong else None
            entity = r.string(v, "entity", f"a version in {what}", required=False)
            text = r.localized(v, "text", f"a version in {what}")
            given = [k for k in ("date", "value", "entity", "text") if k in v]
            if len(given) != 1:
                r.problem(
                    v.mark,
                    f"a version in {what} must give exactly one of date, value, entity or text",
                    "keep the one that matches 'about'",
                )
                continue
            if citation:
                self.marks[f"version:{len(versions)}"] = v.mark
                self.marks[f"version-quote:{len(versions)}"] = v.value_mark("quote")
                self.ledger.version_fields[(what, len(versions))] = given[0]
                versions.append(Version(citation, date, number, entity, text))
        decoy = r.localized(c, "decoy", f"'contested' of {what}")
        exclusive = c.get("exclusive", True)
        if not isinstance(exclusive, bool):
            r.problem(
                c.value_mark("exclusive"),
                f"'exclusive' of the dispute in {what} must be true or false",
                "write `exclusive: false` where the accounts can all be true",
            )
            exclusive = True
        if about and note and question and len(versions) >= 2:
            return Contested(about, note, tuple(versions), question, decoy, exclusive)
        return None

    def _version_citation(self, v: Map, what: str) -> Citation | None:
        r = self.r
        source = r.string(v, "source", f"a version in {what}")
        quote = self.quote(v, f"a version in {what}")
        page = r.string(v, "page", f"a version in {what}", required=False)
        return Citation(source, quote, page) if source and quote else None
