"""Study: a card's front, then its back with the citation, then a rating; FSRS decides when it
comes back. A click reruns only the card (st.fragment), and every rating is committed to the
store before the next card appears."""

from datetime import date, datetime

import streamlit as st
from fsrs import Rating

from app_pages.closed_book import withheld_facts
from app_pages.common import (
    Session,
    choose_deck,
    error_text,
    lang,
    learner_or_stop,
    local_time,
    pick,
    plain,
    question_bank,
    save_or_say,
    show_sources,
    synced_cards,
    tr,
    utcnow,
)
from app_pages.strings import interval
from classroom.closed_book import withheld_ids
from decks.model import Deck
from questions.model import Kind
from study.day import study_day
from study.errors import DatabaseBusy, StaleCard, StudyError
from study.learner_store import LearnerStore
from study.next_up import next_up, with_more_new
from study.scheduling import RATINGS, Schedule, previews

# A page's bare strings are drawn by Streamlit, so these are said in comments.
MORE_NEW = 10  # new cards one click on *Study more* adds past the day's limit
LONG_ANSWER = 60  # a longer answer is text, not a heading (it would fill a phone)
# Keyboard hints (the line under the card, the keys on the buttons) mean nothing on a touch
# screen, which cannot hover: hidden there.
TOUCH_CSS = (
    "<style>@media (hover: none) { .st-key-study-keys, .stMain button kbd { display: none; } }"
    "</style>"
)

st.session_state.setdefault("study_scope", None)
st.session_state.setdefault("revealed", None)
st.session_state.setdefault("front_shown", None)
st.session_state.setdefault("again_first", None)
st.session_state.setdefault("study_message", None)
st.session_state.setdefault("sitting", {"reviewed": 0, "again": 0, "ms": 0})
st.session_state.setdefault("more_new", None)

session = learner_or_stop()
scope = st.session_state.study_scope
deck = choose_deck(preferred=scope[0] if scope else None)
if scope and scope[0] != deck.id:
    scope = None
synced_cards(session, deck)

st.title(tr("study.title"))
outline = deck.outline()
choices = [None, *(topic.id for _, topic in outline)]
titles: dict[str | None, str] = {None: tr("all_topics")}
titles |= {topic.id: "\u2003" * depth + pick(topic.title) for depth, topic in outline}
chosen = st.selectbox(
    tr("study.scope"),
    choices,
    index=choices.index(scope[1]) if scope and scope[1] in choices else 0,
    format_func=titles.__getitem__,
)
st.session_state.study_scope = (deck.id, chosen)
topics = sorted(deck.subtopics([chosen])) if chosen else None


def reveal(question_id: str) -> None:
    st.session_state.revealed = question_id


def rate(session: Session, question_id: str, rating: Rating, shown: Schedule) -> None:
    now = utcnow()
    front = st.session_state.front_shown
    duration = None
    if front and front[0] == question_id:
        duration = int((now - front[1]).total_seconds() * 1000)
    try:
        session.store.review(question_id, rating, now, duration, shown=shown)
    except StaleCard:
        return  # a second click on a card already rated
    except DatabaseBusy as error:
        st.session_state.study_message = ("error", error_text(error))
        return  # the card stays turned over: the same rating can be given again
    except StudyError as error:
        st.session_state.study_message = ("error", error_text(error))
    st.session_state.revealed = None
    st.session_state.again_first = None
    sitting = st.session_state.sitting
    sitting["reviewed"] += 1
    sitting["again"] += rating == Rating.Again
    sitting["ms"] += duration or 0


def today(session: Session) -> date:
    settings = session.settings
    return study_day(utcnow(), settings.timezone, settings.day_starts_at).day


def extended(session: Session, deck_id: str) -> LearnerStore:
    """The learner's store, with the new cards *Study more* added today for this deck."""
    more = st.session_state.more_new
    if more and more[:2] == (today(session), deck_id):
        return with_more_new(session.store, more[2])
    return session.store


def study_more(session: Session, deck_id: str) -> None:
    more = st.session_state.more_new
    extra = more[2] if more and more[:2] == (today(session), deck_id) else 0
    st.session_state.more_new = (today(session), deck_id, extra + MORE_NEW)


def done_for_today(
    session: Session, deck: Deck, topics: list[str] | None, later: str | None
) -> None:
    """Anki's congratulations screen: this sitting's figures, today's, and *Study more*."""
    st.success(tr("study.done"))
    if later:
        st.caption(tr("study.next_learning", time=later))
    sitting = st.session_state.sitting
    if sitting["reviewed"]:
        remembered = sitting["reviewed"] - sitting["again"]
        with st.container(horizontal=True, wrap=False):  # one row, on a phone too
            st.metric(tr("study.sitting_cards"), sitting["reviewed"])
            st.metric(
                tr("study.sitting_remembered"),
                f"{round(100 * remembered / sitting['reviewed'])} %",
            )
            st.metric(tr("study.sitting_minutes"), max(1, round(sitting["ms"] / 60_000)))
    new_done, reviews_done = session.store.done_today(utcnow())
    st.caption(tr("study.today_figures", new=new_done, reviews=reviews_done))
    beyond = with_more_new(extended(session, deck.id), MORE_NEW)
    left = beyond.queue_counts(deck.id, utcnow(), topics).new
    st.button(
        tr("study.more", count=left),
        on_click=study_more,
        args=(session, deck.id),
        key="study-more",
        type="primary",
        disabled=left == 0,
        help=tr("study.more_help"),
    )


def undo(session: Session, review_id: int) -> None:
    try:
        undone = session.store.undo(utcnow(), review_id)
    except StaleCard:
        return
    except StudyError as error:
        st.session_state.study_message = ("error", error_text(error))
        return
    st.session_state.again_first = undone.question_id
    st.session_state.revealed = None
    st.session_state.study_message = ("undone", undone.question_id)


def bury(session: Session, question_id: str) -> None:
    if save_or_say(session.store.bury, question_id, utcnow()):
        st.session_state.revealed = st.session_state.again_first = None


def suspend(session: Session, question_id: str) -> None:
    if save_or_say(session.store.suspend, question_id):
        st.session_state.revealed = st.session_state.again_first = None


def undo_button(session: Session) -> None:
    last = session.store.last_review()
    if last is not None:
        st.button(
            tr("study.undo"),
            on_click=undo,
            args=(session, last.id),
            key=f"undo-{last.id}",
            icon="↩️",
        )


@st.fragment
def card(session: Session, deck: Deck, topics: list[str] | None) -> None:
    bank = question_bank(deck.id)
    by_id = bank.by_id
    now = utcnow()
    # Cards a running closed-book quiz holds back are passed over, their schedules kept.
    flashcards = bank.filter(kinds=[Kind.FLASHCARD]).questions
    hidden = withheld_ids(flashcards, withheld_facts(deck.id))
    message = st.session_state.study_message
    st.session_state.study_message = None
    if message and message[0] == "error":
        st.error(message[1])
    elif message and message[1] in by_id and message[1] not in hidden:
        st.info(tr("study.undone", prompt=plain(by_id[message[1]].prompt)))

    store = extended(session, deck.id)
    try:
        up = next_up(store, deck.id, now, by_id, topics, hidden, st.session_state.again_first)
    except StudyError as error:  # setting a stray card aside met a busy database
        st.error(error_text(error))
        return
    for _ in up.set_aside:
        st.warning(tr("study.missing"))
    counts = up.counts
    st.caption(tr("study.counts", new=counts.new, learning=counts.learning, review=counts.review))

    shown = up.card
    if shown is None:
        later = up.learning_due and local_time(up.learning_due, session.settings).strftime("%H:%M")
        done_for_today(session, deck, topics, later or None)
        undo_button(session)
        return

    question = by_id[shown.question_id]
    stamp = f"{question.id}-{shown.schedule.last_review}"
    if (st.session_state.front_shown or ("",))[0] != question.id:
        st.session_state.front_shown = (question.id, now)

    with st.container(border=True):
        st.markdown(f"### {plain(question.prompt)}")
        if st.session_state.revealed != question.id:
            st.button(
                tr("study.show"),
                on_click=reveal,
                args=(question.id,),
                key="show",
                type="primary",
                shortcut="Space",
            )
        else:
            st.divider()
            answer = plain(str(question.answer))
            short = len(str(question.answer)) <= LONG_ANSWER
            st.markdown(f"#### {answer}" if short else answer)
            rating_bar(session, question.id, shown.schedule, now)
            if question.explanation and question.explanation != question.answer:
                st.markdown(plain(question.explanation))
            show_sources(question, folded=True)
    actions = st.columns(3)
    actions[0].button(
        tr("study.bury"), on_click=bury, args=(session, question.id), key=f"bury-{stamp}"
    )
    actions[1].button(
        tr("suspend"), on_click=suspend, args=(session, question.id), key=f"suspend-{stamp}"
    )
    with actions[2]:
        undo_button(session)
    with st.container(key="study-keys"):
        st.caption(tr("study.keys"))


def rating_bar(session: Session, question_id: str, schedule: Schedule, now: datetime) -> None:
    """The four ratings in one row right under the answer, so that on a phone they are on
    screen as soon as the answer is (the explanation and the source follow them)."""
    intervals = previews(schedule, now, session.settings, question_id)
    with st.container(horizontal=True, gap="small", key="rating-bar"):
        for rating in RATINGS:
            st.button(
                f"{tr(f'study.rating.{int(rating)}')} · {interval(intervals[rating], lang())}",
                on_click=rate,
                args=(session, question_id, rating, schedule),
                key=f"rate-{int(rating)}",
                shortcut=str(int(rating)),
                type="primary" if rating == Rating.Good else "secondary",
                width="stretch",
            )


st.html(TOUCH_CSS)
card(session, deck, topics)
