"""Reading deck YAML safely while remembering where every key and value stood.

Deck files are data written by people, so the reader must (a) never build Python objects from tags,
(b) refuse alias expansion and oversized files before spending time on them, and (c) keep line and
column numbers so every later check can point at the exact spot.  It reads libyaml's event stream
(when libyaml is installed) and builds the values itself, with their marks, instead of using a
constructor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import yaml

from decks.errors import FactdeckError
from decks.files import FileRefused, read_confined
from decks.problems import Problem

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 400_000
MAX_DEPTH = 50
"""Lists and mappings inside each other: a deck needs a handful of levels; hundreds would
exhaust the recursion of the composer and the converter."""
MAX_NUMBER_CHARS = 32
"""Longer numbers are refused before they are converted: Python will not read a decimal of
over 4,300 digits, and a long YAML 1.1 base-60 number (`1:2:3:…`) takes quadratic time."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "str",
}


@dataclass(frozen=True)
class Mark:
    """1-based line and column of a node in its file."""

    line: int
    column: int


Scalar: TypeAlias = str | int | float | bool | None
"""What a plain YAML scalar becomes; timestamps stay text."""

YamlValue: TypeAlias = "Scalar | Map | Seq"
"""What a YAML document, or any part of it, becomes: readers narrow it with isinstance."""


class Map(dict[str, YamlValue]):
    """A YAML mapping that knows where it and each of its keys and values stand."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def key_mark(self, key: str) -> Mark:
        return self.key_marks.get(key, self.mark)

    def value_mark(self, key: str) -> Mark:
        return self.value_marks.get(key, self.key_mark(key))


class Seq(list[YamlValue]):
    """A YAML sequence that knows where it and each of its items stand."""

    mark: Mark
    item_marks: list[Mark]


class YamlRefused(FactdeckError):
    """The file cannot be read as deck YAML; carries one located problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(path: Path, shown_as: str, folder: Path) -> YamlValue:
    """Read one deck file inside `folder` into Map/Seq/scalars, or raise YamlRefused with a
    located problem (see `decks.files` for what a deck may read)."""
    try:
        raw = read_confined(
            path,
            folder,
            MAX_FILE_BYTES,
            limit_for="a deck file",
            too_big="split it into several files under facts/",
        )
    except FileRefused as refused:
        raise YamlRefused(Problem(shown_as, 1, 1, refused.message, refused.hint)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlRefused(
            Problem(shown_as, line, 1, "file is not valid UTF-8", "save it as UTF-8")
        ) from None
    return parse_yaml_text(text, shown_as)


def parse_yaml_text(
    text: str,
    shown_as: str,
    *,
    document: str = "deck files",
    holder: str = "decks hold",
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
) -> YamlValue:
    """Compose YAML text into Map/Seq/scalars (timestamps stay text), or raise YamlRefused.

    `document` and `holder` name what is being read in messages ("a quiz spec", "a quiz spec
    holds"), so every reader of user YAML shares one set of refusals.
    """
    try:
        if _node_bound(text) > max_nodes:
            _refuse_oversized(text, shown_as, max_depth, max_nodes)
        return _Builder(shown_as, document, holder, max_nodes, max_depth).build(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or err.context or "invalid YAML"
        raise YamlRefused(
            Problem(
                shown_as,
                line,
                column,
                f"YAML syntax error: {what}",
                "check indentation, colons and quotes around this spot",
                "yaml.syntax",
                (("detail", what),),
            )
        ) from None
    except yaml.YAMLError as err:
        raise YamlRefused(
            Problem(
                shown_as,
                1,
                1,
                f"YAML syntax error: {err}",
                "check the file's syntax",
                "yaml.syntax",
                (("detail", str(err)),),
            )
        ) from None


def _node_bound(text: str) -> int:
    """More nodes than `text` can hold, counted in C: every node but the document's own needs
    an indicator (a key's `:`, `?` or `{`, an item's `-`, `,` or `[`), and none gives more than
    three. A text under the limit is read in one pass; only a larger one (a file of a million
    `a,`) is walked first, which refuses it sooner than building half a million values would."""
    pairs = text.count(":") + text.count("?") + text.count("{")
    items = text.count("-") + text.count(",") + text.count("[")
    return 3 * pairs + 2 * items + 2


def _refuse_oversized(text: str, shown_as: str, max_depth: int, max_nodes: int) -> None:
    """Walk the YAML events (a flat stream, no recursion) and refuse the first alias, the first
    list or mapping nested deeper than `max_depth`, or the node past `max_nodes`, where it
    stands, before anything costly sees the document."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _refused_at(
                event.start_mark,
                shown_as,
                "YAML anchors and aliases (&name / *name) are not allowed",
                "write the value out in full",
                "yaml.alias",
            )
        nodes += 1
        if nodes > max_nodes:
            raise _refused_at(
                event.start_mark,
                shown_as,
                f"file has more than {max_nodes:,} YAML nodes",
                "split it into several files",
                "yaml.nodes",
                limit=max_nodes,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise _refused_at(
                    event.start_mark,
                    shown_as,
                    f"lists and mappings are nested more than {max_depth} deep here",
                    "close the brackets or indent less: a few levels are enough",
                    "yaml.depth",
                    limit=max_depth,
                )


def _refused_at(
    mark: Any, shown_as: str, message: str, hint: str, key: str, **values: object
) -> YamlRefused:
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return YamlRefused(Problem(shown_as, line, column, message, hint, key, tuple(values.items())))


_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_STR_TAG = "tag:yaml.org,2002:str"
_IMPLICIT = _Loader.yaml_implicit_resolvers
"""First character -> (tag, pattern) of the plain scalars that are not text (`true`, `12`, `~`):
the resolver libyaml's composer calls back into Python for, here read directly."""
_WILDCARD = _IMPLICIT.get(None, [])


def _resolve_plain(value: str) -> str:
    """The tag a plain scalar resolves to, exactly as yaml's Resolver gives it."""
    for tag, pattern in _IMPLICIT.get(value[:1], []) + _WILDCARD:
        if pattern.match(value):
            found: str = tag
            return found
    return _STR_TAG


class _Builder:
    """Builds Map/Seq/scalars straight from libyaml's event stream, in one flat pass (no
    recursion, so nesting costs no stack).

    Composing a node graph first and converting it after cost about twice the bare parse: the
    composer calls a Python resolver for every node, and refusing aliases and deep nesting
    before composing took a second parse. Here each event is checked as it comes, in the order
    the former three passes gave: an alias, a node past `max_nodes`, nesting past `max_depth`
    or a syntax error stops at once; a second document or a repeated anchor (what composing
    refused) is reported next; and only a stream free of both reports the first tag, merge
    key, key that is not text, repeated key or overlong number, which converting refused.
    """

    def __init__(
        self, shown_as: str, document: str, holder: str, max_nodes: int, max_depth: int
    ) -> None:
        self.shown_as = shown_as
        self.document = document
        self.holder = holder
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.constructor = yaml.constructor.SafeConstructor()
        self.composing: yaml.YAMLError | None = None
        self.converting: YamlRefused | None = None

    def build(self, text: str) -> YamlValue:
        root: list[YamlValue] = []
        stack: list[Map | Seq] = []
        pending_keys: list[tuple[object, Mark] | None] = []
        anchors: dict[str, Any] = {}
        documents = nodes = 0
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)  # typed loosely: read by kind
        for event in events:
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                pending_keys.pop()
                self._place(done, done.mark, stack, pending_keys, root)
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2 and self.composing is None:
                    self.composing = yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        None,
                        "but found another document",
                        event.start_mark,
                    )
                continue
            if kind is yaml.AliasEvent:
                raise self._refused_at(
                    event.start_mark,
                    "YAML anchors and aliases (&name / *name) are not allowed",
                    "write the value out in full",
                    "yaml.alias",
                )
            if kind is not yaml.ScalarEvent and kind is not yaml.MappingStartEvent:
                if kind is not yaml.SequenceStartEvent:
                    continue  # the stream's and documents' other events carry no node
            nodes += 1
            if nodes > self.max_nodes:
                raise self._refused_at(
                    event.start_mark,
                    f"file has more than {self.max_nodes:,} YAML nodes",
                    "split it into several files",
                    "yaml.nodes",
                    limit=self.max_nodes,
                )
            start = event.start_mark
            mark = Mark(start.line + 1, start.column + 1)
            anchor = event.anchor
            if anchor is not None:
                if anchor in anchors and self.composing is None:
                    self.composing = yaml.composer.ComposerError(
                        "found duplicate anchor; first occurrence",
                        anchors[anchor],
                        "second occurrence",
                        start,
                    )
                anchors[anchor] = start
            if kind is yaml.ScalarEvent:
                is_key = bool(stack) and type(stack[-1]) is Map and pending_keys[-1] is None
                value = self._scalar(event, mark, is_key)
                self._place(value, mark, stack, pending_keys, root)
                continue
            if len(stack) + 1 > self.max_depth:
                raise self._refused_at(
                    start,
                    f"lists and mappings are nested more than {self.max_depth} deep here",
                    "close the brackets or indent less: a few levels are enough",
                    "yaml.depth",
                    limit=self.max_depth,
                )
            tag = event.tag
            collection: Map | Seq
            if kind is yaml.MappingStartEvent:
                if tag is not None and tag != "!" and tag != _MAP_TAG:
                    self._convert_failed(self._tag_refused(mark, tag))
                collection = Map()
                collection.key_marks, collection.value_marks = {}, {}
            else:
                if tag is not None and tag != "!" and tag != _SEQ_TAG:
                    self._convert_failed(self._tag_refused(mark, tag))
                collection = Seq()
                collection.item_marks = []
            collection.mark = mark
            stack.append(collection)
            pending_keys.append(None)
        if self.composing is not None:
            raise self.composing
        if self.converting is not None:
            raise self.converting
        return root[0] if root else None

    def _place(
        self,
        value: YamlValue,
        mark: Mark,
        stack: list[Map | Seq],
        pending_keys: list[tuple[object, Mark] | None],
        root: list[YamlValue],
    ) -> None:
        """Put a finished node where it belongs: a document's root, a list's next item, a
        mapping's next key, or the value of the key before it."""
        if not stack:
            root.append(value)
            return
        parent = stack[-1]
        if isinstance(parent, Seq):
            parent.append(value)
            parent.item_marks.append(mark)
            return
        pending = pending_keys[-1]
        if pending is None:
            pending_keys[-1] = (value, mark)
            return
        pending_keys[-1] = None
        key, key_mark = pending
        if not isinstance(key, str):
            self._convert_failed(
                self._refused(
                    key_mark,
                    f"mapping key {key!r} is not text",
                    "use a plain word as the key",
                    "yaml.key_not_text",
                    name=repr(key),
                )
            )
            return
        if key in parent:
            self._convert_failed(
                self._refused(
                    key_mark,
                    f"duplicate key '{key}' in the same mapping",
                    "keep one of them",
                    "yaml.duplicate_key",
                    name=key,
                )
            )
            return
        parent[key] = value
        parent.key_marks[key] = key_mark
        parent.value_marks[key] = mark

    def _scalar(self, event: Any, mark: Mark, is_key: bool) -> Scalar:
        text: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve_plain(text) if event.implicit[0] else _STR_TAG
        if tag == _STR_TAG:
            return text
        kind = _PLAIN_TAGS.get(tag)
        if kind is None:
            if tag == _MERGE_TAG and is_key:
                self._convert_failed(
                    self._refused(
                        mark,
                        "YAML merge keys (<<) are not allowed",
                        "write the keys out in full",
                        "yaml.merge_key",
                    )
                )
            else:
                self._convert_failed(self._tag_refused(mark, tag))
            return text
        if kind == "str":
            return text
        if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
            self._convert_failed(
                self._refused(
                    mark,
                    f"number is {len(text):,} characters long; a number may have at most"
                    f" {MAX_NUMBER_CHARS}",
                    "write it with fewer digits, or put it in quotes if it is text",
                    "yaml.long_number",
                    chars=len(text),
                    limit=MAX_NUMBER_CHARS,
                )
            )
            return text
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        value: Scalar = self.constructor.construct_object(node)  # int, float, bool or None
        return value

    def _convert_failed(self, refused: YamlRefused) -> None:
        if self.converting is None:
            self.converting = refused

    def _refused(
        self, mark: Mark, message: str, hint: str, key: str, **values: object
    ) -> YamlRefused:
        return YamlRefused(
            Problem(
                self.shown_as, mark.line, mark.column, message, hint, key, tuple(values.items())
            )
        )

    def _refused_at(
        self, mark: Any, message: str, hint: str, key: str, **values: object
    ) -> YamlRefused:
        return _refused_at(mark, self.shown_as, message, hint, key, **values)

    def _tag_refused(self, mark: Mark, tag: str) -> YamlRefused:
        return self._refused(
            mark,
            f"YAML tag '{tag}' is not allowed in {self.document}",
            f"remove the tag; {self.holder} plain text, numbers, lists and mappings",
            "yaml.tag",
            tag=tag,
        )


_MERGE_TAG = "tag:yaml.org,2002:merge"
