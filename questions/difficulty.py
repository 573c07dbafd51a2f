"""A difficulty estimate in [0.05, 0.95]: kind, date precision and distractor closeness.

Documented in docs/questions.md. It orders items for practice and tells teachers roughly how
hard a quiz is; it is not a calibrated probability (FSRS learns per learner).
"""

from __future__ import annotations

from decks.model import DateSpec
from questions.dates import coarsest, rank
from questions.model import Kind

BASE = {
    Kind.TRUE_FALSE: 0.2,
    Kind.FLASHCARD: 0.3,
    Kind.MULTIPLE_CHOICE: 0.3,
    Kind.MATCHING: 0.35,
    Kind.ORDERING: 0.4,
    Kind.CLOZE: 0.45,
    Kind.TYPED: 0.5,
    Kind.SOURCES_DIFFER: 0.55,
}
PRECISION = (0.15, 0.08, 0.0)
"""Added for a date known to the day, the month, the year: recalling a day is harder."""
CLOSENESS = 0.3
"""Weight of how close the distractors are (0 far ... 1 as close as the deck allows)."""


def estimate(
    kind: Kind, date: DateSpec | None = None, closeness: float = 0.0, items: int = 0
) -> float:
    """Base by kind, plus date precision, plus distractor closeness, plus items beyond three."""
    value = BASE[kind]
    if date is not None:
        value += PRECISION[rank(coarsest(date))]
    value += CLOSENESS * max(0.0, min(1.0, closeness))
    value += 0.05 * max(0, items - 3)
    return round(min(0.95, max(0.05, value)), 2)
