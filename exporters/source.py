"""What a quiz export is made from: a deck (with a selection) or a teacher's quiz spec.

A deck directory gives every question of the selection, in bank order. A quiz spec (YAML) gives
the very paper the class gets: the spec's draw, order and option order, with its marks, so the
Moodle file, the GIFT file and the printed sheet match the quiz in Factdeck.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from classroom.selection import arrange, candidates
from classroom.spec import QuizSpec
from classroom.yaml_text import MAX_SPEC_BYTES
from decks.catalogue import DECKS_VARIABLE, deck_named
from decks.model import Deck
from exporters.errors import ExportError, SelectionError
from exporters.lms import LMS_KINDS
from exporters.selection import Selection, parse_selection, selected_from_folder
from questions import Violation
from questions.cache import compiled_bank
from questions.model import Kind, Question

SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ExportSource:
    """The questions to export, in order, and what the export says about them."""

    deck: Deck
    questions: tuple[Question, ...]
    title: str
    lang: str
    """The language of the words an export adds (a sheet's headings); questions keep theirs."""
    points: Mapping[str, float] = field(default_factory=dict)
    """Marks per question id; empty when the source sets none (every question is worth 1)."""
    quiz: QuizSpec | None = None
    held_back: tuple[Violation, ...] = ()
    """Selected questions left out because the quality gate flags them (deck sources only)."""

    @property
    def subtitle(self) -> str:
        """The deck's title under a quiz's title; nothing under a deck's own title."""
        if self.quiz is None:
            return ""
        return self.deck.title.get(self.lang) or next(iter(self.deck.title.values()), "")

    @property
    def group(self) -> str:
        """The category level between deck and topics: the quiz title, so a quiz stays together."""
        return self.quiz.title if self.quiz else ""


def is_quiz_spec(path: str | Path) -> bool:
    """A YAML file is a quiz spec; a directory is a deck."""
    source = Path(path)
    return source.is_file() and source.suffix.lower() in SPEC_SUFFIXES


def load_source(
    path: str | Path,
    lang: str | None = None,
    topics: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    seed: int | None = None,
    decks_dir: Path | None = None,
    supported: Sequence[Kind] = LMS_KINDS,
    sources_dir: str | Path | None = None,
    use_cache: bool = True,
) -> ExportSource:
    """Read SOURCE: a quiz spec YAML (its deck found in `decks_dir`, else among the catalogue's
    decks) or a deck directory.

    A spec already chooses its language, topics, kinds and seed, so giving them too is an error
    rather than a silent override. Raises DeckError, SpecError or ExportError.
    """
    source = Path(path)
    if is_quiz_spec(source):
        options = {"--lang": lang, "--topics": topics, "--kinds": kinds, "--seed": seed}
        given = [name for name, value in options.items() if value is not None]
        if given:
            raise SelectionError(
                f"{source} is a quiz spec, which sets its own language, topics, kinds and seed:"
                f" leave out {', '.join(given)}, or export the deck directory instead"
            )
        return quiz_source(source, decks_dir, sources_dir, use_cache)
    if source.is_file():
        raise ExportError(
            f"{source} is neither a deck directory nor a quiz spec (.yaml):"
            " give a deck folder such as decks/far-east-1920-1925, or a quiz .yaml file"
        )
    if not source.is_dir():
        raise ExportError(f"{source} does not exist: give a deck directory or a quiz spec .yaml")

    def select(deck: Deck) -> Selection:
        selection = parse_selection(deck, lang or "both", topics, kinds, supported=supported)
        if selection.kinds is None:
            selection = replace(selection, kinds=tuple(supported))
        return selection

    deck, selection, chosen = selected_from_folder(
        source, select, seed or 0, sources_dir, use_cache
    )
    if not chosen.questions:
        kinds_text = ", ".join(kind.value for kind in selection.kinds or ())
        raise ExportError(
            f"deck {deck.id} has no questions to export in {', '.join(selection.langs)}"
            f" of the kinds {kinds_text}"
            + (f" under the topics {', '.join(selection.topics)}" if selection.topics else "")
            + ": choose more topics or kinds"
        )
    return ExportSource(
        deck=deck,
        questions=chosen.questions,
        title=deck.title.get(selection.langs[0]) or next(iter(deck.title.values()), deck.id),
        lang=selection.langs[0],
        held_back=chosen.held_back,
    )


def quiz_source(
    path: Path,
    decks_dir: Path | None = None,
    sources_dir: str | Path | None = None,
    use_cache: bool = True,
) -> ExportSource:
    """The class paper of the quiz spec at `path`, from its deck in `decks_dir`, else from the
    deck of that name among the shipped decks and those in $FACTDECK_DECKS."""
    spec = QuizSpec.from_yaml(_read(path), shown_as=str(path))
    if decks_dir is None:
        deck_dir = deck_named(spec.deck)
        if deck_dir is None:
            raise ExportError(
                f"{path}: the quiz is set on deck '{spec.deck}', which is neither shipped nor in"
                f" ${DECKS_VARIABLE}: add its folder there, or pass --decks with the folder"
                " that holds it"
            )
    else:
        deck_dir = decks_dir / spec.deck
        if not (deck_dir / "deck.yaml").is_file():
            raise ExportError(
                f"{path}: the quiz is set on deck '{spec.deck}', which is not in {decks_dir}:"
                " put the deck there, or pass --decks with the folder that holds it"
            )
    bank = compiled_bank(deck_dir, sources_dir, use_cache=use_cache).bank
    return class_paper(spec, candidates(spec, bank), bank.deck)


def class_paper(spec: QuizSpec, pool: Sequence[Question], deck: Deck) -> ExportSource:
    """The paper a quiz prints and exports: drawn from `pool` (the quiz's stored pool, or the
    candidates of a spec) as `classroom.selection.arrange` draws it for the class as a whole."""
    paper = arrange(spec, pool)
    return ExportSource(
        deck=deck,
        questions=tuple(item.shown() for item in paper),
        title=spec.title,
        lang=spec.lang,
        points={item.question.id: item.points for item in paper},
        quiz=spec,
    )


def _read(path: Path) -> str:
    """The spec's text, reading no more than a spec may hold (a wrong file can be huge)."""
    with path.open("rb") as spec_file:
        data = spec_file.read(MAX_SPEC_BYTES + 1)
    if len(data) > MAX_SPEC_BYTES:
        raise ExportError(
            f"{path} is over {MAX_SPEC_BYTES:,} bytes, more than a quiz spec holds:"
            " check that this is the right file"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ExportError(f"{path} is not UTF-8 text: save the quiz spec as UTF-8") from None
