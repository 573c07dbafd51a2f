"""What every part of the classroom service shares: the database, its write turn, the decks
typed answers are graded against, and marking a paper.

Quizzes, attempts and queries each hold the one `Backend` of their `Classroom`, so a write
from any of them queues behind the others and grading finds decks the same way everywhere.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from classroom import grading
from classroom.analysis import ItemResponse
from classroom.errors import DatabaseBusy
from classroom.rows import AttemptRow, finish
from classroom.spec import QuizSpec
from classroom.timing import accepts_answers
from decks.model import Deck
from questions.model import Question
from study.database import BUSY, AnyRow, writing
from study.errors import DatabaseBusy as StudyDatabaseBusy


class Backend:
    """One classroom database and the deck lookup; `decks` may be None (typed answers are
    then saved ungraded, and graded when a deck can be found)."""

    def __init__(self, engine: Engine, decks: Callable[[str], Deck] | None = None) -> None:
        self.engine = engine
        self.decks = decks
        # SQLite has one writer at a time; queueing writers here, instead of in SQLite's
        # busy handler (which sleeps and retries), keeps a class answering at once in order.
        self._write_turn: AbstractContextManager[object] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction, committed at the end; a database too busy to take it is a
        `DatabaseBusy` (nothing was written) rather than a crash."""
        try:
            with self._write_turn, writing(self.engine) as connection:
                yield connection
        except StudyDatabaseBusy:
            raise DatabaseBusy(BUSY) from None
        except OperationalError as error:
            raise DatabaseBusy(f"{BUSY} ({getattr(error, 'orig', error)})") from None

    def deck(self, deck_id: str) -> Deck | None:
        if self.decks is None:
            return None
        try:
            return self.decks(deck_id)
        except Exception:  # a deck half-way through an edit may not load; grading waits for it
            return None

    def grade(
        self, deck_id: str, question: Question, response: grading.Response
    ) -> tuple[float | None, str | None]:
        """The fraction earned and the verdict; (None, None) while the deck cannot be found."""
        deck = None
        if grading.needs_deck(question):
            deck = self.deck(deck_id)
            if deck is None:
                return None, None
        mark = grading.grade(question, response, deck)
        return mark.fraction, mark.verdict.value

    def marks(
        self, deck_id: str, questions: dict[str, Question], paper: Sequence[AnyRow]
    ) -> tuple[list[ItemResponse], int]:
        """Each item's mark, grading answers saved before their deck could be found; and how
        many still cannot be graded."""
        marks, ungraded = [], 0
        for item in paper:
            question = questions[item.question_id]
            answered = item.response is not None
            response = json.loads(item.response) if answered else None
            fraction = item.fraction
            if response is not None and fraction is None:
                fraction, _ = self.grade(deck_id, question, response)
                ungraded += fraction is None
            typed = grading.needs_deck(question)
            options = () if typed else question.options or ()
            right = grading.answer_text(question)
            marks.append(
                ItemResponse(
                    question_id=item.question_id,
                    points=item.points,
                    fraction=fraction or 0.0,
                    choice=None if typed or response is None else int(response),
                    options=len(options),
                    answered=answered,
                    key=options.index(right) if right in options else None,
                )
            )
        return marks, ungraded

    def finish_if_overdue(self, spec: QuizSpec, attempt: AttemptRow, now: datetime) -> AttemptRow:
        """The attempt, closed as of its cutoff first if that has passed (a write)."""
        if attempt.finished_at is not None or accepts_answers(spec, attempt.started_at, now):
            return attempt
        with self.writing() as connection:
            return finish(connection, spec, attempt, now)
