"""What every generator shares: the deck, its indexes, seeded randomness and item assembly."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from decks.model import Citation, Deck, Entity, Fact, Significance, Source
from questions.model import Cited, Kind, Question, question_id
from questions.proof import SameDay, same_day_roles

_Item = TypeVar("_Item")
_Value = TypeVar("_Value")


def lazy_shuffle(items: Sequence[_Item], rng: random.Random) -> Iterator[_Item]:
    """The items in a seeded pseudo-random order, drawn one by one (a coprime stride)."""
    size = len(items)
    if size == 0:
        return
    start, step = stride(size, rng)
    for i in range(size):
        yield items[(start + i * step) % size]


def stride(size: int, rng: random.Random) -> tuple[int, int]:
    """Where a lazy shuffle of `size` items starts and how far it steps: all it draws."""
    start = rng.randrange(size)
    step = 1
    if size > 2:
        step = rng.randrange(1, size)
        while math.gcd(step, size) != 1:
            step = step % (size - 1) + 1
    return start, step


@dataclass
class Context:
    """One bank build. `langs` are the languages rendered; plans are made for every deck
    language, so an item exists in all of them or in none and `langs` never changes a choice."""

    deck: Deck
    seed: int
    langs: tuple[str, ...]
    memo: dict[str, Any] = field(default_factory=dict)
    """What one generator computes and another reuses within the same build."""

    def rng(self, *key: str) -> random.Random:
        """Randomness for one template only, so adding a fact reshuffles nothing else."""
        return random.Random("\x1f".join([str(self.seed), self.deck.id, *key]))

    @cached_property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.deck.sources}

    @cached_property
    def same_day(self) -> SameDay:
        return same_day_roles(self.deck)

    @cached_property
    def topic_order(self) -> dict[str, int]:
        return {t.id: i for i, t in enumerate(self.deck.topics)}

    @cached_property
    def fact_order(self) -> dict[str, int]:
        return {f.id: i for i, f in enumerate(self.deck.facts)}

    @cached_property
    def entity_roots(self) -> dict[str, set[str]]:
        """The top-level topics in whose facts each entity appears (its era, for plausibility)."""
        found: dict[str, set[str]] = defaultdict(set)
        for fact in self.deck.facts:
            for ids in fact.entities.values():
                for ident in ids:
                    found[ident].add(self.deck.root_topic(fact.topic))
        return found

    @cached_property
    def topic_years(self) -> dict[str, tuple[int, int]]:
        """The first and last year of the dated facts of each top-level topic: the years a
        student of that chapter could believe (1915 is no answer for the intervention of 1918)."""
        years: dict[str, list[int]] = defaultdict(list)
        for fact in self.deck.facts:
            if fact.date is not None:
                root = self.deck.root_topic(fact.topic)
                years[root] += [fact.date.start.year, (fact.date.end or fact.date.start).year]
        return {root: (min(found), max(found)) for root, found in years.items()}

    @cached_property
    def attested_numbers(self) -> dict[str, set[int | float]]:
        """Every number the deck's facts state, by its English unit: the 99 years of Japan's
        draft is a distractor a student weighs beside the 45 years agreed; 58 is not."""
        found: dict[str, set[int | float]] = defaultdict(set)
        for fact in self.deck.facts:
            for quantity in fact.numbers:
                found[quantity.unit.get("en", "")].add(quantity.value)
        return found

    @cached_property
    def groups(self) -> dict[tuple[str | None, ...], list[Entity]]:
        """Entities by (type, subtype), by (type, subtype, side) and by (type, subtype, era)."""
        groups: dict[tuple[str | None, ...], list[Entity]] = defaultdict(list)
        for entity in self.deck.entities:
            kind = (entity.type, entity.subtype)
            groups[kind].append(entity)
            if entity.side:
                groups[(*kind, "side", entity.side)].append(entity)
            for era in sorted(self.entity_roots.get(entity.id, ())):
                groups[(*kind, "era", era)].append(entity)
        return groups

    @cached_property
    def testable(self) -> tuple[Fact, ...]:
        """The facts worth a test item: `core` and `supporting`; a `detail` stays a flashcard."""
        return tuple(f for f in self.deck.facts if f.testable)

    @cached_property
    def core(self) -> tuple[Fact, ...]:
        """The facts asked for recall (choice, typed, fill in the blank): `core` only, since a
        supporting fact asked that way tests a detail beside the point (blind review, round 4)."""
        return tuple(f for f in self.deck.facts if f.significance is Significance.CORE)

    def in_context(self, fact: Fact, entity: Entity) -> bool:
        """Whether `entity` belongs to the fact's story: it appears in a fact of the same
        top-level topic (the diplomats, towns and bodies of that chapter), not merely somewhere
        in the deck (a commissar in Moscow for a chairman in Siberia)."""
        return self.deck.root_topic(fact.topic) in self.entity_roots.get(entity.id, ())

    def neighbours(self, fact: Fact) -> set[str]:
        """Entities that take part in the fact or in another fact of the same topic: a swap to
        one of them gives a statement a good student could defend."""
        return self.topic_entities.get(fact.topic, set())

    @cached_property
    def topic_entities(self) -> dict[str, set[str]]:
        """The entities named in each topic's facts, in any role."""
        found: dict[str, set[str]] = defaultdict(set)
        for fact in self.deck.facts:
            for ids in fact.entities.values():
                found[fact.topic].update(ids)
        return found

    def similar(self, entity: Entity, rng: random.Random) -> Iterator[tuple[int, Entity]]:
        """Entities of the same type and subtype, most plausible first, each once, with a tier:
        0 same side, 1 same period (top-level topic), 2 the rest; random order within a tier.
        Lazy, so a deck with thousands of people costs only the few candidates looked at."""
        seen = {entity.id}
        for tier, members in self._tiers(entity):
            for other in lazy_shuffle(members, rng):
                if other.id not in seen:
                    seen.add(other.id)
                    yield tier, other

    def pass_similar(self, entity: Entity, rng: random.Random) -> None:
        """Draw from `rng` what walking every candidate of `similar` draws, without the walk:
        a caller that would refuse them all (a part no phrasing asks about) keeps the
        randomness of what it does next, and its bank, unchanged, at the cost of a few draws
        instead of a pass over every entity of the type."""
        for _, members in self._tiers(entity):
            if members:
                stride(len(members), rng)

    def _tiers(self, entity: Entity) -> list[tuple[int, list[Entity]]]:
        kind = (entity.type, entity.subtype)
        tiers: list[tuple[int, list[Entity]]] = []
        if entity.side:
            tiers.append((0, self.groups.get((*kind, "side", entity.side), [])))
        for era in sorted(self.entity_roots.get(entity.id, ())):
            tiers.append((1, self.groups.get((*kind, "era", era), [])))
        tiers.append((2, self.groups.get(kind, [])))
        return tiers

    def cite(
        self, citations: tuple[Citation, ...] | list[Citation], lang: str
    ) -> tuple[Cited, ...]:
        cited = []
        for citation in citations:
            source = self.sources.get(citation.source)
            title = source.title.get(lang, "") if source else ""
            cited.append(Cited(citation.source, citation.quote, title, citation.page))
        unique = tuple(dict.fromkeys(cited))
        return tuple(c for c in unique if not any(_within(c, other) for other in unique))

    def fact_citations(self, fact: Fact, lang: str, versions: bool = False) -> tuple[Cited, ...]:
        memo: dict[tuple[str, str, bool], tuple[Cited, ...]]
        memo = self.memo.setdefault("citations", {})
        found = memo.get((fact.id, lang, versions))
        if found is None:
            citations = list(fact.sources)
            if versions and fact.contested:
                citations += [v.citation for v in fact.contested.versions]
            found = memo[(fact.id, lang, versions)] = self.cite(citations, lang)
        return found

    def question(
        self,
        *,
        kind: Kind,
        lang: str,
        facts: tuple[Fact, ...],
        template: str,
        prompt: str,
        answer: Any,
        difficulty: float,
        topic: str | None = None,
        options: tuple[str, ...] | None = None,
        accepted: tuple[str, ...] = (),
        versions: bool = False,
        explanation: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Question:
        """Assemble one item; its id depends only on deck, facts, kind, language and template."""
        fact_ids = tuple(sorted(f.id for f in facts))
        sources: tuple[Cited, ...] = ()
        for fact in sorted(facts, key=lambda f: f.id):
            sources += self.fact_citations(fact, lang, versions)
        # A dispute's note goes only on an item about the disputed part (`versions`): on the
        # fact's other items (the town of an attack whose day is disputed) readers took it for
        # a conflict over the key. The fact's statement, the explanation, still gives every
        # version.
        disputes = [f.contested.note[lang] for f in facts if f.contested and versions]
        if explanation is None:
            explanation = facts[0].statement[lang] if len(facts) == 1 else ""
        return Question(
            id=question_id(self.deck.id, fact_ids, kind, lang, template),
            kind=kind,
            lang=lang,
            prompt=self.shared(prompt),
            answer=self.shared(answer) if isinstance(answer, str) else answer,
            fact_ids=self.shared(fact_ids),
            topic=topic or facts[0].topic,
            sources=self.shared(tuple(dict.fromkeys(sources))),
            difficulty=self.shared(round(min(0.95, max(0.05, difficulty)), 2)),
            options=None if options is None else self.shared(tuple(map(self.shared, options))),
            accepted=self.shared(tuple(map(self.shared, accepted))),
            explanation=self.shared(explanation),
            dispute=" ".join(disputes) or None,
            template=self.shared(template),
            extra=self._shared_extra(extra or {}),
        )

    def shared(self, value: _Value) -> _Value:
        """One object for every equal value of the build: a fact's items carry the same fact
        ids, citations, templates and difficulties, and the same names and dates stand as the
        answers and options of thousands of items; a bank of a million items held a copy of
        each per item. Pickling the bank keeps them shared."""
        pool: dict[Any, Any] = self.memo.setdefault("shared", {})
        found: _Value = pool.setdefault(value, value)
        return found

    def _shared_extra(self, extra: dict[str, Any]) -> dict[str, Any]:
        """One dictionary for every equal `extra` of plain values: a card's part, slot and side
        repeat across thousands of cards. Nothing changes a question's `extra` in place (an edit
        or a reordering copies it), so sharing it is safe."""
        try:
            key = tuple(extra.items())
            hash(key)
        except TypeError:  # a list or a dict inside: this item's own
            return extra
        pool: dict[tuple[tuple[str, Any], ...], dict[str, Any]]
        pool = self.memo.setdefault("extra", {})
        return pool.setdefault(key, extra)


def _within(cited: Cited, other: Cited) -> bool:
    """Whether `cited` only repeats part of another quote of the same source: a dispute's version
    quotes «11 марта, в 2 часа ночи» from a passage the fact already quotes whole."""
    if cited is other or cited.source != other.source:
        return False
    part, whole = " ".join(cited.quote.split()), " ".join(other.quote.split())
    return part != whole and part in whole
