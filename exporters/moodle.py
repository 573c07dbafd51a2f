"""Questions as Moodle XML, the format Moodle's question bank imports (Question bank > Import).

The file is built as an element tree, so every deck text is XML-escaped by construction and the
result is always well-formed; texts Moodle shows as HTML are HTML-escaped first (that includes
matching answers, which Moodle passes through format_string). Short answers stay plain: Moodle
compares them with what the student types. A category
switch (`$course$/Deck/Topic`) precedes each run of questions in one topic; each question
carries its Factdeck id as Moodle's idnumber. Multiple choice leaves the shuffling of options to
Moodle's own `shuffleanswers` setting, so each student gets a fresh order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from decks.model import Deck
from exporters.escape import html_text
from exporters.lms import ItemType, LmsItem, lms_items
from questions.model import Question

PENALTY = {ItemType.TRUEFALSE: "1"}
"""Share of the mark lost per wrong try in Moodle's interactive mode (Moodle's own defaults)."""
DEFAULT_PENALTY = "0.3333333"

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_moodle(
    deck: Deck,
    questions: Iterable[Question],
    out: BinaryIO,
    points: Mapping[str, float] | None = None,
    group: str = "",
) -> int:
    """Write the questions as a Moodle XML quiz file to `out`; returns how many it holds."""
    items = lms_items(deck, questions, points, group)
    out.write(moodle_xml(items))
    return len(items)


def moodle_xml(items: Sequence[LmsItem]) -> bytes:
    """The UTF-8 bytes of a `<quiz>` holding the items, with a category switch before each run."""
    quiz = ET.Element("quiz")
    current: tuple[str, ...] | None = None
    for item in items:
        if item.category != current:
            quiz.append(_category(item.category))
            current = item.category
        quiz.append(_question(item))
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode", short_empty_elements=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def category_path(names: Sequence[str]) -> str:
    """`$course$/Deck/Topic`, escaping as Moodle does: `/` in a name doubles, and a name that
    starts or ends with `/` is padded with a space so the doubling stays unambiguous."""
    parts = ["$course$"]
    for name in names:
        escaped = name.replace("/", "//")
        if escaped.startswith("/"):
            escaped = " " + escaped
        if escaped.endswith("/"):
            escaped += " "
        parts.append(escaped)
    return "/".join(parts)


def html_paragraphs(lines: Iterable[str]) -> str:
    """Plain lines as HTML paragraphs: markup in the text shows literally."""
    return "".join(f"<p>{html_text(line).replace(chr(10), '<br>')}</p>" for line in lines)


def _category(names: Sequence[str]) -> ET.Element:
    question = ET.Element("question", type="category")
    _text(ET.SubElement(question, "category"), category_path(names))
    return question


def _question(item: LmsItem) -> ET.Element:
    question = ET.Element("question", type=item.type.value)
    _text(ET.SubElement(question, "name"), item.name)
    _html(question, "questiontext", html_paragraphs(item.text.split("\n")))
    _html(question, "generalfeedback", html_paragraphs(item.feedback))
    _leaf(question, "defaultgrade", f"{item.points:g}")
    _leaf(question, "penalty", PENALTY.get(item.type, DEFAULT_PENALTY))
    _leaf(question, "hidden", "0")
    _leaf(question, "idnumber", item.id)
    if item.type is ItemType.MULTICHOICE:
        _leaf(question, "single", "true")
        _leaf(question, "shuffleanswers", "true")
        _leaf(question, "answernumbering", "abc")
        for choice in item.choices:
            answer = _answer(question, "100" if choice.correct else "0", "html")
            _text(answer, html_paragraphs([choice.text]))
    elif item.type is ItemType.TRUEFALSE:
        for value in (True, False):
            answer = _answer(question, "100" if value == item.truth else "0", "moodle_auto_format")
            _text(answer, "true" if value else "false")
    elif item.type is ItemType.SHORTANSWER:
        _leaf(question, "usecase", "0")
        for accepted in item.answers:
            _text(_answer(question, "100", "moodle_auto_format"), shortanswer_text(accepted))
    elif item.type is ItemType.MATCHING:
        _leaf(question, "shuffleanswers", "true")
        for stem, match in item.pairs:
            sub = ET.SubElement(question, "subquestion", format="html")
            _text(sub, html_paragraphs([stem]) if stem else "")
            _text(ET.SubElement(sub, "answer"), html_text(match))
    return question


def shortanswer_text(answer: str) -> str:
    """A short answer as Moodle compares it: `*` is Moodle's wildcard, so a literal one is `\\*`."""
    return answer.replace("*", "\\*")


def _answer(question: ET.Element, fraction: str, text_format: str) -> ET.Element:
    return ET.SubElement(question, "answer", fraction=fraction, format=text_format)


def _html(parent: ET.Element, tag: str, html: str) -> None:
    _text(ET.SubElement(parent, tag, format="html"), html)


def _leaf(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _text(parent: ET.Element, value: str) -> None:
    ET.SubElement(parent, "text").text = _NOT_XML.sub("\ufffd", value)
