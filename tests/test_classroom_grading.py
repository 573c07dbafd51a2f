"""Grading single responses, and item analysis against values computed by hand."""

import math

import pytest
from classroom_support import choice, mini_bank, mini_deck

from classroom.analysis import Flag, ItemResponse, ScoredAttempt, analyse, correlation
from classroom.errors import AnswerRefused
from classroom.grading import answer_text, grade, read_response, response_text
from questions.grading import Verdict
from questions.model import Kind


def bank_item(kind: Kind, prompt_start: str, lang: str = "en"):
    return next(
        q
        for q in mini_bank().questions
        if q.kind is kind and q.lang == lang and q.prompt.startswith(prompt_start)
    )


def test_a_choice_is_marked_by_the_option_it_names_whatever_order_it_was_shown_in():
    item = choice("q-1", options=("wrong 1", "right", "wrong 2", "wrong 3"))
    shown_order = (3, 1, 0, 2)  # the student saw: wrong 3, right, wrong 1, wrong 2
    assert read_response(item, shown_order, 1) == 1
    assert grade(item, 1, None).correct
    assert read_response(item, shown_order, 0) == 3
    assert grade(item, 3, None) == grade(item, 0, None)
    assert grade(item, 3, None).fraction == 0.0 and grade(item, 3, None).verdict is Verdict.WRONG
    assert response_text(item, 3) == "wrong 3"


@pytest.mark.parametrize("forged", [-1, 4, 99, "1", 1.0, True, None, [1]])
def test_a_forged_option_is_refused(forged):
    item = choice("q-1")
    with pytest.raises(AnswerRefused, match="there is no option"):
        read_response(item, (0, 1, 2, 3), forged)


def test_true_false_reads_its_options_as_true_then_false():
    false_item = bank_item(Kind.TRUE_FALSE, "True or false? The talks opened at Dairen on 26 O")
    assert false_item.options == ("True", "False") and false_item.answer is False
    assert grade(false_item, 1, None).correct
    assert not grade(false_item, 0, None).correct
    assert answer_text(false_item) == "False"
    russian = bank_item(
        Kind.TRUE_FALSE, "Верно ли утверждение? Переговоры открылись в Дайрене 26 августа", "ru"
    )
    assert grade(russian, 0, None).correct and answer_text(russian) == "Верно"


def test_typed_and_cloze_answers_are_graded_against_the_deck():
    date = bank_item(Kind.TYPED, "On what date did the Dairen talks open?")
    assert grade(date, "26 August 1921", mini_deck()).correct
    assert grade(date, "26.08.1921", mini_deck()).correct
    assert grade(date, "21 August 1921", mini_deck()).verdict is Verdict.WRONG
    assert grade(date, "August 1921", mini_deck()).verdict is Verdict.PRECISION
    cloze = bank_item(Kind.CLOZE, "Fill in the blank with the date (day, month and year): The")
    assert grade(cloze, "26 August 1921", mini_deck()).correct
    assert grade(cloze, "26 July 1921", mini_deck()).verdict is Verdict.WRONG
    who = bank_item(Kind.TYPED, "In which port did the FER delegation demand")
    assert grade(who, "Dairen", mini_deck()).correct
    assert grade(who, "в Дайрене", mini_deck()).correct
    assert grade(who, "Japan", mini_deck()).verdict is Verdict.OTHER
    assert grade(who, "", mini_deck()).verdict is Verdict.EMPTY
    with pytest.raises(ValueError, match="typed and cloze items are graded against their deck"):
        grade(who, "Japan", None)


def test_a_typed_answer_is_tidied_and_bounded():
    typed = bank_item(Kind.TYPED, "On what date did the Dairen talks open?")
    assert read_response(typed, None, "  26   August\n1921 ") == "26 August 1921"
    with pytest.raises(AnswerRefused, match="at most 300 characters"):
        read_response(typed, None, "x" * 301)
    with pytest.raises(AnswerRefused, match="this question takes a typed answer"):
        read_response(typed, None, 2)


def marks(attempt_id, a, b, c, choice_a=None, answered_a=True):
    return ScoredAttempt(
        attempt_id,
        (
            ItemResponse("A", 1.0, a, choice_a, 4, answered_a),
            ItemResponse("B", 1.0, b, None),
            ItemResponse("C", 1.0, c, None),
        ),
    )


# Five attempts at three one-point items (1 = right):
#        A  B  C  total
#   1    1  1  1    3
#   2    1  1  0    2
#   3    1  0  0    1
#   4    0  1  0    1
#   5    1  0  1    2
# Facility: A 4/5, B 3/5, C 2/5.
# Discrimination = Pearson r of the item mark with the rest of the paper (total minus the item,
# out of 2):
#   A: rest = 1, .5, 0, .5, .5; deviations of A .2 .2 .2 -.8 .2, of rest .5 0 -.5 0 0;
#      sum of products .1 + 0 - .1 + 0 + 0 = 0, so r = 0.
#   B: rest = 1, .5, .5, 0, 1; deviations .4 .4 -.6 .4 -.6 and .4 -.1 -.1 -.6 .4;
#      Sxy = .16 - .04 + .06 - .24 - .24 = -.30, Sxx = 1.2, Syy = .70, r = -.30 / sqrt(.84).
#   C: rest = 1, 1, .5, .5, .5; deviations .6 -.4 -.4 -.4 .6 and .3 .3 -.2 -.2 -.2;
#      Sxy = .18 - .12 + .08 + .08 - .12 = .10, Sxx = 1.2, Syy = .30, r = .10 / .6 = 1/6.
CLASS = [
    marks(1, 1, 1, 1, choice_a=0),
    marks(2, 1, 1, 0, choice_a=0),
    marks(3, 1, 0, 0, choice_a=0),
    marks(4, 0, 1, 0, choice_a=None, answered_a=False),
    marks(5, 1, 0, 1, choice_a=0),
]


def test_item_analysis_matches_the_hand_computation():
    a, b, c = analyse(CLASS)
    assert [s.question_id for s in (a, b, c)] == ["A", "B", "C"]
    assert (a.facility, b.facility, c.facility) == (
        pytest.approx(0.8),
        pytest.approx(0.6),
        pytest.approx(0.4),
    )
    assert a.discrimination == pytest.approx(0.0, abs=1e-12)
    assert b.discrimination == pytest.approx(-0.30 / math.sqrt(0.84))
    assert c.discrimination == pytest.approx(1 / 6)
    assert a.option_counts == (4, 0, 0, 0) and a.unanswered == 1
    assert b.option_counts == () and b.unanswered == 0
    assert all(s.responses == 5 for s in (a, b, c))
    assert a.flags == (Flag.NOT_DISCRIMINATING,)


def test_distractor_counts_show_which_wrong_options_were_chosen():
    picks = [0, 0, 2, 2, 2, 3]
    attempts = [
        ScoredAttempt(n, (ItemResponse("A", 1.0, 1.0 if p == 0 else 0.0, p, 4),))
        for n, p in enumerate(picks)
    ]
    (stats,) = analyse(attempts)
    assert stats.option_counts == (2, 0, 3, 1)
    assert stats.facility == pytest.approx(2 / 6)
    assert stats.discrimination is None  # a one-item paper has no rest to compare with


def test_flags_for_too_easy_too_hard_and_discriminating_items():
    # Six students; X and Y rank them, E is right for all, H for none, D for the top three.
    rows = [
        (1, 1, 1, 0, 1),
        (1, 1, 1, 0, 1),
        (1, 0, 1, 0, 1),
        (0, 1, 1, 0, 0),
        (0, 0, 1, 0, 0),
        (0, 0, 1, 0, 0),
    ]
    attempts = [
        ScoredAttempt(
            n,
            tuple(
                ItemResponse(qid, 1.0, float(mark), None)
                for qid, mark in zip("XYEHD", row, strict=True)
            ),
        )
        for n, row in enumerate(rows)
    ]
    stats = {s.question_id: s for s in analyse(attempts)}
    assert stats["E"].facility == 1.0 and stats["E"].flags == (Flag.TOO_EASY,)
    assert stats["H"].facility == 0.0 and stats["H"].flags == (Flag.TOO_HARD,)
    assert stats["E"].discrimination is None and stats["H"].discrimination is None
    assert stats["D"].discrimination > 0.8 and stats["D"].flags == ()
    assert analyse(attempts[:4])[2].flags == ()  # under five answers, nothing is flagged


def test_points_weigh_the_score_and_the_rest_of_the_paper():
    attempt = ScoredAttempt(
        1, (ItemResponse("A", 2.0, 1.0, None), ItemResponse("B", 3.0, 0.0, None))
    )
    assert (attempt.score, attempt.max_score) == (2.0, 5.0)


def test_correlation_needs_two_pairs_and_spread():
    assert correlation([1.0], [1.0]) is None
    assert correlation([1.0, 1.0], [0.0, 1.0]) is None
    assert correlation([0.0, 1.0], [0.0, 1.0]) == pytest.approx(1.0)
    assert correlation([0.0, 1.0, 2.0], [2.0, 1.0, 0.0]) == pytest.approx(-1.0)
