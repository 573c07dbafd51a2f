"""Which questions an export holds: languages, topics and kinds, checked against the deck.

Every exporter and its command line use the same choices, so a teacher who learns them for the
Anki export can use them for the others. A topic includes its subtopics (the bank's filter).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from decks.model import Deck
from exporters.errors import SelectionError
from questions import QuestionBank, Violation, build_bank, check
from questions.cache import cached_deck, compiled_bank
from questions.model import Kind, Question

ALL_LANGUAGES = ("both", "all")
"""`--lang` values meaning every language of the deck."""


@dataclass(frozen=True)
class Selection:
    """Languages, topics and kinds to export; `None` means every topic or every kind."""

    langs: tuple[str, ...]
    topics: tuple[str, ...] | None = None
    kinds: tuple[Kind, ...] | None = None


def parse_selection(
    deck: Deck,
    lang: str = "both",
    topics: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    supported: Sequence[Kind] = tuple(Kind),
) -> Selection:
    """A checked selection from what a user typed (comma-separated values are split)."""
    return Selection(
        langs=_languages(deck, lang),
        topics=_topics(deck, _split(topics)) if topics else None,
        kinds=_kinds(_split(kinds), supported) if kinds else None,
    )


@dataclass(frozen=True)
class Chosen:
    """The questions to export, and those held back because the quality gate flags them."""

    questions: tuple[Question, ...]
    held_back: tuple[Violation, ...] = ()

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)


@dataclass(frozen=True)
class GatedBank:
    """A bank with the quality gate's verdict on each item, built once and chosen from often."""

    bank: QuestionBank
    flagged: dict[str, Violation]
    """Question id -> the first violation the gate found in it."""


def gate(bank: QuestionBank) -> GatedBank:
    """Run the quality gate over a bank once, so that many selections can reuse its verdict."""
    return gated(bank, check(bank))


def gated(bank: QuestionBank, violations: Iterable[Violation]) -> GatedBank:
    """A bank with a verdict the gate gave before (a compiled bank's)."""
    flagged: dict[str, Violation] = {}
    for violation in violations:
        if violation.question_id in bank.by_id:
            flagged.setdefault(violation.question_id, violation)
    return GatedBank(bank, flagged)


def choose(gated: GatedBank, selection: Selection) -> Chosen:
    """The bank's questions that the selection keeps, in bank order.

    An item the quality gate flags is held back rather than exported: a flawed question sent
    to Anki or to a class is hard to take back, and one bad item should not block the rest.
    """
    kept = gated.bank.filter(selection.langs, selection.topics, selection.kinds).questions
    return Chosen(
        questions=tuple(q for q in kept if q.id not in gated.flagged),
        held_back=tuple(gated.flagged[q.id] for q in kept if q.id in gated.flagged),
    )


def selected_questions(deck: Deck, selection: Selection, seed: int = 0) -> Chosen:
    """Build, gate and choose in one step, for a one-off export such as the command line's."""
    return choose(gate(build_bank(deck, seed=seed, langs=selection.langs)), selection)


def selected_from_folder(
    directory: str | Path,
    select: Callable[[Deck], Selection],
    seed: int = 0,
    sources_dir: str | Path | None = None,
    use_cache: bool = True,
) -> tuple[Deck, Selection, Chosen]:
    """Load the deck at `directory`, `select` from it and choose from the bank of the chosen
    languages, gated on its own as `selected_questions` does; both through the bank cache."""
    deck = cached_deck(directory, sources_dir, use_cache)
    selection = select(deck)
    langs = None if selection.langs == deck.languages else selection.langs  # one entry for all
    compiled = compiled_bank(directory, sources_dir, seed, langs, use_cache)
    return compiled.deck, selection, choose(gated(compiled.bank, compiled.violations), selection)


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _languages(deck: Deck, lang: str) -> tuple[str, ...]:
    if lang in ALL_LANGUAGES:
        return deck.languages
    if lang in deck.languages:
        return (lang,)
    choices = ", ".join((*deck.languages, "both"))
    raise SelectionError(f"deck {deck.id} has no language '{lang}': choose {choices}")


def _topics(deck: Deck, wanted: list[str]) -> tuple[str, ...]:
    known = [topic.id for topic in deck.topics]
    unknown = [topic for topic in wanted if topic not in known]
    if unknown:
        raise SelectionError(
            f"deck {deck.id} has no topic {', '.join(repr(t) for t in unknown)}:"
            f" choose from {', '.join(known)}"
        )
    return tuple(dict.fromkeys(wanted))


def _kinds(wanted: list[str], supported: Sequence[Kind]) -> tuple[Kind, ...]:
    names = {kind.value: kind for kind in supported}
    names.update({kind.value.replace("_", "-"): kind for kind in supported})
    unknown = [kind for kind in wanted if kind not in names]
    if unknown:
        raise SelectionError(
            f"no question kind {', '.join(repr(k) for k in unknown)} for this export:"
            f" choose from {', '.join(kind.value for kind in supported)}"
        )
    chosen = {names[kind] for kind in wanted}
    return tuple(kind for kind in supported if kind in chosen)
