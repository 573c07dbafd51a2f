"""Checking references between records once every file of a deck is read: each fact's topic,
sources and entities exist, its question phrasings ask about parts it gives, and the versions
of a dispute answer the disputed point."""

from __future__ import annotations

from collections.abc import Container

from decks.facts import DATE, DETAIL, INTERPRETATION, citation_places
from decks.ledger import Ledger
from decks.model import Deck, Entity, Fact
from decks.problems import Problem
from decks.reader import did_you_mean


class CrossChecker:
    """Checks references between files once everything is loaded.

    A reference to a record that exists but failed to load, or into a file that could not be
    read at all, is not reported again: the first problem already says what to fix.
    """

    def __init__(self, ledger: Ledger, deck: Deck):
        self.ledger = ledger
        self.deck = deck

    def problem(self, fact: Fact, where: str, message: str, hint: str) -> None:
        mark = self.ledger.fact_mark(fact, where)
        self.ledger.problems.append(Problem(fact.file, mark.line, mark.column, message, hint))

    def unknown(self, kind: str, ident: str, known: Container[str]) -> bool:
        if kind in self.ledger.incomplete or ident in self.ledger.attempted[kind]:
            return False
        return ident not in known

    def run(self) -> None:
        topics = {t.id for t in self.deck.topics}
        sources = {s.id for s in self.deck.sources}
        entities = self.deck.entities_by_id
        for fact in self.deck.facts:
            what = f"fact '{fact.id}'"
            if self.unknown("topic", fact.topic, topics):
                self.problem(
                    fact,
                    "topic",
                    f"{what} has unknown topic '{fact.topic}'",
                    did_you_mean(fact.topic, topics) + " (topics are listed in deck.yaml)",
                )
            for where, citation in citation_places(fact):
                if self.unknown("source", citation.source, sources):
                    self.problem(
                        fact,
                        where.replace("quote", "source"),
                        f"{what} cites unknown source '{citation.source}'",
                        did_you_mean(citation.source, sources)
                        + " (sources are listed in sources.yaml)",
                    )
            for role, ids in fact.entities.items():
                for ident in ids:
                    if self.unknown("entity", ident, entities):
                        self.problem(
                            fact,
                            f"entity:{role}:{ident}",
                            f"{what} names unknown entity '{ident}' as '{role}'",
                            did_you_mean(ident, entities.keys()) + " (or add it to entities.yaml)",
                        )
            self.check_asks(fact, what)
            self.check_contested(fact, what, entities)

    def parts(self, fact: Fact) -> set[str]:
        """What a phrasing may ask about: what the fact gives, or declared but failed to load."""
        parts = {n.id for n in fact.numbers} | set(fact.entities) | {DETAIL}
        if fact.date:
            parts.add(DATE)
        return parts

    def check_asks(self, fact: Fact, what: str) -> None:
        parts = self.parts(fact)
        declared = self.ledger.declared_parts.get(fact.id, set())
        for index, ask in enumerate(fact.ask):
            where = f"ask:{index}"
            if ask.about not in parts:
                if ask.about not in declared:
                    self.problem(
                        fact,
                        where,
                        f"phrasing of {what} asks about '{ask.about}', "
                        "which the fact does not give",
                        did_you_mean(ask.about, parts),
                    )
            elif ask.about in fact.entities and len(fact.entities[ask.about]) != 1:
                self.problem(
                    fact,
                    where,
                    f"phrasing of {what} asks about role '{ask.about}', which names "
                    f"{len(fact.entities[ask.about])} entities",
                    "ask only about a role with exactly one entity",
                )

    def check_contested(self, fact: Fact, what: str, entities: dict[str, Entity]) -> None:
        contested = fact.contested
        if contested is None:
            return
        parts = self.parts(fact) - {DETAIL} | {INTERPRETATION, DATE}
        if contested.about not in parts:
            self.problem(
                fact,
                "contested",
                f"{what} is contested about '{contested.about}', which the fact does not give",
                did_you_mean(contested.about, parts),
            )
            return
        if contested.about == DATE:
            expected = "date"
        elif contested.about == INTERPRETATION:
            expected = "text"
        elif fact.number(contested.about):
            expected = "value"
        else:
            expected = "entity"
        for index, version in enumerate(contested.versions):
            given = self.ledger.version_fields.get((what, index), "")
            if given != expected:
                self.problem(
                    fact,
                    f"version:{index}",
                    f"a version in {what} gives '{given}' but the dispute is about "
                    f"'{contested.about}'",
                    f"give `{expected}:` instead",
                )
            if version.entity and self.unknown("entity", version.entity, entities):
                self.problem(
                    fact,
                    f"version:{index}",
                    f"a version in {what} names unknown entity '{version.entity}'",
                    did_you_mean(version.entity, entities.keys()),
                )
        distinct = {
            (v.date, v.value, v.entity, tuple(sorted((v.text or {}).items())))
            for v in contested.versions
        }
        if len(distinct) < 2:
            self.problem(
                fact,
                "contested",
                f"the versions in {what} all say the same",
                "a contested fact needs versions that differ; drop 'contested'",
            )
