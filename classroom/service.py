"""The classroom service: quizzes, attempts and answers in the database, on the server's clock.

Nothing the browser says is trusted. A student is known only by the resume code the service
issued (its hash is stored); every answer is checked against the attempt's paper, the quiz's
deadline plus grace, and the attempt's state, then committed before `answer` returns. The views
handed to student pages carry no answer key until the review policy opens it.

Thread-safe: each call takes its own pooled connection, and writes run in `study.database.writing`
(BEGIN IMMEDIATE on SQLite; rows locked FOR UPDATE on PostgreSQL).
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Connection, Engine, Row, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from classroom import codes, grading, snapshot, throttle
from classroom.analysis import ItemResponse, ScoredAttempt, analyse
from classroom.closed_book import same_topics
from classroom.database import migrate
from classroom.errors import (
    AnswerRefused,
    AttemptNotFound,
    ClassroomError,
    DatabaseBusy,
    NameRefused,
    NoAttemptsLeft,
    QuizLocked,
    QuizNotFound,
    QuizNotOpen,
    SpecError,
    WrongPassword,
)
from classroom.names import name_key
from classroom.schema import attempt_items, attempts, pool, quizzes, responses
from classroom.selection import arrange
from classroom.spec import MAX_QUESTIONS, QUIZ_KINDS, QuizSpec
from classroom.teacher import password_matches
from classroom.timing import (
    QuizState,
    accepts_answers,
    book_closed,
    cutoff,
    deadline,
    quiz_state,
    review_from,
    review_open,
    score_open,
)
from classroom.views import (
    AttemptResult,
    AttemptStatus,
    AttemptView,
    ItemReview,
    ItemView,
    Joined,
    Quiz,
    QuizInfo,
    QuizResults,
    QuizSummary,
    Saved,
)
from decks.model import Deck
from questions.model import Question
from study.database import BUSY, connect, writing
from study.errors import DatabaseBusy as StudyDatabaseBusy
from study.location import database_url

MAX_NAME = 80
MAX_ID = 2**31 - 1
"""Row numbers fit a 32-bit integer on every backend; a larger one names nothing."""
MAX_KEY = 320
"""The longest `name_key` stored: compatibility forms can spell a short name out long."""
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

_SUBMITTED, _TIME = "submitted", "time"


@dataclass(frozen=True)
class _Attempt:
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
    def of(cls, row: Row) -> _Attempt:
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
        if self.finish_reason == _SUBMITTED:
            return AttemptStatus.SUBMITTED
        return AttemptStatus.TIMED_OUT


_ATTEMPTS = select(attempts, quizzes.c.deck, quizzes.c.title, quizzes.c.spec).join(
    quizzes, quizzes.c.id == attempts.c.quiz_id
)


@lru_cache(maxsize=4096)
def _spec(text: str) -> QuizSpec:
    return QuizSpec.from_yaml(text)


@lru_cache(maxsize=4096)
def _question(text: str) -> Question:
    return snapshot.load(text)


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


class Classroom:
    """One classroom database (the Factdeck database). `decks` finds a deck by id for grading
    typed answers; without it, or when the deck cannot be loaded, typed answers are still saved
    and are graded when it can."""

    def __init__(self, engine: Engine, decks: Callable[[str], Deck] | None = None) -> None:
        self.engine = engine
        self.decks = decks
        # SQLite has one writer at a time; queueing writers here, instead of in SQLite's
        # busy handler (which sleeps and retries), keeps a class answering at once in order.
        self._write_turn = threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        # A question id is a hash of its facts (among other things), so the facts found for an
        # id never change: learner pages ask for them on every run without reading the pool.
        self._facts_of: dict[str, tuple[str, ...]] = {}

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction, committed at the end; a database too busy to take it is a
        `DatabaseBusy` (nothing was written) rather than a crash."""
        try:
            with self._write_turn, writing(self.engine) as connection:
                yield connection
        except StudyDatabaseBusy:
            raise DatabaseBusy(BUSY) from None
        except OperationalError as error:
            raise DatabaseBusy(f"{BUSY} ({getattr(error, 'orig', error)})") from None

    @classmethod
    def open(cls, url: str | None = None, decks: Callable[[str], Deck] | None = None) -> Classroom:
        """Open the database at `url` (default: study's location), creating the tables."""
        engine = connect(url or database_url())
        migrate(engine)
        return cls(engine, decks)

    def close(self) -> None:
        self.engine.dispose()

    # Teachers

    def create_quiz(self, spec: QuizSpec, questions: Sequence[Question], now: datetime) -> Quiz:
        """Store a new quiz with a copy of its pool (see `selection.candidates`)."""
        _check_pool(spec, questions)
        for _ in range(5):
            code = codes.new_join_code()
            try:
                with self._writing() as connection:
                    quiz_id = connection.execute(
                        insert(quizzes).values(
                            join_code=code,
                            title=spec.title,
                            deck=spec.deck,
                            spec=spec.to_yaml(),
                            created_at=now,
                            updated_at=now,
                        )
                    ).inserted_primary_key[0]
                    _store_pool(connection, quiz_id, questions)
            except IntegrityError:
                continue
            return self.quiz(quiz_id)
        raise ClassroomError("no free join code was found in five tries; create the quiz again")

    def update_quiz(
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
        with self._writing() as connection:
            row = _quiz_row(connection, quiz_id, lock=True)
            old = _spec(row.spec)
            changed = [name for name in PAPER_FIELDS if getattr(old, name) != getattr(spec, name)]
            started = connection.execute(
                select(func.count()).select_from(attempts).where(attempts.c.quiz_id == quiz_id)
            ).scalar_one()
            if started and changed:
                raise QuizLocked(
                    f"{started} attempt{'s have' if started > 1 else ' has'} started, so the"
                    f" questions and points are fixed (changed: {', '.join(changed)});"
                    " set a new quiz instead"
                )
            if not started and questions is not None:
                _check_pool(spec, questions)
                connection.execute(delete(pool).where(pool.c.quiz_id == quiz_id))
                _store_pool(connection, quiz_id, questions)
            elif any(getattr(old, name) != getattr(spec, name) for name in POOL_FIELDS):
                raise SpecError(["the pool changes with these settings: give the new pool"])
            else:
                _check_pool(spec, _load_pool(connection, quiz_id))
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
        return self.update_quiz(quiz_id, replace(spec, opens_at=opens, closes_at=now), None, now)

    def quiz(self, quiz_id: int) -> Quiz:
        with self.engine.connect() as connection:
            row = _quiz_row(connection, quiz_id)
            size = connection.execute(
                select(func.count()).select_from(pool).where(pool.c.quiz_id == quiz_id)
            ).scalar_one()
            started = connection.execute(
                select(func.count()).select_from(attempts).where(attempts.c.quiz_id == quiz_id)
            ).scalar_one()
        return Quiz(
            row.id, row.join_code, _spec(row.spec), row.created_at, row.updated_at, size, started
        )

    def quizzes(self, now: datetime) -> list[QuizSummary]:
        """Every quiz, newest first, with its state and how many attempts run and are done."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(quizzes).order_by(quizzes.c.id.desc())).all()
            specs = {row.id: _spec(row.spec) for row in rows}
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
        with self.engine.connect() as connection:
            _quiz_row(connection, quiz_id)
            return _load_pool(connection, quiz_id)

    def closed_book_facts(
        self, deck: str, now: datetime, besides: int | None = None
    ) -> frozenset[str]:
        """The facts of `deck` that closed-book quizzes keep from learners at `now`: every fact
        a question in their pools asks about, and the other facts of its topic, which tell the
        same events (see `timing.book_closed` and `closed_book.same_topics`).

        Learner pages hide every question, flashcard and fact that shares one of them, in any
        language; the review of another quiz's attempt withholds their answers too. `besides`
        leaves one quiz out (an attempt's own quiz, whose review its policy governs). Cheap
        enough for every page run: one query over the deck's quizzes, and one over the pool ids
        of those that are closed book now.
        """
        with self.engine.connect() as connection:
            live = [
                row.id
                for row in connection.execute(
                    select(quizzes.c.id, quizzes.c.spec).where(quizzes.c.deck == deck)
                )
                if row.id != besides and _holds_facts(row.spec, now)
            ]
            if not live:
                return frozenset()
            ids = (
                connection.execute(
                    select(pool.c.question_id).where(pool.c.quiz_id.in_(live)).distinct()
                )
                .scalars()
                .all()
            )
            missing = [question_id for question_id in ids if question_id not in self._facts_of]
            for start in range(0, len(missing), 500):
                for text in connection.execute(
                    select(pool.c.question).where(
                        pool.c.quiz_id.in_(live),
                        pool.c.question_id.in_(missing[start : start + 500]),
                    )
                ).scalars():
                    question = snapshot.load(text)
                    self._facts_of[question.id] = question.fact_ids
        asked = frozenset(fact for question_id in ids for fact in self._facts_of[question_id])
        return same_topics(self._deck(deck), asked)

    def attempt_running(self, resume_code: str, now: datetime) -> bool:
        """Whether the attempt behind a resume code still takes answers at `now` (an unknown
        code is simply not running): the app then shows its student nothing but the quiz."""
        try:
            with self.engine.connect() as connection:
                attempt, spec = _attempt_by_code(connection, resume_code)
        except AttemptNotFound:
            return False
        return attempt.finished_at is None and accepts_answers(spec, attempt.started_at, now)

    def reissue_code(self, attempt_id: int) -> str:
        """A new resume code for a student who lost theirs; the old one stops working."""
        if not _valid_id(attempt_id):
            raise AttemptNotFound(f"there is no attempt number {attempt_id!r}")
        code = codes.new_resume_code()
        with self._writing() as connection:
            changed = connection.execute(
                update(attempts)
                .where(attempts.c.id == attempt_id)
                .values(token_hash=codes.code_hash(code))
            ).rowcount
        if not changed:
            raise AttemptNotFound(f"there is no attempt number {attempt_id}")
        return codes.shown_code(code)

    def results(self, quiz_id: int, now: datetime) -> QuizResults:
        """Every attempt with its marks, and the item analysis of the finished ones."""
        quiz = self.quiz(quiz_id)
        spec = quiz.spec
        with self.engine.connect() as connection:
            questions = {q.id: q for q in _load_pool(connection, quiz_id)}
            rows = [
                _Attempt.of(row)
                for row in connection.execute(
                    _ATTEMPTS.where(attempts.c.quiz_id == quiz_id).order_by(
                        attempts.c.started_at, attempts.c.id
                    )
                )
            ]
        rows = [self._finish_if_overdue(spec, attempt, now) for attempt in rows]
        with self.engine.connect() as connection:
            papers = _papers(connection, [attempt.id for attempt in rows])
        results = []
        for attempt in rows:
            marks, ungraded = self._marks(attempt.deck, questions, papers.get(attempt.id, []))
            results.append(
                AttemptResult(
                    id=attempt.id,
                    student=attempt.student,
                    number=attempt.number,
                    status=attempt.status,
                    started_at=attempt.started_at,
                    deadline=deadline(spec, attempt.started_at),
                    finished_at=attempt.finished_at,
                    answered=sum(1 for mark in marks if mark.answered),
                    score=sum(mark.earned for mark in marks),
                    max_score=sum(mark.points for mark in marks),
                    marks=tuple(marks),
                    ungraded=ungraded,
                )
            )
        finished = [
            ScoredAttempt(result.id, result.marks)
            for result in results
            if result.status is not AttemptStatus.IN_PROGRESS
        ]
        order = {question_id: i for i, question_id in enumerate(questions)}
        items = tuple(sorted(analyse(finished), key=lambda s: order.get(s.question_id, 0)))
        return QuizResults(quiz, tuple(results), questions, items)

    # Students

    def find_quiz(self, join_code: str, now: datetime) -> QuizInfo:
        """What a student sees before joining: title, size, times, whether a password is needed."""
        with self.engine.connect() as connection:
            row = _quiz_by_code(connection, join_code)
        spec = _spec(row.spec)
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
        name = " ".join(name.split()) if isinstance(name, str) else ""
        password = password if isinstance(password, str) else ""
        key = name_key(name)
        if not key:
            raise NameRefused("type your name as your teacher knows it", key="name_empty")
        if len(name) > MAX_NAME or len(key) > MAX_KEY:
            raise NameRefused(
                f"a name can be at most {MAX_NAME} characters long",
                key="name_too_long",
                limit=MAX_NAME,
            )
        code = codes.new_resume_code()
        refusal: ClassroomError | None = None
        try:
            with self._writing() as connection:
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
        row = _quiz_by_code(connection, join_code)
        spec = _spec(row.spec)
        _check_open(spec, now)
        if spec.password is not None:
            throttle.guard(connection, throttle.QUIZ_PASSWORD, client, now, row.id)
            if not hmac.compare_digest(password.encode("utf-8"), spec.password.encode("utf-8")):
                throttle.failed(connection, throttle.QUIZ_PASSWORD, client, now, row.id)
                raise WrongPassword("the quiz password is wrong: ask your teacher for it")
            throttle.succeeded(connection, throttle.QUIZ_PASSWORD, client, row.id)
        earlier = [
            _finish(connection, spec, _Attempt.of(a), now)
            for a in connection.execute(
                _ATTEMPTS.where(attempts.c.quiz_id == row.id, attempts.c.student_key == key)
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
        paper = arrange(spec, _load_pool(connection, row.id), key, number, seen)
        attempt_id = connection.execute(
            insert(attempts).values(
                quiz_id=row.id,
                student=name,
                student_key=key,
                number=number,
                token_hash=codes.code_hash(code),
                started_at=now,
            )
        ).inserted_primary_key[0]
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

    def check_teacher_password(
        self, given: str, expected: str, client: str | None, now: datetime
    ) -> bool:
        """Whether `given` is the teacher's password, counting wrong ones per address in the
        database. While the address must wait, Throttled is raised and `given` is not compared."""
        with self._writing() as connection:
            throttle.guard(connection, throttle.TEACHER_LOGIN, client, now)
            if password_matches(given, expected):
                throttle.succeeded(connection, throttle.TEACHER_LOGIN, client)
                return True
            throttle.failed(connection, throttle.TEACHER_LOGIN, client, now)
        return False

    def attempt(self, resume_code: str, now: datetime) -> AttemptView:
        """The attempt behind a resume code, as its student may see it at `now`."""
        with self.engine.connect() as connection:
            attempt, spec = _attempt_by_code(connection, resume_code)
        attempt = self._finish_if_overdue(spec, attempt, now)
        with self.engine.connect() as connection:
            paper = _papers(connection, [attempt.id]).get(attempt.id, [])
            questions = _paper_questions(connection, attempt.quiz_id, paper)
        held: frozenset[str] = frozenset()
        if attempt.finished_at is not None and score_open(spec, now):
            held = self.closed_book_facts(attempt.deck, now, besides=attempt.quiz_id)
        return self._view(spec, attempt, paper, questions, now, held)

    def answer(self, resume_code: str, position: int, given: object, now: datetime) -> Saved:
        """Save one answer, committed before returning. `position` counts from 0 in the
        student's paper; `given` is the index of the option in the order shown, or the text."""
        _check_position(position)
        refusal: AnswerRefused
        with self._writing() as connection:
            attempt, spec = _attempt_by_code(connection, resume_code, lock=True)
            if attempt.finished_at is not None:
                refusal = AnswerRefused(
                    f"this attempt was handed in at {_time(attempt.finished_at)}; answers can"
                    " no longer change",
                    key="handed_in",
                    time=attempt.finished_at,
                )
            elif not accepts_answers(spec, attempt.started_at, now):
                _finish(connection, spec, attempt, now)
                last = cutoff(spec, attempt.started_at)
                assert last is not None
                refusal = AnswerRefused(
                    f"time is up: answers were accepted until {_time(last)}, and this one came"
                    f" at {_time(now)}; it was not saved",
                    key="time_up",
                    time=last,
                )
            else:
                return self._save(connection, attempt, position, given, now)
        raise refusal

    def submit(self, resume_code: str, now: datetime) -> AttemptView:
        """Hand the attempt in. After the cutoff it is closed as of the cutoff instead."""
        with self._writing() as connection:
            attempt, spec = _attempt_by_code(connection, resume_code, lock=True)
            if attempt.finished_at is None and accepts_answers(spec, attempt.started_at, now):
                connection.execute(
                    update(attempts)
                    .where(attempts.c.id == attempt.id)
                    .values(finished_at=now, finish_reason=_SUBMITTED)
                )
        return self.attempt(resume_code, now)

    # Internals

    def _finish_if_overdue(self, spec: QuizSpec, attempt: _Attempt, now: datetime) -> _Attempt:
        if attempt.finished_at is not None or accepts_answers(spec, attempt.started_at, now):
            return attempt
        with self._writing() as connection:
            return _finish(connection, spec, attempt, now)

    def _save(
        self, connection: Connection, attempt: _Attempt, position: int, given: object, now: datetime
    ) -> Saved:
        item = connection.execute(
            select(attempt_items).where(
                attempt_items.c.attempt_id == attempt.id, attempt_items.c.position == position
            )
        ).first()
        if item is None:
            raise _no_question(position)
        question = _paper_questions(connection, attempt.quiz_id, [item])[item.question_id]
        response = grading.read_response(question, _order(item), given)
        fraction, verdict = self._grade(attempt.deck, question, response)
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

    def _grade(
        self, deck_id: str, question: Question, response: grading.Response
    ) -> tuple[float | None, str | None]:
        deck = None
        if grading.needs_deck(question):
            deck = self._deck(deck_id)
            if deck is None:
                return None, None
        mark = grading.grade(question, response, deck)
        return mark.fraction, mark.verdict.value

    def _deck(self, deck_id: str) -> Deck | None:
        if self.decks is None:
            return None
        try:
            return self.decks(deck_id)
        except Exception:  # a deck half-way through an edit may not load; grading waits for it
            return None

    def _marks(
        self, deck_id: str, questions: dict[str, Question], paper: Sequence[Row]
    ) -> tuple[list[ItemResponse], int]:
        marks, ungraded = [], 0
        for item in paper:
            question = questions[item.question_id]
            answered = item.response is not None
            response = json.loads(item.response) if answered else None
            fraction = item.fraction
            if answered and fraction is None:
                fraction, _ = self._grade(deck_id, question, response)
                ungraded += fraction is None
            typed = grading.needs_deck(question)
            marks.append(
                ItemResponse(
                    question_id=item.question_id,
                    points=item.points,
                    fraction=fraction or 0.0,
                    choice=None if typed or response is None else int(response),
                    options=0 if typed else len(question.options or ()),
                    answered=answered,
                )
            )
        return marks, ungraded

    def _view(
        self,
        spec: QuizSpec,
        attempt: _Attempt,
        paper: Sequence[Row],
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
            order = _order(item)
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
        marks = self._marks(attempt.deck, questions, paper)[0] if scored or shown else []
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


def _holds_facts(spec_text: str, now: datetime) -> bool:
    """Whether a stored quiz keeps its facts from learners now. A spec that no longer reads
    (a rule added since it was saved) counts as a closed-book quiz that is running: learner
    pages must not break over it, nor show what it may still be asking."""
    try:
        spec = _spec(spec_text)
    except SpecError:
        return True
    return book_closed(spec, now)


def _review(question: Question, item: Row, mark: ItemResponse, held: frozenset[str]) -> ItemReview:
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


def _check_pool(spec: QuizSpec, questions: Sequence[Question]) -> None:
    problems = []
    if len(questions) < spec.count:
        problems.append(
            f"the quiz asks for {spec.count} questions but only {len(questions)} are given"
        )
    ids = {q.id for q in questions}
    if len(ids) != len(questions):
        problems.append("the same question is given twice")
    for question in questions:
        if question.kind not in QUIZ_KINDS or question.lang != spec.lang:
            problems.append(
                f"question {question.id} ({question.kind}, {question.lang}) does not fit the quiz"
            )
            break
    for question_id, _ in spec.question_points:
        if question_id not in ids:
            problems.append(f"question_points names {question_id}, which is not in this quiz")
    if problems:
        raise SpecError(problems)


def _store_pool(connection: Connection, quiz_id: int, questions: Sequence[Question]) -> None:
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


def _load_pool(connection: Connection, quiz_id: int) -> tuple[Question, ...]:
    rows = connection.execute(
        select(pool.c.question).where(pool.c.quiz_id == quiz_id).order_by(pool.c.position)
    ).scalars()
    return tuple(_question(text) for text in rows)


def _paper_questions(
    connection: Connection, quiz_id: int, paper: Sequence[Row]
) -> dict[str, Question]:
    ids = sorted({item.question_id for item in paper})
    rows = connection.execute(
        select(pool.c.question).where(pool.c.quiz_id == quiz_id, pool.c.question_id.in_(ids))
    ).scalars()
    return {q.id: q for q in (_question(text) for text in rows)}


def _papers(connection: Connection, attempt_ids: Sequence[int]) -> dict[int, list[Row]]:
    """Each attempt's items in paper order, joined with the saved response (if any)."""
    found: dict[int, list[Row]] = {}
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


def _order(item: Row) -> tuple[int, ...] | None:
    return None if item.option_order is None else tuple(json.loads(item.option_order))


def _valid_id(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool) and 0 < number <= MAX_ID


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


def _quiz_row(connection: Connection, quiz_id: int, lock: bool = False) -> Row:
    if not _valid_id(quiz_id):
        raise QuizNotFound(f"there is no quiz number {quiz_id!r}")
    query = select(quizzes).where(quizzes.c.id == quiz_id)
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise QuizNotFound(f"there is no quiz number {quiz_id}")
    return row


def _quiz_by_code(connection: Connection, join_code: str) -> Row:
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


def _attempt_by_code(
    connection: Connection, resume_code: str, lock: bool = False
) -> tuple[_Attempt, QuizSpec]:
    row = None
    if codes.well_formed(resume_code, codes.RESUME_CODE_LENGTH):
        query = _ATTEMPTS.where(attempts.c.token_hash == codes.code_hash(resume_code))
        row = connection.execute(query.with_for_update(of=attempts) if lock else query).first()
    if row is None:
        raise AttemptNotFound(
            "no attempt has this resume code: check it, or join the quiz with its join code",
            key="no_resume_code",
        )
    return _Attempt.of(row), _spec(row.spec)


def _check_open(spec: QuizSpec, now: datetime) -> None:
    state = quiz_state(spec, now)
    if state is QuizState.NOT_OPEN:
        assert spec.opens_at is not None
        raise QuizNotOpen(
            f"this quiz opens at {_time(spec.opens_at)}: come back then",
            key="not_open_yet",
            time=spec.opens_at,
        )
    if state is QuizState.CLOSED:
        assert spec.closes_at is not None
        raise QuizNotOpen(
            f"this quiz closed at {_time(spec.closes_at)}", key="closed", time=spec.closes_at
        )


def _finish(connection: Connection, spec: QuizSpec, attempt: _Attempt, now: datetime) -> _Attempt:
    """Close an attempt whose cutoff has passed, as of that cutoff; returns it as it now is."""
    if attempt.finished_at is not None or accepts_answers(spec, attempt.started_at, now):
        return attempt
    last = cutoff(spec, attempt.started_at)
    connection.execute(
        update(attempts)
        .where(attempts.c.id == attempt.id, attempts.c.finished_at.is_(None))
        .values(finished_at=last, finish_reason=_TIME)
    )
    return replace(attempt, finished_at=last, finish_reason=_TIME)


def _seen(connection: Connection, student_key: str, deck: str) -> frozenset[str]:
    """Questions this student met in earlier attempts at any quiz on the same deck."""
    rows = connection.execute(
        select(attempt_items.c.question_id)
        .join(attempts, attempts.c.id == attempt_items.c.attempt_id)
        .join(quizzes, quizzes.c.id == attempts.c.quiz_id)
        .where(attempts.c.student_key == student_key, quizzes.c.deck == deck)
    ).scalars()
    return frozenset(rows)
