"""Questions as GIFT, the plain-text quiz format Moodle and many other LMSs import.

GIFT gives `~ = # { } :` a meaning, so in text each is written behind a backslash, a backslash
itself is doubled and a line break is written `\\n` (Moodle's own reader undoes exactly these).
Question texts, choices and feedback are HTML (`[html]`, each text a `<p>` paragraph), escaped
before the GIFT escaping, so markup in a fact shows literally and no text can open with what
GIFT would read as a `[format]` marker or a `%50%` weight; so are matching answers, which
Moodle shows as HTML. Short answers are plain text, since Moodle compares them with what the
student types, and one that opens with `[` gets an explicit `[plain]` marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from decks.model import Deck
from exporters.errors import ExportError
from exporters.escape import html_text
from exporters.lms import ItemType, LmsItem, lms_items
from exporters.moodle import category_path, html_paragraphs, shortanswer_text
from questions.model import Question

_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",
        "\r": "",
    }
)
_SPACE = re.compile(r"\s+")


def write_gift(
    deck: Deck,
    questions: Iterable[Question],
    out: BinaryIO,
    points: Mapping[str, float] | None = None,
    group: str = "",
) -> int:
    """Write the questions as a GIFT file (UTF-8) to `out`; returns how many it holds.

    GIFT has no marks, so `points` only appears in a comment above each question.
    """
    items = lms_items(deck, questions, points, group)
    out.write(gift_text(items).encode("utf-8"))
    return len(items)


def gift_text(items: Sequence[LmsItem]) -> str:
    """The GIFT text: a `$CATEGORY:` line before each run of items in one category."""
    blocks: list[str] = []
    current: tuple[str, ...] | None = None
    for item in items:
        if item.category != current:
            path = _SPACE.sub(" ", category_path(item.category))
            blocks.append(f"$CATEGORY: {path}")
            current = item.category
        blocks.append(gift_question(item))
    return "\n\n".join(blocks) + "\n"


def gift_question(item: LmsItem) -> str:
    """One question: a comment with its id, then `::name::[html]text{answers####feedback}`."""
    head = f"// {item.id}" + (f" · {item.points:g} points" if item.points != 1 else "")
    lines = [head, f"::{escape(item.name)}::[html]{_html(item.text.split(chr(10)))}{{"]
    if item.type is ItemType.MULTICHOICE:
        for choice in item.choices:
            lines.append(("\t=" if choice.correct else "\t~") + _html([choice.text]))
    elif item.type is ItemType.TRUEFALSE:
        lines.append("\tTRUE" if item.truth else "\tFALSE")
    elif item.type is ItemType.SHORTANSWER:
        arrows = [answer for answer in item.answers if "->" in answer]
        if arrows:
            raise ExportError(
                f"question {item.id}: the accepted answer '{arrows[0]}' holds '->', which GIFT"
                " cannot escape and Moodle would read as a matching pair: export Moodle XML"
                " instead, or leave this question out",
                key="gift_arrow",
                question=item.id,
                answer=arrows[0],
            )
        lines += [f"\t=%100%{_plain(shortanswer_text(answer))}" for answer in item.answers]
    elif item.type is ItemType.MATCHING:
        for stem, match in item.pairs:
            left = _html([stem]) if stem else ""
            lines.append(f"\t={left} -> {escape(html_text(match))}")
    if item.feedback:
        lines.append(f"\t####{_html(item.feedback)}")
    lines.append("}")
    return "\n".join(lines)


def escape(text: str) -> str:
    """Text with every GIFT control character behind a backslash and line breaks as `\\n`."""
    return text.translate(_SPECIAL)


def _html(lines: Iterable[str]) -> str:
    return escape(html_paragraphs(lines))


def _plain(text: str) -> str:
    """Plain text for GIFT; one that opens with `[` gets an explicit `[plain]` marker first,
    because Moodle strips a leading `[html]`, `[plain]`, ... as the text's format."""
    return ("[plain]" if text.lstrip().startswith("[") else "") + escape(text)
