"""What the quiz and teacher pages share: the classroom service, the teacher's login, interface
text, and times shown in the browser's time zone."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from app_pages.accounts_ui import require_teacher_account, server_mode, signed_in_account
from app_pages.browser_session import client_address, cookie, signing_secret, write_cookie
from app_pages.common import error_text as study_error_text
from app_pages.common import loaded_decks, plain, shown_wait, tr
from app_pages.strings import TEXTS
from classroom.errors import ClassroomError, SpecError, SpecProblem, TeacherPasswordMissing
from classroom.service import Classroom
from classroom.teacher import teacher_password
from classroom.teacher_session import password_badge, sign, valid
from decks.problems import Problem
from decks.reader import Found
from questions.model import Kind
from study.errors import StudyError
from study.location import database_url

FAILED_LOGIN_PAUSE = 1.0
"""Seconds a wrong password costs its browser session. The limits that hold across sessions
and processes are counted in the database (`classroom.throttle`)."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def error_text(error: ClassroomError, lang: str | None = None) -> str:
    """A refusal in the page's language when it carries a message key (a spec's problems each
    carry theirs), else as the service worded it."""
    if isinstance(error, SpecError):
        shown = [plain(problem_text(problem, lang)) for problem in error.problems]
        return shown[0] if len(shown) == 1 else "\n".join(f"- {line}" for line in shown)
    if error.key is None:
        return plain(str(error))
    values = {
        name: shown_time(value) if isinstance(value, datetime) else plain(str(value))
        for name, value in error.values.items()
    }
    if "seconds" in values:
        values["wait"] = shown_wait(int(values.pop("seconds")), lang)
    return tr(f"error.{error.key}", lang, **values)


def problem_text(problem: Problem | SpecProblem, lang: str | None = None) -> str:
    """A problem in the page's language where the interface text words it (a quiz spec's
    problems, the limits a teacher's upload can hit, a deck left out of the catalogue), else as
    the checker wrote it; a located one keeps its `file:line:column:` in front."""
    key = f"problem.{problem.key}"
    if not problem.key or key not in TEXTS:
        return str(problem)
    values = {name: _shown_value(value, lang) for name, value in problem.values}
    worded = tr(key, lang, **values)
    if isinstance(problem, SpecProblem):
        return worded
    return f"{problem.file}:{problem.line}:{problem.column}: {worded}"


def _shown_value(value: object, lang: str | None) -> object:
    """A value a problem names, as the page's reader reads it: a question kind by its name, the
    type of a YAML value found where another belongs by the name of the type."""
    if isinstance(value, Kind):
        return tr(f"kind.{value.value}", lang)
    if isinstance(value, Found):
        name = tr(f"yaml_type.{value.type.value}", lang)
        return f"{name} ({value.shown})" if value.shown else name
    if isinstance(value, tuple | list):
        return ", ".join(str(_shown_value(item, lang)) for item in value)
    return value


@st.cache_resource(show_spinner=False)
def _open_classroom(url: str) -> Classroom:
    return Classroom.open(url, lambda deck_id: loaded_decks()[deck_id])


def classroom_or_stop() -> Classroom:
    """The classroom service on the Factdeck database; stops the page with the reason if the
    database cannot be opened."""
    try:
        return _open_classroom(database_url())
    except StudyError as error:  # cannot be opened, or busy while it is being upgraded
        st.error(study_error_text(error))
        st.stop()


def browser_zone() -> ZoneInfo:
    """The browser's time zone (teachers set and read times in it), else UTC."""
    try:
        return ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def shown_time(moment: datetime | None, with_date: bool = True) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(browser_zone())
    return local.strftime("%Y-%m-%d %H:%M:%S" if with_date else "%H:%M:%S")


def shown_span(span: timedelta | None, lang: str | None = None) -> str:
    if span is None:
        return tr("none", lang)
    return tr("minutes", lang, n=round(span.total_seconds() / 60))


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml anywhere: the environment must set it
        return {}


def _teacher_badge() -> str | None:
    """A hash of the configured teacher password, or None when none is set."""
    try:
        expected = teacher_password(os.environ, _secrets())
    except TeacherPasswordMissing:
        return None
    return password_badge(expected)


TOKEN_COOKIE = "factdeck_teacher"
"""The cookie that keeps the teacher's signed token for the browser session
(`app_pages.browser_session` says why a cookie)."""


def _write_pending_cookie() -> None:
    """Write the cookie a sign-in or sign-out decided on the run before (that run ended in a
    rerun, which would have dropped the script)."""
    if "teacher_cookie" in st.session_state:
        write_cookie(TOKEN_COOKIE, st.session_state.pop("teacher_cookie"))


def teacher_signed_in() -> bool:
    """Whether this browser session has signed in as the teacher, here or, with a token still
    valid, before a reload (pages that show more to a teacher ask this; pages only for teachers
    call `require_teacher`). On a school server: whether a teacher's account is signed in."""
    if server_mode():
        account = signed_in_account()
        return account is not None and account.is_teacher
    badge = _teacher_badge()
    if badge is None:
        return False
    if st.session_state.get("teacher") == badge:
        return True
    token = cookie(TOKEN_COOKIE)
    if token is not None and not st.session_state.get("teacher_signed_out"):
        if valid(token, signing_secret(), badge, utcnow()):
            st.session_state.teacher = badge
            return True
    return False


def require_teacher() -> None:
    """Show the teacher's sign-in and stop the page unless this browser has signed in.

    The session keeps a hash of the password it signed in with, and the browser a token bound
    to it, so changing the password (and restarting) signs every teacher out. On a school
    server a teacher's account takes the shared password's place.
    """
    if server_mode():
        require_teacher_account()
        return
    try:
        expected = teacher_password(os.environ, _secrets())
    except TeacherPasswordMissing as missing:
        st.error(tr("teacher.no_password"))
        st.caption(error_text(missing))
        st.stop()
    _write_pending_cookie()
    if teacher_signed_in():
        if st.sidebar.button(tr("teacher.logout"), icon=":material/logout:"):
            st.session_state.teacher = None
            st.session_state.teacher_signed_out = True  # the cookie read at connection stays
            st.session_state.teacher_cookie = None
            st.rerun()
        return
    st.title(tr("teacher.login_title"))
    with st.form("teacher-login"):
        given = st.text_input(tr("teacher.password"), type="password")
        if st.form_submit_button(tr("teacher.login"), type="primary"):
            classroom = classroom_or_stop()
            try:
                right = classroom.check_teacher_password(
                    given, expected, client_address(), utcnow()
                )
            except ClassroomError as error:  # too many wrong ones, or the database is busy
                st.error(error_text(error))
            else:
                if right:
                    badge = password_badge(expected)
                    st.session_state.teacher = badge
                    st.session_state.teacher_signed_out = False
                    st.session_state.teacher_cookie = sign(signing_secret(), badge, utcnow())
                    st.rerun()
                time.sleep(FAILED_LOGIN_PAUSE)
                st.error(tr("teacher.wrong_password"))
    st.stop()
