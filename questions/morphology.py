"""The one Russian morphological analyser (pymorphy3), loaded once on first use: its
dictionaries take a moment and some megabytes, so a bank without Russian never pays for them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
