"""The classroom service: quizzes, attempts and answers in the database, on the server's clock.

`Classroom` is the one object pages and the CLI hold. It only hands each call to the part whose
job it is: `classroom.quizzes` sets quizzes, `classroom.attempts` lets students take them,
`classroom.queries` answers about results and closed-book facts, and `classroom.teacher` checks
the teacher's login; `classroom.rows` and `classroom.backend` hold what they share.

Thread-safe: each call takes its own pooled connection, and writes run in `study.database.writing`
(BEGIN IMMEDIATE on SQLite; rows locked FOR UPDATE on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import Engine

from classroom.attempts import Attempts
from classroom.backend import Backend
from classroom.database import migrate
from classroom.flagged import FlaggedItem
from classroom.queries import Queries
from classroom.quizzes import Quizzes
from classroom.spec import QuizSpec
from classroom.teacher import check_login
from classroom.views import AttemptView, Joined, Quiz, QuizInfo, QuizResults, QuizSummary, Saved
from decks.model import Deck
from questions.model import Question
from study.database import connect
from study.location import database_url


class Classroom:
    """One classroom database (the Factdeck database). `decks` finds a deck by id for grading
    typed answers; without it, or when the deck cannot be loaded, typed answers are still saved
    and are graded when it can."""

    def __init__(self, engine: Engine, decks: Callable[[str], Deck] | None = None) -> None:
        self._backend = Backend(engine, decks)
        self._quizzes = Quizzes(self._backend)
        self._queries = Queries(self._backend)
        self._attempts = Attempts(self._backend, self._queries)

    @property
    def engine(self) -> Engine:
        return self._backend.engine

    @property
    def decks(self) -> Callable[[str], Deck] | None:
        return self._backend.decks

    @classmethod
    def open(cls, url: str | None = None, decks: Callable[[str], Deck] | None = None) -> Classroom:
        """Open the database at `url` (default: study's location), creating the tables."""
        engine = connect(url or database_url())
        migrate(engine)
        return cls(engine, decks)

    def close(self) -> None:
        self.engine.dispose()

    # Teachers: `classroom.quizzes`

    def create_quiz(self, spec: QuizSpec, questions: Sequence[Question], now: datetime) -> Quiz:
        """Store a new quiz with a copy of its pool (see `selection.candidates`)."""
        return self._quizzes.create(spec, questions, now)

    def update_quiz(
        self,
        quiz_id: int,
        spec: QuizSpec,
        questions: Sequence[Question] | None,
        now: datetime,
    ) -> Quiz:
        """Change a quiz; `questions` is its new pool, or None to keep the pool it has (see
        `Quizzes.update` for what may change once a student has joined)."""
        return self._quizzes.update(quiz_id, spec, questions, now)

    def close_now(self, quiz_id: int, now: datetime) -> Quiz:
        """Close the quiz at `now`: no one may join; attempts stop at close plus grace."""
        return self._quizzes.close_now(quiz_id, now)

    def quiz(self, quiz_id: int) -> Quiz:
        return self._quizzes.quiz(quiz_id)

    def quizzes(self, now: datetime) -> list[QuizSummary]:
        """Every quiz, newest first, with its state and how many attempts run and are done."""
        return self._quizzes.summaries(now)

    def pool(self, quiz_id: int) -> tuple[Question, ...]:
        """The quiz's copy of its questions, answers included: for teacher pages only."""
        return self._quizzes.pool(quiz_id)

    def check_teacher_password(
        self, given: str, expected: str, client: str | None, now: datetime
    ) -> bool:
        """Whether `given` is the teacher's password, counting wrong ones per address in the
        database. While the address must wait, Throttled is raised and `given` is not compared."""
        with self._backend.writing() as connection:
            return check_login(connection, given, expected, client, now)

    # Results and closed book: `classroom.queries`

    def results(self, quiz_id: int, now: datetime) -> QuizResults:
        """Every attempt with its marks, and the item analysis of the finished ones."""
        return self._queries.results(quiz_id, now)

    def flagged(self, deck: str, now: datetime) -> dict[str, FlaggedItem]:
        """{question id: flags and pooled figures} for the questions the closed quizzes on
        `deck` flag (see `Queries.flagged`): a review page's "flagged" filter."""
        return self._queries.flagged(deck, now)

    def difficulties(self, deck: str, now: datetime) -> dict[str, float]:
        """{question id: difficulty on the heuristic's 0..1 scale} estimated by a Rasch fit of
        every finished attempt on `deck`, where there are enough answers (`classroom.rasch`);
        a question not in it keeps its heuristic `difficulty`."""
        return self._queries.difficulties(deck, now)

    def closed_book_facts(
        self, deck: str, now: datetime, besides: int | None = None
    ) -> frozenset[str]:
        """The facts of `deck` that closed-book quizzes keep from learners at `now` (see
        `Queries.closed_book_facts`); `besides` leaves one quiz out."""
        return self._queries.closed_book_facts(deck, now, besides)

    # Students: `classroom.attempts`

    def find_quiz(self, join_code: str, now: datetime) -> QuizInfo:
        """What a student sees before joining: title, size, times, whether a password is needed."""
        return self._attempts.find_quiz(join_code, now)

    def join(
        self, join_code: str, name: str, password: str, now: datetime, client: str | None = None
    ) -> Joined:
        """Start an attempt for `name` if the quiz is open, the password right and an attempt
        left; `client` is the address joins and wrong passwords are counted by (see
        `Attempts.join`)."""
        return self._attempts.join(join_code, name, password, now, client)

    def attempt(self, resume_code: str, now: datetime) -> AttemptView:
        """The attempt behind a resume code, as its student may see it at `now`."""
        return self._attempts.attempt(resume_code, now)

    def attempt_running(self, resume_code: str, now: datetime) -> bool:
        """Whether the attempt behind a resume code still takes answers at `now`."""
        return self._attempts.attempt_running(resume_code, now)

    def answer(self, resume_code: str, position: int, given: object, now: datetime) -> Saved:
        """Save one answer, committed before returning. `position` counts from 0 in the
        student's paper; `given` is the index of the option in the order shown, or the text."""
        return self._attempts.answer(resume_code, position, given, now)

    def submit(self, resume_code: str, now: datetime) -> AttemptView:
        """Hand the attempt in. After the cutoff it is closed as of the cutoff instead."""
        return self._attempts.submit(resume_code, now)

    def reissue_code(self, attempt_id: int) -> str:
        """A new resume code for a student who lost theirs; the old one stops working."""
        return self._attempts.reissue_code(attempt_id)
