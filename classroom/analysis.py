"""Item analysis of a quiz, as classical test theory (and Moodle's quiz statistics) define it.

- facility: the mean share of the item's points earned, over the attempts that had the item;
- discrimination: the correlation (Pearson) between the item's mark and the rest of the paper's
  mark, so an item does not correlate with itself; a good item is answered right by the students
  who do well on the others;
- option counts: how often each option was chosen, to see which distractors work.

Thresholds follow the usual rules of thumb (Ebel): facility above 0.9 is too easy, below 0.2 too
hard, discrimination below 0.2 does not tell strong students from weak ones. A distractor nobody
chose does no work (only on items with three options or more: a true or false item's one wrong
option unchosen is just an easy item). No flag is raised on fewer than `MIN_RESPONSES` answers.

A likely wrong key is the strongest signal and the costliest to raise wrongly, so it asks for
more: at least `MIN_KEY_RESPONSES` answers, stronger students missing the item more often than
weaker ones (a discrimination below 0), and one of two signs beyond what chance alone gives one
time in twenty (one-sided 5%, by Fisher's z: |r| > tanh(1.645 / sqrt(n - 3)), and at least
`-WRONG_KEY`; that is 0.38 on 20 answers, 0.31 on 30, and 0.2 from about 70 on):

- the discrimination is that far below 0: the stronger the student, the likelier the miss;
- or, on a choice item, the stronger students agree on one other option: choosing it correlates
  that much with the rest of the paper (its *option discrimination*), as choosing the right
  answer does on a sound item. This is the sign a key marking a wrong option as right leaves
  most clearly: on a class of 30 the item's own discrimination is often only mildly negative,
  while the option the students who know choose stands out.
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
WRONG_KEY = -0.2
MIN_KEY_RESPONSES = 10
ONE_SIDED_5_PERCENT = 1.645
"""The normal quantile of a one-sided test at 5%: the z a chance correlation passes 1 in 20."""


class Flag(StrEnum):
    TOO_EASY = "too easy"
    TOO_HARD = "too hard"
    NOT_DISCRIMINATING = "not discriminating"
    UNUSED_DISTRACTOR = "distractor nobody chose"
    LIKELY_WRONG_KEY = "likely wrong key"


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
    key: int | None = None
    """The right option, in the question's own order; None for typed items."""

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
    key: int | None = None
    """The right option, in the question's own order; None for typed items."""
    option_discrimination: tuple[float | None, ...] = ()
    """Per option, the correlation between choosing it and the rest of the paper's mark: high
    on the option stronger students choose. None where it cannot be computed."""

    @property
    def rival(self) -> int | None:
        """The wrong option stronger students choose most, by its option discrimination."""
        return rival(self.option_discrimination, self.key)

    @property
    def unused_distractors(self) -> tuple[int, ...]:
        """The wrong options nobody chose, in the question's own order."""
        return unused(self.option_counts, self.key)


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
    key = next((item.key for item, _ in found if item.key is not None), None)
    chosen = [(item.choice, rest) for item, rest in found if rest is not None]
    rests = [rest for _, rest in chosen]
    by_option = tuple(
        correlation([float(choice == n) for choice, _ in chosen], rests) for n in range(size)
    )
    best = rival(by_option, key)
    return ItemStats(
        question_id=question_id,
        responses=len(found),
        facility=facility,
        discrimination=discrimination,
        option_counts=tuple(counts),
        unanswered=sum(1 for item, _ in found if not item.answered),
        flags=flags(
            len(found),
            facility,
            discrimination,
            unused(tuple(counts), key),
            None if best is None else by_option[best],
        ),
        key=key,
        option_discrimination=by_option,
    )


def rival(option_discrimination: Sequence[float | None], key: int | None) -> int | None:
    """The wrong option with the highest option discrimination; None without a known key or
    any wrong option whose discrimination can be computed."""
    found = [
        (value, n)
        for n, value in enumerate(option_discrimination)
        if n != key and value is not None
    ]
    return max(found)[1] if key is not None and found else None


def unused(counts: Sequence[int], key: int | None) -> tuple[int, ...]:
    """The wrong options of `counts` nobody chose; none on items with under three options, or
    whose key is not known (which options are distractors then?)."""
    if len(counts) < 3 or key is None:
        return ()
    return tuple(n for n, count in enumerate(counts) if count == 0 and n != key)


def flags(
    responses: int,
    facility: float,
    discrimination: float | None,
    unused_distractors: Sequence[int] = (),
    rival_discrimination: float | None = None,
) -> tuple[Flag, ...]:
    """Why an item needs a second look, from its figures (see the module's docstring)."""
    if responses < MIN_RESPONSES:
        return ()
    found = []
    if facility > TOO_EASY:
        found.append(Flag.TOO_EASY)
    if facility < TOO_HARD:
        found.append(Flag.TOO_HARD)
    if discrimination is not None and discrimination < DISCRIMINATING:
        found.append(Flag.NOT_DISCRIMINATING)
    if unused_distractors:
        found.append(Flag.UNUSED_DISTRACTOR)
    if wrong_key(responses, discrimination, rival_discrimination):
        found.append(Flag.LIKELY_WRONG_KEY)
    return tuple(found)


def wrong_key_bound(responses: int) -> float:
    """The discrimination an item must fall below to be a likely wrong key on `responses`
    (and, negated, the option discrimination a wrong option must rise above)."""
    chance = math.tanh(-ONE_SIDED_5_PERCENT / math.sqrt(responses - 3))
    return min(WRONG_KEY, chance)


def wrong_key(
    responses: int, discrimination: float | None, rival_discrimination: float | None = None
) -> bool:
    """Whether stronger students miss the item, and miss it or agree on another option so
    clearly, that its key is likely wrong (see the module's docstring)."""
    if discrimination is None or responses < MIN_KEY_RESPONSES or discrimination >= 0:
        return False
    bound = wrong_key_bound(responses)
    return discrimination < bound or (
        rival_discrimination is not None and rival_discrimination > -bound
    )


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
