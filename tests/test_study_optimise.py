"""Personal FSRS parameters: fitted to a learner's log, adopted only when they predict better."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

import fsrs
import pytest
import streamlit as st
from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest

import cli
from study.errors import NotEnoughReviews
from study.optimising import MIN_REVIEWS
from study.records import CardSpec
from study.scheduling import DEFAULT_PARAMETERS
from study.settings import StudySettings
from study.store import Store

START = datetime(2025, 1, 6, 9, tzinfo=UTC)
SETTINGS = StudySettings(new_per_day=100, reviews_per_day=9999)
TRUE_MEMORY = (0.05, 0.15, 0.4, 1.5, *DEFAULT_PARAMETERS[4:])
"""A learner who forgets new cards far sooner than FSRS's defaults expect."""


@pytest.fixture
def store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    yield store
    store.close()


def simulated_learner(store: Store, cards: int, days: int, name: str = "Ann") -> int:
    """A learner who studies every due card each morning; whether they recall one is drawn
    from FSRS with `TRUE_MEMORY`, so their log carries a memory unlike the defaults'."""
    learner = store.create_learner(name, START, SETTINGS).id
    progress = store.for_learner(learner)
    ids = [f"q-{n:03d}" for n in range(cards)]
    progress.sync_cards("deck", [CardSpec(card_id, "t", n) for n, card_id in enumerate(ids)])
    truth = fsrs.Scheduler(parameters=TRUE_MEMORY, enable_fuzzing=False)
    memory = {question_id: fsrs.Card() for question_id in ids}
    chance = random.Random(3)
    due = dict.fromkeys(ids, START)
    for day in range(days):
        now = START + timedelta(days=day)
        for question_id in ids:
            while due[question_id] <= now + timedelta(hours=12):
                now = max(now, due[question_id]) + timedelta(seconds=30)
                recall = truth.get_card_retrievability(memory[question_id], now)
                if memory[question_id].last_review is None or chance.random() < recall:
                    rating = chance.choice([fsrs.Rating.Good] * 8 + [fsrs.Rating.Hard])
                else:
                    rating = fsrs.Rating.Again
                memory[question_id], _ = truth.review_card(memory[question_id], rating, now)
                due[question_id] = progress.review(question_id, rating, now).after.due
    return learner


def test_parameters_fitted_to_enough_reviews_are_adopted_only_when_they_predict_better(store):
    learner = simulated_learner(store, cards=60, days=45)
    progress = store.for_learner(learner)
    assert progress.review_count() >= MIN_REVIEWS

    result, adopted = progress.optimise(START + timedelta(days=61))
    assert result.reviews == progress.review_count()
    assert result.adopted, (result.current_loss, result.fitted_loss)
    assert result.fitted_loss < result.current_loss
    assert store.for_learner(learner).settings.parameters == result.parameters
    assert adopted.settings.parameters == result.parameters
    assert result.parameters != DEFAULT_PARAMETERS

    # Fitted again from the adopted ones, the new fit must beat them to replace them.
    again, kept = adopted.optimise(START + timedelta(days=62))
    if not again.adopted:
        assert again.fitted_loss >= again.current_loss
        assert kept.settings.parameters == result.parameters
    else:
        assert again.fitted_loss < again.current_loss


def test_the_adopted_parameters_schedule_the_learners_cards(store):
    settings = SETTINGS.with_changes(parameters=TRUE_MEMORY)
    learner = store.create_learner("Ann", START, settings).id
    store.for_learner(learner).sync_cards("deck", [CardSpec("q", "t", 0)])
    default = store.create_learner("Boris", START, SETTINGS).id
    store.for_learner(default).sync_cards("deck", [CardSpec("q", "t", 0)])
    mine = store.for_learner(learner).review("q", fsrs.Rating.Easy, START)
    theirs = store.for_learner(default).review("q", fsrs.Rating.Easy, START)
    assert mine.after.stability == pytest.approx(TRUE_MEMORY[3])
    assert theirs.after.stability == pytest.approx(DEFAULT_PARAMETERS[3])
    assert StudySettings.from_dict(settings.to_dict()) == settings


def test_too_few_reviews_are_refused_with_how_many_are_needed(store):
    learner = simulated_learner(store, cards=5, days=10)
    progress = store.for_learner(learner)
    with pytest.raises(NotEnoughReviews) as refused:
        progress.optimise(START + timedelta(days=11))
    assert refused.value.key == "optimise_too_few"
    assert refused.value.values == {"count": progress.review_count(), "needed": MIN_REVIEWS}
    assert store.for_learner(learner).settings.parameters is None


def test_the_command_line_optimises_the_named_learner(store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    few = simulated_learner(store, cards=5, days=10, name="Boris")
    assert cli.main(["optimise", "--learner", "Boris"]) == 1
    assert f"at least {MIN_REVIEWS}" in capsys.readouterr().err
    assert store.for_learner(few).settings.parameters is None

    enough = simulated_learner(store, cards=60, days=45)
    assert cli.main(["optimise", "--learner", "Ann"]) == 0
    said = capsys.readouterr().out
    current, fitted = (float(line.split()[-1]) for line in said.splitlines()[1:3])
    assert fitted < current and "adopted" in said
    assert store.for_learner(enough).settings.parameters is not None


def settings_page(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'progress.sqlite3'}")
    st.cache_resource.clear()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    return at.switch_page("app_pages/settings.py").run()


def test_settings_offer_to_optimise_once_there_are_enough_reviews(store, tmp_path, monkeypatch):
    learner = simulated_learner(store, cards=5, days=10)
    count = store.for_learner(learner).review_count()
    at = settings_page(tmp_path, monkeypatch)
    assert not at.exception
    assert [i.value for i in at.info] == [f"You have {count} reviews; optimising needs 400."]
    assert not [b for b in at.button if b.key == "optimise"]
    st.cache_resource.clear()


def test_settings_optimise_and_show_both_figures(store, tmp_path, monkeypatch):
    learner = simulated_learner(store, cards=60, days=45)
    at = settings_page(tmp_path, monkeypatch)
    assert at.caption[0].value.startswith("Your cards are scheduled with FSRS's standard")
    at.button(key="optimise").click().run()
    assert not at.exception
    [said] = [s.value for s in at.success]
    current, fitted = (float(figure) for figure in re.findall(r"\d\.\d{4}", said))
    assert fitted < current
    assert said.startswith("Adopted: on your latest reviews")
    assert store.for_learner(learner).settings.parameters is not None
    st.cache_resource.clear()
