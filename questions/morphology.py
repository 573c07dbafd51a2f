"""The one Russian morphological analyser (pymorphy3), loaded once on first use: its
dictionaries take a moment and some megabytes, so a bank without Russian never pays for them."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol


class Tag(Protocol):
    """What is used of a pymorphy3 tag: its case, and whether it has a grammeme (`"nomn"`)."""

    @property
    def case(self) -> str | None: ...

    def __contains__(self, grammeme: str) -> bool: ...


class Reading(Protocol):
    """One reading of a word: the form, its dictionary form and tag, and the word declined."""

    @property
    def word(self) -> str: ...

    @property
    def normal_form(self) -> str: ...

    @property
    def tag(self) -> Tag: ...

    def inflect(self, grammemes: set[str]) -> Reading | None: ...


class Analyzer(Protocol):
    """What is used of `pymorphy3.MorphAnalyzer`, which ships no type hints: the readings of a
    word, likeliest first."""

    def parse(self, word: str) -> list[Reading]: ...


@lru_cache(maxsize=1)
def morph() -> Analyzer:
    import pymorphy3

    return _Remembering(pymorphy3.MorphAnalyzer())


class _Remembering:
    """The analyser with its readings kept: a bank and its gate ask for the same few thousand
    words (names, units, the words of stems) many times over, and each reading is a walk of
    the dictionaries in Python. The lists it returns are shared, so they are only read."""

    def __init__(self, analyzer: Analyzer):
        self.parse: Callable[[str], list[Reading]] = lru_cache(maxsize=65536)(analyzer.parse)
