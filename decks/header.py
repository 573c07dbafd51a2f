"""Reading deck.yaml: the deck's id, title, description, languages, sides and topic tree.

The languages come first, since every localized text after them is checked against them; the
topic tree is checked here, where its marks are, for unknown parents, cycles and depth.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypedDict, TypeVar

from decks.ledger import Ledger
from decks.model import Localized, Side, Topic
from decks.reader import Reader, did_you_mean
from decks.safe_yaml import Map, Mark, YamlValue

MAX_TOPICS = 500
"""Pages list and filter every topic on each run; a deck needs tens (the real one has 15)."""
MAX_TOPIC_DEPTH = 8
"""Levels of subtopics below a top-level topic; it also bounds every walk up the tree."""
_START = Mark(1, 1)

_Named = TypeVar("_Named")


class Header(TypedDict):
    """The deck's own fields, as read from deck.yaml."""

    id: str
    title: Localized
    description: Localized
    sides: tuple[Side, ...]
    topics: tuple[Topic, ...]


def read_header(ledger: Ledger, r: Reader, data: object, folder: str) -> Header | None:
    """The deck's own fields from deck.yaml's content, or None when it is not a mapping of
    them; sets the ledger's languages. `folder` is the deck folder's name, its id's twin."""
    m = r.fields(
        data,
        _START,
        "deck.yaml",
        ("id", "title", "description", "languages", "topics"),
        ("sides",),
    )
    if m is None:
        return None
    languages = _languages(ledger, r, m)
    if languages:
        ledger.languages = languages
        r.languages = languages
    r.lenient = ledger.lenient_languages
    deck_id = r.ident(m, "id", "the deck")
    if deck_id and deck_id != folder:
        r.problem(
            m.value_mark("id"),
            f"deck id '{deck_id}' differs from its folder name '{folder}'",
            "rename one so they match",
        )
    title = r.localized(m, "title", "the deck")
    description = r.localized(m, "description", "the deck")
    sides = tuple(_named_list(ledger, r, m, "sides", "side", Side))
    topics = _topics(ledger, r, m)
    return {
        "id": deck_id or folder,
        "title": title or {},
        "description": description or {},
        "sides": sides,
        "topics": topics,
    }


def _languages(ledger: Ledger, r: Reader, m: Map) -> tuple[str, ...] | None:
    """The deck languages; after a malformed code, texts are not checked per language."""
    value = r.seq(m, "languages", "the deck", min_items=1)
    if value is None:
        ledger.lenient_languages = True
        return None
    languages: list[str] = []
    for item, mark in zip(value, value.item_marks, strict=True):
        if not (isinstance(item, str) and re.fullmatch(r"[a-z]{2}", item)):
            ledger.lenient_languages = True
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


def _named_list(
    ledger: Ledger, r: Reader, m: Map, key: str, what: str, cls: Callable[[str, Localized], _Named]
) -> list[_Named]:
    items: list[YamlValue] = r.seq(m, key, "the deck") or []
    result: list[_Named] = []
    for item, mark in zip(items, getattr(items, "item_marks", []), strict=False):
        entry = r.fields(item, mark, what, ("id", "name"))
        if entry is None:
            continue
        ident = r.ident(entry, "id", what)
        name = r.localized(entry, "name", f"{what} '{ident}'")
        if ident and ledger.claim(what, ident, r.shown_as, entry.value_mark("id")) and name:
            result.append(cls(ident, name))
    return result


def _topics(ledger: Ledger, r: Reader, m: Map) -> tuple[Topic, ...]:
    items: list[YamlValue] = r.seq(m, "topics", "the deck", min_items=1) or []
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
        ledger.attempt("topic", entry)
        title = r.localized(entry, "title", f"topic '{ident}'")
        parent = r.string(entry, "parent", f"topic '{ident}'", required=False)
        if ident and ledger.claim("topic", ident, r.shown_as, entry.value_mark("id")) and title:
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
