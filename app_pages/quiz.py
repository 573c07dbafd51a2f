"""Take a quiz: join with the teacher's code, answer (each answer is saved the moment it is given),
hand in, and read what the review policy allows. The resume code in the URL survives a reload;
typed on another device, it continues the same attempt.

The page receives from the service only prompts, options and the student's own answers; the
answer key arrives only in a review the quiz's policy has opened.
"""

import time
from datetime import datetime, timedelta

import streamlit as st

from app_pages.browser_session import client_address
from app_pages.classroom_ui import (
    FAILED_LOGIN_PAUSE,
    classroom_or_stop,
    error_text,
    shown_span,
    shown_time,
    utcnow,
)
from app_pages.common import plain, tr
from app_pages.strings import LANGUAGES
from classroom.codes import normalize_code, shown_code
from classroom.errors import AttemptNotFound, ClassroomError, WrongPassword
from classroom.names import student_name
from classroom.spec import ReviewPolicy
from classroom.views import AttemptStatus, AttemptView, ItemReview, ItemView

st.session_state.setdefault("quiz_code", None)
st.session_state.setdefault("quiz_saved", {})
st.session_state.setdefault("quiz_confirm", False)
st.session_state.setdefault("quiz_join", None)

classroom = classroom_or_stop()
if st.session_state.quiz_code is None and st.query_params.get("attempt"):
    st.session_state.quiz_code = st.query_params["attempt"]


def remember(code: str | None) -> None:
    st.session_state.quiz_code = code
    st.session_state.quiz_join = None
    st.session_state.quiz_saved = {}
    st.session_state.quiz_confirm = False
    if code is None:
        st.query_params.pop("attempt", None)
    else:
        st.query_params["attempt"] = code


def join_or_resume() -> None:
    st.title(tr("quiz.title"))
    join, resume = st.tabs([tr("quiz.join_tab"), tr("quiz.resume_tab")])
    with join:
        if st.session_state.quiz_join is None:
            find_quiz()
        else:
            start_quiz(**st.session_state.quiz_join)
    with resume, st.form("quiz-resume"):
        code = st.text_input(tr("quiz.resume_code"), max_chars=40)
        if st.form_submit_button(tr("quiz.resume")):
            try:
                classroom.attempt(code, utcnow())
            except ClassroomError as error:
                st.error(error_text(error))
            else:
                remember(shown_code(normalize_code(code)))
                st.rerun()


def join_link_code() -> str:
    """The code a join link (`?join=CODE`, shown on the teacher's projector) carries, if it
    looks like one: the address is the browser's to forge, and the service checks it anyway."""
    given = st.query_params.get("join", "")
    return given if len(given) <= 20 and given.isascii() and given.isprintable() else ""


def find_quiz() -> None:
    """First step: the join code and a name; the clock starts only after the rules are read."""
    with st.form("quiz-find"):
        code = st.text_input(tr("quiz.join_code"), join_link_code(), max_chars=20)
        name = st.text_input(tr("quiz.your_name"), max_chars=80)
        if st.form_submit_button(tr("quiz.next"), type="primary"):
            try:
                classroom.find_quiz(code, utcnow())
                student_name(name)  # the names a join would refuse, refused before the rules
            except ClassroomError as error:
                st.error(error_text(error))
                return
            st.session_state.quiz_join = {"code": code, "name": name}
            st.rerun()


def start_quiz(code: str, name: str) -> None:
    """Second step: what the quiz is and its rules, the password if it has one, then start."""
    info = classroom.find_quiz(code, utcnow())
    lang = info.lang if info.lang in LANGUAGES else st.session_state.get("lang", "en")
    st.subheader(plain(info.title))
    st.markdown(
        tr(
            "quiz.rules",
            lang,
            questions=info.questions,
            limit=shown_span(info.time_limit, lang),
            attempts=info.attempts,
        )
    )
    if info.closes_at is not None:
        st.markdown(tr("quiz.closes", lang, time=shown_time(info.closes_at)))
    st.markdown(tr(f"quiz.review.{info.review.value}", lang))
    with st.form("quiz-start"):
        password = ""
        if info.needs_password:
            password = st.text_input(tr("quiz.password", lang), type="password", max_chars=100)
        left, right = st.columns(2)
        if left.form_submit_button(tr("quiz.start", lang), type="primary"):
            try:
                joined = classroom.join(code, name, password, utcnow(), client_address())
            except WrongPassword as error:
                time.sleep(FAILED_LOGIN_PAUSE)  # guessing a quiz password is slow too
                st.error(error_text(error, lang))
            except ClassroomError as error:
                st.error(error_text(error, lang))
            else:
                remember(joined.resume_code)
                st.rerun()
        if right.form_submit_button(tr("quiz.back", lang)):
            st.session_state.quiz_join = None
            st.rerun()


def save(code: str, position: int, key: str, lang: str) -> None:
    """Widget callback: commit the answer, then record what the page should say about it."""
    given = st.session_state[key]
    if given is None:
        return
    try:
        saved = classroom.answer(code, position, given, utcnow())
    except ClassroomError as error:
        reason = error_text(error, lang)  # a keyed refusal says itself that nothing was saved
        shown = reason if error.key else tr("quiz.not_saved", lang, reason=reason)
        st.session_state.quiz_saved[position] = (False, shown)
    else:
        shown = tr("quiz.saved", lang, time=shown_time(saved.saved_at, with_date=False))
        st.session_state.quiz_saved[position] = (True, shown)


def unsaved(given: int | str | None, item: ItemView) -> bool:
    """Whether the page shows an answer the database lacks, to be saved now.

    An answer sent just as its app process died reaches no process: the browser reconnects to
    another (behind the school server's proxy), which opens a new session where the widget comes
    back with the browser's value but without its change, so no callback saves it. Saved here,
    it gets its caption like any other; otherwise the page would show an answer as chosen that
    was never saved. A session that has already saved or refused this question has nothing to
    make up for.
    """
    if given is None or given == "" or given == item.response:
        return False
    return item.position not in st.session_state.quiz_saved


@st.fragment
def question(code: str, item: ItemView, lang: str) -> None:
    """One question; answering it reruns only this fragment, which then says 'Saved'."""
    key = f"quiz-{code}-{item.position}"
    label = f"**{item.position + 1}.** {plain(item.prompt)}"
    given: int | str | None
    with st.container(border=True, key=f"question-{item.position}"):
        if item.options is not None:
            options = item.options
            given = st.radio(
                label,
                range(len(options)),
                index=item.response if isinstance(item.response, int) else None,
                format_func=lambda i: plain(options[i]),
                key=key,
                on_change=save,
                args=(code, item.position, key, lang),
            )
        else:
            given = st.text_input(
                label,
                value=item.response or "",
                key=key,
                max_chars=300,
                placeholder=tr("quiz.type_answer", lang),
                on_change=save,
                args=(code, item.position, key, lang),
            )
        if unsaved(given, item):
            save(code, item.position, key, lang)
        outcome = st.session_state.quiz_saved.get(item.position)
        if outcome is None and item.saved_at is not None:
            outcome = (True, tr("quiz.saved", lang, time=shown_time(item.saved_at, False)))
        if outcome is not None and outcome[0]:
            st.caption(outcome[1])
        elif outcome is not None:
            st.error(outcome[1])
            if st.button(tr("quiz.see_result", lang), key=f"{key}-result"):
                st.rerun(scope="app")


def clock(code: str, view: AttemptView, lang: str) -> None:
    """The time left, counted down every second from the server's clock (an answer after the
    deadline is refused and says so); once the attempt has ended, the whole page shows it."""
    if view.deadline is None:
        st.caption(tr("quiz.no_limit", lang))
        return
    countdown(code, view.deadline, lang)


@st.fragment(run_every=timedelta(seconds=1))
def countdown(code: str, deadline: datetime, lang: str) -> None:
    left = int((deadline - utcnow()).total_seconds())
    if left > 0:
        minutes, seconds = divmod(left, 60)
        shown = tr(
            "quiz.time_left",
            lang,
            left=f"{minutes}:{seconds:02d}",
            time=shown_time(deadline, False),
        )
        st.markdown(shown)
        return
    st.warning(tr("quiz.time_up", lang))
    if not classroom.attempt_running(code, utcnow()):  # the grace period is over too
        st.rerun(scope="app")


def hand_in(code: str, view: AttemptView, lang: str) -> None:
    """*Hand in*, then *Yes, hand in*, each a form's button. A plain button clicked while a
    typed answer still had the focus lost the click to the answer's own rerun (it is saved as
    the field loses the focus), and a student could leave believing they had handed in; a
    form's button is not lost that way (tests/e2e/test_first_hour_e2e.py clicks it once)."""
    if not st.session_state.quiz_confirm:
        with st.form("quiz-hand-in", border=False):
            if st.form_submit_button(tr("quiz.hand_in", lang), type="primary"):
                st.session_state.quiz_confirm = True
                st.rerun()
        return
    try:
        answered = classroom.attempt(code, utcnow()).answered
    except ClassroomError as error:
        st.error(error_text(error, lang))
        return
    with st.form("quiz-confirm"):
        st.warning(tr("quiz.confirm", lang, answered=answered, total=len(view.items)))
        left, right = st.columns(2)
        if left.form_submit_button(tr("quiz.confirm_yes", lang), type="primary"):
            try:
                classroom.submit(code, utcnow())
            except ClassroomError as error:
                st.error(error_text(error, lang))
                return
            st.session_state.quiz_confirm = False
            st.rerun()
        if right.form_submit_button(tr("quiz.confirm_no", lang)):
            st.session_state.quiz_confirm = False
            st.rerun()


def review_item(review: ItemReview, lang: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{review.position + 1}.** {plain(review.prompt)}")
        if review.held:
            st.info(tr("quiz.review_held", lang))
            return
        mark = "✅" if review.fraction == 1.0 else "❌"
        yours = plain(review.your_answer) if review.your_answer else tr("quiz.no_answer", lang)
        st.markdown(f"{mark} {tr('quiz.your_answer', lang)}: {yours}")
        st.markdown(f"{tr('quiz.right_answer', lang)}: **{plain(review.right_answer)}**")
        if review.explanation:
            st.markdown(plain(review.explanation))
        if review.dispute:
            st.warning(plain(review.dispute))
        for cited in review.sources:
            quote = " ".join(cited.quote.split())
            st.caption(f"📖 {plain(cited.title or cited.source)}: «{plain(quote)}»")


def review_note(view: AttemptView, lang: str) -> str:
    """Why the answers are not shown yet, or when they will be."""
    if view.review_policy is ReviewPolicy.SCORE_ONLY:
        if view.review_from is not None:
            return tr("quiz.note.score_only_at", lang, time=shown_time(view.review_from))
        return tr("quiz.note.score_only", lang)
    if view.review_from is not None:
        return tr("quiz.note.after_close_at", lang, time=shown_time(view.review_from))
    return tr("quiz.note.after_teacher_closes", lang)


def finished(view: AttemptView, lang: str) -> None:
    if view.status is AttemptStatus.SUBMITTED:
        st.success(tr("quiz.handed_in", lang, time=shown_time(view.finished_at)))
    else:
        st.warning(tr("quiz.time_was_up", lang, time=shown_time(view.finished_at)))
    if view.score is not None:
        st.metric(tr("quiz.score", lang), f"{view.score:g} / {view.max_score:g}")
    if view.review is None:
        st.info(review_note(view, lang))
    else:
        if any(review.held for review in view.review):
            st.info(tr("quiz.note.held", lang))
        st.subheader(tr("quiz.answers", lang))
        for review in view.review:
            review_item(review, lang)
    if st.button(tr("quiz.leave", lang)):
        remember(None)
        st.rerun()


def attempt_page(code: str) -> None:
    try:
        view = classroom.attempt(code, utcnow())
    except AttemptNotFound as error:
        remember(None)
        st.error(error_text(error))
        join_or_resume()
        return
    except ClassroomError as error:  # a busy database: the attempt is kept, reload to go on
        st.error(error_text(error))
        return
    lang = view.lang if view.lang in LANGUAGES else st.session_state.get("lang", "en")
    st.title(plain(view.quiz_title))
    st.caption(
        tr(
            "quiz.who",
            lang,
            name=plain(view.student),
            number=view.number,
            allowed=view.attempts_allowed,
        )
    )
    with st.expander(tr("quiz.resume_code_is", lang, code=code), expanded=not view.answered):
        st.markdown(tr("quiz.resume_note", lang))
        st.code(code, language=None)
    if view.status is not AttemptStatus.IN_PROGRESS:
        finished(view, lang)
        return
    clock(code, view, lang)
    for item in view.items:
        question(code, item, lang)
    hand_in(code, view, lang)


if st.session_state.quiz_code:
    attempt_page(st.session_state.quiz_code)
else:
    join_or_resume()
