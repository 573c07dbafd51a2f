"""Taking quizzes: finding one by its join code, joining, answering, handing in, and the view
of an attempt its student may see.

Nothing the browser says is trusted. A student is known only by the resume code issued here
(its hash is stored); every answer is checked against the attempt's paper, the quiz's deadline
plus grace, and the attempt's state, then committed before `answer` returns. The views handed
to student pages carry no answer key until the review policy opens it.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from classroom import codes, grading, throttle
from classroom.analysis import ItemResponse
from classroom.backend import Backend
from classroom.errors import (
    AnswerRefused,
    AttemptNotFound,
    ClassroomError,
    NoAttemptsLeft,
    QuizNotOpen,
    WrongPassword,
)
from classroom.names import student_name
from classroom.queries import Queries
from classroom.rows import (
    ATTEMPTS,
    MAX_ID,
    SUBMITTED,
    AttemptRow,
    attempt_by_code,
    finish,
    load_pool,
    option_order,
    paper_questions,
    papers,
    quiz_by_code,
    shown_utc,
    spec_of,
    valid_id,
)
from classroom.schema import attempt_items, attempts, quizzes, responses
from classroom.selection import arrange
from classroom.spec import MAX_QUESTIONS, QuizSpec
from classroom.timing import (
    QuizState,
    accepts_answers,
    cutoff,
    deadline,
    quiz_state,
    review_from,
    review_open,
    score_open,
)
from classroom.views import (
    AttemptStatus,
    AttemptView,
    ItemReview,
    ItemView,
    Joined,
    QuizInfo,
    Saved,
)
from questions.model import Question
from study.database import AnyRow, inserted_id


class Attempts:
    """The students' side of the service; `queries` tells a review which facts other
    closed-book quizzes still keep back."""

    def __init__(self, backend: Backend, queries: Queries) -> None:
        self.backend = backend
        self.queries = queries

    def find_quiz(self, join_code: str, now: datetime) -> QuizInfo:
        """What a student sees before joining: title, size, times, whether a password is needed."""
        with self.backend.engine.connect() as connection:
            row = quiz_by_code(connection, join_code)
        spec = spec_of(row.spec)
        return QuizInfo(
            title=spec.title,
            lang=spec.lang,
            questions=spec.count,
            state=quiz_state(spec, now),
            opens_at=spec.opens_at,
            closes_at=spec.closes_at,
            time_limit=spec.time_limit,
            attempts=spec.attempts,
            needs_password=spec.password is not None,
            review=spec.review,
        )

    def join(
        self, join_code: str, name: str, password: str, now: datetime, client: str | None = None
    ) -> Joined:
        """Start an attempt for `name` if the quiz is open, the password right and an attempt left.

        A name never reopens a running attempt: that takes its resume code, so a classmate
        typing the same name cannot take over someone's paper. Names are compared by
        `name_key`, so a look-alike spelling is the same student, not a fresh attempt.
        `client` is the address the request came from (None: unknown): joins and wrong quiz
        passwords are counted per address in the database (`classroom.throttle`), and past
        the limits a join is refused with Throttled before the password is even looked at.
        """
        name, key = student_name(name)
        password = password if isinstance(password, str) else ""
        code = codes.new_resume_code()
        refusal: ClassroomError | None = None
        try:
            with self.backend.writing() as connection:
                throttle.admit_join(connection, client, now)
                try:
                    self._start(connection, join_code, name, key, password, code, now, client)
                except ClassroomError as error:
                    refusal = error  # raised once the count of this join is committed
        except IntegrityError:
            raise NoAttemptsLeft(
                f"{name} joined twice at the same moment: continue with the first resume code",
                key="joined_twice",
                name=name,
            ) from None
        if refusal is not None:
            raise refusal
        return Joined(codes.shown_code(code), self.attempt(code, now))

    def _start(
        self,
        connection: Connection,
        join_code: str,
        name: str,
        key: str,
        password: str,
        code: str,
        now: datetime,
        client: str | None,
    ) -> None:
        """The checks and writes of `join`, inside its transaction. A refusal raised here is
        committed with what it records (the join, a wrong password), and nothing else is
        written before it."""
        row = quiz_by_code(connection, join_code)
        spec = spec_of(row.spec)
        _check_open(spec, now)
        if spec.password is not None:
            throttle.guard(connection, throttle.QUIZ_PASSWORD, client, now, row.id)
            if not hmac.compare_digest(password.encode("utf-8"), spec.password.encode("utf-8")):
                throttle.failed(connection, throttle.QUIZ_PASSWORD, client, now, row.id)
                raise WrongPassword("the quiz password is wrong: ask your teacher for it")
            throttle.succeeded(connection, throttle.QUIZ_PASSWORD, client, row.id)
        earlier = [
            finish(connection, spec, AttemptRow.of(a), now)
            for a in connection.execute(
                ATTEMPTS.where(attempts.c.quiz_id == row.id, attempts.c.student_key == key)
            )
        ]
        if any(a.finished_at is None for a in earlier):
            raise NoAttemptsLeft(
                f"{name} already has an attempt in progress: continue it with its resume"
                " code, or ask your teacher for a new code",
                key="in_progress",
                name=name,
            )
        if len(earlier) >= spec.attempts:
            plural = "s" if spec.attempts > 1 else ""
            raise NoAttemptsLeft(
                f"{name} has used the {spec.attempts} attempt{plural} this quiz allows",
                key="attempts_used",
                name=name,
                n=spec.attempts,
            )
        number = len(earlier) + 1
        seen = _seen(connection, key, row.deck)
        paper = arrange(spec, load_pool(connection, row.id), key, number, seen)
        attempt_id = inserted_id(
            connection.execute(
                insert(attempts).values(
                    quiz_id=row.id,
                    student=name,
                    student_key=key,
                    number=number,
                    token_hash=codes.code_hash(code),
                    started_at=now,
                )
            )
        )
        connection.execute(
            insert(attempt_items),
            [
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "question_id": item.question.id,
                    "option_order": None
                    if item.option_order is None
                    else json.dumps(list(item.option_order)),
                    "points": item.points,
                }
                for position, item in enumerate(paper)
            ],
        )

    def attempt_running(self, resume_code: str, now: datetime) -> bool:
        """Whether the attempt behind a resume code still takes answers at `now` (an unknown
        code is simply not running): the app then shows its student nothing but the quiz."""
        try:
            with self.backend.engine.connect() as connection:
                attempt, spec = attempt_by_code(connection, resume_code)
        except AttemptNotFound:
            return False
        return attempt.finished_at is None and accepts_answers(spec, attempt.started_at, now)

    def reissue_code(self, attempt_id: int) -> str:
        """A new resume code for a student who lost theirs; the old one stops working."""
        if not valid_id(attempt_id):
            raise AttemptNotFound(f"there is no attempt number {attempt_id!r}")
        code = codes.new_resume_code()
        with self.backend.writing() as connection:
            changed = connection.execute(
                update(attempts)
                .where(attempts.c.id == attempt_id)
                .values(token_hash=codes.code_hash(code))
            ).rowcount
        if not changed:
            raise AttemptNotFound(f"there is no attempt number {attempt_id}")
        return codes.shown_code(code)

    def attempt(self, resume_code: str, now: datetime) -> AttemptView:
        """The attempt behind a resume code, as its student may see it at `now`."""
        with self.backend.engine.connect() as connection:
            attempt, spec = attempt_by_code(connection, resume_code)
        attempt = self.backend.finish_if_overdue(spec, attempt, now)
        with self.backend.engine.connect() as connection:
            paper = papers(connection, [attempt.id]).get(attempt.id, [])
            questions = paper_questions(connection, attempt.quiz_id, paper)
        held: frozenset[str] = frozenset()
        if attempt.finished_at is not None and score_open(spec, now):
            held = self.queries.closed_book_facts(attempt.deck, now, besides=attempt.quiz_id)
        return self._view(spec, attempt, paper, questions, now, held)

    def answer(self, resume_code: str, position: int, given: object, now: datetime) -> Saved:
        """Save one answer, committed before returning. `position` counts from 0 in the
        student's paper; `given` is the index of the option in the order shown, or the text."""
        _check_position(position)
        refusal: AnswerRefused
        with self.backend.writing() as connection:
            attempt, spec = attempt_by_code(connection, resume_code, lock=True)
            if attempt.finished_at is not None:
                refusal = AnswerRefused(
                    f"this attempt was handed in at {shown_utc(attempt.finished_at)}; answers can"
                    " no longer change",
                    key="handed_in",
                    time=attempt.finished_at,
                )
            elif not accepts_answers(spec, attempt.started_at, now):
                finish(connection, spec, attempt, now)
                last = cutoff(spec, attempt.started_at)
                assert last is not None
                refusal = AnswerRefused(
                    f"time is up: answers were accepted until {shown_utc(last)}, and this one came"
                    f" at {shown_utc(now)}; it was not saved",
                    key="time_up",
                    time=last,
                )
            else:
                return self._save(connection, attempt, position, given, now)
        raise refusal

    def submit(self, resume_code: str, now: datetime) -> AttemptView:
        """Hand the attempt in. After the cutoff it is closed as of the cutoff instead."""
        with self.backend.writing() as connection:
            attempt, spec = attempt_by_code(connection, resume_code, lock=True)
            if attempt.finished_at is None and accepts_answers(spec, attempt.started_at, now):
                connection.execute(
                    update(attempts)
                    .where(attempts.c.id == attempt.id)
                    .values(finished_at=now, finish_reason=SUBMITTED)
                )
        return self.attempt(resume_code, now)

    # Internals

    def _save(
        self,
        connection: Connection,
        attempt: AttemptRow,
        position: int,
        given: object,
        now: datetime,
    ) -> Saved:
        item = connection.execute(
            select(attempt_items).where(
                attempt_items.c.attempt_id == attempt.id, attempt_items.c.position == position
            )
        ).first()
        if item is None:
            raise _no_question(position)
        question = paper_questions(connection, attempt.quiz_id, [item])[item.question_id]
        response = grading.read_response(question, option_order(item), given)
        fraction, verdict = self.backend.grade(attempt.deck, question, response)
        values = {
            "response": json.dumps(response, ensure_ascii=False),
            "fraction": fraction,
            "verdict": verdict,
            "saved_at": now,
        }
        key = and_(responses.c.attempt_id == attempt.id, responses.c.position == position)
        revision = connection.execute(select(responses.c.revision).where(key)).scalar()
        if revision is None:
            revision = 1
            connection.execute(
                insert(responses).values(
                    attempt_id=attempt.id, position=position, revision=revision, **values
                )
            )
        else:
            revision += 1
            connection.execute(update(responses).where(key).values(revision=revision, **values))
        return Saved(position, now, revision)

    def _view(
        self,
        spec: QuizSpec,
        attempt: AttemptRow,
        paper: Sequence[AnyRow],
        questions: dict[str, Question],
        now: datetime,
        held: frozenset[str] = frozenset(),
    ) -> AttemptView:
        """What the student may see; `held` are facts a running closed-book quiz keeps back,
        whose answers the review leaves out: a paper with one of them shows no score either,
        since a score tells which answers were right."""
        items = []
        for item in paper:
            question = questions[item.question_id]
            order = option_order(item)
            response = None if item.response is None else json.loads(item.response)
            options = None
            if question.options is not None and order is not None:
                options = tuple(question.options[i] for i in order)
                if response is not None:
                    response = order.index(response)
            items.append(
                ItemView(
                    position=item.position,
                    kind=question.kind,
                    prompt=question.prompt,
                    options=options,
                    points=item.points,
                    response=response,
                    saved_at=item.saved_at,
                )
            )
        finished = attempt.status is not AttemptStatus.IN_PROGRESS
        on_held = any(held & set(questions[item.question_id].fact_ids) for item in paper)
        scored = finished and score_open(spec, now) and not on_held
        shown = finished and review_open(spec, now)
        marks = self.backend.marks(attempt.deck, questions, paper)[0] if scored or shown else []
        review = None
        if shown:
            review = tuple(
                _review(questions[item.question_id], item, mark, held)
                for item, mark in zip(paper, marks, strict=True)
            )
        return AttemptView(
            quiz_title=attempt.title,
            lang=spec.lang,
            student=attempt.student,
            number=attempt.number,
            attempts_allowed=spec.attempts,
            status=attempt.status,
            started_at=attempt.started_at,
            deadline=deadline(spec, attempt.started_at),
            finished_at=attempt.finished_at,
            items=tuple(items),
            score=sum(mark.earned for mark in marks) if scored else None,
            max_score=sum(item.points for item in paper),
            review=review,
            review_policy=spec.review,
            review_from=review_from(spec),
        )


def _review(
    question: Question, item: AnyRow, mark: ItemResponse, held: frozenset[str]
) -> ItemReview:
    response = None if item.response is None else json.loads(item.response)
    if held & set(question.fact_ids):
        return ItemReview(
            position=item.position,
            prompt=question.prompt,
            your_answer=grading.response_text(question, response),
            right_answer="",
            fraction=None,
            explanation="",
            dispute=None,
            sources=(),
            held=True,
        )
    return ItemReview(
        position=item.position,
        prompt=question.prompt,
        your_answer=grading.response_text(question, response),
        right_answer=grading.answer_text(question),
        fraction=mark.fraction,
        explanation=question.explanation,
        dispute=question.dispute,
        sources=question.sources,
    )


def _check_position(position: object) -> None:
    """Refuse a position no paper can have before it reaches a query (a forged 2**63 would
    overflow the database's integers)."""
    if isinstance(position, bool) or not isinstance(position, int):
        raise AnswerRefused(
            f"there is no question {position!r} in this attempt", key="no_question", number="?"
        )
    if not 0 <= position < MAX_QUESTIONS:
        raise _no_question(position)


def _no_question(position: int) -> AnswerRefused:
    shown = position + 1 if -MAX_ID <= position <= MAX_ID else "?"
    return AnswerRefused(
        f"there is no question {shown} in this attempt", key="no_question", number=shown
    )


def _check_open(spec: QuizSpec, now: datetime) -> None:
    state = quiz_state(spec, now)
    if state is QuizState.NOT_OPEN:
        assert spec.opens_at is not None
        raise QuizNotOpen(
            f"this quiz opens at {shown_utc(spec.opens_at)}: come back then",
            key="not_open_yet",
            time=spec.opens_at,
        )
    if state is QuizState.CLOSED:
        assert spec.closes_at is not None
        raise QuizNotOpen(
            f"this quiz closed at {shown_utc(spec.closes_at)}", key="closed", time=spec.closes_at
        )


def _seen(connection: Connection, student_key: str, deck: str) -> frozenset[str]:
    """Questions this student met in earlier attempts at any quiz on the same deck."""
    rows = connection.execute(
        select(attempt_items.c.question_id)
        .join(attempts, attempts.c.id == attempt_items.c.attempt_id)
        .join(quizzes, quizzes.c.id == attempts.c.quiz_id)
        .where(attempts.c.student_key == student_key, quizzes.c.deck == deck)
    ).scalars()
    return frozenset(rows)
