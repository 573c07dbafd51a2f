"""Reading what a learner types: dates in the common written forms of each language, numbers
with or without separators or in words."""

from __future__ import annotations

import calendar
import re

from decks.model import DateSpec, PartialDate, Precision
from questions.dates import MONTHS_EN, MONTHS_RU_GEN, MONTHS_RU_NOM, MONTHS_RU_PREP
from questions.morphology import morph

_MONTH_WORDS: dict[str, int] = {}
for _index in range(12):
    _month = _index + 1
    for _word in (
        MONTHS_EN[_index].lower(),
        MONTHS_EN[_index][:3].lower(),
        MONTHS_RU_NOM[_index],
        MONTHS_RU_GEN[_index],
        MONTHS_RU_PREP[_index],
        MONTHS_RU_NOM[_index][:3],
    ):
        _MONTH_WORDS[_word] = _month
_MONTH_WORDS.update({"sept": 9, "мая": 5, "май": 5, "сент": 9, "нояб": 11, "февр": 2})
_FILLER = {"г", "гг", "год", "года", "году", "в", "во", "of", "the", "on", "in", "ad", "н", "э"}


def parse_written_date(text: str) -> list[DateSpec]:
    """Every reading of `text` as a date or span; several when `5/4/1920` is ambiguous."""
    text = text.strip().lower().replace("ё", "е")
    iso = re.fullmatch(
        r"(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)\s*/\s*(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)", text
    )
    if iso:
        return _spans(_iso(iso.group(1)), _iso(iso.group(2)))
    pieces = re.split(r"\s*(?:[–—]|\s-\s|\bto\b|\bпо\b)\s*", text)
    if len(pieces) == 1 and not re.search(r"\d{4}-\d", text):
        pieces = re.split(r"\s*(?:(?<=\d)-(?=\d)|(?<=\D)-(?=\d)|(?<=\d)-(?=\D))\s*", text)
    if len(pieces) == 2 and all(p.strip() for p in pieces):
        ends = [_single(p) for p in pieces]
        right = ends[1]
        if right:
            lefts = ends[0] or _partial_left(pieces[0], right[0])
            return _spans(lefts, right)
    return [DateSpec(d) for d in _single(text)]


def _spans(starts: list[PartialDate], ends: list[PartialDate]) -> list[DateSpec]:
    return [DateSpec(s, e) for s in starts for e in ends]


def _iso(text: str) -> list[PartialDate]:
    parts = [int(p) for p in text.split("-")]
    return _valid(*parts)


def _valid(year: int, month: int | None = None, day: int | None = None) -> list[PartialDate]:
    if month is None:
        return [PartialDate(year, 1, 1, Precision.YEAR)]
    if not 1 <= month <= 12:
        return []
    if day is None:
        return [PartialDate(year, month, 1, Precision.MONTH)]
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return []
    return [PartialDate(year, month, day, Precision.DAY)]


def _partial_left(text: str, right: PartialDate) -> list[PartialDate]:
    """The left end of `4–5 April 1920` or `August – September 1921`, borrowing from the right."""
    words = _words(text)
    months = [_MONTH_WORDS[w] for w in words if w in _MONTH_WORDS]
    numbers = [int(w) for w in words if w.isdigit()]
    if not months and len(numbers) == 1 and right.precision is Precision.DAY:
        return _valid(right.year, right.month, numbers[0])
    if len(months) == 1 and len(numbers) <= 1 and right.precision is not Precision.YEAR:
        return _valid(right.year, months[0], numbers[0] if numbers else None)
    return []


def _words(text: str) -> list[str]:
    text = re.sub(r"(\d+)(st|nd|rd|th|-?го|-?е)\b", r"\1", text)
    return [w for w in re.findall(r"[^\W_]+", text) if w not in _FILLER]


def _single(text: str) -> list[PartialDate]:
    text = text.strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if found:
        year, month, day = found.groups()
        return _valid(int(year), int(month), int(day) if day else None)
    found = re.fullmatch(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})(?:\s*(?:г|года|год)\.?)?", text)
    if found:
        first, sep, second, year = found.groups()
        a, b, y = int(first), int(second), int(year)
        readings = _valid(y, b, a)
        if sep == "/":
            readings += [d for d in _valid(y, a, b) if d not in readings]
        return readings
    found = re.fullmatch(r"(\d{1,2})\.(\d{4})(?:\s*г\.?)?", text)
    if found:
        return _valid(int(found.group(2)), int(found.group(1)))
    words = _words(text)
    months = [_MONTH_WORDS[w] for w in words if w in _MONTH_WORDS]
    others = [w for w in words if w not in _MONTH_WORDS]
    if any(not w.isdigit() for w in others) or len(months) > 1:
        return []
    years = [int(w) for w in others if len(w) == 4]
    days = [int(w) for w in others if len(w) <= 2]
    if len(years) != 1 or len(days) + len(years) != len(others) or len(days) > 1:
        return []
    if not months:
        return _valid(years[0]) if not days else []
    return _valid(years[0], months[0], days[0] if days else None)


_NUMBER_WORDS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "ноль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "три": 3, "четыре": 4,
    "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14,
    "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18,
    "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100,
    "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600,
    "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "тысяча": 1000,
}  # fmt: skip
_ARTICLES = {"a", "an"}
""""a month" is one month, but "a" counts only where it is the one number word."""


def parse_written_number(text: str) -> float | None:
    """The number in `text`: `1,000`, `1 000`, `1000`, `2.5`, `2,5`, `about 300 people`, `two`,
    `three hundred`, «более трёхсот» (a Russian number word in any case), `within a month`."""
    text = text.strip().lower()
    found = re.search(r"\d[\d\s\u00a0\u202f,.']*", text)
    if found:
        raw = re.sub(r"[\s\u00a0\u202f']", "", found.group(0)).rstrip(".,")
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
            raw = raw.replace(",", "")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
            raw = raw.replace(".", "")
        else:
            raw = raw.replace(",", ".")
        try:
            return float(raw)
        except ValueError:
            return None
    words = [w for w in map(_number_word, re.findall(r"[^\W\d_]+", text)) if w]
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES]
    if not words:
        return None
    total = current = 0
    for value in (_NUMBER_WORDS[w] for w in words):
        if value in (100, 1000) and current:
            current *= value
            if value == 1000:
                total, current = total + current, 0
        else:
            current += value
    return float(total + current)


def _number_word(word: str) -> str | None:
    """The number word `word` reads as (Russian in any case: «трёхсот» is триста), else None."""
    if word in _NUMBER_WORDS:
        return word
    if any("а" <= ch <= "я" or ch == "ё" for ch in word):
        lemma = morph().parse(word)[0].normal_form
        return lemma if lemma in _NUMBER_WORDS else None
    return None
