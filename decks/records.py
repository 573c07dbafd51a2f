"""Reading one source or one entity record: the things facts cite and name.

A record that cannot be read whole is left out, after its id is remembered, so that a fact
pointing at it is not blamed a second time (see `decks.references`).
"""

from __future__ import annotations

from decks.files import FileRefused
from decks.ledger import Ledger
from decks.model import Entity, Source
from decks.reader import Reader, did_you_mean
from decks.safe_yaml import Map, Mark, YamlValue
from decks.source_texts import check_source_name

ENTITY_TYPES = ("person", "place", "organisation", "document", "event")
SOURCE_KINDS = (
    "history-narrative",
    "journal-article",
    "research-paper",
    "encyclopedia-entry",
    "primary-document",
    "textbook",
    "other",
)


def read_source(ledger: Ledger, r: Reader, item: object, mark: Mark) -> Source | None:
    """One item of sources.yaml; a source whose `file:` is allowed is noted in the ledger,
    so its text is looked for and problems with it are located at that line."""
    m = r.fields(
        item,
        mark,
        label(item, "source"),
        ("id", "file", "title", "language", "kind", "reliability"),
        ("author", "year", "label"),
    )
    if m is None:
        return None
    ident = r.ident(m, "id", "a source")
    ledger.attempt("source", m)
    what = f"source '{ident}'"
    file = r.string(m, "file", what)
    title = r.localized(m, "title", what)
    language = r.string(m, "language", what)
    kind = r.one_of(m, "kind", what, SOURCE_KINDS, "source kind")
    reliability = r.localized(m, "reliability", what)
    author = r.string(m, "author", what, required=False)
    year = r.integer(m, "year", what)
    named = r.localized(m, "label", what) or {}
    if not (
        ident
        and file
        and title
        and language
        and kind
        and reliability
        and ledger.claim("source", ident, r.shown_as, m.value_mark("id"))
    ):
        return None
    if _allowed_name(r, m, file):
        ledger.source_files[ident] = (r.shown_as, m.value_mark("file"))
    return Source(
        id=ident,
        file=file,
        title=title,
        language=language,
        kind=kind,
        reliability=reliability,
        author=author,
        year=year,
        label=named,
    )


def _allowed_name(r: Reader, m: Map, file_name: str) -> bool:
    """Whether a source's `file:` names a file inside the sources folder (else a problem)."""
    try:
        check_source_name(file_name)
    except FileRefused as refused:
        r.problem(m.value_mark("file"), refused.message, refused.hint)
        return False
    return True


def read_entity(
    ledger: Ledger, r: Reader, item: object, mark: Mark, sides: set[str] | None
) -> Entity | None:
    """Read one entity; `sides` is None when deck.yaml could not be read."""
    m = r.fields(
        item,
        mark,
        label(item, "entity"),
        ("id", "type", "name", "description"),
        ("aliases", "side", "subtype"),
    )
    if m is None:
        return None
    ident = r.ident(m, "id", "an entity")
    ledger.attempt("entity", m)
    what = f"entity '{ident}'"
    kind = r.one_of(m, "type", what, ENTITY_TYPES, "entity type")
    name = r.localized(m, "name", what)
    description = r.localized(m, "description", what)
    side = r.string(m, "side", what, required=False)
    if side and sides is not None and side not in sides:
        r.problem(
            m.value_mark("side"),
            f"{what} has unknown side '{side}'",
            did_you_mean(side, sides) + " (sides are listed in deck.yaml)",
        )
        side = None
    aliases = _aliases(ledger, r, m, what)
    subtype = r.string(m, "subtype", what, required=False)
    if (
        ident
        and kind
        and name
        and description
        and ledger.claim("entity", ident, r.shown_as, m.value_mark("id"))
    ):
        return Entity(ident, kind, name, description, aliases, side, subtype)
    return None


def _aliases(ledger: Ledger, r: Reader, m: Map, what: str) -> dict[str, tuple[str, ...]]:
    if "aliases" not in m:
        return {}
    value = m["aliases"]
    if not isinstance(value, Map):
        r.problem(
            m.value_mark("aliases"),
            f"aliases of {what} must be lists per language",
            "write `aliases: {en: [Joffe, Ioffe], ru: [Иоффе]}`",
        )
        return {}
    aliases = {}
    for lang in value:
        if lang not in ledger.languages and not r.lenient:
            r.problem(
                value.key_mark(lang),
                f"aliases of {what} in '{lang}', which is not a deck language",
                "use one of: " + ", ".join(ledger.languages),
            )
            continue
        items: list[YamlValue] = r.seq(value, lang, f"aliases of {what}") or []
        names = []
        for alias, alias_mark in zip(items, getattr(items, "item_marks", []), strict=False):
            if not isinstance(alias, (str, int)) or not str(alias).strip():
                r.problem(
                    alias_mark,
                    f"an alias of {what} is empty or not text",
                    "write the spelling as text",
                )
            else:
                names.append(str(alias).strip())
        aliases[lang] = tuple(names)
    return aliases


def label(item: object, noun: str) -> str:
    """Name a record by its id in messages when it has one: "fact 'x'" rather than "a fact"."""
    ident = item.get("id") if isinstance(item, Map) else None
    if isinstance(ident, str) and ident.strip():
        return f"{noun} '{ident.strip()}'"
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"
