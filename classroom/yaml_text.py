"""Reading a quiz spec's YAML text safely, keeping the line and column of every value.

Quiz specs are uploaded by teachers, so they get the same treatment as deck files: no tags, no
anchors or aliases, no merge keys, a size cap, and positions kept for located messages. The
located containers are the deck reader's own (`decks.safe_yaml.Map`/`Seq`), so the deck
`Reader` checks quiz fields with the messages curators already know.

The deck reader's limits apply (nesting, node count and number length are refused where they
stand before anything recursive sees the text), tighter where a spec needs less.
"""

from __future__ import annotations

from decks.problems import Problem
from decks.safe_yaml import YamlRefused, YamlValue, parse_yaml_text

MAX_SPEC_BYTES = 64 * 1024
MAX_SPEC_NODES = 10_000
MAX_SPEC_DEPTH = 8
"""Lists and mappings inside each other: a spec needs 2 (question_points in the spec)."""


def read_yaml_text(text: str, shown_as: str) -> YamlValue:
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
    return parse_yaml_text(
        text,
        shown_as,
        document="a quiz spec",
        holder="a quiz spec holds",
        max_nodes=MAX_SPEC_NODES,
        max_depth=MAX_SPEC_DEPTH,
    )
