"""Reading a quiz spec's YAML text safely, keeping the line and column of every value.

Quiz specs are uploaded by teachers, so they get the same treatment as deck files: no tags, no
anchors or aliases, no merge keys, a size cap, and positions kept for located messages. The
located containers are the deck reader's own (`decks.safe_yaml.Map`/`Seq`), so the deck
`Reader` checks quiz fields with the messages curators already know.
"""

from __future__ import annotations

from typing import Any

import yaml

from decks.problems import Problem
from decks.safe_yaml import Map, Mark, Seq, YamlRefused

MAX_SPEC_BYTES = 64 * 1024
MAX_SPEC_NODES = 10_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


def read_yaml_text(text: str, shown_as: str) -> Any:
    """The document as Map/Seq/scalars (timestamps stay text), or YamlRefused, located."""
    size = len(text.encode("utf-8"))
    if size > MAX_SPEC_BYTES:
        raise YamlRefused(
            Problem(
                shown_as,
                1,
                1,
                f"the quiz spec is {size:,} bytes, over the {MAX_SPEC_BYTES:,}-byte limit",
                "a quiz spec is a page of settings; check that this is the right file",
            )
        )
    try:
        _refuse_aliases(text, shown_as)
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
            )
        ) from None
    except yaml.YAMLError as err:
        raise YamlRefused(
            Problem(shown_as, 1, 1, f"YAML syntax error: {err}", "check the file's syntax")
        ) from None
    return None if node is None else _Converter(shown_as).convert(node)


def _refuse_aliases(text: str, shown_as: str) -> None:
    """Refuse the first alias where it stands, before composing could share (and multiply) nodes."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise YamlRefused(
                Problem(
                    shown_as,
                    mark.line + 1,
                    mark.column + 1,
                    "YAML anchors and aliases (&name / *name) are not allowed",
                    "write the value out in full",
                )
            )


class _Converter:
    def __init__(self, shown_as: str):
        self.shown_as = shown_as
        self.nodes = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def refuse(self, node: yaml.Node, message: str, hint: str) -> YamlRefused:
        mark = _mark(node)
        return YamlRefused(Problem(self.shown_as, mark.line, mark.column, message, hint))

    def convert(self, node: yaml.Node) -> Any:
        self.nodes += 1
        if self.nodes > MAX_SPEC_NODES:
            raise self.refuse(node, "the quiz spec is too large", "check that this is a quiz spec")
        if isinstance(node, yaml.MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode) and node.tag == "tag:yaml.org,2002:seq":
            seq = Seq(self.convert(item) for item in node.value)
            seq.mark = _mark(node)
            seq.item_marks = [_mark(item) for item in node.value]
            return seq
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
                return node.value
            return self.constructor.construct_object(node)
        raise self.refuse(
            node,
            f"YAML tag '{node.tag}' is not allowed in a quiz spec",
            "remove the tag; a quiz spec holds plain text, numbers, lists and mappings",
        )

    def _mapping(self, node: yaml.MappingNode) -> Map:
        result = Map()
        result.mark = _mark(node)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.refuse(
                    key_node, "YAML merge keys (<<) are not allowed", "write the keys out in full"
                )
            key = self.convert(key_node)
            if not isinstance(key, str):
                raise self.refuse(
                    key_node, f"mapping key {key!r} is not text", "use a plain word as the key"
                )
            if key in result:
                raise self.refuse(
                    key_node, f"duplicate key '{key}' in the same mapping", "keep one of them"
                )
            result[key] = self.convert(value_node)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)
