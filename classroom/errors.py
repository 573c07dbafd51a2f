"""The classroom package's exception family, under `FactdeckError`; pages turn it into messages.

Every refusal a student or teacher can meet is a `ClassroomError` whose message says what
happened and what to do, so the pages never need to know why the service said no. The message
is English; a refusal that also carries a `key` (one of `MESSAGE_KEYS`) and its `values` is
shown by the pages in their own language instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from typing import cast

from decks.errors import FactdeckError
from decks.problems import Problem

MESSAGE_KEYS = (
    "busy",
    "throttled",
    "joins_throttled",
    "no_question",
    "wrong_password",
    "no_join_code",
    "no_resume_code",
    "not_open_yet",
    "closed",
    "name_empty",
    "name_too_long",
    "in_progress",
    "attempts_used",
    "joined_twice",
    "handed_in",
    "time_up",
    "answer_too_long",
    "quiz_locked",
)
"""The keys refusals carry; the quiz pages hold each as `error.<key>` in every language."""


class ClassroomError(FactdeckError):
    """Something a teacher or student can act on; the message says what to do."""

    key: str | None = None

    def __init__(self, message: str = "", *, key: str | None = None, **values: object):
        super().__init__(message)
        if key is not None:
            self.key = key
        self.values = values


class SpecError(ClassroomError, ValueError):
    """A quiz spec is invalid; carries every located problem found in it.

    Checks that look at the whole spec rather than at one line of its YAML (the pool a quiz
    draws from, a field a form filled in wrongly) have no place to point at and give plain
    sentences instead; a spec error carries one kind or the other, never both."""

    def __init__(self, problems: Sequence[Problem] | Sequence[str]):
        # sorted() types its result as a list of anything comparable, losing which kind it got
        self.problems = cast("list[Problem] | list[str]", sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class QuizNotFound(ClassroomError):
    """No quiz has this join code or number."""


class QuizNotOpen(ClassroomError):
    """The quiz has not opened yet, or has closed."""


class NameRefused(ClassroomError):
    """A student's name is empty or too long."""


class WrongPassword(ClassroomError):
    """The quiz password given does not match."""

    key = "wrong_password"


class Throttled(ClassroomError):
    """Too many wrong passwords or joins from one address (or wrong passwords from everyone):
    refused without looking at what was sent; `wait` says when to try again."""

    def __init__(self, message: str, wait: timedelta, *, key: str = "throttled"):
        super().__init__(message, key=key, seconds=max(1, math.ceil(wait.total_seconds())))
        self.wait = wait


class NoAttemptsLeft(ClassroomError):
    """The student has used every attempt the quiz allows, or has one in progress."""


class AttemptNotFound(ClassroomError):
    """No attempt has this resume code."""


class AnswerRefused(ClassroomError):
    """An answer cannot be saved: time is up, the attempt is finished, or it is malformed."""


class DatabaseBusy(ClassroomError):
    """The database could not take a write in time; nothing was written, so try again."""

    key = "busy"


class QuizLocked(ClassroomError):
    """A change would alter papers students already hold."""


class TeacherPasswordMissing(ClassroomError):
    """No teacher password is configured, so the teacher pages stay shut."""
