"""Typed answers: a curated phrasing answered in the learner's own words, graded by
`grading.grade_typed`. `accepted` lists the spellings a teacher or exporter may show."""

from __future__ import annotations

import re
from collections.abc import Iterator

from decks.model import Ask, Deck, Precision
from questions.context import Context
from questions.dates import MONTHS_EN, MONTHS_RU_GEN, capitalized, format_date
from questions.difficulty import estimate
from questions.grading import unit_of, units_named
from questions.model import Kind, Question
from questions.morphology import morph
from questions.names import core, name_first
from questions.numbers import format_value
from questions.parts import Part, PartKind, asked, contested, render
from questions.rules import asked_with_preposition, stem_problem, typable

TYPED_PARTS = (PartKind.ENTITY, PartKind.DATE, PartKind.NUMBER)


def accepted_forms(
    part: Part, deck: Deck, lang: str, shown: str, prompt: str = ""
) -> tuple[str, ...]:
    """The answer as shown first, then the other forms grading accepts outright; a Russian
    stem that asks with a preposition («Из какого края…?») lists the form it invites
    («из Приморья»)."""
    forms = [shown]
    if part.kind is PartKind.ENTITY:
        entity = deck.entity(part.entity or "")
        forms += [entity.name[lang], core(entity.name[lang])]
        invited = asked_with_preposition(prompt) if lang == "ru" else None
        if invited:
            forms.append(with_preposition(core(entity.name[lang]), *invited))
        elif entity.type == "place" and lang == "ru" and (moved := WHERE_WORDS.get(_first(prompt))):
            forms.append(with_preposition(core(entity.name[lang]), *moved))
        forms += [n for n in entity.all_names()] + [core(n) for n in entity.name.values()]
        forms += name_first(entity)
    elif part.kind is PartKind.DATE and part.date is not None:
        forms += [format_date(part.date, other) for other in deck.languages]
        forms.append(part.date.iso())
        start = part.date.start
        if part.date.end is None and start.precision is Precision.DAY:
            month_en, month_ru = MONTHS_EN[start.month - 1], MONTHS_RU_GEN[start.month - 1]
            forms += [
                f"{month_en} {start.day}, {start.year}",
                f"{start.day} {month_ru} {start.year} года",
                f"{start.day:02d}.{start.month:02d}.{start.year}",
            ]
    elif part.kind is PartKind.NUMBER and part.quantity is not None:
        unit = unit_of(part.quantity.unit.get(lang, ""))
        if unit is None or unit in units_named(prompt):  # a bare "1" does not answer "What period?"
            forms += [format_value(part.quantity.value, other) for other in deck.languages]
    return tuple(dict.fromkeys(f for f in forms if f))


WHERE_WORDS = {"где": ("в", "loct"), "куда": ("в", "accs"), "откуда": ("из", "gent")}
"""The form a Russian question of place invites: «Где…?» «в Иркутске», «Откуда…?» «из Читы».
Only these: «Какую территорию…?» asks the accusative, and «в Северном Сахалине» is no answer to
list (round 12)."""


def _first(prompt: str) -> str:
    words = prompt.split(maxsplit=1)
    return words[0].casefold().strip("«»\"'.,?") if words else ""


def with_preposition(name: str, preposition: str, case: str) -> str:
    """The name declined into `case` after `preposition`: «из Приморья», «в Николаевске-на-Амуре»
    (a hyphenated name declines its head only), «с Дальневосточной республикой»."""
    words = [_declined(word, case) for word in name.split()]
    if preposition in ("в", "с", "к") and re.match(rf"(?i){preposition}[^аеёиоуыэюя]", name):
        preposition += "о"
    return f"{preposition} {' '.join(words)}"


def _declined(word: str, case: str) -> str:
    head, hyphen, rest = word.partition("-")
    inflected = morph().parse(head)[0].inflect({case})
    shown = inflected.word if inflected else head
    if head[:1].isupper():
        shown = shown[:1].upper() + shown[1:]
    return shown + hyphen + rest


def answer_problem(deck: Deck, part: Part) -> str | None:
    """Why the part is no fair answer to type (rubric section 7), or None."""
    if part.kind is PartKind.DATE and part.date is not None and part.date.end is not None:
        return "a span of dates is no answer to type from memory"
    if part.kind is not PartKind.ENTITY:
        return None
    entity = deck.entity(part.entity or "")
    for name in entity.name.values():
        reason = typable(entity.type, core(name))
        if reason:
            return reason
    return None


def curated_number(ask: Ask, part: Part) -> dict[str, str]:
    """A number's answer as the curator worded it («В течение месяца» for 1 month), per
    language: the key a student reads, and a form the grader accepts beside the figure."""
    if part.kind is not PartKind.NUMBER or not ask.answer:
        return {}
    return dict(ask.answer)


def answer_extra(part: Part) -> dict[str, str | int | float]:
    return {"part": part.about, "answer_type": part.kind.value, "key": part.key}


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.core:
        for slot, ask, part in asked(fact):
            if part.kind not in TYPED_PARTS or contested(fact, ask.about):
                continue
            if any(stem_problem(fact, part, ask.prompt[lang], lang) for lang in ctx.deck.languages):
                continue
            if answer_problem(ctx.deck, part):
                continue
            date = part.date if part.kind is PartKind.DATE else None
            worded = curated_number(ask, part)
            for lang in ctx.langs:
                shown = worded.get(lang) or capitalized(render(part, ctx.deck, lang))
                accepted = accepted_forms(part, ctx.deck, lang, shown, ask.prompt[lang])
                yield ctx.question(
                    kind=Kind.TYPED,
                    lang=lang,
                    facts=(fact,),
                    template=f"typed:{slot}",
                    prompt=ask.prompt[lang],
                    answer=shown,
                    accepted=tuple(dict.fromkeys((*accepted, *worded.values()))),
                    difficulty=estimate(Kind.TYPED, date),
                    extra=answer_extra(part) | {"slot": slot},
                )
