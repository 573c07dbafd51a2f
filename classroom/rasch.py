"""A Rasch (one-parameter logistic) difficulty per item from class attempts, by conditional
maximum likelihood (CML), in plain Python.

The model: a student of ability θ answers an item of difficulty b right with probability
1 / (1 + exp(b - θ)). CML (Rasch 1960; Andersen 1970) conditions each student's abilities out
through their raw score: given r right answers on the items S of their paper, the chance of one
pattern x is prod(ε_i ** x_i) / γ_r(ε_S), with ε_i = exp(-b_i) and γ_r the elementary symmetric
function of order r. That is why it is used here rather than joint ML or a ready-made package:

- the difficulties are consistent, where joint ML overstates them on short papers (by about
  k / (k - 1) on k items), and a quiz has 10 or 20 items, not 100;
- a student with all or none right carries no information on the items and drops out by
  itself: no adjustment is invented for them;
- papers drawn at random from a larger pool (each student answering another subset) are no
  special case: each paper's γ is taken over its own items;
- it needs no package: numpy arrives only through pandas, and the IRT packages on PyPI bring
  SciPy (mirt, girth, the latter unreleased since 2021) or PyTorch (py-irt), and mostly fit by
  marginal ML, for a computation of a few dozen lines.

The fit: Newton steps on every difficulty at once with the diagonal of the information,
damped by (m - 1) / m for the smallest paper of m items (a paper's items share its score, so the
full step overshoots by up to m / (m - 1)), until no difficulty moves by `TOLERANCE`; centred on
mean 0, since CML fixes differences only.

Left out, again and again until nothing changes (leaving out one can make another extreme):
students who got all or none of their estimated items right, and items with fewer than
`MIN_RESPONSES` answers from the students kept, or that all of them got right or all wrong
(whose estimate is infinite). A response counts as right when it earned full marks. Papers
that share no item with the others (quizzes on a deck with disjoint pools) tie their items to
the rest only through the starting values, the log-odds of each item's share of wrong answers.

On the 0..1 scale of the heuristic difficulty (`questions.difficulty`), an item's difficulty is
the chance that a student of the class's typical ability misses it, 1 / (1 + exp(θ - b)), with
θ the ability at which the model expects the share of right answers the class gave on the
estimated items; clamped to [0.05, 0.95] and rounded to 0.01 like the heuristic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from classroom.analysis import ScoredAttempt

MIN_RESPONSES = 30
"""Informative answers an item needs for an estimate: with 30, a difficulty near the middle of
the class has a standard error of about 0.4 logits, a tenth of the usual range of items."""
TOLERANCE = 1e-7
MAX_ITERATIONS = 1000
MAX_STEP = 1.0
"""Logits one iteration may move a difficulty: keeps the first steps from far estimates sane."""
LOWEST, HIGHEST = 0.05, 0.95
"""The range of the heuristic difficulty, which the estimate replaces."""


@dataclass(frozen=True)
class Response:
    """One student's (one attempt's) answer to one item."""

    person: int
    item: str
    right: bool


@dataclass(frozen=True)
class RaschFit:
    difficulties: dict[str, float]
    """Logits, mean 0 over the items estimated; higher is harder."""
    responses: dict[str, int]
    """The informative answers behind each estimate (students with all or none right left out)."""
    iterations: int


def fit(responses: Iterable[Response], min_responses: int = MIN_RESPONSES) -> RaschFit:
    """Conditional maximum-likelihood difficulties of the items with enough answers (see the
    module's docstring); no estimate at all on fewer than two such items."""
    papers: dict[int, dict[str, bool]] = {}
    for response in responses:
        papers.setdefault(response.person, {})[response.item] = response.right
    items, kept = _informative(papers, min_responses)
    if len(items) < 2:
        return RaschFit({}, {}, 0)
    groups: dict[tuple[str, ...], Counter[int]] = {}
    observed: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for paper in kept:
        groups.setdefault(tuple(sorted(paper)), Counter())[sum(paper.values())] += 1
        observed.update(item for item, right in paper.items() if right)
        answered.update(paper.keys())
    damping = min((len(booklet) - 1) / len(booklet) for booklet in groups)
    start = {i: math.log((answered[i] - observed[i]) / observed[i]) for i in items}
    difficulty = _centred(start)
    iterations = 0
    while iterations < MAX_ITERATIONS:
        iterations += 1
        expected, information = _expected(groups, difficulty)
        steps = {
            item: damping * (expected[item] - observed[item]) / information[item] for item in items
        }
        difficulty = _centred(
            {item: b + max(-MAX_STEP, min(MAX_STEP, steps[item])) for item, b in difficulty.items()}
        )
        if max(abs(step) for step in steps.values()) < TOLERANCE:
            break
    return RaschFit(difficulty, {item: answered[item] for item in items}, iterations)


def _informative(
    papers: dict[int, dict[str, bool]], min_responses: int
) -> tuple[set[str], list[dict[str, bool]]]:
    """The items that can be estimated and the papers, cut to them, that inform them."""
    items = {item for paper in papers.values() for item in paper}
    while True:
        kept = [{i: right for i, right in paper.items() if i in items} for paper in papers.values()]
        kept = [paper for paper in kept if 0 < sum(paper.values()) < len(paper)]
        answered = Counter(item for paper in kept for item in paper)
        right = Counter(item for paper in kept for item, x in paper.items() if x)
        usable = {i for i in items if answered[i] >= min_responses and 0 < right[i] < answered[i]}
        if usable == items:
            return items, kept
        items = usable


def _expected(
    groups: dict[tuple[str, ...], Counter[int]], difficulty: dict[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Per item, the right answers the model expects given each paper's score, and the
    information (the sum of p(1 - p))."""
    expected = dict.fromkeys(difficulty, 0.0)
    information = dict.fromkeys(difficulty, 0.0)
    for booklet, scores in groups.items():
        eps = [math.exp(-difficulty[item]) for item in booklet]
        gamma = symmetric_functions(eps)
        for item, e in zip(booklet, eps, strict=True):
            without = leave_one_out(gamma, e)
            for score, count in scores.items():
                p = e * without[score - 1] / gamma[score]
                expected[item] += count * p
                information[item] += count * p * (1 - p)
    return expected, information


def symmetric_functions(eps: Sequence[float]) -> list[float]:
    """γ_0 .. γ_k of `eps`: γ_r is the sum, over every set of r items, of their ε multiplied."""
    gamma = [1.0]
    for e in eps:
        gamma = [a + e * b for a, b in zip([*gamma, 0.0], [0.0, *gamma], strict=True)]
    return gamma


def leave_one_out(gamma: Sequence[float], e: float) -> list[float]:
    """γ_0 .. γ_(k-1) of the items without one whose ε is `e`, from γ of all k: from γ_r =
    γ'_r + e γ'_(r-1), forwards when e <= 1 and backwards otherwise, to stay accurate."""
    k = len(gamma) - 1
    without = [0.0] * k
    if e <= 1:
        without[0] = 1.0
        for r in range(1, k):
            without[r] = gamma[r] - e * without[r - 1]
    else:
        without[k - 1] = gamma[k] / e
        for r in range(k - 1, 0, -1):
            without[r - 1] = (gamma[r] - without[r]) / e
    return without


def _centred(difficulty: dict[str, float]) -> dict[str, float]:
    mean = sum(difficulty.values()) / len(difficulty)
    return {item: b - mean for item, b in difficulty.items()}


def responses_of(attempts: Iterable[ScoredAttempt]) -> list[Response]:
    """Every item of every attempt, right when it earned full marks."""
    return [
        Response(attempt.attempt_id, item.question_id, item.fraction >= 1.0)
        for attempt in attempts
        for item in attempt.items
    ]


def typical_ability(difficulty: dict[str, float], responses: Sequence[Response]) -> float:
    """The ability at which the model expects the share of right answers the class gave to the
    estimated items (every student counted, those with all or none right too)."""
    counted = [r for r in responses if r.item in difficulty]
    share = sum(r.right for r in counted) / len(counted)
    low, high = -30.0, 30.0
    for _ in range(100):
        middle = (low + high) / 2
        expected = sum(_right(middle, difficulty[r.item]) for r in counted) / len(counted)
        low, high = (middle, high) if expected < share else (low, middle)
    return (low + high) / 2


def _right(ability: float, difficulty: float) -> float:
    return 1 / (1 + math.exp(difficulty - ability))


def on_heuristic_scale(logit: float, ability: float) -> float:
    """The chance a student of `ability` misses an item of difficulty `logit`, as the heuristic
    difficulty is written: clamped to [0.05, 0.95], to 0.01."""
    return round(min(HIGHEST, max(LOWEST, 1 - _right(ability, logit))), 2)


def difficulties(
    attempts: Sequence[ScoredAttempt], min_responses: int = MIN_RESPONSES
) -> dict[str, float]:
    """{question id: difficulty on the heuristic's 0..1 scale} for the items of a deck's
    attempts that have enough answers for a Rasch estimate; the others are absent, and keep
    their heuristic difficulty."""
    responses = responses_of(attempts)
    found = fit(responses, min_responses)
    if not found.difficulties:
        return {}
    ability = typical_ability(found.difficulties, responses)
    return {item: on_heuristic_scale(logit, ability) for item, logit in found.difficulties.items()}
