"""Practice rounds in the progress database: taken up where they were left, answers kept once,
and each learner's own."""

from datetime import UTC, datetime, timedelta

import pytest

from study.practice_rounds import RoundAnswer
from study.store import Store

NOW = datetime(2025, 3, 10, 17, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    yield store
    store.close()


def test_a_round_is_taken_up_at_its_first_unanswered_item(store):
    eve = store.for_learner(store.create_learner("Eve", NOW).id)
    started = eve.start_round("deck", ["q-1", "q-2", "q-3"], NOW)
    assert started.next_index == 0
    assert eve.record_answer(started.id, "q-1", RoundAnswer(True, 1, 0), NOW)
    assert eve.record_answer(started.id, "q-2", RoundAnswer(False, 0, 1), NOW)
    loaded = eve.practice_round(started.id)
    assert loaded is not None
    assert (loaded.deck, loaded.question_ids, loaded.started_at) == (
        "deck",
        ("q-1", "q-2", "q-3"),
        NOW,
    )
    assert loaded.answers == {
        "q-1": RoundAnswer(True, 1, 0),
        "q-2": RoundAnswer(False, 0, 1),
    }
    assert loaded.next_index == 2
    eve.record_answer(started.id, "q-3", RoundAnswer(True, 1, 0), NOW)
    assert eve.practice_round(started.id).next_index == 3


def test_an_item_answered_twice_keeps_the_first_answer(store):
    eve = store.for_learner(store.create_learner("Eve", NOW).id)
    started = eve.start_round("deck", ["q-1"], NOW)
    assert eve.record_answer(started.id, "q-1", RoundAnswer(False, 1, 0), NOW)
    later = NOW + timedelta(seconds=1)
    assert not eve.record_answer(started.id, "q-1", RoundAnswer(True, 1, 0), later)
    assert eve.practice_round(started.id).answers == {"q-1": RoundAnswer(False, 1, 0)}


def test_a_learner_cannot_open_or_answer_another_learners_round(store):
    eve = store.for_learner(store.create_learner("Eve", NOW).id)
    ann = store.for_learner(store.create_learner("Ann", NOW).id)
    started = eve.start_round("deck", ["q-1"], NOW)
    assert ann.practice_round(started.id) is None
    assert not ann.record_answer(started.id, "q-1", RoundAnswer(True, 1, 0), NOW)
    assert eve.practice_round(started.id).answers == {}
    assert eve.practice_round(started.id + 1) is None
