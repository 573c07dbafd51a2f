"""Golden values for the language layer: dates, numbers, names, labels, written answers."""

import datetime as dt

import pytest

from decks.model import Citation, DateSpec, Entity, Fact, PartialDate, Precision, Qualifier
from questions.cloze import blanked
from questions.dates import find_written as find_date
from questions.dates import format_date, in_month_or_year, nearby
from questions.labels import event_label
from questions.names import find_entity, key, swap
from questions.numbers import find_written as find_number
from questions.numbers import format_value, plural_class
from questions.numbers import nearby as nearby_numbers
from questions.rules import asked_with_preposition
from questions.typed import with_preposition
from questions.written import parse_written_date, parse_written_number

DAY = DateSpec(PartialDate(1921, 8, 26, Precision.DAY))
MONTH = DateSpec(PartialDate(1920, 3, 1, Precision.MONTH))
YEAR = DateSpec(PartialDate(1925, 1, 1, Precision.YEAR))


@pytest.mark.parametrize(
    ("spec", "en", "ru"),
    [
        (DAY, "26 August 1921", "26 августа 1921 г."),
        (MONTH, "March 1920", "март 1920 г."),
        (YEAR, "1925", "1925 г."),
        (
            DateSpec(PartialDate(1922, 9, 4), PartialDate(1922, 9, 26)),
            "4–26 September 1922",
            "4–26 сентября 1922 г.",
        ),
        (
            DateSpec(PartialDate(1923, 6, 28), PartialDate(1923, 7, 24)),
            "28 June – 24 July 1923",
            "28 июня — 24 июля 1923 г.",
        ),
        (
            DateSpec(PartialDate(1921, 8, 26), PartialDate(1922, 4, 16)),
            "26 August 1921 – 16 April 1922",
            "26 августа 1921 г. — 16 апреля 1922 г.",
        ),
        (
            DateSpec(
                PartialDate(1915, 1, 1, Precision.YEAR), PartialDate(1916, 1, 1, Precision.YEAR)
            ),
            "1915–1916",
            "1915–1916 гг.",
        ),
        (
            DateSpec(
                PartialDate(1920, 3, 1, Precision.MONTH), PartialDate(1920, 5, 1, Precision.MONTH)
            ),
            "March–May 1920",
            "март–май 1920 г.",
        ),
    ],
)
def test_dates_read_at_their_precision(spec, en, ru):
    assert (format_date(spec, "en"), format_date(spec, "ru")) == (en, ru)


def test_near_dates_keep_the_precision_and_miss_the_truth():
    for spec in (DAY, MONTH, YEAR):
        moved = nearby(spec)
        assert len(moved) >= 6
        for other, days in moved:
            assert other.start.precision is spec.start.precision
            assert other.iso() != spec.iso() and days > 0
    assert {o.iso() for o, _ in nearby(YEAR)} == {"1922", "1923", "1924", "1926", "1927", "1928"}


def test_a_statement_date_is_found_in_its_russian_case():
    text = "В марте 1920 г. японские войска напали на партизан."
    name, form, where = find_date(text, MONTH.start, "ru")
    assert where.text == "марте 1920 г." and text[where.start : where.end] == where.text
    assert form(PartialDate(1920, 4, 1, Precision.MONTH)) == "апреле 1920 г."
    assert find_date("Talks of 1921–1922 began in 1921.", YEAR.start, "en") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In 1925 the treaty was signed.", "1925"),
        ("the treaty of 1925.", "1925"),
        ("В 1925 году договор был подписан.", "1925 году"),
        ("ПОДПИСАН В 1925 ГОДУ.", "1925 ГОДУ"),
        ("signed in 1925-1926", None),
        ("signed in 1925_", None),
        ("signed in 11925 and x1925", None),
        ("signed in 1925; ratified in 1925", None),
        ("signed in 1925-м, then in 1925", "1925"),
    ],
)
def test_a_date_is_found_only_as_a_whole_word_group(text: str, found: str | None):
    """Not glued to a letter, digit, underscore or dash, in any case, and only when written once."""
    lang = "ru" if any("а" <= c.lower() <= "я" for c in text) else "en"
    result = find_date(text, YEAR.start, lang)
    assert (result[2].text if result else None) == found
    if result:
        assert text[result[2].start : result[2].end] == found


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(1, "ru", "one"), (2, "ru", "few"), (5, "ru", "many"), (11, "ru", "many"), (21, "ru", "one"),
     (22, "ru", "few"), (112, "ru", "many"), (2.5, "ru", "fraction"), (1, "en", "one"),
     (2, "en", "other")],
)  # fmt: skip
def test_plural_classes(value, lang, expected):
    assert plural_class(value, lang) == expected


def test_numbers_format_and_are_found_only_with_their_unit():
    assert format_value(1000, "en") == "1,000"
    assert format_value(1000, "ru") == "1\u00a0000"
    assert format_value(2.5, "ru") == "2,5"
    text = "Статья 3 проекта обещала эвакуацию в течение 3 месяцев."
    match = find_number(text, 3, "месяцев")
    assert match is not None and match.start() == text.index("3 месяцев")
    assert find_number("Article 3 promised evacuation within three months.", 3, "months") is None
    assert find_number("an area of 1,000 square versts", 1000, "square versts").group(0) == "1,000"


def test_wrong_numbers_share_the_magnitude_and_about_values_stay_far():
    assert all(100 <= v < 1000 and v != 300 for v in nearby_numbers(300, Qualifier.EXACT))
    assert all(not 0.67 <= v / 300 <= 1.5 for v in nearby_numbers(300, Qualifier.ABOUT))
    assert nearby_numbers(300, Qualifier.MORE_THAN) == []


def _entity(ident, en, ru, en_aliases=(), ru_aliases=(), kind="person", subtype=None, side=None):
    return Entity(
        ident,
        kind,
        {"en": en, "ru": ru},
        {"en": ident, "ru": ident},
        {"en": tuple(en_aliases), "ru": tuple(ru_aliases)},
        side,
        subtype,
    )


FER = _entity("fer", "the Far Eastern Republic (FER)", "Дальневосточная республика (ДВР)",
              ["FER", "Far Eastern Republic"], ["ДВР"], "organisation", "state")  # fmt: skip
CHINA = _entity("china", "China", "Китай", kind="organisation", subtype="state")
JAPAN = _entity("japan", "Japan", "Япония", kind="organisation", subtype="state")
USA = _entity("usa", "the United States", "Соединённые Штаты Америки", ["USA"], ["США", "Америка"],
              "organisation", "state")  # fmt: skip
KARAKHAN = _entity("karakhan", "Lev Karakhan", "Лев Карахан", ["Karakhan"], ["Карахан"])
CHICHERIN = _entity("chicherin", "Georgy Chicherin", "Георгий Чичерин", ["Chicherin"], ["Чичерин"])
IOFFE = _entity("ioffe", "Adolf Ioffe", "Адольф Иоффе", ["Ioffe", "Joffe"], ["Иоффе"])


def _swapped(text, old, new, lang):
    found = find_entity(text, old, lang)
    assert found is not None
    return swap(text, found, old, new, lang)


def test_english_swaps_mind_the_article():
    text = "Talks between the Far Eastern Republic and Japan opened."
    assert _swapped(text, FER, CHINA, "en") == "Talks between China and Japan opened."
    assert _swapped("Japan attacked.", JAPAN, USA, "en") == "The United States attacked."
    assert _swapped("Karakhan asked Yoshizawa.", KARAKHAN, CHICHERIN, "en") == (
        "Chicherin asked Yoshizawa."
    )


def test_russian_swaps_only_where_the_case_is_certain():
    assert _swapped("Карахан спросил Ёсидзаву.", KARAKHAN, CHICHERIN, "ru") == (
        "Чичерин спросил Ёсидзаву."
    )
    assert _swapped("Япония потребовала вывода.", JAPAN, USA, "ru") == "Америка потребовала вывода."
    assert _swapped("Япония потребовала вывода.", JAPAN, CHINA, "ru") is None  # gender differs
    assert _swapped("Переговоры с Иоффе шли.", IOFFE, KARAKHAN, "ru") is None  # case unknown
    assert find_entity("Переговоры с Караханом шли.", KARAKHAN, "ru") is None  # inflected


def test_learner_spellings_share_a_key():
    assert key("Иоффе") == key("Joffe") == key("ioffe") == key("IOFFE")
    assert key("Дайрен") == key("Dairen")
    assert key("the United States") == key("United States")


def _fact(en, ru, date):
    return Fact("f", "t", "event", {"en": en, "ru": ru}, (Citation("s", "q"),), date)


def test_event_labels_cut_the_date_cleanly_or_not_at_all():
    fact = _fact(
        "The talks opened at Dairen on 26 August 1921.",
        "26 августа 1921 г. в Дайрене открылись переговоры.",
        DAY,
    )
    assert event_label(fact, "en") == "The talks opened at Dairen."
    assert event_label(fact, "ru") == "В Дайрене открылись переговоры."
    broken = _fact(
        "The oil area discussed in March 1920 covered 1,000 versts.",
        "Район, обсуждавшийся в марте 1920 г., составлял 1000 вёрст.",
        MONTH,
    )
    assert event_label(broken, "en") is None and event_label(broken, "ru") is None
    hinted = _fact(
        "In 1925 relations cut in 1917 were restored.", "В 1925 г. отношения 1917 г.", YEAR
    )
    assert event_label(hinted, "en") is None


@pytest.mark.parametrize(
    ("typed", "iso"),
    [("1921-08-26", "1921-08-26"), ("26.08.1921", "1921-08-26"), ("Aug 26 1921", "1921-08-26"),
     ("26 Aug 1921", "1921-08-26"), ("August 26, 1921", "1921-08-26"),
     ("26 августа 1921", "1921-08-26"), ("26 августа 1921 г.", "1921-08-26"),
     ("в августе 1921 года", "1921-08"), ("1921 г.", "1921"),
     ("4–5 April 1920", "1920-04-04/1920-04-05"), ("4-5 апреля 1920 г.", "1920-04-04/1920-04-05")],
)  # fmt: skip
def test_written_dates_are_read_in_both_languages(typed, iso):
    assert iso in [d.iso() for d in parse_written_date(typed)]


def test_ambiguous_slashes_give_both_readings_and_nonsense_none():
    assert {d.iso() for d in parse_written_date("5/4/1920")} == {"1920-04-05", "1920-05-04"}
    assert parse_written_date("30.02.1921") == [] and parse_written_date("soon") == []


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1,000", 1000), ("1 000", 1000), ("1000", 1000), ("2,5", 2.5), ("about 300 men", 300),
     ("two", 2), ("двадцать три", 23), ("over three hundred", 300), ("более трёхсот", 300),
     ("two thousand five hundred", 2500), ("within a month", 1), ("в течение одного месяца", 1),
     ("сорока пяти", 45)],
)  # fmt: skip
def test_written_numbers(typed, value):
    assert parse_written_number(typed) == value


def test_date_arithmetic_stays_valid():
    leap = DateSpec(PartialDate(1920, 2, 29, Precision.DAY))
    assert all(dt.date.fromisoformat(o.iso()) for o, _ in nearby(leap))


def test_a_blank_at_the_end_of_a_sentence_keeps_its_full_stop():
    text = "Дальневосточная республика была провозглашена 6 апреля 1920 г."
    start = text.index("6 апреля")
    assert blanked(text, start, len(text)).endswith("провозглашена _____.")
    assert blanked("Ioffe arrived in Nagasaki.", 17, 25) == "Ioffe arrived in _____."


@pytest.mark.parametrize(
    ("prompt", "name", "invited"),
    [
        ("Из какого края Япония обещала эвакуировать войска?", "Приморье", "из Приморья"),
        (
            "В каком городе японцы напали на партизан?",
            "Николаевск-на-Амуре",
            "в Николаевске-на-Амуре",
        ),
        ("С какой территории Япония вывела войска?", "Северный Сахалин", "с Северного Сахалина"),
        (
            "Только с каким государством Япония хотела договора?",
            "Дальневосточная республика",
            "с Дальневосточной республикой",
        ),
    ],
)
def test_a_russian_stem_with_a_preposition_invites_its_own_form(prompt, name, invited):
    found = asked_with_preposition(prompt)
    assert found is not None
    assert with_preposition(name, *found) == invited


def test_a_stem_without_a_preposition_invites_no_form():
    assert asked_with_preposition("Какой город японцы оставили 25 октября 1922 г.?") is None


def test_a_russian_card_answers_in_which_month_with_the_month_it_asks():
    assert in_month_or_year(PartialDate(1922, 4, 1, Precision.MONTH)) == "в апреле 1922 г."
    assert in_month_or_year(PartialDate(1918, 1, 1, Precision.YEAR)) == "в 1918 г."
    assert in_month_or_year(PartialDate(1921, 8, 26)) == "26 августа 1921 г."
