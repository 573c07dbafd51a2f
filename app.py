"""Factdeck's Streamlit entry point: page navigation only; each screen lives in app_pages/."""

from typing import Any

import streamlit as st

from app_pages.accounts_ui import server_mode
from app_pages.classroom_ui import teacher_signed_in
from app_pages.closed_book import taking_quiz
from app_pages.first_run import browser_language
from app_pages.strings import text

st.set_page_config(page_title="Factdeck", page_icon=":material/style:", layout="wide")
if "lang" not in st.session_state:
    st.session_state.lang = browser_language()
lang = st.session_state.lang


def page(script: str, title: str, icon: str, **options: Any) -> st.Page:
    return st.Page(f"app_pages/{script}", title=title, icon=icon, **options)


quiz_page = page("quiz.py", text("nav.quiz", lang), ":material/quiz:")
# Before the teacher signs in, Teach shows one entry, the sign-in, at the quizzes page's address
# (which asks for the password itself); the other teacher pages stay reachable by address and
# ask for it too, so a bookmark still works.
signed_in = teacher_signed_in()
hidden = "visible" if signed_in else "hidden"
teach = [
    page(
        "teacher_quizzes.py",
        text("nav.teacher_quizzes", lang) if signed_in else text("nav.teacher_sign_in", lang),
        ":material/assignment:" if signed_in else ":material/login:",
    ),
    page(
        "teacher_projector.py",
        text("nav.teacher_projector", lang),
        ":material/cast_for_education:",
        visibility=hidden,
    ),
    page(
        "teacher_results.py",
        text("nav.teacher_results", lang),
        ":material/leaderboard:",
        visibility=hidden,
    ),
    page(
        "teacher_review.py",
        text("nav.teacher_review", lang),
        ":material/fact_check:",
        visibility=hidden,
    ),
]
if server_mode():  # a school server's accounts, which the teacher manages
    teach.append(
        page(
            "teacher_accounts.py",
            text("nav.teacher_accounts", lang),
            ":material/group:",
            visibility=hidden,
        )
    )
sections = {
    text("nav.learn", lang): [
        page("home.py", text("nav.home", lang), ":material/home:", default=True),
        page("today.py", text("nav.today", lang), ":material/today:"),
        page("study.py", text("nav.study", lang), ":material/school:"),
        page("practice.py", text("nav.practice", lang), ":material/edit_note:"),
        page("browse.py", text("nav.browse", lang), ":material/search:"),
        page("stats.py", text("nav.stats", lang), ":material/insights:"),
        quiz_page,
    ],
    text("nav.teach", lang): teach,
    text("nav.tools", lang): [
        page("catalogue.py", text("nav.decks", lang), ":material/library_books:"),
        page("export.py", text("nav.export", lang), ":material/download:"),
        page("settings.py", text("nav.settings", lang), ":material/settings:"),
    ],
}
if taking_quiz():
    # During an attempt the student's app is the quiz alone: no menu, and any other page's
    # address (after a reload too, the resume code being in it) opens the quiz.
    st.navigation([quiz_page], position="hidden").run()
else:
    st.navigation(sections, expanded=True).run()
