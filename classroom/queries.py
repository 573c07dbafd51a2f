"""What the service answers about quizzes already taken: a quiz's results with its item
analysis, the items flagged across a deck's closed quizzes, the Rasch difficulties of a deck's
items, and the facts closed-book quizzes keep from learners now."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from classroom import rasch, snapshot
from classroom.analysis import ScoredAttempt, analyse
from classroom.backend import Backend
from classroom.closed_book import same_topics
from classroom.errors import SpecError
from classroom.flagged import FlaggedItem, flagged_items
from classroom.rows import ATTEMPTS, AttemptRow, load_pool, papers, quiz_view, spec_of
from classroom.schema import attempts, pool, quizzes
from classroom.timing import answers_in, book_closed, deadline
from classroom.views import AttemptResult, AttemptStatus, QuizResults
from study.database import AnyRow


class Queries:
    """Results for teachers and closed-book facts for learner pages."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        # A question id is a hash of its facts (among other things), so the facts found for an
        # id never change: learner pages ask for them on every run without reading the pool.
        self._facts_of: dict[str, tuple[str, ...]] = {}

    def results(self, quiz_id: int, now: datetime) -> QuizResults:
        """Every attempt with its marks, and the item analysis of the finished ones."""
        backend = self.backend
        with backend.engine.connect() as connection:
            quiz = quiz_view(connection, quiz_id)
        spec = quiz.spec
        with backend.engine.connect() as connection:
            questions = {q.id: q for q in load_pool(connection, quiz_id)}
            rows = [
                AttemptRow.of(row)
                for row in connection.execute(
                    ATTEMPTS.where(attempts.c.quiz_id == quiz_id).order_by(
                        attempts.c.started_at, attempts.c.id
                    )
                )
            ]
        rows = [backend.finish_if_overdue(spec, attempt, now) for attempt in rows]
        with backend.engine.connect() as connection:
            found = papers(connection, [attempt.id for attempt in rows])
        results = []
        for attempt in rows:
            marks, ungraded = backend.marks(attempt.deck, questions, found.get(attempt.id, []))
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

    def flagged(self, deck: str, now: datetime) -> dict[str, FlaggedItem]:
        """{question id: flags and pooled figures} for the questions that the finished
        attempts of every closed quiz on `deck` flag (see `classroom.flagged`). A quiz counts
        once its close and grace have passed (`timing.answers_in`): before that its figures
        still move."""
        closed: dict[int, list[ScoredAttempt]] = {}
        for quiz_id, final, attempt in self.deck_attempts(deck, now):
            if final:
                closed.setdefault(quiz_id, []).append(attempt)
        return flagged_items(closed)

    def difficulties(self, deck: str, now: datetime) -> dict[str, float]:
        """{question id: Rasch difficulty on the heuristic's 0..1 scale} from every finished
        attempt on `deck`, for the questions with enough answers (see `classroom.rasch`)."""
        return rasch.difficulties([attempt for _, _, attempt in self.deck_attempts(deck, now)])

    def deck_attempts(self, deck: str, now: datetime) -> list[tuple[int, bool, ScoredAttempt]]:
        """Every finished attempt at a quiz on `deck`, marked, with its quiz id and whether that
        quiz's answers are all in. An attempt still open in a quiz whose answers are all in ran
        out of time: it counts as it stands (nothing is written here)."""
        backend = self.backend
        with backend.engine.connect() as connection:
            final = {
                row.id: _answers_in(row.spec, now)
                for row in connection.execute(
                    select(quizzes.c.id, quizzes.c.spec).where(quizzes.c.deck == deck)
                )
            }
            rows = [
                AttemptRow.of(row)
                for row in connection.execute(
                    ATTEMPTS.where(quizzes.c.deck == deck).order_by(attempts.c.id)
                )
            ]
            counted = [a for a in rows if a.finished_at is not None or final[a.quiz_id]]
            found: dict[int, list[AnyRow]] = {}
            for start in range(0, len(counted), 500):
                found.update(papers(connection, [a.id for a in counted[start : start + 500]]))
            pools = {
                quiz_id: {q.id: q for q in load_pool(connection, quiz_id)}
                for quiz_id in {a.quiz_id for a in counted}
            }
        marked = []
        for attempt in counted:
            marks, _ = backend.marks(deck, pools[attempt.quiz_id], found.get(attempt.id, []))
            marked.append(
                (attempt.quiz_id, final[attempt.quiz_id], ScoredAttempt(attempt.id, tuple(marks)))
            )
        return marked

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
        with self.backend.engine.connect() as connection:
            live = [
                row.id
                for row in connection.execute(
                    select(quizzes.c.id, quizzes.c.spec).where(quizzes.c.deck == deck)
                )
                if row.id != besides and holds_facts(row.spec, now)
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
        return same_topics(self.backend.deck(deck), asked)


def _answers_in(spec_text: str, now: datetime) -> bool:
    """Whether a stored quiz's answers are all in; a spec that no longer reads counts as a
    quiz still running, whose figures are not final."""
    try:
        spec = spec_of(spec_text)
    except SpecError:
        return False
    return answers_in(spec, now)


def holds_facts(spec_text: str, now: datetime) -> bool:
    """Whether a stored quiz keeps its facts from learners now. A spec that no longer reads
    (a rule added since it was saved) counts as a closed-book quiz that is running: learner
    pages must not break over it, nor show what it may still be asking."""
    try:
        spec = spec_of(spec_text)
    except SpecError:
        return True
    return book_closed(spec, now)
