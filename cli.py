"""The `factdeck` command: wires the packages to the terminal; holds no business logic.

Only `_run` turns errors into messages and exit codes (README, "Exit codes"): 0 success, 1 the
input has problems, 2 the command line asks for something wrong, 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from accounts.errors import AccountError
from accounts.mode import MODE_VARIABLE, Mode
from accounts.records import Role
from accounts.service import Accounts
from classroom.errors import SpecError
from decks.catalogue import (
    DECKS_VARIABLE,
    deck_named,
    deck_summary,
    duplicates_of,
    find_deck,
    load_catalogue,
)
from decks.coverage import coverage
from decks.errors import FactdeckError
from decks.loader import check_deck
from decks.model import Deck, in_language
from decks.problems import DeckError
from decks.reviews import Decision, Verdict, record
from decks.source_texts import SourceText
from exporters.anki import ANKI_KINDS, write_anki_package
from exporters.anki_import import import_anki
from exporters.anki_progress import (
    LearnerProgress,
    learner_progress,
    write_anki_package_with_progress,
)
from exporters.csv_export import write_csv
from exporters.errors import SelectionError
from exporters.files import write_atomically
from exporters.gift import write_gift
from exporters.lms import LMS_KINDS
from exporters.moodle import write_moodle
from exporters.pdf import write_pdf
from exporters.printable import Paper, Sheet, sheet_html, write_printable
from exporters.selection import Selection, parse_selection, selected_from_folder
from exporters.source import ExportSource, load_source
from questions import Kind, Question, QuestionError, build_bank
from questions.cache import compiled_bank
from questions.jsonl import lines
from questions.review_list import Status, filtered, progress, review_items
from questions.sample import review_sample, sample_sheet
from questions.summary import count
from serving import check_shareable, ports, prepare_database, serve, streamlit_command
from study.learner_store import LearnerStore
from study.location import database_url
from study.optimising import MIN_REVIEWS
from study.store import Store

PROJECT_ROOT = Path(__file__).resolve().parent
"""The checkout, or site-packages where the wheel is installed: app.py is beside cli.py in both."""

NO_CACHE_HELP = "build the question bank afresh instead of reading or writing the bank cache"

DECK_HELP = (
    "a deck directory, or the name of a shipped deck or of one in"
    f" ${DECKS_VARIABLE} (e.g. far-east-1920-1925)"
)


class CommandLineError(FactdeckError):
    """The command line asks for something argparse cannot check, such as a file type."""


_EXIT_CODES: tuple[tuple[type[FactdeckError], int], ...] = (
    (CommandLineError, 2),
    (SelectionError, 2),
    (QuestionError, 2),
    (FactdeckError, 1),
)
"""Exit code per family, the first match winning: 2 when the command line asks for what the deck
or the command does not have (a language, topic, kind or sample size), 1 for everything else."""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return _run(args.handler, args)


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Call a command's handler; the one place where an error becomes a message and an exit code.

    A `FactdeckError` is a refusal the user can act on, so it is shown as its message alone,
    never with a traceback; anything else is a bug and keeps its traceback.
    """
    command = " ".join(filter(None, ("factdeck", args.command, getattr(args, "format", None))))
    subject = getattr(args, "deck", None) or getattr(args, "source", None)
    if isinstance(subject, Path) and subject.is_dir():
        _say_duplicates(subject)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except (DeckError, SpecError) as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"\n{subject} has problems; fix them and {args.command} again", file=sys.stderr)
        return 1
    except FactdeckError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return next(code for family, code in _EXIT_CODES if isinstance(error, family))
    except OSError as error:
        target = getattr(args, "output", None) or getattr(args, "out", None)
        what = f"cannot write {target}: {error.strerror or error}" if target else error
        print(f"{command}: {what}", file=sys.stderr)
        return 1


def _say_duplicates(folder: Path) -> None:
    """Name on stderr another deck folder of the same id: the first in search order is the one
    every command and the app use (`decks.catalogue.find_deck_folders`)."""
    for duplicate in duplicates_of(folder):
        print(duplicate.problem(), file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factdeck", description="Study decks grounded in curated, cited facts."
    )
    commands = parser.add_subparsers(title="commands", dest="command")

    validate = commands.add_parser(
        "validate", help="check a deck: schema, references, languages and quotes"
    )
    validate.add_argument("deck", type=find_deck, help=DECK_HELP)
    validate.add_argument(
        "--sources",
        help="folder of the source texts (default: $FACTDECK_SOURCES, else ../shared/sources)",
    )
    validate.add_argument(
        "--coverage", action="store_true", help="also list source paragraphs no fact cites"
    )
    validate.set_defaults(handler=_validate)

    build = commands.add_parser(
        "build", help="generate the question bank of a deck (JSON Lines, or counts)"
    )
    build.add_argument("deck", type=find_deck, help=DECK_HELP)
    build.add_argument("--lang", default="all", help="a deck language such as en or ru, or all")
    build.add_argument("--seed", type=int, default=0, help="the bank's seed (default 0)")
    build.add_argument("--out", help="write the bank as JSON Lines to this file")
    build.add_argument("--sources", help="folder of the source texts, to verify quotes")
    build.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    build.set_defaults(handler=_build)

    sample = commands.add_parser(
        "review-sample",
        help="write a stratified random sample of the bank for a blind review by the rubric",
    )
    sample.add_argument("deck", type=find_deck, help=DECK_HELP)
    sample.add_argument("--size", type=int, default=64, help="how many items (default 64)")
    sample.add_argument("--seed", type=int, required=True, help="a seed not used before")
    sample.add_argument("--out", required=True, help="the Markdown sheet to write")
    sample.add_argument("--sources", help="folder of the source texts, to verify quotes")
    sample.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    sample.set_defaults(handler=_review_sample)

    _add_review_commands(commands)
    _add_export_commands(commands)
    _add_import_commands(commands)
    _add_user_commands(commands)

    serve = commands.add_parser("serve", help="start the Streamlit app")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument(
        "--server",
        action="store_true",
        help="school server mode: everyone signs in and sees only their own progress"
        f" (sets {MODE_VARIABLE}=server for the app)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="how many app processes, on consecutive ports from --port, for a proxy to share"
        " (more than 1 needs PostgreSQL; default 1)",
    )
    serve.add_argument(
        "--address", help="the address to listen on (behind a proxy on this machine: 127.0.0.1)"
    )
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
    print(f"{in_language(summary.title, 'en')} ({result.deck.id})")
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
    if result.deck.reviews.decisions:
        _print_reviews(result.deck)
    if args.coverage:
        _print_coverage(result.deck, result.texts)
    return 0


def _print_reviews(deck: Deck) -> None:
    """The teacher's decisions, and as warnings those the build cannot apply: a stale decision
    must not stop a deck from loading after a fact is deleted (docs/deck-format.md)."""
    bank = build_bank(deck)
    counts = {verdict: 0 for verdict in Verdict}
    for decision in deck.reviews.decisions:
        counts[decision.verdict] += 1
    print(
        f"  reviews: {len(deck.reviews)} decisions ("
        + ", ".join(f"{verdict.value} {n}" for verdict, n in counts.items())
        + ")"
    )
    for warning in bank.reviews.warnings():
        print(warning)


def _print_coverage(deck: Deck, texts: dict[str, SourceText]) -> None:
    print("\nCoverage by source:")
    for entry in coverage(deck, texts):
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


def _checked_deck(args: argparse.Namespace) -> Deck:
    """The deck at `args.deck`, whose quotes are checked against `args.sources`."""
    result = check_deck(args.deck, args.sources)
    if result.problems or result.deck is None:
        raise DeckError(result.problems)
    return result.deck


def _build(args: argparse.Namespace) -> int:
    langs = None if args.lang == "all" else [args.lang]
    compiled = compiled_bank(args.deck, args.sources, args.seed, langs, not args.no_cache)
    deck, bank, violations = compiled.deck, compiled.bank, compiled.violations
    for warning in bank.reviews.warnings():
        print(warning, file=sys.stderr)
    if violations:
        for violation in violations:
            print(violation, file=sys.stderr)
        print(f"\n{len(violations)} quality-gate violations; no bank written", file=sys.stderr)
        return 1
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as out:
            for line in lines(bank):
                out.write(line + "\n")
        print(f"wrote {len(bank)} questions to {args.out}")
        return 0
    counts = count(bank)
    print(f"{deck.id}: {counts.total} questions (seed {args.seed})")
    for title, table in (("kind", counts.kinds), ("language", counts.langs)):
        print(f"  by {title}: " + " · ".join(f"{k} {n}" for k, n in table.items()))
    print("  by topic:")
    width = max((len(t) for t in counts.topics), default=0)
    for topic, number in counts.topics.items():
        print(f"    {topic:<{width}}  {number}")
    return 0


def _review_sample(args: argparse.Namespace) -> int:
    bank = compiled_bank(args.deck, args.sources, use_cache=not args.no_cache).bank
    chosen = review_sample(bank, args.size, args.seed)
    sheet = sample_sheet(bank, chosen, args.seed)
    write_atomically(Path(args.out), lambda out: out.write(sheet.encode("utf-8")))
    kinds = sorted({q.kind.value for q in chosen})
    print(f"wrote {len(chosen)} items ({', '.join(kinds)}) to {args.out}")
    return 0


def _add_review_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """`factdeck review DECK list|approve|retire`: the review page's decisions in a terminal."""
    review = commands.add_parser(
        "review", help="list a deck's questions by review status, approve or retire one"
    )
    review.add_argument("deck", type=find_deck, help=DECK_HELP)
    review.add_argument("--sources", help="folder of the source texts, to verify quotes")
    actions = review.add_subparsers(title="actions", dest="format", required=True)
    listing = actions.add_parser("list", help="every question: id, status, kind, language, stem")
    listing.add_argument(
        "--filter", choices=[status.value for status in Status], help="only those of this status"
    )
    listing.set_defaults(handler=_review_list)
    by = argparse.ArgumentParser(add_help=False)
    by.add_argument("--by", help="who decides (default: the user name you are logged in as)")
    approve = actions.add_parser("approve", parents=[by], help="approve a question as it stands")
    approve.add_argument("id", help="the question id, as `list` shows it")
    approve.set_defaults(handler=_review_decide, verdict=Verdict.APPROVED, reason="")
    retire = actions.add_parser(
        "retire", parents=[by], help="leave a question out of every bank, quiz and export"
    )
    retire.add_argument("id", help="the question id, as `list` shows it")
    retire.add_argument("--reason", required=True, help="why, for whoever reviews it next")
    retire.set_defaults(handler=_review_decide, verdict=Verdict.RETIRED)


def _review_list(args: argparse.Namespace) -> int:
    items = review_items(_checked_deck(args))
    for item in filtered(items, Status(args.filter) if args.filter else None):
        question = item.shown or item.generated
        stem = " ".join(question.prompt.split())
        print(f"{question.id}\t{item.status.value}\t{question.kind.value}\t{question.lang}\t{stem}")
    reviewed, total = progress(items)
    print(f"{reviewed:,} of {total:,} reviewed", file=sys.stderr)
    return 0


def _review_decide(args: argparse.Namespace) -> int:
    deck = _checked_deck(args)
    item = next((i for i in review_items(deck) if i.generated.id == args.id), None)
    if item is None:
        raise QuestionError(
            f"deck {deck.id} gives no question {args.id}:"
            f" `factdeck review {args.deck} list` shows the ids"
        )
    by = args.by or _user_name()
    if item.decision and item.decision.verdict is Verdict.EDITED:
        print(
            f"{args.id} was edited; this replaces the edit with the generated text", file=sys.stderr
        )
    record(args.deck, Decision(args.id, args.verdict, by, reason=args.reason), _now())
    print(f"{args.verdict.value} {args.id} ({item.generated.kind.value}, {item.generated.lang})")
    return 0


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise CommandLineError("cannot tell who you are: give --by NAME") from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _add_export_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """`factdeck export FORMAT DECK_DIR -o FILE`, one subcommand per format."""
    export = commands.add_parser("export", help="write a deck's questions for another tool")
    formats = export.add_subparsers(title="formats", dest="format", required=True)

    anki = formats.add_parser(
        "anki", parents=[_selection_options(ANKI_KINDS)], help="an Anki package (.apkg)"
    )
    anki.add_argument(
        "--timestamp",
        type=_timestamp,
        help="modification time of the notes, ISO 8601 or Unix seconds (default: now); "
        "the same deck and timestamp give the same bytes",
    )
    anki.add_argument(
        "--progress",
        metavar="LEARNER",
        help="carry this learner's progress: schedules, memory states and review log",
    )
    anki.set_defaults(handler=_export_anki)

    csv = formats.add_parser(
        "csv",
        parents=[_selection_options(tuple(Kind))],
        help="a CSV spreadsheet, one row per question",
    )
    csv.set_defaults(handler=_export_csv)

    _add_quiz_export_commands(formats)


def _selection_options(kinds: tuple[Kind, ...]) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("deck", type=find_deck, help=DECK_HELP)
    options.add_argument("-o", "--output", required=True, help="the file to write")
    options.add_argument(
        "--lang", default="both", help="a language of the deck, or both (default: both)"
    )
    options.add_argument(
        "--topics", nargs="+", metavar="TOPIC", help="topic ids; a topic includes its subtopics"
    )
    options.add_argument(
        "--kinds",
        nargs="+",
        metavar="KIND",
        help=f"question kinds: {', '.join(k.value for k in kinds)} (default: all)",
    )
    options.add_argument("--seed", type=int, default=0, help="the bank's seed (default: 0)")
    options.add_argument("--sources", help="folder of the source texts, to verify quotes")
    options.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    options.set_defaults(kinds_supported=kinds)
    return options


def _timestamp(value: str) -> dt.datetime:
    try:
        if value.isdigit():
            return dt.datetime.fromtimestamp(int(value), dt.UTC)
        moment = dt.datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a time: give ISO 8601 (2025-03-01T12:00:00Z) or Unix seconds"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _export_anki(args: argparse.Namespace) -> int:
    now = args.timestamp or dt.datetime.now(dt.UTC)

    def write(deck: Deck, selection: Selection, questions: list[Question], out: BinaryIO) -> str:
        names_lang = selection.langs[0]
        if args.progress is None:
            summary = write_anki_package(deck, questions, out, now=now, names_lang=names_lang)
            carried = ""
        else:
            progress = _learner_progress(args.progress, questions)
            summary = write_anki_package_with_progress(
                deck, questions, out, progress, now=now, names_lang=names_lang
            )
            reviews = sum(len(rows) for rows in progress.reviews.values())
            carried = f", {len(progress.cards)} studied by {progress.learner} ({reviews} reviews)"
        lines = [f"{summary.notes} notes, {summary.cards} cards{carried}", "  notes per subdeck:"]
        lines += [f"    {name}: {count}" for name, count in summary.subdecks.items()]
        lines += ["  notes per note type:"]
        lines += [f"    {name}: {count}" for name, count in summary.note_types.items()]
        return "\n".join(lines)

    return _export(args, write)


def _learner_progress(name: str, questions: list[Question]) -> LearnerProgress:
    """The progress of the learner called `name` in the progress database, on these questions."""
    store = Store.open()
    try:
        return learner_progress(_learner_named(store, name), (q.id for q in questions))
    finally:
        store.close()


def _export_csv(args: argparse.Namespace) -> int:
    def write(deck: Deck, selection: Selection, questions: list[Question], out: BinaryIO) -> str:
        return f"{write_csv(deck, questions, out)} questions"

    return _export(args, write)


def _export(
    args: argparse.Namespace,
    write: Callable[[Deck, Selection, list[Question], BinaryIO], str],
) -> int:
    """Load, select, write atomically (`_run` words what goes wrong)."""

    def select(deck: Deck) -> Selection:
        return parse_selection(
            deck, args.lang, args.topics, args.kinds, supported=args.kinds_supported
        )

    deck, selection, chosen = selected_from_folder(
        args.deck, select, args.seed, args.sources, not args.no_cache
    )
    questions = list(chosen.questions)
    summary = write_atomically(args.output, lambda out: write(deck, selection, questions, out))
    print(f"Wrote {args.output}: {summary}")
    if chosen.held_back:
        print(
            f"{len(chosen.held_back)} questions held back because the quality gate flags them"
            f" (`factdeck build {args.deck}` lists why); the first: {chosen.held_back[0]}",
            file=sys.stderr,
        )
    return 0


def _add_quiz_export_commands(
    formats: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """`factdeck export moodle|gift|print SOURCE -o FILE`: SOURCE is a deck or a quiz spec."""
    moodle = formats.add_parser(
        "moodle",
        parents=[_source_options()],
        help="Moodle XML for Moodle's question bank import (.xml)",
    )
    moodle.set_defaults(handler=_export_moodle)
    gift = formats.add_parser(
        "gift", parents=[_source_options()], help="GIFT text for Moodle and other LMSs (.txt)"
    )
    gift.set_defaults(handler=_export_gift)
    sheet = formats.add_parser(
        "print",
        parents=[_source_options()],
        help="a printable quiz with its answer key (.html, or .pdf where Chromium is installed)",
    )
    sheet.add_argument(
        "--paper",
        choices=[paper.value for paper in Paper],
        default="a4",
        help="the paper size the page is set for (default: a4)",
    )
    sheet.add_argument("--title", help="the sheet's title (default: the quiz's or the deck's)")
    sheet.add_argument(
        "--date",
        type=_sheet_date,
        default=dt.date.today(),
        help="the date printed on the sheet, YYYY-MM-DD (default: today); 'blank' leaves a line",
    )
    sheet.add_argument("--no-key", action="store_true", help="leave out the answer key pages")
    sheet.set_defaults(handler=_export_print)


def _source_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "source",
        type=find_deck,
        help="a deck (its directory or its name, as for the other commands) or a quiz spec (.yaml)",
    )
    options.add_argument("-o", "--output", required=True, help="the file to write")
    options.add_argument(
        "--lang", help="deck only: a language of the deck, or both (default: both)"
    )
    options.add_argument(
        "--topics",
        nargs="+",
        metavar="TOPIC",
        help="deck only: topic ids; a topic includes its subtopics",
    )
    options.add_argument(
        "--kinds",
        nargs="+",
        metavar="KIND",
        help=f"deck only: question kinds: {', '.join(k.value for k in LMS_KINDS)} (default: all)",
    )
    options.add_argument("--seed", type=int, help="deck only: the bank's seed (default: 0)")
    options.add_argument(
        "--decks",
        type=Path,
        help="quiz spec only: the folder holding the quiz's deck"
        f" (default: the shipped decks and ${DECKS_VARIABLE})",
    )
    options.add_argument("--sources", help="folder of the source texts, to verify quotes")
    options.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    return options


def _sheet_date(value: str) -> dt.date | None:
    if value == "blank":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date: give YYYY-MM-DD, or blank to leave a line"
        ) from None


def _export_moodle(args: argparse.Namespace) -> int:
    def write(source: ExportSource, out: BinaryIO) -> str:
        held = write_moodle(source.deck, source.questions, out, source.points, source.group)
        return f"{held} questions"

    return _export_source(args, write)


def _export_gift(args: argparse.Namespace) -> int:
    def write(source: ExportSource, out: BinaryIO) -> str:
        held = write_gift(source.deck, source.questions, out, source.points, source.group)
        return f"{held} questions"

    return _export_source(args, write)


def _export_print(args: argparse.Namespace) -> int:
    suffix = Path(args.output).suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise CommandLineError(
            f"{args.output} ends in neither .html nor .pdf;"
            " name the file sheet.html, or sheet.pdf for a PDF"
        )

    def write(source: ExportSource, out: BinaryIO) -> str:
        sheet = Sheet(
            title=args.title or source.title,
            lang=source.lang,
            questions=source.questions,
            date=args.date,
            paper=Paper(args.paper),
            subtitle=source.subtitle,
            points=source.points,
            answer_key=not args.no_key,
        )
        if suffix == ".pdf":
            size = write_pdf(sheet_html(sheet), out)
            return f"{len(sheet.questions)} questions, PDF of {size / 1024:.0f} KiB"
        return f"{write_printable(sheet, out)} questions"

    return _export_source(args, write)


def _export_source(args: argparse.Namespace, write: Callable[[ExportSource, BinaryIO], str]) -> int:
    """Read a deck or a quiz spec, write atomically (`_run` words what goes wrong)."""
    source = load_source(
        args.source,
        args.lang,
        args.topics,
        args.kinds,
        args.seed,
        decks_dir=args.decks,
        sources_dir=args.sources,
        use_cache=not args.no_cache,
    )
    found = deck_named(source.deck.id) if source.quiz and args.decks is None else None
    if found is not None:  # the spec's deck, found by its id
        _say_duplicates(found)
    summary = write_atomically(args.output, lambda out: write(source, out))
    print(f"Wrote {args.output}: {summary}")
    if source.held_back:
        print(
            f"{len(source.held_back)} questions held back because the quality gate flags them"
            f" (`factdeck build {args.source}` lists why); the first: {source.held_back[0]}",
            file=sys.stderr,
        )
    return 0


def _add_import_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """`factdeck import anki FILE --learner NAME`: progress made elsewhere, into the store."""
    imports = commands.add_parser("import", help="bring progress made in another tool back")
    formats = imports.add_subparsers(title="formats", dest="format", required=True)
    anki = formats.add_parser(
        "anki",
        help="the review log of Factdeck cards in an Anki package (.apkg or .colpkg)",
    )
    anki.add_argument("package", type=Path, help="the .apkg or .colpkg exported from Anki")
    anki.add_argument("--learner", required=True, help="the learner whose log gains the reviews")
    anki.set_defaults(handler=_import_anki)

    optimise = commands.add_parser(
        "optimise",
        help=f"fit FSRS parameters to a learner's reviews (at least {MIN_REVIEWS})",
    )
    optimise.add_argument("--learner", required=True, help="whose reviews and scheduler")
    optimise.set_defaults(handler=_optimise)


def _import_anki(args: argparse.Namespace) -> int:
    banks = [
        build_bank(result.deck)
        for result in load_catalogue()
        if result.deck is not None and not result.problems
    ]
    store = Store.open()
    try:
        with args.package.open("rb") as package:
            done = import_anki(package, banks, _learner_named(store, args.learner))
    finally:
        store.close()
    print(
        f"{done.added} reviews added to {args.learner}'s log ({done.known} were there already),"
        f" {done.cards} cards rescheduled"
    )
    print(f"  Factdeck notes in the package: {done.notes}")
    if done.other_notes:
        print(f"  notes of other decks, skipped: {done.other_notes}")
    if done.unscheduled:
        print(f"  answers to notes that are not flashcards, skipped: {done.unscheduled}")
    return 0


def _optimise(args: argparse.Namespace) -> int:
    store = Store.open()
    try:
        result, _ = _learner_named(store, args.learner).optimise(dt.datetime.now(dt.UTC))
    finally:
        store.close()
    print(f"{result.reviews} reviews; log loss on the newest fifth, which the fit did not see:")
    print(f"  current parameters: {result.current_loss:.4f}")
    print(f"  fitted parameters:  {result.fitted_loss:.4f}")
    if result.adopted:
        print(f"adopted: {args.learner}'s scheduler now uses the fitted parameters")
    else:
        print("kept the current parameters: the fitted ones predict no better")
    return 0


def _learner_named(store: Store, name: str) -> LearnerStore:
    """The progress of the learner called `name` (spaces as the app keeps them in names)."""
    learners = {learner.name: learner for learner in store.learners()}
    name = " ".join(name.split())
    if name not in learners:
        known = ", ".join(learners) or "none yet"
        raise CommandLineError(f"there is no learner called {name!r} (learners: {known})")
    return store.for_learner(learners[name].id)


def _add_user_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    users = commands.add_parser("users", help="the accounts of a school server")
    actions = users.add_subparsers(title="actions", dest="format", required=True)
    add = actions.add_parser("add", help="create an account (and its learner, if new)")
    add.add_argument("name")
    add.add_argument("--teacher", action="store_true", help="may open the Teach pages")
    add.add_argument("--email", help="the address the school's identity provider signs in as")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.set_defaults(handler=_users_add)
    listing = actions.add_parser("list", help="every account, its role and email")
    listing.set_defaults(handler=_users_list)
    reset = actions.add_parser("reset-password", help="give an account a new password")
    reset.add_argument("name")
    reset.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    reset.set_defaults(handler=_users_reset_password)


def _new_password(args: argparse.Namespace) -> str:
    """The new password, never from the command line (other users of the machine can read
    that): from standard input for scripts, else typed twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise AccountError("the two passwords differ: nothing was changed")
    return first


def _users_add(args: argparse.Namespace) -> int:
    password = _new_password(args)
    role = Role.TEACHER if args.teacher else Role.LEARNER
    accounts = Accounts.open(database_url())
    try:
        account = accounts.add(args.name, password, role, dt.datetime.now(dt.UTC), args.email)
    finally:
        accounts.close()
    print(f"added {account.role.value} account {account.name!r}")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    accounts = Accounts.open(database_url())
    try:
        every = accounts.all()
    finally:
        accounts.close()
    for account in every:
        print("\t".join((account.name, account.role.value, account.email or "")))
    return 0


def _users_reset_password(args: argparse.Namespace) -> int:
    accounts = Accounts.open(database_url())
    try:
        account = accounts.named(args.name)
        password = _new_password(args)
        accounts.set_password(account.id, password, dt.datetime.now(dt.UTC))
    finally:
        accounts.close()
    print(f"set a new password for {account.name!r}; its browsers are signed out")
    return 0


APP_SETTINGS = {
    "runner.postScriptGC": "false",
    "client.disableDataExport": "true",
    "client.toolbarMode": "minimal",
}
"""The app's settings from .streamlit/config.toml (which says why), given as flags: Streamlit
reads that file only in the folder it starts in or beside the script, and the installed app.py
has neither (a test keeps the two the same)."""


def _serve(args: argparse.Namespace) -> int:
    url = database_url()
    check_shareable(url, args.workers)
    prepare_database(url)
    env = dict(os.environ)
    if args.server:
        env[MODE_VARIABLE] = Mode.SERVER.value
    return serve(
        lambda port: streamlit_command(PROJECT_ROOT / "app.py", port, args.address, APP_SETTINGS),
        ports(args.port, args.workers),
        env=env,
    )


if __name__ == "__main__":
    sys.exit(main())
