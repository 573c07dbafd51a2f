"""Zip archives whose bytes depend only on their contents and a given time.

zipfile stamps entries with the file's mtime and the host system; fixing both, plus deflate
compression, makes an export reproducible and small (genanki's own writer stores uncompressed).
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

_UNIX = 3
_EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The earliest time a zip entry can carry."""


def write_deterministic_zip(
    out: BinaryIO, entries: Sequence[tuple[str, Path | bytes]], *, when: dt.datetime, level: int
) -> None:
    """Write `entries` (name, file path or bytes) deflated at zlib `level` (1 fastest, 9
    smallest), in order, all stamped `when` (UTC)."""
    stamp = max(when.astimezone(dt.UTC), _EARLIEST).timetuple()[:6]
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            # What ZipFile(compresslevel=) gives the entries it names itself; open() reads it.
            info._compresslevel = level  # type: ignore[attr-defined]
            info.create_system = _UNIX
            info.external_attr = 0o644 << 16
            if isinstance(content, bytes):
                archive.writestr(info, content)
                continue
            big = content.stat().st_size >= zipfile.ZIP64_LIMIT
            with content.open("rb") as source, archive.open(info, "w", force_zip64=big) as target:
                shutil.copyfileobj(source, target, 1 << 20)
