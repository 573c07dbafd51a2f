"""The teacher's password: where it comes from and how it is checked.

It is read from the environment of the server (`FACTDECK_TEACHER_PASSWORD`), else from
`teacher_password` in Streamlit's secrets file (`.streamlit/secrets.toml`), and compared in
constant time so that response timing tells a guesser nothing.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from classroom import throttle
from classroom.errors import TeacherPasswordMissing

TEACHER_PASSWORD_VARIABLE = "FACTDECK_TEACHER_PASSWORD"
SECRETS_KEY = "teacher_password"
NOT_SET = (
    "No teacher password is set, so the teacher pages are closed. Set the environment variable"
    f" {TEACHER_PASSWORD_VARIABLE} before starting Factdeck (e.g."
    f' `{TEACHER_PASSWORD_VARIABLE}=... make run`), or add `{SECRETS_KEY} = "..."` to'
    " .streamlit/secrets.toml, then restart the app."
)


def teacher_password(env: Mapping[str, str], secrets: Mapping[str, Any]) -> str:
    """The configured password; TeacherPasswordMissing when neither place sets one."""
    password = env.get(TEACHER_PASSWORD_VARIABLE, "")
    if not password.strip():
        found = secrets.get(SECRETS_KEY, "")
        password = found if isinstance(found, str) else ""
    if not password.strip():
        raise TeacherPasswordMissing(NOT_SET)
    return password


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def check_login(
    connection: Connection, given: str, expected: str, client: str | None, now: datetime
) -> bool:
    """Whether `given` is the teacher's password, counting wrong ones per address in the
    database (inside the caller's write). While the address must wait, Throttled is raised and
    `given` is not compared."""
    throttle.guard(connection, throttle.TEACHER_LOGIN, client, now)
    if password_matches(given, expected):
        throttle.succeeded(connection, throttle.TEACHER_LOGIN, client)
        return True
    throttle.failed(connection, throttle.TEACHER_LOGIN, client, now)
    return False
