"""The indexes and shortcuts a bank build takes must give what the slow walks they replace gave:
the bank stays the same, byte for byte, however large the deck."""

import random

import pytest
from conftest import REAL_DECK

from decks.loader import load_deck
from decks.model import Deck
from questions.context import Context


@pytest.fixture(scope="module")
def deck(sources_dir) -> Deck:
    return load_deck(REAL_DECK, sources_dir)


def test_passing_the_candidates_draws_what_walking_them_draws(deck):
    ctx = Context(deck, 0, deck.languages)
    checked = 0
    for index, entity in enumerate(deck.entities):
        walked, passed = random.Random(index), random.Random(index)
        candidates = list(ctx.similar(entity, walked))
        ctx.pass_similar(entity, passed)
        assert walked.random() == passed.random(), entity.id
        checked += bool(candidates)
    assert checked > 20


def test_the_fact_indexes_hold_what_a_scan_finds(deck):
    assert list(deck.facts_by_id.values()) == list(deck.facts)
    for topic in deck.topics:
        assert deck.facts_by_topic.get(topic.id, ()) == tuple(
            f for f in deck.facts if f.topic == topic.id
        )
    assert sum(map(len, deck.facts_by_topic.values())) == len(deck.facts)
