"""Generated decks: every bank passes the gate, is deterministic, and keeps ids stable."""

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.model import (
    Ask,
    Citation,
    Contested,
    DateSpec,
    Deck,
    Entity,
    Fact,
    PartialDate,
    Precision,
    Quantity,
    Side,
    Source,
    Topic,
    Version,
)
from questions import Kind, build_bank, check
from questions.dates import MONTHS_EN, MONTHS_RU_GEN, MONTHS_RU_PREP, format_partial, overlaps
from questions.jsonl import lines
from questions.numbers import plural_class

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PEOPLE = [
    ("ioffe", "Adolf Ioffe", "Адольф Иоффе", ["Ioffe", "Joffe"], ["Иоффе"]),
    ("karakhan", "Lev Karakhan", "Лев Карахан", ["Karakhan"], ["Карахан"]),
    ("chicherin", "Georgy Chicherin", "Георгий Чичерин", ["Chicherin"], ["Чичерин"]),
    ("smirnov", "Ivan Smirnov", "Иван Смирнов", ["Smirnov"], ["Смирнов"]),
    ("yanson", "Yakov Yanson", "Яков Янсон", ["Yanson"], ["Янсон"]),
    ("goto", "Goto Shinpei", "Гото Симпэй", ["Goto"], ["Гото"]),
    ("kato", "Kato Tomosaburo", "Като Томосабуро", ["Kato"], ["Като"]),
    ("uchida", "Uchida Kosai", "Утида Косай", ["Uchida"], ["Утида"]),
]
CITIES = [
    ("dairen", "Dairen", "Дайрен", ["Dalian"], ["Далянь"]),
    ("chita", "Chita", "Чита", [], []),
    ("peking", "Peking", "Пекин", ["Beijing"], []),
    ("tokyo", "Tokyo", "Токио", [], []),
    ("harbin", "Harbin", "Харбин", [], []),
    ("vladivostok", "Vladivostok", "Владивосток", [], []),
    ("changchun", "Changchun", "Чанчунь", [], []),
]
DAYS = {"one": "день", "few": "дня", "many": "дней"}
SOURCES = (
    Source("chronicle", "a.txt", {"en": "A Chronicle", "ru": "Хроника"}, "en", "other",
           {"en": "-", "ru": "-"}),
    Source("encyclopedia", "b.txt", {"en": "An Encyclopedia", "ru": "Энциклопедия"}, "en",
           "encyclopedia-entry", {"en": "-", "ru": "-"}),
)  # fmt: skip


def _entity(row, kind, side=None, subtype=None):
    ident, en, ru, en_aliases, ru_aliases = row
    return Entity(
        ident, kind, {"en": en, "ru": ru}, {"en": f"{en}.", "ru": f"{ru}."},
        {"en": tuple(en_aliases), "ru": tuple(ru_aliases)}, side, subtype,
    )  # fmt: skip


def _when(date: PartialDate) -> tuple[str, str]:
    """How a statement opens with its date, in English and Russian."""
    en = format_partial(date, "en")
    if date.precision is Precision.DAY:
        return f"On {en}", f"{date.day} {MONTHS_RU_GEN[date.month - 1]} {date.year} г."
    if date.precision is Precision.MONTH:
        return f"In {en}", f"В {MONTHS_RU_PREP[date.month - 1]} {date.year} г."
    return f"In {en}", f"В {date.year} г."


@st.composite
def dates(draw):
    precision = draw(st.sampled_from(list(Precision)))
    year = draw(st.integers(1918, 1927))
    month = draw(st.integers(1, 12)) if precision is not Precision.YEAR else 1
    day = draw(st.integers(1, 28)) if precision is Precision.DAY else 1
    return PartialDate(year, month, day, precision)


@st.composite
def facts(draw, index, people, cities):
    who = draw(st.sampled_from(people))
    where = draw(st.sampled_from(cities))
    cite = (Citation(draw(st.sampled_from(["chronicle", "encyclopedia"])), f"quote {index}"),)
    topic = draw(st.sampled_from(["talks", "envoys", "war"]))
    ident = f"fact-{index}"
    if draw(st.booleans()):
        days = draw(st.integers(1, 40))
        en_unit = "day" if days == 1 else "days"
        ru_unit = DAYS[plural_class(days, "ru")]
        return Fact(
            ident, topic, "statistic",
            {"en": f"{who.name['en']} stayed in {where.name['en']} for {days} {en_unit}.",
             "ru": f"{who.name['ru']} провёл в городе {where.name['ru']} {days} {ru_unit}."},
            cite,
            entities={"who": (who.id,), "where": (where.id,)},
            numbers=(Quantity("days", days, {"en": en_unit, "ru": ru_unit}),),
            ask=(Ask("days", {"en": f"How many days did {who.name['en']} stay there?",
                              "ru": f"Сколько дней {who.name['ru']} провёл там?"}),),
        )  # fmt: skip
    date = draw(dates())
    en_when, ru_when = _when(date)
    statement = {
        "en": f"{en_when} {who.name['en']} arrived in {where.name['en']}.",
        "ru": f"{ru_when} {who.name['ru']} прибыл в город {where.name['ru']}.",
    }
    asks = (
        Ask("date", {"en": f"When did {who.name['en']} arrive there?",
                     "ru": f"Когда {who.name['ru']} прибыл туда?"}),
        Ask("where", {"en": f"Where did {who.name['en']} arrive?",
                      "ru": f"Куда прибыл {who.name['ru']}?"}),
    )  # fmt: skip
    contested = None
    if date.precision is Precision.MONTH and draw(st.booleans()):
        first = draw(st.integers(1, 27))
        second = first + 1
        month_en, month_ru = MONTHS_EN[date.month - 1], MONTHS_RU_GEN[date.month - 1]
        statement = {
            "en": f"{en_when} ({first} {month_en} in one source, {second} {month_en} in another)"
            f" {who.name['en']} arrived in {where.name['en']}.",
            "ru": f"{ru_when} ({first} {month_ru} по одному источнику, {second} {month_ru} по"
            f" другому) {who.name['ru']} прибыл в город {where.name['ru']}.",
        }
        contested = Contested(
            "date",
            {"en": "The sources differ on the day.", "ru": "Источники расходятся в дне."},
            tuple(
                Version(
                    Citation(source, f"day {day}"),
                    DateSpec(PartialDate(date.year, date.month, day)),
                )
                for source, day in (("chronicle", first), ("encyclopedia", second))
            ),
        )  # fmt: skip
    return Fact(
        ident, topic, "event", statement, cite, DateSpec(date),
        {"who": (who.id,), "where": (where.id,)}, (), asks, contested,
    )  # fmt: skip


@st.composite
def decks(draw):
    sides = ["soviet", "japan"]
    people = [
        _entity(row, "person", draw(st.sampled_from(sides)))
        for row in draw(
            st.lists(st.sampled_from(PEOPLE), min_size=4, max_size=8, unique_by=lambda r: r[0])
        )
    ]
    cities = [
        _entity(row, "place", subtype="city")
        for row in draw(
            st.lists(st.sampled_from(CITIES), min_size=4, max_size=7, unique_by=lambda r: r[0])
        )
    ]
    count = draw(st.integers(3, 14))
    facts_ = tuple(draw(facts(i, people, cities)) for i in range(count))
    return Deck(
        "generated",
        {"en": "Generated", "ru": "Сгенерированная"},
        {"en": "A generated deck", "ru": "Сгенерированная колода"},
        ("en", "ru"),
        (
            Topic("talks", {"en": "Talks", "ru": "Переговоры"}),
            Topic("envoys", {"en": "Envoys", "ru": "Посланники"}, parent="talks"),
            Topic("war", {"en": "War", "ru": "Война"}),
        ),
        tuple(Side(s, {"en": s, "ru": s}) for s in sides),
        SOURCES,
        tuple(people + cities),
        facts_,
    )


@SETTINGS
@given(decks(), st.integers(0, 3))
def test_generated_banks_pass_the_gate(deck, seed):
    bank = build_bank(deck, seed=seed)
    assert [str(v) for v in check(bank)] == []
    assert list(lines(build_bank(deck, seed=seed))) == list(lines(bank))
    assert len({q.id for q in bank.questions}) == len(bank.questions)


@SETTINGS
@given(decks())
def test_adding_a_fact_keeps_the_items_of_the_others(deck):
    """Items about one fact keep their ids when a fact is added. Cards, typed answers and clozes
    always stay; a choice or true/false item may only go if the new fact, dated the same day or
    overlapping it, makes one of its wrong answers possibly right, or, in the same topic, makes
    its swapped entity a neighbour (a false statement a good student could defend)."""
    new = deck.facts[-1]
    smaller = dataclasses.replace(deck, facts=deck.facts[:-1])
    facts = {f.id: f for f in deck.facts}
    after = {q.id for q in build_bank(deck).questions}
    for q in build_bank(smaller).questions:
        if len(q.fact_ids) != 1 or q.id in after:
            continue
        assert q.kind in (Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE), q.template
        fact = facts[q.fact_ids[0]]
        same_topic = new.topic == fact.topic
        overlapping = new.date is not None and fact.date is not None
        assert same_topic or (overlapping and overlaps(new.date, fact.date))
