"""Shared fixtures: where the real deck and the source texts are."""

import os
from pathlib import Path

import pytest

from questions.cache import CACHE_VARIABLE, NO_CACHE_VARIABLE

# Every test builds its banks afresh, as one that changes a generator expects, and none writes
# to the user's cache folder; tests/test_bank_cache.py turns the cache on where it tests it.
os.environ[NO_CACHE_VARIABLE] = "1"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REAL_DECK = PROJECT_ROOT / "decks" / "far-east-1920-1925"
SOURCES_DIR = PROJECT_ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    if not SOURCES_DIR.is_dir():
        pytest.fail(
            f"the source texts are missing: expected them in {SOURCES_DIR.name} beside the project"
        )
    return SOURCES_DIR


@pytest.fixture(scope="session", autouse=True)
def _bank_cache_of_the_tests(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A cache folder of the test run's own, for any test that turns the cache on."""
    os.environ[CACHE_VARIABLE] = str(tmp_path_factory.mktemp("bank-cache"))
