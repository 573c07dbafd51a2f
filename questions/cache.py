"""A compiled bank cache: a deck's bank and its gate verdict, stored once per deck content.

Loading, validating and building a deck costs several times the bare YAML parse, and the app
and every command paid it on each start. `compiled_bank` stores the result in the user's cache
directory and reads it back instead, as long as nothing it was made from has changed;
`cached_deck` does the same for the validated deck alone, which the app lists on every page.

An entry is keyed by everything the result depends on: every file of the deck folder (names and
bytes, so a teacher's `reviews.yaml` counts too), the folder as given and the sources folder
(the loader names them), the Factdeck version with this module's format number and the code of
the packages that load and build, the seed and the languages. The source texts the deck quotes
only decide whether the deck is valid, and which ones it quotes is only known once it is loaded,
so the entry records a stamp of each and is refused when one differs.

An entry is a short text header (format, version, key, digest of the rest) and a pickle of the
frozen dataclasses, which loads faster than rebuilding them from plain tuples (bench/README.md,
"Bank cache"). The pickle is unpickled only when its digest matches, and only from a folder the
user owns and others cannot write. A missing, corrupt, truncated or foreign entry is rebuilt
with one log line; a cache that cannot be read or written is passed by, never an error.
Entries are written to a temporary file beside the entry and moved into place, so two processes
building at once each leave a whole entry and neither reads the other's half.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO

import platformdirs

from decks.collector import collector_paused
from decks.loader import load_deck
from decks.model import Deck
from decks.safe_yaml import MAX_FILE_BYTES
from decks.source_texts import MAX_SOURCE_BYTES, find_sources_dir
from questions.bank import QuestionBank, build_bank
from questions.gate import Violation, check

CACHE_FORMAT = 1
"""Raised whenever the layout of an entry changes, so older entries are not read."""

CACHE_VARIABLE = "FACTDECK_CACHE_DIR"
"""A folder to keep entries in instead of the user's cache directory."""

NO_CACHE_VARIABLE = "FACTDECK_NO_CACHE"
"""Set to 1 to build every bank afresh (the app's counterpart of `--no-cache`)."""

_MAGIC = b"factdeck-bank"
_SUFFIX = ".bank"
_MAX_HEADER = 512
_DIGEST_HEX = 2 * hashlib.blake2b().digest_size
_CODE_PACKAGES = ("decks", "questions")
"""The packages whose code decides a deck and its bank: a change to them is a new version."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CompiledBank:
    """A valid deck's bank and the quality gate's verdict on it (empty when it passes)."""

    bank: QuestionBank
    violations: tuple[Violation, ...]

    @property
    def deck(self) -> Deck:
        return self.bank.deck


def cache_disabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "").strip() not in ("", "0")


def cache_dir() -> Path:
    """$FACTDECK_CACHE_DIR, else the user's cache directory for Factdeck."""
    return Path(os.environ.get(CACHE_VARIABLE) or platformdirs.user_cache_dir("factdeck")) / "banks"


def compiled_bank(
    directory: str | Path,
    sources_dir: str | Path | None = None,
    seed: int = 0,
    langs: Iterable[str] | None = None,
    use_cache: bool = True,
) -> CompiledBank:
    """The deck at `directory` loaded, built and gated, from the cache when it is current.

    Raises what `load_deck` and `build_bank` raise; the cache itself never raises.
    `use_cache=False` (or $FACTDECK_NO_CACHE=1) builds without reading or writing it.
    """
    wanted = (
        None
        if langs is None
        else tuple(dict.fromkeys([langs] if isinstance(langs, str) else langs))
    )
    sources = find_sources_dir(sources_dir)
    if not use_cache or cache_disabled():
        return _compile(directory, sources, seed, wanted)
    entry = _Entry.of(Path(directory), sources, ("bank", str(seed), repr(wanted)))
    stored = entry.read(4) if entry is not None else None
    if stored is not None:
        deck, questions, seed, violations = stored
        return CompiledBank(QuestionBank(deck, questions, seed), violations)
    compiled = _compile(directory, sources, seed, wanted)
    if entry is not None:
        bank = compiled.bank
        entry.write((bank.deck, bank.questions, bank.seed, compiled.violations))
    return compiled


def cached_deck(
    directory: str | Path, sources_dir: str | Path | None = None, use_cache: bool = True
) -> Deck:
    """`load_deck` through the cache: a valid deck is stored as its bank is, so a page that
    only lists decks reads them instead of validating every deck again on each start."""
    sources = find_sources_dir(sources_dir)
    if not use_cache or cache_disabled():
        return load_deck(directory, sources)
    entry = _Entry.of(Path(directory), sources, ("deck",))
    stored = entry.read(1) if entry is not None else None
    if stored is not None:
        deck: Deck = stored[0]
        return deck
    deck = load_deck(directory, sources)
    if entry is not None:
        entry.write((deck,))
    return deck


def _compile(
    directory: str | Path, sources: Path | None, seed: int, langs: tuple[str, ...] | None
) -> CompiledBank:
    bank = build_bank(load_deck(directory, sources), seed=seed, langs=langs)
    return CompiledBank(bank, tuple(check(bank)))


@dataclass(frozen=True)
class _Entry:
    """Where one result for one deck is cached (its bank of a seed and languages, or the deck
    alone), and the key the entry must carry. An entry holds a tuple of objects, the deck first."""

    path: Path
    slot: str
    """The file name's prefix shared by every entry of this deck and `what`."""
    key: str
    sources: Path | None

    @classmethod
    def of(cls, directory: Path, sources: Path | None, what: tuple[str, ...]) -> _Entry | None:
        """The entry for these inputs, or None when the cache folder is not safe to use."""
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _private(folder):
                log.warning("bank cache not used: %s is writable by other users", folder)
                return None
            content = _folder_digest(directory)
        except OSError as error:
            log.warning("bank cache not used: %s", error.strerror or error)
            return None
        where = "\0".join([str(directory), str(sources.resolve() if sources else ""), *what])
        slot = hashlib.blake2b(where.encode(errors="surrogateescape"), digest_size=10).hexdigest()
        key = hashlib.blake2b(
            "\0".join([slot, version_label(), content]).encode(), digest_size=20
        ).hexdigest()
        return cls(folder / f"{slot}-{key}{_SUFFIX}", slot, key, sources)

    def read(self, size: int) -> tuple[Any, ...] | None:
        """The `size` stored objects, or None (with a log line saying why) when they cannot be
        trusted. The entry is read from the file twice, to check its digest and then to
        unpickle, instead of being held whole in memory beside the bank it makes."""
        try:
            entry = self.path.open("rb")
        except FileNotFoundError:
            log.info("no bank cache entry yet; building")
            return None
        except OSError as error:
            log.warning("bank cache entry unreadable (%s); rebuilding", error.strerror or error)
            return None
        with entry:
            try:
                why = self._verify(entry)
            except OSError as error:
                log.warning("bank cache entry unreadable (%s); rebuilding", error.strerror or error)
                return None
            if why:
                log.warning("bank cache entry %s; rebuilding", why)
                return None
            try:
                objects, stamps = _unpickle(entry)
                if not isinstance(objects, tuple) or len(objects) != size:
                    raise TypeError(f"{type(objects).__name__} where {size} objects were stored")
                changed = stamps != _source_stamps(objects[0], self.sources)
            except Exception as error:  # any damage the digest did not catch is a rebuild
                log.warning("bank cache entry unreadable (%s); rebuilding", type(error).__name__)
                return None
        if changed:
            log.info("a source text the deck quotes changed; rebuilding")
            return None
        return tuple(objects)

    def _verify(self, entry: BinaryIO) -> str:
        """Why the open entry cannot be trusted, or "" with the file at the start of its pickle:
        its header must match this entry and its digest the bytes after it."""
        head, found, _ = entry.read(_MAX_HEADER).partition(b"\n\n")
        fields = head.split(b" ")
        if not found or len(fields) != 5 or fields[0] != _MAGIC:
            return "is not a whole bank cache file"
        if fields[1:3] != [str(CACHE_FORMAT).encode(), version_label().encode()]:
            return "is from another version of Factdeck"
        if fields[3] != self.key.encode():
            return "is for other deck content"
        entry.seek(len(head) + 2)
        digest = hashlib.blake2b()
        while chunk := entry.read(1 << 20):
            digest.update(chunk)
        if digest.hexdigest().encode() != fields[4]:
            return "is corrupt or truncated"
        entry.seek(len(head) + 2)
        return ""

    def write(self, objects: tuple[Any, ...]) -> None:
        """Store the objects (the deck first) atomically and drop older entries of the same
        slot; a cache that cannot be written is logged and passed by."""
        stamps = _source_stamps(objects[0], self.sources)
        fields = [_MAGIC, str(CACHE_FORMAT).encode(), version_label().encode(), self.key.encode()]
        blank_head = b" ".join([*fields, b"0" * _DIGEST_HEX]) + b"\n\n"
        try:
            fd, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
            try:
                # The pickle goes straight to the file and its digest is read back from there,
                # so a bank is never held a second time as bytes while it is written.
                with os.fdopen(fd, "w+b") as out:
                    out.write(blank_head)
                    pickle.dump((objects, stamps), out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.seek(len(blank_head))
                    digest = hashlib.blake2b()
                    while chunk := out.read(1 << 20):
                        digest.update(chunk)
                    out.seek(0)
                    out.write(b" ".join([*fields, digest.hexdigest().encode()]) + b"\n\n")
                os.replace(temporary, self.path)
            except BaseException:
                os.unlink(temporary)
                raise
            for older in self.path.parent.glob(f"{self.slot}-*{_SUFFIX}"):
                if older != self.path:
                    older.unlink(missing_ok=True)
        except OSError as error:
            log.warning("bank cache not written: %s", error.strerror or error)


def _unpickle(entry: BinaryIO) -> Any:
    """The pickle's objects, made with the collector paused: they are tens of thousands of new
    objects, none of them garbage, and collecting while they are made costs a third of the load."""
    with collector_paused():
        return pickle.load(entry)


def _private(folder: Path) -> bool:
    """Whether only this user can write `folder`: a pickle is only read from such a place."""
    if not hasattr(os, "getuid"):
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder_digest(directory: Path) -> str:
    """A digest of every file under `directory`: names, link targets and bytes.

    A file larger than the loader reads counts by its size, time and inode instead of its bytes
    (the loader refuses it, so it never reaches a cached deck); what is neither a file nor a
    folder counts by its type and is never opened.
    """
    digest = hashlib.blake2b(digest_size=32)
    for path in _walk(directory):
        digest.update(
            b"\0" + path.relative_to(directory).as_posix().encode(errors="surrogateescape")
        )
        if path.is_symlink():
            digest.update(b"\0->" + os.readlink(path).encode(errors="surrogateescape"))
        digest.update(_file_stamp(path, MAX_FILE_BYTES))
    return digest.hexdigest()


def _walk(directory: Path) -> Iterator[Path]:
    """Every entry under `directory` in a stable order, without following linked folders."""
    for root, folders, files in os.walk(directory):
        folders.sort()
        base = Path(root)
        linked = [name for name in folders if (base / name).is_symlink()]
        for name in sorted(files + linked):
            yield base / name


def _file_stamp(path: Path, limit: int) -> bytes:
    try:
        info = path.stat()
    except OSError:
        return b"\0missing"
    if not stat.S_ISREG(info.st_mode):
        return b"\0mode %o" % stat.S_IFMT(info.st_mode)
    if info.st_size > limit:
        return b"\0large %d %d %d" % (info.st_size, info.st_mtime_ns, info.st_ino)
    return b"\0" + hashlib.blake2b(path.read_bytes()).digest()


def _source_stamps(deck: Deck, sources: Path | None) -> tuple[tuple[str, bytes], ...]:
    """A stamp of each source text the deck names, as the sources folder holds it now."""
    if sources is None:
        return ()
    stamps = []
    for source in deck.sources:
        path = sources / source.file
        try:
            real = os.path.realpath(path).encode(errors="surrogateescape")
            stamp = real + _file_stamp(path, MAX_SOURCE_BYTES)
        except OSError:
            stamp = b"\0unreadable"
        stamps.append((source.file, stamp))
    return tuple(stamps)


def version_label() -> str:
    """The package version and a digest of the code that loads and builds (a checkout changes
    its code without changing its version number)."""
    return f"{version()}+{_code_digest()[:16]}"


@cache
def version() -> str:
    try:
        return metadata.version("factdeck")
    except metadata.PackageNotFoundError:
        return "0"


@cache
def _code_digest() -> str:
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parent.parent
    for package in _CODE_PACKAGES:
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
