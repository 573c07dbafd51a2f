"""The Rasch fit (classroom/rasch.py): a published example, a closed form, simulated classes
from known difficulties, what is left out, and the 0..1 scale the heuristic uses."""

import itertools
import math
import random
import statistics

import pytest

from classroom.analysis import ItemResponse, ScoredAttempt
from classroom.rasch import (
    Response,
    difficulties,
    fit,
    leave_one_out,
    on_heuristic_scale,
    symmetric_functions,
)

LSAT_COUNTS = (
    (3, 6, 2, 11, 1, 1, 3, 4, 1, 8, 0, 16, 0, 3, 2, 15),
    (10, 29, 14, 81, 3, 28, 15, 80, 16, 56, 21, 173, 11, 61, 28, 298),
)
"""How many of 1,000 students gave each pattern of the five items, patterns 00000, 00001, ...,
11111 in order (item 1 first): Bock and Lieberman's LSAT section 6 data."""


def lsat() -> list[Response]:
    counts = [n for half in LSAT_COUNTS for n in half]
    found, person = [], 0
    for pattern, count in zip(itertools.product((0, 1), repeat=5), counts, strict=True):
        for _ in range(count):
            person += 1
            found += [Response(person, f"item {i + 1}", x == 1) for i, x in enumerate(pattern)]
    return found


def test_the_lsat_example_gives_the_published_conditional_estimates():
    """Section 6 of the Law School Admission Test: 1,000 students, 5 items (Bock, R. D. and
    Lieberman, M. (1970), Fitting a response model for n dichotomously scored items,
    Psychometrika 35, 179-197), the data as printed in the OpenBUGS example "LSAT: item
    response" and in R's ltm package (`LSAT`). Its Rasch difficulties, centred to sum 0, are
    -1.256, 0.475, 1.236, 0.168, -0.623, as reported in the analyses that example cites and
    compares with (Andersen, E. B. (1980), Discrete Statistical Models with Social Science
    Applications, pp. 253-254; Bock, R. D. and Aitkin, M. (1981), Psychometrika 46, 443-459).
    The item p-values 0.924, 0.709, 0.553, 0.763, 0.870 check the data were typed right."""
    responses = lsat()
    assert len({r.person for r in responses}) == 1000
    shares = [sum(r.right for r in responses if r.item == f"item {i}") / 1000 for i in range(1, 6)]
    assert shares == pytest.approx([0.924, 0.709, 0.553, 0.763, 0.870])
    found = fit(responses)
    estimates = [found.difficulties[f"item {i}"] for i in range(1, 6)]
    assert estimates == pytest.approx([-1.256, 0.475, 1.236, 0.168, -0.623], abs=0.001)
    assert sum(estimates) == pytest.approx(0, abs=1e-9)
    # 3 students had none right and 298 all: CML leaves them out by itself
    assert set(found.responses.values()) == {1000 - 3 - 298}


def test_two_items_have_the_closed_form_of_rasch_1960():
    """With two items only students with one right inform the fit, and the CML difference of
    difficulties is log(right on the first only / right on the second only) (Rasch 1960; Fischer
    and Molenaar 1995, ch. 3): here log(60 / 20)."""
    patterns = [(1, 0)] * 60 + [(0, 1)] * 20 + [(1, 1)] * 30 + [(0, 0)] * 10
    responses = [
        Response(person, item, x == 1)
        for person, pattern in enumerate(patterns)
        for item, x in zip("AB", pattern, strict=True)
    ]
    found = fit(responses)
    assert found.difficulties["B"] - found.difficulties["A"] == pytest.approx(math.log(3))
    assert found.responses == {"A": 80, "B": 80}


def simulate(seed: int, students: int, truth: dict[str, float], paper: int) -> list[Response]:
    rng = random.Random(seed)
    found = []
    for person in range(students):
        ability = rng.gauss(0, 1)
        for item in rng.sample(sorted(truth), paper):
            chance = 1 / (1 + math.exp(truth[item] - ability))
            found.append(Response(person, item, rng.random() < chance))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_estimates_from_simulated_classes_follow_the_true_difficulties(seed):
    rng = random.Random(100 + seed)
    truth = {f"q{n:02}": rng.uniform(-2, 2) for n in range(40)}
    # 250 students, each a paper of 15 items drawn from the 40: no two papers alike
    found = fit(simulate(seed, 250, truth, 15))
    assert set(found.difficulties) == set(truth)
    items = sorted(truth)
    r = statistics.correlation([truth[i] for i in items], [found.difficulties[i] for i in items])
    assert r >= 0.9
    mean_truth = statistics.fmean(truth.values())
    error = [found.difficulties[i] - (truth[i] - mean_truth) for i in items]
    assert statistics.fmean(abs(e) for e in error) < 0.35  # the same logits, not just the order


def test_no_estimate_under_the_threshold_of_answers():
    truth = {"a": -1.0, "b": 0.0, "c": 1.0}
    responses = simulate(5, 80, truth, 3)
    full = fit(responses)
    assert set(full.difficulties) == {"a", "b", "c"}
    assert all(30 <= n < 80 for n in full.responses.values())  # all-or-nothing students out
    # a fourth item answered by only 20 students has no estimate; the others keep theirs
    rare = [Response(p, "d", p % 2 == 0) for p in range(20)]
    assert set(fit(responses + rare).difficulties) == {"a", "b", "c"}
    assert fit(responses, min_responses=1000).difficulties == {}


def test_an_item_everyone_got_right_has_no_estimate_and_does_not_bend_the_others():
    truth = {"a": -1.0, "b": 0.0, "c": 1.0, "d": 0.5}
    responses = simulate(6, 200, truth, 4)
    easy = [Response(p, "free", True) for p in range(200)]
    alone = fit(responses)
    found = fit(responses + easy)
    assert "free" not in found.difficulties
    for item in truth:
        assert found.difficulties[item] == pytest.approx(alone.difficulties[item])


def test_the_leave_one_out_functions_match_a_direct_computation():
    eps = [0.02, 0.4, 1.0, 3.0, 45.0, 0.7]
    gamma = symmetric_functions(eps)
    assert gamma[0] == 1 and gamma[-1] == pytest.approx(math.prod(eps))
    for n, e in enumerate(eps):
        direct = symmetric_functions(eps[:n] + eps[n + 1 :])
        assert leave_one_out(gamma, e) == pytest.approx(direct, rel=1e-9)


def test_difficulty_on_the_heuristic_scale():
    assert on_heuristic_scale(0.0, 0.0) == 0.5
    assert on_heuristic_scale(1.0, 0.0) == round(1 / (1 + math.exp(-1)), 2) == 0.73
    assert on_heuristic_scale(-10, 0.0) == 0.05 and on_heuristic_scale(10, 0.0) == 0.95
    rng = random.Random(8)
    truth = {f"q{n}": rng.uniform(-2, 2) for n in range(8)}
    attempts = []
    for person in range(120):
        ability = rng.gauss(0.5, 1)
        items = tuple(
            ItemResponse(q, 1.0, float(rng.random() < 1 / (1 + math.exp(b - ability))), None)
            for q, b in truth.items()
        )
        attempts.append(ScoredAttempt(person, items))
    found = difficulties(attempts)
    assert set(found) == set(truth)
    assert all(0.05 <= value <= 0.95 for value in found.values())
    by_truth = sorted(truth, key=truth.__getitem__)
    assert found[by_truth[0]] < found[by_truth[-1]]
    # the class's typical student misses about as many as the class did
    missed = 1 - statistics.fmean(i.fraction for a in attempts for i in a.items)
    assert statistics.fmean(found.values()) == pytest.approx(missed, abs=0.05)
    assert difficulties(attempts[:20]) == {}  # under 30 answers per item: no estimate
