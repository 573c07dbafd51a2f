"""Chronological ordering: 4–5 events to put in order, drawn from several facts.

Events are dated facts with a clean label (labels.event_label), no contested date, and no span.
The chosen events' dates never overlap (a month-dated event is never set beside a day in that
month) and are at comparable precision (day with month, month with year, never day with year).
Each top-level topic gives a few items from its own events, and the whole deck a few more;
every item draws with rng(seed, template), so adding an event changes only its pool's items.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from heapq import merge
from typing import Protocol, TypeVar

from decks.model import DateSpec, Deck, Fact, Precision
from questions.context import Context, stride
from questions.dates import coarsest, format_date, interval, overlaps, rank
from questions.difficulty import estimate
from questions.labels import event_label
from questions.model import Kind, Question
from questions.phrases import phrase
from questions.rules import MAX_LABEL, one_claim, order_hint, stands_alone


@dataclass(frozen=True)
class Event:
    fact: Fact
    labels: dict[str, str]
    when: tuple[dt.date, dt.date] = field(init=False, repr=False, compare=False)
    """What a draw weighs against every other candidate, worked out once per event: the days
    the date may mean, its coarsest precision, the date as each language writes it, the
    entities the fact names and whether it founds something. A large pool is drawn from
    thousands of times, and recomputing these for each pair was most of its cost."""
    days: tuple[int, int] = field(init=False, repr=False, compare=False)
    """`when` as day numbers (`date.toordinal`)."""
    precision: Precision = field(init=False, repr=False, compare=False)
    written: dict[str, str] = field(init=False, repr=False, compare=False)
    parties: frozenset[str] = field(init=False, repr=False, compare=False)
    founding: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        date = self.date
        object.__setattr__(self, "when", interval(date))
        object.__setattr__(self, "days", (self.when[0].toordinal(), self.when[1].toordinal()))
        object.__setattr__(self, "precision", coarsest(date))
        object.__setattr__(self, "written", {lang: format_date(date, lang) for lang in self.labels})
        object.__setattr__(self, "parties", _parties(self.fact))
        object.__setattr__(self, "founding", starts(self.fact))

    @property
    def date(self) -> DateSpec:
        """The fact's date: only dated facts get a label, so only they become events."""
        assert self.fact.date is not None
        return self.fact.date


class _OfFact(Protocol):
    """An event, a deed or anything else drawn from one fact."""

    @property
    def fact(self) -> Fact: ...


_Member = TypeVar("_Member", bound=_OfFact)


SPAN_DAYS = 3 * 366
"""Events of one item lie within about three years, so their order is not obvious."""
GAP_DAYS = 28
"""...and about a month apart at least, so they can be told apart."""
PERIOD_YEARS = 3
CHAINED_TYPES = ("document", "event")
STARTS = {
    "en": r"\b(?:proclaimed|founded|established|created|opened|began|begun|preliminary)\b",
    "ru": r"(?<!\w)(?:провозглаш\w*|основан\w*|создан\w*|образован\w*|открыл\w*|начал\w*"
    r"|предварительн\w*)",
}
"""Words of a fact that founds or opens something."""
"""Two events about one treaty or conference are ordered by logic (signed, then in force)."""


@lru_cache(maxsize=65536)
def label_problem(label: str, lang: str) -> str | None:
    """Why an event label cannot stand in an ordering or matching item (kept per label: the
    gate asks again for each item the event stands in)."""
    return stands_alone(label, lang) or one_claim(label, MAX_LABEL) or order_hint(label, lang)


def events(ctx: Context, facts: list[Fact] | tuple[Fact, ...]) -> list[Event]:
    """The facts usable as events: labelled in every deck language, each label one claim."""
    found = []
    for fact in facts:
        labels = {lang: event_label(fact, lang) for lang in ctx.deck.languages}
        if all(labels.values()) and not any(
            label_problem(text or "", lang) for lang, text in labels.items()
        ):
            found.append(Event(fact, {k: v for k, v in labels.items() if v}))
    return found


def pools(ctx: Context) -> list[tuple[str, str, list[Event]]]:
    """(pool name, topic of its items, events): one per top-level topic, then one per period
    of three calendar years (`years-1921`: 1921–1923), from core and supporting facts only."""
    everything = ctx.memo.get("events")
    if everything is None:
        everything = ctx.memo["events"] = events(
            ctx, [f for f in ctx.testable if f.gives(Kind.ORDERING.value)]
        )
    return by_topic_and_period(ctx, everything)


def by_topic_and_period(
    ctx: Context, members: list[_Member]
) -> list[tuple[str, str, list[_Member]]]:
    """Members (anything with a `.fact`) grouped by top-level topic, then by period, each
    group in the members' order; members are put in their groups, not every group sought
    among all members (40 periods of a 100,000-fact deck each scanned all of them)."""
    by_root: dict[str, list[_Member]] = {}
    for member in members:
        by_root.setdefault(ctx.deck.root_topic(member.fact.topic), []).append(member)
    result = [
        (topic.id, topic.id, by_root.get(topic.id, []))
        for topic in ctx.deck.topics
        if topic.parent is None
    ]
    by_year: dict[int, list[int]] = {}
    for place, member in enumerate(members):
        if member.fact.date is not None:
            by_year.setdefault(member.fact.date.start.year, []).append(place)
    for first in sorted(by_year):
        within = (by_year.get(year, []) for year in range(first, first + PERIOD_YEARS))
        result.append((f"years-{first}", "", [members[i] for i in merge(*within)]))
    return result


def chained(a: Fact, b: Fact, deck: Deck) -> bool:
    """Whether logic alone may order the two facts: both about one treaty, conference or other
    event (concluded, then ratified), with the same two parties or more (talks began, then
    the same negotiators signed), or a step of a topic's talks beside the core agreement they
    led to (formal talks in Peking began, then the Basic Convention was signed)."""
    if _led_to(a, b):
        return True
    return _chained(_parties(a), _parties(b), deck, lambda: starts(a) or starts(b))


def chained_events(a: Event, b: Event, deck: Deck) -> bool:
    """`chained` of the two events' facts, from what each event worked out once."""
    if _led_to(a.fact, b.fact):
        return True
    return _chained(a.parties, b.parties, deck, lambda: a.founding or b.founding)


def _led_to(a: Fact, b: Fact) -> bool:
    """Whether one of the two is the core agreement the other's topic led up to."""
    return a.topic == b.topic and (a.concludes_topic or b.concludes_topic)


def _chained(
    parties_a: frozenset[str], parties_b: frozenset[str], deck: Deck, founding: Callable[[], bool]
) -> bool:
    shared = parties_a & parties_b
    if len(shared) >= 2 or any(deck.entity(i).type in CHAINED_TYPES for i in shared):
        return True
    return (bool(shared) or _kin(parties_a, parties_b)) and founding()


def _parties(fact: Fact) -> frozenset[str]:
    return frozenset(i for ids in fact.entities.values() for i in ids)


def _kin(ids_a: frozenset[str], ids_b: frozenset[str]) -> bool:
    """Whether one fact names a body of a party the other names (`fer`, `fer-delegation-dairen`):
    the republic must be proclaimed before its delegation can act."""
    return not ids_a.isdisjoint(_bodies_of(ids_b)) or not ids_b.isdisjoint(_bodies_of(ids_a))


@lru_cache(maxsize=65536)
def _bodies_of(ids: frozenset[str]) -> frozenset[str]:
    """Every party whose body one of `ids` may be: the id's leading parts up to each hyphen
    (`fer` and `fer-delegation` for `fer-delegation-dairen`), so `j.startswith(i + "-")` is
    a set lookup."""
    return frozenset(ident[:at] for ident in ids for at, ch in enumerate(ident) if ch == "-")


def starts(fact: Fact) -> bool:
    """Whether the fact founds or opens something (proclaimed, opened, began): every later
    event about the same party follows it by logic."""
    return any(re.search(STARTS.get(lang, r"(?!x)x"), text.casefold())
               for lang, text in fact.statement.items())  # fmt: skip


def spacing_problem(a: Fact, b: Fact) -> str | None:
    """Why two dated events cannot stand in one ordering or matching item, or None."""
    assert a.date is not None and b.date is not None
    if overlaps(a.date, b.date):
        return "their dates may be the same day"
    (a0, a1), (b0, b1) = interval(a.date), interval(b.date)
    if abs((b0 - a0).days) < GAP_DAYS:
        return f"they are less than {GAP_DAYS} days apart"
    if max(a1, b1) - min(a0, b0) > dt.timedelta(days=SPAN_DAYS):
        return "they are more than three years apart, so the order is obvious"
    if abs(rank(coarsest(a.date)) - rank(coarsest(b.date))) > 1:
        return "they are dated at too different precisions"
    return None


def spaced(a: Event, b: Event) -> bool:
    """Whether `spacing_problem` finds nothing against the two events' facts, from what each
    event worked out once."""
    (a0, a1), (b0, b1) = a.when, b.when
    if a0 <= b1 and b0 <= a1:
        return False
    if abs((b0 - a0).days) < GAP_DAYS:
        return False
    if max(a1, b1) - min(a0, b0) > dt.timedelta(days=SPAN_DAYS):
        return False
    return abs(rank(a.precision) - rank(b.precision)) <= 1


def compatible(chosen: list[Event], candidate: Event, deck: Deck | None = None) -> bool:
    """Whether `candidate` can join `chosen`: no tie, overlap, precision gap, near date,
    long span, or logical chain. The dates are weighed against every pick first: they refuse
    most candidates, and cost less than the chains."""
    if not all(spaced(event, candidate) for event in chosen):
        return False
    for event in chosen:
        if deck is not None and chained_events(event, candidate, deck):
            return False
        if any(event.labels[k] == v for k, v in candidate.labels.items()):
            return False
    return True


class Timeline:
    """A pool's events indexed by their first day, so that a draw walks only the events that
    can stand beside its first pick.

    A draw takes the events in a seeded order (`context.lazy_shuffle`) until enough fit
    together; one that cannot be completed walked the whole pool, and a pool grows with the
    deck, so the build grew with its square (a 24,000-fact deck spent half its build there).
    Every event more than SPAN_DAYS from the first pick, or at a precision `spaced` refuses
    beside it, is refused whatever else is chosen; `walk` gives the rest in the very order
    the full walk would, so every draw picks what it picked before.
    """

    def __init__(self, members: list[Event]) -> None:
        self.members = members
        self._days = [e.days[0] for e in members]
        self._ranks = [rank(e.precision) for e in members]
        self._by_start = sorted(range(len(members)), key=self._days.__getitem__)
        self._starts = [self._days[i] for i in self._by_start]

    def walk(self, rng: random.Random, same_precision: bool = False) -> Iterator[Event]:
        """The pool in the order `lazy_shuffle(members, rng)` gives it, drawing the same
        numbers, without the events that cannot be chosen beside the first (nor, with
        `same_precision`, those dated at another precision than it)."""
        members, size = self.members, len(self.members)
        if size == 0:
            return
        start, step = stride(size, rng)
        first = members[start]
        yield first
        begin, end = first.days
        earliest, latest = end - SPAN_DAYS, begin + SPAN_DAYS
        wanted, ranks = rank(first.precision), self._ranks
        low = bisect_left(self._starts, earliest)
        high = bisect_right(self._starts, latest)
        if (high - low) * 16 < size:  # few near it: take them in the walk's order
            inverse = pow(step, -1, size)
            places = sorted((i - start) * inverse % size for i in self._by_start[low:high])
            walked = ((start + place * step) % size for place in places if place)
        else:  # most of the pool is near it: walk it, passing by the rest
            days = self._days
            walked = (
                i for i in ((start + place * step) % size for place in range(1, size))
                if earliest <= days[i] <= latest
            )  # fmt: skip
        for i in walked:
            if ranks[i] == wanted if same_precision else abs(ranks[i] - wanted) <= 1:
                yield members[i]


def room(precision: Precision) -> int:
    """The most events dated at `precision` that `spaced` lets stand in one item: years must
    differ and lie within SPAN_DAYS, so three; months and days leave room for any item."""
    return SPAN_DAYS // 365 if precision is Precision.YEAR else SPAN_DAYS


def draw(timeline: Timeline, size: int, rng: random.Random, deck: Deck) -> list[Event]:
    """Up to `size` mutually compatible events, picked in a seeded random order; a draw stops
    as soon as its picks leave no room for another (`full`), where walking on would pick
    nothing more."""
    chosen: list[Event] = []
    for event in timeline.walk(rng):
        if compatible(chosen, event, deck):
            chosen.append(event)
            if len(chosen) == size or full(chosen):
                break
    return chosen


SHORTEST = (1, 28, 365)
"""The fewest days a date spans, by `rank`: a day, February, a year."""


def full(chosen: list[Event]) -> bool:
    """Whether no event, of any precision `spaced` lets stand beside every pick, can start on
    a day that every pick allows: within SPAN_DAYS of them all (its own shortest length
    included), on no day a pick may mean, and GAP_DAYS from each pick's first day. Three
    events dated each to a year, side by side, leave no such day; a draw went on to weigh
    every event near its first pick."""
    ranks = [rank(e.precision) for e in chosen]
    allowed = [r for r in range(len(SHORTEST)) if all(abs(r - q) <= 1 for q in ranks)]
    if not allowed:
        return True
    earliest = max(e.days[1] for e in chosen) - SPAN_DAYS
    latest = min(e.days[0] for e in chosen) + SPAN_DAYS - (min(SHORTEST[r] for r in allowed) - 1)
    taken = sorted(
        (e.days[0] - GAP_DAYS + 1, max(e.days[1], e.days[0] + GAP_DAYS - 1)) for e in chosen
    )
    free = earliest
    for first, last in taken:
        if first > free:
            break
        free = max(free, last + 1)
    return free > latest


def item_count(size: int) -> int:
    return size // 3


def generate(ctx: Context) -> Iterator[Question]:
    made: set[tuple[str, ...]] = set()
    for pool, topic, members in pools(ctx):
        if len(members) < 4:
            continue
        indexed = Timeline(members)
        for index in range(max(1, item_count(len(members)))):
            template = f"order:{pool}:{index}"
            rng = ctx.rng(template)
            chosen = draw(indexed, rng.choice((4, 4, 5)), rng, ctx.deck)
            ids = tuple(sorted(e.fact.id for e in chosen))
            if len(chosen) < 4 or ids in made:
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
            item_topic = topic or ctx.deck.root_topic(timeline[0].fact.topic)
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
                    explanation=" ".join(e.fact.statement[lang] for e in timeline),
                    extra={
                        "order": [e.fact.id for e in timeline],
                        "dates": [format_date(e.date, lang) for e in timeline],
                    },
                )
