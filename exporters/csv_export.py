"""The question bank as a spreadsheet: one row per question, one column per field.

Lists (options, accepted answers, the right order) go one item per line inside their cell, which
spreadsheets show as they are. The file is UTF-8 with a byte-order mark, because without it
Excel reads Cyrillic as mojibake.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

import pandas as pd

from decks.model import Deck
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
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
        }
        for q in questions
    ]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    text_columns = [c for c in COLUMNS if c != "difficulty"]
    table[text_columns] = table[text_columns].map(_inert)
    return table


def write_csv(deck: Deck, questions: Iterable[Question], out: BinaryIO) -> int:
    """Write the bank as CSV to `out`; returns the number of rows."""
    table = bank_table(deck, questions)
    out.write(table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig"))
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


def _inert(text: str) -> str:
    """Spreadsheets run a cell that starts with `=` (and a few others) as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text
