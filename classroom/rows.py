"""Reading the classroom's rows: quizzes, attempts, pools and papers, as every part of the
service needs them.

Quizzes, attempts and queries (`classroom.quizzes`, `classroom.attempts`, `classroom.queries`)
all look rows up the same way and refuse an unknown number or code the same way, so those
look-ups live here once. A stored spec or question is parsed once per text (`spec_of`,
`question_of`): a stored text never changes meaning.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Connection, and_, func, select, update

from classroom import codes, snapshot
from classroom.errors import AttemptNotFound, QuizNotFound
from classroom.schema import attempt_items, attempts, pool, quizzes, responses
from classroom.spec import QuizSpec
from classroom.timing import accepts_answers, cutoff
from classroom.views import AttemptStatus, Quiz
from questions.model import Question
from study.database import AnyRow

MAX_ID = 2**31 - 1
"""Row numbers fit a 32-bit integer on every backend; a larger one names nothing."""
SUBMITTED, TIME = "submitted", "time"
"""Why an attempt finished: its student handed it in, or its time ran out."""


@dataclass(frozen=True)
class AttemptRow:
    """An attempt with the deck and title of its quiz."""

    id: int
    quiz_id: int
    deck: str
    title: str
    student: str
    number: int
    started_at: datetime
    finished_at: datetime | None
    finish_reason: str | None

    @classmethod
    def of(cls, row: AnyRow) -> AttemptRow:
        return cls(
            row.id,
            row.quiz_id,
            row.deck,
            row.title,
            row.student,
            row.number,
            row.started_at,
            row.finished_at,
            row.finish_reason,
        )

    @property
    def status(self) -> AttemptStatus:
        if self.finished_at is None:
            return AttemptStatus.IN_PROGRESS
        if self.finish_reason == SUBMITTED:
            return AttemptStatus.SUBMITTED
        return AttemptStatus.TIMED_OUT


ATTEMPTS = select(attempts, quizzes.c.deck, quizzes.c.title, quizzes.c.spec).join(
    quizzes, quizzes.c.id == attempts.c.quiz_id
)
"""Attempts joined with their quiz, as `AttemptRow.of` reads them."""


@lru_cache(maxsize=4096)
def spec_of(text: str) -> QuizSpec:
    return QuizSpec.from_yaml(text)


@lru_cache(maxsize=4096)
def question_of(text: str) -> Question:
    return snapshot.load(text)


def shown_utc(moment: datetime) -> str:
    """A moment as the English refusals word it (pages use the keyed values instead)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def valid_id(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and 0 < number <= MAX_ID


def quiz_row(connection: Connection, quiz_id: int, lock: bool = False) -> AnyRow:
    if not valid_id(quiz_id):
        raise QuizNotFound(f"there is no quiz number {quiz_id!r}")
    query = select(quizzes).where(quizzes.c.id == quiz_id)
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise QuizNotFound(f"there is no quiz number {quiz_id}")
    return row


def quiz_view(connection: Connection, quiz_id: int) -> Quiz:
    """A quiz as teacher pages see it: its spec, the size of its pool, the attempts started."""
    row = quiz_row(connection, quiz_id)
    size = connection.execute(
        select(func.count()).select_from(pool).where(pool.c.quiz_id == quiz_id)
    ).scalar_one()
    return Quiz(
        row.id,
        row.join_code,
        spec_of(row.spec),
        row.created_at,
        row.updated_at,
        size,
        started(connection, quiz_id),
    )


def started(connection: Connection, quiz_id: int) -> int:
    """How many attempts at the quiz have started."""
    return connection.execute(
        select(func.count()).select_from(attempts).where(attempts.c.quiz_id == quiz_id)
    ).scalar_one()


def quiz_by_code(connection: Connection, join_code: str) -> AnyRow:
    row = None
    if codes.well_formed(join_code, codes.JOIN_CODE_LENGTH):
        code = codes.normalize_code(join_code)
        row = connection.execute(select(quizzes).where(quizzes.c.join_code == code)).first()
    if row is None:
        raise QuizNotFound(
            "no quiz has this join code: check it against the one your teacher gave",
            key="no_join_code",
        )
    return row


def attempt_by_code(
    connection: Connection, resume_code: str, lock: bool = False
) -> tuple[AttemptRow, QuizSpec]:
    row = None
    if codes.well_formed(resume_code, codes.RESUME_CODE_LENGTH):
        query = ATTEMPTS.where(attempts.c.token_hash == codes.code_hash(resume_code))
        row = connection.execute(query.with_for_update(of=attempts) if lock else query).first()
    if row is None:
        raise AttemptNotFound(
            "no attempt has this resume code: check it, or join the quiz with its join code",
            key="no_resume_code",
        )
    return AttemptRow.of(row), spec_of(row.spec)


def finish(
    connection: Connection, spec: QuizSpec, attempt: AttemptRow, now: datetime
) -> AttemptRow:
    """Close an attempt whose cutoff has passed, as of that cutoff; returns it as it now is."""
    if attempt.finished_at is not None or accepts_answers(spec, attempt.started_at, now):
        return attempt
    last = cutoff(spec, attempt.started_at)
    connection.execute(
        update(attempts)
        .where(attempts.c.id == attempt.id, attempts.c.finished_at.is_(None))
        .values(finished_at=last, finish_reason=TIME)
    )
    return replace(attempt, finished_at=last, finish_reason=TIME)


def load_pool(connection: Connection, quiz_id: int) -> tuple[Question, ...]:
    rows = connection.execute(
        select(pool.c.question).where(pool.c.quiz_id == quiz_id).order_by(pool.c.position)
    ).scalars()
    return tuple(question_of(text) for text in rows)


def paper_questions(
    connection: Connection, quiz_id: int, paper: Sequence[AnyRow]
) -> dict[str, Question]:
    ids = sorted({item.question_id for item in paper})
    rows = connection.execute(
        select(pool.c.question).where(pool.c.quiz_id == quiz_id, pool.c.question_id.in_(ids))
    ).scalars()
    return {q.id: q for q in (question_of(text) for text in rows)}


def papers(connection: Connection, attempt_ids: Sequence[int]) -> dict[int, list[AnyRow]]:
    """Each attempt's items in paper order, joined with the saved response (if any)."""
    found: dict[int, list[AnyRow]] = {}
    if not attempt_ids:
        return found
    query = (
        select(
            attempt_items.c.attempt_id,
            attempt_items.c.position,
            attempt_items.c.question_id,
            attempt_items.c.option_order,
            attempt_items.c.points,
            responses.c.response,
            responses.c.fraction,
            responses.c.saved_at,
        )
        .select_from(
            attempt_items.outerjoin(
                responses,
                and_(
                    responses.c.attempt_id == attempt_items.c.attempt_id,
                    responses.c.position == attempt_items.c.position,
                ),
            )
        )
        .where(attempt_items.c.attempt_id.in_(list(attempt_ids)))
        .order_by(attempt_items.c.attempt_id, attempt_items.c.position)
    )
    for row in connection.execute(query):
        found.setdefault(row.attempt_id, []).append(row)
    return found


def option_order(item: AnyRow) -> tuple[int, ...] | None:
    """Shown position -> option index, as the paper item stored it (None: no options)."""
    return None if item.option_order is None else tuple(json.loads(item.option_order))
