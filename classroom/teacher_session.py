"""A sign-in carried across reloads: a token the server signs, never the password.

It began as the teacher's (one shared password); a school server's accounts use the same tokens,
each naming its `subject` (`teacher`, or `account:<number>`), so a token signed for one subject
proves nothing for another.

A reload opens a new Streamlit session, which forgets that its browser signed in. The browser
keeps instead `<expiry>.<signature>`, an HMAC-SHA256 over the expiry and a hash of the current
password under a random server secret: it proves a sign-in happened and when it stops counting
(12 hours on), lets nobody learn the password, and stops working when the password or the
secret changes. The secret is a file in the data folder, made on first use and readable by its
owner only, so every server process on that folder accepts the same tokens.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

LIFETIME = timedelta(hours=12)
SECRET_FILE = "teacher-session.key"
SECRET_BYTES = 32
TEACHER = "teacher"
"""The subject of the shared teacher password's tokens."""


def password_badge(password: str) -> str:
    """What a token is bound to: changing the password signs every browser out."""
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def sign(secret: bytes, badge: str, now: datetime, subject: str = TEACHER) -> str:
    """A token valid until `now` + LIFETIME for `subject` while its password's badge is `badge`."""
    expires = int((now + LIFETIME).timestamp())
    return f"{expires}.{_mac(secret, subject, badge, expires)}"


def valid(token: str, secret: bytes, badge: str, now: datetime, subject: str = TEACHER) -> bool:
    """Whether `token` (from the browser, so anything at all) was signed here for this subject
    and password and has not expired; compared in constant time."""
    expires_text, _, signature = token.partition(".")
    if not (expires_text.isascii() and expires_text.isdigit() and len(expires_text) <= 12):
        return False
    expires = int(expires_text)
    if expires <= now.timestamp():
        return False
    return hmac.compare_digest(signature, _mac(secret, subject, badge, expires))


def _mac(secret: bytes, subject: str, badge: str, expires: int) -> str:
    message = f"factdeck-{subject}|{expires}|{badge}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def server_secret(folder: Path) -> bytes:
    """The secret in `folder`, created (owner-only, written once, never replaced) if missing:
    two processes starting together both end up reading the one that was written first."""
    path = folder / SECRET_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(handle, "wb") as out:
                out.write(secrets.token_bytes(SECRET_BYTES))
    secret = path.read_bytes()
    return secret if len(secret) == SECRET_BYTES else _replaced(path)


def _replaced(path: Path) -> bytes:
    """A secret file cut short (a crash while it was written): start a new one, which signs
    out whoever held a token, the safe side."""
    path.unlink(missing_ok=True)
    return server_secret(path.parent)
