"""Practice on the real deck: drawing items, grading each kind, answers as flashcard reviews."""

from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from conftest import REAL_DECK

from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind
from study.browse import find_facts, find_questions
from study.cards import card_specs, flashcards_for, index_flashcards
from study.errors import CardError
from study.practice import (
    choose_practice,
    fact_results,
    is_correct,
    practice_reviews,
    record_practice,
)
from study.records import Origin
from study.scheduling import CardState
from study.settings import StudySettings
from study.store import Store

NOW = datetime(2025, 3, 10, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def deck():
    return check_deck(REAL_DECK).deck


@pytest.fixture(scope="module")
def bank(deck):
    return build_bank(deck, seed=0)


def first(bank, kind, lang="en"):
    return next(q for q in bank.questions if q.kind is kind and q.lang == lang)


def test_cards_are_the_flashcards_in_bank_order(bank):
    specs = card_specs(bank.questions)
    flashcards = [q for q in bank.questions if q.kind is Kind.FLASHCARD]
    assert [s.question_id for s in specs] == [q.id for q in flashcards]
    assert [s.position for s in specs] == list(range(len(flashcards)))
    assert {s.topic for s in specs} <= {t.id for t in bank.deck.topics}


def test_a_practice_item_reviews_the_flashcard_about_the_same_part(bank):
    index = index_flashcards(bank.questions)
    asked = {
        (q.fact_ids, q.lang, q.extra["part"]) for q in bank.questions if q.kind is Kind.FLASHCARD
    }
    for kind in (Kind.MULTIPLE_CHOICE, Kind.TYPED, Kind.CLOZE):
        item = next(
            q
            for q in bank.questions
            if q.kind is kind and (q.fact_ids, q.lang, q.extra["part"]) in asked
        )
        [card_id] = flashcards_for(item, item.fact_ids[0], index)
        card = bank.by_id[card_id]
        assert card.kind is Kind.FLASHCARD and card.lang == item.lang
        assert card.fact_ids == item.fact_ids
        assert card.extra["part"] == item.extra["part"] and card.extra["side"] == "front"


def test_each_kind_is_graded(bank, deck):
    choice = first(bank, Kind.MULTIPLE_CHOICE)
    wrong_option = next(o for o in choice.options if o != choice.answer)
    assert is_correct(choice, choice.answer, deck)
    assert not is_correct(choice, wrong_option, deck)
    true_false = first(bank, Kind.TRUE_FALSE)
    assert is_correct(true_false, true_false.answer, deck)
    assert not is_correct(true_false, not true_false.answer, deck)
    typed = next(
        q for q in bank.questions if q.kind is Kind.TYPED and q.extra.get("answer_type") == "date"
    )
    assert is_correct(typed, typed.answer, deck)
    assert not is_correct(typed, "1066", deck)
    assert not is_correct(typed, None, deck)
    ordering = first(bank, Kind.ORDERING)
    assert is_correct(ordering, list(ordering.answer), deck)
    assert not is_correct(ordering, list(reversed(ordering.answer)), deck)
    matching = first(bank, Kind.MATCHING)
    assert is_correct(matching, dict(matching.answer), deck)
    lefts = list(matching.answer)
    swapped = dict(matching.answer) | {
        lefts[0]: matching.answer[lefts[1]],
        lefts[1]: matching.answer[lefts[0]],
    }
    assert not is_correct(matching, swapped, deck)


def test_an_ordering_or_matching_answer_counts_fact_by_fact(bank):
    ordering = first(bank, Kind.ORDERING)
    answer = list(ordering.answer)
    two_swapped = [answer[1], answer[0], *answer[2:]]
    results = fact_results(ordering, two_swapped, correct=False)
    order = ordering.extra["order"]
    assert results == {fact: n >= 2 for n, fact in enumerate(order)}
    matching = first(bank, Kind.MATCHING)
    pairs = matching.extra["pairs"]
    response = {left: right for _, left, right in pairs} | {pairs[0][1]: pairs[1][2]}
    assert fact_results(matching, response, correct=False) == {
        fact: n != 0 for n, (fact, _, _) in enumerate(pairs)
    }
    reviews = dict(practice_reviews(matching, response, False, index_flashcards(bank.questions)))
    first_fact_cards = flashcards_for(matching, pairs[0][0], index_flashcards(bank.questions))
    assert first_fact_cards and all(reviews[c] is fsrs.Rating.Again for c in first_fact_cards)
    assert fsrs.Rating.Good in reviews.values()


def test_a_practice_round_is_drawn_without_repeats_and_reproducibly(bank):
    pool = [q for q in bank.questions if q.kind is Kind.MULTIPLE_CHOICE]
    drawn = choose_practice(pool, 10, seed=3)
    assert len({q.id for q in drawn}) == 10
    assert drawn == choose_practice(pool, 10, seed=3)
    assert drawn != choose_practice(pool, 10, seed=4)
    assert len(choose_practice(pool[:4], 10, seed=3)) == 4
    with pytest.raises(ValueError, match="a practice needs at least one question"):
        choose_practice(pool, 0, seed=3)


def test_a_mixed_round_draws_each_kind_evenly_whatever_the_pool_holds(bank):
    every = [q for q in bank.questions if q.lang == "en" and q.kind is not Kind.FLASHCARD]
    sizes = {kind: sum(1 for q in every if q.kind is kind) for kind in {q.kind for q in every}}
    kinds = {kind for kind, size in sizes.items() if size >= 10}
    english = [q for q in every if q.kind in kinds]
    assert len(kinds) >= 4
    drawn = choose_practice(english, 10 * len(kinds), seed=1)
    counts = {kind: sum(1 for q in drawn if q.kind is kind) for kind in kinds}
    assert counts == dict.fromkeys(kinds, 10)
    few = [q for q in every if q.kind is Kind.ORDERING][:2]
    assert len(few) == 2
    many = [q for q in every if q.kind is Kind.MULTIPLE_CHOICE][:50]
    short = choose_practice(few + many, 10, seed=1)
    assert sum(1 for q in short if q.kind is Kind.ORDERING) == 2 and len(short) == 10


def test_browsing_finds_facts_by_any_language_and_filters(deck):
    dairen = find_facts(deck, "dairen")
    assert dairen and all(
        "dairen" in " ".join([*f.statement.values(), *(c.quote for c in f.sources)]).casefold()
        or any("dairen" in e for ids in f.entities.values() for e in ids)
        for f in dairen
    )
    assert find_facts(deck, "дайрен") and find_facts(deck, "no-such-word-anywhere") == []
    contested = find_facts(deck, contested_only=True)
    assert contested and all(f.contested for f in contested)
    assert len(contested) == sum(1 for f in deck.facts if f.contested)
    source = deck.sources[0].id
    cited = find_facts(deck, source=source)
    assert cited and all(
        source
        in {c.source for c in f.sources}
        | {v.citation.source for v in (f.contested.versions if f.contested else ())}
        for f in cited
    )
    topic = deck.topics[0].id
    assert all(f.topic == topic for f in find_facts(deck, topics={topic}))


def test_browsing_questions_filters_by_kind_source_and_dispute(bank):
    found = find_questions(bank.questions, kinds={Kind.MATCHING})
    assert found and all(q.kind is Kind.MATCHING for q in found)
    disputed = find_questions(bank.questions, contested_only=True)
    assert disputed and all(q.dispute for q in disputed)
    words = find_questions(bank.questions, "Ioffe Tokyo")
    assert words and all(
        "ioffe" in blob and "tokyo" in blob
        for blob in (
            " ".join(
                [
                    q.prompt,
                    str(q.answer),
                    q.explanation,
                    *(q.options or ()),
                    *(c.quote for c in q.sources),
                ]
            ).casefold()
            for q in words
        )
    )


@pytest.fixture
def progress(tmp_path, bank):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    learner = store.create_learner("Eve", NOW)
    bound = store.for_learner(learner.id)
    bound.sync_cards(bank.deck.id, card_specs(bank.filter(langs=["en"]).questions))
    yield bound
    store.close()


def test_a_practice_answer_is_logged_as_reviews_of_its_flashcards(bank, progress):
    question = first(bank, Kind.MULTIPLE_CHOICE)
    index = index_flashcards(bank.questions)
    made = list(record_practice(progress, question, question.answer, True, index, NOW).reviews)
    expected = practice_reviews(question, question.answer, True, index)
    assert [(r.question_id, r.rating) for r in made] == expected
    assert all(r.origin is Origin.PRACTICE for r in made)
    [(card_id, _)] = expected
    assert progress.history(card_id) == made
    wrong = record_practice(progress, question, None, False, index, NOW).reviews
    assert [r.rating for r in wrong] == [fsrs.Rating.Again]


def test_a_practice_answer_that_cannot_be_logged_raises_instead_of_vanishing(bank, progress):
    # The Russian flashcards were never added to this learner's collection.
    question = first(bank, Kind.MULTIPLE_CHOICE, lang="ru")
    index = index_flashcards(bank.questions)
    with pytest.raises(CardError, match="not in this learner's collection"):
        record_practice(progress, question, question.answer, True, index, NOW)


def single_card_items(bank, count):
    """`count` multiple-choice items in English, each standing for a different flashcard."""
    index = index_flashcards(bank.questions)
    items, seen = [], set()
    for question in bank.questions:
        if question.kind is not Kind.MULTIPLE_CHOICE or question.lang != "en":
            continue
        cards = practice_reviews(question, question.answer, True, index)
        if len(cards) == 1 and cards[0][0] not in seen:
            seen.add(cards[0][0])
            items.append(question)
        if len(items) == count:
            return items
    raise AssertionError("the deck has too few multiple-choice items")


@pytest.fixture
def three_new_a_day(tmp_path, bank):
    store = Store.open(f"sqlite:///{tmp_path / 'limited.sqlite3'}")
    learner = store.create_learner("Ann", NOW, StudySettings(new_per_day=3))
    bound = store.for_learner(learner.id)
    bound.sync_cards(bank.deck.id, card_specs(bank.filter(langs=["en"]).questions))
    yield bound
    store.close()


def test_practice_introduces_new_cards_only_up_to_the_daily_limit(bank, three_new_a_day):
    index = index_flashcards(bank.questions)
    items = single_card_items(bank, 5)
    records = [
        record_practice(three_new_a_day, q, q.answer, True, index, NOW + timedelta(minutes=n))
        for n, q in enumerate(items)
    ]
    assert [len(r.reviews) for r in records] == [1, 1, 1, 0, 0]
    assert [len(r.kept_new) for r in records] == [0, 0, 0, 1, 1]
    later = NOW + timedelta(minutes=10)
    assert three_new_a_day.done_today(later) == (3, 0)
    assert three_new_a_day.queue_counts(bank.deck.id, later).new == 0
    for record in records[3:]:
        [card_id] = record.kept_new
        card = three_new_a_day.card(card_id)
        assert card is not None and card.schedule.state is CardState.NEW
        assert three_new_a_day.history(card_id) == []


def test_practice_still_reviews_cards_already_learning_past_the_new_limit(bank, three_new_a_day):
    index = index_flashcards(bank.questions)
    items = single_card_items(bank, 4)
    for n, question in enumerate(items[:3]):
        record_practice(three_new_a_day, question, None, False, index, NOW + timedelta(minutes=n))
    again = record_practice(
        three_new_a_day, items[0], items[0].answer, True, index, NOW + timedelta(minutes=5)
    )
    assert [r.rating for r in again.reviews] == [fsrs.Rating.Good] and again.kept_new == ()
    assert (
        record_practice(
            three_new_a_day, items[3], None, False, index, NOW + timedelta(minutes=6)
        ).reviews
        == ()
    )


def test_the_new_card_limit_starts_again_the_next_study_day(bank, three_new_a_day):
    index = index_flashcards(bank.questions)
    items = single_card_items(bank, 4)
    for n, question in enumerate(items[:3]):
        record_practice(
            three_new_a_day, question, question.answer, True, index, NOW + timedelta(minutes=n)
        )
    tomorrow = NOW + timedelta(days=1)
    record = record_practice(three_new_a_day, items[3], items[3].answer, True, index, tomorrow)
    assert len(record.reviews) == 1 and record.kept_new == ()
