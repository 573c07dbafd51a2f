"""Numbers as a fact states them: formatting, plural agreement, and plausible wrong values.

A unit is written as it reads after the fact's own number ("2 дня"), so a distractor keeps the
unit only when its number takes the same form in every language ("3 дня", never "5 дня").
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from decks.model import Qualifier, Quantity

_QUALIFIERS = {
    "en": {
        Qualifier.ABOUT: "about",
        Qualifier.MORE_THAN: "more than",
        Qualifier.LESS_THAN: "fewer than",
        Qualifier.UP_TO: "up to",
    },
    "ru": {
        Qualifier.ABOUT: "около",
        Qualifier.MORE_THAN: "более",
        Qualifier.LESS_THAN: "менее",
        Qualifier.UP_TO: "до",
    },
}
# Only these get distractors: `about 900` is provably wrong for `about 300`, while `more than
# 200` is true of "more than 300".
PROVABLE = (Qualifier.EXACT, Qualifier.ABOUT)


def format_value(value: int | float, lang: str) -> str:
    """`1,000` and `2.5` in English; `1 000` and `2,5` in Russian (no-break space)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", "\u00a0") if lang == "ru" else text
    text = f"{value:,}"
    if lang == "ru":
        whole, _, fraction = text.partition(".")
        return whole.replace(",", "\u00a0") + "," + fraction
    return text


def format_quantity(quantity: Quantity, lang: str, value: int | float | None = None) -> str:
    """`about 300 people`; `value` replaces the fact's own number (for distractors)."""
    number = format_value(quantity.value if value is None else value, lang)
    unit = quantity.unit.get(lang, "")
    qualifier = _QUALIFIERS.get(lang, _QUALIFIERS["en"]).get(quantity.qualifier)
    text = f"{number} {unit}".strip()
    return f"{qualifier} {text}" if qualifier else text


@lru_cache(maxsize=65536)
def plural_class(value: int | float, lang: str) -> str:
    """The grammatical number a unit takes after `value` (CLDR cardinal categories); kept,
    since each number fact weighs every number the deck states in its unit."""
    if isinstance(value, float) and not value.is_integer():
        return "other" if lang != "ru" else "fraction"
    n = abs(int(value))
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "other"


def same_form(a: int | float, b: int | float, langs: tuple[str, ...]) -> bool:
    return all(plural_class(a, lang) == plural_class(b, lang) for lang in langs)


def _significant(value: float) -> int:
    digits = f"{abs(value):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def _round_to(value: float, figures: int) -> float:
    if value == 0:
        return 0
    exponent = math.floor(math.log10(abs(value)))
    step: int | float = 10 ** (exponent - figures + 1)
    return round(value / step) * step


def nearby(value: int | float, qualifier: Qualifier) -> list[int | float]:
    """Wrong values of the same magnitude, as round as the true one.

    `about` values must be at least a third away, so that no distractor is "about" the truth.
    """
    if value <= 0:
        return []
    is_int = isinstance(value, int) or float(value).is_integer()
    candidates: list[int | float]
    step = _round_step(value) if is_int else None
    if is_int and value < 10:
        candidates = [v for v in range(1, 13) if v != value]
    elif step:
        low, high = math.ceil(0.4 * value / step), math.floor(3 * value / step)
        candidates = [step * k for k in range(low, high + 1)]
    else:
        figures = _significant(value)
        factors = (0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 1.25, 1.3, 1.5, 1.75, 2, 2.5, 3)
        candidates = [_round_to(value * f, figures) for f in factors]
        if is_int:
            candidates = [int(c) for c in candidates]
    found: list[int | float] = []
    for candidate in candidates:
        if candidate <= 0 or candidate == value or candidate in found:
            continue
        if qualifier is Qualifier.ABOUT and not 0.67 <= candidate / value <= 1.5:
            found.append(candidate)
        elif qualifier is Qualifier.EXACT:
            found.append(candidate)
    return found


def _round_step(value: int | float) -> int | None:
    """The roundness of a whole number ending in 0 or 5 (5 for 45, 100 for 300), so that its
    distractors are as round as it is: 30 and 60 beside 45 years, not 56 and 58. At most a
    quarter of the value, so that there are enough of them."""
    whole = int(value)
    steps = sorted({m * 10**k for k in range(len(str(whole))) for m in (1, 5)}, reverse=True)
    return next((s for s in steps if 5 <= s <= whole / 4 and whole % s == 0), None)


def closeness(value: int | float, other: int | float) -> float:
    """1.0 for equal values, towards 0 as they differ by orders of magnitude."""
    if value <= 0 or other <= 0:
        return 0.0
    return max(0.0, 1.0 - abs(math.log10(other / value)))


def written_forms(value: int | float) -> list[str]:
    """How a statement may write the number in digits: 1000, 1,000, 1 000, 2.5, 2,5."""
    forms = [format_value(value, "en"), format_value(value, "ru")]
    if isinstance(value, int) or float(value).is_integer():
        n = int(value)
        forms += [str(n), f"{n:,}".replace(",", " "), f"{n:,}".replace(",", "\u202f")]
    return list(dict.fromkeys(forms))


def find_written(text: str, value: int | float, unit: str) -> re.Match[str] | None:
    """The one place where `text` writes `value` in digits followed by its unit, else None.

    The unit must follow ("3 months", not the "3" of "Article 3"), so the digits found are
    really this quantity.
    """
    tail = r"\s?" + re.escape(unit.strip()) + r"(?!\w)" if unit.strip() else r"(?![\w]|[.,]\d)"
    hits = []
    folded = text.casefold()
    for form in written_forms(value):
        if form.casefold() in folded:
            hits += [(m.start(), m) for m in _written_pattern(form, tail).finditer(text)]
    starts = {start for start, _ in hits}
    if len(starts) != 1:
        return None
    return max((m for _, m in hits), key=lambda m: m.end() - m.start())


@lru_cache(maxsize=16384)
def _written_pattern(form: str, tail: str) -> re.Pattern[str]:
    """The digits of `form`, not inside a longer number, before `tail`: compiled once per
    number and unit instead of once per statement read."""
    return re.compile(
        r"(?<![\w.,\u00a0\u202f])(" + re.escape(form) + r")(?=" + tail + ")", re.IGNORECASE
    )


def format_bare(quantity: Quantity, lang: str, value: int | float | None = None) -> str:
    """The number with its qualifier but no unit, for options whose units would not agree."""
    number = format_value(quantity.value if value is None else value, lang)
    qualifier = _QUALIFIERS.get(lang, _QUALIFIERS["en"]).get(quantity.qualifier)
    return f"{qualifier} {number}" if qualifier else number
