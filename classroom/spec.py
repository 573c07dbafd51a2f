"""A teacher's quiz: which questions, for whom, when, how many tries, and what students see after.

`QuizSpec` is plain frozen data so that it can be stored, compared, and exported (YAML here;
Moodle XML, GIFT and print elsewhere). `to_yaml()` and `QuizSpec.from_yaml()` round-trip
exactly; a spec read from YAML is checked with every problem located at its line and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

import yaml

from classroom.errors import SpecError, SpecProblem
from classroom.yaml_text import read_yaml_text
from decks.problems import Problem
from decks.reader import ID_PATTERN, Reader, did_you_mean
from decks.safe_yaml import Map, Mark, YamlRefused
from questions.model import Kind

QUIZ_KINDS = (
    Kind.MULTIPLE_CHOICE,
    Kind.TRUE_FALSE,
    Kind.SOURCES_DIFFER,
    Kind.TYPED,
    Kind.CLOZE,
)
"""Kinds a quiz can grade on the server. Flashcards are self-rated; ordering and matching have
no quiz widget yet."""

MAX_QUESTIONS = 200
MAX_ATTEMPTS = 20
MAX_TIME_LIMIT = timedelta(hours=24)
MAX_GRACE = timedelta(hours=1)
MAX_POINTS = 1000.0
MAX_TITLE = 120
MAX_PASSWORD = 100
MAX_SEED = 2**31 - 1
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)
"""Quiz times lie within these, so a close plus grace and time limit is always a date."""

_Choice = TypeVar("_Choice", bound=StrEnum)
_LANG = re.compile(r"^[a-z]{2,3}$")
_YEAR_OUT_OF_RANGE = re.compile(r"^\s*([+-]\d+|0000|\d{5,})-")


class Selection(StrEnum):
    """Which questions each student gets."""

    SAME_FOR_ALL = "same-for-all"
    """One set drawn from the seed: everyone answers the same questions."""
    PER_STUDENT = "per-student"
    """Each attempt draws its own set from the pool, preferring items the student has not seen."""


class ReviewPolicy(StrEnum):
    """What a student sees of the answer key, and when."""

    SCORE_ONLY = "score-only"
    AFTER_SUBMIT = "after-submit"
    """Right after handing in: the first student to hand in can pass the key to the others."""
    AFTER_CLOSE = "after-close"
    """Once the quiz has closed and its grace period run out; with no close time set, once the
    teacher closes it."""


@dataclass(frozen=True)
class QuizSpec:
    """Everything a teacher decides about a quiz. Times are timezone-aware UTC datetimes."""

    title: str
    deck: str
    lang: str
    count: int
    topics: tuple[str, ...] = ()
    """Topic ids (with their subtopics); empty means the whole deck."""
    kinds: tuple[Kind, ...] = QUIZ_KINDS
    selection: Selection = Selection.SAME_FOR_ALL
    seed: int = 0
    shuffle_questions: bool = True
    shuffle_options: bool = True
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    time_limit: timedelta | None = None
    grace: timedelta = timedelta(seconds=30)
    """Answers sent this long after the deadline still count (a slow network, a last click)."""
    attempts: int = 1
    password: str | None = None
    points: float = 1.0
    """Points for each question, unless `question_points` names it."""
    question_points: tuple[tuple[str, float], ...] = ()
    review: ReviewPolicy = ReviewPolicy.AFTER_CLOSE
    open_book: bool = False
    """Closed book (the default) keeps every fact the quiz asks about out of Browse, Practice,
    Study and Export for learners until the quiz closes; open book leaves them there."""
    approved_only: bool | None = None
    """Draw only questions a person approved (reviews.yaml); None, the default, means yes once
    the deck has any approval, so a reviewed deck's quizzes use the reviewed questions and an
    unreviewed deck still gives quizzes."""

    def draws_approved_only(self, deck_has_approvals: bool) -> bool:
        return deck_has_approvals if self.approved_only is None else self.approved_only

    def __post_init__(self) -> None:
        # Accept plain strings and lists for the enum and tuple fields, as forms produce them.
        unknown = [
            _unknown_choice(name, value, choices)
            for name, choices in (
                ("kinds", Kind),
                ("selection", Selection),
                ("review", ReviewPolicy),
            )
            for value in (self.kinds if name == "kinds" else (getattr(self, name),))
            if value not in {choice.value for choice in choices}
        ]
        if unknown:
            raise SpecError(unknown)
        object.__setattr__(self, "kinds", tuple(Kind(kind) for kind in self.kinds))
        object.__setattr__(self, "selection", Selection(self.selection))
        object.__setattr__(self, "review", ReviewPolicy(self.review))
        object.__setattr__(self, "topics", tuple(self.topics))
        object.__setattr__(self, "question_points", tuple(sorted(self.question_points)))
        problems = check_values({f.name: getattr(self, f.name) for f in fields(self)})
        if problems:
            raise SpecError(problems)

    def points_for(self, question_id: str) -> float:
        return dict(self.question_points).get(question_id, self.points)

    def with_points(self, points: Mapping[str, float]) -> QuizSpec:
        """This spec with the points given per question id; `question_points` keeps only those
        that differ from `points`, so a spec saved from the points table stays short."""
        return replace(
            self,
            question_points=tuple(
                (question_id, float(value))
                for question_id, value in points.items()
                if float(value) != self.points
            ),
        )

    def to_yaml(self) -> str:
        """The spec as YAML a teacher can read, edit, keep and import again."""
        data: dict[str, Any] = {}
        for name, key in YAML_KEYS.items():
            value = getattr(self, name)
            if name == "approved_only" and value is None:
                continue  # decided by the deck: a spec written before the setting reads the same
            if name == "kinds":
                value = [kind.value for kind in value]
            elif name == "topics":
                value = list(value)
            elif isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, datetime):
                value = value.astimezone(UTC).isoformat().replace("+00:00", "Z")
            elif name == "time_limit":
                value = None if value is None else _whole(value.total_seconds() / 60)
            elif name == "grace":
                value = _whole(value.total_seconds())
            elif name == "points":
                value = _whole(value)
            elif name == "question_points":
                value = {qid: _whole(points) for qid, points in value}
            data[key] = value
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)

    @classmethod
    def from_yaml(cls, text: str, shown_as: str = "quiz.yaml") -> QuizSpec:
        """Read a spec; raises SpecError listing every problem as `file:line:column: ...`."""
        return _SpecReader(shown_as).read(text)


YAML_KEYS = {
    "title": "title",
    "deck": "deck",
    "lang": "language",
    "count": "questions",
    "topics": "topics",
    "kinds": "kinds",
    "selection": "selection",
    "seed": "seed",
    "shuffle_questions": "shuffle_questions",
    "shuffle_options": "shuffle_options",
    "opens_at": "opens",
    "closes_at": "closes",
    "time_limit": "time_limit_minutes",
    "grace": "grace_seconds",
    "attempts": "attempts",
    "password": "password",
    "points": "points",
    "question_points": "question_points",
    "review": "review",
    "open_book": "open_book",
    "approved_only": "approved_only",
}
"""Field name -> YAML key, in the order `to_yaml` writes them."""

_REQUIRED = ("title", "deck", "language", "questions")


def check_values(values: dict[str, Any]) -> list[SpecProblem]:
    """Every rule a spec breaks, each naming its setting (the YAML key) and carrying its key."""
    problems: list[SpecProblem] = []

    def add(name: str, message: str, hint: str, key: str, **shown: object) -> None:
        problems.append(SpecProblem(message, hint, key, tuple(shown.items()), YAML_KEYS[name]))

    title = values["title"]
    if not title.strip():
        add(
            "title",
            "the quiz has no title",
            "give it a title students will recognise",
            "spec.no_title",
        )
    elif len(title) > MAX_TITLE:
        add(
            "title",
            f"the title is longer than {MAX_TITLE} characters",
            "shorten it",
            "spec.title_too_long",
            limit=MAX_TITLE,
        )
    if not ID_PATTERN.match(values["deck"]):
        add(
            "deck",
            f"'{values['deck']}' is not a deck id",
            "use the deck's folder name",
            "spec.not_a_deck",
            deck=values["deck"],
        )
    if not _LANG.match(values["lang"]):
        add(
            "lang",
            f"'{values['lang']}' is not a language code",
            "write e.g. en or ru",
            "spec.not_a_language",
            language=values["lang"],
        )
    if not 1 <= values["count"] <= MAX_QUESTIONS:
        add(
            "count",
            f"a quiz has 1 to {MAX_QUESTIONS} questions, not {values['count']}",
            "change the number of questions",
            "spec.count_range",
            limit=MAX_QUESTIONS,
            count=values["count"],
        )
    for topic in values["topics"]:
        if not ID_PATTERN.match(topic):
            add(
                "topics",
                f"'{topic}' is not a topic id",
                "use the topic ids of the deck",
                "spec.not_a_topic",
                topic=topic,
            )
    if not values["kinds"]:
        add("kinds", "no question kinds are chosen", "choose at least one kind", "spec.no_kinds")
    for kind in values["kinds"]:
        if kind not in QUIZ_KINDS:
            add(
                "kinds",
                f"'{kind}' questions cannot be set in a quiz",
                "use " + ", ".join(k.value for k in QUIZ_KINDS),
                "spec.kind_not_in_quiz",
                kind=Kind(kind),
                kinds=QUIZ_KINDS,
            )
    if not 0 <= values["seed"] <= MAX_SEED:
        add(
            "seed",
            f"the seed runs from 0 to {MAX_SEED}",
            "use a whole number in that range",
            "spec.seed_range",
            limit=MAX_SEED,
        )
    opens, closes = values["opens_at"], values["closes_at"]
    for name, moment in (("opens_at", opens), ("closes_at", closes)):
        if moment is not None and moment.tzinfo is None:
            add(
                name,
                f"'{moment.isoformat()}' has no time zone",
                "add one, e.g. 2025-11-24T09:00:00+03:00",
                "spec.time_no_zone",
                value=moment.isoformat(),
            )
        elif moment is not None and not EARLIEST <= moment <= LATEST:
            add(
                name,
                f"'{moment.isoformat()}': {_OUT_OF_RANGE}",
                _IN_RANGE,
                "spec.time_range",
                value=moment.isoformat(),
            )
    if (
        opens is not None
        and closes is not None
        and opens.tzinfo is not None
        and closes.tzinfo is not None
        and closes <= opens
    ):
        add(
            "closes_at",
            "the quiz closes before it opens",
            "set the close time after the open",
            "spec.closes_before_opens",
        )
    limit = values["time_limit"]
    if limit is not None and not timedelta(minutes=1) <= limit <= MAX_TIME_LIMIT:
        add(
            "time_limit",
            "a time limit runs from 1 to 1440 minutes",
            "change it, or remove it",
            "spec.time_limit_range",
        )
    if not timedelta(0) <= values["grace"] <= MAX_GRACE:
        add(
            "grace",
            "the grace period runs from 0 to 3600 seconds",
            "change it",
            "spec.grace_range",
        )
    if not 1 <= values["attempts"] <= MAX_ATTEMPTS:
        add(
            "attempts",
            f"attempts run from 1 to {MAX_ATTEMPTS}",
            "change the number of attempts",
            "spec.attempts_range",
            limit=MAX_ATTEMPTS,
        )
    password = values["password"]
    if password is not None and not password.strip():
        add(
            "password",
            "the quiz password is blank",
            "remove it, or give a real one",
            "spec.password_blank",
        )
    elif password is not None and len(password) > MAX_PASSWORD:
        add(
            "password",
            f"the quiz password is over {MAX_PASSWORD} characters",
            "shorten it",
            "spec.password_too_long",
            limit=MAX_PASSWORD,
        )
    if not _good_points(values["points"]):
        add(
            "points",
            "points must be above 0 and at most 1000",
            "change the points",
            "spec.points_range",
        )
    for question_id, points in values["question_points"]:
        if not _good_points(points):
            add(
                "question_points",
                f"the points for {question_id} must be above 0 and at most 1000",
                "change them",
                "spec.question_points_range",
                question=question_id,
            )
    return problems


_OUT_OF_RANGE = "quiz times run from the year 2000 to 2999"
_IN_RANGE = "write a time within them, e.g. 2025-11-24T09:00:00Z"


def _unknown_choice(name: str, value: object, choices: type[StrEnum]) -> SpecProblem:
    known = [choice.value for choice in choices]
    setting = YAML_KEYS[name]
    return SpecProblem(
        f"unknown {setting} '{value}'",
        "use one of: " + ", ".join(known),
        "spec.unknown_choice",
        (("setting", setting), ("value", value), ("choices", ", ".join(known))),
        setting,
    )


def _good_points(points: float) -> bool:
    return math.isfinite(points) and 0 < points <= MAX_POINTS


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


class _SpecReader:
    """Reads the YAML mapping field by field, recording located problems as the deck loader does."""

    def __init__(self, shown_as: str):
        self.shown_as = shown_as
        self.problems: list[Problem] = []
        self.reader = Reader(shown_as, self.problems, ())

    def read(self, text: str) -> QuizSpec:
        try:
            raw = read_yaml_text(text, self.shown_as)
        except YamlRefused as refused:
            raise SpecError([refused.problem]) from None
        except RecursionError:  # read_yaml_text limits nesting; this guards the readers below it
            raise SpecError(
                [
                    Problem(
                        self.shown_as,
                        1,
                        1,
                        "the quiz spec is nested too deeply to read",
                        "a quiz spec is flat: write each setting as `key: value`",
                    )
                ]
            ) from None
        top = Mark(1, 1)
        m = self.reader.fields(
            raw, top, "the quiz spec", _REQUIRED, tuple(k for k in YAML_KEYS.values())
        )
        if m is None:
            raise SpecError(self.problems)
        values = self.values(m)
        if not self.problems:
            for found in check_values(values):
                self.problem(
                    m, found.setting, found.message, found.hint, found.key, **dict(found.values)
                )
        if self.problems:
            raise SpecError(self.problems)
        return QuizSpec(**values)

    def problem(
        self, m: Map, key: str, message: str, hint: str, code: str = "", **values: object
    ) -> None:
        mark = m.value_mark(key) if key in m else m.mark
        self.reader.problem(mark, message, hint, code, **values)

    def values(self, m: Map) -> dict[str, Any]:
        what = "the quiz spec"
        r = self.reader
        defaults = {f.name: f.default for f in fields(QuizSpec)}
        values: dict[str, Any] = {name: defaults.get(name) for name in YAML_KEYS}
        values["title"] = r.string(m, "title", what) or ""
        values["deck"] = r.string(m, "deck", what) or ""
        values["lang"] = r.string(m, "language", what) or ""
        values["count"] = self.integer(m, "questions", 1)
        values["topics"] = tuple(self.words(m, "topics"))
        if "kinds" in m:
            values["kinds"] = tuple(self.kinds(m))
        values["selection"] = self.choice(m, "selection", Selection, Selection.SAME_FOR_ALL)
        values["seed"] = self.integer(m, "seed", 0)
        values["shuffle_questions"] = self.flag(m, "shuffle_questions")
        values["shuffle_options"] = self.flag(m, "shuffle_options")
        values["opens_at"] = self.moment(m, "opens")
        values["closes_at"] = self.moment(m, "closes")
        values["time_limit"] = self.span(m, "time_limit_minutes", "minutes", None)
        values["grace"] = self.span(m, "grace_seconds", "seconds", QuizSpec.grace)
        values["attempts"] = self.integer(m, "attempts", 1)
        password = m.get("password")
        if password is not None:
            password = r.string(m, "password", what)
        values["password"] = password
        values["points"] = float(self.number(m, "points", 1))
        values["question_points"] = self.question_points(m)
        values["review"] = self.choice(m, "review", ReviewPolicy, QuizSpec.review)
        values["open_book"] = self.flag(m, "open_book", QuizSpec.open_book)
        if m.get("approved_only") is not None:  # absent or null: decided by the deck
            values["approved_only"] = self.flag(m, "approved_only", False)
        return values

    def integer(self, m: Map, key: str, default: int) -> int:
        found = self.reader.integer(m, key, "the quiz spec")
        return default if found is None else found

    def number(self, m: Map, key: str, default: float | None) -> Any:
        value = m.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(
                m,
                key,
                f"'{key}' must be a number, not {value!r}",
                f"write e.g. `{key}: 5`",
                "spec.not_a_number",
                setting=key,
                value=repr(value),
            )
            return default
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(
                m,
                key,
                f"'{key}' must be a finite number, not {value}",
                f"write e.g. `{key}: 5`",
                "spec.not_finite",
                setting=key,
                value=value,
            )
            return default
        return value

    def span(self, m: Map, key: str, unit: str, default: timedelta | None) -> timedelta | None:
        """A number of `unit` as a span; one too large to be a span is a problem here (the
        range a spec allows is checked with the other rules)."""
        number = self.number(m, key, None)
        if number is None:
            return default
        try:
            return timedelta(**{unit: number})
        except OverflowError:
            self.problem(
                m,
                key,
                f"'{key}' is far too large: {number:g}",
                f"give it in {unit}",
                "spec.too_large",
                setting=key,
                value=f"{number:g}",
            )
            return default

    def flag(self, m: Map, key: str, default: bool = True) -> bool:
        value = m.get(key, default)
        if not isinstance(value, bool):
            self.problem(
                m,
                key,
                f"'{key}' must be true or false",
                f"write `{key}: {str(default).lower()}`",
                "spec.not_a_flag",
                setting=key,
                default=str(default).lower(),
            )
            return default
        return value

    def words(self, m: Map, key: str) -> list[str]:
        items = self.reader.seq(m, key, "the quiz spec") if key in m else None
        found = []
        for item, mark in zip(items or (), getattr(items, "item_marks", ()), strict=False):
            if isinstance(item, str) and item.strip():
                found.append(item.strip())
            else:
                self.reader.problem(
                    mark,
                    f"'{key}' holds {item!r}, not an id",
                    "write ids",
                    "spec.not_an_id",
                    setting=key,
                    value=repr(item),
                )
        return found

    def kinds(self, m: Map) -> list[Kind]:
        found = []
        items = self.reader.seq(m, "kinds", "the quiz spec")
        for item, mark in zip(items or (), getattr(items, "item_marks", ()), strict=False):
            try:
                found.append(Kind(str(item)))  # a kind is a word: no other value is one
            except ValueError:
                known = [k.value for k in QUIZ_KINDS]
                self.reader.problem(
                    mark,
                    f"unknown question kind '{item}'",
                    did_you_mean(str(item), known),
                    "spec.unknown_choice",
                    setting="kinds",
                    value=item,
                    choices=", ".join(known),
                )
        return found

    def choice(self, m: Map, key: str, enum: type[_Choice], default: _Choice) -> _Choice:
        if key not in m:
            return default
        try:
            return enum(str(m[key]))  # a choice is a word: no other value is one
        except ValueError:
            known = [e.value for e in enum]
            self.problem(
                m,
                key,
                f"unknown {key} '{m[key]}'",
                did_you_mean(str(m[key]), known),
                "spec.unknown_choice",
                setting=key,
                value=m[key],
                choices=", ".join(known),
            )
            return default

    def moment(self, m: Map, key: str) -> datetime | None:
        value = m.get(key)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            if _YEAR_OUT_OF_RANGE.match(str(value)):
                self.problem(
                    m, key, f"'{value}': {_OUT_OF_RANGE}", _IN_RANGE, "spec.time_range", value=value
                )
            else:
                self.problem(
                    m,
                    key,
                    f"'{value}' is not a date and time",
                    "write e.g. 2025-11-24T09:00:00Z",
                    "spec.not_a_time",
                    value=value,
                )
            return None
        if moment.tzinfo is None:
            self.problem(
                m,
                key,
                f"'{value}' has no time zone",
                "add one, e.g. 2025-11-24T09:00:00+03:00",
                "spec.time_no_zone",
                value=value,
            )
            return None
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:  # e.g. 0001-01-01T00:00:00+03:00 is in the year 0 in UTC
            self.problem(
                m, key, f"'{value}': {_OUT_OF_RANGE}", _IN_RANGE, "spec.time_range", value=value
            )
            return None
        if not EARLIEST <= moment <= LATEST:
            self.problem(
                m, key, f"'{value}': {_OUT_OF_RANGE}", _IN_RANGE, "spec.time_range", value=value
            )
            return None
        return moment

    def question_points(self, m: Map) -> tuple[tuple[str, float], ...]:
        value = m.get("question_points")
        if value is None:
            return ()
        if not isinstance(value, Map):
            self.problem(
                m,
                "question_points",
                "'question_points' must map question ids to points",
                "write each id with its points below it, e.g. `q-0123456789abcdef: 2`",
                "spec.points_not_a_map",
            )
            return ()
        found: dict[str, float] = {}
        for question_id, points in value.items():
            if isinstance(points, bool) or not isinstance(points, (int, float)):
                self.reader.problem(
                    value.value_mark(question_id),
                    f"the points for {question_id} must be a number, not {points!r}",
                    "write a number",
                    "spec.points_not_a_number",
                    question=question_id,
                    value=repr(points),
                )
                continue
            found[question_id] = float(points)
        return tuple(sorted(found.items()))
