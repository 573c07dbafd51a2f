"""Personal or school server: the one setting that decides whether anyone signs in.

`factdeck serve --server` passes it to every app process in the environment, where a setting
in a file could not differ between two servers started from one installation.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from accounts.errors import AccountError

MODE_VARIABLE = "FACTDECK_MODE"


class Mode(StrEnum):
    PERSONAL = "personal"
    """One person's computer: no sign-in, any learner can be picked (the default)."""
    SERVER = "server"
    """A school server: everyone signs in and sees only their own progress."""


def mode(env: Mapping[str, str]) -> Mode:
    """The mode `env` asks for; a value that is neither refuses rather than guessing, since
    guessing `personal` would open every learner's progress to everyone on a server."""
    value = env.get(MODE_VARIABLE, "").strip().lower() or Mode.PERSONAL.value
    try:
        return Mode(value)
    except ValueError:
        raise AccountError(
            f"{MODE_VARIABLE} is {value!r}: set it to 'personal' or 'server'",
            key="mode_unknown",
            value=value,
        ) from None
