"""The schema is made by the shipped Alembic migrations; older databases open with nothing lost."""

from datetime import UTC, datetime

import fsrs
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from study.database import MIGRATIONS, connect, writing
from study.errors import DatabaseError
from study.scheduling import CardState
from study.schema import metadata
from study.settings import StudySettings
from study.store import Store

NOW = datetime(2025, 3, 10, 17, 0, tzinfo=UTC)


def migrate_to(url: str, revision: str) -> None:
    engine = connect(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def revision_of(store: Store) -> str:
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_a_new_database_is_created_at_the_head_revision_and_matches_the_schema(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'deep' / 'er' / 'new.sqlite3'}")
    try:
        assert revision_of(store) == "0004"
        with store.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert set(inspect(store.engine).get_table_names()) >= {
            "learners",
            "learner_settings",
            "cards",
            "reviews",
            "practice_rounds",
            "practice_answers",
            "alembic_version",
        }
    finally:
        store.close()


def test_a_database_from_the_first_revision_opens_with_nothing_lost(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    migrate_to(url, "0001")
    engine = connect(url)
    with engine.begin() as connection:
        # What the first schema stored: a learner, one reviewed card and its log row.
        connection.execute(
            text(
                "INSERT INTO learners (id, name, created_at)"
                " VALUES (1, 'Ann', '2025-03-01 10:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO cards (learner_id, question_id, deck, topic, position, active,"
                " suspended, state, step, stability, difficulty, due, last_review)"
                " VALUES (1, 'q-1', 'deck', 'topic', 0, 1, 0, 2, NULL, 8.2956, 1.0,"
                " '2025-03-09 10:00:00', '2025-03-01 10:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO reviews (learner_id, question_id, deck, origin, rating, reviewed_at,"
                " day, before_state, after_state, after_stability, after_difficulty, after_due,"
                " after_last_review) VALUES (1, 'q-1', 'deck', 'study', 4, '2025-03-01 10:00:00',"
                " '2025-03-01', 0, 2, 8.2956, 1.0, '2025-03-09 10:00:00', '2025-03-01 10:00:00')"
            )
        )
    engine.dispose()

    store = Store.open(url)
    try:
        assert revision_of(store) == "0004"
        [ann] = store.learners()
        assert (ann.name, ann.created_at) == ("Ann", datetime(2025, 3, 1, 10, tzinfo=UTC))
        assert store.for_learner(ann.id).settings == StudySettings()
        card = store.for_learner(ann.id).card("q-1")
        assert card.schedule.state is CardState.REVIEW
        assert card.schedule.due == datetime(2025, 3, 9, 10, tzinfo=UTC)
        [old] = store.for_learner(ann.id).history("q-1")
        assert old.rating is fsrs.Rating.Easy
        assert store.for_learner(ann.id).rebuild_cards() == 0
        store.for_learner(ann.id, StudySettings()).review("q-1", fsrs.Rating.Good, NOW)
        assert store.for_learner(ann.id, StudySettings()).undo(NOW).reviewed_at == NOW
        assert store.for_learner(ann.id).card("q-1") == card
    finally:
        store.close()


def test_reopening_an_up_to_date_database_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    first = Store.open(url)
    first.create_learner("Ann", NOW)
    first.close()
    again = Store.open(url)
    try:
        assert [learner.name for learner in again.learners()] == ["Ann"]
    finally:
        again.close()


def test_a_database_from_a_newer_factdeck_is_refused_with_a_clear_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'newer.sqlite3'}"
    Store.open(url).close()
    engine = connect(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(DatabaseError) as raised:
        Store.open(url)
    assert "was written by a newer Factdeck (schema revision 0099)" in str(raised.value)
    assert "update Factdeck to open it" in str(raised.value)


def test_a_file_that_is_not_a_database_is_refused_with_a_clear_message(tmp_path):
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(DatabaseError) as raised:
        Store.open(f"sqlite:///{bad}")
    assert str(raised.value).startswith(f"cannot open the database sqlite:///{bad}: ")
    assert "FACTDECK_DATABASE_URL" in str(raised.value)


def test_an_unusable_location_or_url_is_refused_with_a_clear_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(DatabaseError, match="cannot create the folder for the database"):
        Store.open(f"sqlite:///{blocker / 'sub' / 'p.sqlite3'}")
    with pytest.raises(DatabaseError, match="cannot read the database URL 'not a url'"):
        Store.open("not a url")
