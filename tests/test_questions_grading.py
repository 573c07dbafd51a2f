"""Typed answers: aliases, scripts, typos and written forms accepted; near misses refused."""

import pytest

from decks.model import (
    Ask,
    Citation,
    DateSpec,
    Deck,
    Entity,
    Fact,
    PartialDate,
    Precision,
    Quantity,
    Significance,
    Source,
    Topic,
)
from questions import Kind, QuestionError, build_bank, check
from questions.grading import Verdict, grade_typed


def _person(ident, en, ru, en_aliases=(), ru_aliases=()):
    return Entity(
        ident,
        "person",
        {"en": en, "ru": ru},
        {"en": "a person", "ru": "человек"},
        {"en": tuple(en_aliases), "ru": tuple(ru_aliases)},
        "japan",
    )


ENTITIES = (
    _person("goto", "Goto Shinpei", "Гото Симпэй", ["Goto", "Gotō Shinpei"], ["Гото"]),
    _person("kato", "Kato Tomosaburo", "Като Томосабуро", ["Kato"], ["Като"]),
    _person("ioffe", "Adolf Ioffe", "Адольф Иоффе", ["Ioffe", "Joffe"], ["Иоффе"]),
    _person("karakhan", "Lev Karakhan", "Лев Карахан", ["Karakhan"], ["Карахан"]),
    _person("yanson", "Yakov Yanson", "Яков Янсон", ["Yanson"], ["Янсон"]),
)
CITE = (Citation("chronicle", "Goto invited Ioffe."),)
FACTS = (
    Fact(
        "goto-invites-ioffe",
        "talks",
        "event",
        {
            "en": "Goto Shinpei invited Adolf Ioffe to Japan on 1 February 1923.",
            "ru": "1 февраля 1923 г. Гото Симпэй пригласил Адольфа Иоффе в Японию.",
        },
        CITE,
        DateSpec(PartialDate(1923, 2, 1, Precision.DAY)),
        {"who": ("goto",), "with": ("ioffe",)},
        (),
        (
            Ask("who", {"en": "Who invited the Soviet envoy to Japan?",
                        "ru": "Кто пригласил советского полпреда в Японию?"}),
            Ask("date", {"en": "On what date was the Soviet envoy invited to Japan?",
                         "ru": "Какого числа советского полпреда пригласили в Японию?"}),
        ),
        significance=Significance.CORE,
    ),
    Fact(
        "envoys-count",
        "talks",
        "statistic",
        {"en": "In all 1,200 delegates came.", "ru": "Всего прибыло 1200 делегатов."},
        CITE,
        numbers=(Quantity("delegates", 1200, {"en": "delegates", "ru": "делегатов"}),),
        ask=(Ask("delegates", {"en": "How many delegates came?",
                               "ru": "Сколько прибыло делегатов?"}),),
        significance=Significance.CORE,
    ),
)  # fmt: skip
DECK = Deck(
    "grading",
    {"en": "Grading", "ru": "Оценка"},
    {"en": "A deck for grading", "ru": "Колода для оценки"},
    ("en", "ru"),
    (Topic("talks", {"en": "Talks", "ru": "Переговоры"}),),
    (),
    (Source("chronicle", "c.txt", {"en": "Chronicle", "ru": "Хроника"}, "en", "other",
            {"en": "-", "ru": "-"}),),
    ENTITIES,
    FACTS,
)  # fmt: skip


@pytest.fixture(scope="module")
def bank():
    bank = build_bank(DECK)
    assert check(bank) == []
    return bank


def _item(bank, template, lang="en"):
    return next(q for q in bank.questions if q.template == template and q.lang == lang)


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [("Goto Shinpei", Verdict.EXACT), ("goto", Verdict.EXACT), ("GOTŌ SHINPEI", Verdict.EXACT),
     ("Гото", Verdict.EXACT), ("Goto Shimpei", Verdict.TYPO), ("Shinpei Goto", Verdict.EXACT),
     ("Kato", Verdict.OTHER), ("Kato Tomosabur", Verdict.OTHER), ("Joffe", Verdict.OTHER),
     ("Gato", Verdict.WRONG), ("", Verdict.EMPTY), ("Tokyo", Verdict.WRONG)],
)  # fmt: skip
def test_names(bank, typed, verdict):
    grade = grade_typed(_item(bank, "typed:who"), typed, DECK)
    assert grade.verdict is verdict
    assert grade.correct is (verdict in (Verdict.EXACT, Verdict.TYPO))
    assert grade.expected == "Goto Shinpei"


def test_a_near_miss_is_named_after_the_entity_it_is_closer_to(bank):
    grade = grade_typed(_item(bank, "typed:who", "ru"), "Каррахан", DECK)
    assert (grade.correct, grade.verdict, grade.matched) == (False, Verdict.OTHER, "Lev Karakhan")


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [("1 February 1923", Verdict.EXACT), ("1923-02-01", Verdict.EXACT),
     ("01.02.1923", Verdict.EXACT), ("Feb 1 1923", Verdict.EXACT),
     ("1 февраля 1923 г.", Verdict.EXACT),
     ("February 1923", Verdict.PRECISION), ("1923", Verdict.PRECISION),
     ("2 February 1923", Verdict.WRONG), ("March 1923", Verdict.WRONG), ("soon", Verdict.WRONG),
     ("1 February", Verdict.EXACT), ("1 февраля", Verdict.EXACT), ("2 February", Verdict.WRONG)],
)  # fmt: skip
def test_dates(bank, typed, verdict):
    for lang in ("en", "ru"):
        assert grade_typed(_item(bank, "typed:date", lang), typed, DECK).verdict is verdict


@pytest.mark.parametrize(
    ("typed", "correct"),
    [("1,200", True), ("1 200", True), ("1200", True), ("1200 делегатов", True),
     ("1,300", False), ("12", False)],
)  # fmt: skip
def test_numbers(bank, typed, correct):
    assert grade_typed(_item(bank, "typed:delegates", "ru"), typed, DECK).correct is correct


def test_cloze_answers_grade_like_typed_ones(bank):
    cloze = _item(bank, "cloze:who:goto", "ru")
    assert (
        cloze.prompt
        == "Заполните пропуск: 1 февраля 1923 г. _____ пригласил Адольфа Иоффе в Японию."
    )
    assert grade_typed(cloze, "Goto", DECK).correct
    assert grade_typed(cloze, "Гото Симпэй", DECK).correct
    assert not grade_typed(cloze, "Иоффе", DECK).correct


def test_only_typed_and_cloze_items_are_graded_by_text(bank):
    choice = next(q for q in bank.questions if q.kind is Kind.MULTIPLE_CHOICE)
    with pytest.raises(QuestionError, match="grade_typed grades typed and cloze items"):
        grade_typed(choice, choice.answer, DECK)
