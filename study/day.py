"""The study day: like Anki's, it starts at a set hour (4 am) in the learner's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class StudyDay:
    """One study day and the UTC instants where it starts and ends (end excluded)."""

    day: date
    starts: datetime
    ends: datetime


def study_day(now: datetime, timezone: str, starts_at: int) -> StudyDay:
    """The study day that `now` (timezone-aware) falls in.

    A review at 1 am counts for the evening before, so a late session does not eat the next
    day's limits and cards due "tomorrow" do not appear after midnight.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    day = (local - timedelta(hours=starts_at)).date()
    return StudyDay(
        day=day,
        starts=day_start(day, zone, starts_at),
        ends=day_start(day + timedelta(days=1), zone, starts_at),
    )


def day_start(day: date, zone: ZoneInfo, starts_at: int) -> datetime:
    """The UTC instant where `day` begins in `zone`."""
    return datetime.combine(day, time(starts_at), zone).astimezone(UTC)
