"""A quiz as a printable sheet: one HTML page styled for paper, with its answer key after it.

Students get numbered questions with a box to tick, a box to write a number or letter in, or a
line to write on, under the quiz title, the date and a line for their name. The answer key
starts on a page of its own, with the citation behind every answer, so a teacher can print the
questions for the class and the key once. `@page` sets A4 or US Letter; any browser prints it,
and exporters.pdf turns it into a PDF with headless Chromium.

Every deck text is HTML-escaped; the page holds no script and loads nothing from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import BinaryIO

from decks.model import PartialDate
from exporters.errors import ExportError
from exporters.escape import html_text
from exporters.feedback import feedback_lines
from exporters.lms import LMS_KINDS, matching_pairs, ordering_pairs
from questions.dates import format_partial
from questions.model import Kind, Question
from questions.phrases import PHRASES


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


PAGE_SIZE = {Paper.A4: "A4", Paper.LETTER: "letter"}
"""The CSS `@page` size of each paper."""

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "name": "Name",
        "group": "Class",
        "date": "Date",
        "count": "{n} questions",
        "total": "{points} points in all",
        "points": "{points} pt",
        "choose": "Tick one box.",
        "write": "Write your answer on the line.",
        "order": "Write 1 in the box beside the earliest event, 2 beside the next, and so on.",
        "match": "Write the letter of the matching item in each box.",
        "key": "Answer key",
        "accepted": "Also accepted",
        "right_order": "Right order",
    },
    "ru": {
        "name": "Фамилия, имя",
        "group": "Класс",
        "date": "Дата",
        "count": "Вопросов: {n}",
        "total": "Всего баллов: {points}",
        "points": "{points} б.",
        "choose": "Отметьте один вариант.",
        "write": "Впишите ответ в строку.",
        "order": "Поставьте 1 у самого раннего события, 2 — у следующего и так далее.",
        "match": "Впишите в каждую клетку букву подходящего ответа.",
        "key": "Ответы",
        "accepted": "Засчитывается также",
        "right_order": "Верный порядок",
    },
}
"""The sheet's own words; a language without its own uses English."""


@dataclass(frozen=True)
class Sheet:
    """What a printed quiz shows: its questions, in order, and the words around them."""

    title: str
    lang: str
    """Language of the sheet's own words (headings, instructions); questions keep theirs."""
    questions: tuple[Question, ...]
    date: dt.date | None = None
    """Printed in the header; None leaves a line to write the date on."""
    paper: Paper = Paper.A4
    subtitle: str = ""
    points: Mapping[str, float] = field(default_factory=dict)
    """Marks per question id, shown when the quiz gives them."""
    answer_key: bool = True


def labels(lang: str) -> Mapping[str, str]:
    """The sheet's words in `lang`: a question's hints follow its language, the header the
    sheet's."""
    return LABELS.get(lang, LABELS["en"])


def write_printable(sheet: Sheet, out: BinaryIO) -> int:
    """Write the sheet as an HTML file (UTF-8) to `out`; returns the number of questions."""
    out.write(sheet_html(sheet).encode("utf-8"))
    return len(sheet.questions)


def sheet_html(sheet: Sheet) -> str:
    """The whole page: header, questions, then (on a new page) the answer key."""
    for q in sheet.questions:
        if q.kind not in LMS_KINDS:
            raise ExportError(
                f"question {q.id} is a {q.kind.value}, which a printed quiz cannot hold:"
                f" choose from {', '.join(kind.value for kind in LMS_KINDS)}"
            )
    words = labels(sheet.lang)
    questions = "\n".join(
        _question(n, q, sheet.points.get(q.id), labels(q.lang))
        for n, q in enumerate(sheet.questions, 1)
    )
    key = _key(sheet, words) if sheet.answer_key else ""
    return _PAGE.format(
        lang=html_text(sheet.lang),
        title=html_text(sheet.title),
        size=PAGE_SIZE[sheet.paper],
        style=_STYLE,
        header=_header(sheet, words),
        questions=questions,
        key=key,
    )


def _header(sheet: Sheet, words: Mapping[str, str]) -> str:
    date = (
        f'<span class="filled">{html_text(_date(sheet.date, sheet.lang))}</span>'
        if sheet.date
        else '<span class="blank short"></span>'
    )
    facts = [words["count"].format(n=len(sheet.questions))]
    if sheet.points:
        total = sum(sheet.points.get(q.id, 1.0) for q in sheet.questions)
        facts.append(words["total"].format(points=f"{total:g}"))
    subtitle = f'<p class="subtitle">{html_text(sheet.subtitle)}</p>' if sheet.subtitle else ""
    return (
        f"<h1>{html_text(sheet.title)}</h1>{subtitle}"
        '<div class="fields">'
        f'<span class="field name">{html_text(words["name"])}: <span class="blank"></span></span>'
        f'<span class="field">{html_text(words["group"])}: <span class="blank short"></span></span>'
        f'<span class="field">{html_text(words["date"])}: {date}</span>'
        "</div>"
        f'<p class="about">{html_text(" · ".join(facts))}</p>'
    )


def _question(number: int, q: Question, points: float | None, words: Mapping[str, str]) -> str:
    mark = (
        f' <span class="points">({html_text(words["points"].format(points=f"{points:g}"))})</span>'
        if points is not None
        else ""
    )
    prompt = _lines(q.prompt)
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER, Kind.TRUE_FALSE):
        body = _choices(_shown_options(q), words["choose"])
    elif q.kind in (Kind.TYPED, Kind.CLOZE):
        body = f'<p class="hint">{html_text(words["write"])}</p><span class="line"></span>'
    elif q.kind is Kind.ORDERING:
        body = _boxes([event for event, _ in ordering_pairs(q)], words["order"])
    else:
        body = _matching(q, words["match"])
    return (
        f'<li class="question" data-id="{html_text(q.id)}" data-kind="{q.kind.value}">'
        f'<span class="number">{number}.</span>'
        f'<div class="body"><p class="prompt">{prompt}{mark}</p>{body}</div></li>'
    )


def _choices(options: Sequence[str], hint: str) -> str:
    items = "".join(
        f'<li class="option"><span class="box"></span><span class="letter">{LETTERS[i]}.</span> '
        f'<span class="text">{html_text(option)}</span></li>'
        for i, option in enumerate(options)
    )
    return f'<p class="hint">{html_text(hint)}</p><ul class="options">{items}</ul>'


def _boxes(items: Sequence[str], hint: str) -> str:
    return f'<p class="hint">{html_text(hint)}</p>{_entries(items)}'


def _entries(items: Sequence[str]) -> str:
    """Items each with a box to write a number or a letter in."""
    rows = "".join(
        '<li class="entry"><span class="box wide"></span> '
        f'<span class="text">{html_text(item)}</span></li>'
        for item in items
    )
    return f'<ul class="entries">{rows}</ul>'


def _matching(q: Question, hint: str) -> str:
    pairs = matching_pairs(q)
    stems = [stem for stem, _ in pairs if stem]
    choices = _match_choices(q)
    right = "".join(
        f'<li class="choice"><span class="letter">{LETTERS[i]}.</span> '
        f'<span class="text">{html_text(choice)}</span></li>'
        for i, choice in enumerate(choices)
    )
    return (
        f'<p class="hint">{html_text(hint)}</p><div class="match">'
        f'{_entries(stems)}<ul class="choices">{right}</ul></div>'
    )


def _match_choices(q: Question) -> tuple[str, ...]:
    """The right-hand items as shown: the question's options, else its matches in order."""
    if q.options:
        return tuple(str(option) for option in q.options)
    return tuple(match for _, match in matching_pairs(q))


def _shown_options(q: Question) -> tuple[str, ...]:
    if q.kind is Kind.TRUE_FALSE and not q.options:
        return _true_false(q.lang)
    if not q.options:
        raise ExportError(f"question {q.id}: a {q.kind.value} item has no options")
    return tuple(str(option) for option in q.options)


def _true_false(lang: str) -> tuple[str, str]:
    phrases = PHRASES.get(lang, PHRASES["en"])
    return phrases["true"], phrases["false"]


def _key(sheet: Sheet, words: Mapping[str, str]) -> str:
    entries = "\n".join(_key_entry(n, q, labels(q.lang)) for n, q in enumerate(sheet.questions, 1))
    return (
        f'<section class="key"><h2>{html_text(words["key"])}: {html_text(sheet.title)}</h2>'
        f'<ol class="answers">{entries}</ol></section>'
    )


def _key_entry(number: int, q: Question, words: Mapping[str, str]) -> str:
    answer = _key_answer(q, words)
    notes = "".join(f'<p class="note">{_lines(line)}</p>' for line in feedback_lines(q))
    return (
        f'<li class="answer" data-id="{html_text(q.id)}"><span class="number">{number}.</span>'
        f'<div class="body"><p class="solution">{answer}</p>{notes}</div></li>'
    )


def _key_answer(q: Question, words: Mapping[str, str]) -> str:
    if q.kind is Kind.TRUE_FALSE:
        options = _shown_options(q)
        return _solution(options[0] if q.answer else options[1])
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
        options = _shown_options(q)
        if options.count(str(q.answer)) != 1:
            raise ExportError(f"question {q.id}: its answer is not exactly one of its options")
        return _solution(f"{LETTERS[options.index(str(q.answer))]}. {q.answer}")
    if q.kind in (Kind.TYPED, Kind.CLOZE):
        answer = str(q.answer)
        others = [a for a in dict.fromkeys(q.accepted) if a != answer and a.strip()]
        also = (
            f' <span class="accepted">({html_text(words["accepted"])}: '
            + "; ".join(f'<span class="alias">{html_text(a)}</span>' for a in others)
            + ")</span>"
            if others
            else ""
        )
        return _solution(answer) + also
    if q.kind is Kind.ORDERING:
        positions = "".join(
            f'<span class="pair"><span class="given">{position}</span> {html_text(event)}</span>'
            for event, position in ordering_pairs(q)
        )
        timeline = " → ".join(html_text(str(event)) for event in q.answer)
        return (
            positions
            + f'<span class="timeline">{html_text(words["right_order"])}: {timeline}</span>'
        )
    choices = _match_choices(q)
    pairs = "".join(
        f'<span class="pair"><span class="given">{LETTERS[choices.index(match)]}</span> '
        f"{html_text(stem)} — {html_text(match)}</span>"
        for stem, match in matching_pairs(q)
        if stem
    )
    return pairs


def _solution(text: str) -> str:
    return f'<span class="right">{html_text(text)}</span>'


def _lines(text: str) -> str:
    return "<br>".join(html_text(line) for line in text.split("\n"))


def _date(date: dt.date, lang: str) -> str:
    return format_partial(PartialDate(date.year, date.month, date.day), lang)


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
@page {{ size: {size}; margin: 16mm 16mm 18mm; }}
{style}
</style>
</head>
<body>
<main class="sheet">
<header>{header}</header>
<ol class="questions">
{questions}
</ol>
</main>
{key}
</body>
</html>
"""

_STYLE = """
@page { @bottom-right { content: counter(page) " / " counter(pages);
  font: 9pt "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff;
  font: 11pt/1.4 "DejaVu Serif", "Liberation Serif", "Noto Serif", Georgia, serif; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 14pt; margin: 0 0 4mm; }
.subtitle { margin: 0 0 2mm; color: #333; }
.fields { display: flex; flex-wrap: wrap; gap: 3mm 8mm; margin: 4mm 0 2mm; }
.field { display: inline-flex; align-items: baseline; white-space: nowrap; }
.field.name { flex: 1 1 80mm; }
.blank { display: inline-block; flex: 1; min-width: 60mm; margin-left: 2mm;
  border-bottom: 0.3mm solid #000; height: 1.1em; }
.blank.short { min-width: 28mm; flex: 0 0 auto; }
.filled { margin-left: 2mm; }
.about { margin: 0 0 5mm; font-size: 9.5pt; color: #333;
  border-bottom: 0.4mm solid #000; padding-bottom: 2mm; }
ol.questions, ol.answers { list-style: none; margin: 0; padding: 0; }
li.question, li.answer { display: flex; gap: 2.5mm; break-inside: avoid; page-break-inside: avoid;
  margin: 0 0 5mm; }
li.answer { margin-bottom: 3.5mm; }
.number { flex: 0 0 8mm; font-weight: bold; text-align: right; }
.body { flex: 1; min-width: 0; }
.prompt { margin: 0 0 1.5mm; }
.points { font-size: 9pt; color: #444; white-space: nowrap; }
.hint { margin: 0 0 1.5mm; font-size: 9pt; font-style: italic; color: #444; }
ul.options, ul.entries, ul.choices { list-style: none; margin: 0; padding: 0; }
li.option, li.entry, li.choice { display: flex; align-items: baseline; gap: 2mm;
  margin: 0 0 1.2mm; }
.box { flex: 0 0 auto; display: inline-block; width: 4mm; height: 4mm;
  border: 0.35mm solid #000; position: relative; top: 0.6mm; }
.box.wide { width: 7mm; height: 6mm; top: 1.5mm; }
.letter { font-weight: bold; }
.line { display: block; height: 9mm; border-bottom: 0.3mm solid #000; max-width: 120mm; }
.match { display: flex; gap: 8mm; }
.match > ul { flex: 1; }
section.key { break-before: page; page-break-before: always; font-size: 10pt; }
.solution { margin: 0 0 1mm; }
.right { font-weight: bold; }
.accepted { color: #333; }
.pair, .timeline { display: block; }
.timeline { font-size: 9.5pt; margin-top: 0.8mm; }
.given { display: inline-block; min-width: 6mm; font-weight: bold; }
.note { margin: 0 0 0.8mm; font-size: 9pt; color: #333; }
@media screen {
  body { background: #e8e8e8; }
  .sheet, section.key { background: #fff; max-width: 210mm; margin: 8mm auto; padding: 16mm;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); }
}
"""
