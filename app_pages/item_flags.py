"""Why class results flag an item, in the page's language and with the figures behind each
flag, so a teacher can judge the flag instead of taking it on trust. The results page shows
them per quiz; a page reviewing the deck's questions shows them for `Classroom.flagged`."""

from __future__ import annotations

from collections.abc import Sequence

from app_pages.common import tr
from classroom.analysis import (
    DISCRIMINATING,
    TOO_EASY,
    TOO_HARD,
    Flag,
    ItemStats,
    wrong_key_bound,
)


def reasons(stats: ItemStats, options: Sequence[str] = ()) -> list[str]:
    """One sentence per flag of `stats`; `options` are the question's options in its own
    order, to name the distractors nobody chose."""
    return [reason(stats, flag, options) for flag in stats.flags]


def reason(stats: ItemStats, flag: Flag, options: Sequence[str] = ()) -> str:
    discrimination = "–" if stats.discrimination is None else f"{stats.discrimination:.2f}"
    if flag is Flag.TOO_EASY:
        return tr("results.why_too_easy", facility=f"{stats.facility:.2f}", bound=TOO_EASY)
    if flag is Flag.TOO_HARD:
        return tr("results.why_too_hard", facility=f"{stats.facility:.2f}", bound=TOO_HARD)
    if flag is Flag.NOT_DISCRIMINATING:
        return tr("results.why_not_discriminating", value=discrimination, bound=DISCRIMINATING)
    if flag is Flag.UNUSED_DISTRACTOR:
        named = [f"«{options[n]}»" for n in stats.unused_distractors if n < len(options)]
        return tr("results.why_unused_distractor", options=", ".join(named) or "–")
    bound = wrong_key_bound(stats.responses)
    rival = stats.rival
    if rival is None or (stats.discrimination is not None and stats.discrimination < bound):
        return tr(
            "results.why_wrong_key",
            value=discrimination,
            n=stats.responses,
            bound=f"{bound:.2f}",
        )
    chosen = stats.option_discrimination[rival]
    return tr(
        "results.why_wrong_key_rival",
        value=discrimination,
        n=stats.responses,
        option=f"«{options[rival]}»" if rival < len(options) else str(rival + 1),
        rival="–" if chosen is None else f"{chosen:.2f}",
        bound=f"{-bound:.2f}",
    )
