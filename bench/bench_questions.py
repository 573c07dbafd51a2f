"""Load, build and cache-load times and peak memory of question banks: the real deck and a
generated deck of 100,000 facts, each as a ratio to the time yaml.CSafeLoader takes merely to
parse the same YAML.

Run by hand: `.venv/bin/python bench/bench_questions.py [--facts 100000] [--skip-real]`;
`--facts 2000` gives a run of a minute or two.

Each deck is measured in a fresh process: parse (CSafeLoader over every YAML file), load
(`decks.loader.load_deck`, which also validates), build (`questions.build_bank`, both languages),
then `questions.cache.compiled_bank` twice over an empty cache folder: the first call loads,
builds, checks (the quality gate) and stores the entry, the second reads it (the cache load).
The first call is not the sum of the steps timed before it: the patterns and word analyses the
first build kept are warm by then. Times are
the process's CPU time (the machine is shared, and wall time under load measures the
neighbours; every step runs on one thread, reading and writing files included). Memory is
the process's peak resident set after the build (deck and bank) and after the first
`compiled_bank` (deck, bank, gate and the pickled entry), and the resident memory the build
added, per question. The generated deck is written to a temporary folder with the
shape of the real one: people, places and states with sides and aliases, nested topics, dated
events at all three precisions, numbers, key details, core, supporting and detail facts in the
real deck's proportions, and one fact in a hundred contested.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout this script is in, not an installed copy

from decks.loader import load_deck  # noqa: E402
from questions import build_bank  # noqa: E402
from questions.cache import CACHE_VARIABLE, compiled_bank  # noqa: E402

REAL = ROOT / "decks" / "far-east-1920-1925"
SYLLABLES = [("ka", "ка"), ("to", "то"), ("mi", "ми"), ("ra", "ра"), ("no", "но"),
             ("va", "ва"), ("se", "се"), ("lo", "ло"), ("du", "ду"), ("ri", "ри"), ("pe", "пе"),
             ("zu", "зу")]  # fmt: skip
ENDINGS = [("kov", "ков"), ("din", "дин"), ("rin", "рин"), ("shan", "шан"), ("lev", "лев")]
PLACE_ENDINGS = [("grad", "град"), ("sk", "ск"), ("mir", "мир"), ("port", "порт")]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]  # fmt: skip
MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
MONTHS_PREP = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
               "сентябре", "октябре", "ноябре", "декабре"]  # fmt: skip
FACTS_PER_FILE = 1000
SIGNIFICANCE = (("core", 0.28), ("supporting", 0.66))
"""Cumulative shares of core and supporting facts (the rest are details), as in the real deck:
117 core, 158 supporting and 136 detail facts of 411."""


def _name(rng: random.Random, parts: int, endings=ENDINGS) -> tuple[str, str]:
    chosen = [rng.choice(SYLLABLES) for _ in range(parts)] + [rng.choice(endings)]
    en = "".join(p[0] for p in chosen)
    ru = "".join(p[1] for p in chosen)
    return en.capitalize(), ru.capitalize()


def _entities(rng: random.Random, facts: int) -> list[dict]:
    entities, seen = [], set()
    plan = [("person", None, max(40, facts // 40)), ("place", "city", max(20, facts // 120)),
            ("organisation", "state", 30)]  # fmt: skip
    for kind, subtype, count in plan:
        made = 0
        while made < count:
            first = _name(rng, 1)
            last = _name(rng, rng.randint(1, 3), ENDINGS if kind == "person" else PLACE_ENDINGS)
            en, ru = (
                (f"{first[0]} {last[0]}", f"{first[1]} {last[1]}") if kind == "person" else last
            )
            if en in seen:
                continue
            seen.add(en)
            entity = {
                "id": f"{kind[:3]}-{made}",
                "type": kind,
                "name": {"en": en, "ru": ru},
                "description": {"en": f"A {kind} of the story", "ru": "Участник событий"},
                "aliases": {"en": [last[0]] if kind == "person" else [], "ru": [last[1]]},
                "side": rng.choice(["east", "west", "north"]),
            }
            if subtype:
                entity["subtype"] = subtype
            entities.append(entity)
            made += 1
    return entities


def _date(rng: random.Random) -> tuple[str, str, str]:
    """(ISO, English opening, Russian opening) at a random precision."""
    year, month, day = rng.randint(1900, 1940), rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.choice(["day", "day", "month", "year"])
    if precision == "day":
        iso = f"{year}-{month:02d}-{day:02d}"
        return (
            iso,
            f"On {day} {MONTHS_EN[month - 1]} {year}",
            f"{day} {MONTHS_GEN[month - 1]} {year} г.",
        )
    if precision == "month":
        return (
            f"{year}-{month:02d}",
            f"In {MONTHS_EN[month - 1]} {year}",
            f"В {MONTHS_PREP[month - 1]} {year} г.",
        )
    return str(year), f"In {year}", f"В {year} г."


def _fact(rng: random.Random, index: int, people: list, places: list, topics: list) -> dict:
    who, where = rng.choice(people), rng.choice(places)
    en_who, ru_who = who["name"]["en"], who["name"]["ru"]
    en_at, ru_at = where["name"]["en"], where["name"]["ru"]
    fact = {
        "id": f"fact-{index}",
        "topic": rng.choice(topics),
        "sources": [{"source": rng.choice(["chronicle", "encyclopedia"]), "quote": f"q {index}"}],
        "entities": {"who": who["id"], "where": where["id"]},
    }
    weight = rng.random()
    fact["significance"] = next((s for s, share in SIGNIFICANCE if weight < share), "detail")
    roll = rng.random()
    if roll < 0.6:
        iso, en_when, ru_when = _date(rng)
        fact.update(
            kind="event",
            date=iso,
            statement={"en": f"{en_when} {en_who} arrived in {en_at}.",
                       "ru": f"{ru_when} {ru_who} прибыл в город {ru_at}."},
            ask=[{"about": "date", "en": f"When did {en_who} arrive in {en_at}?",
                  "ru": f"Когда {ru_who} прибыл в город {ru_at}?"},
                 {"about": "where", "en": f"Where did {en_who} arrive ({index})?",
                  "ru": f"Куда прибыл {ru_who} ({index})?"}],
        )  # fmt: skip
        if roll < 0.006 and len(iso) == 10:
            year, month, day = (int(p) for p in iso.split("-"))
            other = day % 27 + 1
            fact["date"] = iso[:7]
            fact["statement"] = {
                "en": f"In {MONTHS_EN[month - 1]} {year} ({day} or {other} {MONTHS_EN[month - 1]},"
                f" the sources differ) {en_who} arrived in {en_at}.",
                "ru": f"В {MONTHS_PREP[month - 1]} {year} г. ({day} или {other}"
                f" {MONTHS_GEN[month - 1]}, источники расходятся) {ru_who} прибыл в город {ru_at}.",
            }
            fact["contested"] = {
                "about": "date",
                "question": {
                    "en": f"On what day did {en_who} arrive in {en_at}?",
                    "ru": f"Какого числа {ru_who} прибыл в город {ru_at}?",
                },
                "note": {"en": "The sources differ on the day.", "ru": "Источники расходятся."},
                "versions": [
                    {"date": iso, "source": "chronicle", "quote": f"v1 {index}"},
                    {
                        "date": f"{iso[:8]}{other:02d}",
                        "source": "encyclopedia",
                        "quote": f"v2 {index}",
                    },
                ],
            }
    elif roll < 0.85:
        days = rng.randint(2, 400)
        en_unit = "days"
        n = days % 100
        ru_unit = (
            "день"
            if days % 10 == 1 and n != 11
            else "дня"
            if 2 <= days % 10 <= 4 and not 12 <= n <= 14
            else "дней"
        )
        fact.update(
            kind="statistic",
            statement={"en": f"{en_who} stayed in {en_at} for {days} {en_unit}.",
                       "ru": f"{ru_who} провёл в городе {ru_at} {days} {ru_unit}."},
            numbers=[{"id": "days", "value": days, "unit": {"en": en_unit, "ru": ru_unit}}],
            ask=[{"about": "days", "en": f"How many days did {en_who} stay in {en_at}?",
                  "ru": f"Сколько дней {ru_who} провёл в городе {ru_at}?"}],
        )  # fmt: skip
    else:
        fact.update(
            kind="demand",
            statement={"en": f"{en_who} demanded free trade for {en_at}.",
                       "ru": f"{ru_who} потребовал свободной торговли для города {ru_at}."},
            ask=[{"about": "detail", "en": f"What did {en_who} demand for {en_at}?",
                  "ru": f"Чего потребовал {ru_who} для города {ru_at}?",
                  "answer": {"en": "free trade", "ru": "свободной торговли"}}],
        )  # fmt: skip
    return fact


def write_deck(directory: Path, facts: int, seed: int = 0) -> Path:
    """A valid generated deck of `facts` facts under `directory`/bench."""
    rng = random.Random(seed)
    deck = directory / "bench"
    (deck / "facts").mkdir(parents=True)
    topics = []
    for root in range(10):
        topics.append({"id": f"t{root}", "title": {"en": f"Part {root}", "ru": f"Часть {root}"}})
        for child in range(3):
            title = {"en": f"Part {root}.{child}", "ru": f"Часть {root}.{child}"}
            topics.append({"id": f"t{root}-{child}", "parent": f"t{root}", "title": title})
    header = {
        "id": "bench", "title": {"en": "Bench", "ru": "Замер"},
        "description": {"en": "Generated", "ru": "Сгенерирована"}, "languages": ["en", "ru"],
        "sides": [{"id": s, "name": {"en": s, "ru": s}} for s in ("east", "west", "north")],
        "topics": topics,
    }  # fmt: skip
    sources = [
        {"id": s, "file": f"{s}-missing.txt", "title": {"en": s.title(), "ru": s},
         "language": "en", "kind": "other", "reliability": {"en": "-", "ru": "-"}}
        for s in ("chronicle", "encyclopedia")
    ]  # fmt: skip
    entities = _entities(rng, facts)
    people = [e for e in entities if e["type"] == "person"]
    places = [e for e in entities if e["type"] == "place"]
    topic_ids = [t["id"] for t in topics]
    _dump(deck / "deck.yaml", header)
    _dump(deck / "sources.yaml", sources)
    _dump(deck / "entities.yaml", entities)
    for start in range(0, facts, FACTS_PER_FILE):
        chunk = [_fact(rng, i, people, places, topic_ids)
                 for i in range(start, min(facts, start + FACTS_PER_FILE))]  # fmt: skip
        _dump(deck / "facts" / f"part-{start // FACTS_PER_FILE:04d}.yaml", chunk)
    return deck


def _dump(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False))


def measure(deck_dir: Path) -> dict:
    """All figures for one deck, in this process."""
    files = sorted(deck_dir.rglob("*.yaml"))
    start = time.process_time()
    for path in files:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    parse = time.process_time() - start
    start = time.process_time()
    deck = load_deck(deck_dir)
    load = time.process_time() - start
    before = _resident()
    start = time.process_time()
    bank = build_bank(deck, seed=0)
    build = time.process_time() - start
    per_question = (_resident() - before) / max(1, len(bank))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    count = len(bank)
    del bank, deck
    gc.collect()
    with tempfile.TemporaryDirectory() as cache:
        os.environ[CACHE_VARIABLE] = cache
        start = time.process_time()
        compiled = compiled_bank(deck_dir)
        compile_s = time.process_time() - start
        violations = compiled.violations
        peak_all = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        del compiled
        gc.collect()
        start = time.process_time()
        cached = compiled_bank(deck_dir)
        cache_load = time.process_time() - start
        entry = sum(p.stat().st_size for p in Path(cache).rglob("*.bank"))
        assert len(cached.bank) == count
    return {
        "facts": len(cached.deck.facts),
        "yaml_mib": sum(p.stat().st_size for p in files) / 2**20,
        "questions": count,
        "violations": len(violations),
        "parse_s": parse,
        "load_s": load,
        "build_s": build,
        "compile_s": compile_s,
        "cache_load_s": cache_load,
        "entry_mib": entry / 2**20,
        "peak_rss_mib": peak / 2**20,
        "peak_all_rss_mib": peak_all / 2**20,
        "bytes_per_question": per_question,
    }


def _resident() -> int:
    """The process's resident memory now, in bytes."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize()


def _in_child(deck_dir: Path) -> dict:
    command = [sys.executable, __file__, "--measure", str(deck_dir)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"measuring {deck_dir} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    rows = []
    if not args.skip_real:
        rows.append(("real deck", _in_child(REAL)))
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(
            (f"generated, {args.facts:,} facts", _in_child(write_deck(Path(tmp), args.facts)))
        )
    print(
        "| deck | facts | YAML | questions | gate | parse | load + validate | build |"
        " (load + build) ÷ parse | compile through the cache | cache load | ÷ parse |"
        " entry | peak RSS load + build | peak RSS with gate and cache | memory per question |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['facts']:,} | {r['yaml_mib']:.1f} MiB | {r['questions']:,} |"
            f" {r['violations']} violations | {r['parse_s']:.2f} s | {r['load_s']:.2f} s |"
            f" {r['build_s']:.2f} s | {(r['load_s'] + r['build_s']) / r['parse_s']:.2f}× |"
            f" {r['compile_s']:.2f} s | {r['cache_load_s']:.2f} s |"
            f" {r['cache_load_s'] / r['parse_s']:.2f}× | {r['entry_mib']:.0f} MiB |"
            f" {r['peak_rss_mib']:.0f} MiB | {r['peak_all_rss_mib']:.0f} MiB |"
            f" {r['bytes_per_question']:.0f} B |"
        )
    print(json.dumps(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
