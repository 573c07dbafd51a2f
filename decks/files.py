"""Reading the files a deck names, and nothing else.

A deck is data from someone else. Its files may be links out of the deck (to a password file,
to `/proc/self/environ`), devices that never end (`/dev/zero`), named pipes that block whoever
opens them, folders passed off as files, or files that grow while they are read. Everything a
deck reads goes through `read_confined`, which looks at what a path is *before* opening it,
refuses anything but a regular file inside the folder it belongs to, and never reads more than
its limit. A refused file is never opened, so nothing of it can reach a message.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from decks.errors import FactdeckError

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a pipe swapped in after the check must not block the open
    | getattr(os, "O_NOFOLLOW", 0)  # nor may a link swapped in for the resolved path be followed
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_DIRECTORY_FLAGS = (
    getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)
_ONLY_FILES = "only regular files are read; remove it or put a file in its place"


class FileRefused(FactdeckError):
    """A file the deck may not or cannot read. `message` says what the file is (never what it
    holds) after the caller's name for it; `hint` says what to do."""

    def __init__(self, message: str, hint: str):
        self.message = message
        self.hint = hint
        super().__init__(f"{message} — {hint}")


def read_confined(
    path: Path,
    folder: Path,
    limit: int,
    *,
    noun: str = "file",
    folder_name: str = "the deck folder",
    limit_for: str = "a file",
    too_big: str = "make it smaller",
) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes inside `folder`.

    Raises FileRefused, naming the file as `noun` and the folder as `folder_name`, when the path
    (through any link) leads outside the folder, is a dangling or looping link, is not a regular
    file, cannot be opened, or holds more than `limit` bytes (the limit for `limit_for`;
    `too_big` says what to do then).
    """
    real = _resolved(path, noun)
    inside = _resolved(folder, "the folder")
    if not real.is_relative_to(inside):
        raise FileRefused(
            f"{noun} is a link that leads outside {folder_name}",
            f"copy the file into {folder_name} instead of linking to it",
        )
    try:
        info = os.stat(real)
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileRefused(
                f"{noun} is a link to a file that does not exist", "fix the link or remove it"
            ) from None
        raise FileRefused(f"{noun} is not there", "check its name") from None
    except OSError as error:
        raise FileRefused(f"{noun} cannot be read ({error.strerror})", "check it") from None
    _refuse_unless_regular(info.st_mode, noun)
    if info.st_size > limit:
        raise FileRefused(
            f"{noun} is {info.st_size:,} bytes, over the {limit:,}-byte limit for {limit_for}",
            too_big,
        )
    try:
        descriptor = _open_below(inside, real.relative_to(inside))
    except OSError as error:
        raise FileRefused(
            f"{noun} cannot be read ({error.strerror})", "check that it exists and may be read"
        ) from None
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise FileRefused(f"{noun} changed while it was being read", "read it again")
        _refuse_unless_regular(opened.st_mode, noun)
        data = _read_at_most(handle, limit + 1)
    if len(data) > limit:
        raise FileRefused(
            f"{noun} grew over the {limit:,}-byte limit for {limit_for} while it was read",
            too_big,
        )
    return data


def _open_below(folder: Path, relative: Path) -> int:
    """Open `folder/relative` one name at a time, following no link on the way, so a folder of
    the deck swapped for a link after the path was resolved leads nowhere: the open fails
    instead of reading outside."""
    descriptor = os.open(folder, os.O_RDONLY | _DIRECTORY_FLAGS)
    try:
        for name in relative.parts[:-1]:
            inner = os.open(name, os.O_RDONLY | _DIRECTORY_FLAGS, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        return os.open(relative.parts[-1], _OPEN_FLAGS, dir_fd=descriptor)
    finally:
        os.close(descriptor)


def _resolved(path: Path, noun: str) -> Path:
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        raise FileRefused(
            f"{noun} is a link that leads back to itself", "fix the link or remove it"
        ) from None


def _refuse_unless_regular(mode: int, noun: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise FileRefused(
            f"{noun} is a folder, not a file", "rename the folder or move it out of the way"
        )
    if stat.S_ISFIFO(mode):
        kind = "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "something other than a file"
    raise FileRefused(f"{noun} is {kind}, not a regular file", _ONLY_FILES)


def _read_at_most(handle: BinaryIO, count: int) -> bytes:
    """Up to `count` bytes: a file that grows while it is read cannot make this read more."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
