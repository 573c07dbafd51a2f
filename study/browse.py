"""Search and filters for browsing a deck's facts and its questions, with their sources.

Matching ignores case and looks at every language: a learner may search in English for a
fact they studied in Russian.
"""

from __future__ import annotations

from collections.abc import Iterable

from decks.model import Deck, Fact
from questions.model import Kind, Question


def _words(query: str) -> list[str]:
    return query.casefold().split()


def _matches(words: list[str], texts: Iterable[str]) -> bool:
    haystack = "\n".join(texts).casefold()
    return all(word in haystack for word in words)


def _flatten(answer: object) -> list[str]:
    if isinstance(answer, dict):
        return [str(part) for pair in answer.items() for part in pair]
    if isinstance(answer, list | tuple):
        return [str(part) for part in answer]
    return [str(answer)]


def fact_sources(fact: Fact) -> set[str]:
    """Every source a fact cites, including those behind each version of a dispute."""
    cited = {citation.source for citation in fact.sources}
    if fact.contested:
        cited |= {version.citation.source for version in fact.contested.versions}
    return cited


def find_facts(
    deck: Deck,
    query: str = "",
    topics: set[str] | None = None,
    source: str | None = None,
    contested_only: bool = False,
) -> list[Fact]:
    """The deck's facts, in deck order, that match every word of `query` and the filters.

    The text searched is the fact's id, statement, the names of its entities and its quotes.
    """
    words = _words(query)
    found = []
    for fact in deck.facts:
        if topics is not None and fact.topic not in topics:
            continue
        if contested_only and fact.contested is None:
            continue
        if source is not None and source not in fact_sources(fact):
            continue
        if words:
            texts = [fact.id, *fact.statement.values()]
            texts += [c.quote for c in fact.sources]
            for ids in fact.entities.values():
                for entity_id in ids:
                    entity = deck.entities_by_id.get(entity_id)
                    if entity:
                        texts += entity.all_names()
            if not _matches(words, texts):
                continue
        found.append(fact)
    return found


def find_questions(
    questions: Iterable[Question],
    query: str = "",
    topics: set[str] | None = None,
    kinds: set[Kind] | None = None,
    source: str | None = None,
    contested_only: bool = False,
) -> list[Question]:
    """The questions, in bank order, matching every word of `query` and the filters."""
    words = _words(query)
    found = []
    for question in questions:
        if topics is not None and question.topic not in topics:
            continue
        if kinds is not None and question.kind not in kinds:
            continue
        if contested_only and question.dispute is None:
            continue
        if source is not None and source not in {c.source for c in question.sources}:
            continue
        if words:
            texts = [question.prompt, *_flatten(question.answer), question.explanation]
            texts += list(question.options or ()) + [c.quote for c in question.sources]
            if not _matches(words, texts):
                continue
        found.append(question)
    return found
