"""The progress database: opening it, its learners, and a store bound to each learner.

`Store` knows the database and who studies in it; everything about one learner's cards and
reviews goes through the `LearnerStore` that `for_learner` binds to them and their settings.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from study.database import connect, inserted_id, migrate, writing
from study.errors import LearnerError
from study.learner_store import LearnerStore
from study.learners import read_learner, read_settings
from study.location import database_url
from study.records import Learner
from study.schema import learner_settings, learners
from study.settings import StudySettings


class Store:
    """One progress database. Thread-safe: each call takes its own pooled connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating or upgrading as needed) the database at `url`, else the default one."""
        engine = connect(url or database_url())
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def learners(self) -> list[Learner]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(learners).order_by(learners.c.name)).all()
        return [Learner(row.id, row.name, row.created_at) for row in rows]

    def learner(self, learner_id: int) -> Learner:
        return read_learner(self.engine, learner_id)

    def create_learner(
        self, name: str, now: datetime, settings: StudySettings | None = None
    ) -> Learner:
        """A new learner with their own progress and settings; names are unique."""
        name = " ".join(name.split())
        if not name:
            raise LearnerError("type a name for the new learner", key="learner_name_empty")
        if len(name) > 80:
            raise LearnerError(
                "a learner's name can be at most 80 characters long",
                key="learner_name_too_long",
                limit=80,
            )
        try:
            with writing(self.engine) as connection:
                learner_id = inserted_id(
                    connection.execute(insert(learners).values(name=name, created_at=now))
                )
                connection.execute(
                    insert(learner_settings).values(
                        learner_id=learner_id,
                        settings=json.dumps((settings or StudySettings()).to_dict()),
                        updated_at=now,
                    )
                )
        except IntegrityError:
            raise LearnerError(
                f"the name {name!r} is taken: pick it from the list or choose another",
                key="learner_name_taken",
                name=name,
            ) from None
        return Learner(learner_id, name, now)

    def for_learner(self, learner_id: int, settings: StudySettings | None = None) -> LearnerStore:
        """The learner's progress, scheduled with their saved settings unless `settings` is
        given (a caller that already holds them, or a test on a fixed configuration)."""
        if settings is None:
            settings = read_settings(self.engine, learner_id)
        return LearnerStore(self.engine, learner_id, settings)


__all__ = ["Store"]
