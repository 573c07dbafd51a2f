"""Entity names in running text: matching keys, finding a name in a statement, swapping it.

Swapping a name must keep the sentence grammatical. English only needs its article ("the FER
delegation" / "Japan"). Russian declines names, so a name is swapped only where the text shows
it in the nominative (a declinable word stands verbatim) and the replacement declines the same
way (same ending class, word by word); otherwise the item is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from decks.model import Entity

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_FOLD = (("kh", "h"), ("j", "i"), ("y", "i"), ("w", "v"), ("ph", "f"))


@lru_cache(maxsize=65536)
def transliterate(text: str) -> str:
    """Cyrillic to Latin (a plain BGN-like scheme); other characters pass through."""
    return "".join(_CYRILLIC.get(ch, _CYRILLIC.get(ch.lower(), ch)) for ch in text)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Case, diacritics, punctuation and spacing folded away; the script is kept."""
    text = text.casefold().replace("ё", "е").replace("й", "\x00")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("\x00", "й")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A spelling-insensitive key: Иоффе, Ioffe and Joffe share one; so do Dairen and Дайрен.

    Transliterated, letters that vary between romanisations folded (y/j/i, kh/h), doubled
    letters collapsed, and a leading English article dropped.
    """
    text = transliterate(normalize(text))
    text = re.sub(r"^(the|a|an) ", "", text)
    for old, new in _FOLD:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


@lru_cache(maxsize=65536)
def core(name: str) -> str:
    """A name without its leading English article or trailing abbreviation in brackets."""
    name = re.sub(r"^(the|The) ", "", name)
    return re.sub(r"\s*\([^)]*\)$", "", name).strip()


def spellings(entity: Entity, lang: str) -> list[str]:
    """The ways `lang` text may write the entity, longest first."""
    name = entity.name.get(lang, "")
    forms = [name, core(name), *entity.aliases.get(lang, ())]
    return sorted(dict.fromkeys(f for f in forms if f), key=lambda f: (-len(f), f))


def all_keys(entity: Entity) -> frozenset[str]:
    """Keys of every spelling in every language: what counts as naming this entity."""
    return _keys((*entity.all_names(), *(core(n) for n in entity.name.values()))) | _keys(
        tuple(name_first(entity))
    )


def name_first(entity: Entity) -> list[str]:
    """A two-word personal name in the other order: «Кэнкити Ёсидзава» for «Ёсидзава Кэнкити».
    Japanese names are written family name first in the sources and given name first in much
    else a student reads, in either language."""
    if entity.type != "person":
        return []
    return [
        " ".join(reversed(words))
        for name in entity.name.values()
        if len(words := name.split()) == 2
    ]


@lru_cache(maxsize=16384)
def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(map(key, names))


@lru_cache(maxsize=16384)
def _name_pattern(form: str) -> re.Pattern[str]:
    first, rest = form[:1], form[1:]
    head = f"[{re.escape(first.lower())}{re.escape(first.upper())}]" if first.isalpha() else ""
    body = re.escape(rest) if head else re.escape(form)
    return re.compile(r"(?<![\w\-])" + head + body + r"(?![\w\-])")


def mentions(text: str, form: str) -> list[re.Match[str]]:
    """Whole-word occurrences of `form` in `text` (its first letter in either case)."""
    if form[1:] not in text:
        return []  # no pattern to compile: a deck of thousands of names filled re's cache
    return list(_name_pattern(form).finditer(text))


def names_anywhere(text: str, entity: Entity) -> bool:
    """Whether `text` names the entity in any language, in any listed spelling."""
    folded = f" {normalize(text)} "
    return any(f" {name} " in folded for name in _folded_names(entity))


def _folded_names(entity: Entity) -> tuple[str, ...]:
    names = (*entity.all_names(), *(core(n) for n in entity.name.values()))
    return _fold_all(names)


@lru_cache(maxsize=16384)
def _fold_all(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for f in map(normalize, names) if len(f) >= 2))


@dataclass(frozen=True)
class Found:
    """Where a statement names an entity, and in which spelling."""

    start: int
    end: int
    form: str


def find_entity(text: str, entity: Entity, lang: str) -> Found | None:
    """The single place `text` names the entity (longest spelling wins); None if 0 or 2+."""
    spans: list[Found] = []
    for form in spellings(entity, lang):
        for hit in mentions(text, form):
            if not any(
                s.start <= hit.start() < s.end or hit.start() <= s.start < hit.end() for s in spans
            ):
                spans.append(Found(hit.start(), hit.end(), form))
    return spans[0] if len(spans) == 1 else None


# -- swapping ------------------------------------------------------------------------------

_RU_FIXED = {"в", "во", "на", "с", "со", "и", "при", "по", "о", "об", "у", "к", "за", "из", "от",
             "до", "для"}  # fmt: skip
_RU_HARD = set("бвгджзклмнпрстфхцчшщ")


def _ru_word_class(word: str) -> str:
    bare = word.strip("()«»\"',.")
    if not bare:
        return "other"
    if len(bare) >= 2 and bare.isupper():
        return "abbr"
    lower = bare.lower()
    if lower in _RU_FIXED:
        return f"fixed:{lower}"
    last = lower[-1]
    if last in _RU_HARD or last == "й":
        return "m"
    if last in "ая":
        return "f"
    if last == "ь":
        return "soft"
    if "а" <= last <= "я" or last == "ё":
        return "indecl"
    return "other"


def ru_classes(form: str) -> tuple[str, ...]:
    return tuple(_ru_word_class(w) for w in form.split())


def ru_swappable(form: str) -> bool:
    """A Russian spelling found verbatim proves the nominative only if a word of it declines."""
    classes = ru_classes(form)
    return "soft" not in classes and any(c in ("m", "f") for c in classes)


def _short_form(entity: Entity, lang: str) -> str | None:
    """A one-word alias that is a word of the name ("Ioffe" for "Adolf Ioffe")."""
    words = core(entity.name.get(lang, "")).split()
    for alias in entity.aliases.get(lang, ()):
        if " " not in alias and alias in words:
            return alias
    return None


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before.endswith((".", "!", "?"))


def _en_replacement(
    text: str, found: Found, old: Entity, new: Entity, short: bool
) -> tuple[int, str] | None:
    """(start, replacement) for English, handling "the": "the FER delegation" ↔ "Japan"."""
    old_article = old.name.get("en", "").startswith("the ")
    new_name = new.name.get("en", "")
    new_article = new_name.startswith("the ")
    start = found.start
    preceded = re.search(r"(?:^|(?<=\s))[Tt]he $", text[: found.start])
    if short:
        replacement = _short_form(new, "en")
        return (start, replacement) if replacement else None
    if preceded and old_article and not found.form.lower().startswith("the "):
        start = preceded.start()
    elif preceded and new_article:
        return None
    replacement = ("the " if new_article else "") + core(new_name)
    return start, replacement


def swap(text: str, found: Found, old: Entity, new: Entity, lang: str) -> str | None:
    """`text` with `old` (found at `found`) replaced by `new`, or None if grammar can't be kept."""
    full = {old.name.get(lang, ""), core(old.name.get(lang, ""))}
    short = " " not in found.form and found.form not in full
    if lang == "ru":
        if not ru_swappable(found.form):
            return None
        name = new.name.get("ru", "")
        options = [_short_form(new, "ru")] if short else [core(name), *new.aliases.get("ru", ())]
        wanted = ru_classes(found.form)
        replacement = next((o for o in options if o and ru_classes(o) == wanted), None)
        start = found.start
    elif lang == "en":
        placed = _en_replacement(text, found, old, new, short)
        if placed is None:
            return None
        start, replacement = placed
    else:
        return None
    if not replacement:
        return None
    if _sentence_start(text, start):
        replacement = replacement[:1].upper() + replacement[1:]
    return text[:start] + replacement + text[found.end :]
