"""Teacher: review the deck's question bank. Filter it (topic, kind, language, status, flagged
by class results), read each question as a student sees it with its facts, sources and quotes,
and approve, retire or edit it; each decision is written to the deck folder at once
(`decks.reviews.record`) and every bank, quiz and export built after follows it."""

from __future__ import annotations

import getpass
import os

import streamlit as st

from app_pages.accounts_ui import server_mode, signed_in_account
from app_pages.classroom_ui import classroom_or_stop, require_teacher, utcnow
from app_pages.common import (
    answer_text,
    choose_deck,
    compiled,
    error_text,
    flashcards_by_fact,
    loaded_decks,
    pick,
    plain,
    show_sources,
    study_cards,
    tr,
)
from app_pages.item_flags import reasons
from app_pages.shortcuts import key_shortcuts
from classroom.errors import ClassroomError
from classroom.flagged import FlaggedItem
from classroom.service import Classroom
from decks.errors import FactdeckError
from decks.model import Deck, in_language
from decks.reviews import Decision, Edit, Verdict, record
from questions.edits import TYPED_KINDS, drafted_edit
from questions.model import CHOICE_KINDS, Kind
from questions.review_list import (
    ReviewFilter,
    ReviewItem,
    Status,
    matching,
    progress,
    review_items,
)
from questions.reviewed import preview_edit

require_teacher()


@st.cache_resource(show_spinner=False)
def items_of(deck_id: str) -> tuple[ReviewItem, ...]:
    """Every generated item of the deck with its decision, once per process and decision."""
    return review_items(loaded_decks()[deck_id])


@st.cache_data(ttl=60, show_spinner=False)
def flags_of(_classroom: Classroom, deck_id: str) -> dict[str, FlaggedItem]:
    """The deck's flagged questions, pooled over its closed quizzes: read at most once a
    minute, not on every click of the page (a quiz closing shows within the minute)."""
    return _classroom.flagged(deck_id, utcnow())


def reload_decks() -> None:
    """Forget every deck and bank built before a decision, so the next page shows it."""
    for cached in (loaded_decks, compiled, study_cards, flashcards_by_fact, items_of):
        cached.clear()


def reviewer() -> str:
    """Who decided: the signed-in account on a school server, else the computer's user."""
    account = signed_in_account() if server_mode() else None
    if account is not None:
        return account.name
    try:
        return getpass.getuser() or "teacher"
    except (OSError, KeyError):
        return "teacher"


def decide(deck: Deck, decision: Decision, done: str) -> None:
    try:
        record(deck.directory, decision, utcnow())
    except FactdeckError as error:
        st.error(error_text(error))
        return
    except OSError:
        st.error(tr("vet.not_written", folder=plain(deck.directory)))
        return
    reload_decks()
    st.session_state.vet_done = done
    st.rerun()


STATUS_NAMES = {
    Status.NOT_REVIEWED: tr("vet.status_not_reviewed"),
    Status.APPROVED: tr("vet.status_approved"),
    Status.EDITED: tr("vet.status_edited"),
    Status.RETIRED: tr("vet.status_retired"),
}
FLAGGED = "flagged"


def filters(deck: Deck, items: tuple[ReviewItem, ...]) -> ReviewFilter:
    columns = st.columns(4)
    topics = {
        topic.id: "  " * depth + pick(topic.title, topic.id) for depth, topic in deck.outline()
    }
    topic = columns[0].selectbox(
        tr("vet.topic"),
        [None, *topics],
        format_func=lambda t: tr("vet.all") if t is None else topics[t],
        key="vet_topic",
    )
    kinds = sorted({item.generated.kind for item in items}, key=list(Kind).index)
    kind = columns[1].selectbox(
        tr("vet.kind"),
        [None, *kinds],
        format_func=lambda k: tr("vet.all") if k is None else tr(f"kind.{k.value}"),
        key="vet_kind",
    )
    lang = columns[2].selectbox(
        tr("vet.language"),
        [None, *deck.languages],
        format_func=lambda code: tr("vet.all") if code is None else code,
        key="vet_lang",
    )
    statuses: dict[Status | str | None, str] = {None: tr("vet.all")}
    statuses.update(STATUS_NAMES.items())
    statuses[FLAGGED] = tr("vet.flagged")
    status = columns[3].selectbox(
        tr("vet.status"), list(statuses), format_func=statuses.__getitem__, key="vet_status"
    )
    return ReviewFilter(
        topic=topic,
        kind=kind,
        lang=lang,
        status=status if isinstance(status, Status) else None,
        flagged=status == FLAGGED,
    )


def show_question(deck: Deck, item: ReviewItem, flag: FlaggedItem | None) -> None:
    question = item.shown or item.generated
    st.caption(
        f"{tr(f'kind.{question.kind.value}')} · {question.lang} · {question.id} · "
        f"{STATUS_NAMES[item.status]}"
    )
    st.markdown(f"#### {plain(question.prompt)}")
    for option in question.options or ():
        st.markdown(f"- {plain(option)}")
    st.markdown(f"**{tr('vet.key')}:** {plain(answer_text(question))}")
    if question.accepted:
        st.markdown(f"**{tr('vet.accepted')}:** {plain(' | '.join(question.accepted))}")
    if item.status is Status.RETIRED and item.decision is not None:
        st.warning(tr("vet.retired_because", reason=plain(item.decision.reason)))
    if item.refused is not None:
        for violation in item.refused.violations:
            st.warning(
                tr("vet.edit_refused", rule=violation.rule, message=plain(violation.message))
            )
    if flag is not None:
        st.error(tr("vet.flagged_in", n=flag.quizzes))
        for why in reasons(flag.stats, question.options or ()):
            st.markdown(f"- {plain(why)}")
    facts = {fact.id: fact for fact in deck.facts}
    st.markdown(f"**{tr('vet.facts')}**")
    for fact_id in question.fact_ids:
        statement = in_language(facts[fact_id].statement, question.lang) if fact_id in facts else ""
        st.markdown(f"- `{fact_id}` {plain(statement)}")
    show_sources(question)


def actions(deck: Deck, item: ReviewItem, by: str) -> None:
    question_id = item.generated.id
    approve, retire_column = st.columns(2)
    if approve.button(
        tr("vet.approve"), icon=":material/check:", type="primary", key="vet_approve"
    ):
        decide(deck, Decision(question_id, Verdict.APPROVED, by), tr("vet.approved"))
    with retire_column:
        reason = st.text_input(tr("vet.retire_reason"), key=f"vet_reason_{question_id}")
        if st.button(tr("vet.retire"), icon=":material/delete:", key="vet_retire"):
            if not reason.strip():
                st.error(tr("vet.reason_needed"))
            else:
                decision = Decision(question_id, Verdict.RETIRED, by, reason=reason.strip())
                decide(deck, decision, tr("vet.retired"))
    with st.container(key="vet_edit"), st.expander(tr("vet.edit"), icon=":material/edit:"):
        edit_form(deck, item, by)


def edit_form(deck: Deck, item: ReviewItem, by: str) -> None:
    """The drafts, seeded with the text the bank holds now, and the item they would make, as
    the gate judges it: an edit the gate refuses cannot be saved."""
    generated = item.generated
    current = item.shown or generated
    key = generated.id
    stem = st.text_area(tr("vet.stem"), current.prompt, key=f"vet_stem_{key}")
    options = accepted = None
    if generated.kind in CHOICE_KINDS and generated.options:
        options = st.text_area(
            tr("vet.options"), "\n".join(current.options or ()), key=f"vet_options_{key}"
        )
    if generated.kind in TYPED_KINDS:
        accepted = st.text_area(
            tr("vet.accepted_forms"), "\n".join(current.accepted), key=f"vet_accepted_{key}"
        )
    edit: Edit | None = drafted_edit(generated, stem, options, accepted)
    if edit is None:
        st.caption(tr("vet.no_change"))
        return
    edited, violations = preview_edit(deck, generated, edit)
    st.markdown(f"**{tr('vet.preview')}:** {plain(edited.prompt)}")
    for option in edited.options or ():
        st.markdown(f"- {plain(option)}")
    for violation in violations:
        st.error(tr("vet.violation", rule=violation.rule, message=plain(violation.message)))
    if st.button(tr("vet.save_edit"), disabled=bool(violations), key=f"vet_save_{key}"):
        decide(deck, Decision(key, Verdict.EDITED, by, edit=edit), tr("vet.saved"))


st.title(tr("vet.title"))
deck = choose_deck("vet-deck")
if not os.access(deck.directory, os.W_OK):
    st.error(tr("vet.read_only", folder=plain(deck.directory)))
    st.stop()
if "vet_done" in st.session_state:
    st.success(st.session_state.pop("vet_done"))
classroom = classroom_or_stop()
try:
    flags = flags_of(classroom, deck.id)
except ClassroomError as error:
    st.error(error_text(error))
    flags = {}
items = items_of(deck.id)
reviewed, total = progress(items)
st.progress(reviewed / total if total else 0.0, text=tr("vet.progress", done=reviewed, n=total))
wanted = filters(deck, items)
shown = matching(items, deck, wanted, flags)
if not shown:
    st.info(tr("vet.none_match"))
    st.stop()
ids = [item.generated.id for item in shown]
by_id = dict(zip(ids, shown, strict=True))
if st.session_state.get("vet_current") not in by_id:
    st.session_state.vet_current = ids[0]
numbers = {question_id: n + 1 for n, question_id in enumerate(ids)}


def label(question_id: str) -> str:
    """The item in the list; numbered, since two kinds of one fact may begin alike and a
    choice is sent back as its label."""
    item = by_id[question_id]
    kind = tr(f"kind.{item.generated.kind.value}")
    return f"{numbers[question_id]}. {STATUS_NAMES[item.status]} · {kind} · {item.generated.prompt}"


chosen = st.selectbox(tr("vet.matching", n=len(ids)), ids, format_func=label, key="vet_current")
item = by_id[chosen]


def next_item() -> None:
    """Step to the next matching item (the first after the last): the selectbox's own key is
    set in a callback, before the widget is drawn again."""
    st.session_state.vet_current = ids[(ids.index(chosen) + 1) % len(ids)]


st.button(tr("vet.next"), icon=":material/arrow_forward:", on_click=next_item, key="vet_next")
st.caption(tr("vet.keys"))
key_shortcuts({"a": "vet_approve", "r": "vet_retire", "e": "vet_edit", "n": "vet_next"})
st.divider()
show_question(deck, item, flags.get(chosen))
actions(deck, item, reviewer())
