"""The classroom package's exception family, under `FactdeckError`; pages turn it into messages.

Every refusal a student or teacher can meet is a `ClassroomError` whose message says what
happened and what to do, so the pages never need to know why the service said no. The message
is English; a refusal that also carries a `key` (one of `MESSAGE_KEYS`) and its `values` is
shown by the pages in their own language instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    "teacher_password_missing",
)
"""The keys refusals carry; the quiz pages hold each as `error.<key>` in every language."""


class ClassroomError(FactdeckError):
    """Something a teacher or student can act on; the message says what to do."""


SPEC_PROBLEM_KEYS = (
    "spec.no_title",
    "spec.title_too_long",
    "spec.not_a_deck",
    "spec.not_a_language",
    "spec.count_range",
    "spec.not_a_topic",
    "spec.no_kinds",
    "spec.kind_not_in_quiz",
    "spec.unknown_choice",
    "spec.seed_range",
    "spec.time_no_zone",
    "spec.time_range",
    "spec.closes_before_opens",
    "spec.time_limit_range",
    "spec.grace_range",
    "spec.attempts_range",
    "spec.password_blank",
    "spec.password_too_long",
    "spec.points_range",
    "spec.question_points_range",
    "spec.other_deck",
    "spec.too_few_questions",
    "spec.too_few_approved",
    "spec.pool_too_small",
    "spec.pool_repeats",
    "spec.pool_misfit",
    "spec.points_not_in_pool",
    "spec.pool_changes",
    "spec.not_in_deck",
    "spec.not_a_number",
    "spec.not_finite",
    "spec.too_large",
    "spec.not_a_flag",
    "spec.not_an_id",
    "spec.not_a_time",
    "spec.points_not_a_map",
    "spec.points_not_a_number",
)
"""The keys of the problems a quiz spec can have, `SpecProblem`s and the located problems of an
imported spec alike (a rule both break carries one key); the teacher pages hold each as
`problem.<key>` in every language."""


@dataclass(frozen=True)
class SpecProblem:
    """A rule a quiz spec breaks that has no line to point at: a field a form filled in, or the
    pool a spec draws from. The sentence is English for the command line; `key` and `values` let
    a page word it in its reader's language (`problem.<key>` in the interface strings)."""

    message: str
    hint: str = ""
    key: str = field(default="", compare=False)
    values: tuple[tuple[str, object], ...] = field(default=(), compare=False)
    setting: str = field(default="", compare=False)
    """The YAML key of the setting at fault, where there is one."""

    def __post_init__(self) -> None:
        if self.key not in SPEC_PROBLEM_KEYS:
            raise ValueError(f"spec problem key {self.key!r} is not in SPEC_PROBLEM_KEYS")

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class SpecError(ClassroomError, ValueError):
    """A quiz spec is invalid; carries every problem found in it.

    A spec read from YAML gives located problems (`Problem`, file:line:column); checks of a spec
    built in code (the teacher's form) and of the pool it draws from have no line to point at and
    give `SpecProblem`s; a spec error carries one kind or the other, never both."""

    def __init__(self, problems: Sequence[Problem] | Sequence[SpecProblem]):
        # Located problems read best in file order; the others in the order of the checks,
        # which follow the form. sorted() types its result as a list of anything comparable.
        located = bool(problems) and isinstance(problems[0], Problem)
        self.problems = cast(
            "list[Problem] | list[SpecProblem]", sorted(problems) if located else list(problems)
        )
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

    key = "teacher_password_missing"
