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
from study.practice_rounds import RoundAnswer

st.session_state.setdefault("practice", None)

session = learner_or_stop()
deck = choose_deck()
synced_cards(session, deck)
bank = question_bank(deck.id).filter(langs=content_languages(deck, session.settings))
kinds = [k for k in dict.fromkeys(q.kind for q in bank.questions) if k is not Kind.FLASHCARD]

st.title(tr("practice.title"))


def setup(session: Session, deck: Deck, held_back: frozenset[str]) -> None:
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
            start_round(session, deck.id, picked)


CHOICES = (Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.SOURCES_DIFFER)


def start_round(session: Session, deck_id: str, picked: list[Question]) -> None:
    """Keep the round in the progress database and name it in the address, so that a reload
    takes the learner back to the question they were on."""
    try:
        kept = session.store.start_round(deck_id, [q.id for q in picked], utcnow())
    except StudyError as error:
        st.error(error_text(error))
        return
    st.session_state.practice = {
        "deck": deck_id,
        "round": kept.id,
        "ids": list(kept.question_ids),
        "index": 0,
        "results": {},
    }
    st.query_params["round"] = str(kept.id)
    st.rerun()


def resumed_round(session: Session, deck_id: str) -> dict[str, object] | None:
    """The round the address names, taken up at its first unanswered item, if it is this
    learner's and this deck's."""
    wanted = st.query_params.get("round", "")
    # The address is the browser's to forge: only a short run of ASCII digits is a number.
    if not (wanted.isascii() and wanted.isdigit() and len(wanted) <= 18):
        return None
    try:
        kept = session.store.practice_round(int(wanted))
    except StudyError:
        return None
    if kept is None or kept.deck != deck_id:
        return None
    return {
        "deck": deck_id,
        "round": kept.id,
        "ids": list(kept.question_ids),
        "index": kept.next_index,
        "results": {
            item: (answer.correct, answer.reviewed, answer.kept_new, None, None)
            for item, answer in kept.answers.items()
        },
    }


def choice_labels(question: Question) -> dict[object, str]:
    """The options of a choice item as shown, keyed by the value an answer holds."""
    if question.kind is Kind.TRUE_FALSE:
        names = question.options or (tr("practice.true"), tr("practice.false"))
        return dict(zip((True, False), names, strict=True))
    return {option: option for option in question.options or ()}


def answer_form(session: Session, deck: Deck, question: Question) -> None:
    """Every kind but ordering, answered in one form: Enter or one click on *Check* submits
    what is typed or chosen (outside a form, a click while the text field still had the focus
    only committed the text and the click was lost)."""
    key = f"response-{question.id}"
    with st.form(f"answer-{question.id}", border=False):
        match question.kind:
            case Kind.TYPED | Kind.CLOZE:
                st.text_input(tr("practice.your_answer"), key=key)
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
                    )
            case _:
                labels = choice_labels(question)
                st.radio(
                    tr("practice.your_answer"),
                    list(labels),
                    index=None,
                    key=key,
                    format_func=lambda value: plain(str(labels[value])),
                )
        st.form_submit_button(
            tr("practice.check"), type="primary", on_click=check, args=(session, deck, question)
        )


def ordering_widget(session: Session, deck: Deck, question: Question, answered: bool) -> None:
    """The events as a list moved with up and down buttons; once checked, each position says
    whether its event belongs there and, if not, which one does."""
    order = st.session_state.setdefault(f"order-{question.id}", items(question))
    st.caption(tr("practice.order_hint"))
    for n, event in enumerate(order):
        if answered:
            right = event == question.answer[n]
            mark = "✅" if right else "❌"
            line = f"{mark} **{n + 1}.** {plain(str(event))}"
            if not right:
                line += "  \n" + tr("practice.belongs_here", answer=plain(str(question.answer[n])))
            st.markdown(line)
            continue
        # A horizontal container keeps the arrows beside the event on a phone, where columns
        # would stack them under it.
        with st.container(horizontal=True, vertical_alignment="center", wrap=False, key=f"row-{n}"):
            st.markdown(f"**{n + 1}.** {plain(str(event))}", width="stretch")
            st.button(
                "",
                icon=":material/arrow_upward:",
                key=f"up-{question.id}-{n}",
                disabled=n == 0,
                on_click=move,
                args=(question.id, n, -1),
                help=tr("practice.move_up"),
            )
            st.button(
                "",
                icon=":material/arrow_downward:",
                key=f"down-{question.id}-{n}",
                disabled=n == len(order) - 1,
                on_click=move,
                args=(question.id, n, 1),
                help=tr("practice.move_down"),
            )
    if not answered:
        st.button(
            tr("practice.check"),
            type="primary",
            on_click=check,
            args=(session, deck, question),
            key=f"check-{question.id}",
        )


def move(question_id: str, n: int, step: int) -> None:
    order = st.session_state[f"order-{question_id}"]
    order[n], order[n + step] = order[n + step], order[n]


def choice_feedback(question: Question, chosen: object) -> None:
    """The options once answered: the right one in green, a wrong pick in red."""
    for value, label in choice_labels(question).items():
        if value == question.answer:
            st.markdown(f":green[✅ **{plain(str(label))}**]")
        elif value == chosen:
            st.markdown(f":red[❌ ~~{plain(str(label))}~~]")
        else:
            st.markdown(f":gray[{plain(str(label))}]")


def items(question: Question) -> list[str]:
    return list(question.options or shuffled(question.answer, question.id))


def lefts(question: Question) -> list[str]:
    return list(question.extra.get("left") or question.answer)


def response(question: Question) -> object:
    """What the learner has answered, from the widgets' state; None while incomplete."""
    key = f"response-{question.id}"
    match question.kind:
        case Kind.ORDERING:
            return list(st.session_state.get(f"order-{question.id}") or items(question))
        case Kind.MATCHING:
            pairs = {
                left: st.session_state.get(f"{key}-{n}") for n, left in enumerate(lefts(question))
            }
            return pairs if all(pairs.values()) else None
        case _:
            value = st.session_state.get(key)
            if isinstance(value, str):
                value = value.strip()
            return None if value in (None, "") else value


def check(session: Session, deck: Deck, question: Question) -> None:
    answer = response(question)
    state = st.session_state.practice
    if answer is None:
        state["incomplete"] = question.id
        return
    state["incomplete"] = None
    correct = is_correct(question, answer, deck)
    reviewed, kept_new, problem = 0, 0, None
    try:
        record = record_practice(
            session.store, question, answer, correct, flashcards_by_fact(deck.id), utcnow()
        )
        reviewed, kept_new = len(record.reviews), len(record.kept_new)
        session.store.record_answer(
            state["round"], question.id, RoundAnswer(correct, reviewed, kept_new), utcnow()
        )
    except DatabaseBusy:
        problem = tr("practice.busy")  # the answer may not count; earlier progress stays
    except StudyError as error:
        problem = error_text(error)
    state["results"][question.id] = (correct, reviewed, kept_new, problem, answer)


def round_summary(session: Session, deck: Deck, ids: list[str]) -> None:
    """The score, the items missed with their answers, and a round of just those."""
    state = st.session_state.practice
    by_id = question_bank(deck.id).by_id
    results = state["results"]
    missed = [i for i in ids if not results.get(i, (False,))[0]]
    st.success(tr("practice.score", right=len(ids) - len(missed), total=len(ids)))
    if missed:
        st.subheader(tr("practice.missed"))
        for question_id in missed:
            question = by_id[question_id]
            st.markdown(f"- {plain(question.prompt)}  \n  **{plain(answer_text(question))}**")
    columns = st.columns(2)
    if missed and columns[0].button(
        tr("practice.missed_again"), type="primary", key="missed-again"
    ):
        start_round(session, deck.id, [by_id[i] for i in missed])
    if columns[1].button(
        tr("practice.again"), type="secondary" if missed else "primary", key="new-round"
    ):
        st.session_state.practice = None
        st.query_params.pop("round", None)
        st.rerun()


@st.fragment
def practice_round(session: Session, deck: Deck) -> None:
    state = st.session_state.practice
    by_id = question_bank(deck.id).by_id
    # A round picked before a closed-book quiz was set loses the items the quiz now holds back.
    held_back = withheld_facts(deck.id)
    ids = [i for i in state["ids"] if i in by_id and not withheld(by_id[i], held_back)]
    if state["index"] >= len(ids):
        round_summary(session, deck, ids)
        return
    question = by_id[ids[state["index"]]]
    st.progress(
        state["index"] / len(ids),
        text=tr("practice.progress", n=state["index"] + 1, total=len(ids)),
    )
    st.caption(tr(f"kind.{question.kind.value}"))
    st.markdown(f"### {plain(question.prompt)}")
    result = state["results"].get(question.id)
    if question.kind is Kind.ORDERING:
        ordering_widget(session, deck, question, answered=result is not None)
    elif result is None:
        answer_form(session, deck, question)
    if result is None:
        if state.get("incomplete") == question.id:
            st.warning(tr("practice.incomplete"))
        return
    correct, reviewed, kept_new, problem, given = result
    if question.kind in CHOICES:
        choice_feedback(question, given)
    expected = tr("practice.expected", answer=plain(answer_text(question)))
    if question.kind in (Kind.TYPED, Kind.CLOZE):
        st.markdown(tr("practice.you_typed", answer=plain(str(given))))
    if correct and question.kind in (Kind.TYPED, Kind.CLOZE):
        # The canonical answer even when right: a typo or transliteration may have passed.
        st.success(f"{tr('practice.correct')} {expected}")
    elif correct:
        st.success(tr("practice.correct"))
    elif question.kind is Kind.ORDERING:
        st.error(tr("practice.wrong"))  # each position above says what belongs there
    else:
        st.error(f"{tr('practice.wrong')} {expected}")
    if question.explanation:
        st.markdown(plain(question.explanation))
    show_sources(question, folded=True)
    if problem:
        st.warning(problem)
    elif reviewed:
        st.caption(tr("practice.recorded", count=reviewed))
    if kept_new:
        st.caption(tr("practice.kept_new", count=kept_new))
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
    st.session_state.practice = resumed_round(session, deck.id)
if st.session_state.practice is None:
    setup(session, deck, withheld_facts(deck.id))
else:
    practice_round(session, deck)
