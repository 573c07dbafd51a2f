"""Which card Study shows next: the queues, Undo's card first, closed-book cards passed over,
cards the bank no longer has set aside."""

from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from study.next_up import next_up, with_more_new
from study.records import CardSpec
from study.settings import StudySettings
from study.store import Store

Good = fsrs.Rating.Good
EVENING = datetime(2025, 3, 10, 17, 0, tzinfo=UTC)  # 20:00 in Moscow
SETTINGS = StudySettings(new_per_day=3, reviews_per_day=2, timezone="Europe/Moscow")
KNOWN = {f"q-{n}" for n in range(5)}


@pytest.fixture
def progress(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    learner = store.create_learner("Ann", EVENING, SETTINGS)
    bound = store.for_learner(learner.id)
    bound.sync_cards("deck", [CardSpec(f"q-{n}", f"t-{n % 2}", n) for n in range(5)])
    yield bound
    store.close()


def test_new_cards_come_in_story_order_within_the_topics(progress):
    up = next_up(progress, "deck", EVENING, KNOWN)
    assert up.card.question_id == "q-0"
    assert (up.counts.new, up.counts.learning, up.counts.review) == (3, 0, 0)
    assert next_up(progress, "deck", EVENING, KNOWN, topics=["t-1"]).card.question_id == "q-1"


def test_closed_book_cards_are_passed_over_and_left_out_of_the_counts(progress):
    up = next_up(progress, "deck", EVENING, KNOWN, hidden={"q-0", "q-1"})
    assert up.card.question_id == "q-2"
    assert up.counts.new == 3
    assert progress.card("q-0").buried_until is None  # held back, not touched


def test_the_card_undo_brought_back_comes_first_unless_held_back(progress):
    progress.review("q-3", Good, EVENING)
    progress.undo(EVENING)
    assert next_up(progress, "deck", EVENING, KNOWN, again_first="q-3").card.question_id == "q-3"
    held = next_up(progress, "deck", EVENING, KNOWN, hidden={"q-3"}, again_first="q-3")
    assert held.card.question_id == "q-0"
    progress.suspend("q-3")
    assert next_up(progress, "deck", EVENING, KNOWN, again_first="q-3").card.question_id == "q-0"


def test_a_card_the_bank_no_longer_has_is_set_aside_until_tomorrow(progress):
    up = next_up(progress, "deck", EVENING, KNOWN - {"q-0", "q-1"})
    assert up.card.question_id == "q-2"
    assert up.set_aside == ("q-0", "q-1")
    assert progress.card("q-0").buried_until == date(2025, 3, 11)


def test_with_nothing_left_it_says_when_the_next_learning_card_is_due(progress):
    slow = progress.save_settings(
        SETTINGS.with_changes(learning_steps=(timedelta(hours=1),)), EVENING
    )
    for _ in range(3):
        up = next_up(slow, "deck", EVENING, KNOWN)
        slow.review(up.card.question_id, fsrs.Rating.Again, EVENING)
    done = next_up(slow, "deck", EVENING, KNOWN)
    assert done.card is None and done.counts.learning == 3
    assert done.learning_due == EVENING + timedelta(hours=1)
    # Within twenty minutes of its step a learning card is shown early, as Anki does.
    early = next_up(slow, "deck", EVENING + timedelta(minutes=41), KNOWN)
    assert early.card.question_id == "q-0" and early.learning_due is None


def test_study_more_allows_new_cards_past_the_limit_for_this_sitting_only(progress):
    for n in range(3):
        progress.review(f"q-{n}", Good, EVENING + timedelta(minutes=n))
    later = EVENING + timedelta(minutes=3)  # the learning cards are not due yet
    assert next_up(progress, "deck", later, KNOWN).counts.new == 0
    more = with_more_new(progress, 10)
    up = next_up(more, "deck", later, KNOWN)
    assert up.card.question_id == "q-3" and up.counts.new == 2
    assert progress.learner() and progress.settings.new_per_day == 3
    assert with_more_new(progress, 0) is progress
    assert with_more_new(progress, 20_000).settings.new_per_day == 9999
