"""Matching: four pairs, either events to their dates or parties to what they did.

Dates: four events (as for ordering) whose dates cannot overlap, so each date fits one event
only. Deeds: uncontested facts whose statement opens with their single actor ("Japan rejected
..."); the rest of the sentence is the deed. Four different actors, none named in another's
fact, and no deed names any of the four, so each deed fits exactly one actor in the deck.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from decks.model import Deck, Entity, Fact
from questions.context import Context, lazy_shuffle
from questions.dates import format_date, interval
from questions.difficulty import estimate
from questions.model import Kind, Question
from questions.names import core, find_entity, names_anywhere
from questions.ordering import (
    Event,
    Timeline,
    by_topic_and_period,
    chained_events,
    label_problem,
    pools,
    room,
    spaced,
)
from questions.phrases import phrase, without_stop

PAIRS = 4
MAX_DEED = 160


@dataclass(frozen=True)
class Deed:
    fact: Fact
    actor: Entity
    deeds: dict[str, str]
    names: dict[str, str]


def deed_of(ctx: Context, fact: Fact) -> Deed | None:
    """The fact as (actor, what it did) when its statement opens with its one `who` entity."""
    who = fact.entities.get("who", ())
    if len(who) != 1 or fact.contested is not None:
        return None
    actor = ctx.deck.entity(who[0])
    deeds, names = {}, {}
    for lang in ctx.deck.languages:
        text = fact.statement[lang]
        found = find_entity(text, actor, lang)
        if found is None or text[: found.start].strip() not in ("", "The", "the"):
            return None
        rest = text[found.end :].strip()
        if not re.match(r"^[^\W\d_]", rest) or not rest[0].islower() or len(rest) > MAX_DEED:
            return None
        deeds[lang] = without_stop(rest)
        if label_problem(deeds[lang], lang):
            return None
        names[lang] = (
            core(actor.name[lang]) if actor.name[lang].startswith("the ") else actor.name[lang]
        )
        names[lang] = names[lang][:1].upper() + names[lang][1:]
    return Deed(fact, actor, deeds, names)


def deed_fits(chosen: list[Deed], candidate: Deed, deck: Deck | None = None) -> bool:
    for deed in chosen:
        if deed.actor.id == candidate.actor.id or deed.actor.type != candidate.actor.type:
            return False
        if any(deed.deeds[lang] == candidate.deeds[lang] for lang in deed.deeds):
            return False
        for a, b in ((deed, candidate), (candidate, deed)):
            named = {i for ids in a.fact.entities.values() for i in ids}
            if b.actor.id in named:
                return False
            if any(names_anywhere(text, b.actor) for text in a.deeds.values()):
                return False
    return True


def _date_fits(chosen: list[Event], candidate: Event, deck: Deck) -> bool:
    for event in chosen:
        if not spaced(event, candidate) or chained_events(event, candidate, deck):
            return False
        if event.precision is not candidate.precision:
            return False  # dates to match in one format: all days, or all months
        for lang in candidate.labels:
            if event.labels[lang] == candidate.labels[lang]:
                return False
            if event.written[lang] == candidate.written[lang]:
                return False
    return True


_Member = TypeVar("_Member", bound="Event | Deed")
_Fits = Callable[[list[_Member], _Member, Deck], bool]
_Walk = Callable[[random.Random], Iterator[_Member]]
"""A pool's members in a seeded order, drawing from the random numbers given."""


def _event_walk(members: list[Event]) -> _Walk[Event]:
    """The events that can stand beside the first pick, in the order of the full walk; none
    after a first pick dated to a year only, since `_date_fits` wants every date at its
    precision and `spaced` lets fewer than PAIRS years stand together."""
    timeline = Timeline(members)

    def walk(rng: random.Random) -> Iterator[Event]:
        events = timeline.walk(rng, same_precision=True)
        first = next(events, None)
        if first is not None:
            yield first
            if room(first.precision) >= PAIRS:
                yield from events

    return walk


def _draw(walk: Iterator[_Member], fits: _Fits[_Member], deck: Deck) -> list[_Member]:
    chosen: list[_Member] = []
    for member in walk:
        if fits(chosen, member, deck):
            chosen.append(member)
            if len(chosen) == PAIRS:
                break
    return chosen


def _deed_pools(ctx: Context) -> list[tuple[str, str, list[Deed]]]:
    givers = (f for f in ctx.testable if f.gives(Kind.MATCHING.value))
    deeds = [d for d in (deed_of(ctx, f) for f in givers) if d is not None]
    return by_topic_and_period(ctx, deeds)


def _count(size: int) -> int:
    return size // 3


def explain(chosen: Sequence[Event | Deed], lang: str) -> str:
    """Why each pair belongs together: each fact's statement, in the order of their dates."""
    facts = sorted((m.fact for m in chosen), key=lambda f: interval(f.date)[0] if f.date else _END)
    return " ".join(f.statement[lang] for f in facts)


_END = dt.date.max


def generate(ctx: Context) -> Iterator[Question]:
    yield from _generate(ctx, "dates", pools(ctx), _date_fits, _event_walk)
    yield from _generate(ctx, "deeds", _deed_pools(ctx), deed_fits, _shuffled)


def _shuffled(members: list[Deed]) -> _Walk[Deed]:
    return lambda rng: lazy_shuffle(members, rng)


def _pair_texts(member: Event | Deed, lang: str) -> tuple[str, str]:
    if isinstance(member, Deed):
        return member.names[lang], member.deeds[lang]
    return member.labels[lang], format_date(member.date, lang)


def _generate(
    ctx: Context,
    family: str,
    family_pools: list[tuple[str, str, list[_Member]]],
    fits: _Fits[_Member],
    walker: Callable[[list[_Member]], _Walk[_Member]],
) -> Iterator[Question]:
    made: set[tuple[str, ...]] = set()
    for pool, topic, members in family_pools:
        if len(members) < PAIRS:
            continue
        walk = walker(members)
        for index in range(max(1, _count(len(members)))):
            template = f"match:{family}:{pool}:{index}"
            rng = ctx.rng(template)
            chosen = _draw(walk(rng), fits, ctx.deck)
            ids = tuple(sorted(m.fact.id for m in chosen))
            if len(chosen) < PAIRS or ids in made:
                continue
            made.add(ids)
            left_order = list(range(PAIRS))
            right_order = list(range(PAIRS))
            rng.shuffle(left_order)
            while right_order == left_order or right_order == list(range(PAIRS)):
                rng.shuffle(right_order)
            first = min(chosen, key=lambda m: ctx.fact_order[m.fact.id])
            item_topic = topic or ctx.deck.root_topic(first.fact.topic)
            for lang in ctx.langs:
                pairs = [_pair_texts(m, lang) for m in chosen]
                yield ctx.question(
                    kind=Kind.MATCHING,
                    lang=lang,
                    facts=tuple(m.fact for m in chosen),
                    template=template,
                    topic=item_topic,
                    prompt=phrase(lang, f"matching_{family}"),
                    answer={pairs[i][0]: pairs[i][1] for i in left_order},
                    options=tuple(pairs[i][1] for i in right_order),
                    difficulty=estimate(Kind.MATCHING),
                    explanation=explain(chosen, lang),
                    extra={
                        "family": family,
                        "left": [pairs[i][0] for i in left_order],
                        "pairs": [
                            [m.fact.id, pairs[k][0], pairs[k][1]] for k, m in enumerate(chosen)
                        ],
                    },
                )
