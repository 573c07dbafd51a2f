"""Student names compared as a person reads them, and the names a teacher should look at twice.

A quiz tells students apart by name, so two spellings that look alike on screen must be one
student, or a second attempt is a zero-width space away. `name_key` is the one place that
decides; the database stores its result as `student_key` and compares nothing else. What it
folds, in order:

- compatibility forms (NFKC): full-width `Ａｎｎａ`, mathematical `𝐀𝐧𝐧𝐚`, ligatures;
- invisible characters: every default-ignorable code point (zero-width spaces and joiners, soft
  hyphens, direction marks and overrides, variation selectors, Hangul fillers, Khmer inherent
  vowels, tags, and those not yet assigned), format and control characters, blank Braille;
- composed and decomposed accents (NFKC makes `é` and `e` + U+0301 one letter), and the Russian
  `ё`, which is optional in writing (`Алёна` is `Алена`). Other accents stay: `Müller` and
  `Muller`, `Thư` and `Thu` may be two students; the teacher sees such pairs flagged;
- look-alike letters of other scripts: Cyrillic `А` or `і` for Latin `A` or `i`, by Unicode's
  confusables table (UTS #39, from the `confusable-homoglyphs` package). Only letters that look
  like one other letter are folded, never sequences (`rn` is not `m`: Kornilov and Komilov are
  two students), and ASCII letters are never changed, so `I` and `l` stay apart;
- case, runs of spaces, and punctuation or symbols at either end (`Anna.` is `Anna`).

Changing what `name_key` returns changes which attempts belong together: it needs a migration
that recomputes the stored keys (see migrations/versions/0003_name_keys.py).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

from classroom.errors import NameRefused

MAX_NAME = 80
MAX_KEY = 320
"""The longest `name_key` stored: compatibility forms can spell a short name out long."""

_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f")
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt), which a renderer
shows as nothing, assigned or not; Python's `unicodedata` does not expose the property."""
_BLANK = frozenset("\u2800")
"""Shows nothing though Unicode counts it a symbol: the blank Braille pattern."""
_RUSSIAN_YO = str.maketrans("ёЁ", "еЕ")
_NO_SCRIPT = frozenset({"COMMON", "INHERITED", "UNKNOWN"})


class NameFlag(StrEnum):
    """Why a name on the teacher's results deserves a second look."""

    SAME_AS_OTHER = "same-as-other"
    """Another attempt's name is spelled differently but reads the same (same `name_key`)."""
    INVISIBLE = "invisible"
    """It holds characters that show nothing, such as a zero-width space or a soft hyphen."""
    MIXED_SCRIPTS = "mixed-scripts"
    """A word mixes letters of two scripts, such as a Cyrillic `а` among Latin letters."""
    UNUSUAL_FORMS = "unusual-forms"
    """It uses full-width, mathematical or other compatibility forms of letters."""
    ACCENTS_ONLY = "accents-only"
    """Another attempt's name differs from it only in accents (`Muller`, `Müller`): two
    students, or one who typed the name two ways."""


def name_key(name: str) -> str:
    """The key two spellings of one student's name share (see the module docstring)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(char for char in text if not _invisible(char))
    text = unicodedata.normalize("NFD", text.translate(_RUSSIAN_YO))
    text = "".join(char if unicodedata.combining(char) else _fold(char) for char in text)
    text = unicodedata.normalize("NFC", text)
    words = text.split()
    text = " ".join(words)
    start, end = 0, len(text)
    while start < end and _edge(text[start]):
        start += 1
    while end > start and _edge(text[end - 1]):
        end -= 1
    return " ".join(text[start:end].split())


@dataclass(frozen=True)
class NameCheck:
    """What a teacher should know about one name on the results."""

    flags: tuple[NameFlag, ...]
    others: tuple[str, ...] = ()
    """Other names of the quiz that read the same, as `shown_name` writes them."""
    hidden: tuple[str, ...] = ()
    """The invisible characters it holds, as code points: `U+200B`."""
    accented: tuple[str, ...] = ()
    """Other names of the quiz that differ from it only in accents."""
    scripts: tuple[str, ...] = ()
    """The scripts a mixed word draws on, in order of first use: `LATIN`, `CYRILLIC`."""


def student_name(name: object) -> tuple[str, str]:
    """The name a student typed with its runs of spaces made one, and its `name_key`; a name
    with nothing to tell a student by (empty, only dots or invisible characters) or too long to
    store is a NameRefused. The quiz page asks this before showing the rules, and joining asks
    it again, so both refuse the same names."""
    name = " ".join(name.split()) if isinstance(name, str) else ""
    key = name_key(name)
    if not key:
        raise NameRefused("type your name as your teacher knows it", key="name_empty")
    if len(name) > MAX_NAME or len(key) > MAX_KEY:
        raise NameRefused(
            f"a name can be at most {MAX_NAME} characters long",
            key="name_too_long",
            limit=MAX_NAME,
        )
    return name, key


def name_checks(names: Iterable[str]) -> dict[str, NameCheck]:
    """The names that need a second look, each with why; names come as stored (as typed,
    spaces collapsed), and unflagged names are left out."""
    keys = {name: name_key(name) for name in names}
    by_key: dict[str, list[str]] = defaultdict(list)
    by_letters: dict[str, list[str]] = defaultdict(list)
    for name, key in keys.items():
        by_key[key].append(name)
        by_letters[_without_accents(key)].append(name)
    checks = {}
    for name, key in keys.items():
        others = tuple(shown_name(o) for o in by_key[key] if o != name)
        accented = tuple(shown_name(o) for o in by_letters[_without_accents(key)] if keys[o] != key)
        hidden = tuple(dict.fromkeys(f"U+{ord(c):04X}" for c in name if _invisible(c)))
        mixed = [_scripts(word) for word in name.split()]
        scripts = tuple(dict.fromkeys(s for word in mixed if len(set(word)) > 1 for s in word))
        flags = [
            flag
            for flag, found in (
                (NameFlag.SAME_AS_OTHER, others),
                (NameFlag.INVISIBLE, hidden),
                (NameFlag.MIXED_SCRIPTS, scripts),
                (
                    NameFlag.UNUSUAL_FORMS,
                    unicodedata.normalize("NFKC", name) != unicodedata.normalize("NFC", name),
                ),
                (NameFlag.ACCENTS_ONLY, accented),
            )
            if found
        ]
        if flags:
            checks[name] = NameCheck(tuple(flags), others, hidden, accented, scripts)
    return checks


def _without_accents(key: str) -> str:
    decomposed = unicodedata.normalize("NFD", key)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def shown_name(name: str) -> str:
    """`name` with its invisible characters written out (`An⟨U+200B⟩na`), so two names that
    look the same on screen can be told apart."""
    return "".join(f"⟨U+{ord(c):04X}⟩" if _invisible(c) else c for c in name)


def _invisible(char: str) -> bool:
    """Shows nothing on screen: default-ignorable, format and control characters."""
    if unicodedata.category(char) in ("Cf", "Cc") or char in _BLANK:
        return True
    point = ord(char)
    return any(low <= point <= high for low, high in _DEFAULT_IGNORABLE)


def _edge(char: str) -> bool:
    """Punctuation, symbols and spaces that do not make a different name at its start or end."""
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def _scripts(word: str) -> list[str]:
    """The scripts of the letters of `word`, in order of first use."""
    found = (categories.alias(char) for char in word if char.isalpha())
    return [script for script in dict.fromkeys(found) if script not in _NO_SCRIPT]


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    """One character, case folded, as the letter it looks like.

    A letter that looks like an ASCII capital (Cyrillic `В`, `Н`; Greek `Ν`) folds with its
    lower case to that capital's lower case, so `ВОВ`, `вов` and `Bob` meet; otherwise the
    lower case goes to its own look-alike (Cyrillic `а` to `a`, `і` to `i`).
    """
    if char.isascii():
        return char.casefold()
    upper = char.upper()
    if len(upper) == 1:
        like = _looks_like(upper)
        if like.isascii() and like.isupper():
            return like.lower()
    lower = char.casefold()
    return lower if len(lower) != 1 else _looks_like(lower)


@lru_cache(maxsize=4096)
def _looks_like(char: str) -> str:
    """The one character Unicode's confusables table gives as the prototype of `char`.

    The package keeps the table as pairs in both directions; a prototype has every
    look-alike of it listed, while a look-alike lists only its prototype. Characters that
    look like a sequence (`m` like `rn`) are left alone.
    """
    like = _homoglyphs(char)
    if len(like) != 1 or len(like[0]) != 1:
        return char
    prototype = like[0]
    if len(_homoglyphs(prototype)) > 1:
        return prototype
    return min(char, prototype)  # a pair of two: either stands for both


@lru_cache(maxsize=4096)
def _homoglyphs(char: str) -> tuple[str, ...]:
    found = confusables.is_confusable(char, greedy=True)
    if not found:
        return ()
    return tuple(glyph["c"].translate(_BIDI_MARKS) for glyph in found[0]["homoglyphs"])
