"""Loading a bank from the compiled bank cache, next to the bare YAML parse of the same deck.

Run by hand: `.venv/bin/python bench/bench_cache.py [--runs 7]`.

For the real deck, in one process with every module imported:

- parse: `yaml.load(..., Loader=yaml.CSafeLoader)` over every YAML file of the deck, the floor;
- build: load + validate + build + gate (`compiled_bank(..., use_cache=False)`), what a start
  paid before the cache;
- cache load: `compiled_bank` reading the entry a first call wrote (hashing the deck's files,
  checking the digest, unpickling);
- first cache load: what the app's first page after a restart reads, in a fresh process (the
  modules imported before the clock starts): the deck (`cached_deck`, as the deck list) and
  then its bank (`compiled_bank`);
- the two formats considered for an entry: pickle of the frozen dataclasses (what the cache
  writes) and marshal of plain tuples turned back into the dataclasses, each its decoding alone
  with the garbage collector paused.

Each time is the median of `--runs` runs. The ratio that matters is cache load over parse.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import gc
import marshal
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questions import cache as bank_cache  # noqa: E402
from questions.cache import (  # noqa: E402
    CACHE_VARIABLE,
    NO_CACHE_VARIABLE,
    cached_deck,
    compiled_bank,
)

REAL = ROOT / "decks" / "far-east-1920-1925"


def median_time(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paused(work: Callable[[], object]) -> object:
    """`work` with the garbage collector paused, as the cache decodes an entry."""
    gc.disable()
    try:
        return work()
    finally:
        gc.enable()


def parse(deck: Path) -> None:
    for path in sorted(deck.rglob("*.yaml")):
        with path.open("rb") as text:
            yaml.load(text, Loader=yaml.CSafeLoader)


class Plain:
    """Frozen dataclasses and enums as marshal-able tuples, and back: the alternative format."""

    def __init__(self) -> None:
        self.classes: list[type] = []
        self.index: dict[type, int] = {}

    def _tag(self, cls: type) -> int:
        if cls not in self.index:
            self.index[cls] = len(self.classes)
            self.classes.append(cls)
        return self.index[cls]

    def encode(self, value: Any) -> Any:
        if isinstance(value, enum.Enum):
            return ("\0E", self._tag(type(value)), value.value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [self.encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
            return ("\0D", self._tag(type(value)), *fields)
        if isinstance(value, tuple):
            return ("\0T", *(self.encode(item) for item in value))
        if isinstance(value, list):
            return [self.encode(item) for item in value]
        if isinstance(value, dict):
            return {key: self.encode(item) for key, item in value.items()}
        return value

    def decode(self, value: Any) -> Any:
        if isinstance(value, tuple):
            tag = value[0]
            if tag == "\0D":
                cls = self.classes[value[1]]
                made = object.__new__(cls)
                names = [f.name for f in dataclasses.fields(cls)]
                for name, item in zip(names, value[2:], strict=True):
                    object.__setattr__(made, name, self.decode(item))
                return made
            if tag == "\0E":
                return self.classes[value[1]](value[2])
            return tuple(self.decode(item) for item in value[1:])
        if isinstance(value, list):
            return [self.decode(item) for item in value]
        if isinstance(value, dict):
            return {key: self.decode(item) for key, item in value.items()}
        return value


def measure(deck: Path, runs: int) -> dict[str, float]:
    os.environ[NO_CACHE_VARIABLE] = "0"
    first = compiled_bank(deck)  # writes the entries (and warms every import)
    cached_deck(deck)
    bank = first.bank
    entry = (bank.deck, bank.questions, bank.seed, first.violations)
    pickled = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    plain = Plain()
    marshalled = marshal.dumps(plain.encode(entry))
    assert plain.decode(marshal.loads(marshalled))[1] == bank.questions
    file = max(bank_cache.cache_dir().glob("*.bank"), key=lambda entry: entry.stat().st_size)
    return {
        "questions": len(bank.questions),
        "yaml_mib": sum(p.stat().st_size for p in deck.rglob("*.yaml")) / 2**20,
        "parse": median_time(lambda: parse(deck), runs),
        "build": median_time(lambda: compiled_bank(deck, use_cache=False), max(1, runs // 3)),
        "cache": median_time(lambda: compiled_bank(deck), runs),
        "first": statistics.median(first_load(deck) for _ in range(runs)),
        "pickle": median_time(lambda: paused(lambda: pickle.loads(pickled)), runs),
        "marshal": median_time(
            lambda: paused(lambda: plain.decode(marshal.loads(marshalled))), runs
        ),
        "entry_mib": file.stat().st_size / 2**20,
        "marshal_mib": len(marshalled) / 2**20,
    }


def first_load(deck: Path) -> float:
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1]);"
        "from questions.cache import cached_deck, compiled_bank;"
        "start = time.perf_counter(); cached_deck(sys.argv[2]); compiled_bank(sys.argv[2]);"
        "print(time.perf_counter() - start)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(deck)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(run.stdout)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--runs", type=int, default=7)
    args = options.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        os.environ[CACHE_VARIABLE] = str(Path(scratch) / "cache")
        m = measure(REAL, args.runs)
    print(
        "| deck | questions | YAML | parse | load + validate + build + gate | cache load"
        " | cache ÷ parse | first cache load (fresh process) | ÷ parse | pickle decode"
        " | marshal decode | entry (pickle) | marshal |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| real deck | {m['questions']:,} | {m['yaml_mib']:.1f} MiB | {m['parse']:.3f} s"
        f" | {m['build']:.3f} s | {m['cache']:.3f} s | {m['cache'] / m['parse']:.2f}"
        f" | {m['first']:.3f} s | {m['first'] / m['parse']:.2f}"
        f" | {m['pickle']:.3f} s | {m['marshal']:.3f} s | {m['entry_mib']:.1f} MiB"
        f" | {m['marshal_mib']:.1f} MiB |"
    )


if __name__ == "__main__":
    main()
