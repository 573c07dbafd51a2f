"""Anki export time and peak memory at 10k and 100k notes, next to plain genanki.

Run by hand: `.venv/bin/python bench/bench_export.py [--sizes 10000 100000] [--runs 3]`.

Both sides write the same notes: "factdeck" maps generated questions to notes and writes a
deflated, reproducible package (exporters.anki.write_anki_package); "genanki" gets the finished
field lists and writes them with genanki.Package.write_to_file, as a plain genanki script would.
Each measurement runs in a fresh process; peak memory is the process's peak resident set
during the write, over what it held once the inputs were built and freed memory was handed back
(Linux /proc and glibc's malloc_trim).
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import genanki

from decks.model import Deck, Source, Topic
from exporters.anki import anki_notes, write_anki_package
from exporters.anki_notetypes import genanki_model
from questions.model import Cited, Kind, Question, question_id

NOW = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
WORDS = (
    "conference delegation Japan evacuation Sakhalin concession treaty Dairen Changchun Ioffe "
    "Goto Kawakami Peking Karakhan Yoshizawa northern fisheries oil coal recognition withdrawal "
    "negotiations buffer republic Vladivostok partisans Nikolaevsk intervention Siberia"
).split()


def synthetic_deck(topics: int = 12) -> Deck:
    return Deck(
        id="bench",
        title={"en": "Benchmark deck", "ru": "Колода для замеров"},
        description={"en": "Generated", "ru": "Сгенерирована"},
        languages=("en", "ru"),
        topics=tuple(
            Topic(f"topic-{n}", {"en": f"Topic {n}", "ru": f"Тема {n}"}) for n in range(topics)
        ),
        sides=(),
        sources=tuple(
            Source(
                f"source-{n}",
                f"{n}.txt",
                {"en": f"Source {n}", "ru": f"Источник {n}"},
                "en",
                "other",
                {"en": "-", "ru": "-"},
            )
            for n in range(4)
        ),
        entities=(),
        facts=(),
    )


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def synthetic_questions(deck: Deck, count: int) -> list[Question]:
    """A mix of kinds like a real bank's, with real-sized prompts, statements and quotes."""
    rng = random.Random(0)
    kinds = [Kind.FLASHCARD] * 4 + [Kind.MULTIPLE_CHOICE] * 3 + [Kind.TYPED, Kind.CLOZE]
    kinds.append(Kind.TRUE_FALSE)
    questions = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        lang = deck.languages[n % 2]
        fact = f"fact-{n // 10}"
        answer: object = _text(rng, 3)
        options = None
        prompt = _text(rng, 16) + "?"
        if kind is Kind.MULTIPLE_CHOICE:
            options = tuple(_text(rng, 3) for _ in range(3)) + (answer,)
        elif kind is Kind.TRUE_FALSE:
            answer, options = bool(n % 3), ("True", "False")
        elif kind is Kind.CLOZE:
            prompt = _text(rng, 10) + " _____ " + _text(rng, 8) + "."
        questions.append(
            Question(
                id=question_id(deck.id, (fact,), kind, lang, f"t{n % 10}"),
                kind=kind,
                lang=lang,
                prompt=prompt,
                answer=answer,
                fact_ids=(fact,),
                topic=deck.topics[n % len(deck.topics)].id,
                sources=(Cited(f"source-{n % 4}", _text(rng, 22), f"Source {n % 4}"),),
                difficulty=0.5,
                options=options,
                accepted=(str(answer), _text(rng, 2)) if kind is Kind.TYPED else (),
                explanation=_text(rng, 28) + ".",
                dispute=_text(rng, 20) if n % 25 == 0 else None,
            )
        )
    return questions


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _settle() -> None:
    """Hand memory freed while building the inputs back to the system, so that the write
    cannot hide its own allocations in it."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def measure(side: str, count: int) -> dict:
    """One write in this process: seconds, peak RSS over the inputs, and the file's size."""
    deck = synthetic_deck()
    questions = synthetic_questions(deck, count)
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "out.apkg"
        if side == "genanki":
            fields = [
                (n.note_type, list(n.fields), list(n.tags), n.guid, n.topic_path)
                for n in anki_notes(deck, questions)
            ]
            del questions
        tempfile.tempdir = scratch  # so that files either side leaves behind are counted
        _settle()
        baseline = _rss_kib("VmRSS")
        _reset_peak()
        start, cpu_start = time.perf_counter(), time.process_time()
        if side == "factdeck":
            with target.open("wb") as out:
                write_anki_package(deck, questions, out, now=NOW)
        else:
            _plain_genanki(fields, target)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        peak = _rss_kib("VmHWM")
        leftovers = [p.name for p in Path(scratch).iterdir() if p != target]
        return {
            "seconds": seconds,
            "cpu_seconds": cpu,
            "peak_mib": (peak - baseline) / 1024,
            "size_mib": target.stat().st_size / 2**20,
            "leftover_files": len(leftovers),
        }


def _plain_genanki(fields, target: Path) -> None:
    decks: dict[tuple[str, ...], genanki.Deck] = {}
    for note_type, values, tags, guid, topic_path in fields:
        deck = decks.get(topic_path)
        if deck is None:
            deck = decks[topic_path] = genanki.Deck(len(decks) + 1 << 30, "::".join(topic_path))
        deck.add_note(
            genanki.Note(model=genanki_model(note_type), fields=values, tags=tags, guid=guid)
        )
    genanki.Package(list(decks.values())).write_to_file(str(target), timestamp=NOW.timestamp())


def _in_child(side: str, count: int) -> dict:
    command = [sys.executable, __file__, "--child", side, str(count)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        side, count = args.child
        print(json.dumps(measure(side, int(count))))
        return
    print(
        "| notes | factdeck wall (CPU) | genanki wall (CPU) | ratio wall (CPU) | factdeck peak"
        " | genanki peak | memory ratio | factdeck file | genanki file |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    sides = ("factdeck", "genanki")
    for count in args.sizes:
        # Interleaved, so that a busy moment on a shared machine hits both sides alike.
        runs = [{side: _in_child(side, count) for side in sides} for _ in range(args.runs)]
        ours, theirs = (
            {key: statistics.median(run[side][key] for run in runs) for key in runs[0][side]}
            for side in sides
        )
        print(
            f"| {count:,} | {ours['seconds']:.2f} s ({ours['cpu_seconds']:.2f} s)"
            f" | {theirs['seconds']:.2f} s ({theirs['cpu_seconds']:.2f} s)"
            f" | {ours['seconds'] / theirs['seconds']:.2f}"
            f" ({ours['cpu_seconds'] / theirs['cpu_seconds']:.2f})"
            f" | {ours['peak_mib']:.1f} MiB | {theirs['peak_mib']:.1f} MiB"
            f" | {ours['peak_mib'] / theirs['peak_mib']:.2f}"
            f" | {ours['size_mib']:.1f} MiB | {theirs['size_mib']:.1f} MiB |"
        )
        for side, result in (("factdeck", ours), ("genanki", theirs)):
            if result["leftover_files"]:
                print(f"\n{side} left {result['leftover_files']:.0f} temporary file(s) per run")


if __name__ == "__main__":
    main()
