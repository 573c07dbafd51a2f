"""How often a client may guess a password or join a quiz, counted in the database.

A pause kept in one browser session stops nobody: a guesser opens more sessions, or talks to
several app processes. So every wrong password and every join is a row in
`classroom_throttle` — its scope (`teacher-login`, `quiz-password`, `sign-in`,
`account-password`, `join`), the client's
address and the time — and each check counts those rows, whichever session or process wrote
them. The rules are pure functions of those times and `now`; the table only keeps the times.

While a client must wait, a password is refused without being compared, so a guesser learns
nothing from a guess made too soon. A right password clears its address's failures. Rows older
than the longest span any rule looks at are deleted as new ones are written.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, delete, func, insert, select, text

from classroom.errors import Throttled
from classroom.schema import throttle

TEACHER_LOGIN = "teacher-login"
QUIZ_PASSWORD = "quiz-password"
SIGN_IN = "sign-in"
"""Wrong account passwords per address, whichever account they were for."""
ACCOUNT_PASSWORD = "account-password"
"""Wrong passwords per account (`within` the account's number), whichever address sent them."""
JOIN = "join"
UNKNOWN = "unknown"
"""The address of a client Streamlit cannot name (a local browser): all such share one count."""
MAX_KEY = 64


@dataclass(frozen=True)
class Policy:
    """Limits on wrong passwords: per address, a few free, then a doubling pause, then a
    lockout; over all addresses together, a pause between guesses once too many came in."""

    window: timedelta
    """Failures older than this no longer count."""
    free: int
    """Failures in the window that cost nothing."""
    base: timedelta
    """The pause after the first failure beyond the free ones; it doubles with each further one."""
    cap: timedelta
    """The longest doubling pause."""
    lockout_after: int
    """This many failures within one window lock the address out..."""
    lockout: timedelta
    """...for this long after the last of them."""
    overall_after: int
    """Failures from all addresses in the window before every guess is slowed..."""
    overall_pause: timedelta
    """...to one per this long after the latest failure from anyone."""

    @property
    def horizon(self) -> timedelta:
        """How far back any rule looks (a lockout still running counts the window before its
        last failure): older rows can go."""
        return self.window + self.lockout


@dataclass(frozen=True)
class Rate:
    """At most `count` events per address in any `per`."""

    count: int
    per: timedelta


TEACHER_POLICY = Policy(
    window=timedelta(minutes=15),
    free=3,
    base=timedelta(seconds=1),
    cap=timedelta(minutes=1),
    lockout_after=10,
    lockout=timedelta(minutes=15),
    overall_after=100,
    overall_pause=timedelta(seconds=30),
)
"""The teacher's password opens every quiz and every result: few guesses, long lockout."""

QUIZ_POLICY = Policy(
    window=timedelta(minutes=15),
    free=10,
    base=timedelta(seconds=1),
    cap=timedelta(minutes=1),
    lockout_after=30,
    lockout=timedelta(minutes=15),
    overall_after=300,
    overall_pause=timedelta(seconds=10),
)
"""A quiz password only lets a student start the quiz, and a class behind one school address
mistypes it now and then: more room before the pauses start, still far from guessable."""

SIGN_IN_POLICY = Policy(
    window=timedelta(minutes=15),
    free=30,
    base=timedelta(seconds=1),
    cap=timedelta(minutes=1),
    lockout_after=100,
    lockout=timedelta(minutes=15),
    overall_after=1000,
    overall_pause=timedelta(seconds=5),
)
"""Account sign-ins from one address: a class behind one school address signs in together
and some mistype, so the address has room; a guesser trying name after name does not. A right
password clears nothing here (only its own account's count), so one known account does not
buy a guesser more guesses at the others."""

ACCOUNT_POLICY = Policy(
    window=timedelta(minutes=15),
    free=5,
    base=timedelta(seconds=1),
    cap=timedelta(minutes=1),
    lockout_after=20,
    lockout=timedelta(minutes=15),
    overall_after=10,
    overall_pause=timedelta(seconds=30),
)
"""One account's password: a few free mistakes per address, and once ten wrong guesses from
anywhere came in, one guess per 30 seconds at that account, so spreading guesses over many
addresses gains nothing."""

POLICIES = {
    TEACHER_LOGIN: TEACHER_POLICY,
    QUIZ_PASSWORD: QUIZ_POLICY,
    SIGN_IN: SIGN_IN_POLICY,
    ACCOUNT_PASSWORD: ACCOUNT_POLICY,
}

JOIN_RATE = Rate(count=120, per=timedelta(minutes=1))
"""Joins per address per minute: three classes of 40 behind one school address can all join
in the same minute; a flood of attempts from one address cannot."""

_LOCKS = {
    TEACHER_LOGIN: 0x74686C31,
    QUIZ_PASSWORD: 0x74686C32,
    SIGN_IN: 0x74686C33,
    ACCOUNT_PASSWORD: 0x74686C34,
}
"""PostgreSQL advisory lock per password scope: the count and the guess are one step."""


def wait(
    policy: Policy, mine: Sequence[datetime], everyone: Sequence[datetime], now: datetime
) -> timedelta:
    """How long the address must wait before its next guess (zero: it may guess now).

    `mine` are the address's failures, `everyone` the failures from all addresses (the
    address's included), any order; only those within the policy's spans matter.
    """
    until = now
    if mine:
        last = max(mine)
        recent = sum(1 for moment in mine if moment > now - policy.window)
        if recent >= policy.free:
            doublings = min(recent - policy.free, 30)  # beyond 2**30 the cap has long won
            until = max(until, last + min(policy.cap, policy.base * 2**doublings))
        burst = sum(1 for moment in mine if moment > last - policy.window)
        if burst >= policy.lockout_after:
            until = max(until, last + policy.lockout)
    overall = [moment for moment in everyone if moment > now - policy.window]
    if len(overall) >= policy.overall_after:
        until = max(until, max(overall) + policy.overall_pause)
    return until - now


def rate_wait(rate: Rate, events: Sequence[datetime], now: datetime) -> timedelta:
    """How long until the address may act again under `rate` (zero: now)."""
    recent = sorted(moment for moment in events if moment > now - rate.per)
    if len(recent) < rate.count:
        return timedelta(0)
    return recent[-rate.count] + rate.per - now


def client_key(address: str | None) -> str:
    """The key an address is counted under: an IPv6 client under its /64 network (one host
    holds many addresses of its network), an IPv4-mapped address as IPv4, none as `unknown`."""
    if not isinstance(address, str) or not address.strip():
        return UNKNOWN
    address = address.strip()
    try:
        parsed = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address[:MAX_KEY]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _counted_as(address: str | None, within: int | None) -> str:
    """The key failures are counted under: the client's, and for a quiz's or an account's
    password the quiz's or account's number too, so that knowing one password clears nothing of
    the guesses at another."""
    key = client_key(address)
    return key if within is None else f"{key[: MAX_KEY - 12]}#{within}"


def guard(
    connection: Connection,
    scope: str,
    address: str | None,
    now: datetime,
    within: int | None = None,
) -> None:
    """Refuse with Throttled while the address must wait before guessing in `scope` (at the
    quiz `within`, for quiz passwords: the overall limit then counts that quiz's guesses, so
    a flood of wrong guesses at one quiz holds no other class out).

    Call it inside the write transaction that will record the outcome, so that no two guesses
    pass on one count: SQLite's BEGIN IMMEDIATE already serialises writers; on PostgreSQL an
    advisory lock per scope does.
    """
    policy = POLICIES[scope]
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _LOCKS[scope]})
    key = _counted_as(address, within)
    since = now - policy.horizon
    rows = connection.execute(
        select(throttle.c.client, throttle.c.at).where(
            throttle.c.scope == scope, throttle.c.at > since
        )
    ).all()
    if within is not None:  # guesses at other quizzes slow nobody here
        rows = [row for row in rows if row.client.endswith(f"#{within}")]
    mine = [row.at for row in rows if row.client == key]
    left = wait(policy, mine, [row.at for row in rows], now)
    if left > timedelta(0):
        raise Throttled(
            f"too many wrong passwords: wait {_seconds(left)} seconds and try again",
            left,
        )


def failed(
    connection: Connection,
    scope: str,
    address: str | None,
    now: datetime,
    within: int | None = None,
) -> None:
    """Record a wrong password (and forget failures no rule looks at any more)."""
    _record(connection, scope, _counted_as(address, within), now, POLICIES[scope].horizon)


def succeeded(
    connection: Connection, scope: str, address: str | None, within: int | None = None
) -> None:
    """A right password: the address starts afresh there (other addresses' failures, and its
    own at other quizzes, still count)."""
    connection.execute(
        delete(throttle).where(
            throttle.c.scope == scope, throttle.c.client == _counted_as(address, within)
        )
    )


def admit_join(connection: Connection, address: str | None, now: datetime) -> None:
    """Count a join from `address`, or refuse it with Throttled when the address has joined
    `JOIN_RATE.count` times within `JOIN_RATE.per`. A refused join is not counted."""
    key = client_key(address)
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _key_lock(key)})
    joins = connection.execute(
        select(throttle.c.at).where(
            throttle.c.scope == JOIN,
            throttle.c.client == key,
            throttle.c.at > now - JOIN_RATE.per,
        )
    ).scalars()
    left = rate_wait(JOIN_RATE, list(joins), now)
    if left > timedelta(0):
        raise Throttled(
            f"too many joins from your address: wait {_seconds(left)} seconds and try again",
            left,
            key="joins_throttled",
        )
    _record(connection, JOIN, key, now, JOIN_RATE.per)


def failures(connection: Connection, scope: str) -> int:
    """How many failures of `scope` the table holds (for tests and the curious operator)."""
    return connection.execute(
        select(func.count()).select_from(throttle).where(throttle.c.scope == scope)
    ).scalar_one()


def _record(connection: Connection, scope: str, key: str, now: datetime, keep: timedelta) -> None:
    old = and_(throttle.c.scope == scope, throttle.c.at <= now - keep)
    connection.execute(delete(throttle).where(old))
    connection.execute(insert(throttle).values(scope=scope, client=key, at=now))


def _key_lock(key: str) -> int:
    digest = hashlib.sha256(f"{JOIN}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _seconds(span: timedelta) -> int:
    return max(1, math.ceil(span.total_seconds()))
