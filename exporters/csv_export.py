"""The question bank as a spreadsheet: one row per question, one column per field.

Lists (options, accepted answers, the right order) go one item per line inside their cell, which
spreadsheets show as they are. The file is written by `exporters.spreadsheet`, like every CSV
the app writes: UTF-8 with a byte-order mark, and no cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

import pandas as pd

from decks.model import Deck
from exporters.spreadsheet import csv_bytes, spreadsheet_table
from questions.model import Question

COLUMNS = (
    "id",
    "lang",
    "kind",
    "topic",
    "topic_title",
    "prompt",
    "options",
    "answer",
    "accepted",
    "explanation",
    "dispute",
    "difficulty",
    "fact_ids",
    "sources",
    "quotes",
    "approved",
)


def bank_table(deck: Deck, questions: Iterable[Question]) -> pd.DataFrame:
    """One row per question, in the order given, with the columns in COLUMNS."""
    titles = {topic.id: topic.title for topic in deck.topics}
    rows = [
        {
            "id": q.id,
            "lang": q.lang,
            "kind": q.kind.value,
            "topic": q.topic,
            "topic_title": titles.get(q.topic, {}).get(q.lang, ""),
            "prompt": q.prompt,
            "options": _lines(q.options or ()),
            "answer": _answer(q.answer),
            "accepted": _lines(q.accepted),
            "explanation": q.explanation,
            "dispute": q.dispute or "",
            "difficulty": q.difficulty,
            "fact_ids": _lines(q.fact_ids),
            "sources": _lines(c.source for c in q.sources),
            "quotes": _lines(c.quote for c in q.sources),
            "approved": _answer(q.approved),
        }
        for q in questions
    ]
    return spreadsheet_table(pd.DataFrame(rows, columns=list(COLUMNS)))


def write_csv(deck: Deck, questions: Iterable[Question], out: BinaryIO) -> int:
    """Write the bank as CSV to `out`; returns the number of rows."""
    table = bank_table(deck, questions)
    out.write(csv_bytes(table))
    return len(table)


def _answer(answer: Any) -> str:
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, dict):
        return _lines(f"{left} → {right}" for left, right in answer.items())
    if isinstance(answer, list | tuple):
        return _lines(answer)
    return str(answer)


def _lines(items: Iterable[Any]) -> str:
    return "\n".join(str(item) for item in items)
