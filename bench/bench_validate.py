"""How fast hostile deck files are refused, and how long the real deck takes to validate.

Run by hand: `.venv/bin/python bench/bench_validate.py`. Prints the median of several runs.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from decks.loader import check_deck

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "decks" / "mini"
REAL = ROOT / "decks" / "far-east-1920-1925"
BOMB = "\n".join(
    [
        '- &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"- &{n} [{','.join(['*' + p] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def _median_seconds(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(shutil.copytree(MINI, Path(tmp) / "mini"))
        big = deck / "facts" / "huge.yaml"
        with big.open("wb") as handle:
            handle.write(b"- id: x\n" * (50 * 1024 * 1024 // 8))
        print(f"50 MB facts file refused in   {_median_seconds(lambda: check_deck(deck)):.4f} s")
        big.unlink()
        (deck / "facts" / "bomb.yaml").write_text(BOMB)
        print(f"alias bomb refused in          {_median_seconds(lambda: check_deck(deck)):.4f} s")
    print(f"real deck validated (quotes)   {_median_seconds(lambda: check_deck(REAL)):.4f} s")


if __name__ == "__main__":
    main()
