"""Deck text made safe for the markup it is written into.

Deck content is data: a statement that contains `<script>` must show those characters, never run
them. Anki needs more than HTML escaping, because it reads its own syntax inside field text.
"""

from __future__ import annotations

import html
import re
from functools import cache

_ANKI_FIELD = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#x27;",
        "[": "&#91;",
        "]": "&#93;",
        "{": "&#123;",
        "}": "&#125;",
        "\n": "<br>",
    }
)
_ANKI_SPECIAL = re.compile("[" + re.escape("".join(chr(c) for c in _ANKI_FIELD)) + "]")
_WHITESPACE = re.compile(r"\s+")


def html_text(text: str) -> str:
    """Text for HTML element content or a quoted attribute: `<`, `&` and quotes show literally."""
    return html.escape(text, quote=True)


def anki_text(text: str) -> str:
    """Text for an Anki field, shown literally by every Anki client.

    Besides HTML, Anki turns `[sound:x]` into a player and `{{c1::x}}` into a cloze deletion
    wherever they appear in a field, so brackets and braces become character references too.
    Line breaks become `<br>`, since HTML would fold them into spaces.
    """
    return text.translate(_ANKI_FIELD) if _ANKI_SPECIAL.search(text) else text


def anki_cloze_answer(text: str) -> str:
    """Text inside a `{{c1::...}}` deletion, where `::` would start a hint."""
    return anki_text(text).replace(":", "&#58;")


@cache
def anki_tag(*parts: str) -> str:
    """A hierarchical Anki tag (`topic::dairen`); Anki splits tags on white space."""
    return "::".join(_WHITESPACE.sub("_", part.strip()) for part in parts)


def anki_deck_name_part(title: str) -> str:
    """One level of an Anki deck name; `::` inside a title would open another level."""
    return _WHITESPACE.sub(" ", title.replace("::", ":")).strip()
