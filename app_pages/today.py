"""Today: new, learning and due cards per deck and topic, and a button to start studying."""

import streamlit as st

from app_pages.closed_book import held_back_note, withheld_facts
from app_pages.common import (
    learner_or_stop,
    loaded_decks,
    pick,
    plain,
    question_bank,
    synced_cards,
    tr,
    utcnow,
)
from classroom.closed_book import withheld_ids
from questions.model import Kind

st.session_state.setdefault("study_scope", None)

session = learner_or_stop()
store, settings = session.store, session.settings
now = utcnow()

st.title(tr("today.title"))
new_done, reviews_done = store.done_today(now)
st.caption(
    tr(
        "today.done",
        new=new_done,
        new_limit=settings.new_per_day,
        reviews=reviews_done,
        review_limit=settings.reviews_per_day,
    )
)

decks = loaded_decks()
if not decks:
    st.warning(tr("no_decks"))
hidden: dict[str, frozenset[str]] = {}
for deck in decks.values():
    synced_cards(session, deck)
    facts = withheld_facts(deck.id, quiet=True)
    if facts:
        flashcards = question_bank(deck.id).filter(kinds=[Kind.FLASHCARD]).questions
        hidden[deck.id] = withheld_ids(flashcards, facts)
every_hidden = frozenset().union(*hidden.values())
counts = {(c.deck, c.topic): c for c in store.topic_counts(now, every_hidden)}


def start(deck_id: str, topic: str | None) -> None:
    st.session_state.study_scope = (deck_id, topic)
    st.switch_page("app_pages/study.py")


for deck in decks.values():
    with st.container(border=True):
        st.subheader(plain(pick(deck.title)))
        if deck.id in hidden:
            held_back_note()
        left = store.queue_counts(deck.id, now, hidden=hidden.get(deck.id, ()))
        st.markdown(tr("today.left", new=left.new, learning=left.learning, review=left.review))
        if st.button(
            tr("today.study_deck"),
            key=f"study-{deck.id}",
            type="primary",
            disabled=left.total == 0,
        ):
            start(deck.id, None)
        header = st.columns([6, 1, 1, 1, 1, 2])
        labels = (tr("topic"), tr("today.new"), tr("today.learning"), tr("today.due"))
        for column, label in zip(header, (*labels, tr("today.cards"), None), strict=True):
            if label:
                column.markdown(f"**{label}**")
        for depth, topic in deck.outline():
            within = [
                counts[(deck.id, t)] for t in deck.subtopics([topic.id]) if (deck.id, t) in counts
            ]
            if not within:
                continue
            new, learning, review, total = (
                sum(getattr(c, field) for c in within)
                for field in ("new", "learning", "review", "total")
            )
            row = st.columns([6, 1, 1, 1, 1, 2])
            row[0].markdown("\u2003" * depth + plain(pick(topic.title)))
            row[1].markdown(str(new))
            row[2].markdown(str(learning))
            row[3].markdown(str(review))
            row[4].markdown(str(total))
            if row[5].button(
                tr("today.study_topic"),
                key=f"study-{deck.id}-{topic.id}",
                disabled=new + learning + review == 0,
            ):
                start(deck.id, topic.id)
