"""Checking each quote of a deck against the text of the source it cites.

A quote that is not in its source is a problem, with the closest passage as a hint; a source
whose text is not at hand (no sources folder, or no file for it) leaves its quotes unverified,
which `QuoteCheck` counts so a validator can say how much was checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decks.facts import citation_places
from decks.files import FileRefused
from decks.ledger import Ledger
from decks.model import Deck, Source
from decks.problems import Problem
from decks.source_texts import SourceText, read_source_text

MAX_HINT_CHARS = 20_000
"""How many characters of missing quotes are looked up for a "closest passage" hint per deck,
so a deck of thousands of wrong quotes is still checked in about a second."""


@dataclass
class QuoteCheck:
    """How many quotes could be compared with their source text, and how many matched."""

    total: int = 0
    verified: int = 0
    unverifiable_sources: list[str] = field(default_factory=list)
    sources_dir: Path | None = None


def verify_quotes(ledger: Ledger, deck: Deck, check: QuoteCheck) -> dict[str, SourceText]:
    """Compare every quote with its source's text, counting into `check`; the texts read,
    by source id. The texts come from `check.sources_dir`."""
    texts: dict[str, SourceText] = {}
    for source in deck.sources:
        if source.id not in ledger.source_files:
            continue
        text = _source_text(ledger, check.sources_dir, source)
        if text is None:
            check.unverifiable_sources.append(source.id)
        else:
            texts[source.id] = text
    hint_budget = MAX_HINT_CHARS
    for fact in deck.facts:
        for where, citation in citation_places(fact):
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
            mark = ledger.fact_mark(fact, where)
            ledger.problems.append(
                Problem(
                    fact.file,
                    mark.line,
                    mark.column,
                    f"quote of fact '{fact.id}' is not in {text.file}: \"{citation.quote}\"",
                    hint,
                )
            )
    return texts


def _source_text(ledger: Ledger, sources_dir: Path | None, source: Source) -> SourceText | None:
    """The source's text from the sources folder, or None when there is none to read; a
    text the deck may not read is a problem at its `file:` and is never opened."""
    if sources_dir is None:
        return None
    try:
        return read_source_text(sources_dir, source.file)
    except FileRefused as refused:
        shown_as, mark = ledger.source_files[source.id]
        ledger.problems.append(
            Problem(shown_as, mark.line, mark.column, refused.message, refused.hint)
        )
        return None
