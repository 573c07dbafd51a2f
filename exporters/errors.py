"""The one exception family the exporters raise; cli.py and the app pages turn it into messages."""


class ExportError(ValueError):
    """An export that cannot be made as asked; the message says what to change."""


class SelectionError(ExportError):
    """The languages, topics or kinds asked for do not exist in the deck."""
