"""Loading a deck directory into a `Deck`, collecting every problem in one pass.

Layout of a deck directory (see docs/deck-format.md):

    deck.yaml        id, title, description, languages, sides, topics
    sources.yaml     the documents facts cite
    entities.yaml    people, places, organisations, documents (more may live in entities/*.yaml)
    facts/*.yaml     lists of facts
    reviews.yaml     a teacher's decisions on the generated questions (optional)

This module finds and reads those files and runs the steps in order; each step has its module:
`decks.header` reads deck.yaml, `decks.records` a source or an entity, `decks.facts` a fact,
`decks.references` checks references between them, `decks.quotes` checks the quotes against the
source texts, and `decks.ledger` holds what they have found so far.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from decks.collector import collector_paused
from decks.facts import FactReader
from decks.header import Header, read_header
from decks.ledger import Ledger
from decks.model import Deck, Entity, Fact, Source
from decks.problems import DeckError, Problem, display_path
from decks.quotes import QuoteCheck, verify_quotes
from decks.reader import Reader
from decks.records import read_entity, read_source
from decks.references import CrossChecker
from decks.reviews import REVIEWS_FILE, Reviews, read_reviews
from decks.safe_yaml import Mark, Seq, YamlRefused, YamlValue, read_yaml
from decks.source_texts import SourceText, find_sources_dir

__all__ = ["LoadResult", "QuoteCheck", "check_deck", "load_deck"]


@dataclass
class LoadResult:
    deck: Deck | None
    problems: list[Problem]
    quotes: QuoteCheck
    texts: dict[str, SourceText] = field(default_factory=dict)
    directory: Path | None = None
    """The deck's folder, to name a deck that did not load."""

    @property
    def ok(self) -> bool:
        return not self.problems


def load_deck(directory: str | Path, sources_dir: str | Path | None = None) -> Deck:
    """Load a valid deck or raise DeckError with every problem found."""
    result = check_deck(directory, sources_dir)
    if result.problems or result.deck is None:
        raise DeckError(result.problems)
    return result.deck


def check_deck(directory: str | Path, sources_dir: str | Path | None = None) -> LoadResult:
    """Load a deck and report all its problems instead of stopping at the first."""
    with collector_paused():
        return _DeckLoader(Path(directory), find_sources_dir(sources_dir)).run()


class _DeckLoader:
    """Reads a deck's files in a fixed order, each record by its reader, then checks them."""

    def __init__(self, directory: Path, sources_dir: Path | None):
        self.directory = directory
        self.root = directory.parent
        self.sources_dir = sources_dir
        self.ledger = Ledger()
        self.problems = self.ledger.problems

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path) -> object:
        """The file's content as a `YamlValue`, or `_REFUSED` after noting why it cannot be
        read."""
        try:
            return read_yaml(path, self.shown(path), self.directory)
        except YamlRefused as refused:
            self.problems.append(refused.problem)
            return _REFUSED

    def reader(self, path: Path) -> Reader:
        reader = Reader(self.shown(path), self.problems, self.ledger.languages)
        reader.lenient = self.ledger.lenient_languages
        return reader

    def run(self) -> LoadResult:
        quotes = QuoteCheck(sources_dir=self.sources_dir)
        if not self.directory.is_dir():
            self.problems.append(
                Problem(
                    str(self.directory),
                    1,
                    1,
                    "deck directory not found",
                    "pass the folder that holds deck.yaml",
                )
            )
            return LoadResult(None, self.problems, quotes, directory=self.directory)
        header = self.load_header()
        sources = self.load_sources()
        entities = self.load_entities(header)
        facts = self.load_facts()
        reviews = self.load_reviews()
        if header is None:
            return LoadResult(None, self.problems, quotes, directory=self.directory)
        deck = Deck(
            id=header["id"],
            title=header["title"],
            description=header["description"],
            languages=self.ledger.languages,
            topics=header["topics"],
            sides=header["sides"],
            sources=tuple(sources),
            entities=tuple(entities),
            facts=tuple(facts),
            directory=str(self.directory),
            reviews=reviews,
        )
        CrossChecker(self.ledger, deck).run()
        texts = verify_quotes(self.ledger, deck, quotes)
        return LoadResult(deck, self.problems, quotes, texts, self.directory)

    def load_header(self) -> Header | None:
        path = self.directory / "deck.yaml"
        if not os.path.lexists(path):
            self.problems.append(
                Problem(
                    self.shown(path),
                    1,
                    1,
                    "deck.yaml is missing",
                    "create it with id, title, description, languages, "
                    "topics (see docs/deck-format.md)",
                )
            )
            return None
        data = self.read(path)
        if data is _REFUSED:
            return None
        return read_header(self.ledger, self.reader(path), data, self.directory.name)

    def load_sources(self) -> list[Source]:
        path = self.directory / "sources.yaml"
        if not os.path.lexists(path):
            self.problems.append(
                Problem(
                    self.shown(path),
                    1,
                    1,
                    "sources.yaml is missing",
                    "create it with the documents the facts cite",
                )
            )
            return []
        items = self.top_list(path, "sources.yaml", "source")
        r = self.reader(path)
        return [s for item, mark in items if (s := read_source(self.ledger, r, item, mark))]

    def top_list(self, path: Path, what: str, kind: str) -> list[tuple[YamlValue, Mark]]:
        """The items of a list file; a file that cannot be read leaves its `kind` incomplete."""
        data = self.read(path)
        if data is None:
            return []
        if data is _REFUSED or not isinstance(data, Seq):
            self.ledger.incomplete.add(kind)
        if data is _REFUSED:
            return []
        if not isinstance(data, Seq):
            self.problems.append(
                Problem(
                    self.shown(path), 1, 1, f"{what} must be a list", "start each item with '- '"
                )
            )
            return []
        return list(zip(data, data.item_marks, strict=True))

    def load_entities(self, header: Header | None) -> list[Entity]:
        paths = [self.directory / "entities.yaml"]
        paths += sorted((self.directory / "entities").glob("*.yaml"))
        paths = [p for p in paths if os.path.lexists(p)]
        if not paths:
            self.problems.append(
                Problem(
                    self.shown(self.directory / "entities.yaml"),
                    1,
                    1,
                    "entities.yaml is missing",
                    "create it with the people, places, organisations and documents the facts name",
                )
            )
        sides = {s.id for s in header["sides"]} if header else None
        entities = []
        for path in paths:
            r = self.reader(path)
            for item, mark in self.top_list(path, path.name, "entity"):
                entity = read_entity(self.ledger, r, item, mark, sides)
                if entity:
                    entities.append(entity)
        return entities

    def load_facts(self) -> list[Fact]:
        folder = self.directory / "facts"
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if not paths:
            self.problems.append(
                Problem(
                    self.shown(folder),
                    1,
                    1,
                    "no fact files found",
                    "add facts/*.yaml files holding lists of facts",
                )
            )
        facts = []
        for path in paths:
            r = self.reader(path)
            for item, mark in self.top_list(path, path.name, "fact"):
                fact = FactReader(self.ledger, r).read(item, mark)
                if fact:
                    facts.append(fact)
        return facts

    def load_reviews(self) -> Reviews:
        """The teacher's decisions; a deck without reviews.yaml has none. A decision on a
        question the deck no longer gives is not a problem here: `questions.reviewed` reports
        it as stale, since only a bank build knows which questions exist."""
        path = self.directory / REVIEWS_FILE
        if not os.path.lexists(path):
            return Reviews()
        data = self.read(path)
        if data is _REFUSED:
            return Reviews(file=self.shown(path))
        return read_reviews(self.shown(path), self.reader(path), data)


_REFUSED = object()
