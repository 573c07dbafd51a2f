"""The bank as a reviewer works through it: every generated item with its decision and status.

A bank leaves retired items out; a reviewer must still see them (to bring one back), and see
an edit beside the text it replaced. `factdeck review DECK list` and a review page read this.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from decks.decisions import Decision
from decks.model import Deck
from questions.bank import generate
from questions.model import Kind, Question
from questions.reviewed import RefusedEdit, apply_decision


class Status(StrEnum):
    """Where an item stands in review; the values are the filters `factdeck review` takes."""

    NOT_REVIEWED = "not-reviewed"
    APPROVED = "approved"
    RETIRED = "retired"
    EDITED = "edited"


@dataclass(frozen=True)
class ReviewItem:
    """One generated item, what its decision makes of it, and its status."""

    generated: Question
    shown: Question | None
    """The item as the bank holds it: edited, approved; None when retired."""
    decision: Decision | None = None
    refused: RefusedEdit | None = None
    """An edit the gate refused: the item is shown as generated and counts as not reviewed."""

    @property
    def status(self) -> Status:
        if self.decision is None or self.refused is not None:
            return Status.NOT_REVIEWED
        return Status(self.decision.verdict.value)


def review_items(
    deck: Deck, seed: int = 0, langs: Iterable[str] | None = None
) -> tuple[ReviewItem, ...]:
    """Every item the generators give, in bank order, each with its decision applied."""
    items = []
    for question in generate(deck, seed, langs):
        decision = deck.reviews.of(question.id)
        applied = apply_decision(deck, question, decision)
        items.append(ReviewItem(question, applied.question, decision, applied.refused))
    return tuple(items)


def progress(items: Iterable[ReviewItem]) -> tuple[int, int]:
    """(reviewed, total): "312 of 1,592 reviewed"."""
    statuses = [item.status for item in items]
    return sum(s is not Status.NOT_REVIEWED for s in statuses), len(statuses)


def filtered(items: Iterable[ReviewItem], status: Status | None) -> tuple[ReviewItem, ...]:
    """The items of one status, or all of them."""
    return tuple(item for item in items if status is None or item.status is status)


@dataclass(frozen=True)
class ReviewFilter:
    """What a reviewer narrows the bank to; None (or False) lets everything through."""

    topic: str | None = None
    """A topic id; its subtopics' items match too, as a topic's page holds them."""
    kind: Kind | None = None
    lang: str | None = None
    status: Status | None = None
    flagged: bool = False
    """Only the items class results flag (`Classroom.flagged`)."""


def matching(
    items: Iterable[ReviewItem],
    deck: Deck,
    wanted: ReviewFilter,
    flagged: Collection[str] = (),
) -> tuple[ReviewItem, ...]:
    """The items `wanted` lets through, in bank order; `flagged` holds the flagged ids."""
    topics = deck.subtopics([wanted.topic]) if wanted.topic else None
    return tuple(
        item
        for item in filtered(items, wanted.status)
        if (topics is None or item.generated.topic in topics)
        and (wanted.kind is None or item.generated.kind is wanted.kind)
        and (wanted.lang is None or item.generated.lang == wanted.lang)
        and (not wanted.flagged or item.generated.id in flagged)
    )


__all__ = [
    "ReviewFilter",
    "ReviewItem",
    "Status",
    "filtered",
    "matching",
    "progress",
    "review_items",
]
