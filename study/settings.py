"""A learner's study settings: retention, steps, daily limits, day boundary, languages and
the FSRS parameters their own reviews gave (`study.optimising`)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from study.errors import SettingsError

_STEP = re.compile(r"^(\d+)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_LANGUAGE = re.compile(r"^[a-z]{2}$")
PARAMETER_COUNT = 21
"""FSRS-6's parameters, the model both `fsrs` and the optimiser use."""


@dataclass(frozen=True)
class StudySettings:
    """Everything that shapes one learner's schedule; stored per learner as JSON.

    Defaults follow Anki and py-fsrs: 90% retention, learning steps 1m 10m, relearning 10m,
    20 new cards and 200 reviews a day, the day starting at 4 am, FSRS-6's default parameters
    (`parameters` None) until the learner's own reviews give better ones.
    """

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval: int = 36500
    new_per_day: int = 20
    reviews_per_day: int = 200
    day_starts_at: int = 4
    timezone: str = "UTC"
    interface_language: str = "en"
    content_languages: tuple[str, ...] = ("en",)
    parameters: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        if not 0.7 <= self.desired_retention <= 0.99:
            raise SettingsError(
                "desired retention must be between 0.70 and 0.99", key="settings_retention"
            )
        if not 1 <= self.maximum_interval <= 36500:
            raise SettingsError(
                "maximum interval must be between 1 and 36500 days",
                key="settings_maximum_interval",
            )
        if not 0 <= self.new_per_day <= 9999:
            raise SettingsError(
                "new cards per day must be between 0 and 9999", key="settings_new_per_day"
            )
        if not 0 <= self.reviews_per_day <= 99999:
            raise SettingsError(
                "reviews per day must be between 0 and 99999", key="settings_reviews_per_day"
            )
        if not 0 <= self.day_starts_at <= 23:
            raise SettingsError(
                "the day must start at an hour between 0 and 23", key="settings_day_start"
            )
        for step in (*self.learning_steps, *self.relearning_steps):
            if step <= timedelta(0):
                raise SettingsError(
                    "learning and relearning steps must be longer than zero",
                    key="settings_steps_zero",
                )
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"unknown time zone {self.timezone!r}: use an IANA name such as Europe/Moscow",
                key="settings_time_zone",
                zone=self.timezone,
            ) from None
        if not _LANGUAGE.match(self.interface_language):
            raise SettingsError(
                "the interface language must be a two-letter code such as en",
                key="settings_interface_language",
            )
        if self.parameters is not None and len(self.parameters) != PARAMETER_COUNT:
            raise SettingsError(
                f"FSRS takes {PARAMETER_COUNT} parameters, not {len(self.parameters)}",
                key="settings_parameters",
                count=PARAMETER_COUNT,
            )
        if not self.content_languages:
            raise SettingsError(
                "choose at least one content language", key="settings_no_content_language"
            )
        for language in self.content_languages:
            if not _LANGUAGE.match(language):
                raise SettingsError(
                    f"content language {language!r} is not a two-letter code",
                    key="settings_content_language",
                    language=language,
                )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping; steps are whole seconds."""
        record = asdict(self)
        record["learning_steps"] = [int(s.total_seconds()) for s in self.learning_steps]
        record["relearning_steps"] = [int(s.total_seconds()) for s in self.relearning_steps]
        record["content_languages"] = list(self.content_languages)
        record["parameters"] = None if self.parameters is None else list(self.parameters)
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> StudySettings:
        """Settings from stored JSON: unknown keys are ignored and missing ones take defaults.

        That keeps a database written by an older or newer Factdeck readable.
        """
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in record.items() if key in known}
        for key in ("learning_steps", "relearning_steps"):
            if key in values:
                values[key] = tuple(timedelta(seconds=int(s)) for s in values[key])
        if "content_languages" in values:
            values["content_languages"] = tuple(values["content_languages"])
        if values.get("parameters") is not None:
            values["parameters"] = tuple(float(w) for w in values["parameters"])
        return cls(**values)

    def with_changes(self, **changes: Any) -> StudySettings:
        """A validated copy with some settings changed."""
        return replace(self, **changes)


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """Steps as Anki writes them: `1m 10m`, `30s 5m 1h`, `1d` (an empty text means none)."""
    steps = []
    for token in text.replace(",", " ").split():
        match = _STEP.match(token.strip().lower())
        if not match or int(match.group(1)) == 0:
            raise SettingsError(
                f"cannot read the step {token!r}: write numbers with s, m, h or d, like 1m 10m",
                key="settings_step_unreadable",
                step=token,
            )
        steps.append(timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)]))
    return tuple(steps)


def format_steps(steps: tuple[timedelta, ...]) -> str:
    """The inverse of `parse_steps`, using the largest unit that divides each step."""
    words = []
    for step in steps:
        seconds = int(step.total_seconds())
        for unit in ("d", "h", "m", "s"):
            if seconds % _UNIT_SECONDS[unit] == 0:
                words.append(f"{seconds // _UNIT_SECONDS[unit]}{unit}")
                break
    return " ".join(words)
