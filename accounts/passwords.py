"""Password hashes: Argon2id through argon2-cffi, with the library's current parameters.

A hash carries its own parameters, so a hash made with older ones still verifies and is
replaced at the next right sign-in (`needs_rehash`).
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from accounts.errors import AccountError

MIN_LENGTH = 8
MAX_LENGTH = 256
"""Longer than any password a person types; a bound keeps a huge paste from costing the server."""


def checked(password: str) -> str:
    """`password` if it may be set as a new password, else AccountError saying why."""
    if len(password) < MIN_LENGTH:
        raise AccountError(
            f"a password needs at least {MIN_LENGTH} characters",
            key="password_too_short",
            limit=MIN_LENGTH,
        )
    if len(password) > MAX_LENGTH:
        raise AccountError(
            f"a password can be at most {MAX_LENGTH} characters long",
            key="password_too_long",
            limit=MAX_LENGTH,
        )
    return password


def hashed(password: str) -> str:
    return _hasher().hash(password)


def matches(stored: str | None, given: str) -> bool:
    """Whether `given` is the password `stored` was made from. With no hash (an account that
    signs in through the identity provider, or no account at all) a hash is still verified, so
    the answer takes as long either way and says nothing about which names exist."""
    if stored is None:
        _verified(_stand_in(), given)
        return False
    return _verified(stored, given)


def _verified(stored: str, given: str) -> bool:
    try:
        return _hasher().verify(stored, given)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher().check_needs_rehash(stored)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _stand_in() -> str:
    """A hash to spend the time of a check on when there is nothing to check against."""
    return _hasher().hash("factdeck")
