"""Closed book: which facts a running quiz keeps from learners, by fact and in every language;
open book as the teacher's choice; the study queue passing held-back cards over; a session with
a running attempt; and the answers after the close as the default review."""

from dataclasses import replace
from datetime import timedelta

import fsrs
import pytest
from classroom_support import (
    BACKENDS,
    MONDAY_NINE,
    choice,
    database_url,
    decks,
    mini_bank,
    mini_deck,
)
from sqlalchemy import update

from classroom.closed_book import open_questions, same_topics, withheld, withheld_ids
from classroom.schema import quizzes
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec, ReviewPolicy
from questions.model import Kind
from study.cards import card_specs
from study.settings import StudySettings
from study.store import Store

T = MONDAY_NINE
TRUE_FALSE = QuizSpec(
    title="Dairen",
    deck="mini",
    lang="en",
    count=1,
    kinds=(Kind.TRUE_FALSE,),
    opens_at=T,
    closes_at=T + timedelta(hours=1),
    grace=timedelta(seconds=30),
)


def minutes(n: float):
    return T + timedelta(minutes=n)


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return database_url(request.param, tmp_path)


@pytest.fixture
def classroom(url):
    service = Classroom.open(url, decks)
    yield service
    service.close()


def pool_facts(spec: QuizSpec) -> frozenset[str]:
    """The facts a quiz holds back: those its pool asks about, and the rest of their topics."""
    asked = frozenset(f for q in candidates(spec, mini_bank()) for f in q.fact_ids)
    return same_topics(mini_deck(), asked)


def set_quiz(classroom, spec=TRUE_FALSE):
    """Saved the day before the lesson."""
    return classroom.create_quiz(spec, candidates(spec, mini_bank()), minutes(-60 * 24))


def test_a_closed_book_quiz_holds_its_facts_from_saving_until_close_and_grace(classroom):
    held = pool_facts(TRUE_FALSE)
    everything = frozenset(f for q in mini_bank().questions for f in q.fact_ids)
    assert classroom.closed_book_facts("mini", minutes(-60 * 24 - 1)) == frozenset()
    set_quiz(classroom)
    assert held and held < everything  # the pool asks about some facts, not all
    for moment in (minutes(-60 * 23), minutes(0), minutes(30), minutes(60), minutes(60.49)):
        assert classroom.closed_book_facts("mini", moment) == held, moment
    assert classroom.closed_book_facts("mini", minutes(60.5)) == frozenset()
    assert classroom.closed_book_facts("far-east-1920-1925", minutes(30)) == frozenset()


def test_an_open_book_quiz_holds_nothing_and_quizzes_add_up(classroom):
    set_quiz(classroom, replace(TRUE_FALSE, open_book=True))
    assert classroom.closed_book_facts("mini", minutes(30)) == frozenset()
    typed = replace(TRUE_FALSE, kinds=(Kind.TYPED,), count=2, closes_at=minutes(120))
    set_quiz(classroom, typed)
    set_quiz(classroom, replace(TRUE_FALSE, title="Later"))
    both = pool_facts(TRUE_FALSE) | pool_facts(typed)
    assert classroom.closed_book_facts("mini", minutes(30)) == both
    assert classroom.closed_book_facts("mini", minutes(90)) == pool_facts(typed)


def test_a_quiz_with_no_close_time_holds_its_facts_until_the_teacher_closes_it(classroom):
    quiz = set_quiz(classroom, replace(TRUE_FALSE, closes_at=None))
    held = pool_facts(TRUE_FALSE)
    assert classroom.closed_book_facts("mini", minutes(60 * 24 * 365)) == held
    classroom.close_now(quiz.id, minutes(10))
    assert classroom.closed_book_facts("mini", minutes(10.4)) == held  # the grace period
    assert classroom.closed_book_facts("mini", minutes(10.5)) == frozenset()


def test_making_a_running_quiz_open_book_gives_the_material_back(classroom):
    quiz = set_quiz(classroom)
    classroom.update_quiz(quiz.id, replace(quiz.spec, open_book=True), None, minutes(5))
    assert classroom.closed_book_facts("mini", minutes(6)) == frozenset()


def test_a_stored_spec_that_no_longer_reads_holds_its_facts_instead_of_breaking(classroom):
    quiz = set_quiz(classroom, replace(TRUE_FALSE, open_book=True))
    with classroom.engine.begin() as connection:
        connection.execute(
            update(quizzes).where(quizzes.c.id == quiz.id).values(spec="title: [unclosed\n")
        )
    assert classroom.closed_book_facts("mini", minutes(60 * 24)) == pool_facts(TRUE_FALSE)


def test_pages_hide_by_fact_in_every_language_and_kind():
    held = pool_facts(TRUE_FALSE)
    bank = mini_bank().questions
    kept = open_questions(bank, held)
    assert kept and all(held.isdisjoint(q.fact_ids) for q in kept)
    hidden = [q for q in bank if withheld(q, held)]
    assert {q.lang for q in hidden} == {"en", "ru"}
    assert Kind.FLASHCARD in {q.kind for q in hidden} and Kind.TYPED in {q.kind for q in hidden}
    several = choice("q-order", facts=("other-fact", next(iter(held))))
    assert withheld(several, held) and not withheld(choice("q-free"), held)
    assert withheld_ids(bank, held) == {q.id for q in hidden}


def test_the_study_queue_passes_held_back_cards_over_and_keeps_their_progress(url):
    store = Store.open(url)
    try:
        settings = StudySettings(timezone="UTC")
        learner = store.create_learner("Eve", T, settings)
        flashcards = [q for q in mini_bank().questions if q.kind is Kind.FLASHCARD]
        store.for_learner(learner.id).sync_cards("mini", card_specs(flashcards))
        hidden = withheld_ids(flashcards, pool_facts(TRUE_FALSE))
        studied = sorted(hidden)[0]
        store.for_learner(learner.id, settings).review(studied, fsrs.Rating.Good, T)
        kept = store.for_learner(learner.id).card(studied).schedule
        assert (
            store.for_learner(learner.id, settings).queue_counts("mini", T).new
            == len(flashcards) - 1
        )
        shown = store.for_learner(learner.id, settings).queue_counts("mini", T, hidden=hidden)
        assert shown.new == len(flashcards) - len(hidden)
        totals = store.for_learner(learner.id, settings).topic_counts(T, hidden)
        assert sum(t.total for t in totals) == len(flashcards) - len(hidden)
        later = T + timedelta(days=60)
        seen = []
        while upcoming := store.for_learner(learner.id, settings).next_card(
            "mini", later, None, hidden
        ):
            seen.append(upcoming.card.question_id)
            store.for_learner(learner.id, settings).bury(upcoming.card.question_id, later)
        assert len(seen) == len(flashcards) - len(hidden) and not set(seen) & hidden
        assert store.for_learner(learner.id).card(studied).schedule == kept
        assert (
            store.for_learner(learner.id, settings).next_card("mini", later).card.question_id
            == studied
        )
    finally:
        store.close()


def test_a_session_is_taking_a_quiz_while_its_attempt_takes_answers(classroom):
    quiz = set_quiz(classroom, replace(TRUE_FALSE, time_limit=timedelta(minutes=10)))
    joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    assert classroom.attempt_running(joined.resume_code, minutes(2))
    assert classroom.attempt_running(joined.resume_code.lower(), minutes(11.5))  # grace
    assert not classroom.attempt_running(joined.resume_code, minutes(11.6))
    assert not classroom.attempt_running("NOPE-NOPE-NOPE", minutes(2))
    other = classroom.join(quiz.join_code, "Boris", "", minutes(1))
    classroom.submit(other.resume_code, minutes(3))
    assert not classroom.attempt_running(other.resume_code, minutes(3))


def test_answers_after_the_close_with_no_close_time_wait_for_the_teacher(classroom):
    quiz = set_quiz(classroom, replace(TRUE_FALSE, closes_at=None))
    assert quiz.spec.review is ReviewPolicy.AFTER_CLOSE
    joined = classroom.join(quiz.join_code, "Ann", "", minutes(1))
    done = classroom.submit(joined.resume_code, minutes(2))
    assert done.review is None
    assert done.review_from is None and done.score is None
    classroom.close_now(quiz.id, minutes(10))
    assert classroom.attempt(joined.resume_code, minutes(10.4)).review is None
    assert len(classroom.attempt(joined.resume_code, minutes(10.5)).review) == 1


def test_a_past_quizs_review_withholds_the_answers_a_running_quiz_holds(classroom):
    past = replace(TRUE_FALSE, title="Last week", kinds=(Kind.TRUE_FALSE, Kind.MULTIPLE_CHOICE))
    past = replace(past, count=3, closes_at=minutes(-60), opens_at=minutes(-120))
    last_week = classroom.create_quiz(past, candidates(past, mini_bank()), minutes(-180))
    joined = classroom.join(last_week.join_code, "Ann", "", minutes(-100))
    classroom.submit(joined.resume_code, minutes(-90))
    before = classroom.attempt(joined.resume_code, minutes(-30)).review
    assert before and not any(item.held for item in before)
    set_quiz(classroom)  # today's closed-book quiz asks about some of the same facts
    held = pool_facts(TRUE_FALSE)
    facts = {q.prompt: set(q.fact_ids) for q in classroom.pool(last_week.id)}
    seen = classroom.attempt(joined.resume_code, minutes(30))
    assert seen.score is None  # a score would tell which of the held answers were right
    during = seen.review
    assert [item.held for item in during] == [bool(held & facts[i.prompt]) for i in during]
    assert any(item.held for item in during)
    for item in during:
        if item.held:
            assert (item.right_answer, item.fraction, item.sources) == ("", None, ())
    after = classroom.attempt(joined.resume_code, minutes(61))
    assert after.review == before and after.score is not None


def test_a_held_fact_closes_its_whole_topic_whose_facts_tell_the_same_events():
    deck = mini_deck()
    by_topic = {}
    for fact in deck.facts:
        by_topic.setdefault(fact.topic, set()).add(fact.id)
    dairen = by_topic["dairen"]
    assert len(dairen) == 2
    one = frozenset(sorted(dairen)[:1])
    assert same_topics(deck, one) == dairen
    assert same_topics(None, one) == one  # a deck that cannot be read: the asked facts alone
    assert same_topics(deck, frozenset()) == frozenset()
