"""The exporters' exception family, under `FactdeckError`; cli.py and the app pages turn it into
messages. `ValueError` stays a base so callers that catch it keep working.

A refusal a page can meet carries a key (one of `MESSAGE_KEYS`) and its values, worded by the
page in its reader's language; the others are a question the bank built wrongly, a bug to
report, and stay the English message.
"""

from decks.errors import FactdeckError

MESSAGE_KEYS = ("nothing_to_export", "gift_arrow", "no_chromium", "pdf_timeout", "pdf_failed")
"""The keys export refusals carry; the pages hold each as `error.<key>` in every language."""


class ExportError(FactdeckError, ValueError):
    """An export that cannot be made as asked; the message says what to change."""


class SelectionError(ExportError):
    """The languages, topics or kinds asked for do not exist in the deck."""
