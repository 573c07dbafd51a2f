"""Import from Anki on the Export page: a package's review log into a learner's progress.

The work is `exporters.anki_import`'s; this section only takes the file and the learner and
says what happened. It needs no current learner, so the Export page stays open to anyone.
"""

from __future__ import annotations

import io

import streamlit as st

from app_pages.accounts_ui import visible_learners
from app_pages.common import error_text, loaded_decks, plain, progress_store, question_bank, tr
from exporters.anki_import import import_anki
from exporters.errors import AnkiImportError
from study.errors import StudyError


def import_from_anki() -> None:
    st.subheader(tr("import.title"))
    st.caption(tr("import.intro"))
    store = progress_store()
    learners = {learner.id: learner.name for learner in visible_learners(store)}
    if not learners:
        st.info(tr("import.no_learner"))
        return
    chosen = st.session_state.get("learner_id")
    ids = list(learners)
    columns = st.columns(2)
    package = columns[0].file_uploader(tr("import.file"), type=["apkg", "colpkg"])
    learner_id = columns[1].selectbox(
        tr("import.learner"),
        ids,
        index=ids.index(chosen) if chosen in learners else 0,
        format_func=learners.__getitem__,
        key="import-learner",
    )
    if learner_id is None:  # the list is never empty here, so a learner is always chosen
        return
    if not st.button(tr("import.start"), disabled=package is None, key="import-start"):
        return
    assert package is not None, "the button is disabled until a file is chosen"
    banks = [question_bank(deck_id) for deck_id in loaded_decks()]
    with st.spinner(tr("import.working")):
        try:
            done = import_anki(io.BytesIO(package.getvalue()), banks, store.for_learner(learner_id))
        except (AnkiImportError, StudyError) as error:
            st.error(error_text(error))
            return
    name = plain(learners[learner_id])
    st.success(tr("import.done", added=done.added, known=done.known, cards=done.cards, name=name))
    skipped = [tr("import.notes", n=done.notes)]
    if done.other_notes:
        skipped.append(tr("import.other_notes", n=done.other_notes))
    if done.unscheduled:
        skipped.append(tr("import.unscheduled", n=done.unscheduled))
    st.caption(" ".join(skipped))
