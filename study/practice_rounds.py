"""Practice rounds kept in the progress database: the items drawn and every answer given.

A round lives here rather than only in the browser's session so that a reload, or the address
opened again later, takes the learner back to the question they were on. Every answer is kept,
including those on flashcards practice left new because the day's new cards were used up (see
`study.practice.record_practice`): the attempt is recorded without pulling the card into study.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, insert, select

from study.database import inserted_id, writing
from study.schema import practice_answers, practice_rounds


@dataclass(frozen=True)
class RoundAnswer:
    """One answer in a round: right or wrong, and what it did to the learner's flashcards."""

    correct: bool
    reviewed: int
    kept_new: int


@dataclass(frozen=True)
class PracticeRound:
    id: int
    deck: str
    question_ids: tuple[str, ...]
    started_at: datetime
    answers: dict[str, RoundAnswer] = field(default_factory=dict)

    @property
    def next_index(self) -> int:
        """Where the learner takes up the round: its first item not answered yet."""
        return next(
            (n for n, item in enumerate(self.question_ids) if item not in self.answers),
            len(self.question_ids),
        )


def start_round(
    engine: Engine, learner_id: int, deck: str, question_ids: Sequence[str], now: datetime
) -> PracticeRound:
    """Keep a newly drawn round; returns it with its number."""
    with writing(engine) as connection:
        round_id = inserted_id(
            connection.execute(
                insert(practice_rounds).values(
                    learner_id=learner_id,
                    deck=deck,
                    question_ids=json.dumps(list(question_ids)),
                    started_at=now,
                )
            )
        )
    return PracticeRound(round_id, deck, tuple(question_ids), now)


def load_round(engine: Engine, learner_id: int, round_id: int) -> PracticeRound | None:
    """The learner's round numbered `round_id` with its answers; None when the learner has no
    such round (a number from an address is anyone's to type)."""
    with engine.connect() as connection:
        row = connection.execute(
            select(practice_rounds).where(
                practice_rounds.c.id == round_id, practice_rounds.c.learner_id == learner_id
            )
        ).first()
        if row is None:
            return None
        answers = connection.execute(
            select(practice_answers).where(practice_answers.c.round_id == round_id)
        ).all()
    return PracticeRound(
        row.id,
        row.deck,
        tuple(json.loads(row.question_ids)),
        row.started_at,
        {a.question_id: RoundAnswer(a.correct, a.reviewed, a.kept_new) for a in answers},
    )


def record_answer(
    engine: Engine,
    learner_id: int,
    round_id: int,
    question_id: str,
    answer: RoundAnswer,
    now: datetime,
) -> bool:
    """Keep the answer to one item of the learner's round; returns False, keeping nothing, when
    the item was answered already (a second click) or the round is not the learner's."""
    with writing(engine) as connection:
        owner = connection.execute(
            select(practice_rounds.c.learner_id).where(practice_rounds.c.id == round_id)
        ).scalar()
        answered = connection.execute(
            select(practice_answers.c.id).where(
                practice_answers.c.round_id == round_id,
                practice_answers.c.question_id == question_id,
            )
        ).first()
        if owner != learner_id or answered is not None:
            return False
        connection.execute(
            insert(practice_answers).values(
                round_id=round_id,
                question_id=question_id,
                correct=answer.correct,
                reviewed=answer.reviewed,
                kept_new=answer.kept_new,
                answered_at=now,
            )
        )
    return True
