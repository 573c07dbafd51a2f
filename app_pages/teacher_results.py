"""Teacher: a quiz's results. Attempts in progress, the results table (CSV download), the score
histogram, item analysis with its charts and each item's difficulty (from the deck's class
results where there are enough, see `classroom.rasch`), and the items flagged for a second look
with the figures behind each flag."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from app_pages.classroom_ui import (
    classroom_or_stop,
    error_text,
    require_teacher,
    shown_time,
    utcnow,
)
from app_pages.common import plain, tr
from app_pages.item_flags import reasons
from app_pages.quiz_charts import item_chart, options_chart, score_histogram
from classroom.errors import ClassroomError
from classroom.names import NameFlag
from classroom.report import (
    LOOK_ALIKE,
    difficulty,
    finished_percents,
    flag_reasons,
    items_frame,
    options_frame,
    results_frame,
)
from classroom.views import AttemptStatus, QuizResults
from exporters.spreadsheet import csv_bytes

st.session_state.setdefault("teacher_quiz", None)

require_teacher()
classroom = classroom_or_stop()


def in_progress(results: QuizResults) -> None:
    running = results.running
    st.subheader(tr("results.running", n=len(running)))
    if not running:
        return
    st.dataframe(
        pd.DataFrame(
            {
                tr("results.col_student"): [a.student for a in running],
                tr("results.col_started"): [shown_time(a.started_at) for a in running],
                tr("results.col_deadline"): [shown_time(a.deadline) for a in running],
                tr("results.col_answered"): [f"{a.answered} / {len(a.marks)}" for a in running],
            }
        ),
        hide_index=True,
    )
    names = {a.id: f"{a.student} ({a.number})" for a in running}
    with st.expander(tr("results.new_code")):
        chosen = st.selectbox(tr("results.col_student"), list(names), format_func=names.__getitem__)
        if st.button(tr("results.issue_code")):
            try:
                code = classroom.reissue_code(chosen)
            except ClassroomError as error:
                st.error(error_text(error))
            else:
                st.success(tr("results.code_issued", name=plain(names[chosen])))
                st.code(code, language=None)


def shown_attempts(results: QuizResults, look_alike: pd.Series) -> pd.DataFrame:
    """The attempts as the teacher reads them: headers and states in the page's language,
    times in the browser's time zone, nothing blank shown as "None". The CSV keeps the
    spreadsheet's columns (UTC, status ids) for whoever sorts and sums them."""
    status = {
        AttemptStatus.IN_PROGRESS: tr("results.status_running"),
        AttemptStatus.SUBMITTED: tr("results.status_submitted"),
        AttemptStatus.TIMED_OUT: tr("results.status_time_up"),
    }
    return pd.DataFrame(
        {
            tr("results.col_student"): [a.student for a in results.attempts],
            tr("results.col_look_alike"): list(look_alike),
            tr("results.col_attempt"): [a.number for a in results.attempts],
            tr("results.col_status"): [status[a.status] for a in results.attempts],
            tr("results.col_started"): [shown_time(a.started_at) for a in results.attempts],
            tr("results.col_finished"): [shown_time(a.finished_at) for a in results.attempts],
            tr("results.col_answered"): [
                f"{a.answered} / {len(a.marks)}" for a in results.attempts
            ],
            tr("results.col_score"): [f"{a.score:g} / {a.max_score:g}" for a in results.attempts],
            tr("results.percent"): [round(a.percent, 1) for a in results.attempts],
        }
    )


def shown_items(results: QuizResults, estimated: Mapping[str, float]) -> pd.DataFrame:
    """Item analysis as the teacher reads it: the kind by its name, flags in words, a
    discrimination that cannot be computed yet as a dash, the difficulty with where it comes
    from (the deck's class results, or the bank's estimate until they are enough)."""
    rows = [(results.questions[s.question_id], s) for s in results.items]
    difficulties = [difficulty(q.id, q.difficulty, estimated) for q, _ in rows]
    source = {True: tr("results.difficulty_rasch"), False: tr("results.difficulty_heuristic")}
    return pd.DataFrame(
        {
            tr("results.item"): [question.prompt for question, _ in rows],
            tr("results.col_kind"): [tr(f"kind.{q.kind.value}") for q, _ in rows],
            tr("results.col_responses"): [s.responses for _, s in rows],
            tr("results.facility"): [f"{s.facility:.2f}" for _, s in rows],
            tr("results.discrimination"): [
                "–" if s.discrimination is None else f"{s.discrimination:.2f}" for _, s in rows
            ],
            tr("results.col_difficulty"): [f"{value:.2f}" for value, _ in difficulties],
            tr("results.col_difficulty_from"): [source[rasch] for _, rasch in difficulties],
            tr("results.col_flags"): [
                ", ".join(tr(f"flag.{flag.name.lower()}") for flag in s.flags) for _, s in rows
            ],
        }
    )


def results_table(results: QuizResults) -> None:
    st.subheader(tr("results.table"))
    texts = {flag: tr(f"results.name_flag.{flag.value}") for flag in NameFlag}
    table = results_frame(results, lambda check: flag_reasons(check, texts))
    flagged = table.loc[table[LOOK_ALIKE] != "", "student"].nunique()
    if flagged:
        st.warning(tr("results.look_alikes", n=flagged))
    st.dataframe(
        shown_attempts(results, table[LOOK_ALIKE]),
        hide_index=True,
        column_config={tr("results.col_student"): st.column_config.TextColumn(pinned=True)},
    )
    st.download_button(
        tr("results.download_csv"),
        csv_bytes(table),
        file_name=f"quiz-{results.quiz.id}-results.csv",
        mime="text/csv",
    )
    percents = finished_percents(results)
    if len(percents):
        st.altair_chart(
            score_histogram(percents, tr("results.percent"), tr("results.attempts")),
            width="stretch",
        )


def item_analysis(results: QuizResults, estimated: Mapping[str, float]) -> None:
    st.subheader(tr("results.items"))
    if not results.items:
        st.info(tr("results.no_items"))
        return
    st.caption(tr("results.items_note"))
    items = items_frame(results, estimated)
    st.dataframe(
        shown_items(results, estimated),
        hide_index=True,
        column_config={tr("results.item"): st.column_config.TextColumn(width="large")},
    )
    st.download_button(
        tr("results.download_items_csv"),
        csv_bytes(items),
        file_name=f"quiz-{results.quiz.id}-items.csv",
        mime="text/csv",
    )
    labels = {
        "facility": tr("results.facility"),
        "discrimination": tr("results.discrimination"),
        "item": tr("results.item"),
    }
    st.altair_chart(item_chart(items, labels), width="stretch")
    flagged = [s for s in results.items if s.flags]
    st.markdown(f"**{tr('results.flagged', n=len(flagged))}**")
    for stats in flagged:
        question = results.questions[stats.question_id]
        why = "; ".join(reasons(stats, question.options or ()))
        st.markdown(f"- {plain(question.prompt)} — *{plain(why)}*")
    for n, stats in enumerate(results.items):
        question = results.questions[stats.question_id]
        if not question.options:
            continue
        with st.expander(f"{n + 1}\\. {plain(question.prompt)}"):
            chosen = options_frame(results, stats.question_id)
            st.altair_chart(options_chart(chosen, tr("results.chosen")), width="stretch")
            if stats.unanswered:
                st.caption(tr("results.unanswered", n=stats.unanswered))


st.title(tr("results.title"))
summaries = classroom.quizzes(utcnow())
if not summaries:
    st.info(tr("results.no_quizzes"))
    st.stop()
titles = {s.id: f"{s.title} ({tr(f'state.{s.state.name.lower()}')})" for s in summaries}
ids = list(titles)
current = st.session_state.teacher_quiz
quiz_id = st.selectbox(
    tr("results.pick_quiz"),
    ids,
    index=ids.index(current) if current in ids else 0,
    format_func=titles.__getitem__,
)
st.session_state.teacher_quiz = quiz_id
if st.button(tr("results.refresh")):
    st.rerun()

try:
    results = classroom.results(quiz_id, utcnow())  # closes overdue attempts: a write
    estimated = classroom.difficulties(results.quiz.spec.deck, utcnow())
except ClassroomError as error:
    st.error(error_text(error))
    st.stop()
columns = st.columns(4)
columns[0].metric(tr("results.joined"), len(results.attempts))
columns[1].metric(tr("results.in_progress"), len(results.running))
columns[2].metric(tr("results.finished"), len(results.finished))
mean = results.mean_percent
columns[3].metric(tr("results.mean"), "–" if mean is None else f"{mean:.0f}%")

in_progress(results)
results_table(results)
item_analysis(results, estimated)
