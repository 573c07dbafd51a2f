"""Chronological ordering: 3–5 events to put in order, drawn from several facts.

Events are dated facts with a clean label (labels.event_label), no contested date, and no span.
The chosen events' dates never overlap (a month-dated event is never set beside a day in that
month) and are at comparable precision (day with month, month with year, never day with year).
Each top-level topic gives a few items from its own events, and the whole deck a few more;
every item draws with rng(seed, template), so adding an event changes only its pool's items.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from decks.model import Fact
from questions.context import Context, lazy_shuffle
from questions.dates import coarsest, format_date, interval, overlaps, rank
from questions.difficulty import estimate
from questions.labels import event_label
from questions.model import Kind, Question
from questions.phrases import phrase


@dataclass(frozen=True)
class Event:
    fact: Fact
    labels: dict[str, str]


def events(ctx: Context, facts: list[Fact]) -> list[Event]:
    """The facts usable as events: labelled in every deck language."""
    found = []
    for fact in facts:
        labels = {lang: event_label(fact, lang) for lang in ctx.deck.languages}
        if all(labels.values()):
            found.append(Event(fact, labels))
    return found


def pools(ctx: Context) -> list[tuple[str, str, list[Event]]]:
    """(pool name, topic of its items, events): one per top-level topic, then the whole deck."""
    everything = ctx.memo.get("events")
    if everything is None:
        everything = ctx.memo["events"] = events(ctx, list(ctx.deck.facts))
    result = []
    for topic in ctx.deck.topics:
        if topic.parent is None:
            members = [e for e in everything if ctx.root_topic.get(e.fact.topic) == topic.id]
            result.append((topic.id, topic.id, members))
    result.append(("deck", "", everything))
    return result


def compatible(chosen: list[Event], candidate: Event) -> bool:
    """Whether `candidate` can join `chosen` without a tie, an overlap or a precision gap."""
    date = candidate.fact.date
    assert date is not None
    for event in chosen:
        other = event.fact.date
        assert other is not None
        if overlaps(date, other):
            return False
        if abs(rank(coarsest(date)) - rank(coarsest(other))) > 1:
            return False
        if any(event.labels[k] == v for k, v in candidate.labels.items()):
            return False
    return True


def draw(members: list[Event], size: int, rng: random.Random) -> list[Event]:
    """Up to `size` mutually compatible events, picked in a seeded random order."""
    chosen: list[Event] = []
    for event in lazy_shuffle(members, rng):
        if compatible(chosen, event):
            chosen.append(event)
            if len(chosen) == size:
                break
    return chosen


def item_count(pool: str, size: int) -> int:
    return min(12, size // 6) if pool == "deck" else size // 4


def generate(ctx: Context) -> Iterator[Question]:
    for pool, topic, members in pools(ctx):
        if len(members) < 3:
            continue
        made: set[tuple[str, ...]] = set()
        for index in range(max(1, item_count(pool, len(members)))):
            template = f"order:{pool}:{index}"
            rng = ctx.rng(template)
            chosen = draw(members, rng.choice((3, 4, 5)), rng)
            ids = tuple(sorted(e.fact.id for e in chosen))
            if len(chosen) < 3 or ids in made:
                continue
            made.add(ids)
            timeline = sorted(chosen, key=lambda e: interval(e.fact.date)[0])
            shown = list(timeline)
            while shown == timeline:
                rng.shuffle(shown)
            gaps = [
                (interval(b.fact.date)[0] - interval(a.fact.date)[1]).days
                for a, b in zip(timeline, timeline[1:], strict=False)
            ]
            closeness = math.exp(-min(gaps) / 365)
            item_topic = topic or ctx.root_topic.get(timeline[0].fact.topic, timeline[0].fact.topic)
            for lang in ctx.langs:
                yield ctx.question(
                    kind=Kind.ORDERING,
                    lang=lang,
                    facts=tuple(e.fact for e in chosen),
                    template=template,
                    topic=item_topic,
                    prompt=phrase(lang, "ordering"),
                    answer=[e.labels[lang] for e in timeline],
                    options=tuple(e.labels[lang] for e in shown),
                    difficulty=estimate(Kind.ORDERING, None, closeness, len(chosen)),
                    explanation=" ".join(
                        f"{format_date(e.fact.date, lang)}: {e.fact.statement[lang]}"
                        for e in timeline
                    ),
                    extra={
                        "order": [e.fact.id for e in timeline],
                        "dates": [format_date(e.fact.date, lang) for e in timeline],
                    },
                )
