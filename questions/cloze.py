"""Cloze: a statement with one part blanked, answered by typing (graded like typed items).

The blank is the part exactly as the statement writes it (a Russian name in whatever case the
sentence needs), so it is only made where that part stands verbatim, once, and nothing left in
the sentence gives it away. At most two clozes per fact: asked parts first, then the date,
numbers, and the named entities in role order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from decks.model import Fact
from questions import dates, numbers
from questions.context import Context
from questions.difficulty import estimate
from questions.model import Kind, Question
from questions.names import find_entity, names_anywhere
from questions.parts import Part, PartKind, contested, part_of
from questions.phrases import phrase
from questions.rules import minor_date, stands_alone
from questions.truefalse import key_parts
from questions.typed import accepted_forms, answer_extra, answer_problem

BLANK = "_____"
PER_FACT = 2


def blank(ctx: Context, fact: Fact, part: Part, lang: str) -> tuple[int, int] | None:
    """Where the part stands in the statement (start, end), if it can be blanked cleanly."""
    text = fact.statement[lang]
    if part.kind is PartKind.DATE:
        assert part.date is not None
        if part.date.end is not None:
            return None
        if minor_date(fact, part.date):
            return None  # the date of a letter, or the exact day of a minor step: trivia
        found = dates.find_written(text, part.date.start, lang)
        if found is None:
            return None
        span = found[2].span
        rest = text[: span[0]] + text[span[1] :]
        return None if str(part.date.start.year) in rest else span
    if part.kind is PartKind.NUMBER:
        assert part.quantity is not None
        match = numbers.find_written(text, part.quantity.value, part.quantity.unit[lang])
        return match.span() if match else None
    if part.kind is PartKind.ENTITY:
        entity = ctx.deck.entity(part.entity or "")
        named = find_entity(text, entity, lang)
        if named is None:
            return None
        rest = text[: named.start] + text[named.end :]
        return None if names_anywhere(rest, entity) else (named.start, named.end)
    return None


BILATERAL = ("state", "country")
"""Subtypes of parties that a sentence about a treaty "between _____ and Japan" gives away."""


def word_stems(text: str, lang: str) -> set[str]:
    """Stems of the content words of `text`: the first letters of each word of four or more
    (five in English, four in Russian, whose endings are longer), so that "Japan", "Japanese",
    «Япония» and «японских» share one."""
    size = 5 if lang == "en" else 4
    words = re.findall(r"[^\W\d_]+", text.casefold().replace("ё", "е"))
    return {w[:size] for w in words if len(w) >= 4 and w not in STOP_WORDS}


STOP_WORDS = {"with", "from", "that", "this", "their", "which", "were", "have", "into", "about"}


def predictable(
    ctx: Context, fact: Fact, part: Part, text: str, span: tuple[int, int], lang: str
) -> str | None:
    """Why the rest of the sentence predicts the blank, or None (rubric section 2).

    Never the subject of a sentence about its own action (a state or body in the `who` role),
    never a word whose stem the sentence repeats ("_____ troops" beside "Japanese"), never one
    of two states the sentence pairs ("between _____ and Japan").
    """
    if part.kind is not PartKind.ENTITY:
        return None
    entity = ctx.deck.entity(part.entity or "")
    rest = text[: span[0]] + " " + text[span[1] :]
    if part.about == "who" and entity.type != "person":
        return "blanks the subject of a sentence about its own action"
    names = [text[span[0] : span[1]], *entity.name.values(), *entity.aliases.get(lang, ())]
    if entity.side and entity.type != "person":
        side = next((s for s in ctx.deck.sides if s.id == entity.side), None)
        names += list(side.name.values()) if side else []
    shared = set().union(*(word_stems(n, lang) for n in names)) & word_stems(rest, lang)
    if shared:
        return f"the sentence repeats the stem of the answer ('{sorted(shared)[0]}')"
    if entity.subtype in BILATERAL:
        for other in ctx.deck.entities:
            if other.id != entity.id and other.subtype in BILATERAL and names_anywhere(rest, other):
                return f"the sentence pairs the blank with '{other.id}'"
    before = re.findall(r"[^\W\d_]+", text[: span[0]].casefold())
    if entity.subtype in TOWNS and before and before[-1] in BARE_PLACE_WORDS:
        return f"'{before[-1]} _____' takes a country as well as a town: name the kind of place"
    return None


TOWNS = ("city", "port", "town")
BARE_PLACE_WORDS = {"in", "at", "to", "into", "в", "во"}
"""Words after which a blanked town has a second right answer: "arrived in _____" is as true of
Japan as of Nagasaki; "arrived at the port of _____" is not."""


def cloze_prompt(part: Part, lang: str, text: str) -> str:
    """The instruction and the sentence; a blanked date says the precision it wants."""
    if part.kind is PartKind.DATE and part.date is not None:
        precision = part.date.start.precision.value
        return phrase(lang, f"cloze_{precision}", text=text)
    return phrase(lang, "cloze", text=text)


def candidates(fact: Fact) -> list[tuple[str, Part]]:
    """(template slot, part) in order of preference: only the parts the fact is about (its
    key relation, number or date, see `truefalse.key_parts`), never an incidental year."""
    asked = [a.about for a in fact.ask]
    keys = key_parts(fact)
    slots = ["date"] if fact.date else []
    slots += [q.id for q in fact.numbers]
    found = [(slot, part) for slot in slots if (part := part_of(fact, slot)) is not None]
    for role, ids in fact.entities.items():
        for ident in ids:
            found.append((f"{role}:{ident}", Part(role, PartKind.ENTITY, entity=ident)))
    found = [
        (slot, part)
        for slot, part in found
        if not contested(fact, part.about) and part.about in keys
    ]
    return sorted(found, key=lambda item: 0 if item[1].about in asked else 1)


def blanked(text: str, start: int, end: int) -> str:
    """The statement with its span blanked; a sentence that ends in the blanked «1920 г.»
    keeps its full stop, which the abbreviation's dot stood for."""
    rest = text[end:]
    if not rest.strip() and text[start:end].endswith("."):
        rest = "."
    return text[:start] + BLANK + rest


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.core:
        if any(stands_alone(fact.statement[lang], lang) for lang in ctx.deck.languages):
            continue
        made = 0
        for slot, part in candidates(fact):
            spans = {
                lang: span
                for lang in ctx.deck.languages
                if (span := blank(ctx, fact, part, lang)) is not None
            }
            if len(spans) != len(ctx.deck.languages):
                continue
            if answer_problem(ctx.deck, part):
                continue
            if any(
                predictable(ctx, fact, part, fact.statement[lang], span, lang)
                for lang, span in spans.items()
            ):
                continue
            made += 1
            date = part.date if part.kind is PartKind.DATE else None
            for lang in ctx.langs:
                start, end = spans[lang]
                text = fact.statement[lang]
                answer = text[start:end]
                yield ctx.question(
                    kind=Kind.CLOZE,
                    lang=lang,
                    facts=(fact,),
                    template=f"cloze:{slot}",
                    prompt=cloze_prompt(part, lang, blanked(text, start, end)),
                    answer=answer,
                    accepted=accepted_forms(part, ctx.deck, lang, answer),
                    difficulty=estimate(Kind.CLOZE, date),
                    extra=answer_extra(part) | {"blank": [start, end]},
                )
            if made == PER_FACT:
                break
