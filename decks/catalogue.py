"""Finding decks and summarising them, for the catalogue page and `factdeck validate`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from decks.loader import LoadResult, QuoteCheck, check_deck
from decks.model import Deck, Localized, Topic
from decks.problems import Problem

DECKS_DIR = Path(__file__).resolve().parent
"""Decks ship inside the `decks` package, one folder each holding a deck.yaml."""


@dataclass(frozen=True)
class DeckSummary:
    id: str
    title: Localized
    description: Localized
    languages: tuple[str, ...]
    facts: int
    entities: int
    sources: int
    topics: int
    contested: int
    language_coverage: dict[str, tuple[int, int]]
    """Per language: (facts with a statement, entities with a name) in that language."""


def deck_summary(deck: Deck) -> DeckSummary:
    return DeckSummary(
        id=deck.id,
        title=deck.title,
        description=deck.description,
        languages=deck.languages,
        facts=len(deck.facts),
        entities=len(deck.entities),
        sources=len(deck.sources),
        topics=len(deck.topics),
        contested=sum(1 for f in deck.facts if f.contested),
        language_coverage={
            lang: (
                sum(1 for f in deck.facts if f.statement.get(lang)),
                sum(1 for e in deck.entities if e.name.get(lang)),
            )
            for lang in deck.languages
        },
    )


def deck_dirs(root: Path | None = None) -> list[Path]:
    """Every folder under `root` (default DECKS_DIR) that holds a deck.yaml, in name order."""
    return sorted(p.parent for p in (root or DECKS_DIR).glob("*/deck.yaml"))


def load_catalogue(root: Path | None = None) -> list[LoadResult]:
    """Load every deck found under `root` (default DECKS_DIR).

    A broken deck comes back with its problems, never as an exception: the app loads every deck
    into one catalogue, so one hostile or buggy deck must not take the others down with it.
    """
    return [_load_guarded(directory) for directory in deck_dirs(root)]


def _load_guarded(directory: Path) -> LoadResult:
    try:
        return check_deck(directory)
    except Exception as error:  # whatever one deck does, the others still load
        logging.getLogger(__name__).exception("the deck in %s could not be loaded", directory)
        problem = Problem(
            directory.name,
            1,
            1,
            f"the deck could not be loaded ({type(error).__name__})",
            "run `factdeck validate` on it to see where",
        )
        return LoadResult(None, [problem], QuoteCheck(), directory=directory)


def topic_outline(deck: Deck) -> list[tuple[int, Topic]]:
    """Topics in story order, each with its depth in the tree, for indented display."""
    children: dict[str | None, list[Topic]] = {}
    for topic in deck.topics:
        children.setdefault(topic.parent, []).append(topic)
    outline: list[tuple[int, Topic]] = []
    pending = [(0, topic) for topic in reversed(children.get(None, []))]
    while pending:  # depth first, without recursion: a tree's depth is the deck's to choose
        depth, topic = pending.pop()
        outline.append((depth, topic))
        pending.extend((depth + 1, child) for child in reversed(children.get(topic.id, [])))
    return outline
