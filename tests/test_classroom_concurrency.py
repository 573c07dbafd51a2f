"""A whole class at once: 50 students join and answer in parallel threads through the service,
and every acknowledged answer is in the database exactly once, with its last value."""

import json
import threading
from datetime import timedelta

import pytest
from classroom_support import BACKENDS, MONDAY_NINE, choice, database_url
from sqlalchemy import select

from classroom.schema import attempt_items, attempts, responses
from classroom.service import Classroom
from classroom.spec import QuizSpec
from classroom.views import AttemptStatus

STUDENTS = 50
QUESTIONS = 8
CHANGES = 2
"""Each student answers every question, then changes two answers: updates race inserts too."""


@pytest.mark.parametrize("backend", BACKENDS)
def test_fifty_students_answering_at_once_lose_and_duplicate_nothing(backend, tmp_path):
    url = database_url(backend, tmp_path)
    setup = Classroom.open(url)
    spec = QuizSpec(
        title="Everyone at once",
        deck="mini",
        lang="en",
        count=QUESTIONS,
        kinds=("multiple_choice",),
        time_limit=timedelta(minutes=30),
    )
    pool = [choice(f"q-{n:02d}") for n in range(QUESTIONS)]
    quiz = setup.create_quiz(spec, pool, MONDAY_NINE)
    setup.close()

    classroom = Classroom.open(url)  # one service shared by all threads, as in the app
    start = threading.Barrier(STUDENTS)
    acknowledged: dict[str, dict[int, tuple[int, int]]] = {}
    failures: list[BaseException] = []

    def student(n: int) -> None:
        try:
            name = f"Student {n:02d}"
            start.wait(timeout=60)
            joined = classroom.join(quiz.join_code, name, "", MONDAY_NINE)
            mine: dict[int, tuple[int, int]] = {}
            for position in range(QUESTIONS):
                chosen = (n + position) % 4
                saved = classroom.answer(
                    joined.resume_code, position, chosen, MONDAY_NINE + timedelta(seconds=position)
                )
                mine[position] = (chosen, saved.revision)
            for position in range(CHANGES):
                chosen = (mine[position][0] + 1) % 4
                saved = classroom.answer(
                    joined.resume_code, position, chosen, MONDAY_NINE + timedelta(minutes=1)
                )
                mine[position] = (chosen, saved.revision)
            classroom.submit(joined.resume_code, MONDAY_NINE + timedelta(minutes=2))
            acknowledged[name] = mine
        except BaseException as error:  # reported below with the thread's name
            failures.append(error)

    threads = [threading.Thread(target=student, args=(n,)) for n in range(STUDENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    try:
        assert not failures, failures[:3]
        assert len(acknowledged) == STUDENTS
        results = classroom.results(quiz.id, MONDAY_NINE + timedelta(minutes=3))
        with classroom.engine.connect() as connection:
            rows = connection.execute(
                select(
                    attempts.c.student,
                    responses.c.position,
                    responses.c.response,
                    responses.c.revision,
                    attempt_items.c.option_order,
                )
                .join(attempts, attempts.c.id == responses.c.attempt_id)
                .join(
                    attempt_items,
                    (attempt_items.c.attempt_id == responses.c.attempt_id)
                    & (attempt_items.c.position == responses.c.position),
                )
            ).all()
    finally:
        classroom.close()
    assert len(rows) == STUDENTS * QUESTIONS
    assert len({(r.student, r.position) for r in rows}) == STUDENTS * QUESTIONS
    for row in rows:
        chosen, revision = acknowledged[row.student][row.position]
        assert row.revision == revision == (2 if row.position < CHANGES else 1)
        # The stored response is the last option chosen, mapped to the question's own order.
        assert int(row.response) == json.loads(row.option_order)[chosen]
    assert all(a.status is AttemptStatus.SUBMITTED for a in results.attempts)
    assert sum(a.answered for a in results.attempts) == STUDENTS * QUESTIONS
    assert len(results.attempts) == STUDENTS
