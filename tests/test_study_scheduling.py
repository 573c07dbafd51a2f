"""The fsrs wiring: golden intervals at fixed UTC times, fuzz seeded per card, replay."""

from datetime import UTC, datetime, timedelta

import fsrs
import fsrs.scheduler

from study import scheduling
from study.scheduling import NEW, CardState
from study.settings import StudySettings

SETTINGS = StudySettings()
NOON = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
Again, Hard, Good, Easy = fsrs.Rating.Again, fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Easy


def test_a_new_card_shows_the_learning_steps_and_a_fuzzed_easy_interval():
    shown = scheduling.previews(NEW, NOON, SETTINGS, "q-golden")
    assert shown == {
        Again: timedelta(minutes=1),
        Hard: timedelta(minutes=5, seconds=30),
        Good: timedelta(minutes=10),
        Easy: timedelta(days=6),
    }


def test_good_twice_graduates_with_fsrs_6_default_parameters():
    first = scheduling.review(NEW, Good, NOON, SETTINGS, "q-golden")
    assert first.state is CardState.LEARNING and first.step == 1
    assert first.stability == 2.3065
    assert first.due == datetime(2025, 1, 6, 12, 10, tzinfo=UTC)
    second = scheduling.review(first, Good, first.due, SETTINGS, "q-golden")
    assert second.state is CardState.REVIEW and second.step is None
    assert second.due == datetime(2025, 1, 8, 12, 10, tzinfo=UTC)
    assert round(second.difficulty, 6) == 2.111214


def test_each_button_shows_the_interval_the_card_then_gets():
    card = scheduling.replay([(Good, NOON), (Good, NOON + timedelta(minutes=10))], SETTINGS, "q-1")
    later = card.due + timedelta(hours=3)
    shown = scheduling.previews(card, later, SETTINGS, "q-1")
    for rating, interval in shown.items():
        assert scheduling.review(card, rating, later, SETTINGS, "q-1").due - later == interval
    assert shown[Hard] < shown[Good] < shown[Easy]


def test_fuzz_differs_between_cards_and_leaves_the_global_random_alone():
    card = scheduling.replay([(Good, NOON), (Good, NOON + timedelta(minutes=10))], SETTINGS, "q")
    saved = fsrs.scheduler.random
    intervals = {
        scheduling.review(card, Good, card.due, SETTINGS, f"q-{n}").due - card.due
        for n in range(40)
    }
    assert fsrs.scheduler.random is saved
    assert len(intervals) > 3
    assert min(intervals) >= timedelta(days=9) and max(intervals) <= timedelta(days=14)


def test_replay_is_the_same_as_reviewing_one_by_one():
    ratings = [
        (Good, NOON),
        (Again, NOON + timedelta(minutes=10)),
        (Good, NOON + timedelta(days=1)),
        (Easy, NOON + timedelta(days=2)),
    ]
    step_by_step = NEW
    for rating, when in ratings:
        step_by_step = scheduling.review(step_by_step, rating, when, SETTINGS, "q-r")
    assert scheduling.replay(ratings, SETTINGS, "q-r") == step_by_step


def test_settings_reach_fsrs():
    strict = StudySettings(desired_retention=0.97, learning_steps=(timedelta(minutes=3),))
    card = scheduling.replay([(Good, NOON)], strict, "q-s")
    assert card.state is CardState.REVIEW
    relaxed = scheduling.replay(
        [(Good, NOON)],
        StudySettings(desired_retention=0.8, learning_steps=(timedelta(minutes=3),)),
        "q-s",
    )
    assert relaxed.due > card.due
    assert scheduling.previews(NEW, NOON, strict, "q-s")[Again] == timedelta(minutes=3)
