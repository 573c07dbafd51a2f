"""Finding the source documents and checking quotes against them.

Source texts are not part of the project (they are other people's work), so quotes are verified
only where the texts can be found: `--sources DIR`, else `$FACTDECK_SOURCES`, else a
`../shared/sources` folder beside the working directory or the project.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

PROJECT_ROOT = Path(__file__).resolve().parent.parent
_SPACE = re.compile(r"\s+")


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


def read_source_text(directory: Path, file_name: str) -> SourceText | None:
    path = directory / file_name
    if not path.is_file():
        return None
    return SourceText(file_name, path.read_text(encoding="utf-8"))
