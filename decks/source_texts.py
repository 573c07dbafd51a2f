"""Finding the source documents and checking quotes against them.

Source texts are not part of the project (they are other people's work), so quotes are verified
only where the texts can be found: `--sources DIR`, else `$FACTDECK_SOURCES`, else a
`../shared/sources` folder beside the working directory or the project.

A deck names its texts (`file:` in sources.yaml), so a deck could name any file on the machine
and have its "closest passage" quoted back in a problem message. A source text is therefore read
only from inside the sources folder: a name that is absolute or climbs out with `..` is refused
as written, and one that leads out through a link is refused before it is opened.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from rapidfuzz import fuzz

from decks.files import FileRefused, read_confined

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_SPACE = re.compile(r"\s+")
MAX_SOURCE_BYTES = 16 * 1024 * 1024
SOURCES_FOLDER = "the sources folder"


def normalise(text: str) -> str:
    """Collapse runs of white space so line breaks in the source do not break a quote."""
    return _SPACE.sub(" ", text).strip()


def find_sources_dir(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """Where the source texts are, by the documented order of precedence, or None."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("FACTDECK_SOURCES")
    if from_env:
        return Path(from_env)
    for base in (Path.cwd(), PROJECT_ROOT):
        candidate = base.parent / "shared" / "sources"
        if candidate.is_dir():
            return candidate
    return None


@dataclass
class SourceText:
    """One source document, normalised once for quote look-ups."""

    file: str
    raw: str
    normalised: str = field(init=False)

    def __post_init__(self) -> None:
        self.normalised = normalise(self.raw)

    def contains(self, quote: str) -> bool:
        return normalise(quote) in self.normalised

    def nearest(self, quote: str) -> str:
        """The passage most like a quote that was not found, to show the curator."""
        wanted = normalise(quote)
        found = fuzz.partial_ratio_alignment(wanted, self.normalised)
        if found is None or found.score < 60:
            return ""
        return self.normalised[found.dest_start : found.dest_end]

    def paragraphs(self) -> list[tuple[int, str]]:
        """(line number, text) of each non-blank line, the unit the coverage report counts."""
        return [
            (number, line.strip())
            for number, line in enumerate(self.raw.splitlines(), start=1)
            if line.strip()
        ]


def check_source_name(file_name: str) -> None:
    """Raise FileRefused when a source's `file:` is absolute or climbs out with `..`: such a
    name leads outside the sources folder wherever that folder is."""
    for flavour in (PurePosixPath, PureWindowsPath):
        name = flavour(file_name)
        if name.anchor:
            raise FileRefused(f"source text '{file_name}' is an absolute path", _NAME_HINT)
        if ".." in name.parts:
            raise FileRefused(
                f"source text '{file_name}' climbs out of its folder with '..'", _NAME_HINT
            )


def read_source_text(directory: Path, file_name: str) -> SourceText | None:
    """The text of `file_name` in the sources folder, or None when there is no such file.

    Raises FileRefused when the name or a link leads outside the folder, or the file is not a
    regular UTF-8 file within the size limit; a refused file is never opened.
    """
    check_source_name(file_name)
    noun = f"source text '{file_name}'"
    path = directory / file_name
    if not os.path.lexists(path):
        return None
    raw = read_confined(
        path,
        directory,
        MAX_SOURCE_BYTES,
        noun=noun,
        folder_name=SOURCES_FOLDER,
        limit_for="a source text",
        too_big="a source text this long is not one document: split it",
    )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise FileRefused(
            f"{noun} is not valid UTF-8 (line {line} of the text)", "save the text as UTF-8"
        ) from None
    return SourceText(file_name, text)


_NAME_HINT = f"name a file inside {SOURCES_FOLDER}, e.g. `file: chronicle.txt`"
