"""Join codes and resume codes: random, easy to read aloud and type, impossible to guess.

Both use Crockford's base32 alphabet (no I, L, O or U), so a code read off a projector survives
being typed in lower case or with O for 0. A join code (40 bits) only finds a quiz; a resume code
(80 bits) is a student's key to their own attempt, so only its hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
JOIN_CODE_LENGTH = 8
RESUME_CODE_LENGTH = 16
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_join_code() -> str:
    return _random_code(JOIN_CODE_LENGTH)


def new_resume_code() -> str:
    return _random_code(RESUME_CODE_LENGTH)


def _random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize_code(text: str) -> str:
    """The code as stored: upper case, no spaces or hyphens, O read as 0 and I or L as 1."""
    return "".join(text.split()).replace("-", "").upper().translate(_CONFUSABLE)


def shown_code(code: str) -> str:
    """Groups of four, as students read and type it: `7KQ2-M9XD`."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_hash(code: str) -> str:
    """What the database keeps of a resume code; the code itself is only ever shown once."""
    return hashlib.sha256(normalize_code(code).encode("ascii", "replace")).hexdigest()


def well_formed(code: object, length: int) -> bool:
    """Whether `code` (as the browser sent it: anything) can be a code of `length`."""
    if not isinstance(code, str):
        return False
    normalized = normalize_code(code)
    return len(normalized) == length and all(c in ALPHABET for c in normalized)
