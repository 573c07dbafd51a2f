"""Item analysis of a quiz, as classical test theory (and Moodle's quiz statistics) define it.

- facility: the mean share of the item's points earned, over the attempts that had the item;
- discrimination: the correlation (Pearson) between the item's mark and the rest of the paper's
  mark, so an item does not correlate with itself; a good item is answered right by the students
  who do well on the others;
- option counts: how often each option was chosen, to see which distractors work.

Thresholds follow the usual rules of thumb (Ebel): facility above 0.9 is too easy, below 0.2 too
hard, discrimination below 0.2 does not tell strong students from weak ones. No flag is raised
on fewer than `MIN_RESPONSES` answers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

TOO_EASY = 0.9
TOO_HARD = 0.2
DISCRIMINATING = 0.2
MIN_RESPONSES = 5


class Flag(StrEnum):
    TOO_EASY = "too easy"
    TOO_HARD = "too hard"
    NOT_DISCRIMINATING = "not discriminating"


@dataclass(frozen=True)
class ItemResponse:
    """One item in one finished attempt."""

    question_id: str
    points: float
    fraction: float
    """Share of the points earned; 0 when unanswered."""
    choice: int | None
    """The option chosen, in the question's own order; None when unanswered or typed."""
    options: int = 0
    """How many options the item has; 0 for typed items."""
    answered: bool = True

    @property
    def earned(self) -> float:
        return self.points * self.fraction


@dataclass(frozen=True)
class ScoredAttempt:
    attempt_id: int
    items: tuple[ItemResponse, ...]

    @property
    def score(self) -> float:
        return sum(item.earned for item in self.items)

    @property
    def max_score(self) -> float:
        return sum(item.points for item in self.items)


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    responses: int
    facility: float
    discrimination: float | None
    """None when it cannot be computed: under two attempts, or no spread in the marks."""
    option_counts: tuple[int, ...]
    unanswered: int
    flags: tuple[Flag, ...]


def analyse(attempts: Sequence[ScoredAttempt]) -> tuple[ItemStats, ...]:
    """Statistics for every item that appears in `attempts`, in order of first appearance."""
    pairs: dict[str, list[tuple[ItemResponse, float | None]]] = {}
    for attempt in attempts:
        score, top = attempt.score, attempt.max_score
        for item in attempt.items:
            rest_max = top - item.points
            rest = (score - item.earned) / rest_max if rest_max > 0 else None
            pairs.setdefault(item.question_id, []).append((item, rest))
    return tuple(_stats(question_id, found) for question_id, found in pairs.items())


def _stats(question_id: str, found: list[tuple[ItemResponse, float | None]]) -> ItemStats:
    marks = [item.fraction for item, _ in found]
    facility = sum(marks) / len(marks)
    paired = [(item.fraction, rest) for item, rest in found if rest is not None]
    discrimination = correlation([x for x, _ in paired], [y for _, y in paired])
    size = max(item.options for item, _ in found)
    counts = [0] * size
    for item, _ in found:
        if item.choice is not None and 0 <= item.choice < size:
            counts[item.choice] += 1
    return ItemStats(
        question_id=question_id,
        responses=len(found),
        facility=facility,
        discrimination=discrimination,
        option_counts=tuple(counts),
        unanswered=sum(1 for item, _ in found if not item.answered),
        flags=flags(len(found), facility, discrimination),
    )


def flags(responses: int, facility: float, discrimination: float | None) -> tuple[Flag, ...]:
    if responses < MIN_RESPONSES:
        return ()
    found = []
    if facility > TOO_EASY:
        found.append(Flag.TOO_EASY)
    if facility < TOO_HARD:
        found.append(Flag.TOO_HARD)
    if discrimination is not None and discrimination < DISCRIMINATING:
        found.append(Flag.NOT_DISCRIMINATING)
    return tuple(found)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None when there are under two pairs or either side does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)
