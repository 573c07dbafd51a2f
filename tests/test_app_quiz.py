"""The student's quiz page: join, answer (each answer saved and said so), resume from the URL or
the resume code, hand in, and see only what the review policy allows."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st
from classroom_support import mini_bank, write_lock_held
from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest

from app_pages.common import plain
from app_pages.strings import TEXTS
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec, ReviewPolicy
from questions.model import Kind

QUIZ = "app_pages/quiz.py"
BROWSE = "app_pages/browse.py"
SPEC = QuizSpec(
    title="Dairen check",
    deck="mini",
    lang="en",
    count=3,
    kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE),
    time_limit=timedelta(minutes=30),
)


@pytest.fixture
def classroom(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    service = Classroom.open(url)
    yield service
    service.close()
    st.cache_resource.clear()


def set_quiz(classroom, spec=SPEC):
    return classroom.create_quiz(spec, candidates(spec, mini_bank()), datetime.now(UTC))


def open_page(attempt: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    if attempt:
        at.query_params["attempt"] = attempt
    at.run()
    at.switch_page(QUIZ).run()
    assert not at.exception
    return at


def join(
    at: AppTest, code: str, name: str, password: str | None = None, lang: str = "en"
) -> AppTest:
    """The two steps: code and name, then (having read the rules, in the quiz's language `lang`)
    the password and Start."""
    inputs = {t.label: t for t in at.text_input}
    inputs["Join code"].input(code)
    inputs["Your name"].input(name)
    next(b for b in at.button if b.label == "Next").click().run()
    assert not at.exception
    if at.error:
        return at
    if password is not None:
        label = TEXTS["quiz.password"][lang]
        field = next(t for t in at.text_input if t.label == label)
        field.input(password)
    start = TEXTS["quiz.start"][lang]
    next(b for b in at.button if b.label == start).click().run()
    assert not at.exception
    return at


def shown_text(at: AppTest) -> str:
    """Everything the page put on screen, labels and options included."""
    parts = [
        e.value
        for kind in (
            "markdown",
            "caption",
            "title",
            "code",
            "info",
            "success",
            "warning",
            "error",
            "subheader",
        )
        for e in getattr(at, kind)
    ]
    parts += [r.label for r in at.radio] + [o for r in at.radio for o in r.options]
    parts += [t.label for t in at.text_input] + [e.label for e in at.expander]
    return "\n".join(str(p) for p in parts)


def test_joining_answering_and_resuming_after_a_reload(classroom):
    quiz = set_quiz(classroom)
    at = join(open_page(), quiz.join_code.lower(), "Ann")
    assert [t.value for t in at.title] == ["Dairen check"]
    code = at.session_state.quiz_code
    assert code in str(at.query_params["attempt"])
    assert any(code in c.value for c in at.code)
    assert len(at.radio) == 3 and all(r.value is None for r in at.radio)
    at.radio[0].set_value(1).run()
    assert not at.exception
    assert [c.value for c in at.caption if c.value.startswith("✓ Saved at")] != []
    saved = classroom.attempt(code, datetime.now(UTC))
    assert saved.items[0].response == 1 and saved.answered == 1

    reloaded = open_page(attempt=code)  # a reload: a new session, the code in the URL
    assert [t.value for t in reloaded.title] == ["Dairen check"]
    assert reloaded.radio[0].value == 1 and reloaded.radio[1].value is None
    assert any(c.value.startswith("✓ Saved at") for c in reloaded.caption)


def test_the_page_shows_no_answer_key_before_handing_in(classroom):
    quiz = set_quiz(classroom)
    at = join(open_page(), quiz.join_code, "Ann")
    on_screen = shown_text(at)
    for question in classroom.pool(quiz.id):
        assert plain(question.explanation) not in on_screen
        assert question.explanation not in on_screen
        for cited in question.sources:
            assert cited.quote not in on_screen and plain(cited.quote) not in on_screen
    assert "Right answer" not in on_screen and "✅" not in on_screen


def test_handing_in_shows_the_score_and_the_answers_after_submitting(classroom):
    quiz = set_quiz(classroom, replace(SPEC, review=ReviewPolicy.AFTER_SUBMIT))
    at = join(open_page(), quiz.join_code, "Ann")
    for radio in at.radio:
        radio.set_value(0)
    at.run()
    next(b for b in at.button if b.label == "Hand in").click().run()
    assert "You have answered 3 of 3 questions" in at.warning[0].value
    next(b for b in at.button if b.label == "Yes, hand in").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Handed in at")
    (score,) = at.metric
    view = classroom.attempt(at.session_state.quiz_code, datetime.now(UTC))
    assert score.value == f"{view.score:g} / 3"
    on_screen = shown_text(at)
    assert on_screen.count("Right answer") == 3
    for review in view.review:
        assert plain(review.right_answer) in on_screen


def test_while_an_attempt_runs_the_app_is_the_quiz_alone(classroom):
    """No menu and no other page (Browse would show the deck's answers); after handing in, or
    once time is up, the whole app is back."""
    quiz = set_quiz(classroom)
    at = join(open_page(), quiz.join_code, "Ann")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(BROWSE)
    reloaded = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    reloaded.query_params["attempt"] = at.session_state.quiz_code
    reloaded.run()  # a reload lands on the quiz, whatever the address
    assert [t.value for t in reloaded.title] == ["Dairen check"] and len(reloaded.radio) == 3
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        reloaded.switch_page(BROWSE)

    next(b for b in at.button if b.label == "Hand in").click().run()
    next(b for b in at.button if b.label == "Yes, hand in").click().run()
    assert at.success[0].value.startswith("Handed in at")  # the result stays on screen
    at.switch_page(BROWSE).run()
    assert [i.value for i in at.info][0].startswith("Who is studying?")

    late = set_quiz(classroom, replace(SPEC, time_limit=timedelta(minutes=1), grace=timedelta(0)))
    joined = classroom.join(late.join_code, "Boris", "", datetime.now(UTC) - timedelta(minutes=2))
    timed_out = open_page(attempt=joined.resume_code)
    assert timed_out.warning[0].value.startswith("Time was up at")
    timed_out.switch_page(BROWSE).run()
    assert not timed_out.exception


def test_score_only_shows_the_score_once_the_quiz_has_closed_and_never_the_answers(classroom):
    quiz = set_quiz(classroom, replace(SPEC, review=ReviewPolicy.SCORE_ONLY))
    joined = classroom.join(quiz.join_code, "Ann", "", datetime.now(UTC))
    classroom.submit(joined.resume_code, datetime.now(UTC))
    at = open_page(attempt=joined.resume_code)
    assert not at.metric  # a score read at once is a key to one-guess papers
    assert [i.value for i in at.info] == [
        "Your teacher shows the score only for this quiz, once it has closed."
    ]
    classroom.close_now(quiz.id, datetime.now(UTC) - SPEC.grace)
    at = open_page(attempt=joined.resume_code)
    assert [m.value for m in at.metric] == ["0 / 3"]
    assert "Right answer" not in shown_text(at)


def test_continuing_on_another_device_with_the_resume_code(classroom):
    quiz = set_quiz(classroom)
    joined = classroom.join(quiz.join_code, "Ann", "", datetime.now(UTC))
    classroom.answer(joined.resume_code, 2, 1, datetime.now(UTC))
    at = open_page()
    resume = next(t for t in at.text_input if t.label == "Resume code")
    resume.input(joined.resume_code.lower().replace("-", " "))
    next(b for b in at.button if b.label == "Continue my attempt").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Dairen check"]
    assert at.radio[2].value == 1


def test_the_rules_are_shown_before_the_clock_starts(classroom):
    quiz = set_quiz(classroom, replace(SPEC, password="tanaka", attempts=2))
    at = open_page()
    inputs = {t.label: t for t in at.text_input}
    inputs["Join code"].input(quiz.join_code)
    inputs["Your name"].input("Ann")
    next(b for b in at.button if b.label == "Next").click().run()
    assert [s.value for s in at.subheader] == ["Dairen check"]
    rules = [m.value for m in at.markdown]
    assert any(
        r.startswith("3 questions · time limit: 30 min · attempts allowed: 2.") for r in rules
    )
    assert "Your score and the right answers will be shown once the quiz has closed." in rules
    assert classroom.quizzes(datetime.now(UTC))[0].in_progress == 0  # nothing started yet
    next(b for b in at.button if b.label == "Back").click().run()
    assert [t.label for t in at.text_input][:2] == ["Join code", "Your name"]


def test_wrong_codes_names_and_passwords_are_explained(classroom):
    quiz = set_quiz(classroom, replace(SPEC, password="tanaka"))
    at = join(open_page(), "ZZZZ-ZZZZ", "Ann")
    assert at.error[0].value.startswith("No quiz has this join code")
    at = join(open_page(), quiz.join_code, "Ann", "wrong")
    assert at.error[0].value == "The quiz password is wrong: ask your teacher for it."
    at = join(open_page(), quiz.join_code, "   ", "tanaka")
    assert at.error[0].value == "Type your name as your teacher knows it."
    for nameless in ("...", "\u200b"):  # the names a join refuses are refused before the rules
        at = open_page()
        inputs = {t.label: t for t in at.text_input}
        inputs["Join code"].input(quiz.join_code)
        inputs["Your name"].input(nameless)
        next(b for b in at.button if b.label == "Next").click().run()
        assert [e.value for e in at.error] == ["Type your name as your teacher knows it."]
        assert not at.subheader
    at = open_page(attempt="AAAA-AAAA-AAAA-AAAA")
    assert at.error[0].value.startswith("No attempt has this resume code")
    assert [t.value for t in at.title] == ["Take a quiz"]


def test_a_russian_quiz_refuses_a_second_attempt_in_russian(classroom):
    spec = replace(SPEC, lang="ru", title="Дайрен", kinds=(Kind.TRUE_FALSE,), count=2)
    quiz = set_quiz(classroom, spec)
    classroom.join(quiz.join_code, "Аня", "", datetime.now(UTC))
    at = join(open_page(), quiz.join_code, "АНЯ.", lang="ru")
    assert [e.value for e in at.error] == [
        "У ученика АНЯ\\. уже есть незавершённая попытка: продолжите её по коду продолжения"
        " или попросите у учителя новый код."
    ]


def test_a_typed_answer_is_saved_when_entered(classroom):
    spec = replace(SPEC, kinds=(Kind.TYPED,), count=2)
    quiz = set_quiz(classroom, spec)
    at = join(open_page(), quiz.join_code, "Ann")
    typed = [t for t in at.text_input]
    typed[0].input("26 August 1921").run()
    assert not at.exception
    assert any(c.value.startswith("✓ Saved at") for c in at.caption)
    view = classroom.attempt(at.session_state.quiz_code, datetime.now(UTC))
    assert view.items[0].response == "26 August 1921"


def test_time_up_is_shown_and_the_saved_answers_are_handed_in(classroom):
    quiz = set_quiz(classroom, replace(SPEC, time_limit=timedelta(minutes=1), grace=timedelta(0)))
    started = datetime.now(UTC) - timedelta(minutes=2)
    joined = classroom.join(quiz.join_code, "Ann", "", started)
    classroom.answer(joined.resume_code, 0, 0, started + timedelta(seconds=10))
    at = open_page(attempt=joined.resume_code)
    assert at.warning[0].value.startswith("Time was up at")
    assert len(at.metric) == 0 and len(at.radio) == 0  # the score waits for the close
    assert [i.value for i in at.info] == [
        "Your score and the answers will be shown once your teacher has closed the quiz."
    ]


def test_a_russian_quiz_speaks_russian(classroom):
    spec = replace(SPEC, lang="ru", title="Дайрен", kinds=(Kind.TRUE_FALSE,), count=2)
    quiz = set_quiz(classroom, spec)
    joined = classroom.join(quiz.join_code, "Аня", "", datetime.now(UTC))
    at = open_page(attempt=joined.resume_code)
    assert [t.value for t in at.title] == ["Дайрен"]
    assert any(b.label == "Сдать" for b in at.button)
    assert [r.options for r in at.radio] == [["Верно", "Неверно"]] * 2


def test_quiz_password_guessing_across_sessions_is_refused_in_the_quizs_language(
    classroom, monkeypatch
):
    spec = replace(SPEC, lang="ru", title="Дайрен", kinds=(Kind.TRUE_FALSE,), count=2)
    quiz = set_quiz(classroom, replace(spec, password="tanaka"))
    clock = [datetime.now(UTC)]
    monkeypatch.setattr("app_pages.classroom_ui.utcnow", lambda: clock[0])
    for n in range(10):  # ten sessions behind one address, one wrong guess each
        at = join(open_page(), quiz.join_code, f"Ученик {n}", f"guess {n}", "ru")
        assert [e.value for e in at.error] == ["Неверный пароль теста: спросите его у учителя."]
    at = join(open_page(), quiz.join_code, "Аня", "tanaka", "ru")
    assert [e.value for e in at.error] == [
        "Слишком много неверных паролей. Подождите 1 с и попробуйте снова."
    ]
    assert at.session_state.quiz_code is None
    clock[0] += timedelta(seconds=1)
    at = join(open_page(), quiz.join_code, "Аня", "tanaka", "ru")
    assert not at.error and at.session_state.quiz_code


def test_an_answer_the_busy_database_cannot_take_says_so_and_keeps_what_was_saved(
    classroom, monkeypatch, tmp_path
):
    monkeypatch.setattr("study.database.BUSY_TIMEOUT", 0.2)
    spec = replace(SPEC, lang="ru", title="Дайрен", kinds=(Kind.TRUE_FALSE,), count=2)
    joined = classroom.join(set_quiz(classroom, spec).join_code, "Аня", "", datetime.now(UTC))
    at = open_page(attempt=joined.resume_code)
    at.radio[0].set_value(0).run()
    with write_lock_held(tmp_path / "factdeck.sqlite3"):
        at.radio[1].set_value(1).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "База данных занята, поэтому сейчас ничего не сохранено. Попробуйте ещё раз чуть"
        " позже; всё, что было сохранено раньше, на месте."
    ]
    view = classroom.attempt(joined.resume_code, datetime.now(UTC))
    assert [item.response for item in view.items] == [0, None]
