"""Quiz results as tables: one row per attempt, one per item, one per option of an item.

pandas frames are what the teacher pages show, chart and download (CSV); building them here
keeps the pages to wiring and lets the tests check the numbers.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from classroom.grading import answer_text
from classroom.views import AttemptStatus, QuizResults

RESULT_COLUMNS = [
    "student",
    "attempt",
    "status",
    "started (UTC)",
    "finished (UTC)",
    "answered",
    "questions",
    "score",
    "max score",
    "percent",
]
ITEM_COLUMNS = [
    "question",
    "id",
    "kind",
    "responses",
    "facility",
    "discrimination",
    "flags",
]


def results_frame(results: QuizResults) -> pd.DataFrame:
    """Every attempt, in the order started."""
    rows = [
        {
            "student": a.student,
            "attempt": a.number,
            "status": a.status.value,
            "started (UTC)": _utc(a.started_at),
            "finished (UTC)": _utc(a.finished_at),
            "answered": a.answered,
            "questions": len(a.marks),
            "score": round(a.score, 2),
            "max score": round(a.max_score, 2),
            "percent": round(a.percent, 1),
        }
        for a in results.attempts
    ]
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def finished_percents(results: QuizResults) -> pd.DataFrame:
    """The percent score of every finished attempt, for the histogram."""
    return pd.DataFrame(
        {
            "percent": [
                a.percent for a in results.attempts if a.status is not AttemptStatus.IN_PROGRESS
            ]
        }
    )


def items_frame(results: QuizResults) -> pd.DataFrame:
    """Item analysis, one row per item answered in a finished attempt."""
    rows = []
    for stats in results.items:
        question = results.questions[stats.question_id]
        rows.append(
            {
                "question": question.prompt,
                "id": stats.question_id,
                "kind": question.kind.value,
                "responses": stats.responses,
                "facility": round(stats.facility, 3),
                "discrimination": None
                if stats.discrimination is None
                else round(stats.discrimination, 3),
                "flags": ", ".join(flag.value for flag in stats.flags),
            }
        )
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def options_frame(results: QuizResults, question_id: str) -> pd.DataFrame:
    """How often each option of a choice item was chosen, with the right one marked."""
    question = results.questions[question_id]
    stats = next(s for s in results.items if s.question_id == question_id)
    right = answer_text(question)
    options = question.options or ()
    return pd.DataFrame(
        {
            "option": list(options),
            "chosen": list(stats.option_counts) + [0] * (len(options) - len(stats.option_counts)),
            "right answer": [option == right for option in options],
        }
    )


def _utc(moment: datetime | None) -> str:
    return "" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S")
