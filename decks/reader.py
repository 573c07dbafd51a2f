"""Field-level checks shared by every deck file: keys, types, texts, ids and dates.

Each check records a located `Problem` and returns None instead of raising, so one pass over a
deck reports every defect at once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from decks.model import DateSpec, Localized, PartialDate, Precision
from decks.problems import Problem
from decks.safe_yaml import Map, Mark, Seq

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def closest(word: str, choices: Collection[str]) -> str | None:
    """The likeliest intended spelling of a mistyped key or id, if any is close."""
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


class YamlType(StrEnum):
    """What a YAML value can be, named in a problem that says what was expected instead; a page
    words each in its reader's language (`yaml_type.<value>` in the interface strings)."""

    NOTHING = "nothing"
    FLAG = "flag"
    MAPPING = "mapping"
    LIST = "list"
    TEXT = "text"
    WHOLE_NUMBER = "whole-number"
    NUMBER = "number"


_TYPE_NAMES = {
    YamlType.NOTHING: "nothing",
    YamlType.FLAG: "true/false",
    YamlType.MAPPING: "a mapping",
    YamlType.LIST: "a list",
    YamlType.TEXT: "text",
    YamlType.WHOLE_NUMBER: "a whole number",
    YamlType.NUMBER: "float",
}
"""The English of the command line, which names a decimal by Python's word for it."""


@dataclass(frozen=True)
class Found:
    """A value a problem found where another type belongs: its type, and the value itself when
    it is a scalar worth quoting, so a page can name the type in its own language."""

    type: YamlType
    shown: str = ""

    def __str__(self) -> str:
        name = _TYPE_NAMES[self.type]
        return f"{name} ({self.shown})" if self.shown else name


MISSING_HINTS = {
    "significance": "add `significance: core`, `supporting` or `detail` (only core and"
    " supporting facts give test items)",
    "question": "add `question: {en: ..., ru: ...}`: the disputed question itself",
}
"""What to write for a required key whose value is not obvious from its name."""


def did_you_mean(word: str, choices: Collection[str]) -> str:
    if not choices:
        return "none are defined yet"
    guess = closest(word, choices)
    return f"did you mean '{guess}'?" if guess else "use one of: " + ", ".join(sorted(set(choices)))


class Reader:
    """Checks the values of one file and records what is wrong with them."""

    def __init__(self, shown_as: str, problems: list[Problem], languages: tuple[str, ...]):
        self.shown_as = shown_as
        self.problems = problems
        self.languages = languages
        self.lenient = False
        """Set when the deck's own language list is malformed: texts are then not checked."""

    def problem(self, mark: Mark, message: str, hint: str, key: str = "", **values: object) -> None:
        self.problems.append(
            Problem(
                self.shown_as, mark.line, mark.column, message, hint, key, tuple(values.items())
            )
        )

    def fields(
        self,
        value: object,
        mark: Mark,
        what: str,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
    ) -> Map | None:
        """Check that `value` is a mapping with exactly the allowed keys."""
        if not isinstance(value, Map):
            found = _describe(value)
            self.problem(
                mark,
                f"{what} must be a mapping, not {found}",
                "write it as `key: value` lines",
                "yaml.not_a_mapping",
                found=found,
            )
            return None
        allowed = required + optional
        missing = [key for key in required if key not in value]
        meant: set[str] = set()
        for key in value:
            if key not in allowed:
                guess = closest(key, missing) or closest(key, allowed)
                if guess in missing:
                    meant.add(guess)
                message = f"unknown key '{key}' in {what}"
                if guess:
                    hint = f"did you mean '{guess}'?"
                    self.problem(
                        value.key_mark(key),
                        message,
                        hint,
                        "yaml.misspelt_key",
                        name=key,
                        guess=guess,
                    )
                else:
                    hint = did_you_mean(key, allowed)
                    choices = ", ".join(sorted(set(allowed)))
                    self.problem(
                        value.key_mark(key),
                        message,
                        hint,
                        "yaml.unknown_key",
                        name=key,
                        choices=choices,
                    )
        for key in missing:
            if key not in meant:
                hint = MISSING_HINTS.get(key, f"add `{key}:`")
                self.problem(
                    value.mark,
                    f"{what} is missing the key '{key}'",
                    hint,
                    "yaml.missing_key",
                    name=key,
                )
        return value

    def one_of(
        self, m: Map, key: str, what: str, choices: tuple[str, ...], noun: str
    ) -> str | None:
        """A string that must be one of `choices`; an unknown one is a located problem that
        suggests the nearest choice, and reads as missing."""
        value = self.string(m, key, what)
        if value and value not in choices:
            self.problem(
                m.value_mark(key), f"unknown {noun} '{value}'", did_you_mean(value, choices)
            )
            return None
        return value

    def string(self, m: Map, key: str, what: str, *, required: bool = True) -> str | None:
        if key not in m:
            return None
        value = m[key]
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            found = _describe(value)
            self.problem(
                m.value_mark(key),
                f"'{key}' of {what} must be text, not {found}",
                f"write `{key}: some text`",
                "yaml.not_text",
                field=key,
                found=found,
            )
            return None
        text = str(value).strip()
        if not text:
            self.problem(
                m.value_mark(key),
                f"'{key}' of {what} is empty",
                "fill it in",
                "yaml.empty",
                field=key,
            )
            return None
        return text

    def ident(self, m: Map, key: str, what: str) -> str | None:
        text = self.string(m, key, what)
        if text is not None and not ID_PATTERN.match(text):
            self.problem(
                m.value_mark(key),
                f"id '{text}' of {what} is not kebab-case",
                "use lower-case letters, digits and single hyphens, e.g. 'dairen-conference'",
            )
            return None
        return text

    def integer(self, m: Map, key: str, what: str) -> int | None:
        if key not in m or m[key] is None:
            return None
        value = m[key]
        if isinstance(value, bool) or not isinstance(value, int):
            found = _describe(value)
            self.problem(
                m.value_mark(key),
                f"'{key}' of {what} must be a whole number, not {found}",
                f"write e.g. `{key}: 1925`",
                "yaml.not_a_whole_number",
                field=key,
                found=found,
            )
            return None
        return value

    def localized(self, m: Map, key: str, what: str) -> Localized | None:
        """A text in every deck language: `{en: ..., ru: ...}`."""
        if key not in m:
            return None
        value = m[key]
        example = ", ".join(f"{lang}: ..." for lang in self.languages)
        if not isinstance(value, Map):
            self.problem(
                m.value_mark(key),
                f"'{key}' of {what} must give a text per language, not {_describe(value)}",
                f"write it as `{key}: {{{example}}}`",
            )
            return None
        result: Localized = {}
        for lang in value:
            if lang not in self.languages and self.lenient:
                continue
            if lang not in self.languages:
                hint = "use one of: " + ", ".join(self.languages)
                if " " in lang or value[lang] is None:
                    hint = "put the text in quotes: a comma inside {...} ends the value"
                self.problem(
                    value.key_mark(lang),
                    f"'{key}' of {what} has text in '{lang}', which is not a deck language",
                    hint,
                )
                continue
            text = self.string(value, lang, f"'{key}' of {what}")
            if text is not None:
                result[lang] = text
        for lang in self.languages:
            if lang not in value and not self.lenient:
                self.problem(
                    value.mark,
                    f"'{key}' of {what} is missing its '{lang}' text",
                    f"add `{lang}:` with the text in that language",
                )
        complete = len(result) == len(self.languages) or (self.lenient and result)
        return result if complete else None

    def seq(self, m: Map, key: str, what: str, *, min_items: int = 0) -> Seq | None:
        if key not in m:
            return None
        value = m[key]
        if not isinstance(value, Seq):
            found = _describe(value)
            self.problem(
                m.value_mark(key),
                f"'{key}' of {what} must be a list, not {found}",
                "write each item on a line starting with '- '",
                "yaml.not_a_list",
                field=key,
                found=found,
            )
            return None
        if len(value) < min_items:
            self.problem(
                m.value_mark(key),
                f"'{key}' of {what} needs at least {min_items} item{'s' if min_items > 1 else ''}",
                "add the missing items",
            )
            return None
        return value

    def date(self, m: Map, key: str, what: str) -> DateSpec | None:
        """`1920`, `1920-03`, `1920-03-11`, or `{from: ..., to: ...}` for a span."""
        if key not in m or m[key] is None:
            return None
        value = m[key]
        if isinstance(value, Map):
            span = self.fields(value, value.mark, f"'{key}' of {what}", ("from", "to"))
            if span is None or "from" not in span or "to" not in span:
                return None
            start = self._partial(span["from"], span.value_mark("from"), what)
            end = self._partial(span["to"], span.value_mark("to"), what)
            if start is None or end is None:
                return None
            if _last_day(end) < start.as_date():
                self.problem(
                    span.value_mark("to"),
                    f"'{key}' of {what} ends ({end.iso()}) before it starts ({start.iso()})",
                    "swap or correct the two dates",
                )
                return None
            return DateSpec(start, end)
        start = self._partial(value, m.value_mark(key), what)
        return DateSpec(start) if start else None

    def _partial(self, value: object, mark: Mark, what: str) -> PartialDate | None:
        hint = "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1921-08-26 (precision follows the form)"
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        found = _DATE_PATTERN.match(text.strip())
        if not found:
            self.problem(mark, f"'{value}' in {what} is not a date", hint)
            return None
        year_text, month_text, day_text = found.groups()
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if year < dt.MINYEAR:
            self.problem(
                mark, f"'{value}' in {what} has year 0", "years run from 0001 (1 AD) to 9999"
            )
            return None
        if month is None:
            return PartialDate(year, 1, 1, Precision.YEAR)
        if not 1 <= month <= 12:
            self.problem(mark, f"'{value}' in {what} has month {month}", "months run 01 to 12")
            return None
        if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
            self.problem(
                mark,
                f"'{value}' in {what} has day {day}, which "
                f"{calendar.month_name[month]} {year} does not have",
                "check the day",
            )
            return None
        if day is not None:
            return PartialDate(year, month, day, Precision.DAY)
        return PartialDate(year, month, 1, Precision.MONTH)


def _last_day(date: PartialDate) -> dt.date:
    """The last calendar day a partial date may mean, for comparing spans."""
    if date.precision is Precision.YEAR:
        return dt.date(date.year, 12, 31)
    if date.precision is Precision.MONTH:
        return dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date.as_date()


def _describe(value: object) -> Found:
    if value is None:
        return Found(YamlType.NOTHING)
    if isinstance(value, bool):
        return Found(YamlType.FLAG)
    if isinstance(value, dict):
        return Found(YamlType.MAPPING)
    if isinstance(value, list):
        return Found(YamlType.LIST)
    if isinstance(value, int):
        return Found(YamlType.WHOLE_NUMBER, repr(value))
    if isinstance(value, float):
        return Found(YamlType.NUMBER, repr(value))
    return Found(YamlType.TEXT, repr(value))
