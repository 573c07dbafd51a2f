"""The teacher pages: closed without a password, a login compared in constant time, setting,
editing, importing and exporting quizzes, and reading results and item analysis."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from app_pages.classroom_ui import problem_text
from app_pages.common import plain
from app_pages.item_flags import reasons
from classroom.analysis import Flag, ItemStats, flags
from classroom.errors import SpecError
from classroom.selection import arrange, candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec, ReviewPolicy
from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind

QUIZZES = "app_pages/teacher_quizzes.py"
RESULTS = "app_pages/teacher_results.py"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def bank():
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


@pytest.fixture
def classroom(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    monkeypatch.setenv("FACTDECK_TEACHER_PASSWORD", PASSWORD)
    monkeypatch.setattr("app_pages.classroom_ui.FAILED_LOGIN_PAUSE", 0)
    st.cache_resource.clear()
    st.cache_data.clear()
    service = Classroom.open(url)
    yield service
    service.close()
    st.cache_resource.clear()


def open_page(page: str, password: str | None = PASSWORD) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90).run()
    at.switch_page(page).run()
    if password is not None:
        at.text_input[0].input(password)
        at.button[0].click().run()
    assert not at.exception
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_without_a_password_the_pages_stay_shut_and_say_how_to_open_them(monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'f.sqlite3'}")
    monkeypatch.delenv("FACTDECK_TEACHER_PASSWORD", raising=False)
    st.cache_resource.clear()
    for page in (QUIZZES, RESULTS):
        at = open_page(page, password=None)
        assert [e.value for e in at.error] == [
            "The teacher pages are closed: no teacher password is set."
        ]
        assert "FACTDECK_TEACHER_PASSWORD" in at.caption[0].value
        assert "secrets.toml" in at.caption[0].value
        assert len(at.text_input) == 0


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_page(classroom):
    at = open_page(QUIZZES, password="correct horse")
    assert [e.value for e in at.error] == ["Wrong password."]
    assert [t.value for t in at.title] == ["Teacher login"]
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert [t.value for t in at.title] == ["Quizzes"]


def test_the_password_can_come_from_the_secrets_file(classroom, monkeypatch):
    monkeypatch.delenv("FACTDECK_TEACHER_PASSWORD")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.secrets["teacher_password"] = "from secrets"
    at.run()
    at.switch_page(QUIZZES).run()
    at.text_input[0].input("from secrets")
    at.button[0].click().run()
    assert [t.value for t in at.title] == ["Quizzes"]


def test_a_teacher_sets_a_quiz_with_the_form(classroom):
    at = open_page(QUIZZES)
    inputs = {t.label: t for t in at.text_input}
    inputs["Title"].input("Dairen, week 3")
    kinds = next(m for m in at.multiselect if m.label == "Question kinds")
    kinds.set_value([Kind.MULTIPLE_CHOICE])
    next(n for n in at.number_input if n.label == "Number of questions").set_value(5)
    next(n for n in at.number_input if n.label.startswith("Time limit")).set_value(15)
    inputs["Quiz password (optional)"].input("tanaka")
    button(at, "Create the quiz").click().run()
    assert not at.exception, at.exception
    (created,) = classroom.quizzes(datetime.now(UTC))
    assert created.title == "Dairen, week 3"
    spec = classroom.quiz(created.id).spec
    assert (spec.count, spec.kinds, spec.password) == (5, (Kind.MULTIPLE_CHOICE,), "tanaka")
    assert spec.time_limit == timedelta(minutes=15) and spec.review is ReviewPolicy.AFTER_CLOSE
    assert spec.open_book is False
    shown = f"{created.join_code[:4]}-{created.join_code[4:]}"
    assert at.success[0].value == f"Quiz created. Its join code is {shown}."
    assert any(c.value == shown for c in at.code)


def test_answers_right_after_handing_in_are_a_warned_choice_and_open_book_a_ticked_one(
    classroom,
):
    at = open_page(QUIZZES)
    review = next(r for r in at.radio if r.label == "Students see")
    assert review.value is ReviewPolicy.AFTER_CLOSE
    assert not any("lets the answer key out" in w.value for w in at.warning)
    review.set_value(ReviewPolicy.AFTER_SUBMIT).run()
    assert [w.value for w in at.warning] == [
        "Right after handing in lets the answer key out while others are still answering: the"
        " first student to hand in can pass the answers on, even from a blank attempt under a"
        " made-up name. Choose it only when everyone hands in at once."
    ]
    open_book = next(c for c in at.checkbox if c.label.startswith("Open book"))
    assert open_book.value is False
    open_book.check()
    next(t for t in at.text_input if t.label == "Title").input("Open book, answers at once")
    button(at, "Create the quiz").click().run()
    assert not at.exception
    (created,) = classroom.quizzes(datetime.now(UTC))
    spec = classroom.quiz(created.id).spec
    assert spec.review is ReviewPolicy.AFTER_SUBMIT and spec.open_book is True


def test_a_bad_form_is_explained_and_nothing_is_stored(classroom):
    at = open_page(QUIZZES)
    button(at, "Create the quiz").click().run()
    assert any("the quiz has no title" in e.value for e in at.error)
    assert classroom.quizzes(datetime.now(UTC)) == []


CYRILLIC = re.compile(r"[А-Яа-яЁё]")
ENGLISH_WORD = re.compile(r"\b(?!true\b|false\b)[a-z]{3,}\b")
"""An English word, as opposed to a setting's YAML key or id, which hold `_`, `-` or a digit."""


def russian_page(classroom, monkeypatch) -> AppTest:
    """The quiz page in Russian. The deck picker's labels are worded by the page's language
    when the test sets a widget too, outside the page's session: so the language is Russian for
    every caller, not only the session."""
    monkeypatch.setattr("app_pages.common.lang", lambda: "ru")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = "ru"
    at.run()
    at.switch_page(QUIZZES).run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def test_a_bad_form_is_explained_in_the_teachers_language(classroom, monkeypatch):
    at = russian_page(classroom, monkeypatch)
    next(m for m in at.multiselect if m.label == "Виды вопросов").set_value([])
    button(at, "Создать тест").click().run()
    assert not at.exception
    [shown] = [e.value for e in at.error]
    assert shown == (
        "- у теста нет названия — дайте ему название, по которому его узнают ученики\n"
        "- не выбран ни один вид вопросов — выберите хотя бы один"
    )
    assert classroom.quizzes(datetime.now(UTC)) == []


def test_a_spec_the_deck_cannot_fill_is_explained_in_the_teachers_language(classroom, monkeypatch):
    at = russian_page(classroom, monkeypatch)
    next(t for t in at.text_input if t.label == "Название").input("Неделя 5")
    next(m for m in at.multiselect if m.label == "Виды вопросов").set_value([Kind.SOURCES_DIFFER])
    next(n for n in at.number_input if n.label == "Число вопросов").set_value(200)
    button(at, "Создать тест").click().run()
    assert not at.exception
    [shown] = [e.value.replace("\u2060", "") for e in at.error]  # `plain`'s word joiners
    found = re.fullmatch(
        "в колоде по выбранным темам и видам на языке «en» вопросов: (\\d+), а запрошено 200"
        " — запросите не больше (\\d+) или выберите больше тем или видов",
        shown,
    )
    assert found and found[1] == found[2] and 0 < int(found[1]) < 200, shown
    assert CYRILLIC.search(shown) and not ENGLISH_WORD.search(shown), shown
    assert classroom.quizzes(datetime.now(UTC)) == []


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ({"title": "  "}, "spec.no_title"),
        ({"title": "x" * 121}, "spec.title_too_long"),
        ({"deck": "Far East"}, "spec.not_a_deck"),
        ({"lang": "english"}, "spec.not_a_language"),
        ({"count": 0}, "spec.count_range"),
        ({"topics": ("Dairen",)}, "spec.not_a_topic"),
        ({"kinds": ()}, "spec.no_kinds"),
        ({"kinds": (Kind.FLASHCARD,)}, "spec.kind_not_in_quiz"),
        ({"kinds": ("essay",)}, "spec.unknown_choice"),
        ({"selection": "random"}, "spec.unknown_choice"),
        ({"seed": -1}, "spec.seed_range"),
        ({"opens_at": datetime(2025, 11, 24, 9)}, "spec.time_no_zone"),
        ({"closes_at": datetime(1999, 1, 1, tzinfo=UTC)}, "spec.time_range"),
        (
            {
                "opens_at": datetime(2025, 11, 24, tzinfo=UTC),
                "closes_at": datetime(2025, 1, 1, tzinfo=UTC),
            },
            "spec.closes_before_opens",
        ),
        ({"time_limit": timedelta(hours=25)}, "spec.time_limit_range"),
        ({"grace": timedelta(hours=2)}, "spec.grace_range"),
        ({"attempts": 21}, "spec.attempts_range"),
        ({"password": " "}, "spec.password_blank"),
        ({"password": "x" * 101}, "spec.password_too_long"),
        ({"points": 0.0}, "spec.points_range"),
        ({"question_points": (("q-1", -1.0),)}, "spec.question_points_range"),
    ],
)
def test_every_problem_of_a_spec_built_in_code_is_worded_in_russian(spec, problem):
    base = {"title": "T", "deck": "far-east-1920-1925", "lang": "en", "count": 3}
    with pytest.raises(SpecError) as caught:
        QuizSpec(**(base | spec))
    [found] = caught.value.problems
    assert found.key == problem
    shown = problem_text(found, "ru")
    assert shown != str(found) and CYRILLIC.search(shown), shown
    if problem != "spec.kind_not_in_quiz":  # the page names kinds, the command line its ids
        assert problem_text(found, "en") == str(found)


def quiz_yaml(count: int = 4) -> str:
    return (
        "title: Imported quiz\ndeck: far-east-1920-1925\nlanguage: en\n"
        f"questions: {count}\nkinds: [multiple_choice]\nreview: score-only\n"
    )


def test_a_quiz_is_imported_from_yaml_and_exported_again(classroom):
    at = open_page(QUIZZES)
    at.file_uploader[0].upload("week3.yaml", b"title: T\ndeck: x\nlanguage: en\nquestions: 0\n")
    at.run()
    assert [c.value for c in at.code] == [
        "week3.yaml:4:12: a quiz has 1 to 200 questions, not 0 — change the number of questions"
    ]
    at.file_uploader[0].upload("week3.yaml", quiz_yaml().encode("utf-8"))
    at.run()
    button(at, "Create this quiz").click().run()
    assert not at.exception
    (quiz,) = classroom.quizzes(datetime.now(UTC))
    spec = classroom.quiz(quiz.id).spec
    assert spec.title == "Imported quiz" and spec.review is ReviewPolicy.SCORE_ONLY
    exported = at.get("download_button")[0]
    assert exported.proto.label == "Download YAML"
    assert QuizSpec.from_yaml(at.code[-1].value) == spec


def test_editing_a_quiz_its_points_and_closing_it_early(classroom, bank):
    spec = QuizSpec(
        title="Week 4", deck="far-east-1920-1925", lang="en", count=3, kinds=("multiple_choice",)
    )
    quiz = classroom.create_quiz(spec, candidates(spec, bank), datetime.now(UTC))
    at = open_page(QUIZZES)
    assert at.selectbox[0].options[1] == "Week 4"
    at.selectbox[0].select(quiz.id).run()
    title = next(t for t in at.text_input if t.label == "Title")
    title.input("Week 4 (revised)")
    button(at, "Save changes").click().run()
    assert not at.exception
    assert classroom.quiz(quiz.id).spec.title == "Week 4 (revised)"
    editor = at.data_editor[0]
    paper = [item.question for item in arrange(spec, classroom.pool(quiz.id))]
    assert list(editor.value["id"]) == [q.id for q in paper]
    at.session_state[f"points-{quiz.id}"] = {
        "edited_rows": {0: {"Points": 3.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    button(at, "Save points").click().run()
    assert classroom.quiz(quiz.id).spec.question_points == ((paper[0].id, 3.0),)
    button(at, "Close now").click().run()
    assert at.success[0].value == "The quiz is closed."
    assert classroom.quiz(quiz.id).spec.closes_at <= datetime.now(UTC)


def test_results_show_attempts_scores_and_item_analysis(classroom, bank):
    spec = QuizSpec(
        title="Week 5",
        deck="far-east-1920-1925",
        lang="en",
        count=3,
        kinds=("multiple_choice",),
        shuffle_questions=False,
    )
    quiz = classroom.create_quiz(spec, candidates(spec, bank), datetime.now(UTC))
    now = datetime.now(UTC) - timedelta(minutes=5)
    by_prompt = {q.prompt: q for q in classroom.pool(quiz.id)}
    for n in range(6):
        joined = classroom.join(quiz.join_code, f"Student {n}", "", now)
        for item in joined.attempt.items:
            right = item.options.index(by_prompt[item.prompt].answer)
            chosen = right if item.position < n % 4 else (right + 1) % 4
            classroom.answer(joined.resume_code, item.position, chosen, now)
        if n < 5:
            classroom.submit(joined.resume_code, now + timedelta(minutes=1))
    at = open_page(RESULTS)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Attempts"] == "6" and metrics["In progress"] == "1"
    assert metrics["Finished"] == "5"
    table = at.dataframe[1].value
    assert list(table["Student"]) == [f"Student {n}" for n in range(6)]
    assert list(table["Score"]) == ["0 / 3", "1 / 3", "2 / 3", "3 / 3", "0 / 3", "1 / 3"]
    assert list(table["State"]) == ["handed in"] * 5 + ["in progress"]
    assert "None" not in table.to_string()
    assert [d.proto.label for d in at.get("download_button")] == [
        "Download CSV",
        "Download item analysis (CSV)",
    ]
    items = at.dataframe[2].value
    assert list(items["facility"]) == ["0.60", "0.40", "0.20"]
    assert set(items["Kind"]) == {"Multiple choice"}
    assert len(at.get("vega_lite_chart")) >= 2 + 3
    assert any(m.value.startswith("**Flagged items: ") for m in at.markdown)
    assert at.subheader[0].value == "In progress (1)"


def test_a_new_resume_code_for_a_student_who_lost_theirs(classroom, bank):
    spec = QuizSpec(
        title="Week 6", deck="far-east-1920-1925", lang="en", count=2, kinds=("multiple_choice",)
    )
    quiz = classroom.create_quiz(spec, candidates(spec, bank), datetime.now(UTC))
    joined = classroom.join(quiz.join_code, "Ann", "", datetime.now(UTC))
    at = open_page(RESULTS)
    button(at, "Issue a new code").click().run()
    new_code = at.code[0].value
    assert new_code != joined.resume_code
    assert classroom.attempt(new_code, datetime.now(UTC)).student == "Ann"


def login(password: str, lang: str = "en") -> AppTest:
    """A fresh browser session trying one password on the teacher's login."""
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(QUIZZES).run()
    at.text_input[0].input(password)
    at.button[0].click().run()
    assert not at.exception
    return at


def test_password_guessing_from_many_sessions_is_slowed_then_locked_out(classroom, monkeypatch):
    clock = [datetime(2025, 11, 24, 9, 0, tzinfo=UTC)]
    monkeypatch.setattr("app_pages.classroom_ui.utcnow", lambda: clock[0])
    monkeypatch.setattr("app_pages.classroom_ui.client_address", lambda: "203.0.113.7")
    for n in range(3):  # three sessions, one guess each: free
        assert [e.value for e in login(f"guess {n}").error] == ["Wrong password."]
    refused = login(PASSWORD)  # a fourth session, at once: not even compared
    assert [e.value for e in refused.error] == [
        "Too many wrong passwords. Wait 1 s, then try again."
    ]
    assert [t.value for t in refused.title] == ["Teacher login"]
    for n in range(3, 10):  # one a minute is never paused, but ten in 15 minutes lock it
        clock[0] += timedelta(minutes=1)
        assert [e.value for e in login(f"guess {n}").error] == ["Wrong password."]
    clock[0] += timedelta(minutes=1)
    assert [e.value for e in login(PASSWORD, "ru").error] == [
        "Слишком много неверных паролей. Подождите 14 мин и попробуйте снова."
    ]
    monkeypatch.setattr("app_pages.classroom_ui.client_address", lambda: "198.51.100.1")
    assert [t.value for t in login(PASSWORD).title] == ["Quizzes"]  # another address gets in
    monkeypatch.setattr("app_pages.classroom_ui.client_address", lambda: "203.0.113.7")
    clock[0] += timedelta(minutes=14)
    assert [t.value for t in login(PASSWORD).title] == ["Quizzes"]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("topics: " + "[" * 330 + "]" * 330, "nested more than 8 deep here — write each setting"),
        ("grace_seconds: .nan", "'grace_seconds' must be a finite number, not nan"),
        ("time_limit_minutes: .inf", "'time_limit_minutes' must be a finite number, not inf"),
        ("opens: 0000-01-01T00:00:00Z", "quiz times run from the year 2000 to 2999"),
        ("closes: 9999-12-31T23:59:59Z", "quiz times run from the year 2000 to 2999"),
    ],
)
def test_an_import_beyond_the_limits_lists_located_problems(classroom, line, shown):
    at = open_page(QUIZZES)
    text = f"title: T\ndeck: far-east-1920-1925\nlanguage: en\nquestions: 3\n{line}\n"
    at.file_uploader[0].upload("hostile.yaml", text.encode("utf-8"))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The quiz spec has problems:"]
    [problem] = [c.value for c in at.code]
    assert problem.startswith("hostile.yaml:5:") and shown in problem
    assert classroom.quizzes(datetime.now(UTC)) == []


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("topics: " + "[" * 330 + "]" * 330, "5:16: списки и словари вложены здесь глубже 8"),
        ("seed: " + "9" * 5000, "5:7: в числе 5000 знаков, а допускается не больше 32"),
        ("grace_seconds: .nan", "5:16: «grace_seconds» должно быть конечным числом, а не nan"),
        ("grace_seconds: 1.0e+15", "5:16: «grace_seconds» слишком велико: 1e+15"),
        ("opens: 0000-01-01T00:00:00Z", "5:8: «0000-01-01T00:00:00Z»: время теста должно быть"),
        ("a: &x 1\nb: *x", "6:4: Якоря и ссылки YAML (&name / *name) не допускаются"),
        ("attempts: 50", "5:11: попыток может быть от 1 до 20 — измените число попыток"),
        ("kinds: [essay]", "5:9: неизвестное значение «essay» в «kinds» — используйте одно из"),
        ("open_book: 1", "5:12: «open_book» должно быть true или false — напишите"),
    ],
)
def test_the_limits_of_an_import_are_worded_in_the_teachers_language(line, shown):
    with pytest.raises(SpecError) as caught:
        QuizSpec.from_yaml(f"title: T\ndeck: d\nlanguage: en\nquestions: 3\n{line}\n")
    assert shown in "\n".join(problem_text(p, "ru") for p in caught.value.problems)


def test_an_import_with_wrong_syntax_or_types_is_explained_in_the_teachers_language(
    classroom, monkeypatch
):
    at = russian_page(classroom, monkeypatch)
    typed_wrong = (
        "title: [Неделя 3]\ndeck: far-east-1920-1925\nlanguage: ru\nquestions: пять\n"
        "kinds: multiple_choice\ntopcs: []\n"
    )
    at.file_uploader[0].upload("week3.yaml", typed_wrong.encode("utf-8"))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["В описании теста есть ошибки:"]
    assert at.code[0].value.splitlines() == [
        "week3.yaml:1:8: в «title» нужен текст, а не список — напишите `title: текст`",
        "week3.yaml:4:12: в «questions» нужно целое число, а не текст ('пять') — напишите,"
        " например, `questions: 10`",
        "week3.yaml:5:8: в «kinds» нужен список, а не текст ('multiple_choice') — пишите каждый"
        " элемент на отдельной строке, начиная с «- »",
        "week3.yaml:6:1: неизвестный ключ «topcs» — может быть, имелся в виду «topics»?",
    ]
    at.file_uploader[0].upload("week3.yaml", b"title: T\n  deck: x\n")
    at.run()
    [shown] = [c.value for c in at.code]
    assert shown.startswith("week3.yaml:2:7: ошибка синтаксиса YAML (")
    assert shown.endswith(") — проверьте отступы, двоеточия и кавычки в этом месте")
    at.file_uploader[0].upload("week3.yaml", b"- title: T\n")
    at.run()
    assert [c.value for c in at.code] == [
        "week3.yaml:1:1: здесь нужен словарь, а не список — запишите его строками `ключ: значение`"
    ]
    assert classroom.quizzes(datetime.now(UTC)) == []


HOSTILE_NAME = "![x](http://example.com/x.png) [a](http://x)"
FORMULA_NAME = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def served(monkeypatch):
    """What each download button of a page run serves, by its label."""
    files = {}
    original = st.download_button

    def recording(label, data, *args, **kwargs):
        files[label] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return files


def test_results_flag_look_alike_names_and_show_names_as_text(classroom, bank, served):
    spec = QuizSpec(
        title="Week 7",
        deck="far-east-1920-1925",
        lang="en",
        count=2,
        kinds=("multiple_choice",),
        attempts=2,
    )
    quiz = classroom.create_quiz(spec, candidates(spec, bank), datetime.now(UTC))
    now = datetime.now(UTC) - timedelta(minutes=5)
    first = classroom.join(quiz.join_code, "André Petrov", "", now)
    classroom.submit(first.resume_code, now)
    classroom.join(quiz.join_code, "An\u200bdré Petrov", "", now)  # his second attempt
    for name in (HOSTILE_NAME, FORMULA_NAME, "Ann Lee"):
        classroom.join(quiz.join_code, name, "", now)
    at = open_page(RESULTS)
    assert not at.exception
    table = at.dataframe[1].value.set_index("Student")
    assert table.loc["André Petrov", "Name to check"] == "reads the same as «An⟨U+200B⟩dré Petrov»"
    assert table.loc["An\u200bdré Petrov", "Name to check"] == (
        "reads the same as «André Petrov»; invisible characters U+200B"
    )
    assert table.loc["Ann Lee", "Name to check"] == ""
    assert list(table["Attempt"]) == [1, 2, 1, 1, 1]
    assert at.warning[0].value.startswith("Names to look at twice: 2.")

    rows = list(csv.DictReader(io.StringIO(served["Download CSV"].decode("utf-8-sig"))))
    assert [row["student"] for row in rows][2:] == [HOSTILE_NAME, "'" + FORMULA_NAME, "Ann Lee"]
    assert rows[1]["look-alike name"].startswith("reads the same as «André Petrov»")
    assert rows[0]["score"] == "0.0"  # numbers stay numbers

    attempts = classroom.results(quiz.id, datetime.now(UTC)).attempts
    hostile = next(a.id for a in attempts if a.student == HOSTILE_NAME)
    at.selectbox[1].set_value(hostile).run()
    button(at, "Issue a new code").click().run()
    shown = at.success[0].value
    assert plain(HOSTILE_NAME) in shown
    assert "![x](" not in shown and "[a](" not in shown
    rendered = [
        *(
            e.value
            for kind in ("markdown", "caption", "success", "warning", "info")
            for e in at.get(kind)
        ),
        *(e.label for e in at.expander),
        *(e.proto.label for e in at.get("selectbox")),
    ]
    assert not [text for text in rendered if "](" in text or "![" in text]


def test_a_problem_of_the_pool_is_worded_in_the_teachers_language(bank):
    spec = QuizSpec(title="T", deck="far-east-1920-1925", lang="en", count=9)
    with pytest.raises(SpecError) as caught:
        arrange(spec, candidates(spec, bank)[:3])
    [problem] = caught.value.problems
    assert str(problem) == "the quiz needs 9 questions but its pool has 3"
    assert problem_text(problem, "ru") == "тест просит вопросов: 9, а в его наборе их 3"


def miskeyed_class(classroom, bank):
    """Twelve students on four choice items; the last is keyed wrong: the six weaker students
    choose its "key", the six stronger ones agree on another option."""
    spec = QuizSpec(
        title="Week 6",
        deck="far-east-1920-1925",
        lang="en",
        count=4,
        kinds=("multiple_choice",),
        shuffle_questions=False,
    )
    quiz = classroom.create_quiz(spec, candidates(spec, bank), datetime.now(UTC))
    now = datetime.now(UTC) - timedelta(minutes=5)
    by_prompt = {q.prompt: q for q in classroom.pool(quiz.id)}
    for n in range(12):
        joined = classroom.join(quiz.join_code, f"Student {n}", "", now)
        for item in joined.attempt.items:
            right = item.options.index(by_prompt[item.prompt].answer)
            if item.position == 3:
                chosen = right if n < 6 else (right + 1) % 4
            else:
                chosen = right if n >= 3 * item.position + 2 else (right + 2) % 4
            classroom.answer(joined.resume_code, item.position, chosen, now)
        classroom.submit(joined.resume_code, now + timedelta(minutes=1))
    return by_prompt


def as_read(markdown: str) -> str:
    """Markdown as the teacher reads it: without `plain`'s escapes and word joiners."""
    return markdown.replace("\\", "").replace("\u2060", "")


def test_results_name_each_flag_with_its_figures_and_the_difficulty_source(classroom, bank):
    miskeyed_class(classroom, bank)
    at = open_page(RESULTS)
    shown = [as_read(m.value) for m in at.markdown]
    assert "**Flagged items: 4**" in shown
    wrong_key = [m for m in shown if "likely wrong key" in m]
    assert len(wrong_key) == 1
    assert re.search(
        r"likely wrong key: students who did better on the rest of the quiz missed it more often"
        r" \(discrimination -0\.\d\d on 12 answers, below -0\.50\); check which option is"
        r" marked right",
        wrong_key[0],
    )
    assert any("nobody chose «" in m for m in shown if m.startswith("- "))
    items = at.dataframe[-1].value  # none in progress: no table of them
    assert list(items["Flags"])[3].endswith("likely wrong key")
    # twelve attempts are far from the 30 answers a Rasch estimate needs
    assert set(items["Difficulty from"]) == {"estimate"}


def test_the_flags_reasons_read_in_russian(classroom, bank, monkeypatch):
    miskeyed_class(classroom, bank)
    monkeypatch.setattr("app_pages.common.lang", lambda: "ru")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = "ru"
    at.run()
    at.switch_page(RESULTS).run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    shown = [as_read(m.value) for m in at.markdown]
    wrong_key = [m for m in shown if "вероятно, ошибка в ключе" in m]
    assert len(wrong_key) == 1 and "при 12 ответах, ниже -0.50" in wrong_key[0]
    assert any("никто не выбрал «" in m for m in shown if m.startswith("- "))
    items = at.dataframe[-1].value  # none in progress: no table of them
    assert set(items["Откуда трудность"]) == {"предварительная оценка"}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "likely wrong key: students who did better on the rest of the quiz missed it more"
            " often (discrimination -0.10 on 30 answers) and agreed on «Tokyo» instead (its"
            " discrimination 0.45, above 0.31); check which option is marked right",
        ),
        (
            "ru",
            "вероятно, ошибка в ключе: те, кто лучше справился с остальным тестом, ошибались"
            " здесь чаще (различающая сила -0.10 при 30 ответах) и дружно выбирали «Tokyo»"
            " (его различающая сила 0.45, выше 0.31); проверьте, какой вариант отмечен верным",
        ),
    ],
)
def test_a_wrong_key_shown_by_the_option_stronger_students_chose_names_it(
    lang, expected, monkeypatch
):
    monkeypatch.setattr("app_pages.common.lang", lambda: lang)
    stats = ItemStats(
        question_id="q",
        responses=30,
        facility=0.4,
        discrimination=-0.1,
        option_counts=(12, 10, 5, 3),
        unanswered=0,
        flags=(Flag.NOT_DISCRIMINATING, Flag.LIKELY_WRONG_KEY),
        key=0,
        option_discrimination=(-0.1, 0.45, -0.2, -0.3),
    )
    assert stats.flags == flags(30, 0.4, -0.1, (), 0.45)
    options = ("Peking", "Tokyo", "Mukden", "Harbin")
    assert reasons(stats, options)[1] == expected
