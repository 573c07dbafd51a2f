"""Reading a quiz spec's YAML text safely, keeping the line and column of every value.

Quiz specs are uploaded by teachers, so they get the same treatment as deck files: no tags, no
anchors or aliases, no merge keys, a size cap, and positions kept for located messages. The
located containers are the deck reader's own (`decks.safe_yaml.Map`/`Seq`), so the deck
`Reader` checks quiz fields with the messages curators already know.

Before anything is built, one pass over the parser's events refuses, where they stand, what
would make building it fail: aliases, nesting deeper than a spec ever needs (hundreds of `[`
exhaust Python's recursion), and numbers too long to convert.
"""

from __future__ import annotations

from typing import Any

import yaml

from decks.problems import Problem
from decks.safe_yaml import YamlRefused, parse_yaml_text

MAX_SPEC_BYTES = 64 * 1024
MAX_SPEC_NODES = 10_000
MAX_SPEC_DEPTH = 8
"""Lists and mappings inside each other: a spec needs 2 (question_points in the spec)."""
MAX_NUMBER_CHARS = 40
"""Longer numbers are refused before Python converts them (5,000 digits raise ValueError)."""
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_RESOLVER = yaml.resolver.Resolver()

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        _refuse_before_building(text, shown_as)
    except yaml.YAMLError:
        pass  # a syntax error is reported, located, by the parse below
    return parse_yaml_text(
        text,
        shown_as,
        document="a quiz spec",
        holder="a quiz spec holds",
        max_nodes=MAX_SPEC_NODES,
    )


def _refuse_before_building(text: str, shown_as: str) -> None:
    """Refuse the first alias, the first container nested too deep and the first overlong
    number where it stands, before composing could share, recurse or convert them."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise _refused(
                shown_as,
                mark,
                "YAML anchors and aliases (&name / *name) are not allowed",
                "write the value out in full",
            )
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            depth += 1
            if depth > MAX_SPEC_DEPTH:
                raise _refused(
                    shown_as,
                    mark,
                    f"lists and mappings are nested more than {MAX_SPEC_DEPTH} deep",
                    "a quiz spec is flat: write each setting as `key: value`",
                )
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            depth -= 1
        elif (
            isinstance(event, yaml.ScalarEvent)
            and len(event.value) > MAX_NUMBER_CHARS
            and _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit) in _NUMBER_TAGS
        ):
            raise _refused(
                shown_as,
                mark,
                f"a number of {len(event.value):,} characters is longer than any setting takes",
                "write the number the setting needs, e.g. `seed: 7`",
            )


def _refused(shown_as: str, mark: yaml.Mark, message: str, hint: str) -> YamlRefused:
    return YamlRefused(Problem(shown_as, mark.line + 1, mark.column + 1, message, hint))
