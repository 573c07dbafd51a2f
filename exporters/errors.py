"""The exporters' exception family, under `FactdeckError`; cli.py and the app pages turn it into
messages. `ValueError` stays a base so callers that catch it keep working.

A refusal a page can meet carries a key (one of `MESSAGE_KEYS`) and its values, worded by the
page in its reader's language; the others are a question the bank built wrongly, a bug to
report, and stay the English message.
"""

from decks.errors import FactdeckError

MESSAGE_KEYS = ("nothing_to_export", "gift_arrow", "no_chromium", "pdf_timeout", "pdf_failed")
"""The keys export refusals carry; the pages hold each as `error.<key>` in every language."""

IMPORT_MESSAGE_KEYS = ("anki_not_a_package", "anki_too_new", "anki_no_factdeck_notes")
"""The keys refusals of an Anki import carry, held by the pages as the export ones are."""


class ExportError(FactdeckError, ValueError):
    """An export that cannot be made as asked; the message says what to change."""


class SelectionError(ExportError):
    """The languages, topics or kinds asked for do not exist in the deck."""


class AnkiImportError(FactdeckError):
    """A file that cannot be imported as Anki progress: not a package, too new, or holding no
    Factdeck notes. Raised before anything is written, so the store is as it was."""
