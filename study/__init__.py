"""Learner progress: FSRS scheduling through `fsrs`, the progress store and its statistics.

The store is SQLite by default (see `study.location`) or any SQLAlchemy URL; its schema is
created and upgraded by the Alembic migrations shipped in `study/migrations`. Nothing here
knows about widgets: pages pass in the clock (`now`) and get plain dataclasses back.
"""

from study.errors import (
    CardError,
    DatabaseBusy,
    DatabaseError,
    LearnerError,
    NothingToUndo,
    SettingsError,
    StaleCard,
    StudyError,
)
from study.learner_store import LearnerStore
from study.records import CardSpec, Origin, Queue
from study.scheduling import CardState, Schedule
from study.settings import StudySettings
from study.store import Store

__all__ = [
    "CardError",
    "CardSpec",
    "CardState",
    "DatabaseBusy",
    "DatabaseError",
    "LearnerError",
    "LearnerStore",
    "NothingToUndo",
    "Origin",
    "Queue",
    "Schedule",
    "SettingsError",
    "StaleCard",
    "Store",
    "StudyError",
    "StudySettings",
]
