"""Writing an export file whole or not at all.

An export interrupted half-way must not leave a truncated .apkg that Anki half-imports, nor a
stray temporary file: the content goes to a hidden file beside the target, renamed into place
only once complete, and removed on any failure.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from exporters.errors import ExportError

T = TypeVar("T")


def write_atomically(path: str | Path, write: Callable[[BinaryIO], T]) -> T:
    """Call `write` with an open binary file, then move the result to `path`."""
    target = Path(path)
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder; give a file name")
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            result = write(out)
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return result
