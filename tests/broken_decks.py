"""Assemble a broken deck: the valid mini deck with one case's files laid over it."""

import shutil
from pathlib import Path

TESTS = Path(__file__).resolve().parent
MINI_DECK = TESTS / "decks" / "mini"
MINI_SOURCES = TESTS / "decks" / "sources"
CASES = TESTS / "broken_decks"
CASE_META = {"expected.txt", "REMOVE"}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def assemble(case: str, workdir: Path) -> Path:
    """Copy the mini deck to workdir/mini, overlay the case's files and drop those it removes."""
    deck = workdir / "mini"
    shutil.copytree(MINI_DECK, deck)
    case_dir = CASES / case
    for path in case_dir.rglob("*"):
        relative = path.relative_to(case_dir)
        if path.is_file() and str(relative) not in CASE_META:
            target = deck / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    removed = case_dir / "REMOVE"
    if removed.is_file():
        for line in removed.read_text().split():
            (deck / line).unlink()
    return deck
