"""Teacher: set quizzes. The list with join codes, a form to create or edit a quiz, points per
question, YAML import and export, and closing a quiz early. Behind the teacher's password."""

from datetime import UTC, datetime, time, timedelta

import pandas as pd
import streamlit as st

from app_pages.classroom_ui import (
    browser_zone,
    classroom_or_stop,
    error_text,
    problem_text,
    require_teacher,
    shown_time,
    utcnow,
)
from app_pages.common import loaded_decks, pick, plain, question_bank, tr
from app_pages.quiz_exports import quiz_exports
from classroom.codes import shown_code
from classroom.errors import ClassroomError, SpecError
from classroom.grading import answer_text
from classroom.selection import candidates, preview, quiz_kinds
from classroom.spec import MAX_QUESTIONS, QuizSpec, ReviewPolicy, Selection
from classroom.views import Quiz
from classroom.yaml_text import MAX_SPEC_BYTES

st.session_state.setdefault("teacher_quiz", None)
st.session_state.setdefault("teacher_notice", None)

require_teacher()
classroom = classroom_or_stop()
NEW = 0


def notice(message: str) -> None:
    """A message that survives the rerun after a change."""
    st.session_state.teacher_notice = message


def store(spec: QuizSpec, quiz: Quiz | None) -> None:
    """Create or update the quiz from a spec; the pool is drawn from the deck's bank now."""
    decks = loaded_decks()
    if spec.deck not in decks:
        st.error(tr("teacher.no_deck", deck=plain(spec.deck)))
        return
    try:
        pool = candidates(spec, question_bank(spec.deck))
        if quiz is None:
            saved = classroom.create_quiz(spec, pool, utcnow())
            notice(tr("teacher.created", code=shown_code(saved.join_code)))
        else:
            saved = classroom.update_quiz(quiz.id, spec, pool, utcnow())
            notice(tr("teacher.updated"))
    except ClassroomError as error:
        st.error(error_text(error))
        return
    st.session_state.teacher_quiz = saved.id
    st.rerun()


def moment_input(label: str, key: str, current: datetime | None) -> datetime | None:
    """An optional date and time in the browser's time zone, returned in UTC."""
    zone = browser_zone()
    local = (current or utcnow() + timedelta(hours=1)).astimezone(zone)
    on = st.checkbox(label, value=current is not None, key=f"{key}-on")
    day_column, time_column = st.columns(2)
    day = day_column.date_input(tr("teacher.date"), local.date(), key=f"{key}-day")
    clock = time_column.time_input(
        tr("teacher.time", zone=zone.key), time(local.hour, local.minute), key=f"{key}-time"
    )
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC) if on else None


def spec_form(quiz: Quiz | None) -> None:
    """The quiz's settings; deck and language sit outside the form because topics depend on them."""
    decks = loaded_decks()
    if not decks:
        st.warning(tr("no_decks"))
        return
    old = quiz.spec if quiz else None
    key = f"spec-{quiz.id if quiz else 'new'}"
    deck_ids = list(decks)
    deck_id = st.selectbox(
        tr("teacher.deck"),
        deck_ids,
        index=deck_ids.index(old.deck) if old and old.deck in decks else 0,
        format_func=lambda d: pick(decks[d].title),
        key=f"{key}-deck",
    )
    deck = decks[deck_id]
    languages = list(deck.languages)
    lang = st.selectbox(
        tr("teacher.language"),
        languages,
        index=languages.index(old.lang) if old and old.lang in languages else 0,
        key=f"{key}-lang",
    )
    # What students see sits outside the form too, so that its warning follows the choice.
    policies = list(ReviewPolicy)
    review = st.radio(
        tr("teacher.review"),
        policies,
        index=policies.index(old.review if old else QuizSpec.review),
        format_func=lambda r: tr(f"review.{r.value}"),
        key=f"{key}-review",
    )
    if review is ReviewPolicy.AFTER_SUBMIT:
        st.warning(tr("teacher.review_warning"))
    open_book = st.checkbox(
        tr("teacher.open_book"),
        old.open_book if old else QuizSpec.open_book,
        help=tr("teacher.open_book_help"),
        key=f"{key}-open-book",
    )
    kinds = list(quiz_kinds(question_bank(deck_id), lang))
    titles = {t.id: "\u2003" * depth + pick(t.title) for depth, t in deck.outline()}
    with st.form(key):
        title = st.text_input(tr("teacher.quiz_title"), old.title if old else "", max_chars=120)
        topics = st.multiselect(
            tr("teacher.topics"),
            list(titles),
            default=[t for t in (old.topics if old else ()) if t in titles],
            format_func=titles.__getitem__,
            placeholder=tr("teacher.all_topics"),
        )
        chosen_kinds = st.multiselect(
            tr("kinds"),
            kinds,
            default=[k for k in (old.kinds if old else kinds) if k in kinds],
            format_func=lambda k: tr(f"kind.{k.value}"),
        )
        left, right = st.columns(2)
        count = left.number_input(tr("teacher.count"), 1, MAX_QUESTIONS, old.count if old else 10)
        seed = right.number_input(tr("teacher.seed"), 0, 2**31 - 1, old.seed if old else 0)
        selections = list(Selection)
        selection = st.radio(
            tr("teacher.selection"),
            selections,
            index=selections.index(old.selection) if old else 0,
            format_func=lambda s: tr(f"selection.{s.value}"),
            horizontal=True,
        )
        shuffle_questions = left.checkbox(
            tr("teacher.shuffle_questions"), old.shuffle_questions if old else True
        )
        shuffle_options = right.checkbox(
            tr("teacher.shuffle_options"), old.shuffle_options if old else True
        )
        approved_only = None  # decided by the deck: no approvals, nothing to choose
        if deck.reviews.any_approved:
            approved_only = st.checkbox(
                tr("teacher.approved_only"),
                old.draws_approved_only(True) if old else True,
                help=tr("teacher.approved_only_help"),
            )
        st.markdown(f"**{tr('teacher.when')}**")
        opens = moment_input(tr("teacher.opens"), f"{key}-opens", old.opens_at if old else None)
        closes = moment_input(tr("teacher.closes"), f"{key}-closes", old.closes_at if old else None)
        left, middle, right = st.columns(3)
        limit = left.number_input(
            tr("teacher.time_limit"),
            0,
            1440,
            int(old.time_limit.total_seconds() // 60) if old and old.time_limit else 0,
        )
        grace = middle.number_input(
            tr("teacher.grace"), 0, 3600, int(old.grace.total_seconds()) if old else 30
        )
        attempts = right.number_input(tr("teacher.attempts"), 1, 20, old.attempts if old else 1)
        left, right = st.columns(2)
        password = left.text_input(
            tr("teacher.quiz_password"), (old.password or "") if old else "", max_chars=100
        )
        points = right.number_input(
            tr("teacher.points"), 0.5, 1000.0, float(old.points) if old else 1.0, step=0.5
        )
        label = tr("teacher.save") if quiz else tr("teacher.create")
        if st.form_submit_button(label, type="primary"):
            try:
                spec = QuizSpec(
                    title=title.strip(),
                    deck=deck_id,
                    lang=lang,
                    count=int(count),
                    topics=tuple(topics),
                    kinds=tuple(chosen_kinds),
                    selection=selection,
                    seed=int(seed),
                    shuffle_questions=shuffle_questions,
                    shuffle_options=shuffle_options,
                    opens_at=opens,
                    closes_at=closes,
                    time_limit=timedelta(minutes=int(limit)) if limit else None,
                    grace=timedelta(seconds=int(grace)),
                    attempts=int(attempts),
                    password=password or None,
                    points=float(points),
                    question_points=old.question_points if old else (),
                    review=review,
                    open_book=open_book,
                    approved_only=approved_only,
                )
            except ClassroomError as error:
                st.error(error_text(error))
                return
            store(spec, quiz)


def points_editor(quiz: Quiz) -> None:
    """The questions a class gets (or the pool a draw takes from), with points to adjust."""
    spec = quiz.spec
    shown = preview(spec, classroom.pool(quiz.id))
    st.caption(tr(f"teacher.questions_{spec.selection.value}", n=len(shown)))
    table = pd.DataFrame(
        {
            "id": [q.id for q in shown],
            tr("teacher.col_question"): [q.prompt for q in shown],
            tr("teacher.col_kind"): [tr(f"kind.{q.kind.value}") for q in shown],
            tr("teacher.col_answer"): [answer_text(q) for q in shown],
            tr("teacher.col_points"): [spec.points_for(q.id) for q in shown],
        }
    )
    locked = quiz.attempts > 0
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=[c for c in table.columns if c != tr("teacher.col_points")]
        if not locked
        else True,
        key=f"points-{quiz.id}",
    )
    if locked:
        st.caption(tr("teacher.points_locked"))
        return
    if st.button(tr("teacher.save_points")):
        points = {row["id"]: float(row[tr("teacher.col_points")]) for _, row in edited.iterrows()}
        try:
            classroom.update_quiz(quiz.id, spec.with_points(points), None, utcnow())
        except ClassroomError as error:
            st.error(error_text(error))
            return
        notice(tr("teacher.updated"))
        st.rerun()


def import_yaml() -> None:
    uploaded = st.file_uploader(tr("teacher.yaml_file"), type=["yaml", "yml"])
    if uploaded is None:
        return
    if uploaded.size > MAX_SPEC_BYTES:
        st.error(tr("teacher.yaml_too_big", size=MAX_SPEC_BYTES))
        return
    try:
        text = uploaded.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        st.error(tr("teacher.yaml_not_utf8", name=plain(uploaded.name)))
        return
    try:
        spec = QuizSpec.from_yaml(text, uploaded.name)
    except SpecError as error:
        st.error(tr("teacher.yaml_problems"))
        st.code("\n".join(problem_text(p) for p in error.problems), language=None, wrap_lines=True)
        return
    st.code(spec.to_yaml(), language="yaml")
    if st.button(tr("teacher.create_from_yaml"), type="primary"):
        store(spec, None)


def quiz_header(quiz: Quiz) -> None:
    st.subheader(plain(quiz.spec.title))
    left, right = st.columns([2, 1])
    left.markdown(tr("teacher.join_code_is"))
    left.code(shown_code(quiz.join_code), language=None)
    spec = quiz.spec
    right.caption(
        tr(
            "teacher.summary",
            opens=shown_time(spec.opens_at) or tr("teacher.now"),
            closes=shown_time(spec.closes_at) or tr("teacher.never"),
            attempts=quiz.attempts,
        )
    )
    if spec.closes_at is None or spec.closes_at > utcnow():
        if right.button(tr("teacher.close_now")):
            try:
                classroom.close_now(quiz.id, utcnow())
            except ClassroomError as error:
                right.error(error_text(error))
                return
            notice(tr("teacher.closed"))
            st.rerun()


st.title(tr("teacher.quizzes_title"))
if st.session_state.teacher_notice:
    st.success(st.session_state.teacher_notice)
    st.session_state.teacher_notice = None

summaries = classroom.quizzes(utcnow())
if summaries:
    st.dataframe(
        pd.DataFrame(
            {
                tr("teacher.col_title"): [s.title for s in summaries],
                tr("teacher.col_code"): [shown_code(s.join_code) for s in summaries],
                tr("teacher.col_deck"): [s.deck for s in summaries],
                tr("teacher.col_state"): [tr(f"state.{s.state.name.lower()}") for s in summaries],
                tr("teacher.col_running"): [s.in_progress for s in summaries],
                tr("teacher.col_finished"): [s.finished for s in summaries],
            }
        ),
        hide_index=True,
    )
titles = {NEW: tr("teacher.new_quiz")} | {s.id: s.title for s in summaries}
ids = list(titles)
current = st.session_state.teacher_quiz
chosen = st.selectbox(
    tr("teacher.pick_quiz"),
    ids,
    index=ids.index(current) if current in ids else 0,
    format_func=titles.__getitem__,
)
st.session_state.teacher_quiz = chosen

if chosen == NEW:
    form_tab, yaml_tab = st.tabs([tr("teacher.tab_form"), tr("teacher.tab_import")])
    with form_tab:
        spec_form(None)
    with yaml_tab:
        import_yaml()
else:
    quiz = classroom.quiz(chosen)
    quiz_header(quiz)
    settings_tab, points_tab, yaml_tab = st.tabs(
        [tr("teacher.tab_settings"), tr("teacher.tab_points"), tr("teacher.tab_yaml")]
    )
    with settings_tab:
        if quiz.attempts:
            st.info(tr("teacher.started_note", n=quiz.attempts))
        spec_form(quiz)
    with points_tab:
        points_editor(quiz)
    with yaml_tab:
        st.download_button(
            tr("teacher.download_yaml"),
            quiz.spec.to_yaml(),
            file_name=f"quiz-{quiz.id}.yaml",
            mime="application/yaml",
        )
        st.code(quiz.spec.to_yaml(), language="yaml")
        quiz_exports(quiz, classroom.pool(quiz.id))
