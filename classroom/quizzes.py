"""Setting quizzes: create, change, close and list them, each with its stored copy of its pool.

A quiz keeps a copy of the questions it draws from (`pool`), so editing the deck later never
changes a paper a student holds; once the first student has joined, only what does not alter
papers may change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from classroom import codes, snapshot
from classroom.backend import Backend
from classroom.errors import ClassroomError, QuizLocked, SpecError, SpecProblem
from classroom.rows import load_pool, quiz_row, quiz_view, spec_of, started
from classroom.schema import attempts, pool, quizzes
from classroom.spec import QUIZ_KINDS, QuizSpec
from classroom.timing import accepts_answers, quiz_state
from classroom.views import Quiz, QuizSummary
from questions.model import Question
from study.database import inserted_id

PAPER_FIELDS = (
    "deck",
    "lang",
    "count",
    "topics",
    "kinds",
    "selection",
    "seed",
    "shuffle_questions",
    "shuffle_options",
    "points",
    "question_points",
)
"""What students' papers are made of: fixed once the first student has joined."""
POOL_FIELDS = ("deck", "lang", "topics", "kinds")
"""What the pool is drawn from the bank by: changing one needs a new pool."""


class Quizzes:
    """The teacher's side of the service: quizzes and their pools."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def create(self, spec: QuizSpec, questions: Sequence[Question], now: datetime) -> Quiz:
        """Store a new quiz with a copy of its pool (see `selection.candidates`)."""
        check_pool(spec, questions)
        for _ in range(5):
            code = codes.new_join_code()
            try:
                with self.backend.writing() as connection:
                    quiz_id = inserted_id(
                        connection.execute(
                            insert(quizzes).values(
                                join_code=code,
                                title=spec.title,
                                deck=spec.deck,
                                spec=spec.to_yaml(),
                                created_at=now,
                                updated_at=now,
                            )
                        )
                    )
                    store_pool(connection, quiz_id, questions)
            except IntegrityError:
                continue
            return self.quiz(quiz_id)
        raise ClassroomError("no free join code was found in five tries; create the quiz again")

    def update(
        self,
        quiz_id: int,
        spec: QuizSpec,
        questions: Sequence[Question] | None,
        now: datetime,
    ) -> Quiz:
        """Change a quiz; `questions` is its new pool, or None to keep the pool it has.

        Once a student has joined, only what does not alter papers may change: title, times,
        grace, attempts, password and review policy; the pool given is then ignored.
        """
        with self.backend.writing() as connection:
            row = quiz_row(connection, quiz_id, lock=True)
            old = spec_of(row.spec)
            changed = [name for name in PAPER_FIELDS if getattr(old, name) != getattr(spec, name)]
            count = started(connection, quiz_id)
            if count and changed:
                raise QuizLocked(
                    f"{count} attempt{'s have' if count > 1 else ' has'} started, so the"
                    f" questions and points are fixed (changed: {', '.join(changed)});"
                    " set a new quiz instead",
                    key="quiz_locked",
                    n=count,
                    changed=", ".join(changed),
                )
            if not count and questions is not None:
                check_pool(spec, questions)
                connection.execute(delete(pool).where(pool.c.quiz_id == quiz_id))
                store_pool(connection, quiz_id, questions)
            elif any(getattr(old, name) != getattr(spec, name) for name in POOL_FIELDS):
                raise SpecError(
                    [
                        SpecProblem(
                            "the pool changes with these settings",
                            "give the new pool",
                            "spec.pool_changes",
                        )
                    ]
                )
            else:
                check_pool(spec, load_pool(connection, quiz_id))
            connection.execute(
                update(quizzes)
                .where(quizzes.c.id == quiz_id)
                .values(title=spec.title, spec=spec.to_yaml(), updated_at=now)
            )
        return self.quiz(quiz_id)

    def close_now(self, quiz_id: int, now: datetime) -> Quiz:
        """Close the quiz at `now`: no one may join; attempts stop at close plus grace."""
        spec = self.quiz(quiz_id).spec
        opens = spec.opens_at if spec.opens_at is not None and spec.opens_at < now else None
        return self.update(quiz_id, replace(spec, opens_at=opens, closes_at=now), None, now)

    def quiz(self, quiz_id: int) -> Quiz:
        with self.backend.engine.connect() as connection:
            return quiz_view(connection, quiz_id)

    def summaries(self, now: datetime) -> list[QuizSummary]:
        """Every quiz, newest first, with its state and how many attempts run and are done."""
        with self.backend.engine.connect() as connection:
            rows = connection.execute(select(quizzes).order_by(quizzes.c.id.desc())).all()
            specs = {row.id: spec_of(row.spec) for row in rows}
            counts: dict[int, list[int]] = {row.id: [0, 0] for row in rows}
            for attempt in connection.execute(
                select(attempts.c.quiz_id, attempts.c.started_at, attempts.c.finished_at)
            ):
                running = attempt.finished_at is None and accepts_answers(
                    specs[attempt.quiz_id], attempt.started_at, now
                )
                counts[attempt.quiz_id][0 if running else 1] += 1
        return [
            QuizSummary(
                row.id,
                row.title,
                row.join_code,
                row.deck,
                quiz_state(specs[row.id], now),
                *counts[row.id],
            )
            for row in rows
        ]

    def pool(self, quiz_id: int) -> tuple[Question, ...]:
        """The quiz's copy of its questions, answers included: for teacher pages only."""
        with self.backend.engine.connect() as connection:
            quiz_row(connection, quiz_id)
            return load_pool(connection, quiz_id)


def check_pool(spec: QuizSpec, questions: Sequence[Question]) -> None:
    """Refuse a pool the spec cannot draw its papers from, naming every reason."""
    problems = []
    if len(questions) < spec.count:
        problems.append(
            SpecProblem(
                f"the quiz asks for {spec.count} questions but only {len(questions)} are given",
                "",
                "spec.pool_too_small",
                (("count", spec.count), ("found", len(questions))),
                "questions",
            )
        )
    ids = {q.id for q in questions}
    if len(ids) != len(questions):
        problems.append(SpecProblem("the same question is given twice", "", "spec.pool_repeats"))
    for question in questions:
        if question.kind not in QUIZ_KINDS or question.lang != spec.lang:
            problems.append(
                SpecProblem(
                    f"question {question.id} ({question.kind}, {question.lang})"
                    " does not fit the quiz",
                    "",
                    "spec.pool_misfit",
                    (
                        ("question", question.id),
                        ("kind", question.kind),
                        ("language", question.lang),
                    ),
                )
            )
            break
    for question_id, _ in spec.question_points:
        if question_id not in ids:
            problems.append(
                SpecProblem(
                    f"question_points names {question_id}, which is not in this quiz",
                    "",
                    "spec.points_not_in_pool",
                    (("question", question_id),),
                    "question_points",
                )
            )
    if problems:
        raise SpecError(problems)


def store_pool(connection: Connection, quiz_id: int, questions: Sequence[Question]) -> None:
    connection.execute(
        insert(pool),
        [
            {
                "quiz_id": quiz_id,
                "question_id": question.id,
                "position": position,
                "question": snapshot.dump(question),
            }
            for position, question in enumerate(questions)
        ],
    )
