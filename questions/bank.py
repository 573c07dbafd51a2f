"""Building a question bank from a deck: every kind, every language, deterministic.

`build_bank(deck, seed)` is pure: the same deck and seed give the same bank, byte for byte
(`Question.to_json`). Each template draws its randomness from (seed, template), so adding a fact
only changes the items that could use it. The bank applies the teacher's review decisions the
deck carries (`questions.reviewed`): every consumer (study, quizzes, every export) builds through
here, so none can show a retired item or miss an edit.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from decks.collector import collector_paused
from decks.model import Deck
from questions import choice, cloze, disputes, flashcards, matching, ordering, truefalse, typed
from questions.context import Context
from questions.errors import QuestionError
from questions.model import CHOICE_KINDS, Kind, Question
from questions.phrases import PHRASES
from questions.reviewed import ReviewReport, apply_reviews

GENERATORS = (flashcards, choice, truefalse, typed, cloze, ordering, matching, disputes)
ALIGNED = ("keys", "claims")
"""Entries of `Question.extra` that run parallel to the options and move with them."""
_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


@dataclass(frozen=True)
class QuestionBank:
    """The generated items of one deck, in a stable order, with the deck they came from."""

    deck: Deck
    questions: tuple[Question, ...]
    seed: int = 0
    reviews: ReviewReport = ReviewReport()
    """What of the deck's review decisions could not be applied (stale, refused edits)."""

    @cached_property
    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def __len__(self) -> int:
        return len(self.questions)

    def filter(
        self,
        langs: Iterable[str] | None = None,
        topics: Iterable[str] | None = None,
        kinds: Iterable[Kind | str] | None = None,
    ) -> QuestionBank:
        """The items in these languages, under these topics (and subtopics), of these kinds."""
        chosen = self.questions
        if langs is not None:
            wanted_langs = set(_languages(self.deck, langs))
            chosen = tuple(q for q in chosen if q.lang in wanted_langs)
        if topics is not None:
            wanted_topics = _subtopics(self.deck, topics)
            chosen = tuple(q for q in chosen if q.topic in wanted_topics)
        if kinds is not None:
            wanted_kinds = {_kind(k) for k in kinds}
            chosen = tuple(q for q in chosen if q.kind in wanted_kinds)
        return QuestionBank(self.deck, chosen, self.seed, self.reviews)


def build_bank(deck: Deck, seed: int = 0, langs: Iterable[str] | None = None) -> QuestionBank:
    """Every item the deck supports, in `langs` (default: every deck language), as the deck's
    review decisions leave it: retired items out, edits applied, approvals marked."""
    chosen = _languages(deck, langs)
    with collector_paused():
        generated = generate(deck, seed, chosen)
        questions, report = apply_reviews(deck, generated, set(chosen) == set(deck.languages))
    return QuestionBank(deck, questions, seed, report)


def generate(deck: Deck, seed: int = 0, langs: Iterable[str] | None = None) -> tuple[Question, ...]:
    """Every item the generators give, before any review decision: what a reviewer reviews."""
    ctx = Context(deck, seed, _languages(deck, langs))
    facts = {f.id: f for f in deck.facts}
    questions = [
        q
        for generator in GENERATORS
        for q in generator.generate(ctx)
        if all(facts[i].gives(q.kind.value) for i in q.fact_ids)
    ]
    questions = balance(questions, seed)
    questions.sort(key=lambda q: _sort_key(ctx, q))
    return tuple(questions)


def _subtopics(deck: Deck, topics: Iterable[str]) -> set[str]:
    """The topics and those below them; an unknown topic is the caller's mistake to hear of."""
    try:
        return deck.subtopics(topics)
    except KeyError as unknown:
        raise QuestionError(
            f"unknown topic '{unknown.args[0]}' in deck '{deck.id}'; its topics are: "
            + ", ".join(t.id for t in deck.topics)
        ) from None


def balance(questions: list[Question], seed: int) -> list[Question]:
    """Place each choice item's answer so that answer positions are even over each kind (a
    reader saw every "where sources differ" key at A when the few of them were dealt among the
    many multiple-choice items).

    Items are dealt positions round-robin in an order fixed by hashing (seed, facts, kind,
    template), the same in every language; the distractors are shuffled by the same key.
    """
    groups: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for index, question in enumerate(questions):
        if question.kind in CHOICE_KINDS and question.options:
            groups[(question.kind, question.lang, len(question.options))].append(index)
    result = list(questions)
    for (_, _, size), indexes in groups.items():
        indexes.sort(key=lambda i: _deal_key(questions[i], seed))
        for dealt, index in enumerate(indexes):
            result[index] = _place(questions[index], dealt % size, seed)
    return result


def _deal_key(question: Question, seed: int) -> str:
    text = "\x1f".join([str(seed), ",".join(question.fact_ids), question.kind, question.template])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _place(question: Question, position: int, seed: int) -> Question:
    """Options with the correct one (built first) at `position`, distractors shuffled."""
    assert question.options is not None
    rest = list(range(1, len(question.options)))
    random.Random(_deal_key(question, seed)).shuffle(rest)
    order = rest[:position] + [0] + rest[position:]
    extra = dict(question.extra)
    for aligned in ALIGNED:
        if aligned in extra:
            extra[aligned] = [extra[aligned][i] for i in order]
    return replace(question, options=tuple(question.options[i] for i in order), extra=extra)


def _sort_key(ctx: Context, question: Question) -> tuple[int, int, int, int, str, str]:
    first_fact = min((ctx.fact_order.get(f, 0) for f in question.fact_ids), default=0)
    return (
        ctx.deck.languages.index(question.lang),
        ctx.topic_order.get(question.topic, 0),
        first_fact if len(question.fact_ids) == 1 else len(ctx.deck.facts),
        _KIND_ORDER[question.kind],
        question.template,
        question.id,
    )


def _languages(deck: Deck, langs: Iterable[str] | None) -> tuple[str, ...]:
    unsupported = [lang for lang in deck.languages if lang not in PHRASES]
    if unsupported:
        raise QuestionError(
            f"deck '{deck.id}' is in '{unsupported[0]}', for which no question phrasing exists;"
            f" questions can be built for decks in: {', '.join(PHRASES)}"
        )
    if langs is None:
        return deck.languages
    if isinstance(langs, str):
        langs = [langs]
    chosen = tuple(dict.fromkeys(langs))
    for lang in chosen:
        if lang not in deck.languages:
            raise QuestionError(
                f"language '{lang}' is not in deck '{deck.id}'; it has: {', '.join(deck.languages)}"
            )
    return chosen


def _kind(kind: Kind | str) -> Kind:
    try:
        return Kind(kind)
    except ValueError:
        raise QuestionError(
            f"unknown question kind '{kind}'; kinds are: {', '.join(k.value for k in Kind)}"
        ) from None
