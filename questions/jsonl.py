"""A bank as JSON Lines: one question per line, the record `factdeck build` writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from questions.bank import QuestionBank
from questions.model import Question


def record(question: Question) -> dict[str, Any]:
    """The question as plain data; each source carries its `id`, title and verbatim quote."""
    data = asdict(question)
    data["kind"] = question.kind.value
    data["options"] = list(question.options) if question.options is not None else None
    data["sources"] = [
        {"id": c.source, "title": c.title, "quote": c.quote, "page": c.page}
        for c in question.sources
    ]
    return data


def lines(bank: QuestionBank) -> Iterator[str]:
    """One JSON object per question, keys sorted, so the same bank gives the same bytes."""
    for question in bank.questions:
        yield json.dumps(record(question), ensure_ascii=False, sort_keys=True)
