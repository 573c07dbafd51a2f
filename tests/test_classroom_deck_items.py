"""Class results across a deck's quizzes, on SQLite and on PostgreSQL: the items flagged by
every closed quiz on the deck, pooled, and the Rasch difficulties of the deck's items."""

import math
import random
from dataclasses import replace
from datetime import timedelta

import pytest
from classroom_support import BACKENDS, MONDAY_NINE, database_url, decks, mini_bank

from classroom.analysis import Flag
from classroom.grading import answer_text
from classroom.report import HEURISTIC, RASCH, items_frame
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec
from questions.model import Kind, Question

T = MONDAY_NINE
SPEC = QuizSpec(
    title="Dairen",
    deck="mini",
    lang="en",
    count=7,
    kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.SOURCES_DIFFER),
    opens_at=T,
    closes_at=T + timedelta(hours=1),
    time_limit=timedelta(minutes=20),
    shuffle_questions=False,
)
AFTER = T + timedelta(hours=2)
"""The first two quizzes have closed and their grace run out; the third is still open."""


@pytest.fixture(params=BACKENDS)
def classroom(request, tmp_path):
    service = Classroom.open(database_url(request.param, tmp_path), decks)
    yield service
    service.close()


def wrongly_keyed(pool: list[Question]) -> Question:
    """The first four-option item: the simulated classes treat its key as a misconception."""
    return next(q for q in pool if len(q.options or ()) == 4)


def true_answer(question: Question) -> str:
    """What the students who know choose: the key, or, on the wrongly keyed item, the option
    after it."""
    options = question.options or ()
    key = options.index(answer_text(question))
    return options[(key + 1) % len(options)]


def take(classroom, quiz, rng: random.Random, students: range, hand_in: bool = True):
    """The class numbered `students` answering every item of the quiz: who knows an item (Rasch,
    by ability) chooses its true answer, who does not falls for the wrongly keyed item's key 60%
    of the time and otherwise guesses."""
    pool = list(classroom.pool(quiz.id))
    wrong = wrongly_keyed(pool)
    by_prompt = {q.prompt: q for q in pool}
    # each item keeps its difficulty from quiz to quiz
    difficulty = {q.id: random.Random(q.id).uniform(-1.5, 1.5) for q in pool} | {wrong.id: 0.0}
    for n in students:
        ability = rng.gauss(0, 1.5)
        joined = classroom.join(
            quiz.join_code, f"Student {quiz.id}-{n}", "", T + timedelta(minutes=1)
        )
        for item in joined.attempt.items:
            question = by_prompt[item.prompt]
            if rng.random() < 1 / (1 + math.exp(difficulty[question.id] - ability)):
                chosen = true_answer(question) if question is wrong else answer_text(question)
            elif question is wrong and rng.random() < 0.6:
                chosen = answer_text(question)
            else:
                chosen = rng.choice(item.options)
            classroom.answer(
                joined.resume_code,
                item.position,
                item.options.index(chosen),
                T + timedelta(minutes=2),
            )
        if hand_in:
            classroom.submit(joined.resume_code, T + timedelta(minutes=3))


def quizzes(classroom):
    pool = candidates(SPEC, mini_bank())
    made = [classroom.create_quiz(SPEC, pool, T - timedelta(days=1)) for _ in range(2)]
    later = replace(SPEC, title="Later", closes_at=T + timedelta(hours=5))
    return made, classroom.create_quiz(later, pool, T - timedelta(days=1)), pool


def test_the_closed_quizzes_on_a_deck_flag_a_wrong_key_with_pooled_figures(classroom):
    (first, second), later, pool = quizzes(classroom)
    rng = random.Random(0)
    take(classroom, first, rng, range(29))
    take(classroom, first, rng, range(29, 30), hand_in=False)  # time runs out: counts as is
    take(classroom, second, rng, range(30))
    take(classroom, later, rng, range(30))
    assert classroom.flagged("mini", T + timedelta(minutes=30)) == {}  # nothing is final yet
    flagged = classroom.flagged("mini", AFTER)
    wrong = wrongly_keyed(list(pool))
    item = flagged[wrong.id]
    assert Flag.LIKELY_WRONG_KEY in item.flags
    assert item.quizzes == 2 and item.stats.responses == 60  # the open quiz does not count
    assert sum(item.stats.option_counts) == 60
    options = wrong.options or ()
    assert item.stats.key == options.index(answer_text(wrong))
    assert item.stats.rival == options.index(true_answer(wrong))
    others = [q.id for q in pool if q.id != wrong.id]
    assert all(Flag.LIKELY_WRONG_KEY not in flagged[q].flags for q in others if q in flagged)
    assert all(f.flags for f in flagged.values())  # only flagged questions are returned


def test_rasch_difficulties_from_every_finished_attempt_on_the_deck(classroom):
    (first, second), later, pool = quizzes(classroom)
    rng = random.Random(1)
    for quiz in (first, second, later):
        take(classroom, quiz, rng, range(30))
    assert classroom.difficulties("other-deck", AFTER) == {}
    found = classroom.difficulties("mini", AFTER)
    assert set(found) <= {q.id for q in pool} and len(found) >= 5
    assert all(0.05 <= value <= 0.95 for value in found.values())
    # every paper has every item, so CML ranks items exactly by how often they were right
    results = [classroom.results(quiz.id, AFTER) for quiz in (first, second, later)]
    right = {
        question_id: sum(
            mark.fraction
            for r in results
            for a in r.attempts
            for mark in a.marks
            if mark.question_id == question_id
        )
        for question_id in found
    }
    for a in found:
        for b in found:
            if right[a] > right[b]:
                assert found[a] <= found[b]
    # the item analysis shows the estimate where there is one, else the bank's heuristic
    table = items_frame(results[0], found).set_index("id")
    for question in pool:
        rasch = question.id in found
        assert table.loc[question.id, "difficulty"] == (
            found[question.id] if rasch else question.difficulty
        )
        assert table.loc[question.id, "difficulty from"] == (RASCH if rasch else HEURISTIC)
