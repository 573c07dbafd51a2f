"""Shared fixtures: where the real deck and the source texts are."""

from pathlib import Path

import pytest

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
