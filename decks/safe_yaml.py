"""Reading deck YAML safely while remembering where every key and value stood.

Deck files are data written by people, so the reader must (a) never build Python objects from tags,
(b) refuse alias expansion and oversized files before spending time on them, and (c) keep line and
column numbers so every later check can point at the exact spot.  It composes the YAML node graph
with libyaml when available and converts nodes itself instead of using a constructor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

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
        _refuse_oversized(text, shown_as, max_depth, max_nodes)
        node = yaml.compose(text, Loader=_Loader)
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
    if node is None:
        return None
    return _Converter(shown_as, document, holder, max_nodes).convert(node)


def _refuse_oversized(text: str, shown_as: str, max_depth: int, max_nodes: int) -> None:
    """Walk the YAML events (a flat stream, no recursion) and refuse the first alias, the first
    list or mapping nested deeper than `max_depth`, or the node past `max_nodes`, where it
    stands, before anything recursive or costly sees the document."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _refused_at(
                event,
                shown_as,
                "YAML anchors and aliases (&name / *name) are not allowed",
                "write the value out in full",
                "yaml.alias",
            )
        nodes += 1
        if nodes > max_nodes:
            raise _refused_at(
                event,
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
                    event,
                    shown_as,
                    f"lists and mappings are nested more than {max_depth} deep here",
                    "close the brackets or indent less: a few levels are enough",
                    "yaml.depth",
                    limit=max_depth,
                )


def _refused_at(
    event: yaml.Event, shown_as: str, message: str, hint: str, key: str, **values: object
) -> YamlRefused:
    mark = event.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return YamlRefused(Problem(shown_as, line, column, message, hint, key, tuple(values.items())))


class _Converter:
    def __init__(self, shown_as: str, document: str, holder: str, max_nodes: int):
        self.shown_as = shown_as
        self.document = document
        self.holder = holder
        self.max_nodes = max_nodes
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def refuse(
        self, node: yaml.Node, message: str, hint: str, key: str = "", **values: object
    ) -> YamlRefused:
        mark = _mark(node)
        return YamlRefused(
            Problem(
                self.shown_as, mark.line, mark.column, message, hint, key, tuple(values.items())
            )
        )

    def convert(self, node: yaml.Node) -> YamlValue:
        if id(node) in self.seen:
            raise self.refuse(
                node,
                "YAML anchors and aliases (&name / *name) are not allowed",
                "write the value out in full",
                "yaml.alias",
            )
        self.seen.add(id(node))
        if len(self.seen) > self.max_nodes:
            raise self.refuse(
                node,
                f"file has more than {self.max_nodes:,} YAML nodes",
                "split it into several files",
                "yaml.nodes",
                limit=self.max_nodes,
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self._tag_refused(node)
            seq = Seq(self.convert(item) for item in node.value)
            seq.mark = _mark(node)
            seq.item_marks = [_mark(item) for item in node.value]
            return seq
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        raise self._tag_refused(node)  # composing yields no other kind of node

    def _mapping(self, node: yaml.MappingNode) -> Map:
        if node.tag != "tag:yaml.org,2002:map":
            raise self._tag_refused(node)
        result = Map()
        result.mark = _mark(node)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.refuse(
                    key_node,
                    "YAML merge keys (<<) are not allowed",
                    "write the keys out in full",
                    "yaml.merge_key",
                )
            key = self.convert(key_node)
            if not isinstance(key, str):
                raise self.refuse(
                    key_node,
                    f"mapping key {key!r} is not text",
                    "use a plain word as the key",
                    "yaml.key_not_text",
                    name=repr(key),
                )
            if key in result:
                raise self.refuse(
                    key_node,
                    f"duplicate key '{key}' in the same mapping",
                    "keep one of them",
                    "yaml.duplicate_key",
                    name=key,
                )
            result[key] = self.convert(value_node)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Scalar:
        kind = _PLAIN_TAGS.get(node.tag)
        if kind is None:
            raise self._tag_refused(node)
        text: str = node.value
        if kind == "str":
            return text
        if kind in ("int", "float") and len(text) > MAX_NUMBER_CHARS:
            raise self.refuse(
                node,
                f"number is {len(text):,} characters long; a number may have at most"
                f" {MAX_NUMBER_CHARS}",
                "write it with fewer digits, or put it in quotes if it is text",
                "yaml.long_number",
                chars=len(text),
                limit=MAX_NUMBER_CHARS,
            )
        value: Scalar = self.constructor.construct_object(node)  # int, float, bool or None here
        return value

    def _tag_refused(self, node: yaml.Node) -> YamlRefused:
        return self.refuse(
            node,
            f"YAML tag '{node.tag}' is not allowed in {self.document}",
            f"remove the tag; {self.holder} plain text, numbers, lists and mappings",
            "yaml.tag",
            tag=node.tag,
        )


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
