"""An account as the pages and the command line hold it: no password, nor its hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    LEARNER = "learner"
    TEACHER = "teacher"
    """A learner too (with progress of their own), who also opens the Teach pages."""


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    learner_id: int
    role: Role
    email: str | None
    created_at: datetime
    badge: str
    """What a sign-in token is bound to (`classroom.teacher_session`): a digest of the password
    hash and the role, so a new password or role signs every browser of the account out."""

    @property
    def subject(self) -> str:
        """The subject its sign-in tokens are signed for."""
        return f"account:{self.id}"

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.TEACHER
