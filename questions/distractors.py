"""Plausible wrong answers: same kind and plausibility as the answer, provably wrong.

People and organisations of the same type and subtype, the same side first, then those of the
same period (top-level topic); places of the same subtype; dates near the truth at the same
precision; numbers of the same magnitude. Each candidate must pass `proof.refute`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from decks.model import DateSpec, Entity, Fact, Precision
from questions.context import Context
from questions.dates import coarsest, interval, nearby, rank
from questions.names import all_keys, normalize
from questions.numbers import PROVABLE, closeness, same_form
from questions.numbers import nearby as nearby_numbers
from questions.parts import Part, PartKind, render_key
from questions.proof import refute

WANTED = 3
SPREAD = 0.15
LIKELY = (0.5, 2.0)
"""Number distractors within these ratios of the answer come first: a reader rules out 18 or
110 years beside 45 at sight (round 11). Before them come the numbers the deck states elsewhere
in the same unit (`Context.attested_numbers`), the ones a student who half-remembers is drawn to.
Dates are offered only within the years of the fact's chapter (`Context.topic_years`)."""


@dataclass(frozen=True)
class Distractors:
    """Chosen wrong keys and how close they are to the answer on average (0 far, 1 close)."""

    keys: tuple[str | int | float, ...]
    closeness: float
    with_unit: bool = True


def choose(ctx: Context, fact: Fact, part: Part, rng: random.Random) -> Distractors | None:
    """Three distractors for `part`, or None when the deck cannot supply three good ones."""
    if part.kind is PartKind.ENTITY:
        return _entities(ctx, fact, part, rng)
    if part.kind is PartKind.DATE:
        return _dates(ctx, fact, part, rng)
    if part.kind is PartKind.NUMBER:
        return _numbers(ctx, fact, part, rng)
    return None


def _distinct_texts(ctx: Context, part: Part, keys: Sequence[str | int | float]) -> bool:
    """Every option reads differently from the others, and none contains another, in every
    deck language."""
    for lang in ctx.deck.languages:
        texts = [normalize(render_key(part, k, ctx.deck, lang)) for k in [part.key, *keys]]
        if len(set(texts)) != len(texts):
            return False
        for a in texts:
            if any(a != b and f" {a} " in f" {b} " for b in texts):
                return False  # "Manchuria" beside "Northern Manchuria"
    return True


def implausible(ctx: Context, fact: Fact, answer: Entity, other: Entity) -> str | None:
    """Why `other` is no distractor a student could believe for `answer`, or None.

    Same type and subtype (a city for a city), the same side where the answer has one (a
    Japanese diplomat for a Japanese diplomat, a Japanese port for a Japanese port), and part
    of the fact's story: named in the same top-level topic (`Context.in_context`).
    """
    if (other.type, other.subtype) != (answer.type, answer.subtype):
        kinds = (other.subtype or other.type, answer.subtype or answer.type)
        return f"'{other.id}' is a {kinds[0]}, the answer a {kinds[1]}"
    if answer.side and other.side != answer.side:
        return f"'{other.id}' is not on the answer's side ({answer.side})"
    if not ctx.in_context(fact, other):
        return f"'{other.id}' plays no part in this period or topic"
    return None


def name_shape(name: str) -> bool:
    """Whether a name carries more than one word ("Adolf Ioffe") or is a bare surname."""
    return len(name.split()) > 1


def _entities(ctx: Context, fact: Fact, part: Part, rng: random.Random) -> Distractors | None:
    answer = ctx.deck.entity(part.entity or "")
    chosen: list[tuple[int, Entity]] = []
    taken: set[str] = set()
    for tier, other in ctx.similar(answer, rng):
        if implausible(ctx, fact, answer, other) is not None:
            continue
        if answer.type == "person" and any(
            name_shape(other.name[lang]) != name_shape(answer.name[lang])
            for lang in ctx.deck.languages
        ):
            continue
        if refute(ctx.deck, fact, part, other.id, ctx.same_day) is not None:
            continue
        keys = all_keys(other)
        if keys & taken:
            continue
        if _distinct_texts(ctx, part, [e.id for _, e in chosen] + [other.id]):
            chosen.append((tier, other))
            taken |= keys
        if len(chosen) == WANTED:
            break
    if len(chosen) < WANTED:
        return None
    close = sum((1.0, 0.7, 0.4)[tier] for tier, _ in chosen) / WANTED
    return Distractors(tuple(e.id for _, e in chosen), close)


def _dates(ctx: Context, fact: Fact, part: Part, rng: random.Random) -> Distractors | None:
    assert part.date is not None
    first, last = ctx.topic_years.get(ctx.deck.root_topic(fact.topic), (1, 9999))
    candidates = [
        (spec, days)
        for spec, days in nearby(part.date)
        if refute(ctx.deck, fact, part, spec.iso()) is None and first <= spec.start.year <= last
    ]
    rng.shuffle(candidates)
    axes = sorted(
        {axis for spec, _ in candidates if (axis := date_axis(part.date, spec)) is not None}
    )
    rng.shuffle(axes)
    for axis in axes:  # one axis per item: all options share what the answer shares
        on_axis = [(spec, days) for spec, days in candidates if date_axis(part.date, spec) == axis]
        found = _pick_dates(ctx, part, on_axis)
        if found is not None:
            return found
    return None


def date_axis(answer: DateSpec, other: DateSpec) -> str | None:
    """Which part of a single date a distractor changes: for a day, the `day` (same month and
    year); for a month, the `month` (same year); for a year, the `year`. Options that each change
    a different part give the answer away: it is the one option that shares a part with all the
    others.
    None for a span: moved whole, every option keeps the answer's days ("4–26 May",
    "4–26 June"), which readers saw as machine-made, so a span is asked on a card only."""
    if answer.end is not None or other.end is not None:
        return None
    a, b = answer.start, other.start
    same = (a.year == b.year, a.month == b.month, a.day == b.day)
    if a.precision is Precision.YEAR:
        return "year"
    if a.precision is Precision.MONTH:
        return "month" if same[0] else None
    if same[0] and same[1]:
        return "day"
    return None  # the same day in other months or years reads as machine-made (round 11)


def _pick_dates(
    ctx: Context, part: Part, candidates: list[tuple[DateSpec, int]]
) -> Distractors | None:
    assert part.date is not None
    chosen: list[tuple[DateSpec, int]] = []
    for spec, days in candidates:
        if not any(interval(spec) == interval(c) for c, _ in chosen) and _distinct_texts(
            ctx, part, [c.iso() for c, _ in chosen] + [spec.iso()]
        ):
            chosen.append((spec, days))
        if len(chosen) == WANTED:
            break
    if len(chosen) < WANTED:
        return None
    scale = (30, 365, 5 * 365)[rank(coarsest(part.date))]
    close = sum(math.exp(-days / scale) for _, days in chosen) / WANTED
    return Distractors(tuple(spec.iso() for spec, _ in chosen), close)


def _numbers(ctx: Context, fact: Fact, part: Part, rng: random.Random) -> Distractors | None:
    quantity = part.quantity
    assert quantity is not None
    if quantity.qualifier not in PROVABLE:
        return None
    candidates = [
        v for v in nearby_numbers(quantity.value, quantity.qualifier)
        if refute(ctx.deck, fact, part, v) is None
    ]  # fmt: skip
    attested = ctx.attested_numbers.get(quantity.unit.get("en", ""), set()) - {quantity.value}
    candidates += [
        v for v in sorted(attested)
        if v not in candidates and refute(ctx.deck, fact, part, v) is None
    ]  # fmt: skip
    rng.shuffle(candidates)
    candidates.sort(
        key=lambda v: (v not in attested, not LIKELY[0] <= v / quantity.value <= LIKELY[1])
    )
    fitting = [v for v in candidates if same_form(v, quantity.value, ctx.deck.languages)]
    with_unit = len(fitting) >= WANTED
    chosen = _spread(fitting if with_unit else candidates)
    if len(chosen) < WANTED:
        return None
    close = sum(closeness(quantity.value, v) for v in chosen) / WANTED
    return Distractors(tuple(chosen), close, with_unit)


def _spread(values: Sequence[int | float]) -> list[int | float]:
    """The first WANTED values, in order, that differ from each other by at least SPREAD: 56
    beside 58 reads as filler (diagnostic round 16)."""
    chosen: list[int | float] = []
    for value in values:
        if all(abs(value - other) >= SPREAD * max(value, other) for other in chosen):
            chosen.append(value)
        if len(chosen) == WANTED:
            break
    return chosen
