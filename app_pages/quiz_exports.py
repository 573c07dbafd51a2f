"""Teacher: a quiz's class paper as Moodle XML, GIFT or a printable sheet, for the quiz pages.

`quiz_exports(quiz, pool)` is a section the teacher's quiz page shows; it only wires buttons to
exporters/, which build the files (the same as `factdeck export moodle|gift|print quiz.yaml`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from typing import BinaryIO

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_pages.classroom_ui import browser_zone, utcnow
from app_pages.common import error_text, loaded_decks, plain, tr
from classroom.spec import Selection
from classroom.views import Quiz
from decks.model import Deck
from exporters.errors import ExportError
from exporters.gift import write_gift
from exporters.moodle import write_moodle
from exporters.pdf import find_chromium, write_pdf
from exporters.printable import Paper, Sheet, sheet_html
from exporters.source import ExportSource, class_paper
from questions.model import Question

PAPER_NAMES = {Paper.A4: "A4", Paper.LETTER: "US Letter"}


def quiz_exports(quiz: Quiz, pool: Sequence[Question]) -> None:
    """Download buttons for the quiz as Moodle XML, GIFT, an HTML sheet and (with Chromium) PDF."""
    st.session_state.setdefault("quiz_export_pdf", None)
    spec = quiz.spec
    deck = loaded_decks().get(spec.deck)
    st.markdown(f"**{tr('quiz_export.title')}**")
    if deck is None:
        st.warning(tr("quiz_export.no_deck", deck=plain(spec.deck)))
        return
    st.caption(tr("quiz_export.about"))
    if spec.selection is Selection.PER_STUDENT:
        st.caption(tr("quiz_export.per_student"))
    source = class_paper(spec, pool, deck)
    name = re.sub(r"[^\w-]+", "-", spec.title).strip("-").lower() or f"quiz-{quiz.id}"
    papers = list(Paper)
    paper = st.radio(
        tr("quiz_export.paper"),
        papers,
        format_func=PAPER_NAMES.__getitem__,
        horizontal=True,
        key=f"quiz-export-paper-{quiz.id}",
    )
    sheet = Sheet(
        title=source.title,
        lang=source.lang,
        questions=source.questions,
        date=(spec.opens_at or utcnow()).astimezone(browser_zone()).date(),
        paper=paper,
        subtitle=source.subtitle,
        points=source.points,
    )
    moodle, gift, html = st.columns(3)
    _button(
        moodle,
        tr("quiz_export.moodle"),
        f"{name}.xml",
        "application/xml",
        _writer(write_moodle, source),
    )
    _button(
        gift, tr("quiz_export.gift"), f"{name}.gift.txt", "text/plain", _writer(write_gift, source)
    )
    html.download_button(
        tr("quiz_export.html"), sheet_html(sheet).encode("utf-8"), f"{name}.html", "text/html"
    )
    if find_chromium() is None:
        st.caption(tr("quiz_export.no_pdf"))
        return
    wanted = (quiz.id, quiz.spec, paper)
    if st.button(tr("quiz_export.pdf"), key=f"quiz-export-pdf-{quiz.id}"):
        out = io.BytesIO()
        try:
            with st.spinner(tr("quiz_export.pdf")):
                write_pdf(sheet_html(sheet), out)
        except ExportError as error:
            st.error(error_text(error))
            return
        st.session_state.quiz_export_pdf = (wanted, out.getvalue())
    made = st.session_state.quiz_export_pdf
    if made and made[0] == wanted:
        st.download_button(tr("quiz_export.pdf_ready"), made[1], f"{name}.pdf", "application/pdf")


LmsWriter = Callable[[Deck, Sequence[Question], BinaryIO, Mapping[str, float], str], int]
"""`write_moodle` and `write_gift`: the deck, the questions, the file, their points, the group."""


def _writer(write: LmsWriter, source: ExportSource) -> Callable[[BinaryIO], object]:
    return lambda out: write(source.deck, source.questions, out, source.points, source.group)


def _button(
    column: DeltaGenerator,
    label: str,
    file_name: str,
    mime: str,
    write: Callable[[BinaryIO], object],
) -> None:
    """A download button, or the reason this format cannot hold the quiz."""
    out = io.BytesIO()
    try:
        write(out)
    except ExportError as error:
        column.error(error_text(error))
        return
    column.download_button(label, out.getvalue(), file_name, mime)
