"""The progress store: queues and daily limits on a fixed clock, undo, bury, suspend, rebuild."""

import random
from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from study import scheduling
from study.errors import CardError, LearnerError, NothingToUndo, StaleCard
from study.records import CardSpec, Origin, Queue
from study.scheduling import CardState
from study.settings import StudySettings
from study.store import Store

Again, Hard, Good, Easy = fsrs.Rating.Again, fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy
# 20:00 in Moscow (UTC+3 all year) on 10 March 2025; that study day ends at 01:00 UTC.
EVENING = datetime(2025, 3, 10, 17, 0, tzinfo=UTC)
DAY_ENDS = datetime(2025, 3, 11, 1, 0, tzinfo=UTC)
LIMITED = StudySettings(new_per_day=3, reviews_per_day=2, timezone="Europe/Moscow")


@pytest.fixture
def store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    yield store
    store.close()


def deck_cards(count: int, topics: int = 1) -> list[CardSpec]:
    return [CardSpec(f"q-{n:03d}", f"topic-{n % topics}", n) for n in range(count)]


def learner_with_cards(store: Store, count: int = 10, settings=LIMITED, topics: int = 1) -> int:
    learner = store.create_learner("Ann", EVENING, settings)
    store.for_learner(learner.id).sync_cards("deck", deck_cards(count, topics))
    return learner.id


def study(store, learner, now, settings, rating=Good):
    shown = store.for_learner(learner, settings).next_card("deck", now)
    if shown is None:
        return None
    store.for_learner(learner, settings).review(shown.card.question_id, rating, now)
    return shown


def test_learners_have_unique_names_and_their_own_settings(store):
    ann = store.create_learner("  Ann   Lee ", EVENING)
    boris = store.create_learner("Борис", EVENING, StudySettings(new_per_day=5))
    assert ann.name == "Ann Lee"
    assert [learner.name for learner in store.learners()] == ["Ann Lee", "Борис"]
    assert store.for_learner(ann.id).settings.new_per_day == 20
    assert store.for_learner(boris.id).settings.new_per_day == 5
    store.for_learner(ann.id).save_settings(StudySettings(desired_retention=0.8), EVENING)
    assert store.for_learner(ann.id).settings.desired_retention == 0.8
    assert store.for_learner(boris.id).settings.desired_retention == 0.9
    with pytest.raises(LearnerError, match="the name 'Ann Lee' is taken"):
        store.create_learner("Ann Lee", EVENING)
    with pytest.raises(LearnerError, match="type a name"):
        store.create_learner("   ", EVENING)
    with pytest.raises(LearnerError, match="there is no learner number 99"):
        store.learner(99)


def test_new_cards_stop_at_the_daily_limit_until_the_next_study_day(store):
    learner = learner_with_cards(store)
    shown = [study(store, learner, EVENING, LIMITED, Easy) for _ in range(3)]
    assert [s.queue for s in shown] == [Queue.NEW] * 3
    assert [s.card.question_id for s in shown] == ["q-000", "q-001", "q-002"]
    assert store.for_learner(learner, LIMITED).next_card("deck", EVENING) is None
    assert store.for_learner(learner, LIMITED).done_today(EVENING) == (3, 0)
    # 03:59 in Moscow is still the evening's study day; 04:00 starts the next.
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", DAY_ENDS - timedelta(minutes=1))
        is None
    )
    morning = store.for_learner(learner, LIMITED).next_card("deck", DAY_ENDS)
    assert (morning.queue, morning.card.question_id) == (Queue.NEW, "q-003")
    assert store.for_learner(learner, LIMITED).done_today(DAY_ENDS) == (0, 0)


def test_reviews_stop_at_the_daily_limit_and_come_first(store):
    learner = learner_with_cards(store)
    for _ in range(3):
        study(store, learner, EVENING, LIMITED, Easy)
    dues = [store.for_learner(learner).card(f"q-00{n}").schedule.due for n in range(3)]
    # Golden values: Easy on a new card gives 8 days, fuzzed per card id within 6..10 days.
    assert dues == [datetime(2025, 3, day, 17, 0, tzinfo=UTC) for day in (19, 17, 18)]
    month_later = EVENING + timedelta(days=30)
    counts = store.for_learner(learner, LIMITED).queue_counts("deck", month_later)
    assert (counts.learning, counts.review, counts.new) == (0, 2, 3)
    queues = [study(store, learner, month_later, LIMITED, Easy).queue for _ in range(5)]
    assert queues == [Queue.REVIEW, Queue.REVIEW, Queue.NEW, Queue.NEW, Queue.NEW]
    assert store.for_learner(learner, LIMITED).next_card("deck", month_later) is None
    assert store.for_learner(learner, LIMITED).done_today(month_later) == (3, 2)
    next_day = store.for_learner(learner, LIMITED).next_card(
        "deck", month_later + timedelta(hours=8)
    )
    assert next_day.queue is Queue.REVIEW


def test_learning_cards_come_back_when_due_and_a_little_early_when_nothing_else_is_left(store):
    settings = LIMITED.with_changes(new_per_day=1)
    learner = learner_with_cards(store, settings=settings)
    first = study(store, learner, EVENING, settings, Good)
    card = store.for_learner(learner).card(first.card.question_id)
    assert card.schedule.state is CardState.LEARNING
    assert card.schedule.due == EVENING + timedelta(minutes=10)
    assert store.for_learner(learner, settings).queue_counts("deck", EVENING).learning == 1
    assert (
        store.for_learner(learner, settings).next_card("deck", EVENING - timedelta(minutes=11))
        is None
    )
    early = store.for_learner(learner, settings).next_card("deck", EVENING + timedelta(minutes=1))
    assert (early.queue, early.card.question_id) == (Queue.LEARNING, "q-000")


def test_a_review_is_committed_before_review_returns(store, tmp_path):
    learner = learner_with_cards(store)
    made = store.for_learner(learner, LIMITED).review("q-004", Good, EVENING, duration_ms=3200)
    other = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    try:
        [logged] = other.for_learner(learner).history("q-004")
        assert logged == made
        assert logged.duration_ms == 3200 and logged.origin is Origin.STUDY
        assert logged.day == date(2025, 3, 10)
        assert other.for_learner(learner).card("q-004").schedule == made.after
    finally:
        other.close()


def test_undo_restores_the_card_and_the_days_counts_and_keeps_both_log_rows(store):
    learner = learner_with_cards(store)
    first = study(store, learner, EVENING, LIMITED, Good)
    second = study(store, learner, EVENING, LIMITED, Easy)
    assert store.for_learner(learner).last_review().question_id == second.card.question_id
    undone = store.for_learner(learner, LIMITED).undo(EVENING + timedelta(seconds=5))
    assert undone.question_id == "q-001" and undone.rating is Easy
    assert store.for_learner(learner).card("q-001").schedule == scheduling.NEW
    assert store.for_learner(learner, LIMITED).done_today(EVENING) == (1, 0)
    log = store.for_learner(learner).history("q-001")
    assert [row.rating for row in log] == [Easy, None]
    assert log[1].undoes == log[0].id and log[1].after == scheduling.NEW
    # Undo again walks further back; then there is nothing left.
    assert store.for_learner(learner, LIMITED).undo(EVENING).question_id == first.card.question_id
    assert store.for_learner(learner).card("q-000").schedule == scheduling.NEW
    with pytest.raises(NothingToUndo):
        store.for_learner(learner, LIMITED).undo(EVENING)
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", EVENING).card.question_id == "q-000"
    )


def test_a_second_click_on_a_card_already_rated_does_not_count_twice(store):
    learner = learner_with_cards(store)
    shown = store.for_learner(learner, LIMITED).next_card("deck", EVENING).card
    first = store.for_learner(learner, LIMITED).review(
        shown.question_id, Good, EVENING, shown=shown.schedule
    )
    with pytest.raises(StaleCard, match="was rated meanwhile"):
        store.for_learner(learner, LIMITED).review(
            shown.question_id, Easy, EVENING, shown=shown.schedule
        )
    assert store.for_learner(learner).history(shown.question_id) == [first]
    second = store.for_learner(learner, LIMITED).review("q-005", Good, EVENING)
    store.for_learner(learner, LIMITED).undo(EVENING, review_id=second.id)
    with pytest.raises(StaleCard, match="already undone"):
        store.for_learner(learner, LIMITED).undo(EVENING, review_id=second.id)
    assert store.for_learner(learner).last_review() == first


def test_a_buried_card_returns_the_next_study_day_and_a_suspended_one_does_not(store):
    learner = learner_with_cards(store)
    store.for_learner(learner, LIMITED).bury("q-000", EVENING)
    store.for_learner(learner).suspend("q-001")
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", EVENING).card.question_id == "q-002"
    )
    assert store.for_learner(learner).card("q-000").buried_until == date(2025, 3, 11)
    assert (
        store.for_learner(learner, LIMITED)
        .next_card("deck", DAY_ENDS - timedelta(seconds=1))
        .card.question_id
        == "q-002"
    )
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", DAY_ENDS).card.question_id == "q-000"
    )
    for _ in range(2):
        study(store, learner, DAY_ENDS, LIMITED)
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", DAY_ENDS).card.question_id == "q-003"
    )
    store.for_learner(learner).suspend("q-001", False)
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", DAY_ENDS).card.question_id == "q-001"
    )
    with pytest.raises(CardError, match="q-999 is not in this learner's collection"):
        store.for_learner(learner, LIMITED).bury("q-999", EVENING)


def test_topics_narrow_the_queue_and_are_counted_per_deck(store):
    learner = learner_with_cards(store, count=9, topics=3)
    chosen = store.for_learner(learner, LIMITED).next_card("deck", EVENING, topics=["topic-2"])
    assert chosen.card.question_id == "q-002"
    study(store, learner, EVENING, LIMITED, Good)
    counts = {
        (c.deck, c.topic): (c.new, c.learning, c.review, c.total)
        for c in store.for_learner(learner, LIMITED).topic_counts(EVENING)
    }
    assert counts == {
        ("deck", "topic-0"): (2, 1, 0, 3),
        ("deck", "topic-1"): (3, 0, 0, 3),
        ("deck", "topic-2"): (3, 0, 0, 3),
    }


def test_syncing_keeps_progress_when_cards_leave_and_come_back(store):
    learner = learner_with_cards(store, count=3)
    store.for_learner(learner, LIMITED).review("q-000", Easy, EVENING)
    reviewed = store.for_learner(learner).card("q-000").schedule
    result = store.for_learner(learner).sync_cards(
        "deck", [CardSpec("q-001", "t", 0), CardSpec("q-new", "t", 1)]
    )
    assert (result.added, result.activated, result.deactivated) == (1, 0, 2)
    assert store.for_learner(learner).card("q-000").active is False
    assert (
        store.for_learner(learner, LIMITED).next_card("deck", EVENING).card.question_id == "q-001"
    )
    result = store.for_learner(learner).sync_cards("deck", deck_cards(3))
    assert (result.added, result.activated, result.deactivated) == (0, 2, 1)
    assert store.for_learner(learner).card("q-000").schedule == reviewed
    assert store.for_learner(learner).sync_cards("deck", deck_cards(3)).added == 0


def test_learners_do_not_share_progress(store):
    ann = learner_with_cards(store)
    boris = store.create_learner("Boris", EVENING, LIMITED).id
    store.for_learner(boris).sync_cards("deck", deck_cards(10))
    study(store, ann, EVENING, LIMITED, Easy)
    assert store.for_learner(boris).card("q-000").schedule == scheduling.NEW
    assert store.for_learner(boris, LIMITED).next_card("deck", EVENING).card.question_id == "q-000"
    assert store.for_learner(boris).last_review() is None


def test_the_review_log_is_append_only(store):
    learner = learner_with_cards(store)
    store.for_learner(learner, LIMITED).review("q-000", Good, EVENING)
    with store.engine.begin() as connection, pytest.raises(IntegrityError, match="append-only"):
        connection.execute(text("UPDATE reviews SET rating = 4"))
    with store.engine.begin() as connection, pytest.raises(IntegrityError, match="append-only"):
        connection.execute(text("DELETE FROM reviews"))
    assert len(store.for_learner(learner).history("q-000")) == 1


def test_card_state_can_be_rebuilt_from_the_review_log(store):
    settings = StudySettings(new_per_day=50, timezone="Europe/Moscow")
    learner = learner_with_cards(store, count=12, settings=settings)
    chance = random.Random(7)
    now = EVENING
    for _ in range(150):
        now += timedelta(minutes=chance.choice([1, 5, 30, 600, 1440, 4000]))
        if chance.random() < 0.1 and store.for_learner(learner).last_review():
            store.for_learner(learner, settings).undo(now)
            continue
        question_id = f"q-{chance.randrange(12):03d}"
        origin = chance.choice([Origin.STUDY, Origin.PRACTICE])
        store.for_learner(learner, settings).review(
            question_id, chance.choice([Again, Hard, Good, Easy]), now, origin=origin
        )
    cards = {
        f"q-{n:03d}": store.for_learner(learner).card(f"q-{n:03d}").schedule for n in range(12)
    }
    assert store.for_learner(learner).rebuild_cards() == 0
    with store.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE cards SET state = 0, step = NULL, stability = NULL, "
                "difficulty = NULL, due = NULL, last_review = NULL"
            )
        )
    assert store.for_learner(learner).rebuild_cards() == sum(
        1 for s in cards.values() if s.state != 0
    )
    for question_id, schedule in cards.items():
        assert store.for_learner(learner).card(question_id).schedule == schedule
        # The logged states are what fsrs gives when the kept ratings are replayed.
        history = store.for_learner(learner).history(question_id)
        undone = {row.undoes for row in history if row.undoes}
        kept = [
            (row.rating, row.reviewed_at) for row in history if row.rating and row.id not in undone
        ]
        assert scheduling.replay(kept, settings, question_id) == schedule


def test_a_learners_store_is_bound_to_their_saved_settings_until_told_otherwise(store):
    ann = store.create_learner("Ann", EVENING, LIMITED).id
    bound = store.for_learner(ann)
    assert bound.settings == LIMITED
    assert store.for_learner(ann, StudySettings()).settings == StudySettings()
    changed = LIMITED.with_changes(new_per_day=1)
    rebound = bound.save_settings(changed, EVENING)
    assert rebound.settings == changed and bound.settings == LIMITED
    assert store.for_learner(ann).settings == changed
    with pytest.raises(LearnerError, match="there is no learner number 99"):
        store.for_learner(99).save_settings(changed, EVENING)
