"""How many items a bank holds per kind, language and topic (what `factdeck build` prints)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from questions.bank import QuestionBank


@dataclass(frozen=True)
class BankCounts:
    total: int
    kinds: dict[str, int]
    langs: dict[str, int]
    topics: dict[str, int]
    """In the deck's topic order; topics without items are left out."""


def count(bank: QuestionBank) -> BankCounts:
    kinds = Counter(q.kind.value for q in bank.questions)
    langs = Counter(q.lang for q in bank.questions)
    topics = Counter(q.topic for q in bank.questions)
    return BankCounts(
        total=len(bank.questions),
        kinds=dict(sorted(kinds.items())),
        langs={lang: langs[lang] for lang in bank.deck.languages if langs[lang]},
        topics={t.id: topics[t.id] for t in bank.deck.topics if topics[t.id]},
    )
