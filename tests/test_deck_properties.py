"""Mutations of a valid deck either load or produce located problems, never an exception."""

import shutil
import tempfile
from pathlib import Path

import yaml
from broken_decks import MINI_DECK, MINI_SOURCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.loader import check_deck

DECK_FILES = sorted(str(p.relative_to(MINI_DECK)) for p in MINI_DECK.rglob("*.yaml"))
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_mutated(relative: str, text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "mini"
        shutil.copytree(MINI_DECK, deck)
        target = deck / relative
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        result = check_deck(deck, MINI_SOURCES)
        lines = (target.read_bytes().count(b"\n") + 1) if target.exists() else 1
        for problem in result.problems:
            assert problem.file.startswith("mini/"), problem
            assert problem.line >= 1 and problem.column >= 1, problem
            assert problem.message and problem.hint, problem
            if problem.file == f"mini/{relative}":
                assert problem.line <= lines + 1, problem
        if not result.problems:
            assert result.deck is not None


@SETTINGS
@given(
    relative=st.sampled_from(DECK_FILES),
    position=st.floats(0, 1),
    junk=st.text(alphabet=st.sampled_from(list(":-[]{}&*!|>'\"#%@`, \n\tabcЯ1")), max_size=12),
    cut=st.integers(0, 40),
)
def test_text_mutations_never_raise(relative, position, junk, cut):
    text = (MINI_DECK / relative).read_text(encoding="utf-8")
    at = int(position * len(text))
    _check_mutated(relative, text[:at] + junk + text[at + cut :])


@SETTINGS
@given(relative=st.sampled_from(DECK_FILES), data=st.data())
def test_line_mutations_never_raise(relative, data):
    lines = (MINI_DECK / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    action = data.draw(st.sampled_from(["drop", "duplicate", "dedent", "indent", "swap"]))
    line = lines[index]
    if action == "drop":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, line)
    elif action == "dedent":
        lines[index] = line[2:] if line.startswith("  ") else line
    elif action == "indent":
        lines[index] = "  " + line
    else:
        other = data.draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], line
    _check_mutated(relative, "".join(lines))


_REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@SETTINGS
@given(relative=st.sampled_from(DECK_FILES), data=st.data())
def test_structural_mutations_never_raise(relative, data):
    tree = yaml.safe_load((MINI_DECK / relative).read_text(encoding="utf-8"))
    paths = [p for p in _paths(tree) if p]
    path = data.draw(st.sampled_from(paths))
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    if data.draw(st.booleans()) and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(_REPLACEMENTS)
    _check_mutated(relative, yaml.safe_dump(tree, allow_unicode=True, sort_keys=False))
