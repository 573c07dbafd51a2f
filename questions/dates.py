"""Dates as learners read and write them, at the precision the sources give.

A fact dated `1920-03` is known to the month only, so every question about it shows "March 1920"
and its distractors are other months; a typed answer must give the month and year, no more.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from decks.model import DateSpec, PartialDate, Precision

MONTHS_EN = tuple(calendar.month_name[m] for m in range(1, 13))
MONTHS_RU_NOM = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
MONTHS_RU_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_RU_PREP = (
    "январе", "феврале", "марте", "апреле", "мае", "июне",
    "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
)  # fmt: skip

_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def rank(precision: Precision) -> int:
    """0 for day, 1 for month, 2 for year: how coarse a date is."""
    return _RANK[precision]


def format_partial(date: PartialDate, lang: str) -> str:
    """`26 August 1921`, `August 1921`, `1921`; in Russian `26 августа 1921 г.` and so on."""
    if lang == "ru":
        if date.precision is Precision.DAY:
            return f"{date.day} {MONTHS_RU_GEN[date.month - 1]} {date.year} г."
        if date.precision is Precision.MONTH:
            return f"{MONTHS_RU_NOM[date.month - 1]} {date.year} г."
        return f"{date.year} г."
    if date.precision is Precision.DAY:
        return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    if date.precision is Precision.MONTH:
        return f"{MONTHS_EN[date.month - 1]} {date.year}"
    return f"{date.year}"


def in_month_or_year(date: PartialDate) -> str:
    """The Russian answer to «В каком месяце…?» or «В каком году…?»: «в апреле 1922 г.»,
    «в 1918 г.»; a day keeps its own form («26 августа 1921 г.»)."""
    if date.precision is Precision.MONTH:
        return f"в {MONTHS_RU_PREP[date.month - 1]} {date.year} г."
    if date.precision is Precision.YEAR:
        return f"в {date.year} г."
    return format_partial(date, "ru")


def format_date(spec: DateSpec, lang: str) -> str:
    """A date or a span as a textbook writes it: `4–26 September 1922`, `28 June – 24 July
    1923`, `March–May 1920`, `1915–1916` (in Russian `1915–1916 гг.`); spans across years or
    precisions keep both ends whole."""
    start, end = spec.start, spec.end
    if end is None:
        return format_partial(start, lang)
    if (
        start.precision is Precision.DAY
        and end.precision is Precision.DAY
        and (start.year, start.month) == (end.year, end.month)
    ):
        months = MONTHS_RU_GEN if lang == "ru" else MONTHS_EN
        tail = " г." if lang == "ru" else ""
        return f"{start.day}–{end.day} {months[start.month - 1]} {start.year}{tail}"
    if (
        start.precision is Precision.DAY
        and end.precision is Precision.DAY
        and start.year == end.year
    ):
        dash = " — " if lang == "ru" else " – "
        left = format_partial(start, lang).rsplit(" ", 2 if lang == "ru" else 1)[0]
        return left + dash + format_partial(end, lang)  # 28 June – 24 July 1923
    if start.precision is Precision.YEAR and end.precision is Precision.YEAR:
        return f"{start.year}–{end.year}" + (" гг." if lang == "ru" else "")
    if (
        start.precision is Precision.MONTH
        and end.precision is Precision.MONTH
        and start.year == end.year
    ):
        months = MONTHS_RU_NOM if lang == "ru" else MONTHS_EN
        tail = " г." if lang == "ru" else ""
        return f"{months[start.month - 1]}–{months[end.month - 1]} {start.year}{tail}"
    dash = " — " if lang == "ru" else " – "
    return format_partial(start, lang) + dash + format_partial(end, lang)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- intervals -------------------------------------------------------------------------------


def first_day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month if date.precision is not Precision.YEAR else 1, date.day)


def last_day(date: PartialDate) -> dt.date:
    if date.precision is Precision.YEAR:
        return dt.date(date.year, 12, 31)
    if date.precision is Precision.MONTH:
        return dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date.as_date()


@lru_cache(maxsize=65536)
def interval(spec: DateSpec) -> tuple[dt.date, dt.date]:
    """Every day the date could mean: `1920-03` spans 1–31 March 1920."""
    return first_day(spec.start), last_day(spec.end or spec.start)


def overlaps(a: DateSpec, b: DateSpec) -> bool:
    (a0, a1), (b0, b1) = interval(a), interval(b)
    return a0 <= b1 and b0 <= a1


def coarsest(spec: DateSpec) -> Precision:
    ends = [spec.start] + ([spec.end] if spec.end else [])
    return max((e.precision for e in ends), key=rank)


# -- near dates (distractors) ----------------------------------------------------------------


def shift(date: PartialDate, months: int = 0, days: int = 0) -> PartialDate | None:
    """The same kind of date moved by whole months (or days, for day precision); None when
    the move leaves the calendar (years 1 to 9999)."""
    if days:
        try:
            moved = date.as_date() + dt.timedelta(days=days)
        except OverflowError:
            return None
        return PartialDate(moved.year, moved.month, moved.day, Precision.DAY)
    if date.precision is Precision.YEAR:
        if months % 12 or not dt.MINYEAR <= date.year + months // 12 <= dt.MAXYEAR:
            return None
        return PartialDate(date.year + months // 12, 1, 1, Precision.YEAR)
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    if date.precision is Precision.DAY and date.day > calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, date.day, date.precision)


def shift_spec(spec: DateSpec, months: int = 0, days: int = 0) -> DateSpec | None:
    start = shift(spec.start, months, days)
    end = shift(spec.end, months, days) if spec.end else None
    if start is None or (spec.end is not None and end is None):
        return None
    return DateSpec(start, end)


def nearby(spec: DateSpec) -> list[tuple[DateSpec, int]]:
    """Plausible wrong dates at the same precision, each with its distance in days.

    Day dates move by days, weeks, a month or a year; month dates by months; year dates by
    years. Spans move whole, so their length stays plausible.
    """
    precision = coarsest(spec)
    if precision is Precision.YEAR:
        moves = [dict(months=12 * k) for k in (-3, -2, -1, 1, 2, 3)]
    elif precision is Precision.MONTH or spec.end is not None:
        moves = [dict(months=k) for k in (-4, -3, -2, -1, 1, 2, 3, 4, -12, 12)]
    else:
        moves = [dict(days=k) for k in (-14, -9, -5, -3, 3, 5, 9, 14)]
        moves += [dict(months=k) for k in (-2, -1, 1, 2)]
    start = interval(spec)[0]
    found = []
    for move in moves:
        moved = shift_spec(spec, **move)
        if moved is not None:
            found.append((moved, abs((interval(moved)[0] - start).days)))
    return found


def same_at_precision(a: DateSpec, b: DateSpec) -> bool:
    """Whether two dates could be the same day: then one is not provably wrong for the other."""
    return overlaps(a, b)


# -- dates written in statements ---------------------------------------------------------------

Form = Callable[[PartialDate], str]


def _en_forms(precision: Precision) -> list[tuple[str, Form]]:
    if precision is Precision.DAY:
        return [
            ("dmy", lambda d: f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"),
            ("mdy", lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"),
        ]
    if precision is Precision.MONTH:
        return [("my", lambda d: f"{MONTHS_EN[d.month - 1]} {d.year}")]
    return [("y", lambda d: f"{d.year}")]


def _ru_forms(precision: Precision) -> list[tuple[str, Form]]:
    if precision is Precision.DAY:
        return [
            ("dmy-g", lambda d: f"{d.day} {MONTHS_RU_GEN[d.month - 1]} {d.year} г."),
            ("dmy-goda", lambda d: f"{d.day} {MONTHS_RU_GEN[d.month - 1]} {d.year} года"),
            ("dmy", lambda d: f"{d.day} {MONTHS_RU_GEN[d.month - 1]} {d.year}"),
        ]
    if precision is Precision.MONTH:
        forms: list[tuple[str, Form]] = []
        for name, months in (
            ("prep", MONTHS_RU_PREP),
            ("gen", MONTHS_RU_GEN),
            ("nom", MONTHS_RU_NOM),
        ):
            forms += [
                (f"{name}-g", _month_year(months, " г.")),
                (f"{name}-goda", _month_year(months, " года")),
                (f"{name}-godu", _month_year(months, " году")),
                (name, _month_year(months, "")),
            ]
        return forms
    return [
        ("y-g", lambda d: f"{d.year} г."),
        ("y-godu", lambda d: f"{d.year} году"),
        ("y-goda", lambda d: f"{d.year} года"),
        ("y-god", lambda d: f"{d.year} год"),
        ("y", lambda d: f"{d.year}"),
    ]


def _month_year(months: tuple[str, ...], tail: str) -> Form:
    """A month in the case `months` spells, its year, then `tail` ("марте 1921 г.")."""
    return lambda d: f"{months[d.month - 1]} {d.year}{tail}"


def written_forms(precision: Precision, lang: str) -> list[tuple[str, Form]]:
    """How a statement may spell a date of this precision, longest forms first."""
    return _ru_forms(precision) if lang == "ru" else _en_forms(precision)


@dataclass(frozen=True, slots=True)
class Written:
    """Where a text writes a date: its span and the words as the text writes them."""

    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_JOINERS = frozenset("_-–—")
"""Besides letters and digits, what glues a date to its neighbour (`1921–1922`)."""


def _standalone(text: str, lowered: str, words: str) -> list[Written]:
    """Every place `text` writes `words` (in any case) as a whole word group, not glued to a
    letter, digit or dash: plain string search, since a deck of thousands of dates compiled a
    pattern for each and that was a tenth of its build."""
    found: list[Written] = []
    at = lowered.find(words)
    while at != -1:
        end = at + len(words)
        if not (at and _joins(text[at - 1])) and not (end < len(text) and _joins(text[end])):
            found.append(Written(at, end, text[at:end]))
            at = lowered.find(words, end)
        else:
            at = lowered.find(words, at + 1)
    return found


def _joins(char: str) -> bool:
    return char.isalnum() or char in _JOINERS


def find_written(text: str, date: PartialDate, lang: str) -> tuple[str, Form, Written] | None:
    """The one place where `text` writes `date` (start, end), with the form used to write it.

    None when the date is not written out verbatim, or is written more than once.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for name, form in written_forms(date.precision, lang):
        hits = _standalone(text, lowered, form(date).lower())
        if len(hits) == 1:
            return name, form, hits[0]
        if hits:
            return None
    return None
