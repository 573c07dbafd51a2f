"""The printable sheet as Chromium prints it: a screenshot in print media, the boxes laid out on
the page, the answer key on a page of its own, and PDFs in A4 and US Letter."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import REAL_DECK
from export_samples import sample_questions
from PIL import Image, ImageStat

import cli
from exporters.pdf import write_pdf
from exporters.printable import Paper, Sheet, sheet_html
from questions.model import Kind

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
MM = 96 / 25.4
"""CSS pixels per millimetre."""
POINTS = {Paper.A4: (595, 842), Paper.LETTER: (612, 792)}
"""PDF page size in points (1/72 inch), rounded."""


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def media_box(pdf: bytes) -> tuple[int, int]:
    found = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert found, "the PDF names its page size"
    return round(float(found.group(1))), round(float(found.group(2)))


def quiz(lang: str, paper: Paper = Paper.A4, key: bool = True, count: int | None = None) -> Sheet:
    questions = [q for q in sample_questions(lang) if q.kind is not Kind.FLASHCARD][:count]
    return Sheet(
        title="Советско-японская дипломатия" if lang == "ru" else "Dairen quiz",
        lang=lang,
        questions=tuple(questions),
        date=dt.date(2025, 3, 1),
        paper=paper,
        answer_key=key,
    )


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless=new"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": round(210 * MM), "height": 1100})
    page.emulate_media(media="print")
    yield page
    page.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_sheet_renders_with_every_box_and_line_on_the_page(page, tmp_path: Path, lang):
    page.set_content(sheet_html(quiz(lang)))
    shot = tmp_path / f"sheet-{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    image = Image.open(shot).convert("L")
    width, height = image.size
    assert width == round(210 * MM) and height > 1100
    stat = ImageStat.Stat(image)
    assert stat.mean[0] > 200, "mostly white paper"
    assert stat.stddev[0] > 20, "with ink on it"
    dark = sum(image.histogram()[:100])
    assert dark > 5000, f"only {dark} dark pixels: the text did not render"

    boxes = page.eval_on_selector_all(
        ".box",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.width, r.height]; })",
    )
    assert len(boxes) == 4 + 2 + 4 + 3 + 2  # choice, true/false, differ, order, match
    for left, box_width, box_height in boxes:
        assert 3.5 * MM <= box_width <= 7.5 * MM and 3.5 * MM <= box_height <= 6.5 * MM
        assert 0 <= left and left + box_width <= width
    lines = page.eval_on_selector_all(
        ".line", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert len(lines) == 2 and all(line > 80 * MM for line in lines)
    overflow = page.evaluate(
        "[...document.querySelectorAll('.question, .answer')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert overflow == 0
    key_top = page.eval_on_selector(".key", "e => e.getBoundingClientRect().top")
    last_question = page.eval_on_selector_all(
        ".question", "els => els[els.length - 1].getBoundingClientRect().bottom"
    )
    assert key_top > last_question


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_the_key_starts_on_a_page_of_its_own(page, paper):
    page.set_content(sheet_html(quiz("en", paper, key=False, count=1)))
    alone = page.pdf(prefer_css_page_size=True)
    page.set_content(sheet_html(quiz("en", paper, key=True, count=1)))
    with_key = page.pdf(prefer_css_page_size=True)
    assert pages(alone) == 1 and pages(with_key) == 2
    assert media_box(with_key) == POINTS[paper]


@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_the_exporter_prints_a_pdf_with_chromium(paper):
    out = io.BytesIO()
    size = write_pdf(sheet_html(quiz("ru", paper)), out)
    pdf = out.getvalue()
    assert size == len(pdf) and pdf.startswith(b"%PDF-")
    assert media_box(pdf) == POINTS[paper]
    assert pages(pdf) >= 2


def test_the_command_writes_a_pdf(tmp_path: Path, capsys):
    out = tmp_path / "sheet.pdf"
    args = ["export", "print", str(REAL_DECK), "-o", str(out), "--lang", "ru"]
    assert cli.main([*args, "--kinds", "ordering", "--paper", "letter"]) == 0, (
        capsys.readouterr().err
    )
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-") and media_box(pdf) == POINTS[Paper.LETTER]
    assert pages(pdf) >= 2
    assert "PDF of" in capsys.readouterr().out
