"""What a student cannot do, whatever the browser sends: answer late, guess a password, take an
extra attempt, act on another attempt, or read the answer key before the review policy allows."""

import json
from dataclasses import asdict, fields, replace
from datetime import timedelta

import pytest
from classroom_support import BACKENDS, MONDAY_NINE, database_url, decks, mini_bank
from sqlalchemy import func, select

from classroom import codes
from classroom.errors import (
    AnswerRefused,
    AttemptNotFound,
    NameRefused,
    NoAttemptsLeft,
    QuizNotFound,
    TeacherPasswordMissing,
    WrongPassword,
)
from classroom.schema import attempts, responses
from classroom.selection import arrange, candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec, ReviewPolicy
from classroom.teacher import password_matches, teacher_password
from classroom.views import AttemptStatus, AttemptView, ItemView
from questions.model import Kind

T = MONDAY_NINE
SPEC = QuizSpec(
    title="Dairen",
    deck="mini",
    lang="en",
    count=5,
    kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.TYPED),
    opens_at=T,
    closes_at=T + timedelta(hours=1),
    time_limit=timedelta(minutes=10),
    grace=timedelta(seconds=30),
    password="tanaka-1921",
    review=ReviewPolicy.AFTER_CLOSE,
)


def at(minutes: float = 0, seconds: float = 0):
    return T + timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture(params=BACKENDS)
def classroom(request, tmp_path):
    service = Classroom.open(database_url(request.param, tmp_path), decks)
    yield service
    service.close()


@pytest.fixture
def quiz(classroom):
    return classroom.create_quiz(SPEC, candidates(SPEC, mini_bank()), T)


def some_answer(joined, position: int):
    """A well-formed answer to the item at `position`: the first option, or a typed word."""
    return 0 if joined.attempt.items[position].options else "1921"


def saved_responses(classroom) -> int:
    with classroom.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(responses)).scalar_one()


def test_a_forged_late_answer_is_refused_and_not_stored(classroom, quiz):
    joined = classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    cutoff = at(11, 30)  # ten minutes from the start, plus thirty seconds of grace
    classroom.answer(joined.resume_code, 0, some_answer(joined, 0), cutoff)
    with pytest.raises(AnswerRefused) as refused:
        classroom.answer(
            joined.resume_code, 1, some_answer(joined, 1), cutoff + timedelta(seconds=1)
        )
    assert str(refused.value) == (
        "time is up: answers were accepted until 2025-11-24 09:11:30 UTC, and this one came at"
        " 2025-11-24 09:11:31 UTC; it was not saved"
    )
    with pytest.raises(AnswerRefused, match="handed in at 2025-11-24 09:11:30 UTC"):
        classroom.answer(joined.resume_code, 1, some_answer(joined, 1), at(12))
    assert saved_responses(classroom) == 1
    view = classroom.attempt(joined.resume_code, at(12))
    assert view.status is AttemptStatus.TIMED_OUT and view.items[1].response is None


def test_an_answer_after_handing_in_is_refused(classroom, quiz):
    joined = classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    classroom.answer(joined.resume_code, 0, some_answer(joined, 0), at(2))
    classroom.submit(joined.resume_code, at(3))
    with pytest.raises(AnswerRefused, match="this attempt was handed in at 2025-11-24 09:03:00"):
        classroom.answer(joined.resume_code, 0, some_answer(joined, 0), at(4))
    assert classroom.attempt(joined.resume_code, at(5)).items[0].response == some_answer(joined, 0)


def test_a_wrong_or_missing_quiz_password_is_refused(classroom, quiz):
    for wrong in ("", "tanaka-1922", "TANAKA-1921", "tanaka-1921 "):
        with pytest.raises(WrongPassword, match="the quiz password is wrong: ask your teacher"):
            classroom.join(quiz.join_code, "Ann", wrong, at(1))
    with classroom.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(attempts)).scalar_one() == 0
    assert classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1)).attempt.number == 1
    assert classroom.find_quiz(quiz.join_code, at(1)).needs_password


def test_an_extra_attempt_is_refused_even_under_another_spelling_of_the_name(classroom, quiz):
    joined = classroom.join(quiz.join_code, "Ann Lee", "tanaka-1921", at(1))
    classroom.submit(joined.resume_code, at(2))
    for name in ("Ann Lee", "ann lee", "  ANN   LEE "):
        with pytest.raises(NoAttemptsLeft, match="has used the 1 attempt this quiz allows"):
            classroom.join(quiz.join_code, name, "tanaka-1921", at(3))


LOOK_ALIKES = {
    "zero-width space": "An\u200bdré Petrov",
    "Cyrillic А": "\u0410ndré Petrov",
    "full-width letters": "Ａｎｄｒé Ｐｅｔｒｏｖ",
    "combining accent": "Andre\u0301 Petrov",
    "soft hyphen": "And\u00adré Petrov",
    "trailing dot": "André Petrov.",
}


@pytest.mark.parametrize("look_alike", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_a_look_alike_spelling_of_a_name_gets_no_second_attempt(classroom, quiz, look_alike):
    joined = classroom.join(quiz.join_code, "André Petrov", "tanaka-1921", at(1))
    classroom.submit(joined.resume_code, at(2))
    with pytest.raises(NoAttemptsLeft, match="has used the 1 attempt this quiz allows"):
        classroom.join(quiz.join_code, look_alike, "tanaka-1921", at(3))
    assert classroom.join(quiz.join_code, "Andrea Petrova", "tanaka-1921", at(3)).attempt


@pytest.mark.parametrize("name", ["\u200b\u200d", "\u00ad . ", "\ufe0f\u3164"])
def test_a_name_of_invisible_characters_and_dots_is_refused(classroom, quiz, name):
    with pytest.raises(NameRefused, match="type your name as your teacher knows it"):
        classroom.join(quiz.join_code, name, "tanaka-1921", at(1))


def test_a_name_that_normalises_to_a_very_long_key_is_refused_not_a_crash(classroom, quiz):
    with pytest.raises(NameRefused, match="at most 80 characters"):
        classroom.join(quiz.join_code, "\ufdfa" * 20, "tanaka-1921", at(1))
    assert classroom.join(quiz.join_code, "\ufdfa" * 2, "tanaka-1921", at(1)).attempt


def test_a_name_cannot_take_over_someone_elses_running_attempt(classroom, quiz):
    classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    with pytest.raises(NoAttemptsLeft, match="already has an attempt in progress"):
        classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(2))


@pytest.mark.parametrize(
    "forged",
    [
        "",
        "AAAA-AAAA-AAAA-AAAA",
        "1",
        "' OR '1'='1",
        "x" * 10_000,
        "ÅÅÅÅ-ÅÅÅÅ-ÅÅÅÅ-ÅÅÅÅ",
    ],
)
def test_a_forged_resume_code_reaches_no_attempt(classroom, quiz, forged):
    classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    for act in (
        lambda: classroom.attempt(forged, at(2)),
        lambda: classroom.answer(forged, 0, 0, at(2)),
        lambda: classroom.submit(forged, at(2)),
    ):
        with pytest.raises(AttemptNotFound, match="no attempt has this resume code"):
            act()
    assert saved_responses(classroom) == 0


def test_an_attempt_answers_only_its_own_paper(classroom, quiz):
    ann = classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    boris = classroom.join(quiz.join_code, "Boris", "tanaka-1921", at(1))
    for position in (-1, 5, 10**6, "0", 1.0, None, True):
        with pytest.raises(AnswerRefused, match="there is no question"):
            classroom.answer(ann.resume_code, position, 0, at(2))
    choice_at = next(i.position for i in ann.attempt.items if i.kind is Kind.MULTIPLE_CHOICE)
    typed_at = next(i.position for i in ann.attempt.items if i.kind is Kind.TYPED)
    for forged in (4, -1, "0", [0], {"answer": 0}):
        with pytest.raises(AnswerRefused, match="there is no option"):
            classroom.answer(ann.resume_code, choice_at, forged, at(2))
    with pytest.raises(AnswerRefused, match="this question takes a typed answer"):
        classroom.answer(ann.resume_code, typed_at, 0, at(2))
    classroom.answer(ann.resume_code, choice_at, 1, at(2))
    assert classroom.attempt(boris.resume_code, at(3)).answered == 0


def test_a_forged_position_beyond_any_integer_is_refused_not_overflowed(classroom, quiz):
    ann = classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    for position in (2**63, -(2**63) - 1, 2**31, 2**64 + 1, 10**100, -(10**100)):
        with pytest.raises(AnswerRefused, match="there is no question") as refused:
            classroom.answer(ann.resume_code, position, 0, at(2))
        assert refused.value.key == "no_question"
    for forged in (2**63, -1, "1", None):
        with pytest.raises(QuizNotFound):
            classroom.quiz(forged)
        with pytest.raises(AttemptNotFound):
            classroom.reissue_code(forged)
    assert saved_responses(classroom) == 0
    assert classroom.answer(ann.resume_code, 0, some_answer(ann, 0), at(2)).revision == 1


@pytest.mark.parametrize("forged", [None, 7, 1.5, ["Ann"], {"name": "Ann"}, b"Ann"])
def test_codes_names_and_passwords_that_are_not_text_are_refused_not_crashed(
    classroom, quiz, forged
):
    with pytest.raises(QuizNotFound):
        classroom.join(forged, "Ann", "tanaka-1921", at(1))
    with pytest.raises(NameRefused):
        classroom.join(quiz.join_code, forged, "tanaka-1921", at(1))
    with pytest.raises(WrongPassword):
        classroom.join(quiz.join_code, "Ann", forged, at(1))
    with pytest.raises(AttemptNotFound):
        classroom.attempt(forged, at(1))
    with pytest.raises(AttemptNotFound):
        classroom.answer(forged, 0, 0, at(1))


def test_the_students_view_carries_no_answer_key_until_the_policy_opens_it(classroom, quiz):
    assert {f.name for f in fields(ItemView)} == {
        "position",
        "kind",
        "prompt",
        "options",
        "points",
        "response",
        "saved_at",
    }
    joined = classroom.join(quiz.join_code, "Ann", "tanaka-1921", at(1))
    pool = {q.prompt: q for q in classroom.pool(quiz.id)}
    classroom.answer(joined.resume_code, 0, some_answer(joined, 0), at(2))
    for moment, view in (
        ("joined", joined.attempt),
        ("running", classroom.attempt(joined.resume_code, at(2))),
        ("handed in", classroom.submit(joined.resume_code, at(3))),
        ("before close", classroom.attempt(joined.resume_code, at(60, 29))),
    ):
        assert view.review is None, moment
        shown = json.dumps(asdict(view), default=str, ensure_ascii=False)
        for key in ("answer", "accepted", "explanation", "sources", "fraction", "verdict"):
            assert f'"{key}"' not in shown, f"{moment}: the view has a field {key!r}"
        for item in view.items:
            question = pool[item.prompt]
            own = json.dumps(asdict(item), default=str, ensure_ascii=False)
            key = {question.explanation, *(c.quote for c in question.sources)}
            if item.options is None:  # a typed item: its answer must not travel either
                key |= {question.answer, *question.accepted}
            # (a true/false prompt states its fact, so its explanation may repeat the prompt)
            leaked = [k for k in key if len(k) > 3 and k in own and k not in item.prompt]
            assert not leaked, (moment, item.prompt, leaked)
            if item.kind is Kind.TRUE_FALSE:
                assert item.options == ("True", "False")
    opened = classroom.attempt(joined.resume_code, at(60, 30))
    assert opened.review is not None and len(opened.review) == 5
    assert isinstance(opened, AttemptView)


def test_shuffled_options_do_not_reveal_the_answer_by_position():
    spec = replace(SPEC, kinds=(Kind.MULTIPLE_CHOICE,), count=2, password=None)
    positions = set()
    for student in [f"student {n}" for n in range(40)]:
        for item in arrange(spec, candidates(spec, mini_bank()), student):
            positions.add(item.shown().options.index(item.question.answer))
    assert positions == {0, 1, 2, 3}


def test_join_codes_and_resume_codes_are_random_and_long():
    joins = {codes.new_join_code() for _ in range(2000)}
    resumes = {codes.new_resume_code() for _ in range(2000)}
    assert len(joins) == 2000 and len(resumes) == 2000
    assert all(codes.well_formed(c, 8) for c in joins) and all(
        codes.well_formed(c, 16) for c in resumes
    )
    assert len(codes.ALPHABET) ** codes.JOIN_CODE_LENGTH >= 2**40
    assert len(codes.ALPHABET) ** codes.RESUME_CODE_LENGTH >= 2**80
    assert {c for code in joins for c in code} == set(codes.ALPHABET)
    assert codes.normalize_code(" 7kq2-m9xo ") == "7KQ2M9X0"


def test_the_teacher_password_comes_from_the_environment_or_the_secrets_file():
    assert (
        teacher_password({"FACTDECK_TEACHER_PASSWORD": "env-pw"}, {"teacher_password": "s"})
        == "env-pw"
    )
    assert teacher_password({}, {"teacher_password": "secret-pw"}) == "secret-pw"
    for env, secrets in (({}, {}), ({"FACTDECK_TEACHER_PASSWORD": "  "}, {"teacher_password": ""})):
        with pytest.raises(TeacherPasswordMissing, match="No teacher password is set"):
            teacher_password(env, secrets)
    assert password_matches("correct horse", "correct horse")
    assert not password_matches("correct hors", "correct horse")
    assert not password_matches("", "correct horse")
