"""Practice: questions of the chosen topics and kinds, graded on the spot with the explanation and
citation; each answer is a review of the matching flashcard (right → Good, wrong → Again)."""

import streamlit as st

from app_pages.closed_book import withheld_facts
from app_pages.common import (
    Session,
    answer_text,
    choose_deck,
    content_languages,
    error_text,
    flashcards_by_fact,
    learner_or_stop,
    pick,
    plain,
    question_bank,
    show_sources,
    synced_cards,
    tr,
    utcnow,
)
from classroom.closed_book import open_questions, withheld
from decks.model import Deck
from questions.model import Kind, Question
from study.errors import DatabaseBusy, StudyError
from study.practice import choose_practice, is_correct, record_practice, shuffled

st.session_state.setdefault("practice", None)

session = learner_or_stop()
deck = choose_deck()
synced_cards(session, deck)
bank = question_bank(deck.id).filter(langs=content_languages(deck, session.settings))
kinds = [k for k in dict.fromkeys(q.kind for q in bank.questions) if k is not Kind.FLASHCARD]

st.title(tr("practice.title"))


def setup(deck: Deck, held_back: frozenset[str]) -> None:
    titles = {topic.id: "\u2003" * depth + pick(topic.title) for depth, topic in deck.outline()}
    kind_names = {kind: tr(f"kind.{kind.value}") for kind in kinds}
    with st.form("practice-setup"):
        topics = st.multiselect(
            tr("topics"), list(titles), format_func=titles.__getitem__, placeholder=tr("all_topics")
        )
        chosen_kinds = st.multiselect(
            tr("kinds"), kinds, default=kinds, format_func=kind_names.__getitem__
        )
        length = st.slider(tr("practice.length"), 1, 50, 10)
        if st.form_submit_button(tr("practice.start"), type="primary"):
            chosen = bank.filter(topics=topics or None, kinds=chosen_kinds or kinds)
            pool = open_questions(chosen.questions, held_back)
            if not pool:
                st.warning(tr("practice.none"))
                return
            picked = choose_practice(pool, length, seed=int(utcnow().timestamp() * 1000))
            st.session_state.practice = {
                "deck": deck.id,
                "ids": [q.id for q in picked],
                "index": 0,
                "results": {},
            }
            st.rerun()


def response_widget(question: Question, answered: bool) -> None:
    """The input for one item, locked once the answer is checked."""
    key = f"response-{question.id}"
    label = tr("practice.your_answer")
    match question.kind:
        case Kind.TRUE_FALSE:
            names = question.options or (tr("practice.true"), tr("practice.false"))
            labels = dict(zip((True, False), names, strict=True))
            st.radio(
                label,
                [True, False],
                index=None,
                key=key,
                format_func=lambda value: plain(labels[value]),
                disabled=answered,
            )
        case Kind.TYPED | Kind.CLOZE:
            st.text_input(label, key=key, disabled=answered)
        case Kind.ORDERING:
            st.multiselect(tr("practice.order_hint"), items(question), key=key, disabled=answered)
        case Kind.MATCHING:
            rights = list(
                question.options or shuffled(sorted(set(question.answer.values())), question.id)
            )
            for n, left in enumerate(lefts(question)):
                st.selectbox(
                    plain(str(left)),
                    rights,
                    index=None,
                    key=f"{key}-{n}",
                    placeholder=tr("practice.choose"),
                    disabled=answered,
                )
        case _:
            st.radio(
                label,
                list(question.options or ()),
                index=None,
                key=key,
                format_func=plain,
                disabled=answered,
            )


def items(question: Question) -> list[str]:
    return list(question.options or shuffled(question.answer, question.id))


def lefts(question: Question) -> list[str]:
    return list(question.extra.get("left") or question.answer)


def response(question: Question) -> object:
    """What the learner has answered so far, from the widgets' state; None while incomplete."""
    key = f"response-{question.id}"
    match question.kind:
        case Kind.ORDERING:
            chosen = st.session_state.get(key) or []
            return chosen if len(chosen) == len(items(question)) else None
        case Kind.MATCHING:
            pairs = {
                left: st.session_state.get(f"{key}-{n}") for n, left in enumerate(lefts(question))
            }
            return pairs if all(pairs.values()) else None
        case _:
            value = st.session_state.get(key)
            return None if value in (None, "") else value


def check(session: Session, deck: Deck, question: Question) -> None:
    answer = response(question)
    correct = is_correct(question, answer, deck)
    reviewed, problem = 0, None
    try:
        reviewed = len(
            record_practice(
                session.store, question, answer, correct, flashcards_by_fact(deck.id), utcnow()
            )
        )
    except DatabaseBusy:
        problem = tr("practice.busy")  # the answer may not count; earlier progress stays
    except StudyError as error:
        problem = error_text(error)
    st.session_state.practice["results"][question.id] = (correct, reviewed, problem)


@st.fragment
def practice_round(session: Session, deck: Deck) -> None:
    state = st.session_state.practice
    by_id = question_bank(deck.id).by_id
    # A round picked before a closed-book quiz was set loses the items the quiz now holds back.
    held_back = withheld_facts(deck.id)
    ids = [i for i in state["ids"] if i in by_id and not withheld(by_id[i], held_back)]
    if state["index"] >= len(ids):
        right = sum(1 for correct, *_ in state["results"].values() if correct)
        st.success(tr("practice.score", right=right, total=len(ids)))
        if st.button(tr("practice.again"), type="primary"):
            st.session_state.practice = None
            st.rerun()
        return
    question = by_id[ids[state["index"]]]
    st.progress(
        state["index"] / len(ids),
        text=tr("practice.progress", n=state["index"] + 1, total=len(ids)),
    )
    st.caption(tr(f"kind.{question.kind.value}"))
    st.markdown(f"### {plain(question.prompt)}")
    result = state["results"].get(question.id)
    response_widget(question, answered=result is not None)
    if result is None:
        st.button(
            tr("practice.check"),
            type="primary",
            disabled=response(question) is None,
            on_click=check,
            args=(session, deck, question),
            key=f"check-{question.id}",
        )
        return
    correct, reviewed, problem = result
    expected = tr("practice.expected", answer=plain(answer_text(question)))
    if correct and question.kind in (Kind.TYPED, Kind.CLOZE):
        st.success(f"{tr('practice.correct')} {expected}")  # a typo passed: show the spelling
    elif correct:
        st.success(tr("practice.correct"))
    else:
        st.error(f"{tr('practice.wrong')} {expected}")
    if question.explanation:
        st.markdown(plain(question.explanation))
    show_sources(question)
    if problem:
        st.warning(problem)
    elif reviewed:
        st.caption(tr("practice.recorded", count=reviewed))
    last = state["index"] + 1 == len(ids)
    st.button(
        tr("practice.finish") if last else tr("practice.next"),
        type="primary",
        on_click=advance,
        key=f"next-{question.id}",
    )


def advance() -> None:
    st.session_state.practice["index"] += 1


if st.session_state.practice is None or st.session_state.practice["deck"] != deck.id:
    setup(deck, withheld_facts(deck.id))
else:
    practice_round(session, deck)
