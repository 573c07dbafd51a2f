"""The study package's exception family, under `FactdeckError`; pages and the CLI turn it into
messages.

Every refusal carries a key (one of `MESSAGE_KEYS`) and its values, so the pages word it in
the reader's language; a database that cannot be opened is worded too, since the learner is the
one who sees it on the page, and only the driver's own words inside it stay as the driver wrote
them.
"""

from decks.errors import FactdeckError

MESSAGE_KEYS = (
    "learner_name_empty",
    "learner_name_too_long",
    "learner_name_taken",
    "no_learner",
    "card_rated_meanwhile",
    "nothing_to_undo",
    "undone_already",
    "card_not_in_collection",
    "settings_retention",
    "settings_maximum_interval",
    "settings_new_per_day",
    "settings_reviews_per_day",
    "settings_day_start",
    "settings_steps_zero",
    "settings_time_zone",
    "settings_interface_language",
    "settings_no_content_language",
    "settings_content_language",
    "settings_step_unreadable",
    "database_url",
    "database_unusable",
    "database_folder",
    "database_no_migrations",
    "database_newer",
    "database_unreadable",
    "settings_parameters",
    "optimise_too_few",
)
"""The keys study refusals carry; the pages hold each as `error.<key>` in every language
(`busy`, a busy database, is shared with the classroom's)."""


class StudyError(FactdeckError):
    """Something the learner or the operator can act on; the message says what to do."""


class DatabaseError(StudyError):
    """The progress database cannot be opened, created or migrated."""


class LearnerError(StudyError):
    """A learner name is empty, taken or unknown."""


class SettingsError(StudyError, ValueError):
    """A study setting is out of range or cannot be parsed."""


class NotEnoughReviews(StudyError):
    """Too few reviews to fit personal FSRS parameters to."""


class CardError(StudyError):
    """A card is not in the learner's collection."""


class NothingToUndo(StudyError):
    """The learner has no review left to undo."""


class StaleCard(StudyError):
    """A rating or undo was made on a page showing an older state (a double click)."""


class DatabaseBusy(StudyError):
    """Another writer held the database past the busy timeout; nothing was written, so the
    learner can simply try again (pages show this in the interface language)."""

    key = "busy"
