"""Export: the questions as an Anki package or a CSV file, with the command line's choices."""

import io
from dataclasses import replace

import pandas as pd
import streamlit as st

from app_pages.accounts_ui import visible_learners
from app_pages.anki_import import import_from_anki
from app_pages.closed_book import withheld_facts
from app_pages.common import (
    choose_deck,
    compiled,
    error_text,
    pick,
    plain,
    progress_store,
    tr,
    utcnow,
)
from app_pages.strings import LANGUAGE_NAMES
from classroom.closed_book import open_questions
from exporters.anki import write_anki_package
from exporters.anki_progress import learner_progress, write_anki_package_with_progress
from exporters.csv_export import write_csv
from exporters.errors import ExportError
from exporters.selection import GatedBank, Selection, choose, gated

st.session_state.setdefault("export_file", None)

BOTH = "both"


@st.cache_resource(show_spinner=False)
def gated_bank(deck_id: str) -> GatedBank:
    """The gate's verdict, given once per deck with the bank it checks, by item."""
    bank = compiled(deck_id)
    return gated(bank.bank, bank.violations)


st.title(tr("export.title"))
st.caption(tr("export.intro"))

deck = choose_deck()
held_back = withheld_facts(deck.id)
bank = gated_bank(deck.id).bank
file_format = st.radio(
    tr("export.format"),
    ["anki", "csv"],
    format_func={"anki": tr("export.anki"), "csv": tr("export.csv")}.__getitem__,
    horizontal=True,
)


def language_name(code: str) -> str:
    return tr("export.both") if code == BOTH else plain(LANGUAGE_NAMES.get(code, code))


languages = [*deck.languages, BOTH] if len(deck.languages) > 1 else list(deck.languages)
language = st.radio(
    tr("export.language"),
    languages,
    index=len(languages) - 1,
    format_func=language_name,
    horizontal=True,
)
topics = st.multiselect(
    tr("topics"),
    [topic.id for topic in deck.topics],
    format_func=lambda topic_id: pick(deck.topic(topic_id).title),
    placeholder=tr("all_topics"),
)
kinds = st.multiselect(
    tr("kinds"),
    list(dict.fromkeys(q.kind for q in bank.questions)),
    format_func=lambda kind: tr(f"kind.{kind.value}"),
    placeholder=tr("export.all_kinds"),
)

selection = Selection(
    langs=deck.languages if language == BOTH else (language,),
    topics=tuple(topics) or None,
    kinds=tuple(kinds) or None,
)
chosen = choose(gated_bank(deck.id), selection)
chosen = replace(chosen, questions=tuple(open_questions(chosen.questions, held_back)))
st.write(tr("export.count", n=len(chosen.questions)))
if chosen.held_back:
    st.warning(tr("export.held_back", n=len(chosen.held_back)))
if not chosen.questions:
    st.info(tr("export.nothing"))
    import_from_anki()
    st.stop()

# Progress: the learner picked on the study pages (or the only one), on by default with reviews.
store = progress_store()
learners = {learner.id: learner for learner in visible_learners(store)}
learner = learners.get(st.session_state.get("learner_id") or 0) or (
    next(iter(learners.values())) if len(learners) == 1 else None
)
with_progress = None
if file_format == "anki":
    if learner is not None and st.checkbox(
        tr("export.progress", name=plain(learner.name)),
        value=store.for_learner(learner.id).last_review() is not None,
        help=tr("export.progress_help"),
        key=f"export-progress-{learner.id}",
    ):
        with_progress = learner.id
    with st.expander(tr("export.import_guide")):
        st.markdown(tr("export.import_steps", deck=deck.id))

# A file prepared before a closed-book quiz was set must not be offered once it runs.
wanted = (deck.id, file_format, selection, held_back, with_progress)
suffix = "" if language == BOTH else f"-{language}"
file_name = f"{deck.id}{suffix}.{'apkg' if file_format == 'anki' else 'csv'}"

if st.button(tr("export.prepare"), type="primary"):
    out = io.BytesIO()
    with st.spinner(tr("export.preparing", n=len(chosen.questions))):
        try:
            if file_format == "anki":
                now, names_lang = utcnow(), selection.langs[0]
                if with_progress is None:
                    progress = None
                    summary = write_anki_package(
                        deck, chosen.questions, out, now=now, names_lang=names_lang
                    )
                else:
                    ids = (q.id for q in chosen.questions)
                    progress = learner_progress(store.for_learner(with_progress), ids)
                    summary = write_anki_package_with_progress(
                        deck, chosen.questions, out, progress, now=now, names_lang=names_lang
                    )
                report = tr(
                    "export.anki_ready",
                    notes=summary.notes,
                    cards=summary.cards,
                    decks=len(summary.subdecks),
                )
                if progress is not None:
                    reviews = sum(len(rows) for rows in progress.reviews.values())
                    report += " " + tr(
                        "export.progress_ready", cards=len(progress.cards), reviews=reviews
                    )
                subdecks = summary.subdecks
            else:
                report, subdecks = (
                    tr("export.csv_ready", n=write_csv(deck, chosen.questions, out)),
                    {},
                )
        except ExportError as error:
            st.error(error_text(error))
            st.stop()
    st.session_state.export_file = {
        "wanted": wanted,
        "name": file_name,
        "data": out.getvalue(),
        "report": report,
        "subdecks": subdecks,
    }

prepared = st.session_state.export_file
if prepared and prepared["wanted"] == wanted:
    st.success(prepared["report"])
    if prepared["subdecks"]:
        st.dataframe(
            pd.DataFrame(
                {
                    tr("export.subdeck"): list(prepared["subdecks"]),
                    tr("export.notes"): list(prepared["subdecks"].values()),
                }
            ),
            hide_index=True,
        )
    st.download_button(
        tr("export.download", name=prepared["name"]),
        prepared["data"],
        file_name=prepared["name"],
        mime="application/octet-stream" if file_format == "anki" else "text/csv",
        type="primary",
    )

import_from_anki()
