"""Loading a deck directory into a `Deck`, collecting every problem in one pass.

Layout of a deck directory (see docs/deck-format.md):

    deck.yaml        id, title, description, languages, sides, topics
    sources.yaml     the documents facts cite
    entities.yaml    people, places, organisations, documents (more may live in entities/*.yaml)
    facts/*.yaml     lists of facts
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from decks.files import FileRefused
from decks.model import (
    Ask,
    Citation,
    Contested,
    Deck,
    Entity,
    Fact,
    Qualifier,
    Quantity,
    Side,
    Significance,
    Source,
    Topic,
    Version,
)
from decks.problems import DeckError, Problem, display_path
from decks.reader import ID_PATTERN, Reader, did_you_mean
from decks.safe_yaml import Map, Mark, Seq, YamlRefused, read_yaml
from decks.source_texts import SourceText, check_source_name, find_sources_dir, read_source_text

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
ENTITY_TYPES = ("person", "place", "organisation", "document", "event")
ROLES = ("who", "with", "against", "where", "about", "led-by", "members", "mediator")
SOURCE_KINDS = (
    "history-narrative",
    "journal-article",
    "research-paper",
    "encyclopedia-entry",
    "primary-document",
    "textbook",
    "other",
)
SIGNIFICANCES = tuple(s.value for s in Significance)
MAX_TOPICS = 500
"""Pages list and filter every topic on each run; a deck needs tens (the real one has 15)."""
MAX_TOPIC_DEPTH = 8
"""Levels of subtopics below a top-level topic; it also bounds every walk up the tree."""
DETAIL = "detail"
INTERPRETATION = "interpretation"
DATE = "date"
_START = Mark(1, 1)


@dataclass
class QuoteCheck:
    """How many quotes could be compared with their source text, and how many matched."""

    total: int = 0
    verified: int = 0
    unverifiable_sources: list[str] = field(default_factory=list)
    sources_dir: Path | None = None


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
    return _DeckLoader(Path(directory), find_sources_dir(sources_dir)).run()


class _DeckLoader:
    def __init__(self, directory: Path, sources_dir: Path | None):
        self.directory = directory
        self.root = directory.parent
        self.sources_dir = sources_dir
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en", "ru")
        self.origins: dict[tuple[str, str], tuple[str, Mark]] = {}
        self.fact_marks: dict[str, dict[str, Mark]] = {}
        self.version_fields: dict[tuple[str, int], str] = {}
        self.declared_parts: dict[str, set[str]] = {}
        self.attempted: dict[str, set[str]] = {"entity": set(), "source": set(), "topic": set()}
        self.incomplete: set[str] = set()
        self.source_files: dict[str, tuple[str, Mark]] = {}
        """Where each source's `file:` stands, to locate problems with its text; a source
        whose name was refused is left out and its text never looked for."""
        self.lenient_languages = False

    # -- files ---------------------------------------------------------------------------------

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path) -> Any:
        try:
            return read_yaml(path, self.shown(path), self.directory)
        except YamlRefused as refused:
            self.problems.append(refused.problem)
            return _REFUSED

    def reader(self, path: Path) -> Reader:
        reader = Reader(self.shown(path), self.problems, self.languages)
        reader.lenient = self.lenient_languages
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
        if header is None:
            return LoadResult(None, self.problems, quotes, directory=self.directory)
        deck = Deck(
            id=header["id"],
            title=header["title"],
            description=header["description"],
            languages=self.languages,
            topics=header["topics"],
            sides=header["sides"],
            sources=tuple(sources),
            entities=tuple(entities),
            facts=tuple(facts),
            directory=str(self.directory),
        )
        _CrossChecker(self, deck).run()
        texts = self.verify_quotes(deck, quotes)
        return LoadResult(deck, self.problems, quotes, texts, self.directory)

    # -- deck.yaml -----------------------------------------------------------------------------

    def load_header(self) -> dict[str, Any] | None:
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
        r = self.reader(path)
        m = r.fields(
            data,
            _START,
            "deck.yaml",
            ("id", "title", "description", "languages", "topics"),
            ("sides",),
        )
        if m is None:
            return None
        languages = self.load_languages(r, m)
        if languages:
            self.languages = languages
            r.languages = languages
        r.lenient = self.lenient_languages
        deck_id = r.ident(m, "id", "the deck")
        if deck_id and deck_id != self.directory.name:
            r.problem(
                m.value_mark("id"),
                f"deck id '{deck_id}' differs from its folder name '{self.directory.name}'",
                "rename one so they match",
            )
        title = r.localized(m, "title", "the deck")
        description = r.localized(m, "description", "the deck")
        sides = tuple(self.load_named_list(r, m, "sides", "side", Side))
        topics = self.load_topics(r, m)
        return {
            "id": deck_id or self.directory.name,
            "title": title or {},
            "description": description or {},
            "sides": sides,
            "topics": topics,
        }

    def load_languages(self, r: Reader, m: Map) -> tuple[str, ...] | None:
        """The deck languages; after a malformed code, texts are not checked per language."""
        value = r.seq(m, "languages", "the deck", min_items=1)
        if value is None:
            self.lenient_languages = True
            return None
        languages: list[str] = []
        for item, mark in zip(value, value.item_marks, strict=True):
            if not (isinstance(item, str) and re.fullmatch(r"[a-z]{2}", item)):
                self.lenient_languages = True
                r.problem(
                    mark,
                    f"language '{item}' is not a two-letter ISO 639-1 code",
                    "write e.g. en or ru",
                )
            elif item in languages:
                r.problem(mark, f"language '{item}' is listed twice", "list it once")
            else:
                languages.append(item)
        return tuple(languages) or None

    def load_named_list(self, r: Reader, m: Map, key: str, what: str, cls: type) -> list:
        items = r.seq(m, key, "the deck") or []
        result = []
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            entry = r.fields(item, mark, what, ("id", "name"))
            if entry is None:
                continue
            ident = r.ident(entry, "id", what)
            name = r.localized(entry, "name", f"{what} '{ident}'")
            if ident and self.claim(what, ident, r.shown_as, entry.value_mark("id")) and name:
                result.append(cls(ident, name))
        return result

    def load_topics(self, r: Reader, m: Map) -> tuple[Topic, ...]:
        items = r.seq(m, "topics", "the deck", min_items=1) or []
        if len(items) > MAX_TOPICS:
            r.problem(
                m.value_mark("topics"),
                f"the deck has {len(items):,} topics, over the limit of {MAX_TOPICS}",
                "group the facts into fewer topics: a topic is a chapter, not a fact",
            )
        topics: list[Topic] = []
        marks: dict[str, Mark] = {}
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            entry = r.fields(item, mark, "topic", ("id", "title"), ("parent",))
            if entry is None:
                continue
            ident = r.ident(entry, "id", "a topic")
            self.attempt("topic", entry)
            title = r.localized(entry, "title", f"topic '{ident}'")
            parent = r.string(entry, "parent", f"topic '{ident}'", required=False)
            if ident and self.claim("topic", ident, r.shown_as, entry.value_mark("id")) and title:
                topics.append(Topic(ident, title, parent))
                marks[ident] = entry.value_mark("parent") if parent else entry.mark
        known = {t.id for t in topics}
        parents = {t.id: t.parent for t in topics}
        for topic in topics:
            if topic.parent and topic.parent not in known:
                r.problem(
                    marks[topic.id],
                    f"topic '{topic.id}' has unknown parent '{topic.parent}'",
                    did_you_mean(topic.parent, known),
                )
        depths, cyclic = _topic_depths(parents)
        for topic in topics:
            if topic.id in cyclic:
                r.problem(
                    marks[topic.id],
                    f"topic '{topic.id}' is in a cycle of parents",
                    "make one topic of the cycle a top-level topic (no parent)",
                )
            elif depths[topic.id] == MAX_TOPIC_DEPTH + 1:  # the first level too deep, once
                r.problem(
                    marks[topic.id],
                    f"topic '{topic.id}' lies more than {MAX_TOPIC_DEPTH} levels below a"
                    " top-level topic",
                    "flatten the tree: topics and a few levels of subtopics are enough",
                )
        return tuple(topics)

    def attempt(self, kind: str, record: Map) -> None:
        """Remember an id whose record is being read, even if the record turns out broken."""
        ident = record.get("id")
        if isinstance(ident, str):
            self.attempted[kind].add(ident.strip())

    def claim(self, what: str, ident: str, shown_as: str, mark: Mark) -> bool:
        """Register an id; report a duplicate with where the first one stands."""
        first = self.origins.get((what, ident))
        if first:
            self.problems.append(
                Problem(
                    shown_as,
                    mark.line,
                    mark.column,
                    f"duplicate {what} id '{ident}'",
                    f"it is already used at {first[0]}:{first[1].line}; "
                    "give one of them another id",
                )
            )
            return False
        self.origins[(what, ident)] = (shown_as, mark)
        return True

    # -- sources.yaml --------------------------------------------------------------------------

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
        sources = []
        for item, mark in items:
            m = r.fields(
                item,
                mark,
                _label(item, "source"),
                ("id", "file", "title", "language", "kind", "reliability"),
                ("author", "year", "label"),
            )
            if m is None:
                continue
            ident = r.ident(m, "id", "a source")
            self.attempt("source", m)
            what = f"source '{ident}'"
            values = dict(
                file=r.string(m, "file", what),
                title=r.localized(m, "title", what),
                language=r.string(m, "language", what),
                kind=r.one_of(m, "kind", what, SOURCE_KINDS, "source kind"),
                reliability=r.localized(m, "reliability", what),
                author=r.string(m, "author", what, required=False),
                year=r.integer(m, "year", what),
                label=r.localized(m, "label", what) or {},
            )
            required = ("file", "title", "language", "kind", "reliability")
            if (
                ident
                and all(values[k] for k in required)
                and self.claim("source", ident, r.shown_as, m.value_mark("id"))
            ):
                sources.append(Source(id=ident, **values))
                if self.allowed_name(r, m, values["file"]):
                    self.source_files[ident] = (r.shown_as, m.value_mark("file"))
        return sources

    def allowed_name(self, r: Reader, m: Map, file_name: str) -> bool:
        """Whether a source's `file:` names a file inside the sources folder (else a problem)."""
        try:
            check_source_name(file_name)
        except FileRefused as refused:
            r.problem(m.value_mark("file"), refused.message, refused.hint)
            return False
        return True

    def top_list(self, path: Path, what: str, kind: str) -> list[tuple[Any, Mark]]:
        """The items of a list file; a file that cannot be read leaves its `kind` incomplete."""
        data = self.read(path)
        if data is None:
            return []
        if data is _REFUSED or not isinstance(data, Seq):
            self.incomplete.add(kind)
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

    # -- entities ------------------------------------------------------------------------------

    def load_entities(self, header: dict[str, Any] | None) -> list[Entity]:
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
                entity = self.load_entity(r, item, mark, sides)
                if entity:
                    entities.append(entity)
        return entities

    def load_entity(
        self, r: Reader, item: Any, mark: Mark, sides: set[str] | None
    ) -> Entity | None:
        """Read one entity; `sides` is None when deck.yaml could not be read."""
        m = r.fields(
            item,
            mark,
            _label(item, "entity"),
            ("id", "type", "name", "description"),
            ("aliases", "side", "subtype"),
        )
        if m is None:
            return None
        ident = r.ident(m, "id", "an entity")
        self.attempt("entity", m)
        what = f"entity '{ident}'"
        kind = r.one_of(m, "type", what, ENTITY_TYPES, "entity type")
        name = r.localized(m, "name", what)
        description = r.localized(m, "description", what)
        side = r.string(m, "side", what, required=False)
        if side and sides is not None and side not in sides:
            r.problem(
                m.value_mark("side"),
                f"{what} has unknown side '{side}'",
                did_you_mean(side, sides) + " (sides are listed in deck.yaml)",
            )
            side = None
        aliases = self.load_aliases(r, m, what)
        subtype = r.string(m, "subtype", what, required=False)
        if (
            ident
            and kind
            and name
            and description
            and self.claim("entity", ident, r.shown_as, m.value_mark("id"))
        ):
            return Entity(ident, kind, name, description, aliases, side, subtype)
        return None

    def load_aliases(self, r: Reader, m: Map, what: str) -> dict[str, tuple[str, ...]]:
        if "aliases" not in m:
            return {}
        value = m["aliases"]
        if not isinstance(value, Map):
            r.problem(
                m.value_mark("aliases"),
                f"aliases of {what} must be lists per language",
                "write `aliases: {en: [Joffe, Ioffe], ru: [Иоффе]}`",
            )
            return {}
        aliases = {}
        for lang in value:
            if lang not in self.languages and not r.lenient:
                r.problem(
                    value.key_mark(lang),
                    f"aliases of {what} in '{lang}', which is not a deck language",
                    "use one of: " + ", ".join(self.languages),
                )
                continue
            items = r.seq(value, lang, f"aliases of {what}") or []
            names = []
            for alias, alias_mark in zip(items, getattr(items, "item_marks", []), strict=False):
                if not isinstance(alias, (str, int)) or not str(alias).strip():
                    r.problem(
                        alias_mark,
                        f"an alias of {what} is empty or not text",
                        "write the spelling as text",
                    )
                else:
                    names.append(str(alias).strip())
            aliases[lang] = tuple(names)
        return aliases

    # -- facts ---------------------------------------------------------------------------------

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
                fact = _FactReader(self, r).read(item, mark)
                if fact:
                    facts.append(fact)
        return facts

    # -- quotes --------------------------------------------------------------------------------

    def verify_quotes(self, deck: Deck, check: QuoteCheck) -> dict[str, SourceText]:
        texts: dict[str, SourceText] = {}
        for source in deck.sources:
            if source.id not in self.source_files:
                continue
            text = self.source_text(source)
            if text is None:
                check.unverifiable_sources.append(source.id)
            else:
                texts[source.id] = text
        hint_budget = MAX_HINT_CHARS
        for fact in deck.facts:
            for where, citation in _citation_places(fact):
                check.total += 1
                text = texts.get(citation.source)
                if text is None:
                    continue
                if text.contains(citation.quote):
                    check.verified += 1
                    continue
                nearest = ""
                if len(citation.quote) <= hint_budget:
                    hint_budget -= len(citation.quote)
                    nearest = text.nearest(citation.quote)
                hint = "copy the quote verbatim from the source (only white space may differ)"
                if nearest:
                    hint += f'; the closest passage reads: "{nearest}"'
                mark = self.fact_marks.get(fact.id, {}).get(where) or Mark(fact.line, 1)
                self.problems.append(
                    Problem(
                        fact.file,
                        mark.line,
                        mark.column,
                        f"quote of fact '{fact.id}' is not in {text.file}: \"{citation.quote}\"",
                        hint,
                    )
                )
        return texts

    def source_text(self, source: Source) -> SourceText | None:
        """The source's text from the sources folder, or None when there is none to read; a
        text the deck may not read is a problem at its `file:` and is never opened."""
        if self.sources_dir is None:
            return None
        try:
            return read_source_text(self.sources_dir, source.file)
        except FileRefused as refused:
            shown_as, mark = self.source_files[source.id]
            self.problems.append(
                Problem(shown_as, mark.line, mark.column, refused.message, refused.hint)
            )
            return None


_REFUSED = object()
MAX_QUOTE_CHARS = 1_000
"""A quote is a short passage (the longest in the shipped deck has 371 characters); finding the
closest passage to a quote takes time that grows faster than the square of its length."""
MAX_HINT_CHARS = 20_000
"""How many characters of missing quotes are looked up for a "closest passage" hint per deck,
so a deck of thousands of wrong quotes is still checked in about a second."""
MAX_QUANTITY = 10**15
"""Larger numbers (and .inf, .nan) are no count a source gives, and break distractor arithmetic."""
_NUMBER_HINT = "write digits only, e.g. `value: 300`"


def _number_problem(value: Any) -> str | None:
    """What is wrong with a fact's number, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a number"
    if not (math.isfinite(value) and abs(value) < MAX_QUANTITY):
        return f"must be a finite number below {MAX_QUANTITY:,}"
    return None


def _topic_depths(parents: dict[str, str | None]) -> tuple[dict[str, int], set[str]]:
    """How many levels below a top-level topic each topic lies, and the topics whose line of
    parents runs into a cycle; each topic is walked once, so a long chain costs no more than
    a wide tree. A topic with an unknown parent counts as top-level (it is reported apart)."""
    depths: dict[str, int] = {}
    cyclic: set[str] = set()
    for start in parents:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while (
            current in parents
            and current not in depths
            and current not in cyclic
            and current not in on_path
        ):
            path.append(current)
            on_path.add(current)
            current = parents[current]
        if current in on_path or current in cyclic:
            cyclic.update(path)
            continue
        depth = depths[current] if current in depths else -1
        for topic in reversed(path):
            depth += 1
            depths[topic] = depth
    return depths, cyclic


def _label(item: Any, noun: str) -> str:
    """Name a record by its id in messages when it has one: "fact 'x'" rather than "a fact"."""
    ident = item.get("id") if isinstance(item, Map) else None
    if isinstance(ident, str) and ident.strip():
        return f"{noun} '{ident.strip()}'"
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


class _FactReader:
    """Reads one fact mapping; cross-references are checked later by _CrossChecker."""

    def __init__(self, loader: _DeckLoader, r: Reader):
        self.loader = loader
        self.r = r
        self.marks: dict[str, Mark] = {}
        self.declared: set[str] = set()

    def read(self, item: Any, mark: Mark) -> Fact | None:
        r = self.r
        m = r.fields(
            item,
            mark,
            _label(item, "fact"),
            ("id", "topic", "kind", "statement", "significance", "sources"),
            ("date", "entities", "numbers", "ask", "contested"),
        )
        if m is None:
            return None
        ident = r.ident(m, "id", "a fact")
        what = f"fact '{ident}'"
        kind = r.one_of(m, "kind", what, FACT_KINDS, "fact kind")
        significance = r.one_of(m, "significance", what, SIGNIFICANCES, "significance")
        values = dict(
            topic=r.string(m, "topic", what),
            kind=kind,
            significance=Significance(significance) if significance else None,
            statement=r.localized(m, "statement", what),
            sources=self.citations(m, "sources", what),
            date=r.date(m, "date", what),
            entities=self.entities(m, what),
            numbers=self.numbers(m, what),
        )
        values["ask"] = self.asks(m, what)
        values["contested"] = self.contested(m, what)
        self.marks["fact"] = m.mark
        self.marks["topic"] = m.value_mark("topic")
        self.marks["contested"] = m.value_mark("contested")
        if "date" in m:
            self.declared.add(DATE)
        required = ("topic", "kind", "statement", "significance", "sources")
        if not ident or not all(values[k] for k in required):
            return None
        if not self.loader.claim("fact", ident, r.shown_as, m.value_mark("id")):
            return None
        self.loader.fact_marks[ident] = self.marks
        self.loader.declared_parts[ident] = self.declared
        return Fact(id=ident, file=r.shown_as, line=m.mark.line, **values)

    def citations(self, m: Map, key: str, what: str) -> tuple[Citation, ...]:
        items = self.r.seq(m, key, what, min_items=1) or []
        result = []
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            citation = self.citation(item, mark, what)
            if citation:
                self.marks[f"source:{len(result)}"] = item.value_mark("source")
                self.marks[f"quote:{len(result)}"] = item.value_mark("quote")
                result.append(citation)
        return tuple(result)

    def citation(self, item: Any, mark: Mark, what: str) -> Citation | None:
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
        items = r.seq(m, "numbers", what) or []
        result = []
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
                value = None
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
            if ident and value is not None and unit:
                seen.add(ident)
                result.append(Quantity(ident, value, unit, Qualifier(qualifier)))
        return tuple(result)

    def asks(self, m: Map, what: str) -> tuple[Ask, ...]:
        r = self.r
        items = r.seq(m, "ask", what) or []
        result = []
        langs = self.loader.languages
        for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
            other_langs = ()
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
                result.append(Ask(about, prompt, answer, reverse))
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
        items = r.seq(c, "versions", f"'contested' of {what}", min_items=2) or []
        versions = []
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
                value = None
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
                self.loader.version_fields[(what, len(versions))] = given[0]
                versions.append(Version(citation, date, value, entity, text))
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


class _CrossChecker:
    """Checks references between files once everything is loaded.

    A reference to a record that exists but failed to load, or into a file that could not be
    read at all, is not reported again: the first problem already says what to fix.
    """

    def __init__(self, loader: _DeckLoader, deck: Deck):
        self.loader = loader
        self.deck = deck

    def problem(self, fact: Fact, where: str, message: str, hint: str) -> None:
        mark = self.loader.fact_marks.get(fact.id, {}).get(where) or Mark(fact.line, 1)
        self.loader.problems.append(Problem(fact.file, mark.line, mark.column, message, hint))

    def unknown(self, kind: str, ident: str, known: set[str] | dict) -> bool:
        if kind in self.loader.incomplete or ident in self.loader.attempted[kind]:
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
            for where, citation in _citation_places(fact):
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
        declared = self.loader.declared_parts.get(fact.id, set())
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
            elif ask.about != DETAIL and ask.answer is not None:
                self.problem(
                    fact,
                    where,
                    f"phrasing of {what} about '{ask.about}' has an answer",
                    "only 'detail' phrasings carry an answer; the fact gives this one",
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
            given = self.loader.version_fields.get((what, index), "")
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


def _citation_places(fact: Fact) -> list[tuple[str, Citation]]:
    """Every citation of a fact with the key of its quote's position."""
    places = [(f"quote:{i}", c) for i, c in enumerate(fact.sources)]
    if fact.contested:
        places += [
            (f"version-quote:{i}", v.citation) for i, v in enumerate(fact.contested.versions)
        ]
    return places
