"""The study package's exception family, under `FactdeckError`; pages and the CLI turn it into
messages."""

from decks.errors import FactdeckError


class StudyError(FactdeckError):
    """Something the learner or the operator can act on; the message says what to do."""


class DatabaseError(StudyError):
    """The progress database cannot be opened, created or migrated."""


class LearnerError(StudyError):
    """A learner name is empty, taken or unknown."""


class SettingsError(StudyError, ValueError):
    """A study setting is out of range or cannot be parsed."""


class CardError(StudyError):
    """A card is not in the learner's collection."""


class NothingToUndo(StudyError):
    """The learner has no review left to undo."""


class StaleCard(StudyError):
    """A rating or undo was made on a page showing an older state (a double click)."""


class DatabaseBusy(StudyError):
    """Another writer held the database past the busy timeout; nothing was written, so the
    learner can simply try again (pages show this in the interface language)."""
