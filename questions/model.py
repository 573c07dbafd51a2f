"""What a generated question is. Study, classroom and every exporter read only these types.

This module is the contract between `questions/` and its consumers: add fields freely, but do
not rename or remove one without updating study/, classroom/ and exporters/.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from decks.frozen import quick_pickle


class Kind(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    TYPED = "typed"
    CLOZE = "cloze"
    ORDERING = "ordering"
    MATCHING = "matching"
    SOURCES_DIFFER = "sources_differ"
    FLASHCARD = "flashcard"


CHOICE_KINDS = (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER)
"""Kinds whose options are texts of their own, one of them the answer."""


@quick_pickle
@dataclass(frozen=True, slots=True)
class Cited:
    """A citation as a question carries it: the source, its title and the verbatim quote."""

    source: str
    quote: str
    title: str = ""
    page: str | None = None


@quick_pickle
@dataclass(frozen=True, slots=True)
class Question:
    """One generated item in one language.

    `answer` depends on the kind: the correct option text (multiple choice, sources differ),
    a bool (true/false), the canonical answer (typed, cloze, flashcard back), the events in
    their right order (ordering), or a mapping left -> right (matching).
    """

    id: str
    kind: Kind
    lang: str
    prompt: str
    answer: Any
    fact_ids: tuple[str, ...]
    topic: str
    sources: tuple[Cited, ...]
    difficulty: float
    options: tuple[str, ...] | None = None
    accepted: tuple[str, ...] = ()
    explanation: str = ""
    dispute: str | None = None
    template: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    approved: bool = False
    """Whether a person approved the item (or wrote its edited text) in the deck's reviews.yaml;
    an edited item also keeps the generated texts it replaced in `extra["original"]`."""

    def to_json(self) -> str:
        """One JSON Lines record with sorted keys, so the same bank gives the same bytes."""
        record = asdict(self)
        record["kind"] = self.kind.value
        return json.dumps(record, ensure_ascii=False, sort_keys=True)


def question_id(
    deck_id: str, fact_ids: tuple[str, ...], kind: Kind, lang: str, template: str
) -> str:
    """Stable id: the same deck, facts, kind, language and template always give the same id.

    Wording is not part of it, so correcting a fact's text keeps learners' progress and updates
    Anki notes in place instead of duplicating them.
    """
    key = "\x1f".join([deck_id, ",".join(fact_ids), kind.value, lang, template])
    return "q-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
