"""Teacher: a quiz's join code as large as a projector needs, with the join link and its QR
code, so a class joins from phones without typing the address."""

import io
from urllib.parse import urlsplit

import segno
import streamlit as st

from app_pages.classroom_ui import classroom_or_stop, require_teacher, utcnow
from app_pages.common import plain, tr
from classroom.codes import shown_code

st.session_state.setdefault("teacher_quiz", None)

require_teacher()
classroom = classroom_or_stop()


def join_link(code: str) -> str:
    """The quiz page's address on this server with the code filled in (`?join=`), from the
    address the teacher's browser used, which the class reaches too."""
    here = urlsplit(st.context.url or "")
    base = f"{here.scheme}://{here.netloc}" if here.netloc else ""
    return f"{base}/quiz?join={code}"


def qr_png(link: str) -> bytes:
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=12, border=2)
    return out.getvalue()


summaries = classroom.quizzes(utcnow())
if not summaries:
    st.title(tr("projector.title"))
    st.info(tr("projector.none"))
    st.stop()
titles = {s.id: s.title for s in summaries}
ids = list(titles)
current = st.session_state.teacher_quiz
chosen = st.sidebar.selectbox(
    tr("teacher.pick_quiz"),
    ids,
    index=ids.index(current) if current in ids else 0,
    format_func=lambda quiz_id: titles[quiz_id],
)
st.session_state.teacher_quiz = chosen
summary = next(s for s in summaries if s.id == chosen)
code = shown_code(summary.join_code)
link = join_link(code)

st.title(plain(summary.title))
left, right = st.columns([3, 2], vertical_alignment="center")
with left:
    st.caption(tr("projector.code"))
    # The code is letters, digits and a hyphen only (classroom.codes): safe as HTML.
    st.html(
        f'<div class="join-code" style="font-size:clamp(2.2rem,6.5vw,7rem);font-weight:700;'
        f'font-family:monospace;white-space:nowrap;line-height:1.1">{code}</div>'
    )
    st.caption(tr("projector.link"))
    st.code(link, language=None)
with right:
    st.image(qr_png(link), caption=tr("projector.scan"), width=360)
