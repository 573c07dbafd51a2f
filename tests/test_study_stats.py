"""Stats: reviews per day, true retention, the due forecast and per-topic mastery."""

from datetime import UTC, date, datetime, timedelta

import fsrs
import pytest

from study import stats
from study.settings import StudySettings
from study.store import CardSpec, Origin, Store

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
    store.sync_cards(learner, "deck", [CardSpec(f"a-{n}", "alpha", n) for n in range(4)])
    store.sync_cards(
        learner,
        "deck",
        [CardSpec(f"a-{n}", "alpha", n) for n in range(4)]
        + [CardSpec(f"b-{n}", "beta", 10 + n) for n in range(2)],
    )
    return learner


def test_reviews_per_day_count_practice_and_leave_out_undone_reviews(store, learner):
    store.review(learner, "a-0", Easy, NOON, SETTINGS)
    store.review(learner, "a-1", Again, NOON, SETTINGS, origin=Origin.PRACTICE)
    store.review(learner, "a-2", Good, NOON, SETTINGS)
    store.undo(learner, NOON, SETTINGS)
    # 03:30 in Moscow on 11 March still counts for 10 March.
    store.review(learner, "a-3", Good, datetime(2025, 3, 11, 0, 30, tzinfo=UTC), SETTINGS)
    store.review(learner, "b-0", Good, NOON + timedelta(days=2), SETTINGS)
    days = stats.reviews_per_day(store, learner, date(2025, 3, 1), date(2025, 3, 31))
    assert days == [
        stats.DayCount(date(2025, 3, 10), reviews=3, again=1),
        stats.DayCount(date(2025, 3, 12), reviews=1, again=0),
    ]
    assert stats.reviews_per_day(store, learner, date(2025, 3, 11), date(2025, 3, 11)) == []


def test_true_retention_counts_only_reviews_of_review_cards(store, learner):
    for question_id in ("a-0", "a-1", "a-2"):
        store.review(learner, question_id, Easy, NOON, SETTINGS)
    later = NOON + timedelta(days=20)
    store.review(learner, "a-0", Good, later, SETTINGS)
    store.review(learner, "a-1", Again, later, SETTINGS)
    store.review(learner, "a-2", Again, later, SETTINGS)
    store.undo(learner, later, SETTINGS)
    store.review(learner, "a-1", Good, later + timedelta(minutes=10), SETTINGS)  # relearning
    retention = stats.true_retention(store, learner)
    assert (retention.recalled, retention.total) == (1, 2)
    assert retention.rate == 0.5
    assert stats.true_retention(store, learner, since=date(2025, 4, 1)).rate is None


def test_the_forecast_counts_overdue_cards_today_and_leaves_new_cards_out(store, learner):
    store.review(learner, "a-0", Good, NOON - timedelta(days=3), SETTINGS)  # learning, overdue
    store.review(learner, "a-1", Easy, NOON, SETTINGS)
    store.review(learner, "b-0", Easy, NOON, SETTINGS)
    due = {store.card(learner, q).schedule.due for q in ("a-1", "b-0")}
    forecast = stats.due_forecast(store, learner, NOON, SETTINGS, days=30)
    assert len(forecast) == 30 and forecast[0] == (date(2025, 3, 10), 1)
    expected = {(d + timedelta(hours=3)).date() for d in due}  # noon-ish Moscow: same day
    assert {day for day, count in forecast if count and day != date(2025, 3, 10)} == expected
    assert sum(count for _, count in forecast) == 3
    only_beta = stats.due_forecast(store, learner, NOON, SETTINGS, days=30, deck="other")
    assert sum(count for _, count in only_beta) == 0


def test_mastery_is_fsrs_recall_averaged_over_each_topics_cards(store, learner):
    store.review(learner, "a-0", Easy, NOON, SETTINGS)
    store.review(learner, "a-1", Easy, NOON, SETTINGS)
    mastery = {m.topic: m for m in stats.topic_mastery(store, learner, NOON, SETTINGS)}
    assert (mastery["alpha"].cards, mastery["alpha"].studied) == (4, 2)
    # Just reviewed: recall is 1 for each studied card, 0 for the two unseen.
    assert mastery["alpha"].recall == pytest.approx(0.5)
    assert (mastery["beta"].cards, mastery["beta"].studied, mastery["beta"].recall) == (2, 0, 0)
    month = {
        m.topic: m for m in stats.topic_mastery(store, learner, NOON + timedelta(days=30), SETTINGS)
    }
    assert 0 < month["alpha"].recall < 0.5
