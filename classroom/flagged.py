"""The items class results flag across every closed quiz on a deck: what a teacher reviewing
the deck's questions should look at again, with the figures behind each flag.

One quiz's class is often too small to flag an item with confidence (a likely wrong key needs
`analysis.MIN_KEY_RESPONSES` answers); the same question asked in several quizzes on the deck
pools its answers. A question id names the same question wherever it appears (it is a hash of
its content), so its answers can be pooled as they are: each attempt's mark on the item is
still compared with the rest of that attempt's own paper, as a percentage, and option counts
are in the question's own order in every quiz.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from classroom.analysis import Flag, ItemStats, ScoredAttempt, analyse


@dataclass(frozen=True)
class FlaggedItem:
    """One question with its pooled figures; `stats.flags` says why it is flagged."""

    stats: ItemStats
    quizzes: int
    """How many closed quizzes on the deck asked it in a finished attempt."""

    @property
    def question_id(self) -> str:
        return self.stats.question_id

    @property
    def flags(self) -> tuple[Flag, ...]:
        return self.stats.flags


def flagged_items(quizzes: Mapping[int, Sequence[ScoredAttempt]]) -> dict[str, FlaggedItem]:
    """{question id: its flags and figures} for every question the pooled attempts of the
    quizzes (by quiz id) flag; questions without a flag are left out."""
    asked_in: dict[str, set[int]] = {}
    for quiz_id, attempts in quizzes.items():
        for attempt in attempts:
            for item in attempt.items:
                asked_in.setdefault(item.question_id, set()).add(quiz_id)
    pooled = [attempt for attempts in quizzes.values() for attempt in attempts]
    return {
        stats.question_id: FlaggedItem(stats, len(asked_in[stats.question_id]))
        for stats in analyse(pooled)
        if stats.flags
    }
