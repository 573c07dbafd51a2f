"""Quiz results as tables: one row per attempt, one per item, one per option of an item.

pandas frames are what the teacher pages show, chart and download (CSV, written by
`exporters.spreadsheet`); building them here keeps the pages to wiring and lets the tests check
the numbers. Names that look like another name, or hold invisible or mixed-script characters,
say so in the `look-alike name` column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

import pandas as pd

from classroom.grading import answer_text
from classroom.names import NameCheck, NameFlag, name_checks
from classroom.views import QuizResults

LOOK_ALIKE = "look-alike name"
RESULT_COLUMNS = [
    "student",
    LOOK_ALIKE,
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
    "difficulty",
    "difficulty from",
    "flags",
]
RASCH, HEURISTIC = "class results (Rasch)", "estimate"
"""Where an item's difficulty comes from: a Rasch fit of the deck's attempts, where there are
enough answers (`classroom.rasch`), else the heuristic the bank gave it (`questions.difficulty`)."""


FLAG_TEXT = {
    NameFlag.SAME_AS_OTHER: "reads the same as {others}",
    NameFlag.INVISIBLE: "invisible characters {hidden}",
    NameFlag.MIXED_SCRIPTS: "mixes scripts: {scripts}",
    NameFlag.UNUSUAL_FORMS: "full-width or styled letters",
    NameFlag.ACCENTS_ONLY: "differs only in accents from {accented}",
}
"""Why a name is flagged, in English; pages pass their own language's texts."""


def flag_reasons(check: NameCheck, texts: dict[NameFlag, str] = FLAG_TEXT) -> str:
    """The reasons a name is flagged, as one line of plain text."""
    values = {
        "others": ", ".join(f"«{other}»" for other in check.others),
        "hidden": ", ".join(check.hidden),
        "accented": ", ".join(f"«{other}»" for other in check.accented),
        "scripts": ", ".join(script.title() for script in check.scripts),
    }
    return "; ".join(texts[flag].format(**values) for flag in check.flags)


def results_frame(
    results: QuizResults, reasons: Callable[[NameCheck], str] = flag_reasons
) -> pd.DataFrame:
    """Every attempt, in the order started, with why a name needs a second look (if it does)."""
    checks = name_checks(a.student for a in results.attempts)
    rows = [
        {
            "student": a.student,
            LOOK_ALIKE: reasons(checks[a.student]) if a.student in checks else "",
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
    return pd.DataFrame({"percent": [a.percent for a in results.finished]})


def difficulty(
    question_id: str, heuristic: float, estimated: Mapping[str, float]
) -> tuple[float, bool]:
    """An item's difficulty on the 0..1 scale, and whether the class results gave it: the
    Rasch estimate replaces the heuristic where there is one."""
    if question_id in estimated:
        return estimated[question_id], True
    return heuristic, False


def items_frame(results: QuizResults, estimated: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Item analysis, one row per item answered in a finished attempt; `estimated` holds the
    deck's Rasch difficulties (`Classroom.difficulties`)."""
    rows = []
    for stats in results.items:
        question = results.questions[stats.question_id]
        value, rasch = difficulty(stats.question_id, question.difficulty, estimated or {})
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
                "difficulty": value,
                "difficulty from": RASCH if rasch else HEURISTIC,
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
