"""The deck answers questions about its topic tree: outline, paths, roots and subtopics."""

from dataclasses import replace

import pytest
from conftest import PROJECT_ROOT

from decks.loader import load_deck
from decks.model import Deck, Topic

MINI = PROJECT_ROOT / "tests" / "decks" / "mini"


@pytest.fixture(scope="module")
def mini() -> Deck:
    return load_deck(MINI)


def _topic(ident: str, parent: str | None = None) -> Topic:
    return Topic(ident, {"en": ident.title()}, parent)


@pytest.fixture(scope="module")
def deep(mini: Deck) -> Deck:
    """The mini deck with a deeper tree, listed out of order, and a cycle off the tree."""
    extra = (
        _topic("aftermath", "nikolaevsk"),
        _topic("trial", "aftermath"),
        _topic("loop-a", "loop-b"),
        _topic("loop-b", "loop-a"),
        _topic("talks", "dairen"),
    )
    return replace(mini, topics=mini.topics + extra)


def test_outline_of_the_mini_deck(mini):
    assert [(depth, t.id) for depth, t in mini.outline()] == [
        (0, "intervention"),
        (1, "nikolaevsk"),
        (0, "dairen"),
    ]


def test_outline_puts_each_subtopic_under_its_parent_in_story_order(deep):
    assert [(depth, t.id) for depth, t in deep.outline()] == [
        (0, "intervention"),
        (1, "nikolaevsk"),
        (2, "aftermath"),
        (3, "trial"),
        (0, "dairen"),
        (1, "talks"),
    ]


def test_topic_path_runs_from_the_top(mini, deep):
    assert [t.id for t in mini.topic_path("nikolaevsk")] == ["intervention", "nikolaevsk"]
    assert [t.id for t in mini.topic_path("dairen")] == ["dairen"]
    assert [t.title["ru"] for t in mini.topic_path("nikolaevsk")] == [
        "Интервенция",
        "Николаевский инцидент",
    ]
    assert [t.id for t in deep.topic_path("trial")] == [
        "intervention",
        "nikolaevsk",
        "aftermath",
        "trial",
    ]
    assert mini.topic_path("nowhere") == ()


def test_a_walk_up_a_cycle_ends(deep):
    assert [t.id for t in deep.topic_path("loop-a")] == ["loop-b", "loop-a"]
    assert deep.root_topic("loop-a") == "loop-b"


def test_root_topic(mini, deep):
    assert mini.root_topic("nikolaevsk") == "intervention"
    assert mini.root_topic("intervention") == "intervention"
    assert mini.root_topic("dairen") == "dairen"
    assert deep.root_topic("trial") == "intervention"
    assert mini.root_topic("nowhere") == "nowhere"


def test_subtopics(mini, deep):
    assert mini.subtopics(["intervention"]) == {"intervention", "nikolaevsk"}
    assert mini.subtopics(["nikolaevsk"]) == {"nikolaevsk"}
    assert mini.subtopics(["nikolaevsk", "dairen"]) == {"nikolaevsk", "dairen"}
    assert mini.subtopics([]) == set()
    assert deep.subtopics(["nikolaevsk"]) == {"nikolaevsk", "aftermath", "trial"}
    assert deep.subtopics(["loop-a"]) == {"loop-a", "loop-b"}


def test_an_unknown_subtopic_is_named(mini):
    with pytest.raises(KeyError) as raised:
        mini.subtopics(["dairen", "zz", "nowhere"])
    assert raised.value.args == ("nowhere",)
