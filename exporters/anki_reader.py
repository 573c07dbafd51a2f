"""Reading an Anki package (.apkg or .colpkg): its notes' GUIDs, its cards and its review log.

The `anki` package could read these, but it is AGPL, so Factdeck reads the zip itself: current
Anki writes `collection.anki21b`, a zstd-compressed SQLite file, and keeps a stub
`collection.anki2` beside it for old versions; older packages hold `collection.anki21` or
`collection.anki2`, plain SQLite. A `meta` entry names the package version; a version newer
than the ones described here is refused rather than guessed at.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import zstandard

from exporters.errors import AnkiImportError

COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""The collection entries, newest format first: a package holding several has the newest
one filled and the older ones as stubs telling old Anki versions to upgrade."""

LATEST_PACKAGE_VERSION = 3
"""The newest `meta` version this reader knows (Anki's PackageVersion.LATEST)."""

LATEST_SCHEMA = 18
"""The newest collection schema (`col.ver`) this reader knows."""

REVIEW_TYPES = (0, 1, 2, 3)
"""Revlog types that are answers: learning, review, relearning and a filtered deck's review.
Type 4 (set due date, forget) and 5 (rescheduled by the optimiser) are not answers."""


@dataclass(frozen=True)
class AnkiCard:
    note_guid: str
    ord: int
    """Which of the note's cards: 0 for the first template, 1 for the second, ..."""


@dataclass(frozen=True)
class AnkiAnswer:
    """One answer in the revlog."""

    card_id: int
    ease: int
    """The button: 1 Again, 2 Hard, 3 Good, 4 Easy (scheduler v2 and later)."""
    answered_at: datetime
    interval: timedelta
    """How long Anki scheduled the card for: whole days, or seconds while learning."""
    duration_ms: int


@dataclass(frozen=True)
class AnkiCollection:
    """What an import needs from a package: cards by id with their note's GUID, and answers."""

    cards: dict[int, AnkiCard]
    answers: tuple[AnkiAnswer, ...]


def read_package(package: BinaryIO) -> AnkiCollection:
    """The cards and review log of an .apkg or .colpkg; AnkiImportError when it is not one
    this reader can take (not a zip, truncated, a newer format)."""
    try:
        with zipfile.ZipFile(package) as archive:
            _check_version(archive)
            with _collection_file(archive) as database:
                return _read_collection(database)
    except (zipfile.BadZipFile, EOFError, zstandard.ZstdError, sqlite3.DatabaseError):
        raise AnkiImportError(
            "this file is not an Anki package, or it is damaged: export it again from Anki"
            " (File > Export, .apkg or .colpkg)",
            key="anki_not_a_package",
        ) from None


def _check_version(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "meta" in names and _meta_version(archive.read("meta")) > LATEST_PACKAGE_VERSION:
        raise _too_new()
    if not names & set(COLLECTIONS):
        raise AnkiImportError(
            "this zip holds no Anki collection: export the deck from Anki as .apkg or .colpkg",
            key="anki_not_a_package",
        )


def _meta_version(meta: bytes) -> int:
    """Field 1 of Anki's PackageMetadata protobuf, a varint (0 when absent)."""
    if not meta or meta[0] != 0x08:
        return 0
    version = shift = 0
    for byte in meta[1:]:
        version |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return version
        shift += 7
    raise zipfile.BadZipFile("unreadable package metadata")


def _too_new() -> AnkiImportError:
    return AnkiImportError(
        "this package was written by a newer Anki than Factdeck can read: in Anki, tick"
        " 'Support older Anki versions' when exporting",
        key="anki_too_new",
    )


@contextmanager
def _collection_file(archive: zipfile.ZipFile) -> Iterator[Path]:
    """The package's newest collection, unpacked to a temporary SQLite file."""
    name = next(name for name in COLLECTIONS if name in archive.namelist())
    with tempfile.TemporaryDirectory(prefix="factdeck-anki-import-") as workdir:
        database = Path(workdir) / "collection.sqlite"
        with archive.open(name) as packed, database.open("wb") as out:
            if name.endswith("21b"):
                zstandard.ZstdDecompressor().copy_stream(packed, out)
            else:
                shutil.copyfileobj(packed, out)
        yield database


def _read_collection(database: Path) -> AnkiCollection:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        (schema,) = connection.execute("SELECT ver FROM col").fetchone()
        if schema > LATEST_SCHEMA:
            raise _too_new()
        guids = dict(connection.execute("SELECT id, guid FROM notes"))
        cards = {
            card_id: AnkiCard(guids[note_id], ord_)
            for card_id, note_id, ord_ in connection.execute("SELECT id, nid, ord FROM cards")
            if note_id in guids
        }
        answers = tuple(
            AnkiAnswer(
                card_id=card_id,
                ease=ease,
                answered_at=datetime.fromtimestamp(answer_id / 1000, UTC),
                interval=timedelta(days=interval) if interval > 0 else timedelta(seconds=-interval),
                duration_ms=duration,
            )
            for answer_id, card_id, ease, interval, duration in connection.execute(
                "SELECT id, cid, ease, ivl, time FROM revlog"
                f" WHERE ease BETWEEN 1 AND 4 AND type IN {REVIEW_TYPES} ORDER BY id"
            )
        )
    return AnkiCollection(cards, answers)
