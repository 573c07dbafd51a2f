"""What the service hands to pages: plain frozen data, shaped by who may see what.

A student page only ever receives `QuizInfo`, `AttemptView` (with `ItemView`s) and `Saved`:
none of them has a field for the answer key, and `ItemReview` is filled in only when the quiz's
review policy allows it. Teacher pages get the pooled `Question`s themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from classroom.analysis import ItemResponse, ItemStats
from classroom.spec import QuizSpec, ReviewPolicy
from classroom.timing import QuizState
from questions.model import Cited, Kind, Question


class AttemptStatus(StrEnum):
    IN_PROGRESS = "in progress"
    SUBMITTED = "submitted"
    TIMED_OUT = "time up"


@dataclass(frozen=True)
class QuizInfo:
    """What a student learns from a join code before starting."""

    title: str
    lang: str
    questions: int
    state: QuizState
    opens_at: datetime | None
    closes_at: datetime | None
    time_limit: timedelta | None
    attempts: int
    needs_password: bool
    review: ReviewPolicy


@dataclass(frozen=True)
class ItemView:
    """One question as the student's browser may see it: no answer, explanation or source."""

    position: int
    kind: Kind
    prompt: str
    options: tuple[str, ...] | None
    """In this student's order; None for typed answers."""
    points: float
    response: int | str | None
    """The saved answer: an index into `options`, or the typed text."""
    saved_at: datetime | None


@dataclass(frozen=True)
class ItemReview:
    """One question after the review policy opens: the student's answer beside the key."""

    position: int
    prompt: str
    your_answer: str | None
    right_answer: str
    fraction: float | None
    explanation: str
    dispute: str | None
    sources: tuple[Cited, ...]
    held: bool = False
    """The answer is left out while a closed-book quiz on the same facts is running."""


@dataclass(frozen=True)
class AttemptView:
    quiz_title: str
    lang: str
    student: str
    number: int
    attempts_allowed: int
    status: AttemptStatus
    started_at: datetime
    deadline: datetime | None
    """When time is up, as shown; answers are still accepted during the grace period."""
    finished_at: datetime | None
    items: tuple[ItemView, ...]
    score: float | None
    """Set once the attempt is finished and the review policy shows the score: right after
    handing in only under "after-submit", else once the quiz has closed; never while a running
    closed-book quiz holds back a fact of the paper."""
    max_score: float
    review: tuple[ItemReview, ...] | None
    review_policy: ReviewPolicy
    """With `review_from`, why answers are not shown yet, or when they will be."""
    review_from: datetime | None

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.response is not None)


@dataclass(frozen=True)
class Joined:
    resume_code: str
    """Shown to the student once; the database keeps only its hash."""
    attempt: AttemptView


@dataclass(frozen=True)
class Saved:
    """An answer is committed: the page may now say so."""

    position: int
    saved_at: datetime
    revision: int
    """1 for the first answer to this question, then 2, 3, ... as the student changes it."""


@dataclass(frozen=True)
class Quiz:
    id: int
    join_code: str
    spec: QuizSpec
    created_at: datetime
    updated_at: datetime
    pool_size: int
    attempts: int


@dataclass(frozen=True)
class QuizSummary:
    id: int
    title: str
    join_code: str
    deck: str
    state: QuizState
    in_progress: int
    finished: int


@dataclass(frozen=True)
class AttemptResult:
    """One attempt as the teacher sees it."""

    id: int
    student: str
    number: int
    status: AttemptStatus
    started_at: datetime
    deadline: datetime | None
    finished_at: datetime | None
    answered: int
    score: float
    max_score: float
    marks: tuple[ItemResponse, ...]
    """Per question of the paper, in the order the student saw them."""
    ungraded: int = 0
    """Typed answers not graded yet because their deck could not be loaded."""

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


@dataclass(frozen=True)
class QuizResults:
    quiz: Quiz
    attempts: tuple[AttemptResult, ...]
    questions: dict[str, Question]
    """The pooled questions by id, with their answers: for teacher pages only."""
    items: tuple[ItemStats, ...]
    """Item analysis over the finished attempts, in pool order."""

    @property
    def running(self) -> tuple[AttemptResult, ...]:
        return tuple(a for a in self.attempts if a.status is AttemptStatus.IN_PROGRESS)

    @property
    def finished(self) -> tuple[AttemptResult, ...]:
        """Submitted or timed out: the attempts scores and item analysis count."""
        return tuple(a for a in self.attempts if a.status is not AttemptStatus.IN_PROGRESS)

    @property
    def mean_percent(self) -> float | None:
        """The class's mean score in percent over finished attempts; None before any."""
        finished = self.finished
        return sum(a.percent for a in finished) / len(finished) if finished else None
