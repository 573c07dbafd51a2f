"""The teacher's sign-in token: valid for 12 hours for one password and one server secret,
and nothing a browser can forge or stretch."""

import os
import stat
from datetime import UTC, datetime, timedelta

from classroom.teacher_session import (
    LIFETIME,
    SECRET_FILE,
    password_badge,
    server_secret,
    sign,
    valid,
)

NOW = datetime(2025, 11, 24, 9, 0, tzinfo=UTC)
SECRET = b"s" * 32
BADGE = password_badge("correct horse")


def test_a_token_holds_for_twelve_hours_and_not_a_second_more():
    token = sign(SECRET, BADGE, NOW)
    assert valid(token, SECRET, BADGE, NOW)
    assert valid(token, SECRET, BADGE, NOW + LIFETIME - timedelta(seconds=1))
    assert not valid(token, SECRET, BADGE, NOW + LIFETIME)
    assert LIFETIME == timedelta(hours=12)


def test_a_token_carries_no_password_and_fails_for_another_password_or_secret():
    token = sign(SECRET, BADGE, NOW)
    assert "correct" not in token and BADGE not in token
    assert not valid(token, SECRET, password_badge("new password"), NOW)
    assert not valid(token, b"t" * 32, BADGE, NOW)


def test_a_forged_or_stretched_token_is_refused():
    expires, signature = sign(SECRET, BADGE, NOW).split(".")
    later = str(int(expires) + 86_400)
    for forged in (f"{later}.{signature}", f"{expires}.{'0' * 64}", "", ".", "x.y", "9" * 40):
        assert not valid(forged, SECRET, BADGE, NOW), forged


def test_the_server_secret_is_made_once_owner_only_and_then_kept(tmp_path):
    folder = tmp_path / "data"
    first = server_secret(folder)
    assert len(first) == 32
    assert server_secret(folder) == first
    assert stat.S_IMODE(os.stat(folder / SECRET_FILE).st_mode) == 0o600
    (folder / SECRET_FILE).write_bytes(b"cut")
    assert server_secret(folder) not in (first, b"cut")
