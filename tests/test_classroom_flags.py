"""The flags class results raise on items (classroom/analysis.py): a distractor nobody chose
and a likely wrong key, on simulated classes, and their thresholds."""

import math
import random

import pytest

from classroom.analysis import (
    Flag,
    ItemResponse,
    ScoredAttempt,
    analyse,
    flags,
    wrong_key,
    wrong_key_bound,
)

OPTIONS = 4
WRONG_KEY_ITEM = "q05"
MISCONCEPTION = 0.6
"""The share of students who do not know the wrongly keyed item that fall for its "key"."""


def simulated_class(seed: int, students: int, items: int = 15) -> list[ScoredAttempt]:
    """A class answering `items` four-option items of known difficulty (Rasch, abilities spread
    with a standard deviation of 1.5 logits), where a student who does not know guesses among
    the options. Item `WRONG_KEY_ITEM`, of middling difficulty, is keyed wrong: the option the
    bank marks right (0) is a common misconception, which most students who do not know choose,
    while those who know pick the true answer (1)."""
    rng = random.Random(seed)
    difficulty = {f"q{n:02}": rng.uniform(-1.5, 1.5) for n in range(items)}
    difficulty[WRONG_KEY_ITEM] = 0.0
    attempts = []
    for attempt_id in range(students):
        ability = rng.gauss(0, 1.5)
        marks = []
        for question_id, b in difficulty.items():
            knows = rng.random() < 1 / (1 + math.exp(b - ability))
            if knows:
                choice = 1 if question_id == WRONG_KEY_ITEM else 0
            elif question_id == WRONG_KEY_ITEM and rng.random() < MISCONCEPTION:
                choice = 0
            else:
                choice = rng.randrange(OPTIONS)
            marks.append(ItemResponse(question_id, 1.0, float(choice == 0), choice, OPTIONS, key=0))
        attempts.append(ScoredAttempt(attempt_id, tuple(marks)))
    return attempts


def wrong_key_flags(attempts: list[ScoredAttempt]) -> tuple[bool, int]:
    """Whether the wrongly keyed item is flagged, and how many sound items are."""
    stats = {s.question_id: s for s in analyse(attempts)}
    wrong = stats.pop(WRONG_KEY_ITEM)
    sound = sum(Flag.LIKELY_WRONG_KEY in s.flags for s in stats.values())
    return Flag.LIKELY_WRONG_KEY in wrong.flags, sound


def test_a_wrong_key_is_flagged_and_the_sound_items_are_not():
    stats = {s.question_id: s for s in analyse(simulated_class(0, students=60))}
    wrong = stats.pop(WRONG_KEY_ITEM)
    assert Flag.LIKELY_WRONG_KEY in wrong.flags
    assert wrong.discrimination < 0 and wrong.rival == 1  # the true answer stands out
    assert wrong.option_discrimination[1] > -wrong_key_bound(60)
    assert [q for q, s in stats.items() if Flag.LIKELY_WRONG_KEY in s.flags] == []


@pytest.mark.parametrize(("students", "caught"), [(60, 95), (30, 70)])
def test_how_often_a_wrong_key_is_caught_and_a_sound_item_blamed(students, caught):
    """Over 100 simulated classes (seeds 0-99): two classes of 30 pooled catch the wrong key in
    95 or more, one class of 30 in 70 or more (its own discrimination is often only mildly
    negative there); a sound item is blamed in at most 0.5% of the 1,400."""
    found = [wrong_key_flags(simulated_class(seed, students)) for seed in range(100)]
    assert sum(flagged for flagged, _ in found) >= caught
    assert sum(sound for _, sound in found) <= 7


def test_a_class_too_small_flags_no_wrong_key():
    for seed in range(5):
        flagged, sound = wrong_key_flags(simulated_class(seed, students=9))
        assert not flagged and sound == 0


def test_the_wrong_key_bound_is_the_one_sided_five_percent_of_chance_or_minus_0_2():
    assert wrong_key_bound(20) == pytest.approx(-0.379, abs=0.001)
    assert wrong_key_bound(30) == pytest.approx(-0.306, abs=0.001)
    assert wrong_key_bound(200) == -0.2
    assert not wrong_key(9, -0.99)  # under ten answers, never
    assert wrong_key(30, -0.31) and not wrong_key(30, -0.30)
    assert not wrong_key(30, None)
    # or stronger students miss it and agree on another option beyond chance
    assert wrong_key(30, -0.05, 0.31) and not wrong_key(30, -0.05, 0.30)
    assert not wrong_key(30, 0.05, 0.9)  # a sound item with a second good answer


def test_a_distractor_nobody_chose_is_flagged_with_which_one():
    picks = [0, 0, 0, 2, 2, 0, 0, 2]  # the key is 0; options 1 and 3 are never chosen
    attempts = [
        ScoredAttempt(n, (ItemResponse("A", 1.0, float(p == 0), p, OPTIONS, key=0),))
        for n, p in enumerate(picks)
    ]
    (stats,) = analyse(attempts)
    assert stats.option_counts == (5, 0, 3, 0)
    assert stats.unused_distractors == (1, 3)
    assert stats.flags == (Flag.UNUSED_DISTRACTOR,)


def test_an_unchosen_key_is_not_an_unused_distractor_and_true_or_false_has_none():
    attempts = [
        ScoredAttempt(n, (ItemResponse("A", 1.0, 0.0, 1 + n % 3, OPTIONS, key=0),))
        for n in range(6)
    ]
    (stats,) = analyse(attempts)
    assert stats.unused_distractors == () and Flag.UNUSED_DISTRACTOR not in stats.flags
    # true or false: the one wrong option unchosen makes the item easy, not badly built
    easy = [ScoredAttempt(n, (ItemResponse("T", 1.0, 1.0, 0, 2, key=0),)) for n in range(6)]
    (stats,) = analyse(easy)
    assert stats.unused_distractors == () and stats.flags == (Flag.TOO_EASY,)


def test_typed_items_and_small_classes_have_no_distractor_flag():
    assert flags(4, 0.5, 0.5, (1,)) == ()  # under five answers nothing is flagged
    typed = [ScoredAttempt(n, (ItemResponse("W", 1.0, float(n % 2), None),)) for n in range(6)]
    (stats,) = analyse(typed)
    assert stats.option_counts == () and stats.unused_distractors == () and stats.flags == ()
