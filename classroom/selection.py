"""From a spec to each student's paper: the pool, the draw, and the shuffles, all from the seed.

Everything here is pure: the same spec, pool, student and attempt number give the same paper,
so a paper can be rebuilt to check a complaint, and exporters print the very questions a class
answered. Randomness comes from `random.Random` seeded with text naming its purpose, so the draw,
the question order and each item's option order are independent of one another.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from classroom.errors import SpecError, SpecProblem
from classroom.spec import QUIZ_KINDS, QuizSpec, Selection
from questions.bank import QuestionBank
from questions.errors import QuestionError
from questions.model import Kind, Question

SHUFFLED_KINDS = (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER)
"""Kinds whose options are shuffled per student. True/false keeps its conventional order."""


@dataclass(frozen=True)
class PaperItem:
    """One question of one student's paper, with the order its options are shown in."""

    question: Question
    option_order: tuple[int, ...] | None
    """Shown position -> index in `question.options`; None when the item has no options."""
    points: float

    def shown(self) -> Question:
        """The question as this student sees it: options (and their keys) in shown order."""
        if self.option_order is None or self.question.options is None:
            return self.question
        order = self.option_order
        extra = dict(self.question.extra)
        if isinstance(extra.get("keys"), list):
            extra["keys"] = [extra["keys"][i] for i in order]
        options = tuple(self.question.options[i] for i in order)
        return replace(self.question, options=options, extra=extra)


def candidates(spec: QuizSpec, bank: QuestionBank) -> tuple[Question, ...]:
    """The pool a spec draws from: the bank's items in its language, topics and kinds, and
    only approved ones when the spec says so (by default, once the deck has any approval)."""
    if bank.deck.id != spec.deck:
        raise SpecError(
            [
                SpecProblem(
                    f"the quiz is set on deck '{spec.deck}', not '{bank.deck.id}'",
                    "",
                    "spec.other_deck",
                    (("deck", spec.deck), ("bank", bank.deck.id)),
                    "deck",
                )
            ]
        )
    try:
        pool = bank.filter(
            langs=[spec.lang], topics=spec.topics or None, kinds=spec.kinds
        ).questions
    except QuestionError as error:
        raise SpecError([_not_in_deck(spec, bank, str(error))]) from None
    approved = spec.draws_approved_only(bank.deck.reviews.any_approved)
    if approved:
        pool = tuple(q for q in pool if q.approved)
    if len(pool) < spec.count:
        raise SpecError([_too_few(spec, len(pool), approved)])
    return pool


def _too_few(spec: QuizSpec, found: int, approved: bool) -> SpecProblem:
    which = "approved " if approved else ""
    hint = "approve more, " if approved else ""
    return SpecProblem(
        f"the deck has {found} {which}questions in '{spec.lang}' of the chosen topics"
        f" and kinds, fewer than the {spec.count} asked for",
        f"{hint}ask for at most {found}, or choose more topics or kinds",
        "spec.too_few_approved" if approved else "spec.too_few_questions",
        (("found", found), ("language", spec.lang), ("count", spec.count)),
        "questions",
    )


def _not_in_deck(spec: QuizSpec, bank: QuestionBank, message: str) -> SpecProblem:
    """The bank refuses a language, topic or kind the deck does not have: name which."""
    if spec.lang not in bank.deck.languages:
        setting, value = "language", spec.lang
    else:
        known = {topic.id for topic in bank.deck.topics}
        setting, value = "topics", ", ".join(t for t in spec.topics if t not in known)
    return SpecProblem(
        message,
        "",
        "spec.not_in_deck",
        (("setting", setting), ("value", value), ("deck", bank.deck.id)),
        setting,
    )


def quiz_kinds(bank: QuestionBank, lang: str) -> tuple[Kind, ...]:
    """The kinds a quiz in `lang` can ask from this bank: quiz kinds the bank holds items of,
    in `QUIZ_KINDS` order. The teacher's form offers these and no others."""
    held = {q.kind for q in bank.questions if q.lang == lang}
    return tuple(kind for kind in QUIZ_KINDS if kind in held)


def preview(spec: QuizSpec, pool: Sequence[Question]) -> tuple[Question, ...]:
    """What the teacher sets points on: the class paper when everyone gets the same questions
    (in the order the first attempt shows them), else the whole pool each draw takes from."""
    if spec.selection is Selection.SAME_FOR_ALL:
        return tuple(item.question for item in arrange(spec, pool))
    return tuple(pool)


def arrange(
    spec: QuizSpec,
    pool: Sequence[Question],
    student: str = "",
    attempt: int = 1,
    seen: frozenset[str] = frozenset(),
) -> tuple[PaperItem, ...]:
    """The paper of `student`'s attempt number `attempt`.

    `seen` holds the ids of items the student met before; a per-student draw takes those last.
    With `student` empty this is the class paper an exporter prints.
    """
    if len(pool) < spec.count:
        raise SpecError(
            [
                SpecProblem(
                    f"the quiz needs {spec.count} questions but its pool has {len(pool)}",
                    "",
                    "spec.pool_too_small",
                    (("count", spec.count), ("found", len(pool))),
                    "questions",
                )
            ]
        )
    if spec.selection is Selection.SAME_FOR_ALL:
        chosen = _draw(pool, spec.count, random.Random(f"same:{spec.seed}"), frozenset())
    else:
        rng = random.Random(f"draw:{spec.seed}:{student}:{attempt}")
        chosen = _draw(pool, spec.count, rng, seen)
    if spec.shuffle_questions:
        random.Random(f"order:{spec.seed}:{student}:{attempt}").shuffle(chosen)
    else:
        place = {q.id: i for i, q in enumerate(pool)}
        chosen.sort(key=lambda q: place[q.id])
    return tuple(
        PaperItem(q, _option_order(spec, q, student, attempt), spec.points_for(q.id))
        for q in chosen
    )


def resolve(
    spec: QuizSpec,
    bank: QuestionBank,
    student: str = "",
    attempt: int = 1,
    seen: frozenset[str] = frozenset(),
) -> tuple[Question, ...]:
    """The questions of a paper as shown, for exporters and previews."""
    return tuple(
        item.shown() for item in arrange(spec, candidates(spec, bank), student, attempt, seen)
    )


def _draw(
    pool: Sequence[Question], count: int, rng: random.Random, seen: frozenset[str]
) -> list[Question]:
    """`count` items: unseen ones before seen ones, and within each, one item per fact first.

    Two items on the same fact give each other away (the date question names the place the
    place question asks for), so a fact is repeated only when the unseen items run short.
    """
    unseen = [q for q in pool if q.id not in seen]
    again = [q for q in pool if q.id in seen]
    rng.shuffle(unseen)
    rng.shuffle(again)
    chosen: list[Question] = []
    facts: set[str] = set()
    for group in (unseen, again):
        for question in group:
            if facts.isdisjoint(question.fact_ids):
                chosen.append(question)
                facts.update(question.fact_ids)
        taken = {q.id for q in chosen}
        chosen += [q for q in group if q.id not in taken]
        if len(chosen) >= count:
            break
    return chosen[:count]


def _option_order(
    spec: QuizSpec, question: Question, student: str, attempt: int
) -> tuple[int, ...] | None:
    if question.options is None:
        return None
    order = list(range(len(question.options)))
    if spec.shuffle_options and question.kind in SHUFFLED_KINDS:
        random.Random(f"options:{spec.seed}:{student}:{attempt}:{question.id}").shuffle(order)
    return tuple(order)
