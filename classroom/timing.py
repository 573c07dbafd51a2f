"""Server-side time: when a quiz is open, when an attempt's answers stop counting.

The browser's clock is never asked. Every function takes `now` from the server, so a page that
is left open, paused in a debugger or replayed later cannot move a deadline.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from classroom.spec import QuizSpec, ReviewPolicy


class QuizState(StrEnum):
    NOT_OPEN = "not open yet"
    OPEN = "open"
    CLOSED = "closed"


def quiz_state(spec: QuizSpec, now: datetime) -> QuizState:
    """Whether students may start an attempt at `now`."""
    if spec.opens_at is not None and now < spec.opens_at:
        return QuizState.NOT_OPEN
    if spec.closes_at is not None and now >= spec.closes_at:
        return QuizState.CLOSED
    return QuizState.OPEN


def deadline(spec: QuizSpec, started_at: datetime) -> datetime | None:
    """When the attempt's time is up, as the student is told: time limit or close, the earlier."""
    ends = [spec.closes_at] if spec.closes_at is not None else []
    if spec.time_limit is not None:
        ends.append(started_at + spec.time_limit)
    return min(ends) if ends else None


def cutoff(spec: QuizSpec, started_at: datetime) -> datetime | None:
    """The last moment an answer is accepted: the deadline plus the grace period."""
    ends = deadline(spec, started_at)
    return None if ends is None else ends + spec.grace


def accepts_answers(spec: QuizSpec, started_at: datetime, now: datetime) -> bool:
    last = cutoff(spec, started_at)
    return last is None or now <= last


def review_open(spec: QuizSpec, now: datetime) -> bool:
    """Whether a finished attempt may show the answer key at `now` (see `ReviewPolicy`).

    "After the quiz closes" waits out the grace period too: answers still in flight must not
    meet a key that a classmate can already read.
    """
    if spec.review is ReviewPolicy.SCORE_ONLY:
        return False
    if spec.review is ReviewPolicy.AFTER_CLOSE:
        return answers_in(spec, now)
    return True


def score_open(spec: QuizSpec, now: datetime) -> bool:
    """Whether a finished attempt may show its score at `now`.

    Only "right after handing in" (the choice the form warns against) shows it at once; the
    others show it once the quiz has closed and its grace run out: a score read right after
    handing in is a key too, for anyone who hands in one guess at a time under made-up names.
    """
    return spec.review is ReviewPolicy.AFTER_SUBMIT or answers_in(spec, now)


def answers_in(spec: QuizSpec, now: datetime) -> bool:
    """Whether the quiz has closed and its grace run out: no answer can still arrive, so its
    results are final (scores, keys and the item flags across a deck wait for this)."""
    return spec.closes_at is not None and now >= spec.closes_at + spec.grace


def review_from(spec: QuizSpec) -> datetime | None:
    """When the score (and, after the close, the answer key) opens for every finished
    attempt, where a time is known: the close plus grace (None without a close time, or when
    it opens at handing in)."""
    if spec.review is not ReviewPolicy.AFTER_SUBMIT and spec.closes_at is not None:
        return spec.closes_at + spec.grace
    return None


def book_closed(spec: QuizSpec, now: datetime) -> bool:
    """Whether a closed-book quiz keeps its facts from learners at `now`.

    From the moment the quiz is saved (a student who saw the questions the night before would
    know the key) until its close plus the grace period, when answers in flight are in; a quiz
    with no close time keeps them until the teacher closes it.
    """
    if spec.open_book:
        return False
    return spec.closes_at is None or now < spec.closes_at + spec.grace
