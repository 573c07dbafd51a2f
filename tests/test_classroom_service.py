"""The classroom service on a fixed clock, on SQLite and on PostgreSQL: setting quizzes, joining,
answering, resuming, handing in, reviews, attempts and the teacher's results."""

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest
from classroom_support import BACKENDS, MONDAY_NINE, database_url, decks, mini_bank
from sqlalchemy import event, inspect, select

from classroom import codes
from classroom.database import VERSION_TABLE
from classroom.errors import (
    DatabaseBusy,
    NoAttemptsLeft,
    QuizLocked,
    QuizNotFound,
    QuizNotOpen,
    SpecError,
)
from classroom.report import items_frame, options_frame, results_frame
from classroom.schema import metadata, responses
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec, ReviewPolicy, Selection
from classroom.timing import QuizState
from classroom.views import AttemptStatus
from questions.model import Kind
from study.store import Store

T = MONDAY_NINE
CHOICE = QuizSpec(
    title="Dairen",
    deck="mini",
    lang="en",
    count=4,
    kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.SOURCES_DIFFER),
    opens_at=T,
    closes_at=T + timedelta(hours=1),
    time_limit=timedelta(minutes=20),
)


def minutes(n: float):
    return T + timedelta(minutes=n)


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return database_url(request.param, tmp_path)


@pytest.fixture
def classroom(url):
    service = Classroom.open(url, decks)
    yield service
    service.close()


def set_quiz(classroom, spec=CHOICE):
    return classroom.create_quiz(spec, candidates(spec, mini_bank()), T - timedelta(days=1))


def right_index(classroom, quiz_id, item):
    """The shown index of the right option, found from the teacher's copy of the pool."""
    question = {q.id: q for q in classroom.pool(quiz_id)}
    paper = [q for q in question.values() if q.prompt == item.prompt][0]
    if paper.kind is Kind.TRUE_FALSE:
        right = paper.options[0 if paper.answer else 1]
    else:
        right = paper.answer
    return item.options.index(right)


def test_a_quiz_is_stored_with_its_spec_pool_and_an_unguessable_join_code(classroom):
    quiz = set_quiz(classroom)
    assert quiz.spec == CHOICE and quiz.pool_size == 7 and quiz.attempts == 0
    assert codes.well_formed(quiz.join_code, codes.JOIN_CODE_LENGTH)
    other = set_quiz(classroom, replace(CHOICE, title="Second"))
    assert other.join_code != quiz.join_code
    states = {s.title: s.state for s in classroom.quizzes(minutes(-5))}
    assert states == {"Dairen": QuizState.NOT_OPEN, "Second": QuizState.NOT_OPEN}
    assert [s.title for s in classroom.quizzes(minutes(61))] == ["Second", "Dairen"]
    assert classroom.quizzes(minutes(61))[0].state is QuizState.CLOSED
    assert [q.id for q in classroom.pool(quiz.id)] == [
        q.id for q in candidates(CHOICE, mini_bank())
    ]


def test_a_student_joins_answers_and_resumes_on_another_device(classroom, url):
    quiz = set_quiz(classroom)
    info = classroom.find_quiz(quiz.join_code.lower(), minutes(1))
    assert (info.title, info.questions, info.state, info.needs_password) == (
        "Dairen",
        4,
        QuizState.OPEN,
        False,
    )
    joined = classroom.join(quiz.join_code, "  Ann   Lee ", "", minutes(1))
    assert codes.well_formed(joined.resume_code, codes.RESUME_CODE_LENGTH)
    attempt = joined.attempt
    assert (attempt.student, attempt.number, attempt.status) == (
        "Ann Lee",
        1,
        AttemptStatus.IN_PROGRESS,
    )
    assert attempt.deadline == minutes(21) and attempt.score is None and attempt.review is None
    assert [item.position for item in attempt.items] == [0, 1, 2, 3]
    first = attempt.items[0]
    saved = classroom.answer(joined.resume_code, 0, 1, minutes(2))
    assert (saved.position, saved.saved_at, saved.revision) == (0, minutes(2), 1)
    again = classroom.answer(joined.resume_code, 0, 0, minutes(3))
    assert again.revision == 2
    other_device = Classroom.open(url, decks)
    try:
        resumed = other_device.attempt(joined.resume_code.lower().replace("-", " "), minutes(4))
    finally:
        other_device.close()
    assert resumed.items[0].response == 0 and resumed.items[0].saved_at == minutes(3)
    assert resumed.items[0].options == first.options
    assert [item.response for item in resumed.items[1:]] == [None, None, None]
    assert resumed.answered == 1


def test_handing_in_scores_the_paper_and_shows_answers_after_submitting(classroom):
    quiz = set_quiz(classroom, replace(CHOICE, review=ReviewPolicy.AFTER_SUBMIT))
    joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    items = joined.attempt.items
    for item in items[:3]:
        classroom.answer(
            joined.resume_code, item.position, right_index(classroom, quiz.id, item), minutes(2)
        )
    wrong = (right_index(classroom, quiz.id, items[3]) + 1) % len(items[3].options)
    classroom.answer(joined.resume_code, 3, wrong, minutes(2))
    done = classroom.submit(joined.resume_code, minutes(5))
    assert done.status is AttemptStatus.SUBMITTED and done.finished_at == minutes(5)
    assert (done.score, done.max_score) == (3.0, 4.0)
    assert [r.fraction for r in done.review] == [1.0, 1.0, 1.0, 0.0]
    last = done.review[3]
    assert last.your_answer == items[3].options[wrong] and last.right_answer != last.your_answer
    assert last.explanation and last.sources
    assert classroom.submit(joined.resume_code, minutes(6)).finished_at == minutes(5)


def test_score_only_never_shows_the_key(classroom):
    quiz = set_quiz(classroom, replace(CHOICE, review=ReviewPolicy.SCORE_ONLY))
    joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    done = classroom.submit(joined.resume_code, minutes(2))
    assert done.score is None and done.review is None  # the score waits for the close
    assert done.review_policy is ReviewPolicy.SCORE_ONLY and done.review_from == minutes(60.5)
    later = classroom.attempt(joined.resume_code, minutes(600))
    assert later.score == 0.0 and later.review is None


def test_answers_after_close_wait_for_the_close_and_its_grace(classroom):
    quiz = set_quiz(classroom, replace(CHOICE, review=ReviewPolicy.AFTER_CLOSE))
    joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    done = classroom.submit(joined.resume_code, minutes(2))
    assert done.review is None and done.score is None  # a score is a key to a one-guess paper
    assert done.review_from == minutes(60.5)
    before = classroom.attempt(joined.resume_code, minutes(60.4))
    assert before.review is None and before.score is None
    after = classroom.attempt(joined.resume_code, minutes(60.5))
    assert len(after.review) == 4 and after.score == 0.0


def test_time_runs_out_at_the_limit_or_the_close_whichever_is_first(classroom):
    quiz = set_quiz(classroom)
    early = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    late = classroom.join(quiz.join_code, "Boris", "", minutes(50))
    assert early.attempt.deadline == minutes(21)
    assert late.attempt.deadline == minutes(60)
    classroom.answer(early.resume_code, 0, 0, minutes(21.4))  # inside the 30 s of grace
    timed_out = classroom.attempt(early.resume_code, minutes(21.6))
    assert timed_out.status is AttemptStatus.TIMED_OUT
    assert (
        timed_out.finished_at == minutes(21.5) and timed_out.score is None
    )  # it comes with the key, after the close
    with pytest.raises(QuizNotOpen, match="this quiz closed at 2025-11-24 10:00:00 UTC"):
        classroom.join(quiz.join_code, "Chen", "", minutes(60))
    with pytest.raises(QuizNotOpen, match="this quiz opens at 2025-11-24 09:00:00 UTC"):
        classroom.join(quiz.join_code, "Chen", "", minutes(-1))


def test_a_second_attempt_is_allowed_only_when_the_quiz_allows_it(classroom):
    spec = replace(CHOICE, attempts=2, selection=Selection.PER_STUDENT, count=2, time_limit=None)
    quiz = set_quiz(classroom, spec)
    first = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    with pytest.raises(NoAttemptsLeft, match="ann already has an attempt in progress"):
        classroom.join(quiz.join_code, "ann", "", minutes(2))
    classroom.submit(first.resume_code, minutes(3))
    second = classroom.join(quiz.join_code, "ANN", "", minutes(4))
    assert second.attempt.number == 2 and second.attempt.student == "ANN"
    first_prompts = {item.prompt for item in first.attempt.items}
    second_prompts = {item.prompt for item in second.attempt.items}
    assert len(first_prompts & second_prompts) == 0  # 5 in the pool: 3 new ones were left
    classroom.submit(second.resume_code, minutes(5))
    with pytest.raises(NoAttemptsLeft, match="Ann has used the 2 attempts this quiz allows"):
        classroom.join(quiz.join_code, "Ann", "", minutes(6))


def test_a_lost_resume_code_is_replaced_by_the_teacher(classroom):
    quiz = set_quiz(classroom)
    joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    classroom.answer(joined.resume_code, 1, 0, minutes(2))
    (running,) = classroom.results(quiz.id, minutes(3)).attempts
    new_code = classroom.reissue_code(running.id)
    assert classroom.attempt(new_code, minutes(4)).items[1].response == 0
    with pytest.raises(Exception, match="no attempt has this resume code"):
        classroom.attempt(joined.resume_code, minutes(4))


def test_editing_a_quiz_keeps_papers_fixed_once_students_have_joined(classroom):
    quiz = set_quiz(classroom)
    pool = candidates(CHOICE, mini_bank())
    retitled = classroom.update_quiz(
        quiz.id, replace(CHOICE, title="Renamed", count=5), pool, minutes(-10)
    )
    assert retitled.spec.count == 5 and retitled.spec.title == "Renamed"
    first = pool[0].id
    pointed = classroom.update_quiz(
        quiz.id, replace(retitled.spec, question_points=((first, 2.0),)), None, minutes(-9)
    )
    assert pointed.spec.points_for(first) == 2.0 and pointed.pool_size == 7
    with pytest.raises(SpecError, match="the pool changes with these settings"):
        classroom.update_quiz(quiz.id, replace(pointed.spec, lang="ru"), None, minutes(-8))
    with pytest.raises(SpecError, match="asks for 8 questions but only 7 are given"):
        classroom.update_quiz(quiz.id, replace(pointed.spec, count=8), None, minutes(-8))
    classroom.join(quiz.join_code, "Ann", "", minutes(1))
    later = replace(pointed.spec, closes_at=minutes(90), password="tanaka")
    assert classroom.update_quiz(quiz.id, later, None, minutes(2)).spec.closes_at == minutes(90)
    with pytest.raises(QuizLocked, match=r"1 attempt has started.*changed: count") as locked:
        classroom.update_quiz(quiz.id, replace(later, count=3), pool, minutes(3))
    assert (locked.value.key, locked.value.values) == ("quiz_locked", {"n": 1, "changed": "count"})
    closed = classroom.close_now(quiz.id, minutes(4))
    assert closed.spec.closes_at == minutes(4)
    assert classroom.find_quiz(quiz.join_code, minutes(4)).state is QuizState.CLOSED
    with pytest.raises(QuizNotFound, match="no quiz has this join code"):
        classroom.find_quiz("AAAA-AAAA", minutes(4))


def test_a_pool_that_does_not_fit_the_spec_is_refused(classroom):
    pool = candidates(CHOICE, mini_bank())
    with pytest.raises(SpecError, match="asks for 4 questions but only 2 are given"):
        classroom.create_quiz(CHOICE, pool[:2], T)
    spec = replace(CHOICE, question_points=(("q-0000000000000000", 2.0),))
    with pytest.raises(SpecError, match="question_points names q-0000000000000000"):
        classroom.create_quiz(spec, pool, T)


def test_typed_answers_are_saved_even_while_the_deck_cannot_be_loaded(url):
    spec = replace(
        CHOICE,
        kinds=(Kind.TYPED, Kind.CLOZE),
        count=3,
        shuffle_questions=False,
        review=ReviewPolicy.AFTER_SUBMIT,
    )
    without_deck = Classroom.open(url)
    try:
        quiz = without_deck.create_quiz(spec, candidates(spec, mini_bank()), T)
        joined = without_deck.join(quiz.join_code, "Ann", "", minutes(1))
        prompts = [item.prompt for item in joined.attempt.items]
        answers = {
            "On what date did the Dairen talks open?": "26.08.1921",
            "In which port did the FER delegation demand the immediate evacuation of Japanese"
            " troops?": "Japan",
        }
        for position, prompt in enumerate(prompts):
            without_deck.answer(
                joined.resume_code, position, answers.get(prompt, "3 days"), minutes(2)
            )
        without_deck.submit(joined.resume_code, minutes(3))
        assert without_deck.results(quiz.id, minutes(4)).attempts[0].ungraded == 3
    finally:
        without_deck.close()
    with_deck = Classroom.open(url, decks)
    try:
        (attempt,) = with_deck.results(quiz.id, minutes(4)).attempts
        assert attempt.ungraded == 0 and attempt.score == 1.0
        review = with_deck.attempt(joined.resume_code, minutes(5)).review
        assert [(r.your_answer, r.fraction) for r in review] == [
            (answers.get(p, "3 days"), 1.0 if p.startswith("On what date") else 0.0)
            for p in prompts
        ]
    finally:
        with_deck.close()


def test_results_and_item_analysis_for_a_class(classroom):
    spec = replace(
        CHOICE,
        count=3,
        kinds=(Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER, Kind.TRUE_FALSE),
        shuffle_questions=False,
    )
    quiz = set_quiz(classroom, spec)
    scores = {"Ann": 3, "Boris": 2, "Chen": 1, "Dana": 0}
    codes_by_name = {}
    for name, right in scores.items():
        joined = classroom.join(quiz.join_code, name, "", minutes(1))
        codes_by_name[name] = joined.resume_code
        for item in joined.attempt.items:
            good = right_index(classroom, quiz.id, item)
            chosen = good if item.position < right else (good + 1) % len(item.options)
            classroom.answer(joined.resume_code, item.position, chosen, minutes(2))
        if name != "Dana":
            classroom.submit(joined.resume_code, minutes(3))
    results = classroom.results(quiz.id, minutes(4))
    table = results_frame(results)
    assert list(table["student"]) == ["Ann", "Boris", "Chen", "Dana"]
    assert list(table["score"]) == [3.0, 2.0, 1.0, 0.0]
    assert list(table["status"]) == ["submitted"] * 3 + ["in progress"]
    assert list(table["percent"]) == [100.0, 66.7, 33.3, 0.0]
    assert [a.student for a in results.running] == ["Dana"]
    assert [a.student for a in results.finished] == ["Ann", "Boris", "Chen"]
    assert results.mean_percent == pytest.approx(200 / 3)  # the headline counts finished ones
    assert table.to_csv(index=False).splitlines()[0] == (
        "student,look-alike name,attempt,status,started (UTC),finished (UTC),answered,"
        "questions,score,max score,percent"
    )
    # Only the three finished attempts count: item 1 right for 3, item 2 for 2, item 3 for 1.
    items = items_frame(results)
    assert list(items["facility"]) == [1.0, round(2 / 3, 3), round(1 / 3, 3)]
    assert list(items["responses"]) == [3, 3, 3]
    choice_item = next(
        s for s in results.items if results.questions[s.question_id].kind is not Kind.TRUE_FALSE
    )
    counts = options_frame(results, choice_item.question_id)
    assert counts["chosen"].sum() == 3
    assert counts.loc[counts["right answer"], "chosen"].item() == round(choice_item.facility * 3)
    dana_late = classroom.results(quiz.id, minutes(30))
    assert [a.status for a in dana_late.attempts][-1] is AttemptStatus.TIMED_OUT
    assert len(dana_late.items) == 3 and dana_late.items[0].responses == 4
    assert dana_late.running == () and dana_late.mean_percent == pytest.approx(50)


def test_classroom_and_study_share_one_database_without_touching_each_other(url):
    store = Store.open(url)
    classroom = Classroom.open(url, decks)
    try:
        names = set(inspect(classroom.engine).get_table_names())
        assert {"learners", "reviews", "alembic_version", VERSION_TABLE} <= names
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspect(classroom.engine).get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name
        with classroom.engine.connect() as connection:
            assert (
                connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalar()
                == "0003"
            )
            assert connection.execute(select(responses)).all() == []
        Classroom.open(url, decks).close()  # opening again migrates nothing and loses nothing
        store.create_learner("Ann", T)
        assert [learner.name for learner in store.learners()] == ["Ann"]
    finally:
        classroom.close()
        store.close()


def test_a_write_the_database_cannot_take_is_reported_as_not_saved(tmp_path):
    path = tmp_path / "busy.sqlite3"
    classroom = Classroom.open(f"sqlite:///{path}", decks)
    try:
        quiz = set_quiz(classroom)
        joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
        classroom.engine.dispose()  # new connections wait 0.2 s for a lock instead of 30 s
        event.listen(
            classroom.engine, "connect", lambda dbapi, _: dbapi.execute("PRAGMA busy_timeout=200")
        )
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another writer holds the database
        with pytest.raises(DatabaseBusy, match="the database is busy and nothing was saved"):
            classroom.answer(joined.resume_code, 0, 1, minutes(2))
        other.execute("ROLLBACK")
        other.close()
        assert classroom.attempt(joined.resume_code, minutes(2)).answered == 0
        assert classroom.answer(joined.resume_code, 0, 1, minutes(3)).revision == 1
    finally:
        classroom.close()
