"""Flashcards for study and Anki: each curated phrasing to its key detail, and the reverse.

The back of a card about a contested part is the note on the dispute (both versions with their
sources), so even a flashcard never takes a side. A reverse card's back is the full statement:
the curated reverse phrasing names the detail and asks for the rest of the fact. A contested fact
has no reverse card: its statement is the whole dispute, no answer to a question.
"""

from __future__ import annotations

from collections.abc import Iterator

from decks.model import Ask, Fact, Significance
from questions.context import Context
from questions.dates import capitalized, in_month_or_year
from questions.difficulty import estimate
from questions.model import Kind, Question
from questions.parts import Part, PartKind, asked, contested, render
from questions.rules import asked_with_preposition, minor_day


def card_back(ctx: Context, ask: Ask, part: Part, lang: str) -> str:
    """The key detail as curated (it continues the question), other answers capitalized.

    A phrasing may curate how its answer reads (`answer`) where the bare name would not answer
    the question as asked: «С каким государством…?» is answered «С Дальневосточной республикой».
    """
    if ask.answer and part.kind is not PartKind.DETAIL and ask.answer.get(lang):
        return ask.answer[lang]
    if lang == "ru" and part.kind is PartKind.DATE and part.date and part.date.end is None:
        if asked_with_preposition(ask.prompt[lang]) == ("в", "loct"):
            return capitalized(in_month_or_year(part.date.start))  # «В апреле 1922 г.»
    text = render(part, ctx.deck, lang)
    return text if part.kind is PartKind.DETAIL else capitalized(text)


def trivial(fact: Fact, part: Part) -> str | None:
    """Why a card is not worth a learner's time (rubric section 1): the exact day of an event
    that is not core, or the number or place of a detail."""
    if part.kind is PartKind.DATE and part.date is not None and minor_day(fact, part.date):
        return "the exact day of an event that is not core"
    if fact.significance is Significance.DETAIL and part.kind in (PartKind.NUMBER, PartKind.ENTITY):
        if part.about != "who":
            return f"the {part.about} of a detail"
    return None


def skipped(fact: Fact, part: Part) -> str | None:
    """Why a card is left out: it is trivial and the fact has a card worth more, so that every
    fact keeps one card to study (and practice answers about it have a card to rate)."""
    reason = trivial(fact, part)
    if reason and any(not trivial(fact, other) for _, _, other in asked(fact)):
        return reason
    return None


def generate(ctx: Context) -> Iterator[Question]:
    for fact in ctx.deck.facts:
        for slot, ask, part in asked(fact):
            if skipped(fact, part):
                continue
            disputed = contested(fact, ask.about)
            date = part.date if part.kind is PartKind.DATE else None
            for lang in ctx.langs:
                if disputed:
                    assert fact.contested is not None
                    back = fact.contested.note[lang]
                else:
                    back = card_back(ctx, ask, part, lang)
                yield ctx.question(
                    kind=Kind.FLASHCARD,
                    lang=lang,
                    facts=(fact,),
                    template=f"card:{slot}",
                    prompt=ask.prompt[lang],
                    answer=back,
                    difficulty=estimate(Kind.FLASHCARD, date),
                    versions=disputed,
                    extra={"part": ask.about, "slot": slot, "side": "front"},
                )
                if ask.reverse and fact.contested is None:
                    yield ctx.question(
                        kind=Kind.FLASHCARD,
                        lang=lang,
                        facts=(fact,),
                        template=f"card:{slot}:reverse",
                        prompt=ask.reverse[lang],
                        answer=fact.statement[lang],
                        difficulty=estimate(Kind.FLASHCARD),
                        versions=fact.contested is not None,
                        extra={"part": ask.about, "slot": slot, "side": "reverse"},
                    )
