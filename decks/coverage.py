"""Which paragraphs of each source document no fact cites, so curation gaps are visible."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from decks.model import Citation, Deck, Fact
from decks.source_texts import SourceText, normalise

MIN_SUBSTANCE = 80
"""Shorter lines are headings, page numbers, captions or fragments, not paragraphs of substance."""

_NOT_SUBSTANCE = re.compile(r"^(#|\d+\s*$|Fig\.|References|Dokumenty|Istoriia|The Great Soviet)")
_END_OF_BODY = re.compile(r"^(#+\s*)?\**\s*(BIBLIOGRAPHY|References in periodicals|Xülasə)", re.I)
"""Past a bibliography, a publisher's tail or a summary in another language, nothing counts."""


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str


@dataclass(frozen=True)
class SourceCoverage:
    source_id: str
    file: str
    citing_facts: int
    paragraphs: int
    uncited: tuple[Paragraph, ...]


def coverage(deck: Deck, texts: dict[str, SourceText]) -> list[SourceCoverage]:
    """Per source: how many facts cite it and which substantial paragraphs none of them quote."""
    report = []
    for source in deck.sources:
        citing = [f for f in deck.facts if any(c.source == source.id for c in _citations(f))]
        text = texts.get(source.id)
        if text is None:
            report.append(SourceCoverage(source.id, source.file, len(citing), 0, ()))
            continue
        quotes = [
            normalise(c.quote) for f in citing for c in _citations(f) if c.source == source.id
        ]
        spans = _quote_spans(text.normalised, quotes)
        substantial = [p for p in _paragraph_spans(text) if _is_substance(p[0].text)]
        uncited = tuple(
            para
            for para, start, end in substantial
            if not any(s < end and start < e for s, e in spans)
        )
        report.append(
            SourceCoverage(source.id, source.file, len(citing), len(substantial), uncited)
        )
    return report


def _citations(fact: Fact) -> Iterator[Citation]:
    yield from fact.sources
    if fact.contested:
        yield from (v.citation for v in fact.contested.versions)


def _quote_spans(haystack: str, quotes: list[str]) -> list[tuple[int, int]]:
    spans = []
    for quote in quotes:
        start = haystack.find(quote)
        while start != -1:
            spans.append((start, start + len(quote)))
            start = haystack.find(quote, start + 1)
    return spans


def _paragraph_spans(text: SourceText) -> list[tuple[Paragraph, int, int]]:
    """Each non-blank line with its span in the normalised text."""
    spans, cursor, fenced, in_notes = [], 0, False, False
    for line, raw in text.paragraphs():
        if _END_OF_BODY.match(raw):
            break
        if raw.startswith("```"):
            fenced = not fenced
            continue
        # A footnote list starts with a numbered note; its wrapped lines stay list items.
        in_notes = raw.startswith(("<sup>", "- <sup>")) or (in_notes and raw.startswith("- "))
        if in_notes:
            continue
        piece = normalise(raw)
        start = text.normalised.find(piece, cursor)
        if start == -1 or fenced:
            continue
        cursor = start + len(piece)
        spans.append((Paragraph(line, piece), start, cursor))
    return spans


def _is_substance(text: str) -> bool:
    return len(text) >= MIN_SUBSTANCE and not _NOT_SUBSTANCE.match(text)
