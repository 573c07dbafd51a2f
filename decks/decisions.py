"""The typed form of a teacher's review decisions (reviews.yaml, read by `decks.reviews`).

A deck carries its decisions (`Deck.reviews`) so that every bank built from it applies them;
these types import nothing else of the deck layer so that `decks.model` can hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cached_property


class Verdict(StrEnum):
    """What a person decided about one question."""

    APPROVED = "approved"
    """Fit to hand out as it stands."""
    RETIRED = "retired"
    """Never to appear again: left out of the bank, every quiz and every export."""
    EDITED = "edited"
    """Handed out with the teacher's text; an edit counts as the teacher's approval of it."""


@dataclass(frozen=True)
class Edit:
    """A teacher's wording of one question in one language: each field given replaces the
    generated one, each left as None keeps it.

    `options` are in the order the bank shows them, and the option in the answer's place stays
    the answer; `accepted` lists every form a typed answer or fill in the blank item accepts.
    """

    lang: str
    stem: str | None = None
    options: tuple[str, ...] | None = None
    accepted: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Decision:
    """One decision on one question, with who made it and when."""

    question: str
    verdict: Verdict
    by: str
    at: datetime | None = None
    """An aware UTC time; None only before `record` stamps it."""
    reason: str = ""
    """Why a question was retired (required then, empty otherwise)."""
    edit: Edit | None = None
    """The new wording (required for an edit, None otherwise)."""
    line: int = 0
    """The line of reviews.yaml the decision was read from; 0 before it is written."""


@dataclass(frozen=True)
class Reviews:
    """Every decision of a deck, one per question (the last in the file wins), by question id."""

    decisions: tuple[Decision, ...] = ()
    file: str = ""
    """The file as messages name it (`far-east-1920-1925/reviews.yaml`); empty without one."""

    @cached_property
    def by_question(self) -> dict[str, Decision]:
        return {d.question: d for d in self.decisions}

    def of(self, question_id: str) -> Decision | None:
        return self.by_question.get(question_id)

    def __len__(self) -> int:
        return len(self.decisions)

    @property
    def any_approved(self) -> bool:
        """Whether a person approved (or edited) any question: quizzes then draw only from
        approved questions unless their spec says otherwise."""
        return any(d.verdict is not Verdict.RETIRED for d in self.decisions)
