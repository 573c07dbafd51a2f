"""Who studies and how: a learner's record and the settings their schedules follow."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Engine, insert, select, update

from study.database import writing
from study.errors import LearnerError
from study.records import Learner
from study.schema import learner_settings, learners
from study.settings import StudySettings


def read_learner(engine: Engine, learner_id: int) -> Learner:
    """The learner numbered `learner_id`; LearnerError when there is none."""
    with engine.connect() as connection:
        row = connection.execute(select(learners).where(learners.c.id == learner_id)).first()
    if row is None:
        raise LearnerError(
            f"there is no learner number {learner_id}: pick one from the list",
            key="no_learner",
            number=learner_id,
        )
    return Learner(row.id, row.name, row.created_at)


def read_settings(engine: Engine, learner_id: int) -> StudySettings:
    """The learner's saved settings, or the defaults when none were saved."""
    with engine.connect() as connection:
        stored = connection.execute(
            select(learner_settings.c.settings).where(learner_settings.c.learner_id == learner_id)
        ).scalar()
    return StudySettings.from_dict(json.loads(stored)) if stored else StudySettings()


def write_settings(engine: Engine, learner_id: int, settings: StudySettings, now: datetime) -> None:
    """Save the learner's settings (LearnerError when there is no such learner)."""
    read_learner(engine, learner_id)
    record = json.dumps(settings.to_dict())
    with writing(engine) as connection:
        changed = connection.execute(
            update(learner_settings)
            .where(learner_settings.c.learner_id == learner_id)
            .values(settings=record, updated_at=now)
        ).rowcount
        if not changed:
            connection.execute(
                insert(learner_settings).values(
                    learner_id=learner_id, settings=record, updated_at=now
                )
            )
