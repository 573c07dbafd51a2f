"""The indexes and shortcuts a bank build takes must give what the slow walks they replace gave:
the bank stays the same, byte for byte, however large the deck."""

import datetime as dt
import gc
import random
from dataclasses import replace
from itertools import combinations

import pytest
from conftest import REAL_DECK

from decks.collector import collector_paused
from decks.loader import load_deck
from decks.model import DateSpec, Deck, PartialDate, Precision
from questions.context import Context, lazy_shuffle
from questions.dates import rank
from questions.ordering import (
    SPAN_DAYS,
    Event,
    Timeline,
    compatible,
    draw,
    events,
    full,
    room,
    spaced,
)


@pytest.fixture(scope="module")
def deck(sources_dir) -> Deck:
    return load_deck(REAL_DECK, sources_dir)


def test_passing_the_candidates_draws_what_walking_them_draws(deck):
    ctx = Context(deck, 0, deck.languages)
    checked = 0
    for index, entity in enumerate(deck.entities):
        walked, passed = random.Random(index), random.Random(index)
        candidates = list(ctx.similar(entity, walked))
        ctx.pass_similar(entity, passed)
        assert walked.random() == passed.random(), entity.id
        checked += bool(candidates)
    assert checked > 20


def test_the_fact_indexes_hold_what_a_scan_finds(deck):
    assert list(deck.facts_by_id.values()) == list(deck.facts)
    for topic in deck.topics:
        assert deck.facts_by_topic.get(topic.id, ()) == tuple(
            f for f in deck.facts if f.topic == topic.id
        )
    assert sum(map(len, deck.facts_by_topic.values())) == len(deck.facts)


def test_the_agreements_of_a_topic_are_those_a_scan_finds(deck):
    for topic in deck.topics:
        assert deck.agreements_by_topic.get(topic.id, ()) == tuple(
            f for f in deck.facts if f.topic == topic.id and f.concludes_topic
        )
    assert deck.agreements_by_topic


def _events_at_random_dates(deck: Deck, count: int, years: int, seed: int) -> list[Event]:
    """`count` events made from the real deck's labelled events, moved to random days, months
    and years within `years` years: pools as large and as spread as a big deck's."""
    ctx = Context(deck, 0, deck.languages)
    labelled = events(ctx, deck.facts)
    rng = random.Random(seed)
    made = []
    for index in range(count):
        model = labelled[index % len(labelled)]
        precision = rng.choice([Precision.DAY, Precision.DAY, Precision.MONTH, Precision.YEAR])
        day = PartialDate(
            1900 + rng.randrange(years),
            rng.randint(1, 12) if precision is not Precision.YEAR else 1,
            rng.randint(1, 28) if precision is Precision.DAY else 1,
            precision,
        )
        fact = replace(model.fact, id=f"{model.fact.id}-{index}", date=DateSpec(day))
        made.append(Event(fact, model.labels))
    return made


def _full_walk(members: list[Event], rng: random.Random, same_precision: bool) -> list[Event]:
    """The walk `Timeline.walk` replaces: every member in the shuffled order, less those a
    draw refuses beside the first pick whatever else it holds."""
    walked = list(lazy_shuffle(members, rng))
    if not walked:
        return []
    first, ranked = walked[0], rank(walked[0].precision)
    begin, end = (day.toordinal() for day in first.when)

    def near(event: Event) -> bool:
        start = event.when[0].toordinal()
        gap = abs(rank(event.precision) - ranked)
        return end - SPAN_DAYS <= start <= begin + SPAN_DAYS and gap <= (0 if same_precision else 1)

    return [first] + [e for e in walked[1:] if near(e)]


@pytest.mark.parametrize(
    ("count", "years"), [(1, 3), (7, 1), (60, 3), (400, 40), (3000, 3), (2000, 200)]
)
def test_a_timeline_walks_the_near_events_in_the_order_of_the_full_walk(deck, count, years):
    """Both of its ways: the few events near the first pick (a pool over 200 years) sorted into
    the walk's order, and a walk that passes by the far ones; and it draws what the full walk
    draws."""
    members = _events_at_random_dates(deck, count, years, seed=count)
    # Over 200 years, the walk's second event is near the first about once in fifty.
    _check_walks(Timeline(members), members, seeds=400 if years > 100 else 40)


def test_a_timeline_keeps_the_events_at_the_very_edge_of_the_span(deck):
    model = _events_at_random_dates(deck, 3, 1, seed=1)
    days = [dt.date(1921, 1, 10) + dt.timedelta(days=n) for n in (0, SPAN_DAYS, -SPAN_DAYS)]
    members = [
        Event(
            replace(e.fact, date=DateSpec(PartialDate(d.year, d.month, d.day, Precision.DAY))),
            e.labels,
        )
        for e, d in zip(model, days, strict=True)
    ]
    _check_walks(Timeline(members), members)
    starts = set()
    for seed in range(20):
        walked = list(Timeline(members).walk(random.Random(seed)))
        assert len(walked) == (3 if walked[0] is members[0] else 2)  # both edges, or one
        starts.add(walked[0].fact.id)
    assert len(starts) == 3


def _check_walks(timeline: Timeline, members: list[Event], seeds: int = 40) -> None:
    for seed in range(seeds):
        for same_precision in (False, True):
            fast, slow = random.Random(seed), random.Random(seed)
            assert list(timeline.walk(fast, same_precision)) == _full_walk(
                members, slow, same_precision
            )
            assert fast.random() == slow.random()


def test_a_draw_from_a_timeline_picks_what_walking_the_whole_pool_picks(deck):
    members = _events_at_random_dates(deck, 2000, 40, seed=5)
    timeline = Timeline(members)
    drawn = 0
    for seed in range(60):
        chosen = draw(timeline, 4, random.Random(seed), deck)
        walked: list[Event] = []
        for event in lazy_shuffle(members, random.Random(seed)):
            if compatible(walked, event, deck):
                walked.append(event)
                if len(walked) == 4:
                    break
        assert chosen == walked
        drawn += len(chosen) == 4
    assert drawn > 10


def test_no_more_than_room_events_of_one_year_precision_can_stand_together(deck):
    """What lets a matching draw stop at a first pick dated to a year: three years at most."""
    years = [e for e in _events_at_random_dates(deck, 400, 10, 1) if e.precision is Precision.YEAR]
    by_year = {e.when[0].year: e for e in years}
    run = [by_year[y] for y in sorted(by_year)]
    for start in range(len(run) - room(Precision.YEAR)):
        together = run[start : start + room(Precision.YEAR) + 1]
        assert not all(spaced(a, b) for a, b in combinations(together, 2))
    assert room(Precision.YEAR) == 3


def test_a_pause_of_the_collector_restores_the_state_it_found():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause leaves it to the outer one
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a failed build")
    assert gc.isenabled()


def test_a_draw_stops_only_when_no_event_could_join_its_picks(deck):
    """`ordering.full` may stop a draw early only where walking on would pick nothing: every
    event of a dense pool is then refused by its dates beside some pick."""
    members = _events_at_random_dates(deck, 3000, 6, seed=11)
    timeline = Timeline(members)
    stopped = 0
    for seed in range(300):
        picks: list[Event] = []
        for event in timeline.walk(random.Random(seed)):
            if compatible(picks, event):
                picks.append(event)
                if full(picks):
                    stopped += 1
                    assert not any(all(spaced(p, e) for p in picks) for e in members)
                    break
    assert stopped > 20


def test_three_years_side_by_side_fill_a_draw(deck):
    model = deck.facts[0]
    years = [
        Event(replace(model, id=f"y{y}", date=DateSpec(PartialDate(y, 1, 1, Precision.YEAR))), {})
        for y in (1921, 1922, 1923)
    ]
    assert not full(years[:2]) and full(years)
