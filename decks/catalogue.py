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


CATALOGUE_PROBLEM_KEYS = ("catalogue.duplicate", "catalogue.load_failed")
"""The keys of the problems the catalogue itself finds; a page words these in its reader's
language. A deck's own problems are the curator's, in English, as `factdeck validate` gives
them."""


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


@dataclass(frozen=True)
class Duplicate:
    """A deck folder left out because a folder earlier in the search order has its id (a deck's
    id is its folder's name): one rule for the app and every command, the first one wins."""

    folder: Path
    """The folder left out."""
    kept: Path
    """The folder of the same id that is used."""

    @property
    def deck_id(self) -> str:
        return self.folder.name

    def problem(self) -> Problem:
        """The duplicate as a problem of the folder left out, naming both folders and the fix."""
        return Problem(
            str(self.folder / "deck.yaml"),
            1,
            1,
            f"deck id '{self.deck_id}' is already the id of the deck in {self.kept}, which comes"
            " first in the search order, so this deck is left out",
            "rename the id in this deck.yaml, and its folder to match",
            key="catalogue.duplicate",
            values=(("id", self.deck_id), ("kept", str(self.kept))),
        )


@dataclass(frozen=True)
class DeckFolders:
    """The deck folders found, in search order: one per id, and the later ones of an id taken."""

    decks: tuple[Path, ...]
    duplicates: tuple[Duplicate, ...]
    order: tuple[Path, ...]
    """Every folder found, the duplicates included, in search order."""


def find_deck_folders(root: Path | None = None) -> DeckFolders:
    """Every deck folder in `root`, else in deck_roots(): each root's decks in name order.

    A root that itself holds a deck.yaml is one deck, so FACTDECK_DECKS may name a deck folder
    as well as a folder of decks; a folder reached twice is listed once. Of two folders of the
    same name (the deck's id), the first in search order is the deck and the later one a
    `Duplicate`: the shipped decks thus always keep their ids.
    """
    decks: list[Path] = []
    duplicates: list[Duplicate] = []
    order: list[Path] = []
    seen: set[Path] = set()
    by_id: dict[str, Path] = {}
    for folder in [root] if root else deck_roots():
        if (folder / "deck.yaml").is_file():
            found = [folder]
        else:
            found = sorted(p.parent for p in folder.glob("*/deck.yaml"))
        for deck in found:
            if deck.resolve() in seen:
                continue
            seen.add(deck.resolve())
            order.append(deck)
            kept = by_id.setdefault(deck.name, deck)
            if kept == deck:
                decks.append(deck)
            else:
                duplicates.append(Duplicate(deck, kept))
    return DeckFolders(tuple(decks), tuple(duplicates), tuple(order))


def deck_dirs(root: Path | None = None) -> list[Path]:
    """The deck folders in use, one per id, in search order (see `find_deck_folders`)."""
    return list(find_deck_folders(root).decks)


def deck_named(name: str) -> Path | None:
    """The folder of the deck called `name` (its folder's name, which is its id) in
    deck_roots(): the first found, as everywhere (`find_deck_folders`), or None."""
    return next((deck for deck in deck_dirs() if deck.name == name), None)


def duplicates_of(folder: Path) -> list[Duplicate]:
    """The duplicates `folder` takes part in, as the deck kept or as one left out, so a command
    given a deck can say that another folder of the same id is not used (or that this one is
    not)."""
    where = folder.resolve()
    return [
        duplicate
        for duplicate in find_deck_folders().duplicates
        if where in (duplicate.folder.resolve(), duplicate.kept.resolve())
    ]


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
    """Load every deck found in `root`, else in deck_roots(), in search order.

    A broken deck comes back with its problems, never as an exception: the app loads every deck
    into one catalogue, so one hostile or buggy deck must not take the others down with it. A
    folder whose id an earlier folder has comes back unloaded, with the `Duplicate` as its
    problem, so each id names one deck in the catalogue as on the command line.
    """
    found = find_deck_folders(root)
    left_out = {duplicate.folder: duplicate for duplicate in found.duplicates}
    return [
        LoadResult(None, [left_out[folder].problem()], QuoteCheck(), directory=folder)
        if folder in left_out
        else _load_guarded(folder)
        for folder in found.order
    ]


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
            key="catalogue.load_failed",
            values=(("error", type(error).__name__),),
        )
        return LoadResult(None, [problem], QuoteCheck(), directory=directory)
