"""Quiz specs: exact YAML round trips, located problems, hostile YAML refused."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from conftest import PROJECT_ROOT
from hypothesis import given
from hypothesis import strategies as st

from classroom.errors import SpecError
from classroom.spec import QUIZ_KINDS, QuizSpec, ReviewPolicy, Selection
from questions.model import Kind

MONDAY_NINE = datetime(2025, 11, 24, 9, 0, tzinfo=UTC)

FULL = """\
title: Dairen and Changchun
deck: far-east-1920-1925
language: ru
questions: 12
topics: [dairen, changchun]
kinds: [multiple_choice, true_false]
selection: per-student
seed: 7
shuffle_questions: false
shuffle_options: true
opens: 2025-11-24T12:00:00+03:00
closes: 2025-11-24T10:00:00Z
time_limit_minutes: 20
grace_seconds: 45
attempts: 2
password: tanaka
points: 2
question_points: {q-0123456789abcdef: 5}
review: after-close
open_book: true
"""


def test_a_full_spec_reads_every_field():
    spec = QuizSpec.from_yaml(FULL)
    assert spec == QuizSpec(
        title="Dairen and Changchun",
        deck="far-east-1920-1925",
        lang="ru",
        count=12,
        topics=("dairen", "changchun"),
        kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE),
        selection=Selection.PER_STUDENT,
        seed=7,
        shuffle_questions=False,
        shuffle_options=True,
        opens_at=MONDAY_NINE,
        closes_at=MONDAY_NINE + timedelta(hours=1),
        time_limit=timedelta(minutes=20),
        grace=timedelta(seconds=45),
        attempts=2,
        password="tanaka",
        points=2.0,
        question_points=(("q-0123456789abcdef", 5.0),),
        review=ReviewPolicy.AFTER_CLOSE,
        open_book=True,
    )
    assert spec.points_for("q-0123456789abcdef") == 5.0
    assert spec.points_for("q-ffffffffffffffff") == 2.0


def test_a_minimal_spec_takes_the_defaults_and_writes_them_out():
    spec = QuizSpec.from_yaml("title: T\ndeck: mini\nlanguage: en\nquestions: 3\n")
    assert spec.kinds == QUIZ_KINDS
    assert spec.selection is Selection.SAME_FOR_ALL
    assert spec.review is ReviewPolicy.AFTER_CLOSE and spec.open_book is False
    assert (spec.attempts, spec.grace, spec.time_limit) == (1, timedelta(seconds=30), None)
    assert spec.to_yaml() == (
        "title: T\ndeck: mini\nlanguage: en\nquestions: 3\ntopics: []\n"
        "kinds: [multiple_choice, true_false, sources_differ, typed, cloze]\n"
        "selection: same-for-all\nseed: 0\nshuffle_questions: true\nshuffle_options: true\n"
        "opens: null\ncloses: null\ntime_limit_minutes: null\ngrace_seconds: 30\nattempts: 1\n"
        "password: null\npoints: 1\nquestion_points: {}\nreview: after-close\n"
        "open_book: false\n"
    )


def test_the_full_spec_round_trips_with_times_in_utc():
    spec = QuizSpec.from_yaml(FULL)
    text = spec.to_yaml()
    assert "opens: '2025-11-24T09:00:00Z'" in text
    assert QuizSpec.from_yaml(text) == spec


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))


@st.composite
def specs(draw):
    opens = draw(st.none() | moments)
    closes = draw(st.none() | moments)
    if opens is not None and closes is not None and closes <= opens:
        closes = opens + timedelta(minutes=draw(st.integers(1, 10_000)))
    return QuizSpec(
        title=draw(
            st.text(
                st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
                min_size=1,
                max_size=40,
            ).filter(lambda t: t.strip() == t and t)
        ),
        deck=draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)),
        lang=draw(st.sampled_from(["en", "ru", "ja"])),
        count=draw(st.integers(1, 200)),
        topics=tuple(draw(st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=3))),
        kinds=tuple(
            draw(st.lists(st.sampled_from(QUIZ_KINDS), min_size=1, max_size=5, unique=True))
        ),
        selection=draw(st.sampled_from(Selection)),
        seed=draw(st.integers(0, 2**31 - 1)),
        shuffle_questions=draw(st.booleans()),
        shuffle_options=draw(st.booleans()),
        opens_at=opens,
        closes_at=closes,
        time_limit=draw(st.none() | st.integers(1, 1440).map(lambda m: timedelta(minutes=m))),
        grace=timedelta(seconds=draw(st.integers(0, 3600))),
        attempts=draw(st.integers(1, 20)),
        password=draw(st.none() | st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True)),
        points=draw(st.sampled_from([0.5, 1.0, 2.0, 3.25])),
        question_points=tuple(
            draw(
                st.dictionaries(
                    st.from_regex(r"q-[0-9a-f]{16}", fullmatch=True),
                    st.sampled_from([0.5, 2.0, 10.0]),
                    max_size=3,
                )
            ).items()
        ),
        review=draw(st.sampled_from(ReviewPolicy)),
        open_book=draw(st.booleans()),
    )


@given(specs())
def test_every_valid_spec_round_trips_exactly(spec):
    assert QuizSpec.from_yaml(spec.to_yaml()) == spec


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("questions: 0", "quiz.yaml:4:12: a quiz has 1 to 200 questions, not 0"),
        ("closes: 2025-11-24T08:00:00Z", "quiz.yaml:12:9: the quiz closes before it opens"),
        ("opens: 2025-11-24T09:00:00", "quiz.yaml:11:8: '2025-11-24T09:00:00' has no time zone"),
        ("kinds: [flashcard]", "quiz.yaml:6:8: 'flashcard' questions cannot be set in a quiz"),
        ("kinds: [multiple_choise]", "quiz.yaml:6:9: unknown question kind 'multiple_choise'"),
        ("review: after-closing", "quiz.yaml:19:9: unknown review 'after-closing'"),
        ("attempts: 21", "quiz.yaml:15:11: attempts run from 1 to 20"),
        ("attempts: two", "quiz.yaml:15:11: 'attempts' of the quiz spec must be a whole number"),
        ("time_limit_minutes: 0", "quiz.yaml:13:21: a time limit runs from 1 to 1440 minutes"),
        ("password: '  '", "quiz.yaml:16:11: 'password' of the quiz spec is empty"),
        ("points: -1", "quiz.yaml:17:9: points must be above 0 and at most 1000"),
        ("shuffle_options: maybe", "quiz.yaml:10:18: 'shuffle_options' must be true or false"),
        ("open_book: 'no'", "quiz.yaml:20:12: 'open_book' must be true or false"),
        ("deck: Far East", "quiz.yaml:2:7: 'Far East' is not a deck id"),
    ],
)
def test_each_mistake_is_reported_at_its_line_and_column(change, message):
    key = change.split(":")[0]
    lines = [change if line.startswith(key + ":") else line for line in FULL.splitlines()]
    with pytest.raises(SpecError) as caught:
        QuizSpec.from_yaml("\n".join(lines) + "\n")
    assert any(str(problem).startswith(message) for problem in caught.value.problems), str(
        caught.value
    )


def test_all_problems_are_listed_at_once_with_a_hint():
    text = "title: T\ndeck: mini\nlanguage: en\nquestions: 0\nattempts: 0\nreviw: score-only\n"
    with pytest.raises(SpecError) as caught:
        QuizSpec.from_yaml(text, "class-7b.yaml")
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        "class-7b.yaml:6:1: unknown key 'reviw' in the quiz spec — did you mean 'review'?",
    ]
    with pytest.raises(SpecError) as caught:
        QuizSpec.from_yaml(text.replace("reviw", "review"), "class-7b.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "class-7b.yaml:4:12: a quiz has 1 to 200 questions, not 0 — change the number of questions",
        "class-7b.yaml:5:11: attempts run from 1 to 20 — change the number of attempts",
    ]


def test_a_missing_key_and_a_non_mapping_are_reported():
    with pytest.raises(SpecError, match="quiz.yaml:1:1: the quiz spec is missing the key 'deck'"):
        QuizSpec.from_yaml("title: T\nlanguage: en\nquestions: 3\n")
    with pytest.raises(SpecError, match="the quiz spec must be a mapping, not a list"):
        QuizSpec.from_yaml("- title: T\n")


def test_the_key_waits_for_the_close_unless_the_teacher_chooses_otherwise():
    """Right after handing in let a blank attempt under a throwaway name read every answer
    while the class was still answering: a teacher now has to choose it."""
    built = QuizSpec(title="T", deck="mini", lang="en", count=1)
    assert built.review is ReviewPolicy.AFTER_CLOSE and built.closes_at is None
    imported = QuizSpec.from_yaml("title: T\ndeck: mini\nlanguage: en\nquestions: 1\n")
    assert imported.review is ReviewPolicy.AFTER_CLOSE
    chosen = QuizSpec.from_yaml(
        "title: T\ndeck: mini\nlanguage: en\nquestions: 1\nreview: after-submit\n"
    )
    assert chosen.review is ReviewPolicy.AFTER_SUBMIT


def test_a_spec_stored_before_open_book_existed_reads_as_closed_book_and_keeps_its_review():
    stored = (
        "title: T\ndeck: mini\nlanguage: en\nquestions: 1\ntopics: []\n"
        "kinds: [multiple_choice]\nselection: same-for-all\nseed: 0\n"
        "shuffle_questions: true\nshuffle_options: true\nopens: null\ncloses: null\n"
        "time_limit_minutes: null\ngrace_seconds: 30\nattempts: 1\npassword: null\n"
        "points: 1\nquestion_points: {}\nreview: after-submit\n"
    )
    spec = QuizSpec.from_yaml(stored)
    assert spec.open_book is False and spec.review is ReviewPolicy.AFTER_SUBMIT
    assert spec.to_yaml() == stored + "open_book: false\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: &x 1\nb: *x\n",
            "quiz.yaml:2:4: YAML anchors and aliases (&name / *name) are not allowed",
        ),
        ("title: !!python/object:os.system x\n", "quiz.yaml:1:8: YAML tag"),
        ("title: T\n<<: {deck: mini}\n", "quiz.yaml:2:1: YAML merge keys (<<) are not allowed"),
        ("title: [unclosed\n", "quiz.yaml:2:1: YAML syntax error"),
        ("title: T\ntitle: U\n", "quiz.yaml:2:1: duplicate key 'title' in the same mapping"),
        ("x: " + "a" * 70_000, "over the 65,536-byte limit"),
    ],
)
def test_hostile_yaml_is_refused_with_a_located_message(text, message):
    with pytest.raises(SpecError) as caught:
        QuizSpec.from_yaml(text)
    assert message in str(caught.value)


HEAD = "title: T\ndeck: mini\nlanguage: en\nquestions: 3\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("topics: " + "[" * 330 + "]" * 330, "5:16: lists and mappings are nested more than 8"),
        ("topics: " + "[" * 900 + "]" * 900, "5:16: lists and mappings are nested more than 8"),
        ("question_points: " + "{a: " * 600 + "1" + "}" * 600, "5:46: lists and mappings are"),
        ("grace_seconds: .nan", "5:16: 'grace_seconds' must be a finite number, not nan"),
        ("grace_seconds: .inf", "5:16: 'grace_seconds' must be a finite number, not inf"),
        ("grace_seconds: 1.0e+15", "5:16: 'grace_seconds' is far too large"),
        ("time_limit_minutes: .inf", "5:21: 'time_limit_minutes' must be a finite number"),
        ("time_limit_minutes: -.inf", "5:21: 'time_limit_minutes' must be a finite number"),
        ("time_limit_minutes: 1.0e+300", "5:21: 'time_limit_minutes' is far too large"),
        ("points: .nan", "5:9: 'points' must be a finite number, not nan"),
        ("opens: 0000-01-01T00:00:00Z", "5:8: '0000-01-01T00:00:00Z': quiz times run from"),
        ("opens: 10000-01-01T00:00:00Z", "5:8: '10000-01-01T00:00:00Z': quiz times run from"),
        ("opens: 0001-01-01T00:00:00+03:00", "5:8: '0001-01-01T00:00:00+03:00': quiz times"),
        ("closes: 9999-12-31T23:59:59Z", "5:9: '9999-12-31T23:59:59Z': quiz times run from"),
        ("closes: 9999-12-31T23:30:00-05:00", "5:9: '9999-12-31T23:30:00-05:00': quiz times"),
        ("seed: " + "9" * 5000, "5:7: number is 5,000 characters long"),
        ("seed: 99999999999", "5:7: the seed runs from 0 to 2147483647"),
    ],
)
def test_the_limits_of_an_imported_spec_are_located_problems(line, message):
    """Deep nesting, endless or huge numbers and dates no quiz can have never crash the
    import (RecursionError, ValueError, OverflowError) but point at the offending value."""
    with pytest.raises(SpecError) as caught:
        QuizSpec.from_yaml(HEAD + line + "\n")
    [problem] = caught.value.problems
    assert str(problem).startswith("quiz.yaml:" + message)


def test_a_spec_built_in_code_keeps_its_times_within_the_years_a_quiz_can_use():
    good = QuizSpec(title="T", deck="mini", lang="en", count=3)
    for moment in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)):
        with pytest.raises(SpecError, match="quiz times run from the year 2000 to 2999"):
            replace(good, closes_at=moment)


def test_a_spec_built_in_code_is_checked_too():
    good = QuizSpec(title="T", deck="mini", lang="en", count=3, kinds=["typed"])
    assert good.kinds == (Kind.TYPED,)
    with pytest.raises(SpecError, match="the quiz closes before it opens"):
        replace(good, opens_at=MONDAY_NINE, closes_at=MONDAY_NINE)
    with pytest.raises(SpecError, match="'flashcard' questions cannot be set in a quiz"):
        replace(good, kinds=(Kind.FLASHCARD,))
    with pytest.raises(SpecError, match="'2025-11-24T09:00:00' has no time zone"):
        replace(good, opens_at=datetime(2025, 11, 24, 9, 0))


def test_the_readme_example_is_a_valid_spec():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("**The quiz spec as YAML.**") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", 10)]
    spec = QuizSpec.from_yaml(example, "README.md")
    assert (spec.title, spec.count, spec.review, spec.open_book) == (
        "The Dairen Conference",
        10,
        ReviewPolicy.AFTER_CLOSE,
        False,
    )
    assert spec.opens_at == datetime(2025, 11, 24, 6, 0, tzinfo=UTC)


def test_points_from_the_points_table_keep_only_those_that_differ_from_the_default():
    spec = QuizSpec(title="T", deck="d", lang="en", count=2, points=2.0, question_points=[("a", 5)])
    changed = spec.with_points({"b": 2, "c": 0.5, "d": 3})
    assert changed.question_points == (("c", 0.5), ("d", 3.0))
    assert changed.points_for("a") == changed.points_for("b") == 2.0
    assert replace(changed, question_points=()) == replace(spec, question_points=())
