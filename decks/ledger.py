"""What loading a deck has learned so far, shared by the readers of its records and the checks
that run once everything is read.

Each reader reports into one list of problems and claims ids in one registry, so a duplicate id
is reported with where its first use stands, and a later check can tell a reference to a record
that does not exist from one to a record that exists but failed to load (already reported).
"""

from __future__ import annotations

from decks.model import Fact
from decks.problems import Problem
from decks.safe_yaml import Map, Mark


class Ledger:
    """Problems found, ids claimed, and where each part of each fact stands in its file."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("en", "ru")
        self.lenient_languages = False
        """Set after a malformed language code: texts are then not checked per language."""
        self.origins: dict[tuple[str, str], tuple[str, Mark]] = {}
        self.fact_marks: dict[str, dict[str, Mark]] = {}
        self.version_fields: dict[tuple[str, int], str] = {}
        self.declared_parts: dict[str, set[str]] = {}
        self.attempted: dict[str, set[str]] = {"entity": set(), "source": set(), "topic": set()}
        self.incomplete: set[str] = set()
        self.source_files: dict[str, tuple[str, Mark]] = {}
        """Where each source's `file:` stands, to locate problems with its text; a source
        whose name was refused is left out and its text never looked for."""

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

    def fact_mark(self, fact: Fact, where: str) -> Mark:
        """Where a part of a fact stands (`topic`, `quote:0`, ...), else the fact's first line."""
        return self.fact_marks.get(fact.id, {}).get(where) or Mark(fact.line, 1)
