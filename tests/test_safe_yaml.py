"""Deck YAML is read in one pass over the parser's events; these pin what that pass must give
exactly as composing a node graph and converting it did: the values with their marks, and
which refusal wins when a file has several faults."""

import pytest

from decks.safe_yaml import Mark, YamlRefused, parse_yaml_text

SYNTAX = "YAML syntax error: {} — check indentation, colons and quotes around this spot"
ALIAS = "YAML anchors and aliases (&name / *name) are not allowed — write the value out in full"
MERGE = "YAML merge keys (<<) are not allowed — write the keys out in full"
TAG = (
    "YAML tag 'tag:yaml.org,2002:merge' is not allowed in deck files — remove the tag;"
    " decks hold plain text, numbers, lists and mappings"
)

REFUSED = {
    "a second document": ("--- 1\n--- 2\n", "2:1: " + SYNTAX.format("but found another document")),
    "an anchor given twice": ("a: &x 1\nb: &x 2\n", "2:4: " + SYNTAX.format("second occurrence")),
    "a repeated key, then a syntax error": (
        "a: 1\na: 2\nb: [1\n",
        "4:1: " + SYNTAX.format("did not find expected ',' or ']'"),
    ),
    "a repeated key, then a second document": (
        "a: 1\na: 2\n--- 3\n",
        "3:1: " + SYNTAX.format("but found another document"),
    ),
    "a repeated key, then an alias": ("a: &x 1\na: 2\nb: *x\n", "3:4: " + ALIAS),
    "a repeated key, then a tag": (
        "a: 1\na: 2\nb: !!binary aGk=\n",
        "2:1: duplicate key 'a' in the same mapping — keep one of them",
    ),
    "a merge key": ("a: 1\n<<: {b: 2}\n", "2:1: " + MERGE),
    "'<<' as a value": ("a: <<\n", "1:4: " + TAG),
    "a key that is a list": (
        "a: 1\n? [1]\n: 2\n",
        "2:3: mapping key [1] is not text — use a plain word as the key",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_the_first_fault_that_composing_would_have_met_is_the_one_reported(case):
    text, expected = REFUSED[case]
    with pytest.raises(YamlRefused) as refused:
        parse_yaml_text(text, "f.yaml")
    assert str(refused.value.problem) == f"f.yaml:{expected}"


def test_values_keep_the_marks_of_their_keys_items_and_values():
    value = parse_yaml_text("a:\n  - b: 1\n    c: [x, {d: e}]\n  - ~\n", "f.yaml")
    assert value == {"a": [{"b": 1, "c": ["x", {"d": "e"}]}, None]}
    assert value.mark == Mark(1, 1)
    assert value.key_marks == {"a": Mark(1, 1)}
    assert value.value_marks == {"a": Mark(2, 3)}
    assert value["a"].item_marks == [Mark(2, 5), Mark(4, 5)]
    assert value["a"][0].value_marks == {"b": Mark(2, 8), "c": Mark(3, 8)}
    assert value["a"][0]["c"].item_marks == [Mark(3, 9), Mark(3, 12)]


def test_plain_scalars_resolve_as_yaml_1_1_says_and_timestamps_stay_text():
    text = (
        "- 12\n- 0x1F\n- 1_000\n- 1.5e+3\n- yes\n- Off\n- ~\n- 2021-01-01\n- '12'\n- 010\n- .inf\n"
    )
    assert parse_yaml_text(text, "f.yaml") == [
        12, 31, 1000, 1500.0, True, False, None, "2021-01-01", "12", 8, float("inf")
    ]  # fmt: skip
