"""Questions as a quiz keeps them: a copy taken when the quiz is set.

A quiz must not change under a class while it runs, and its results must still read right
after the deck is edited, so the service stores each pooled question's full record
(`Question.to_json`) and grades against that copy, as Moodle keeps question versions.
"""

from __future__ import annotations

import json

from questions.model import Cited, Kind, Question


def dump(question: Question) -> str:
    return question.to_json()


def load(text: str) -> Question:
    record = json.loads(text)
    options = record.get("options")
    return Question(
        id=record["id"],
        kind=Kind(record["kind"]),
        lang=record["lang"],
        prompt=record["prompt"],
        answer=record["answer"],
        fact_ids=tuple(record["fact_ids"]),
        topic=record["topic"],
        sources=tuple(Cited(**cited) for cited in record["sources"]),
        difficulty=record["difficulty"],
        options=None if options is None else tuple(options),
        accepted=tuple(record.get("accepted", ())),
        explanation=record.get("explanation", ""),
        dispute=record.get("dispute"),
        template=record.get("template", ""),
        extra=record.get("extra", {}),
        approved=record.get("approved", False),
    )
