"""The printable sheet: its HTML read back with the standard library's parser and compared with
the questions and answers it was made from; the page set up for A4 and US Letter."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REAL_DECK
from export_samples import HOSTILE, sample_questions, with_text

import cli
from classroom.selection import resolve
from classroom.spec import QuizSpec
from exporters.errors import ExportError
from exporters.printable import Paper, Sheet, sheet_html, write_printable
from exporters.source import load_source
from questions import build_bank
from questions.model import Kind, Question
from questions.phrases import PHRASES

VOID = {"meta", "br", "link", "img", "input", "hr"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children).strip()

    def all(self, cls: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if cls in child.attrs.get("class", "").split():
                    found.append(child)
                found += child.all(cls)
        return found

    def tagged(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                found += [child] if child.tag == tag else []
                found += child.tagged(tag)
        return found

    def one(self, cls: str) -> Node:
        (found,) = self.all(cls)
        return found


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append("\n" if tag == "br" else node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> tuple[Node, set[str]]:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert len(tree.stack) == 1, "every element is closed"
    return tree.root, tree.tags


def true_false(q: Question) -> tuple[str, ...]:
    phrases = PHRASES[q.lang]
    return q.options or (phrases["true"], phrases["false"])


def assert_same(item: Node, answer: Node, q: Question, number: int) -> None:
    """A printed question and its line in the key say what the bank's question says."""
    assert item.attrs["data-id"] == answer.attrs["data-id"] == q.id
    assert item.attrs["data-kind"] == q.kind.value
    assert item.one("number").text() == answer.one("number").text() == f"{number}."
    prompt = item.one("prompt")
    assert prompt.text().startswith(q.prompt)
    notes = "\n".join(n.text() for n in answer.all("note"))
    for quote in [q.explanation, q.dispute or "", *(c.quote for c in q.sources)]:
        assert quote in notes
    if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER, Kind.TRUE_FALSE):
        options = item.all("option")
        shown = tuple(q.options) if q.kind is not Kind.TRUE_FALSE else true_false(q)
        assert [o.one("text").text() for o in options] == list(shown)
        assert all(o.all("box") for o in options)
        right = shown.index(q.answer) if q.kind is not Kind.TRUE_FALSE else (0 if q.answer else 1)
        expected = (
            f"{LETTERS[right]}. {shown[right]}" if q.kind is not Kind.TRUE_FALSE else shown[right]
        )
        assert answer.one("right").text() == expected
    elif q.kind in (Kind.TYPED, Kind.CLOZE):
        assert item.all("line") and not item.all("box")
        assert answer.one("right").text() == q.answer
        aliases = [a.text() for a in answer.all("alias")]
        assert set(aliases) == set(q.accepted) - {q.answer}
    elif q.kind is Kind.ORDERING:
        entries = item.all("entry")
        assert [e.one("text").text() for e in entries] == list(q.options)
        assert all(e.all("box") for e in entries)
        pairs = [p.text() for p in answer.all("pair")]
        right = list(q.answer)
        assert pairs == [f"{right.index(e) + 1} {e}" for e in q.options]
        assert answer.one("timeline").text().endswith(": " + " → ".join(right))
    elif q.kind is Kind.MATCHING:
        stems = [e.one("text").text() for e in item.all("entry")]
        assert set(stems) == set(q.answer)
        choices = [c.one("text").text() for c in item.all("choice")]
        assert choices == list(q.options)
        pairs = [p.text() for p in answer.all("pair")]
        assert pairs == [
            f"{LETTERS[choices.index(q.answer[s])]} {s} — {q.answer[s]}" for s in stems
        ]
    else:
        raise AssertionError(f"{q.kind} should not be printed")


def assert_sheet_matches(html: str, questions) -> Node:
    root, tags = parse(html)
    assert "script" not in tags
    items = root.all("question")
    answers = root.all("answer")
    assert len(items) == len(answers) == len(questions)
    for number, (item, answer, q) in enumerate(zip(items, answers, questions, strict=True), 1):
        assert_same(item, answer, q, number)
    return root


def quiz_questions(lang: str) -> list[Question]:
    return [q for q in sample_questions(lang) if q.kind is not Kind.FLASHCARD]


def sheet(questions, **options) -> Sheet:
    options.setdefault("date", dt.date(2025, 3, 1))
    return Sheet(
        title=options.pop("title", "Dairen quiz"), lang="en", questions=tuple(questions), **options
    )


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_kind_prints_with_its_answer_in_the_key(lang):
    questions = quiz_questions(lang)
    html = sheet_html(replace(sheet(questions), lang=lang))
    root = assert_sheet_matches(html, questions)
    assert root.one("key").all("answer")
    assert f'<html lang="{lang}">' in html


def test_the_header_has_title_date_name_line_and_marks():
    questions = quiz_questions("en")
    points = {q.id: 2 for q in questions}
    root, _ = parse(
        sheet_html(sheet(questions, subtitle="Soviet–Japanese diplomacy", points=points))
    )
    assert root.one("sheet").all("blank")  # the name line
    header = root.all("fields")[0].text()
    assert "Name:" in header and "Class:" in header and "Date: 1 March 2025" in header
    assert root.one("about").text() == "7 questions · 14 points in all"
    assert [p.text() for p in root.all("points")] == ["(2 pt)"] * 7
    assert root.one("subtitle").text() == "Soviet–Japanese diplomacy"


def test_a_russian_sheet_speaks_russian_and_can_leave_the_date_blank():
    questions = quiz_questions("ru")
    root, _ = parse(sheet_html(replace(sheet(questions, date=None), lang="ru")))
    header = root.all("fields")[0].text()
    assert "Фамилия, имя:" in header and "Дата:" in header
    assert len(root.all("fields")[0].all("blank")) == 3
    assert root.one("key").tagged("h2")[0].text() == "Ответы: Dairen quiz"
    dated = sheet_html(replace(sheet(questions, date=dt.date(1925, 1, 20)), lang="ru"))
    assert "20 января 1925 г." in dated


def test_a_mixed_sheet_gives_each_question_hints_in_its_language():
    questions = quiz_questions("en")[:1] + quiz_questions("ru")[:1]
    root, _ = parse(sheet_html(sheet(questions)))
    assert [h.text() for h in root.all("hint")] == ["Tick one box.", "Отметьте один вариант."]


def test_hostile_text_prints_literally():
    questions = []
    for q in quiz_questions("en") + quiz_questions("ru"):
        q = with_text(q, HOSTILE)
        if q.kind in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
            q = replace(q, options=tuple(o + HOSTILE for o in q.options), answer=q.answer + HOSTILE)
        if q.kind in (Kind.TYPED, Kind.CLOZE):
            q = replace(q, answer="<i>x</i>", accepted=("<i>x</i>", "{{c1::y}}"))
        questions.append(q)
    html = sheet_html(sheet(questions, title="<script>1</script> & co"))
    assert_sheet_matches(html, questions)
    root, tags = parse(html)
    assert tags.isdisjoint({"script", "i"})
    assert root.one("sheet").tagged("h1")[0].text() == "<script>1</script> & co"


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, "A4"), (Paper.LETTER, "letter")])
def test_the_page_size_follows_the_paper(paper, size):
    html = sheet_html(sheet(quiz_questions("en"), paper=paper))
    assert f"@page {{ size: {size};" in html


def test_the_key_can_be_left_out():
    root, _ = parse(sheet_html(sheet(quiz_questions("en"), answer_key=False)))
    assert not root.all("key") and not root.all("answer") and len(root.all("question")) == 7


def test_a_flashcard_is_refused():
    card = next(q for q in sample_questions("en") if q.kind is Kind.FLASHCARD)
    with pytest.raises(ExportError, match="is a flashcard, which a printed quiz cannot hold"):
        sheet_html(sheet([card]))


def test_the_file_is_utf8_html():
    out = io.BytesIO()
    assert write_printable(sheet(quiz_questions("ru")), out) == 7
    data = out.getvalue()
    assert data.startswith(b"<!DOCTYPE html>") and "В какой гавани?".encode() in data


def test_the_real_deck_prints_in_both_languages():
    source = load_source(REAL_DECK)
    html = sheet_html(sheet(source.questions, title=source.title))
    assert_sheet_matches(html, source.questions)
    assert {q.lang for q in source.questions} == set(source.deck.languages)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sample_quiz_prints_as_its_paper(tmp_path: Path, lang):
    spec = QuizSpec(
        title=f"Sample quiz ({lang})", deck=REAL_DECK.name, lang=lang, count=12, points=2
    )
    spec_file = tmp_path / "quiz.yaml"
    spec_file.write_text(spec.to_yaml(), encoding="utf-8")
    out = tmp_path / "quiz.html"
    args = ["export", "print", str(spec_file), "-o", str(out), "--date", "2025-11-24"]
    assert cli.main([*args, "--decks", str(REAL_DECK.parent), "--paper", "letter"]) == 0
    html = out.read_text(encoding="utf-8")
    paper = resolve(spec, build_bank(load_source(REAL_DECK).deck))
    root = assert_sheet_matches(html, paper)
    assert root.one("sheet").tagged("h1")[0].text() == spec.title
    assert root.one("about").text().endswith(("24 points in all", "Всего баллов: 24"))
    assert "@page { size: letter;" in html
    assert ("24 November 2025" if lang == "en" else "24 ноября 2025 г.") in html


def test_the_command_wants_an_html_or_pdf_name(tmp_path: Path, capsys):
    out = tmp_path / "sheet.docx"
    assert cli.main(["export", "print", str(REAL_DECK), "-o", str(out)]) == 2
    assert "ends in neither .html nor .pdf" in capsys.readouterr().err
    assert not out.exists()


def test_the_command_leaves_no_file_when_the_date_is_wrong(tmp_path: Path, capsys):
    out = tmp_path / "sheet.html"
    with pytest.raises(SystemExit) as stopped:
        cli.main(["export", "print", str(REAL_DECK), "-o", str(out), "--date", "1 March"])
    assert stopped.value.code == 2
    assert "'1 March' is not a date: give YYYY-MM-DD" in capsys.readouterr().err
    assert not out.exists()


def test_no_question_comes_out_twice_in_a_deck_sheet(tmp_path: Path):
    out = tmp_path / "dairen.html"
    assert cli.main(["export", "print", str(REAL_DECK), "-o", str(out), "--lang", "en"]) == 0
    ids = re.findall(r'<li class="question" data-id="(q-[0-9a-f]+)"', out.read_text())
    assert ids and len(ids) == len(set(ids))
