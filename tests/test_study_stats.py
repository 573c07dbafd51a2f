"""Stats: reviews per day, true retention, the due forecast and per-topic mastery."""

from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from study import stats
from study.records import CardSpec, Origin
from study.settings import StudySettings
from study.store import Store

Again, Good, Easy = fsrs.Rating.Again, fsrs.Rating.Good, fsrs.Rating.Easy
NOON = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
SETTINGS = StudySettings(timezone="Europe/Moscow", new_per_day=100)


@pytest.fixture
def store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'stats.sqlite3'}")
    yield store
    store.close()


@pytest.fixture
def learner(store):
    learner = store.create_learner("Ann", NOON, SETTINGS).id
    store.for_learner(learner).sync_cards(
        "deck", [CardSpec(f"a-{n}", "alpha", n) for n in range(4)]
    )
    store.for_learner(learner).sync_cards(
        "deck",
        [CardSpec(f"a-{n}", "alpha", n) for n in range(4)]
        + [CardSpec(f"b-{n}", "beta", 10 + n) for n in range(2)],
    )
    return learner


def test_reviews_per_day_count_practice_and_leave_out_undone_reviews(store, learner):
    store.for_learner(learner, SETTINGS).review("a-0", Easy, NOON)
    store.for_learner(learner, SETTINGS).review("a-1", Again, NOON, origin=Origin.PRACTICE)
    store.for_learner(learner, SETTINGS).review("a-2", Good, NOON)
    store.for_learner(learner, SETTINGS).undo(NOON)
    # 03:30 in Moscow on 11 March still counts for 10 March.
    store.for_learner(learner, SETTINGS).review(
        "a-3", Good, datetime(2025, 3, 11, 0, 30, tzinfo=UTC)
    )
    store.for_learner(learner, SETTINGS).review("b-0", Good, NOON + timedelta(days=2))
    days = stats.reviews_per_day(store.for_learner(learner), date(2025, 3, 1), date(2025, 3, 31))
    assert days == [
        stats.DayCount(date(2025, 3, 10), reviews=3, again=1),
        stats.DayCount(date(2025, 3, 12), reviews=1, again=0),
    ]
    assert (
        stats.reviews_per_day(store.for_learner(learner), date(2025, 3, 11), date(2025, 3, 11))
        == []
    )


def test_true_retention_counts_only_reviews_of_review_cards(store, learner):
    for question_id in ("a-0", "a-1", "a-2"):
        store.for_learner(learner, SETTINGS).review(question_id, Easy, NOON)
    later = NOON + timedelta(days=20)
    store.for_learner(learner, SETTINGS).review("a-0", Good, later)
    store.for_learner(learner, SETTINGS).review("a-1", Again, later)
    store.for_learner(learner, SETTINGS).review("a-2", Again, later)
    store.for_learner(learner, SETTINGS).undo(later)
    store.for_learner(learner, SETTINGS).review(
        "a-1", Good, later + timedelta(minutes=10)
    )  # relearning
    retention = stats.true_retention(store.for_learner(learner))
    assert (retention.recalled, retention.total) == (1, 2)
    assert retention.rate == 0.5
    assert stats.true_retention(store.for_learner(learner), since=date(2025, 4, 1)).rate is None


def test_the_forecast_counts_overdue_cards_today_and_leaves_new_cards_out(store, learner):
    store.for_learner(learner, SETTINGS).review(
        "a-0", Good, NOON - timedelta(days=3)
    )  # learning, overdue
    store.for_learner(learner, SETTINGS).review("a-1", Easy, NOON)
    store.for_learner(learner, SETTINGS).review("b-0", Easy, NOON)
    due = {store.for_learner(learner).card(q).schedule.due for q in ("a-1", "b-0")}
    forecast = stats.due_forecast(store.for_learner(learner, SETTINGS), NOON, days=30)
    assert len(forecast) == 30 and forecast[0] == (date(2025, 3, 10), 1)
    expected = {(d + timedelta(hours=3)).date() for d in due}  # noon-ish Moscow: same day
    assert {day for day, count in forecast if count and day != date(2025, 3, 10)} == expected
    assert sum(count for _, count in forecast) == 3
    only_beta = stats.due_forecast(
        store.for_learner(learner, SETTINGS), NOON, days=30, deck="other"
    )
    assert sum(count for _, count in only_beta) == 0


def test_mastery_is_fsrs_recall_averaged_over_each_topics_cards(store, learner):
    store.for_learner(learner, SETTINGS).review("a-0", Easy, NOON)
    store.for_learner(learner, SETTINGS).review("a-1", Easy, NOON)
    mastery = {m.topic: m for m in stats.topic_mastery(store.for_learner(learner, SETTINGS), NOON)}
    assert (mastery["alpha"].cards, mastery["alpha"].studied) == (4, 2)
    # Just reviewed: recall is 1 for each studied card, 0 for the two unseen.
    assert mastery["alpha"].recall == pytest.approx(0.5)
    assert (mastery["beta"].cards, mastery["beta"].studied, mastery["beta"].recall) == (2, 0, 0)
    month = {
        m.topic: m
        for m in stats.topic_mastery(
            store.for_learner(learner, SETTINGS), NOON + timedelta(days=30)
        )
    }
    assert 0 < month["alpha"].recall < 0.5
