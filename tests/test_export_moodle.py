"""Moodle XML export: read back with the standard library's XML parser, the way Moodle's importer
reads the format, and compared with the questions it was made from."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REAL_DECK
from export_samples import HOSTILE, sample_deck, sample_questions, with_text

import cli
from classroom.selection import resolve
from classroom.spec import QUIZ_KINDS, QuizSpec
from decks.model import Deck
from exporters.errors import ExportError
from exporters.moodle import write_moodle
from exporters.source import load_source
from questions import build_bank
from questions.model import Kind, Question

ESCAPES = " ]]> <b>bold</b> &amp; ~ = # { } : \\ * % [html] // «Дайрен»"
"""Characters that XML, HTML, Moodle's wildcards or categories would read as syntax."""


class _Html(HTMLParser):
    """HTML as Moodle shows it: text, with a paragraph or a <br> starting a new line."""

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


def html_text(html: str | None) -> str:
    parser = _Html()
    parser.feed(html or "")
    parser.close()
    assert parser.tags <= {"p", "br"}, f"deck text became markup: {parser.tags}"
    return "".join(parser.parts)


def split_category(path: str) -> list[str]:
    """Moodle's split_category_path: a single `/` separates, `//` is a literal slash."""
    return [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]


def read_moodle(data: bytes) -> list[dict]:
    """Every question of a Moodle XML file, with the category it is imported into."""
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    category: list[str] = []
    found = []
    for question in root:
        assert question.tag == "question"
        kind = question.get("type")
        if kind == "category":
            category = split_category(question.findtext("category/text") or "")
            continue
        item = {
            "type": kind,
            "category": category,
            "name": question.findtext("name/text"),
            "idnumber": question.findtext("idnumber"),
            "grade": float(question.findtext("defaultgrade") or "nan"),
            "text": html_text(question.findtext("questiontext/text")),
            "feedback": html_text(question.findtext("generalfeedback/text")),
        }
        answers = question.findall("answer")
        if kind == "multichoice":
            item["single"] = question.findtext("single")
            item["shuffle"] = question.findtext("shuffleanswers")
            item["choices"] = [
                (html_text(a.findtext("text")), float(a.get("fraction", "nan"))) for a in answers
            ]
        elif kind == "truefalse":
            right = [a.findtext("text") for a in answers if float(a.get("fraction", 0)) == 100]
            assert len(right) == 1 and len(answers) == 2
            item["truth"] = right[0] == "true"
        elif kind == "shortanswer":
            assert all(float(a.get("fraction", 0)) == 100 for a in answers)
            item["answers"] = [
                re.sub(r"\\\*", "*", a.findtext("text") or "")
                for a in answers  # `\*` is a literal asterisk
            ]
        elif kind == "matching":
            item["pairs"] = [
                (html_text(sub.findtext("text")), html_text(sub.findtext("answer/text")))
                for sub in question.findall("subquestion")
            ]
        found.append(item)
    return found


def topic_titles(deck: Deck, topic_id: str, lang: str) -> list[str]:
    topics = {t.id: t for t in deck.topics}
    titles = []
    current = topics.get(topic_id)
    while current is not None:
        titles.insert(0, current.title[lang])
        current = topics.get(current.parent) if current.parent else None
    return titles


def assert_same(item: dict, q: Question, deck: Deck, group: str = "") -> None:
    """The Moodle question says what the bank's question says, in Moodle's terms."""
    assert item["idnumber"] == q.id
    expected_category = [deck.title[q.lang], *([group] if group else [])]
    assert item["category"] == [
        "$course$",
        *expected_category,
        *topic_titles(deck, q.topic, q.lang),
    ]
    for quote in [q.explanation, q.dispute or "", *(c.quote for c in q.sources)]:
        assert quote in item["feedback"]
    if q.kind is Kind.ORDERING:
        assert item["text"].startswith(q.prompt + "\n")
    else:
        assert item["text"] == q.prompt
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
        assert item["type"] == "multichoice" and item["single"] == "true"
        assert item["shuffle"] == "true"
        assert item["choices"] == [(o, 100.0 if o == q.answer else 0.0) for o in q.options]
    elif q.kind is Kind.TRUE_FALSE:
        assert item["type"] == "truefalse" and item["truth"] is q.answer
    elif q.kind in (Kind.TYPED, Kind.CLOZE):
        assert item["type"] == "shortanswer"
        assert item["answers"][0] == q.answer
        assert set(item["answers"]) == {q.answer, *q.accepted}
    elif q.kind is Kind.ORDERING:
        assert item["type"] == "matching"
        right = list(q.answer)
        assert item["pairs"] == [(event, str(right.index(event) + 1)) for event in q.options]
    elif q.kind is Kind.MATCHING:
        assert item["type"] == "matching"
        stems = {left: right for left, right in item["pairs"] if left}
        assert stems == dict(q.answer)
        extras = {right for left, right in item["pairs"] if not left}
        assert extras == set(q.options) - set(q.answer.values())
    else:
        raise AssertionError(f"{q.kind} should not be exported")


def quiz_questions(lang: str) -> list[Question]:
    return [q for q in sample_questions(lang) if q.kind is not Kind.FLASHCARD]


def export(deck: Deck, questions, **options) -> bytes:
    out = io.BytesIO()
    assert write_moodle(deck, questions, out, **options) == len(list(questions))
    return out.getvalue()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_kind_reads_back_as_the_question_it_came_from(lang):
    deck = sample_deck()
    questions = quiz_questions(lang)
    items = read_moodle(export(deck, questions))
    assert len(items) == len(questions) == len(set(Kind)) - 1
    for item, question in zip(items, questions, strict=True):
        assert_same(item, question, deck)
        assert item["grade"] == 1


def test_markup_and_syntax_in_deck_text_read_back_literally():
    deck = sample_deck()
    hostile = HOSTILE + ESCAPES
    questions = []
    for q in quiz_questions("en") + quiz_questions("ru"):
        q = with_text(q, hostile)
        if q.kind in (Kind.TYPED, Kind.CLOZE):
            q = replace(q, answer="Dai*ren" + hostile, accepted=("Dai*ren" + hostile, "D*"))
        questions.append(q)
    data = export(deck, questions)
    assert b"<script>" not in data and b"<b>" not in data  # only as &lt;...&gt; entities
    items = read_moodle(data)
    for item, question in zip(items, questions, strict=True):
        assert_same(item, question, deck)
    typed = next(i for i in items if i["type"] == "shortanswer")
    assert "D*" in typed["answers"]
    assert b"<text>D\\*</text>" in data  # Moodle's escape for a literal asterisk


def test_characters_xml_cannot_hold_become_replacement_characters():
    question = replace(quiz_questions("en")[0], prompt="Bell\u0007 and NUL\u0000?")
    items = read_moodle(export(sample_deck(), [question]))
    assert items[0]["text"] == "Bell\ufffd and NUL\ufffd?"


def test_cyrillic_is_written_as_utf8_characters():
    data = export(sample_deck(), quiz_questions("ru"))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert "В какой гавани?".encode() in data
    assert "Советско-японская дипломатия/Дайренская конференция".encode() in data
    assert b"&#" not in data


def test_categories_follow_the_topic_tree_and_keep_slashes_in_titles():
    deck = sample_deck(title="/Soviet/Japanese // talks/")
    questions = quiz_questions("en")
    data = export(deck, questions, group="Quiz 1/2")
    paths = re.findall(r"<text>(\$course\$[^<]*)</text>", data.decode("utf-8"))
    assert paths[0] == "$course$/ //Soviet//Japanese //// talks// /Quiz 1//2/The Dairen Conference"
    items = read_moodle(data)
    attack = next(i for i in items if i["idnumber"] == questions[-1].id)
    assert attack["category"] == [
        "$course$",
        "/Soviet/Japanese // talks/",
        "Quiz 1/2",
        "The intervention",
        "The Nikolaevsk incident",
    ]
    for item, question in zip(items, questions, strict=True):
        assert_same(item, question, deck, group="Quiz 1/2")


def test_names_and_ids_stay_the_same_across_exports_and_rewordings():
    deck = sample_deck()
    questions = quiz_questions("en") + quiz_questions("ru")
    first = export(deck, questions)
    assert export(deck, questions) == first
    reworded = [replace(q, prompt=q.prompt + " (reworded)") for q in questions]
    before, after = read_moodle(first), read_moodle(export(deck, reworded))
    assert [(i["name"], i["idnumber"]) for i in before] == [
        (i["name"], i["idnumber"]) for i in after
    ]
    assert len({i["name"] for i in before}) == len({i["idnumber"] for i in before}) == len(before)


def test_points_become_each_questions_default_grade():
    deck = sample_deck()
    questions = quiz_questions("en")
    points = {questions[0].id: 2.5, questions[3].id: 4}
    items = read_moodle(export(deck, questions, points=points))
    assert [i["grade"] for i in items] == [2.5, 1, 1, 4, 1, 1, 1]


def test_a_flashcard_is_refused_with_the_kinds_that_can_go():
    card = next(q for q in sample_questions("en") if q.kind is Kind.FLASHCARD)
    with pytest.raises(ExportError, match=r"is a flashcard, which this export cannot hold"):
        export(sample_deck(), [card])


@pytest.fixture(scope="module")
def real_source():
    return load_source(REAL_DECK)


def test_the_real_deck_reads_back_in_both_languages(real_source):
    deck = real_source.deck
    items = read_moodle(export(deck, real_source.questions))
    assert len(items) == len(real_source.questions) > 0
    for item, question in zip(items, real_source.questions, strict=True):
        assert_same(item, question, deck)
    assert {q.lang for q in real_source.questions} == set(deck.languages)
    bank = build_bank(deck)
    expected = [
        q
        for q in bank.questions
        if q.kind is not Kind.FLASHCARD
        and q.id not in {v.question_id for v in real_source.held_back}
    ]
    assert [q.id for q in real_source.questions] == [q.id for q in expected]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sample_quiz_on_the_real_deck_reads_back_as_its_paper(tmp_path: Path, lang):
    deck_id = REAL_DECK.name
    spec = QuizSpec(title=f"Sample quiz ({lang})", deck=deck_id, lang=lang, count=15, seed=7)
    spec_file = tmp_path / "quiz.yaml"
    spec_file.write_text(spec.to_yaml(), encoding="utf-8")
    source = load_source(spec_file, decks_dir=REAL_DECK.parent)
    paper = resolve(spec, build_bank(source.deck))
    assert [q.id for q in source.questions] == [q.id for q in paper]
    data = export(source.deck, source.questions, points=source.points, group=source.group)
    items = read_moodle(data)
    assert len(items) == 15
    for item, question in zip(items, paper, strict=True):
        assert question.kind in QUIZ_KINDS and question.lang == lang
        assert_same(item, question, source.deck, group=spec.title)


def test_the_command_exports_a_deck_with_the_anki_filters(tmp_path: Path, capsys):
    out = tmp_path / "ru-typed.xml"
    code = cli.main(
        ["export", "moodle", str(REAL_DECK), "-o", str(out), "--lang", "ru", "--kinds", "typed"]
    )
    assert code == 0, capsys.readouterr().err
    items = read_moodle(out.read_bytes())
    assert items and {i["type"] for i in items} == {"shortanswer"}
    assert all("Советско-японская" in i["category"][1] for i in items)
    assert f"Wrote {out}: {len(items)} questions" in capsys.readouterr().out


def test_the_command_exports_a_quiz_spec(tmp_path: Path, capsys):
    spec = QuizSpec(title="Dairen quiz", deck=REAL_DECK.name, lang="en", count=5, points=2)
    spec_file = tmp_path / "dairen.yaml"
    spec_file.write_text(spec.to_yaml(), encoding="utf-8")
    out = tmp_path / "dairen.xml"
    code = cli.main(
        ["export", "moodle", str(spec_file), "-o", str(out), "--decks", str(REAL_DECK.parent)]
    )
    assert code == 0, capsys.readouterr().err
    items = read_moodle(out.read_bytes())
    assert [i["grade"] for i in items] == [2] * 5
    assert {i["category"][2] for i in items} == {"Dairen quiz"}


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--kinds", "flashcard"], 2, "no question kind 'flashcard' for this export"),
        (["--lang", "fr"], 2, "has no language 'fr'"),
        (["--topics", "nowhere"], 2, "has no topic 'nowhere'"),
    ],
)
def test_the_command_refuses_a_selection_it_cannot_make(tmp_path, capsys, extra, code, message):
    out = tmp_path / "x.xml"
    assert cli.main(["export", "moodle", str(REAL_DECK), "-o", str(out), *extra]) == code
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_the_command_refuses_deck_filters_on_a_quiz_spec(tmp_path: Path, capsys):
    spec_file = tmp_path / "quiz.yaml"
    spec_file.write_text(QuizSpec("Q", REAL_DECK.name, "en", 3).to_yaml(), encoding="utf-8")
    out = tmp_path / "q.xml"
    assert cli.main(["export", "moodle", str(spec_file), "-o", str(out), "--lang", "ru"]) == 2
    assert "is a quiz spec, which sets its own language" in capsys.readouterr().err
    assert not out.exists()


def test_the_command_reports_a_broken_quiz_spec_with_its_line(tmp_path: Path, capsys):
    spec_file = tmp_path / "quiz.yaml"
    spec_file.write_text("title: Q\ndeck: far-east-1920-1925\nlanguage: en\nquestions: -3\n")
    assert cli.main(["export", "gift", str(spec_file), "-o", str(tmp_path / "q.txt")]) == 1
    err = capsys.readouterr().err
    assert f"{spec_file}:4:" in err and "has problems; fix them and export again" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"title: x\n#" + b"-" * 70_000, "more than a quiz spec holds"),
        ("title: Дайрен\n".encode("cp1251"), "is not UTF-8 text: save the quiz spec as UTF-8"),
    ],
)
def test_the_command_refuses_a_spec_file_it_cannot_read(tmp_path, capsys, content, message):
    spec_file = tmp_path / "quiz.yaml"
    spec_file.write_bytes(content)
    assert cli.main(["export", "moodle", str(spec_file), "-o", str(tmp_path / "q.xml")]) == 1
    assert message in capsys.readouterr().err
