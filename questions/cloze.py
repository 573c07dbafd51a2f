"""Cloze: a statement with one part blanked, answered by typing (graded like typed items).

The blank is the part exactly as the statement writes it (a Russian name in whatever case the
sentence needs), so it is only made where that part stands verbatim, once, and nothing left in
the sentence gives it away. At most two clozes per fact: asked parts first, then the date,
numbers, and the named entities in role order.
"""

from __future__ import annotations

from collections.abc import Iterator

from decks.model import Fact
from questions import dates, numbers
from questions.context import Context
from questions.difficulty import estimate
from questions.model import Kind, Question
from questions.names import find_entity, names_anywhere
from questions.parts import Part, PartKind, contested, part_of
from questions.phrases import phrase
from questions.typed import answer_extra

BLANK = "_____"
PER_FACT = 2


def blank(ctx: Context, fact: Fact, part: Part, lang: str) -> tuple[int, int] | None:
    """Where the part stands in the statement (start, end), if it can be blanked cleanly."""
    text = fact.statement[lang]
    if part.kind is PartKind.DATE:
        assert part.date is not None
        if part.date.end is not None:
            return None
        found = dates.find_written(text, part.date.start, lang)
        if found is None:
            return None
        span = found[2].span()
        rest = text[: span[0]] + text[span[1] :]
        return None if str(part.date.start.year) in rest else span
    if part.kind is PartKind.NUMBER:
        assert part.quantity is not None
        match = numbers.find_written(text, part.quantity.value, part.quantity.unit[lang])
        return match.span() if match else None
    if part.kind is PartKind.ENTITY:
        entity = ctx.deck.entity(part.entity or "")
        found = find_entity(text, entity, lang)
        if found is None:
            return None
        rest = text[: found.start] + text[found.end :]
        return None if names_anywhere(rest, entity) else (found.start, found.end)
    return None


def candidates(fact: Fact) -> list[tuple[str, Part]]:
    """(template slot, part) in order of preference."""
    found: list[tuple[str, Part]] = []
    asked = [a.about for a in fact.ask]
    if fact.date:
        found.append(("date", part_of(fact, "date")))
    found += [(q.id, part_of(fact, q.id)) for q in fact.numbers]
    for role, ids in fact.entities.items():
        for ident in ids:
            found.append((f"{role}:{ident}", Part(role, PartKind.ENTITY, entity=ident)))
    found = [(slot, part) for slot, part in found if not contested(fact, part.about)]
    return sorted(found, key=lambda item: 0 if item[1].about in asked else 1)


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.deck.facts:
        made = 0
        for slot, part in candidates(fact):
            spans = {lang: blank(ctx, fact, part, lang) for lang in ctx.deck.languages}
            if any(span is None for span in spans.values()):
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
                    prompt=phrase(lang, "cloze", text=text[:start] + BLANK + text[end:]),
                    answer=answer,
                    accepted=(answer,),
                    difficulty=estimate(Kind.CLOZE, date),
                    extra=answer_extra(part) | {"blank": [start, end]},
                )
            if made == PER_FACT:
                break
