"""The accounts of a school server, kept in the study database beside the learners they own.

Every account owns exactly one learner's progress (a teacher's too). A wrong password is counted
in the database per address and per account (`classroom.throttle`), so every app process and
browser session sees the same counts. The count is checked and the outcome recorded in two
short transactions with the password check between them, outside any lock: Argon2 takes a
noticeable fraction of a second by design, and a class signing in at once must not queue behind
one lock for it. Guesses sent in parallel can thus pass on one count; each is still recorded,
so the next one waits.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from accounts import identity, passwords
from accounts.errors import AccountError
from accounts.records import Account, Role
from classroom import throttle
from classroom.database import migrate as migrate_classroom
from study.database import AnyRow, connect, inserted_id, migrate, writing
from study.errors import LearnerError
from study.schema import accounts, learners
from study.store import Store

WRONG = "wrong name or password"


class Accounts:
    """The accounts in one database. Thread-safe: each call takes its own pooled connection."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Accounts:
        """Open the database at `url`, bringing the study tables (accounts among them) and the
        classroom's (the wrong-password counts) to their newest revision."""
        engine = connect(url)
        migrate(engine)
        migrate_classroom(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # Reading

    def all(self) -> list[Account]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(accounts).order_by(accounts.c.name)).all()
        return [_account(row) for row in rows]

    def get(self, account_id: int) -> Account | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts).where(accounts.c.id == account_id)).first()
        return None if row is None else _account(row)

    def named(self, name: str) -> Account:
        """The account called `name` (spaces as names keep them); AccountError if none is."""
        name = " ".join(name.split())
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts).where(accounts.c.name == name)).first()
        if row is None:
            raise AccountError(
                f"there is no account called {name!r}", key="account_unknown", name=name
            )
        return _account(row)

    # Creating

    def add(
        self,
        name: str,
        password: str | None,
        role: Role,
        now: datetime,
        email: str | None = None,
    ) -> Account:
        """A new account called `name`, owning the learner of that name (made now if there is
        none yet, so progress studied before the server had accounts is kept). With no
        `password` it signs in only through the identity provider, as `email`."""
        password_hash = None if password is None else passwords.hashed(passwords.checked(password))
        address = None if email is None else identity.normalised_email(email)
        store = Store(self.engine)
        name = " ".join(name.split())
        learner_id = self._learner_named(name)
        if learner_id is None:
            try:
                learner_id = store.create_learner(name, now).id
            except LearnerError as error:
                if error.key != "learner_name_taken":  # empty or too long: say so
                    raise
                learner_id = self._learner_named(name)  # made meanwhile by another process
        try:
            with writing(self.engine) as connection:
                account_id = inserted_id(
                    connection.execute(
                        insert(accounts).values(
                            name=name,
                            learner_id=learner_id,
                            role=role.value,
                            password_hash=password_hash,
                            email=address,
                            created_at=now,
                            password_changed_at=None if password is None else now,
                        )
                    )
                )
        except IntegrityError:
            raise AccountError(
                f"there is already an account called {name!r} or for its email",
                key="account_exists",
                name=name,
            ) from None
        account = self.get(account_id)
        assert account is not None  # committed just above
        return account

    def for_email(self, email: object, now: datetime) -> Account:
        """The account of the identity provider's user with `email`, made as a learner's on
        their first sign-in (see `accounts.identity`)."""
        address = identity.normalised_email(email)
        with self.engine.connect() as connection:
            row = connection.execute(select(accounts).where(accounts.c.email == address)).first()
        if row is not None:
            return _account(row)
        try:
            return self.add(identity.account_name(address), None, Role.LEARNER, now, address)
        except AccountError as error:
            with self.engine.connect() as connection:  # the same user, signing in twice at once
                row = connection.execute(
                    select(accounts).where(accounts.c.email == address)
                ).first()
            if row is None:
                raise error from None
            return _account(row)

    # Passwords

    def sign_in(self, name: str, password: str, client: str | None, now: datetime) -> Account:
        """The account `name` when `password` is its own; AccountError otherwise (the same one
        for an unknown name), Throttled while this address or this account must wait."""
        name = " ".join(name.split())
        with writing(self.engine) as connection:
            throttle.guard(connection, throttle.SIGN_IN, client, now)
            row = connection.execute(select(accounts).where(accounts.c.name == name)).first()
            if row is not None:
                throttle.guard(connection, throttle.ACCOUNT_PASSWORD, client, now, within=row.id)
        right = passwords.matches(None if row is None else row.password_hash, password)
        with writing(self.engine) as connection:
            if row is None or not right:
                throttle.failed(connection, throttle.SIGN_IN, client, now)
                if row is not None:
                    throttle.failed(
                        connection, throttle.ACCOUNT_PASSWORD, client, now, within=row.id
                    )
            else:
                throttle.succeeded(connection, throttle.ACCOUNT_PASSWORD, client, within=row.id)
                if passwords.needs_rehash(row.password_hash):
                    connection.execute(
                        update(accounts)
                        .where(accounts.c.id == row.id)
                        .values(password_hash=passwords.hashed(password))
                    )
        if row is None or not right:
            raise AccountError(WRONG, key="sign_in_wrong")
        account = self.get(row.id)
        assert account is not None  # accounts are never deleted
        return account

    def change_password(
        self, account_id: int, current: str, new: str, client: str | None, now: datetime
    ) -> Account:
        """Set the account's own new password once `current` proves it is theirs (a browser
        left signed in is not enough); wrong ones count as wrong sign-ins."""
        passwords.checked(new)
        account = self.get(account_id)
        if account is None:
            raise AccountError(
                f"there is no account number {account_id}", key="account_unknown", name=account_id
            )
        try:
            self.sign_in(account.name, current, client, now)
        except AccountError:
            raise AccountError(
                "the current password is wrong", key="current_password_wrong"
            ) from None
        return self.set_password(account_id, new, now)

    def set_password(self, account_id: int, new: str, now: datetime) -> Account:
        """Replace the account's password, unasked for the old one (a teacher resetting a
        learner's, or the operator's command line); every browser signed in to it is signed out."""
        password_hash = passwords.hashed(passwords.checked(new))
        with writing(self.engine) as connection:
            changed = connection.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(password_hash=password_hash, password_changed_at=now)
            ).rowcount
        account = self.get(account_id)
        if not changed or account is None:
            raise AccountError(
                f"there is no account number {account_id}", key="account_unknown", name=account_id
            )
        return account

    def _learner_named(self, name: str) -> int | None:
        with self.engine.connect() as connection:
            found: int | None = connection.execute(
                select(learners.c.id).where(learners.c.name == name)
            ).scalar()
        return found


def _account(row: AnyRow) -> Account:
    role = Role(row.role)
    badge = hashlib.sha256(f"{role.value}|{row.password_hash or ''}".encode()).hexdigest()
    return Account(row.id, row.name, row.learner_id, role, row.email, row.created_at, badge)
