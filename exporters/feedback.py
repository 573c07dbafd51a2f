"""What a learner reads after answering, worded the same in every quiz export.

The explanation, the disagreement when the sources differ, and each citation with its verbatim
quote: Moodle's general feedback, GIFT's `####` part and the printed answer key all show these
lines, so a teacher finds the same evidence whichever way the quiz travelled.
"""

from __future__ import annotations

from questions.model import Cited, Question

_WORDS = {
    "en": {"source": "Source", "page": "p.", "open": "“", "close": "”"},
    "ru": {"source": "Источник", "page": "с.", "open": "«", "close": "»"},
}


def words(lang: str) -> dict[str, str]:
    """The few words a citation needs in `lang`; English for a language without its own."""
    return _WORDS.get(lang, _WORDS["en"])


def citation(cited: Cited, lang: str) -> str:
    """`Source: Title, p. 77: “quote”`; the source id stands in for a missing title."""
    w = words(lang)
    where = cited.title or cited.source
    if cited.page:
        where += f", {w['page']} {cited.page}"
    return f"{w['source']}: {where}: {w['open']}{cited.quote}{w['close']}"


def feedback_lines(question: Question) -> tuple[str, ...]:
    """The explanation, the dispute (if any) and every citation, one line each, in that order."""
    lines = [question.explanation, question.dispute or ""]
    lines += [citation(cited, question.lang) for cited in question.sources]
    return tuple(line for line in lines if line.strip())
