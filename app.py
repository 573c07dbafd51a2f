"""Factdeck's Streamlit entry point: page navigation only; each screen lives in app_pages/."""

import streamlit as st

from app_pages.closed_book import taking_quiz
from app_pages.strings import text

st.set_page_config(page_title="Factdeck", page_icon="🗂️", layout="wide")
lang = st.session_state.setdefault("lang", "en")

quiz_page = st.Page("app_pages/quiz.py", title=text("nav.quiz", lang), icon="📝")
pages = [
    st.Page("app_pages/catalogue.py", title=text("nav.decks", lang), icon="📚", default=True),
    st.Page("app_pages/today.py", title=text("nav.today", lang), icon="📅"),
    st.Page("app_pages/study.py", title=text("nav.study", lang), icon="🧠"),
    st.Page("app_pages/practice.py", title=text("nav.practice", lang), icon="✍️"),
    st.Page("app_pages/browse.py", title=text("nav.browse", lang), icon="🔎"),
    st.Page("app_pages/stats.py", title=text("nav.stats", lang), icon="📈"),
    st.Page("app_pages/settings.py", title=text("nav.settings", lang), icon="⚙️"),
    st.Page("app_pages/export.py", title=text("nav.export", lang), icon="📤"),
    quiz_page,
    st.Page("app_pages/teacher_quizzes.py", title=text("nav.teacher_quizzes", lang), icon="🧑‍🏫"),
    st.Page("app_pages/teacher_results.py", title=text("nav.teacher_results", lang), icon="📊"),
]
if taking_quiz():
    # During an attempt the student's app is the quiz alone: no menu, and any other page's
    # address (after a reload too, the resume code being in it) opens the quiz.
    st.navigation([quiz_page], position="hidden").run()
else:
    st.navigation(pages).run()
