"""True/false: the statement as curated, and the same statement with one part swapped for a
provably wrong one (a near date at the same precision, a number of the same magnitude and
grammatical form, another entity of the same type and subtype).

A fact yields both items or neither, so true and false answers are balanced over the bank; the
swap must read right in every deck language (see names.swap for Russian), else it is not made.
Contested facts give no true/false items: their statements weigh the sources against each
other, and "sources differ" items (disputes.py) ask about that instead.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from decks.model import DateSpec, Deck, Entity, Fact
from questions import dates, numbers
from questions.context import Context
from questions.difficulty import estimate
from questions.distractors import implausible
from questions.model import Kind, Question
from questions.names import find_entity, swap
from questions.parts import Part, PartKind, parse_iso, part_of
from questions.phrases import phrase
from questions.proof import refute
from questions.rules import minor_date, statement_findings


@dataclass(frozen=True)
class Swap:
    """One part of the statement replaced: the texts per language, and the keys for the gate."""

    part: Part
    new: str | int | float
    texts: dict[str, str]
    closeness: float


KEY_DATE_DAYS = 55
"""A false date moves by two months or more: three days, or a month where the records differ
by one, is a trap, not a test of knowledge."""


def key_parts(fact: Fact) -> set[str]:
    """The parts a false statement may change: those the fact's phrasings ask about (its key
    relation, number or date); a date only when the fact is core and its date is one a card
    would ask, not the day of a position or a proposal (rubric sections 1 and 2)."""
    asked = {ask.about for ask in fact.ask}
    if fact.significance != "core" or fact.date is None or minor_date(fact, fact.date):
        asked.discard("date")
    return asked


def crosses_agreement(deck: Deck, fact: Fact, false_iso: str) -> str | None:
    """Why a false date gives itself away: it moves the fact across a core agreement of its
    topic ("the talks in Peking resumed on 27 February 1925", after the convention they led to
    was signed on 20 January), so the order of events refutes it without knowing the date."""
    if fact.date is None:
        return None
    true_day = fact.date.start.as_date()
    false_day = parse_iso(false_iso).start.as_date()
    for other in deck.agreements_by_topic.get(fact.topic, ()):
        if other.date is None or other.date.end is not None:
            continue
        border = other.date.start.as_date()
        if border != true_day and (true_day < border) != (false_day < border):
            return f"it crosses {other.id} ({DateSpec(other.date.start).iso()})"
    return None


def _date_swaps(ctx: Context, fact: Fact, rng: random.Random) -> Iterator[Swap]:
    part = part_of(fact, "date")
    if part is None or part.date is None or part.date.end is not None:
        return
    if "date" not in key_parts(fact):
        return
    langs = ctx.deck.languages
    found = {
        lang: where
        for lang in langs
        if (where := dates.find_written(fact.statement[lang], part.date.start, lang)) is not None
    }
    if len(found) != len(langs):
        return
    candidates = [(spec, days) for spec, days in dates.nearby(part.date) if days >= KEY_DATE_DAYS]
    rng.shuffle(candidates)
    for spec, days in candidates:
        if refute(ctx.deck, fact, part, spec.iso()) is not None:
            continue
        if crosses_agreement(ctx.deck, fact, spec.iso()):
            continue
        texts = {}
        for lang, (_, form, spot) in found.items():
            text = fact.statement[lang]
            written = form(spec.start)
            if spot.text[:1].isupper():
                written = dates.capitalized(written)
            texts[lang] = text[: spot.start] + written + text[spot.end :]
        yield Swap(part, spec.iso(), texts, 1.0 / (1 + days / 60))


def _number_swaps(ctx: Context, fact: Fact, rng: random.Random) -> Iterator[Swap]:
    langs = ctx.deck.languages
    for quantity in fact.numbers:
        part = part_of(fact, quantity.id)
        if part is None or quantity.qualifier not in numbers.PROVABLE:
            continue
        if quantity.id not in key_parts(fact):
            continue
        found = {
            lang: numbers.find_written(fact.statement[lang], quantity.value, quantity.unit[lang])
            for lang in langs
        }
        if any(m is None for m in found.values()):
            continue
        values = numbers.nearby(quantity.value, quantity.qualifier)
        rng.shuffle(values)
        for value in values:
            if not numbers.same_form(value, quantity.value, langs):
                continue
            if refute(ctx.deck, fact, part, value) is not None:
                continue
            texts = {}
            for lang, match in found.items():
                assert match is not None
                text, written = fact.statement[lang], numbers.format_value(value, lang)
                texts[lang] = text[: match.start()] + written + text[match.end() :]
            yield Swap(part, value, texts, numbers.closeness(quantity.value, value))


def swap_problem(ctx: Context, fact: Fact, role: str, old: Entity, new: Entity) -> str | None:
    """Why swapping `old` for `new` gives no statement a well-read student can call false.

    Only a part the fact is about may be swapped (a role its phrasings ask for), the newcomer
    must be a believable alternative (distractors.implausible), and must not take part in
    this fact or in another fact of its topic (the emissary for the minister who sent him).
    """
    if role not in key_parts(fact):
        return f"'{role}' is not a part the fact is asked about"
    reason = implausible(ctx, fact, old, new)
    if reason:
        return reason
    if new.id in ctx.neighbours(fact):
        return f"'{new.id}' takes part in this fact or its neighbours"
    return None


def _entity_swaps(ctx: Context, fact: Fact, rng: random.Random) -> Iterator[Swap]:
    langs = ctx.deck.languages
    for role, ids in fact.entities.items():
        for ident in ids:
            old = ctx.deck.entity(ident)
            part = Part(role, PartKind.ENTITY, entity=ident)
            found = {lang: find_entity(fact.statement[lang], old, lang) for lang in langs}
            if any(f is None for f in found.values()):
                continue
            if role not in key_parts(fact):  # swap_problem refuses every candidate
                ctx.pass_similar(old, rng)
                continue
            for tier, new in ctx.similar(old, rng):
                if swap_problem(ctx, fact, role, old, new) is not None:
                    continue
                if refute(ctx.deck, fact, part, new.id, ctx.same_day) is not None:
                    continue
                texts = {}
                for lang, where in found.items():
                    assert where is not None
                    swapped = swap(fact.statement[lang], where, old, new, lang)
                    if swapped is None:
                        break
                    texts[lang] = swapped
                else:
                    yield Swap(part, new.id, texts, (0.8, 0.6, 0.4)[tier])
                    break


def choose_swap(ctx: Context, fact: Fact, rng: random.Random) -> Swap | None:
    """One swap: the kinds of part (date, number, entity) in random order, the first that works."""
    kinds = [_date_swaps, _number_swaps, _entity_swaps]
    rng.shuffle(kinds)
    for kind in kinds:
        found = next(kind(ctx, fact, rng), None)
        if found is not None:
            return found
    return None


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.testable:
        if fact.contested is not None:
            continue  # its statement weighs sources against each other: see disputes.py
        if any(statement_findings(fact, lang) for lang in ctx.deck.languages):
            continue
        chosen = choose_swap(ctx, fact, ctx.rng("tf", fact.id))
        if chosen is None:
            continue
        part = chosen.part
        date = fact.date if part.kind is PartKind.DATE else None
        swap_extra = {
            "part": part.about,
            "kind": part.kind.value,
            "old": part.key,
            "new": chosen.new,
        }
        for lang in ctx.langs:
            options = (phrase(lang, "true"), phrase(lang, "false"))
            for truth, text, template, closeness in (
                (True, fact.statement[lang], "tf:true", 0.0),
                (False, chosen.texts[lang], "tf:false", chosen.closeness),
            ):
                yield ctx.question(
                    kind=Kind.TRUE_FALSE,
                    lang=lang,
                    facts=(fact,),
                    template=template,
                    prompt=phrase(lang, "true_false", statement=text),
                    answer=truth,
                    options=options,
                    difficulty=estimate(Kind.TRUE_FALSE, date, closeness),
                    extra={"statement": text} | ({} if truth else {"swap": swap_extra}),
                )
