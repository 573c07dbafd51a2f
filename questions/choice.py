"""Multiple choice: a curated phrasing, its answer and three provably wrong distractors.

Options are built with the answer first; `bank.balance` later moves the answer so that its
position is balanced over the whole bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from questions.context import Context
from questions.dates import capitalized
from questions.difficulty import estimate
from questions.distractors import choose
from questions.model import Kind, Question
from questions.numbers import format_bare
from questions.parts import Part, PartKind, asked, contested, number_key, render_key
from questions.rules import stem_problem

COUNTING = re.compile(r"\b(how many|how much)\b|(?<!\w)скольк", re.IGNORECASE)
"""A stem that asks "how many ..." names its unit, so its options may be bare numbers."""


def option_text(
    ctx: Context, part: Part, key: str | int | float, lang: str, with_unit: bool = True
) -> str:
    if part.kind is PartKind.NUMBER and not with_unit:
        assert part.quantity is not None
        return format_bare(part.quantity, lang, number_key(key))
    return capitalized(render_key(part, key, ctx.deck, lang))


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.core:
        for slot, ask, part in asked(fact):
            if part.kind is PartKind.DETAIL or contested(fact, ask.about):
                continue
            if any(stem_problem(fact, part, ask.prompt[lang], lang) for lang in ctx.deck.languages):
                continue
            template = f"mc:{slot}"
            distractors = choose(ctx, fact, part, ctx.rng(template, fact.id))
            if distractors is None:
                continue
            if not distractors.with_unit and not all(
                COUNTING.search(ask.prompt[lang]) for lang in ctx.deck.languages
            ):
                continue  # bare numbers need a stem that names the unit: "how many days"
            keys = [part.key, *distractors.keys]
            date = part.date if part.kind is PartKind.DATE else None
            for lang in ctx.langs:
                options = tuple(
                    option_text(ctx, part, k, lang, distractors.with_unit) for k in keys
                )
                yield ctx.question(
                    kind=Kind.MULTIPLE_CHOICE,
                    lang=lang,
                    facts=(fact,),
                    template=template,
                    prompt=ask.prompt[lang],
                    answer=options[0],
                    options=options,
                    difficulty=estimate(Kind.MULTIPLE_CHOICE, date, distractors.closeness),
                    extra={
                        "part": ask.about,
                        "slot": slot,
                        "keys": keys,
                        "with_unit": distractors.with_unit,
                    },
                )
