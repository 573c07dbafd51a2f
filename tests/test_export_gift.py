"""GIFT export: read back by an independent GIFT parser from PyPI (pygiftparserrgmf) and by a
reader written from Moodle's documented import rules, and compared with the bank.

The PyPI parser does not honour escapes inside feedback, so text full of GIFT syntax is checked
with the documented reader only; realistic files (the sample and the real deck) go through both.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REAL_DECK
from export_samples import HOSTILE, sample_deck, sample_questions, with_text
from pygiftparser import parser as pypi_gift

import cli
from classroom.selection import resolve
from classroom.spec import QuizSpec
from decks.model import Deck
from exporters.errors import ExportError
from exporters.gift import escape, write_gift
from exporters.source import load_source
from questions import build_bank
from questions.model import Kind, Question

ESCAPES = " ~ = # { } : \\ \\n -> ## #### %50% [html] // * ]]> <b>b</b> «Дайрен»"
"""GIFT's control characters and what Moodle reads at the start of a text, plus markup."""

# Moodle's qformat_gift::escapedchar_pre / escapedchar_post, character for character.
_ESCAPED = ["\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"]
_HELD = ["&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010"]
_PLAIN = [":", "#", "=", "{", "}", "~", "\n"]
_FORMATS = ("moodle", "html", "plain", "markdown")
_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, held in zip(_ESCAPED, _HELD, strict=True):
        text = text.replace(escaped, held)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for held, plain in zip(_HELD, _PLAIN, strict=True):
        text = text.replace(held, plain)
    return text


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    """Moodle's parse_text_with_format: a leading [format] names the text's format."""
    text_format = default
    if text.startswith("["):
        name = text[1 : text.find("]")]
        if name in _FORMATS:
            text_format, text = name, text[text.find("]") + 1 :]
    return _post(text).strip(), text_format


def _weight(answer: str, default: float) -> tuple[float, str]:
    found = _WEIGHT.match(answer)
    if not found:
        return default, answer
    end = answer.find("%", 1)
    return float(answer[1:end]) / 100, answer[end + 1 :]


def read_gift(text: str) -> list[dict]:
    """Questions as Moodle's GIFT importer (qformat_gift::readquestion) reads them."""
    category: list[str] = []
    found = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        source = "\n".join(lines).strip()
        if not source:
            continue
        source = _pre(source)
        if source.startswith("$CATEGORY:"):
            category = split_category(source[10:].strip())
            continue
        name = None
        if source.startswith("::"):
            end = source.find("::", 2)
            name, source = _post(source[2:end]), source[end + 2 :].strip()
        start, finish = source.find("{"), source.find("}")
        assert 0 <= start < finish and source.endswith("}"), "the answers close the question"
        answers = source[start + 1 : finish].strip()
        question_text, text_format = _with_format(source[:start])
        feedback = ""
        if "####" in answers:
            cut = answers.rfind("####")
            answers, feedback = answers[:cut].strip(), answers[cut + 4 :]
        item = {
            "name": name,
            "category": category,
            "format": text_format,
            "text": question_text,
            "feedback": _with_format(feedback, text_format)[0],
        }
        if "~" in answers:
            item["type"] = "multichoice"
            parts = [a.strip() for a in answers.replace("=", "~=").split("~") if a.strip()]
            item["choices"] = []
            for part in parts:
                weight, part = (1.0, part[1:]) if part.startswith("=") else _weight(part, 0.0)
                answer = _with_format(part.split("#", 1)[0].strip(), text_format)[0]
                item["choices"].append((answer, weight))
        elif "=" in answers and "->" in answers:
            item["type"] = "match"
            item["pairs"] = []
            for part in (p.strip() for p in answers.split("=") if p.strip()):
                marker = part.find("->")
                stem = _with_format(part[:marker].strip(), text_format)[0]
                item["pairs"].append((stem, _post(part[marker + 2 :]).strip()))
        elif answers.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
            item["type"] = "truefalse"
            item["truth"] = answers.split("#", 1)[0].strip() in ("T", "TRUE")
        else:
            item["type"] = "shortanswer"
            item["answers"] = []
            for part in (p.strip() for p in answers.split("=") if p.strip()):
                weight, part = _weight(part, 1.0)
                assert weight == 1.0
                answer = _with_format(part.split("#", 1)[0].strip(), text_format)[0]
                item["answers"].append(answer.replace("\\*", "*"))  # Moodle's wildcard escape
        found.append(item)
    return found


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag in ("p", "br") and self.parts:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Html()
    parser.feed(html)
    parser.close()
    assert parser.tags <= {"p", "br"}, f"deck text became markup: {parser.tags}"
    return "".join(parser.parts)


def split_category(path: str) -> list[str]:
    return [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]


def topic_titles(deck: Deck, topic_id: str, lang: str) -> list[str]:
    topics = {t.id: t for t in deck.topics}
    titles = []
    current = topics.get(topic_id)
    while current is not None:
        titles.insert(0, current.title[lang])
        current = topics.get(current.parent) if current.parent else None
    return titles


def assert_same(item: dict, q: Question, deck: Deck, group: str = "") -> None:
    """What the documented reader found says what the bank's question says."""
    groups = [group] if group else []
    assert item["category"] == [
        "$course$",
        deck.title[q.lang],
        *groups,
        *topic_titles(deck, q.topic, q.lang),
    ]
    assert item["format"] == "html"
    text = html_text(item["text"])
    assert text.startswith(q.prompt + "\n") if q.kind is Kind.ORDERING else text == q.prompt
    feedback = html_text(item["feedback"])
    for quote in [q.explanation, q.dispute or "", *(c.quote for c in q.sources)]:
        assert quote in feedback
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
        assert item["type"] == "multichoice"
        shown = [(html_text(answer), weight) for answer, weight in item["choices"]]
        assert shown == [(o, 1.0 if o == q.answer else 0.0) for o in q.options]
    elif q.kind is Kind.TRUE_FALSE:
        assert item["type"] == "truefalse" and item["truth"] is q.answer
    elif q.kind in (Kind.TYPED, Kind.CLOZE):
        assert item["type"] == "shortanswer"
        assert item["answers"][0] == q.answer
        assert set(item["answers"]) == {q.answer, *q.accepted}
    elif q.kind is Kind.ORDERING:
        assert item["type"] == "match"
        right = list(q.answer)
        pairs = [(html_text(stem), html_text(match)) for stem, match in item["pairs"]]
        assert pairs == [(event, str(right.index(event) + 1)) for event in q.options]
    elif q.kind is Kind.MATCHING:
        assert item["type"] == "match"
        pairs = [(html_text(stem), html_text(match)) for stem, match in item["pairs"]]
        assert {stem: match for stem, match in pairs if stem} == dict(q.answer)
        assert {m for s, m in pairs if not s} == set(q.options) - set(q.answer.values())
    else:
        raise AssertionError(f"{q.kind} should not be exported")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def assert_pypi_parser_agrees(parsed, q: Question, deck: Deck, group: str = "") -> None:
    """pygiftparserrgmf's reading of one question, compared with the bank's question.

    It keeps escapes in answers and feedback, so those are unescaped here as GIFT documents.
    """
    path = "/".join(["$course$", deck.title[q.lang], *([group] if group else [])])
    assert parsed.category.startswith(path)
    assert parsed.name.endswith(f" · {q.lang}")
    assert parsed.text.startswith("[html]")
    text = html_text(_unescape(parsed.text.removeprefix("[html]")))
    assert text.startswith(q.prompt)
    options = parsed.answer.options
    kind = type(parsed.answer).__name__
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
        assert kind == "MultipleChoiceRadio"
        got = [(o.prefix, html_text(_unescape(o.text))) for o in options]
        assert got == [("=" if o == q.answer else "~", o) for o in q.options]
    elif q.kind is Kind.TRUE_FALSE:
        assert kind == "TrueFalse" and options[0].text == str(q.answer)
    elif q.kind in (Kind.TYPED, Kind.CLOZE):
        assert kind == "Short" and all(o.percentage == 1.0 for o in options)
        assert {_unescape(o.text).replace("\\*", "*") for o in options} == {q.answer, *q.accepted}
    else:
        assert kind == "Matching"
        pairs = [parsed.answer.get_pair(o) for o in options]
        got = {html_text(_unescape(p["first"])): html_text(_unescape(p["second"])) for p in pairs}
        if q.kind is Kind.ORDERING:
            right = list(q.answer)
            assert got == {event: str(right.index(event) + 1) for event in q.options}
        else:
            extras = got.pop("", None)
            assert got == dict(q.answer)
            assert {extras} - {None} == set(q.options) - set(q.answer.values())


def quiz_questions(lang: str) -> list[Question]:
    """One question of every exportable kind; the matching one has three pairs and an extra
    option, since GIFT readers want at least three pairs."""
    questions = []
    for q in sample_questions(lang):
        if q.kind is Kind.FLASHCARD:
            continue
        if q.kind is Kind.MATCHING:
            q = replace(q, answer={"a": "1", "b": "2", "c": "3"}, options=("3", "9", "1", "2"))
        questions.append(q)
    return questions


def export(deck: Deck, questions, **options) -> str:
    out = io.BytesIO()
    assert write_gift(deck, questions, out, **options) == len(list(questions))
    return out.getvalue().decode("utf-8")


def test_the_gift_escapes_are_the_documented_ones():
    assert escape("a~b=c#d{e}f:g\\h\ni\r") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    assert _post(_pre(escape("\\~ \\\\n : ~"))) == "\\~ \\\\n : ~"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_kind_reads_back_with_both_readers(lang):
    deck = sample_deck()
    questions = quiz_questions(lang)
    text = export(deck, questions)
    items = read_gift(text)
    assert len(items) == len(questions) == len(set(Kind)) - 1
    for item, question in zip(items, questions, strict=True):
        assert_same(item, question, deck)
    parsed = [q for q in pypi_gift.parse(text).questions if not isinstance(q, str)]
    assert len(parsed) == len(questions)
    for found, question in zip(parsed, questions, strict=True):
        assert_pypi_parser_agrees(found, question, deck)


def test_gift_syntax_and_markup_in_deck_text_read_back_literally():
    deck = sample_deck(title="Deck ~ = # { } : \\ with / slash")
    hostile = HOSTILE + ESCAPES
    questions = []
    for q in quiz_questions("en") + quiz_questions("ru"):
        q = with_text(q, hostile)
        if q.kind in (Kind.TYPED, Kind.CLOZE):
            typed = "%50%Dai*ren" + hostile.replace("->", "")
            q = replace(q, answer=typed, accepted=("[html]Dalian", "[1] D~"))
        if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
            options = tuple(f"{o}{ESCAPES}" for o in q.options)
            q = replace(q, options=options, answer=f"{q.answer}{ESCAPES}")
        if q.kind is Kind.MATCHING:
            q = replace(q, answer={"a -> b" + hostile: "x -> y" + hostile, "c": "1", "d": "2"})
            q = replace(q, options=tuple(q.answer.values()))
        if q.kind is Kind.ORDERING:
            q = replace(
                q, answer=("A=" + hostile, "B#", "C}"), options=("C}", "A=" + hostile, "B#")
            )
        questions.append(q)
    text = export(deck, questions)
    html_lines = [line for line in text.split("\n") if not line.startswith("\t=%100%")]
    assert not [line for line in html_lines if "<script>" in line or "<b>" in line]
    items = read_gift(text)
    assert len(items) == len(questions)
    for item, question in zip(items, questions, strict=True):
        assert_same(item, question, deck)


def test_short_answers_are_plain_text_because_moodle_compares_them_as_typed():
    question = replace(quiz_questions("en")[2], answer="1 < 2 & <b>", accepted=())
    text = export(sample_deck(), [question])
    assert "\t=%100%1 < 2 & <b>\n" in text


def test_a_short_answer_holding_an_arrow_is_refused_since_gift_cannot_escape_it():
    question = replace(quiz_questions("en")[2], accepted=("Dairen", "Dalny -> Dalian"))
    with pytest.raises(ExportError, match=r"'Dalny -> Dalian' holds '->', which GIFT cannot"):
        export(sample_deck(), [question])


def test_a_short_answer_opening_with_a_bracket_keeps_it():
    question = replace(quiz_questions("en")[2], answer="[plain] text", accepted=("[html]x", "[y"))
    text = export(sample_deck(), [question])
    assert "=%100%[plain][plain] text" in text and "=%100%[plain][y" in text
    assert read_gift(text)[0]["answers"] == ["[plain] text", "[html]x", "[y"]


def test_names_stay_the_same_across_exports_and_rewordings():
    deck = sample_deck()
    questions = quiz_questions("en") + quiz_questions("ru")
    first = export(deck, questions)
    assert export(deck, questions) == first
    reworded = export(deck, [replace(q, prompt=q.prompt + "?") for q in questions])
    names = [i["name"] for i in read_gift(first)]
    assert names == [i["name"] for i in read_gift(reworded)]
    assert len(set(names)) == len(names)
    assert re.findall(r"^// (q-[0-9a-f]{16})", first, re.M) == [q.id for q in questions]


def test_cyrillic_is_written_as_utf8_characters():
    out = io.BytesIO()
    write_gift(sample_deck(), quiz_questions("ru"), out)
    data = out.getvalue()
    assert (
        "$CATEGORY: $course$/Советско-японская дипломатия/Дайренская конференция".encode() in data
    )
    assert "В какой гавани?".encode() in data and b"&#" not in data


@pytest.fixture(scope="module")
def real_source():
    return load_source(REAL_DECK)


def test_the_real_deck_reads_back_with_both_readers(real_source):
    deck = real_source.deck
    questions = real_source.questions
    text = export(deck, questions)
    items = read_gift(text)
    assert len(items) == len(questions) > 0
    for item, question in zip(items, questions, strict=True):
        assert_same(item, question, deck)
    parsed = [q for q in pypi_gift.parse(text).questions if not isinstance(q, str)]
    assert len(parsed) == len(questions)
    for found, question in zip(parsed, questions, strict=True):
        assert_pypi_parser_agrees(found, question, deck)
    assert {q.lang for q in questions} == set(deck.languages)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sample_quiz_on_the_real_deck_reads_back_as_its_paper(tmp_path: Path, lang):
    spec = QuizSpec(title=f"Quiz ({lang})", deck=REAL_DECK.name, lang=lang, count=15, seed=3)
    spec_file = tmp_path / "quiz.yaml"
    spec_file.write_text(spec.to_yaml(), encoding="utf-8")
    source = load_source(spec_file, decks_dir=REAL_DECK.parent)
    paper = resolve(spec, build_bank(source.deck))
    text = export(source.deck, source.questions, points=source.points, group=source.group)
    items = read_gift(text)
    assert len(items) == len(paper) == 15
    for item, question in zip(items, paper, strict=True):
        assert_same(item, question, source.deck, group=spec.title)
    parsed = [q for q in pypi_gift.parse(text).questions if not isinstance(q, str)]
    for found, question in zip(parsed, paper, strict=True):
        assert_pypi_parser_agrees(found, question, source.deck, group=spec.title)


def test_the_command_writes_gift_for_a_topic(tmp_path: Path, capsys):
    source = load_source(REAL_DECK)
    deck = source.deck
    bank = build_bank(deck, langs=["en"])
    topic = next(
        t
        for t in deck.topics
        if t.parent is None
        and {Kind.TRUE_FALSE, Kind.CLOZE} <= {q.kind for q in bank.filter(topics=[t.id]).questions}
    )
    out = tmp_path / "topic.txt"
    args = ["export", "gift", str(REAL_DECK), "-o", str(out), "--lang", "en"]
    assert cli.main([*args, "--topics", topic.id, "--kinds", "true_false", "cloze"]) == 0
    items = read_gift(out.read_text(encoding="utf-8"))
    assert items and {i["type"] for i in items} == {"truefalse", "shortanswer"}
    assert {i["category"][2] for i in items} == {topic.title["en"]}
    assert f"{len(items)} questions" in capsys.readouterr().out
