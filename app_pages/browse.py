"""Browse: the deck's facts and questions, searched and filtered, each with its sources."""

from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

from app_pages.closed_book import withheld_facts
from app_pages.common import (
    answer_text,
    choose_deck,
    content_languages,
    learner_or_stop,
    pick,
    plain,
    question_bank,
    save_or_say,
    show_sources,
    synced_cards,
    tr,
)
from classroom.closed_book import open_questions
from decks.model import Deck, Fact
from questions.model import Kind, Question
from study.browse import find_facts, find_questions
from study.records import Card

PAGE_SIZE = 20
Shown = TypeVar("Shown", Fact, Question)

st.session_state.setdefault("browse_view", "facts")

session = learner_or_stop()
deck = choose_deck()
synced_cards(session, deck)
sources = {source.id: source for source in deck.sources}
topic_titles = {topic.id: pick(topic.title) for topic in deck.topics}

st.title(tr("browse.title"))
held_back = withheld_facts(deck.id)
view = (
    st.segmented_control(
        tr("browse.view"),
        ["facts", "questions"],
        format_func={"facts": tr("browse.facts"), "questions": tr("browse.questions")}.__getitem__,
        key="browse_view",
    )
    or "facts"
)
query = st.text_input(tr("browse.search"), key="browse_query")
filters = st.columns([3, 3, 2, 2])
chosen_topics = filters[0].multiselect(
    tr("topics"),
    [topic.id for _, topic in deck.outline()],
    format_func=topic_titles.__getitem__,
)
bank = question_bank(deck.id).filter(langs=content_languages(deck, session.settings))
questions = open_questions(bank.questions, held_back)
kinds_present = list(dict.fromkeys(q.kind for q in questions))
kind_names = {kind: tr(f"kind.{kind.value}") for kind in kinds_present}
chosen_kinds = (
    filters[1].multiselect(tr("kinds"), kinds_present, format_func=kind_names.__getitem__)
    if view == "questions"
    else []
)
source_titles = {None: tr("browse.any_source")} | {s: pick(sources[s].title) for s in sources}
source = filters[2].selectbox(
    tr("browse.source"), list(source_titles), format_func=source_titles.__getitem__
)
contested_only = filters[3].toggle(tr("browse.contested"))
topics = deck.subtopics(chosen_topics) if chosen_topics else None


def show_fact(deck: Deck, fact: Fact) -> None:
    with st.container(border=True):
        st.markdown(plain(pick(fact.statement)))
        meta = [topic_titles.get(fact.topic, fact.topic), fact.kind]
        if fact.date:
            meta.append(fact.date.iso())
        st.caption(plain(" · ".join(meta)))
        if fact.contested:
            st.warning(f"**{tr('disputed')}:** {plain(pick(fact.contested.note))}")
            for version in fact.contested.versions:
                shown = version.date.iso() if version.date else version.value
                shown = shown or version.entity or pick(version.text or {})
                cite(version.citation.source, version.citation.quote, f"{shown}")
        for citation in fact.sources:
            cite(citation.source, citation.quote, citation.page)


def cite(source_id: str, quote: str, note: object = None) -> None:
    title = pick(sources[source_id].title) if source_id in sources else source_id
    where = plain(title) + (f" ({plain(str(note))})" if note else "")
    st.markdown(f"📖 **{where}**\n\n> {plain(' '.join(quote.split()))}")


def show_question(question: Question, card: Card | None) -> None:
    with st.container(border=True):
        st.caption(plain(f"{tr(f'kind.{question.kind.value}')} · {question.lang}"))
        st.markdown(f"**{plain(question.prompt)}**")
        if question.options:
            st.markdown("\n".join(f"- {plain(option)}" for option in question.options))
        st.markdown(f"{tr('answer')}: **{plain(answer_text(question))}**")
        if question.explanation:
            st.markdown(plain(question.explanation))
        show_sources(question)
        if card is not None:
            state = tr(f"state.{int(card.schedule.state)}")
            if card.schedule.due and card.schedule.state:
                state += " · " + tr("due_on", date=card.schedule.due.date().isoformat())
            if card.suspended:
                state += " · " + tr("suspended")
            st.caption(state)
            st.button(
                tr("unsuspend") if card.suspended else tr("suspend"),
                key=f"suspend-{question.id}",
                on_click=set_suspended,
                args=(question.id, not card.suspended),
            )


def set_suspended(question_id: str, suspended: bool) -> None:
    """The suspend button's callback (a callback's result is dropped, so it gives none)."""
    save_or_say(session.store.suspend, question_id, suspended)


def one_page(found: Sequence[Shown]) -> Sequence[Shown]:
    """How many were found, and the page of them the learner turned to."""
    st.caption(tr("browse.found", count=len(found)))
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = st.number_input(tr("browse.page"), 1, pages, 1) if pages > 1 else 1
    return found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]


if view == "questions":
    shown = one_page(
        find_questions(
            questions,
            query,
            topics=topics,
            kinds=set(chosen_kinds) or None,
            source=source,
            contested_only=contested_only,
        )
    )
    cards = session.store.cards([q.id for q in shown if q.kind is Kind.FLASHCARD])
    for question in shown:
        show_question(question, cards.get(question.id))
else:
    found = find_facts(deck, query, topics=topics, source=source, contested_only=contested_only)
    for fact in one_page([fact for fact in found if fact.id not in held_back]):
        show_fact(deck, fact)
