"""The `factdeck` command: wires the packages to the terminal; holds no business logic.

Only this layer turns errors into messages and exit codes: 0 success, 1 the input has problems,
2 the command line itself is wrong.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from decks.catalogue import deck_summary
from decks.coverage import coverage
from decks.loader import check_deck

PROJECT_ROOT = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factdeck", description="Study decks grounded in curated, cited facts."
    )
    commands = parser.add_subparsers(title="commands")

    validate = commands.add_parser(
        "validate", help="check a deck: schema, references, languages and quotes"
    )
    validate.add_argument("deck", help="deck directory, e.g. decks/far-east-1920-1925")
    validate.add_argument(
        "--sources",
        help="folder of the source texts (default: $FACTDECK_SOURCES, else ../shared/sources)",
    )
    validate.add_argument(
        "--coverage", action="store_true", help="also list source paragraphs no fact cites"
    )
    validate.set_defaults(handler=_validate)

    serve = commands.add_parser("serve", help="start the Streamlit app")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(handler=_serve)
    return parser


def _validate(args: argparse.Namespace) -> int:
    result = check_deck(args.deck, args.sources)
    if result.problems:
        for problem in result.problems:
            print(problem)
        count = len(result.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} in {args.deck}", file=sys.stderr)
        return 1
    assert result.deck is not None
    summary = deck_summary(result.deck)
    print(f"{summary.title['en']} ({result.deck.id})")
    print(
        f"  facts {summary.facts} · entities {summary.entities} · sources {summary.sources}"
        f" · topics {summary.topics} · contested facts {summary.contested}"
    )
    for lang in result.deck.languages:
        facts, entities = summary.language_coverage[lang]
        print(
            f"  {lang}: statements {facts}/{summary.facts} facts,"
            f" names {entities}/{summary.entities} entities"
        )
    quotes = result.quotes
    if quotes.unverifiable_sources:
        missing = ", ".join(quotes.unverifiable_sources)
        print(
            f"  quotes: {quotes.verified}/{quotes.total} verified; NOT verified for {missing}"
            " (source text not found: pass --sources DIR or set FACTDECK_SOURCES)"
        )
    else:
        print(f"  quotes: {quotes.verified}/{quotes.total} verified against {quotes.sources_dir}")
    if args.coverage:
        _print_coverage(result)
    return 0


def _print_coverage(result) -> None:
    print("\nCoverage by source:")
    for entry in coverage(result.deck, result.texts):
        if not entry.paragraphs:
            print(f"  {entry.source_id}: cited by {entry.citing_facts} facts (text not found)")
            continue
        cited = entry.paragraphs - len(entry.uncited)
        print(
            f"  {entry.source_id} ({entry.file}): cited by {entry.citing_facts} facts;"
            f" {cited}/{entry.paragraphs} paragraphs of substance cited"
        )
        for paragraph in entry.uncited:
            print(f"    line {paragraph.line}: {paragraph.text[:110]}")


def _serve(args: argparse.Namespace) -> int:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
