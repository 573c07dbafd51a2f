"""Study settings, the study day and where the database lives."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from study.day import study_day
from study.errors import SettingsError
from study.location import database_url, default_database_path
from study.settings import StudySettings, format_steps, parse_steps


def test_defaults_follow_anki_and_py_fsrs():
    settings = StudySettings()
    assert settings.desired_retention == 0.9
    assert format_steps(settings.learning_steps) == "1m 10m"
    assert format_steps(settings.relearning_steps) == "10m"
    assert (settings.new_per_day, settings.reviews_per_day, settings.day_starts_at) == (20, 200, 4)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"desired_retention": 0.5}, "desired retention must be between 0.70 and 0.99"),
        ({"new_per_day": -1}, "new cards per day must be between 0 and 9999"),
        ({"reviews_per_day": 100000}, "reviews per day must be between 0 and 99999"),
        ({"day_starts_at": 24}, "the day must start at an hour between 0 and 23"),
        ({"maximum_interval": 0}, "maximum interval must be between 1 and 36500 days"),
        (
            {"timezone": "Mars/Olympus"},
            "unknown time zone 'Mars/Olympus': use an IANA name such as Europe/Moscow",
        ),
        ({"content_languages": ()}, "choose at least one content language"),
        (
            {"learning_steps": (timedelta(0),)},
            "learning and relearning steps must be longer than zero",
        ),
    ],
)
def test_out_of_range_settings_are_refused_with_exact_messages(changes, message):
    with pytest.raises(SettingsError) as raised:
        StudySettings().with_changes(**changes)
    assert str(raised.value) == message


def test_settings_round_trip_through_json_and_ignore_unknown_keys():
    settings = StudySettings(
        desired_retention=0.85,
        learning_steps=(timedelta(seconds=30), timedelta(hours=1)),
        timezone="Asia/Vladivostok",
        content_languages=("en", "ru"),
    )
    record = settings.to_dict()
    assert record["learning_steps"] == [30, 3600]
    assert StudySettings.from_dict({**record, "setting_from_the_future": 1}) == settings
    assert StudySettings.from_dict({"new_per_day": 5}) == StudySettings(new_per_day=5)


def test_steps_are_written_as_anki_writes_them():
    assert parse_steps("1m 10m") == (timedelta(minutes=1), timedelta(minutes=10))
    assert parse_steps("30s, 2h 1d") == (
        timedelta(seconds=30),
        timedelta(hours=2),
        timedelta(days=1),
    )
    assert parse_steps("") == ()
    assert format_steps(parse_steps("90s 120m 48h")) == "90s 2h 2d"
    with pytest.raises(SettingsError) as raised:
        parse_steps("1m ten")
    assert str(raised.value) == (
        "cannot read the step 'ten': write numbers with s, m, h or d, like 1m 10m"
    )


def test_the_study_day_turns_at_four_in_the_learners_time_zone():
    # Moscow is UTC+3 all year: 03:59 local still belongs to the day before.
    before = study_day(datetime(2025, 3, 11, 0, 59, tzinfo=UTC), "Europe/Moscow", 4)
    after = study_day(datetime(2025, 3, 11, 1, 0, tzinfo=UTC), "Europe/Moscow", 4)
    assert before.day == date(2025, 3, 10)
    assert after.day == date(2025, 3, 11)
    assert before.ends == after.starts == datetime(2025, 3, 11, 1, 0, tzinfo=UTC)
    assert after.starts.tzinfo is UTC


def test_a_study_day_across_a_clock_change_is_23_hours_long():
    # New York moves its clocks forward at 2 am on 9 March 2025, inside the day of 8 March.
    day = study_day(datetime(2025, 3, 8, 12, tzinfo=UTC), "America/New_York", 4)
    assert day.day == date(2025, 3, 8)
    assert day.ends - day.starts == timedelta(hours=23)


def test_study_day_needs_an_aware_clock():
    with pytest.raises(ValueError, match="timezone-aware"):
        study_day(datetime(2025, 1, 1), "UTC", 4)


def test_the_database_is_a_per_user_file_unless_the_url_is_set():
    home = Path("/home/ann")
    assert default_database_path({}, home) == home / ".local/share/factdeck/factdeck.sqlite3"
    assert default_database_path({"XDG_DATA_HOME": "/data"}, home) == Path(
        "/data/factdeck/factdeck.sqlite3"
    )
    # The XDG spec says relative paths are invalid and must be ignored.
    assert (
        default_database_path({"XDG_DATA_HOME": "rel"}, home).parent.parent == home / ".local/share"
    )
    assert database_url({}, home) == "sqlite:////home/ann/.local/share/factdeck/factdeck.sqlite3"
    url = "postgresql://factdeck@db.school.example/factdeck"
    assert database_url({"FACTDECK_DATABASE_URL": url}, home) == url
