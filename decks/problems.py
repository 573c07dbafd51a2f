"""Problems found in a deck, and the one exception family the deck layer raises.

A validator that stops at the first mistake makes a curator fix a deck one error per run, so the
loader collects every problem it can find and only the CLI and UI decide how to show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decks.errors import FactdeckError


@dataclass(frozen=True, order=True)
class Problem:
    """One located defect: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    key: str = field(default="", compare=False)
    """Names the message for pages that show it in their own language (`values` fill it in);
    empty where the English message is all there is."""
    values: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


YAML_PROBLEM_KEYS = (
    "yaml.syntax",
    "yaml.alias",
    "yaml.nodes",
    "yaml.depth",
    "yaml.long_number",
    "yaml.tag",
    "yaml.merge_key",
    "yaml.key_not_text",
    "yaml.duplicate_key",
    "yaml.not_a_mapping",
    "yaml.unknown_key",
    "yaml.misspelt_key",
    "yaml.missing_key",
    "yaml.not_text",
    "yaml.empty",
    "yaml.not_a_whole_number",
    "yaml.not_a_list",
)
"""The keys of the problems any YAML a person writes can have, whatever it holds: its syntax
and limits (decks/safe_yaml.py) and the shape of its fields (decks/reader.py). A teacher's quiz
import meets them, so the pages hold each as `problem.<key>` in every language."""


class DeckError(FactdeckError):
    """Raised when a deck cannot be used; carries every problem that was found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path) -> str:
    """Show paths relative to the deck's parent so messages read `far-east/facts/x.yaml`."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
