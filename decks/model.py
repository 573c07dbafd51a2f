"""The typed objects a deck loads into.

Everything downstream (questions, study, classroom, exporters) reads these frozen dataclasses and
never the YAML, so the deck format can evolve in one place.  Texts that a learner reads are
`Localized`: one string per language code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from decks.decisions import Reviews
from decks.frozen import quick_pickle

Localized = dict[str, str]

FALLBACK_LANGUAGE = "en"


def in_language(texts: Localized, lang: str, default: str = "") -> str:
    """The text in `lang`; else in English; else in the first language the text has; else
    `default`. A deck need not have every language (or English at all), and a reader is
    better served by some text than by none."""
    return texts.get(lang) or texts.get(FALLBACK_LANGUAGE) or next(iter(texts.values()), default)


class Precision(StrEnum):
    """How much of a date the sources actually give."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@quick_pickle
@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to day, month or year precision (missing parts are 1)."""

    year: int
    month: int = 1
    day: int = 1
    precision: Precision = Precision.DAY

    def iso(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)


@quick_pickle
@dataclass(frozen=True, slots=True)
class DateSpec:
    """A single date (`start` only) or a range such as a conference's opening and closing."""

    start: PartialDate
    end: PartialDate | None = None

    @property
    def is_range(self) -> bool:
        return self.end is not None

    def iso(self) -> str:
        return f"{self.start.iso()}/{self.end.iso()}" if self.end else self.start.iso()


class Significance(StrEnum):
    """How much a fact matters to the story, as a teacher marks what goes on a test.

    Only `core` and `supporting` facts give test items (choice, true/false, typed, cloze,
    ordering, matching); a `detail` stays a flashcard.
    """

    CORE = "core"
    SUPPORTING = "supporting"
    DETAIL = "detail"


class Qualifier(StrEnum):
    """How exact a number in a source is ("more than three hundred")."""

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more-than"
    LESS_THAN = "less-than"
    UP_TO = "up-to"


@quick_pickle
@dataclass(frozen=True, slots=True)
class Quantity:
    """A number a fact states, with its unit in each language."""

    id: str
    value: int | float
    unit: Localized
    qualifier: Qualifier = Qualifier.EXACT


@quick_pickle
@dataclass(frozen=True, slots=True)
class Citation:
    """Where a fact comes from: a source id and a short verbatim quote from it."""

    source: str
    quote: str
    page: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Ask:
    """A curated question phrasing for one part of a fact.

    `about` names the part: `date`, an entity role of the fact, a quantity id, or `detail`
    (then `answer` holds the key detail in each language).
    """

    about: str
    prompt: Localized
    answer: Localized | None = None
    reverse: Localized | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Version:
    """One side of a disputed point, as one source gives it."""

    citation: Citation
    date: DateSpec | None = None
    value: int | float | None = None
    entity: str | None = None
    text: Localized | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Contested:
    """Where the sources disagree about part of a fact; questions must not take a side."""

    about: str
    note: Localized
    versions: tuple[Version, ...]
    question: Localized = field(default_factory=dict)
    """The disputed question itself ("On what date did ... attack?"), asked by its items."""
    decoy: Localized | None = None
    """A believable answer to the question that no source gives: a wrong option's claim."""
    exclusive: bool = True
    """Whether the versions cannot all be true; accounts that differ in emphasis or moment
    are recorded (`exclusive: false`) and shown on cards, but never asked as a dispute."""


@quick_pickle
@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    topic: str
    kind: str
    statement: Localized
    sources: tuple[Citation, ...]
    date: DateSpec | None = None
    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numbers: tuple[Quantity, ...] = ()
    ask: tuple[Ask, ...] = ()
    contested: Contested | None = None
    significance: Significance = Significance.SUPPORTING
    leave_out: dict[str, str] = field(default_factory=dict)
    file: str = ""
    line: int = 0

    @property
    def testable(self) -> bool:
        """Whether the fact is worth a test item, not only a flashcard."""
        return self.significance is not Significance.DETAIL

    @property
    def concludes_topic(self) -> bool:
        """Whether the fact is a core agreement, which the rest of its topic's talks lead up to:
        an event of the topic ordered beside it, or a false date moved across it, gives itself
        away."""
        return self.kind == "agreement" and self.significance is Significance.CORE

    def gives(self, kind: str) -> bool:
        """Whether the fact may give items of this question kind: a curator leaves a kind out
        where its item would fail a teacher's reading (a blank with a second answer in the
        sources, a card with nothing but trivia to ask)."""
        return kind not in self.leave_out

    def number(self, number_id: str) -> Quantity | None:
        return next((n for n in self.numbers if n.id == number_id), None)


@quick_pickle
@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: Localized
    description: Localized
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    side: str | None = None
    subtype: str | None = None

    def all_names(self) -> tuple[str, ...]:
        """Every spelling a learner may type for this entity, in every language."""
        names = list(self.name.values())
        for spelled in self.aliases.values():
            names.extend(spelled)
        return tuple(dict.fromkeys(names))


@quick_pickle
@dataclass(frozen=True, slots=True)
class Source:
    id: str
    file: str
    title: Localized
    language: str
    kind: str
    reliability: Localized
    author: str | None = None
    year: int | None = None
    label: Localized = field(default_factory=dict)
    """How a historian names the source in a sentence: the author, or the work when anonymous."""

    def short_name(self, lang: str) -> str:
        """The curated label, else the author's surname, else the title."""
        if self.label.get(lang):
            return self.label[lang]
        if self.author:
            return self.author.split()[-1]
        return in_language(self.title, lang)


@quick_pickle
@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: Localized
    parent: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Side:
    id: str
    name: Localized


@dataclass(frozen=True)
class Deck:
    id: str
    title: Localized
    description: Localized
    languages: tuple[str, ...]
    topics: tuple[Topic, ...]
    sides: tuple[Side, ...]
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    directory: str = ""
    reviews: Reviews = field(default_factory=Reviews)
    """A teacher's decisions on its questions (reviews.yaml), applied by every bank build."""

    @cached_property
    def entities_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def entity(self, entity_id: str) -> Entity:
        return self.entities_by_id[entity_id]

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @cached_property
    def facts_by_topic(self) -> dict[str, tuple[Fact, ...]]:
        """Each topic's own facts (not its subtopics'), in deck order: what weighs one fact
        against the others of its topic reads these instead of every fact of the deck."""
        found: dict[str, list[Fact]] = {}
        for fact in self.facts:
            found.setdefault(fact.topic, []).append(fact)
        return {topic: tuple(facts) for topic, facts in found.items()}

    @cached_property
    def agreements_by_topic(self) -> dict[str, tuple[Fact, ...]]:
        """Each topic's facts that conclude its talks (`Fact.concludes_topic`), in deck order:
        every false date is weighed against these, and a large topic holds thousands of facts
        but few agreements."""
        return {
            topic: found
            for topic, facts in self.facts_by_topic.items()
            if (found := tuple(f for f in facts if f.concludes_topic))
        }

    @cached_property
    def topics_by_id(self) -> dict[str, Topic]:
        return {t.id: t for t in self.topics}

    @cached_property
    def _children(self) -> dict[str | None, list[Topic]]:
        """Each topic's subtopics in story order; the top-level topics under None."""
        children: dict[str | None, list[Topic]] = {}
        for topic in self.topics:
            children.setdefault(topic.parent, []).append(topic)
        return children

    def outline(self) -> list[tuple[int, Topic]]:
        """Topics in story order, each with its depth in the tree, for indented display: a
        topic, then its subtopics, then the next topic of its level."""
        outline: list[tuple[int, Topic]] = []
        pending = [(0, topic) for topic in reversed(self._children.get(None, []))]
        while pending:  # depth first without recursion, as every walk of the tree here
            depth, topic = pending.pop()
            outline.append((depth, topic))
            pending.extend(
                (depth + 1, child) for child in reversed(self._children.get(topic.id, []))
            )
        return outline

    def topic_path(self, topic_id: str) -> tuple[Topic, ...]:
        """The topic and its ancestors, the top-level topic first (Anki subdecks, LMS
        categories); empty for a topic the deck does not have.

        The loader refuses cycles and trees deeper than a few levels; a deck built by hand may
        have either, and the walk still ends, at the first topic it meets twice."""
        path: list[Topic] = []
        current = self.topics_by_id.get(topic_id)
        while current is not None and current not in path:
            path.append(current)
            current = self.topics_by_id.get(current.parent) if current.parent else None
        return tuple(reversed(path))

    def root_topic(self, topic_id: str) -> str:
        """The id of the topic's top-level ancestor (itself when it is top-level); a topic the
        deck does not have is its own root, so callers can group by root without checking."""
        path = self.topic_path(topic_id)
        return path[0].id if path else topic_id

    def subtopics(self, topic_ids: Iterable[str]) -> set[str]:
        """The given topics and every topic below them, as a filter by topic means them.

        Raises KeyError naming the first unknown id (in sorted order): a topic the deck does
        not have is a mistake to report, not a filter that silently matches nothing."""
        wanted = set(topic_ids)
        unknown = sorted(wanted - self.topics_by_id.keys())
        if unknown:
            raise KeyError(unknown[0])
        found: set[str] = set()
        pending = list(wanted)
        while pending:
            topic_id = pending.pop()
            if topic_id not in found:
                found.add(topic_id)
                pending.extend(child.id for child in self._children.get(topic_id, []))
        return found

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)
