"""Practice page: a round graded on the spot, each answer a review of the matching flashcard."""

import fsrs
import pytest
import streamlit as st
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from app_pages.common import plain
from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind
from study.cards import flashcards_for, index_flashcards
from study.records import Origin
from study.store import Store

PRACTICE = "app_pages/practice.py"


@pytest.fixture(scope="module")
def bank():
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    store = Store.open(url)
    yield store
    store.close()
    st.cache_resource.clear()


def start(kinds: list[Kind], length: int) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(PRACTICE).run()
    at.text_input[0].input("Eve")
    at.button[0].click().run()
    assert [t.value for t in at.title] == ["Practice"]
    at.multiselect[1].set_value(kinds)
    at.slider[0].set_value(length)
    at.button[0].click().run()
    assert not at.exception
    return at


def current(at, bank):
    state = at.session_state.practice
    return bank.by_id[state["ids"][state["index"]]]


def check(at) -> None:
    """Submit the answer form with the values just set, as one click on Check does."""
    at.button[-1].click().run()


def test_a_round_of_choices_is_graded_and_feeds_the_scheduler(store, bank):
    at = start([Kind.MULTIPLE_CHOICE], 3)
    assert at.caption[0].value == "Multiple choice"
    outcomes = []
    for right in [True, False, True]:
        question = current(at, bank)
        assert f"### {plain(question.prompt)}" in [m.value for m in at.markdown]
        at.button[-1].click().run()  # nothing chosen yet: asked to answer, nothing counted
        assert [w.value for w in at.warning] == [
            "Answer first: type an answer or choose an option for every line."
        ]
        choice = (
            question.answer if right else next(o for o in question.options if o != question.answer)
        )
        at.radio[0].set_value(choice)
        check(at)
        if right:
            assert [s.value for s in at.success] == ["Correct!"]
        else:
            assert at.error[0].value == f"Not quite. The answer: {plain(question.answer)}"
        quote = " ".join(question.sources[0].quote.split())
        assert any(plain(quote) in m.value for m in at.markdown)
        marks = [m.value for m in at.markdown]
        assert f":green[✅ **{plain(question.answer)}**]" in marks
        assert any(m.startswith(":red[❌") for m in marks) is not right
        outcomes.append((question, right))
        at.button[-1].click().run()
    assert [s.value for s in at.success] == ["You got 2 of 3 right."]
    missed = outcomes[1][0]
    assert [h.value for h in at.subheader] == ["To go over again"]
    assert f"- {plain(missed.prompt)}  \n  **{plain(missed.answer)}**" in [
        m.value for m in at.markdown
    ]
    at.button(key="missed-again").click().run()
    assert at.session_state.practice["ids"] == [missed.id]
    assert current(at, bank) == missed

    [eve] = store.learners()
    index = index_flashcards(bank.questions)
    for question, right in outcomes:
        [card_id] = flashcards_for(question, question.fact_ids[0], index)
        [logged] = store.for_learner(eve.id).history(card_id)
        assert logged.origin is Origin.PRACTICE
        assert logged.rating is (fsrs.Rating.Good if right else fsrs.Rating.Again)


def test_typed_answers_are_graded_with_the_banks_grader(store, bank):
    at = start([Kind.TYPED], 1)
    question = current(at, bank)
    at.text_input[0].input(question.answer)
    check(at)
    # a right typed answer still shows the canonical spelling
    expected = f"Correct! The answer: {plain(question.answer)}"  # as Markdown-escaped text
    assert [s.value for s in at.success] == [expected]
    assert not at.text_input  # the form gave way to the verdict


def test_a_typed_answer_with_a_typo_passes_and_shows_the_right_spelling(store, bank):
    question = next(
        q
        for q in bank.questions
        if q.kind is Kind.TYPED and q.lang == "en" and str(q.answer).endswith("Ioffe")
    )
    at = start([Kind.TYPED], 1)
    at.session_state["practice"] = at.session_state.practice | {"ids": [question.id]}
    at.run()
    typo = str(question.answer).replace("Ioffe", "Ioffie")
    at.text_input[0].input(typo)
    check(at)
    assert [s.value for s in at.success] == [f"Correct! The answer: {plain(question.answer)}"]
    assert f"You typed: {plain(typo)}" in [m.value for m in at.markdown]


def test_an_ordering_counts_fact_by_fact(store, bank):
    at = start([Kind.ORDERING], 1)
    question = current(at, bank)
    answer = list(question.answer)
    at.session_state[f"order-{question.id}"] = [answer[1], answer[0], *answer[2:]]
    at.run()
    at.button(key=f"down-{question.id}-0").click().run()  # the arrows swap neighbours
    assert at.session_state[f"order-{question.id}"] == [answer[0], answer[1], *answer[2:]]
    at.button(key=f"up-{question.id}-1").click().run()
    at.button(key=f"check-{question.id}").click().run()
    assert at.error[0].value.startswith("Not quite.")
    marks = [m.value for m in at.markdown]
    assert f"❌ **1.** {plain(answer[1])}  \nBelongs here: {plain(answer[0])}" in marks
    assert f"✅ **3.** {plain(answer[2])}" in marks
    [eve] = store.learners()
    index = index_flashcards(bank.questions)
    ratings = {
        fact: {
            store.for_learner(eve.id).history(card_id)[0].rating
            for card_id in flashcards_for(question, fact, index)
        }
        for fact in question.extra["order"]
    }
    order = question.extra["order"]
    assert ratings[order[0]] == ratings[order[1]] == {fsrs.Rating.Again}
    assert all(ratings[fact] == {fsrs.Rating.Good} for fact in order[2:])


def test_a_matching_is_answered_pair_by_pair(store, bank):
    at = start([Kind.MATCHING], 1)
    question = current(at, bank)
    boxes = [box for box in at.selectbox if box.label != "Learner"]
    assert len(boxes) == len(question.answer)
    for box, left in zip(boxes, question.extra["left"], strict=True):
        assert box.label == plain(left)
        box.set_value(question.answer[left])
    check(at)
    assert [s.value for s in at.success] == ["Correct!"]


def test_a_round_survives_a_reload_at_the_question_it_was_on(store, bank):
    at = start([Kind.TRUE_FALSE], 3)
    round_id = at.query_params["round"]
    first = current(at, bank)
    at.radio[0].set_value(first.answer)
    check(at)
    [eve] = store.learners()

    reloaded = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    reloaded.query_params["learner"] = str(eve.id)
    reloaded.query_params["round"] = round_id
    reloaded.run()
    reloaded.switch_page(PRACTICE).run()
    assert reloaded.session_state.practice["index"] == 1
    assert reloaded.session_state.practice["results"][first.id][0] is True
    assert "Question 2 of 3" in [p.text for p in reloaded.get("progress")]

    forged = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    forged.query_params["learner"] = str(eve.id)
    forged.query_params["round"] = str(int(round_id) + 1)
    forged.run()
    forged.switch_page(PRACTICE).run()
    assert forged.session_state.practice is None
    assert [b.label for b in forged.button] == ["Start practice"]
