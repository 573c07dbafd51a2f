"""Closed book on the learner pages: which facts this browser session may not see now, and
whether it is in the middle of a quiz. The rules live in `classroom` (`closed_book_facts`,
`classroom.closed_book`); pages only ask and filter."""

from __future__ import annotations

import streamlit as st

from app_pages.classroom_ui import classroom_or_stop, teacher_signed_in, utcnow
from app_pages.common import tr


def withheld_facts(deck_id: str, quiet: bool = False) -> frozenset[str]:
    """The facts of the deck held back from this session now, after saying so on the page
    (unless `quiet`: the page then says it with `held_back_note` where it fits).

    Asked on every run (and inside fragments, which rerun alone), so a quiz set while a learner
    studies takes effect at the next card. A signed-in teacher sees everything.
    """
    facts = classroom_or_stop().closed_book_facts(deck_id, utcnow())
    if not facts:
        return facts
    if teacher_signed_in():
        if not quiet:
            st.caption(tr("closed_book.teacher"))
        return frozenset()
    if not quiet:
        held_back_note()
    return facts


def held_back_note() -> None:
    """Tell a learner why some of the deck is missing, without saying what."""
    st.info(tr("closed_book.note"), icon="🔒")


def taking_quiz() -> bool:
    """Whether this session has an attempt that still takes answers (its resume code is in the
    session or, after a reload, in the page address)."""
    code = st.session_state.get("quiz_code") or st.query_params.get("attempt")
    if not code:
        return False
    return classroom_or_stop().attempt_running(str(code), utcnow())
