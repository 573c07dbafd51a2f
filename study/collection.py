"""A learner's collection: which cards they hold, kept in step with a deck, looked up, and set
aside (buried until tomorrow, or suspended) without touching their schedules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from study.database import AnyRow, writing
from study.errors import CardError
from study.records import Card, CardSpec, SyncResult
from study.rows import card_of
from study.scheduling import CardState
from study.schema import cards

_BATCH = 5000
_LOOKUP_BATCH = 500


def sync_cards(engine: Engine, learner_id: int, deck: str, specs: Sequence[CardSpec]) -> SyncResult:
    """Make the learner's cards of `deck` exactly `specs`, keeping all progress.

    New ids are added as new cards; cards no longer in `specs` (another language chosen, a
    fact withdrawn) become inactive with their schedule kept, and come back as they were.
    """
    wanted = {spec.question_id: spec for spec in specs}
    with writing(engine) as connection:
        existing = {
            row.question_id: row
            for row in connection.execute(
                select(
                    cards.c.id,
                    cards.c.question_id,
                    cards.c.topic,
                    cards.c.position,
                    cards.c.active,
                ).where(cards.c.learner_id == learner_id, cards.c.deck == deck)
            )
        }
        added = [
            {
                "learner_id": learner_id,
                "question_id": spec.question_id,
                "deck": deck,
                "topic": spec.topic,
                "position": spec.position,
                "active": True,
                "suspended": False,
                "state": int(CardState.NEW),
            }
            for question_id, spec in wanted.items()
            if question_id not in existing
        ]
        changes = []
        activated = deactivated = 0
        for question_id, row in existing.items():
            spec = wanted.get(question_id)
            if spec is None:
                if row.active:
                    deactivated += 1
                    changes.append(
                        {
                            "_id": row.id,
                            "topic": row.topic,
                            "position": row.position,
                            "active": False,
                        }
                    )
            elif not row.active or (row.topic, row.position) != (spec.topic, spec.position):
                activated += not row.active
                changes.append(
                    {
                        "_id": row.id,
                        "topic": spec.topic,
                        "position": spec.position,
                        "active": True,
                    }
                )
        for start in range(0, len(added), _BATCH):
            connection.execute(insert(cards), added[start : start + _BATCH])
        if changes:
            connection.execute(
                update(cards)
                .where(cards.c.id == bindparam("_id"))
                .values(
                    topic=bindparam("topic"),
                    position=bindparam("position"),
                    active=bindparam("active"),
                ),
                changes,
            )
    return SyncResult(added=len(added), activated=activated, deactivated=deactivated)


def card(engine: Engine, learner_id: int, question_id: str) -> Card | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(cards).where(
                cards.c.learner_id == learner_id, cards.c.question_id == question_id
            )
        ).first()
    return None if row is None else card_of(row)


def cards_of(engine: Engine, learner_id: int, question_ids: Iterable[str]) -> dict[str, Card]:
    """The learner's cards among `question_ids` (those never synced are left out)."""
    ids = list(dict.fromkeys(question_ids))
    found: dict[str, Card] = {}
    with engine.connect() as connection:
        for start in range(0, len(ids), _LOOKUP_BATCH):
            rows = connection.execute(
                select(cards).where(
                    cards.c.learner_id == learner_id,
                    cards.c.question_id.in_(ids[start : start + _LOOKUP_BATCH]),
                )
            )
            found.update((row.question_id, card_of(row)) for row in rows)
    return found


def locked_card(connection: Connection, learner_id: int, question_id: str) -> AnyRow:
    """The card's row, locked for this write (CardError when the learner does not hold it)."""
    row = connection.execute(
        select(cards)
        .where(cards.c.learner_id == learner_id, cards.c.question_id == question_id)
        .with_for_update()
    ).first()
    if row is None:
        raise CardError(
            f"card {question_id} is not in this learner's collection: open the deck to add it",
            key="card_not_in_collection",
        )
    return row


def bury(engine: Engine, learner_id: int, question_id: str, until: date) -> None:
    """Hide a card from the queues until the study day `until`."""
    _set_flags(engine, learner_id, question_id, buried_until=until)


def suspend(engine: Engine, learner_id: int, question_id: str, suspended: bool = True) -> None:
    """Keep a card out of every queue until it is unsuspended; its schedule is kept."""
    _set_flags(engine, learner_id, question_id, suspended=suspended)


def _set_flags(engine: Engine, learner_id: int, question_id: str, **values: object) -> None:
    with writing(engine) as connection:
        row = locked_card(connection, learner_id, question_id)
        connection.execute(update(cards).where(cards.c.id == row.id).values(**values))
