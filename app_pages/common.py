"""Small helpers the pages share: showing deck text safely and the current language."""

import re

import streamlit as st

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: str) -> str:
    """Escape Markdown so deck text shows literally; deck content is data, never markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def lang() -> str:
    return st.session_state.get("lang", "en")


def pick(texts: dict[str, str], fallback: str = "") -> str:
    """The text in the interface language, else the first one the deck has."""
    return texts.get(lang()) or next(iter(texts.values()), fallback)
