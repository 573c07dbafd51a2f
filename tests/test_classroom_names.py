"""Student names compared as a person reads them: one key for look-alike spellings, distinct
names kept apart, the teacher's flags, and stored attempts rekeyed by the migration."""

from datetime import timedelta

import pytest
from classroom_support import BACKENDS, MONDAY_NINE, at_classroom_revision, database_url, decks
from sqlalchemy import insert, select

from classroom.errors import NameRefused, NoAttemptsLeft
from classroom.names import MAX_NAME, NameCheck, NameFlag, name_checks, name_key, student_name
from classroom.schema import attempts, quizzes
from classroom.service import Classroom
from classroom.spec import QuizSpec
from study.database import connect

SAME = {
    "as typed": "André Petrov",
    "zero-width space": "An\u200bdré Petrov",
    "zero-width joiner": "André\u200d Petrov",
    "Cyrillic А": "\u0410ndré Petrov",
    "Cyrillic е, р, о": "Andr\u0435\u0301 \u0420\u0435tr\u043ev",
    "full-width letters": "Ａｎｄｒé Ｐｅｔｒｏｖ",
    "mathematical letters": "\U0001d400\U0001d427\U0001d41d\U0001d42b\u00e9 Petrov",
    "combining accent": "Andre\u0301 Petrov",
    "Khmer inherent vowel": "André\u17b4 Petrov",
    "unassigned invisible": "An\u2065dré Petr\U000e0080ov",
    "specials block": "André Petrov\ufff0",
    "soft hyphen": "And\u00adré Petrov",
    "direction marks": "\u200fAndré Petrov\u200e",
    "variation selector": "Andr\ufe0fé Petrov",
    "trailing dot": "André Petrov.",
    "upper case": "ANDRÉ PETROV",
    "extra spaces": "  andré \u3000 petrov ",
}


@pytest.mark.parametrize("spelling", SAME.values(), ids=SAME.keys())
def test_look_alike_spellings_share_one_key(spelling):
    assert name_key(spelling) == name_key("André Petrov") == "andré petrov"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Ivanov", "Ivanova"),
        ("Anna", "Anya"),
        ("Anna", "Ann"),
        ("Kornilov", "Komilov"),  # `rn` looks like `m`, but both are real names
        ("Ivan", "lvan"),  # ASCII letters are never folded into each other
        ("Маша", "Миша"),
        ("Иванов", "Ivanov"),  # the same name in two scripts reads differently
        ("Ли Вэй", "Ли Вей"),
        ("Müller", "Muller"),  # accents other than composed/decomposed make another name
        ("Thư", "Thu"),
        ("Peña", "Pena"),
    ],
)
def test_distinct_names_keep_distinct_keys(one, other):
    assert name_key(one) != name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Иванов", "ИВАНОВ"),
        ("Алёна", "Алена"),
        ("Bob", "\u0412\u041e\u0412"),  # Cyrillic capitals В, О, В
        ("Vera", "V\u0435r\u0430"),
        ("Oleg", "\u039fleg"),  # Greek capital omicron
        ("O'Neil", "O\u2019Neil"),
        ("Anna-Maria", "Anna\u2010Maria"),
    ],
)
def test_case_accents_and_look_alike_punctuation_do_not_make_another_name(one, other):
    assert name_key(one) == name_key(other)


def test_the_teacher_sees_why_a_name_is_flagged_and_which_spelling_it_reads_as():
    checks = name_checks(["André Petrov", "An\u200bdré Petrov", "Ivan", "\u0410nna", "Ｂｏｂ"])
    assert checks["André Petrov"] == NameCheck(
        (NameFlag.SAME_AS_OTHER,), others=("An⟨U+200B⟩dré Petrov",)
    )
    assert checks["An\u200bdré Petrov"] == NameCheck(
        (NameFlag.SAME_AS_OTHER, NameFlag.INVISIBLE), others=("André Petrov",), hidden=("U+200B",)
    )
    assert checks["\u0410nna"] == NameCheck(
        (NameFlag.MIXED_SCRIPTS,), scripts=("CYRILLIC", "LATIN")
    )
    assert checks["Ｂｏｂ"] == NameCheck((NameFlag.UNUSUAL_FORMS,))
    assert "Ivan" not in checks
    assert name_checks(["Анна Lee", "José", "Jose\u0301 Lee"]) == {}
    assert name_checks(["Müller", "Muller", "Anna"]) == {
        "Müller": NameCheck((NameFlag.ACCENTS_ONLY,), accented=("Muller",)),
        "Muller": NameCheck((NameFlag.ACCENTS_ONLY,), accented=("Müller",)),
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_attempts_stored_before_the_new_key_are_rekeyed_and_count(backend, tmp_path):
    url = database_url(backend, tmp_path)
    at_classroom_revision(url, "0001")
    spec = QuizSpec(title="Dairen", deck="mini", lang="en", count=3, attempts=2)
    engine = connect(url)
    with engine.begin() as connection:
        quiz_id = connection.execute(
            insert(quizzes).values(
                join_code="ABCD2345",
                title=spec.title,
                deck=spec.deck,
                spec=spec.to_yaml(),
                created_at=MONDAY_NINE,
                updated_at=MONDAY_NINE,
            )
        ).inserted_primary_key[0]
        for n, (name, minutes) in enumerate(
            [("Ann Lee", 5), ("\u0410nn Lee", 1), ("Bob", 2), ("Bob", 3)]
        ):
            number = 2 if (name, minutes) == ("Bob", 3) else 1  # the old key: case folded
            connection.execute(
                insert(attempts).values(
                    quiz_id=quiz_id,
                    student=name,
                    student_key=name.casefold(),
                    number=number,
                    token_hash=f"{n:064}",
                    started_at=MONDAY_NINE + timedelta(minutes=minutes),
                    finished_at=MONDAY_NINE + timedelta(minutes=minutes + 1),
                    finish_reason="submitted",
                )
            )
    engine.dispose()
    classroom = Classroom.open(url, decks)
    try:
        with classroom.engine.connect() as connection:
            rows = connection.execute(
                select(attempts.c.student, attempts.c.student_key, attempts.c.number).order_by(
                    attempts.c.id
                )
            ).all()
        assert [tuple(row) for row in rows] == [
            ("Ann Lee", "ann lee", 2),  # started after the Cyrillic spelling
            ("\u0410nn Lee", "ann lee", 1),
            ("Bob", "bob", 1),
            ("Bob", "bob", 2),
        ]
        with pytest.raises(NoAttemptsLeft, match="has used the 2 attempts this quiz allows"):
            classroom.join("ABCD2345", "ann lee", "", MONDAY_NINE + timedelta(minutes=9))
    finally:
        classroom.close()


def test_a_name_is_tidied_or_refused_with_a_key_the_page_words():
    assert student_name("  Anna \t Petrova ") == ("Anna Petrova", name_key("Anna Petrova"))
    for nothing in ("", "   ", "...", "\u200b", None):
        with pytest.raises(NameRefused) as refused:
            student_name(nothing)
        assert refused.value.key == "name_empty"
    with pytest.raises(NameRefused) as refused:
        student_name("A" * (MAX_NAME + 1))
    assert (refused.value.key, refused.value.values) == ("name_too_long", {"limit": MAX_NAME})
