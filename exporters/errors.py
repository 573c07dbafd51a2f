"""The exporters' exception family, under `FactdeckError`; cli.py and the app pages turn it into
messages. `ValueError` stays a base so callers that catch it keep working."""

from decks.errors import FactdeckError


class ExportError(FactdeckError, ValueError):
    """An export that cannot be made as asked; the message says what to change."""


class SelectionError(ExportError):
    """The languages, topics or kinds asked for do not exist in the deck."""
