"""Finding decks and summarising them, for the catalogue page and `factdeck validate`."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from decks.loader import LoadResult, QuoteCheck, check_deck
from decks.model import Deck, Localized
from decks.problems import Problem

DECKS_DIR = Path(__file__).resolve().parent
"""Decks ship inside the `decks` package, one folder each holding a deck.yaml; installed, they are
the package's data, so the catalogue finds them without a checkout."""

DECKS_VARIABLE = "FACTDECK_DECKS"
"""Folders of the reader's own decks, separated by os.pathsep as in PATH: each folder is a deck
(it holds a deck.yaml) or holds decks, one per subfolder."""


@dataclass(frozen=True)
class DeckSummary:
    id: str
    title: Localized
    description: Localized
    languages: tuple[str, ...]
    facts: int
    entities: int
    sources: int
    topics: int
    contested: int
    language_coverage: dict[str, tuple[int, int]]
    """Per language: (facts with a statement, entities with a name) in that language."""


def deck_summary(deck: Deck) -> DeckSummary:
    return DeckSummary(
        id=deck.id,
        title=deck.title,
        description=deck.description,
        languages=deck.languages,
        facts=len(deck.facts),
        entities=len(deck.entities),
        sources=len(deck.sources),
        topics=len(deck.topics),
        contested=sum(1 for f in deck.facts if f.contested),
        language_coverage={
            lang: (
                sum(1 for f in deck.facts if f.statement.get(lang)),
                sum(1 for e in deck.entities if e.name.get(lang)),
            )
            for lang in deck.languages
        },
    )


def deck_roots() -> list[Path]:
    """Where decks are looked for: the shipped decks, then each folder in $FACTDECK_DECKS.

    Read on each call, so a server started with the variable set sees the folders it names.
    """
    named = os.environ.get(DECKS_VARIABLE, "").split(os.pathsep)
    return [DECKS_DIR, *(Path(folder).expanduser() for folder in named if folder.strip())]


def deck_dirs(root: Path | None = None) -> list[Path]:
    """Every deck folder in `root`, else in deck_roots(): each root's decks in name order.

    A root that itself holds a deck.yaml is one deck, so FACTDECK_DECKS may name a deck folder
    as well as a folder of decks; a folder reached twice is listed once.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for folder in [root] if root else deck_roots():
        if (folder / "deck.yaml").is_file():
            decks = [folder]
        else:
            decks = sorted(p.parent for p in folder.glob("*/deck.yaml"))
        for deck in decks:
            if deck.resolve() not in seen:
                seen.add(deck.resolve())
                found.append(deck)
    return found


def deck_named(name: str) -> Path | None:
    """The folder of the deck called `name` (its folder's name, which is its id) in
    deck_roots(), the first found, or None."""
    return next((deck for deck in deck_dirs() if deck.name == name), None)


def find_deck(given: str | Path) -> Path:
    """The deck folder a command line names: a path as given, else a deck by name.

    Installed, the shipped deck lives in site-packages, which nobody should have to type:
    `factdeck validate far-east-1920-1925` finds it, and any deck in $FACTDECK_DECKS, by the
    name of its folder. A path that exists, or that has more than one part, is kept as it is,
    so the loader reports a missing folder by the name the reader gave.
    """
    path = Path(given)
    if path.exists() or len(path.parts) != 1:
        return path
    return deck_named(path.name) or path


def load_catalogue(root: Path | None = None) -> list[LoadResult]:
    """Load every deck found in `root`, else in deck_roots().

    A broken deck comes back with its problems, never as an exception: the app loads every deck
    into one catalogue, so one hostile or buggy deck must not take the others down with it.
    """
    return [_load_guarded(directory) for directory in deck_dirs(root)]


def _load_guarded(directory: Path) -> LoadResult:
    try:
        return check_deck(directory)
    except Exception as error:  # whatever one deck does, the others still load
        logging.getLogger(__name__).exception("the deck in %s could not be loaded", directory)
        problem = Problem(
            directory.name,
            1,
            1,
            f"the deck could not be loaded ({type(error).__name__})",
            "run `factdeck validate` on it to see where",
        )
        return LoadResult(None, [problem], QuoteCheck(), directory=directory)
