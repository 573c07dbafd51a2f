"""Short event labels for ordering and matching: the statement with its own date taken out.

"Talks ... opened in the port of Dairen on 26 August 1921." becomes "Talks ... opened in the
port of Dairen." Only dates introduced in a way that can be cut cleanly are removed (English
`on`/`in`, Russian `в`, a bare date at the sentence start, a bare Russian day date), and only
where the date opens or closes the sentence, so that cutting it leaves a whole sentence. The
label must name no year at all (it would hint at the order). Any other statement gives no
label, and neither does a contested fact (its statement weighs the sources).
"""

from __future__ import annotations

import re

from decks.model import Fact, Precision
from questions.dates import capitalized, find_written

_PREPOSITIONS = {"en": ("on", "in"), "ru": ("в", "во")}
_YEAR = re.compile(r"(?<!\d)1\d{3}(?!\d)")
_RU_BLOCKING = {"с", "со", "до", "к", "ко", "по", "от", "после", "около", "между", "на"}


def event_label(fact: Fact, lang: str) -> str | None:
    """The statement without its date, or None when the date cannot be cut out cleanly."""
    if fact.date is None or fact.date.end is not None or fact.contested is not None:
        return None
    text = fact.statement.get(lang, "")
    found = find_written(text, fact.date.start, lang)
    if found is None:
        return None
    _, _, where = found
    before, after = text[: where.start], text[where.end :]
    words = before.split()
    previous = words[-1].lower() if words else ""
    if previous in _PREPOSITIONS[lang]:
        before = before[: before.rstrip().rfind(words[-1])]
    elif lang == "ru" and fact.date.start.precision is Precision.DAY and words:
        if previous in _RU_BLOCKING:
            return None
    elif words:
        return None
    at_start = not before.strip()
    at_end = not after.strip(" .")
    if not (at_start or at_end):
        return None
    if at_start:
        if after.lstrip().startswith(","):
            return None  # "1 February 1923, the day he arrived, ...": the apposition needs its date
        after = after.lstrip(" ,")
    label = _tidy(before + after)
    if at_start:
        label = capitalized(label)
    if at_end and label and label[-1] not in '.!?»"':
        label += "."  # the date's own "г." ended the sentence
    if not label or _YEAR.search(label):
        return None
    return label


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r",\s*([.;:])", r"\1", text)
    return text.strip()
