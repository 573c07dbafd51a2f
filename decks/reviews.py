"""A teacher's review decisions: which generated questions they approved, retired or edited.

Generator tools that regenerate a bank overwrite every correction a teacher made; Factdeck's
question ids survive regeneration and rewording (DESIGN.md, "Identity is everything"), so a
decision keyed by question id can live in the deck folder (`reviews.yaml`, docs/deck-format.md)
and be applied to every rebuild. This module owns the file: reading it with located problems,
and writing one decision into it atomically; `decks.decisions` holds its typed form. Applying
decisions to a bank is `questions.reviewed`'s job, since `decks` knows nothing of questions.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from decks.decisions import Decision, Edit, Reviews, Verdict
from decks.errors import FactdeckError
from decks.problems import DeckError, Problem, display_path
from decks.reader import Reader, did_you_mean
from decks.safe_yaml import Map, Mark, Seq, YamlRefused, read_yaml

__all__ = [
    "REVIEWS_FILE",
    "Decision",
    "DecisionError",
    "Edit",
    "Reviews",
    "ReviewsError",
    "Verdict",
    "load_reviews",
    "read_reviews",
    "record",
]

REVIEWS_FILE = "reviews.yaml"
QUESTION_ID = re.compile(r"^q-[0-9a-f]{16}$")
"""The shape of `questions.model.question_id`; repeated here because `decks` imports nothing
from `questions`."""
_WHAT = "a review decision"


class ReviewsError(DeckError):
    """reviews.yaml cannot be read, so it is not written either; carries every located
    problem."""


class DecisionError(FactdeckError):
    """A decision that could not be read back (no reason for a retirement, an edit without
    its verdict): refused before anything is written."""


def read_reviews(shown_as: str, reader: Reader, data: object) -> Reviews:
    """The decisions in `data` (the parsed file), each problem recorded on `reader` at its
    line. A file with no decisions (empty, or `[]`) is fine: a deck need not be reviewed."""
    if data is None:
        return Reviews(file=shown_as)
    if not isinstance(data, Seq):
        reader.problem(
            Mark(1, 1),
            f"{REVIEWS_FILE} must be a list of decisions",
            "start each decision with '- question: q-…'",
        )
        return Reviews(file=shown_as)
    found: dict[str, Decision] = {}
    for item, mark in zip(data, data.item_marks, strict=True):
        decision = _decision(reader, item, mark)
        if decision is not None:
            found.pop(decision.question, None)
            found[decision.question] = decision  # the last decision on a question wins
    return Reviews(tuple(sorted(found.values(), key=lambda d: d.question)), shown_as)


def _decision(r: Reader, item: object, mark: Mark) -> Decision | None:
    m = r.fields(item, mark, _WHAT, ("question", "verdict", "by", "at"), ("reason", "edit"))
    if m is None:
        return None
    before = len(r.problems)
    question = r.string(m, "question", _WHAT)
    if question is not None and not QUESTION_ID.match(question):
        r.problem(
            m.value_mark("question"),
            f"'{question}' is not a question id",
            "copy the id (q- and 16 hex digits) from `factdeck review DECK list`",
        )
    verdict = r.one_of(m, "verdict", _WHAT, tuple(v.value for v in Verdict), "verdict")
    by = r.string(m, "by", _WHAT)
    at = _moment(r, m)
    reason = r.string(m, "reason", _WHAT) or ""
    edit = _edit(r, m) if "edit" in m else None
    if verdict == Verdict.RETIRED and not reason and "reason" not in m:
        r.problem(m.mark, "a retired question needs a reason", "add `reason: why it is retired`")
    if verdict != Verdict.RETIRED and "reason" in m:
        r.problem(
            m.key_mark("reason"),
            f"only a retired question has a reason, not an {verdict or 'unknown'} one",
            "remove `reason:`, or make the verdict `retired`",
        )
    if verdict == Verdict.EDITED and "edit" not in m:
        r.problem(m.mark, "an edited question needs its `edit:`", "add `edit:` with the new text")
    if verdict != Verdict.EDITED and "edit" in m:
        r.problem(
            m.key_mark("edit"),
            "only an edited question has an `edit:`",
            "make the verdict `edited`, or remove `edit:`",
        )
    if len(r.problems) > before or not (question and verdict and by and at):
        return None
    return Decision(question, Verdict(verdict), by, at, reason, edit, mark.line)


def _moment(r: Reader, m: Map) -> datetime | None:
    text = r.string(m, "at", _WHAT)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        r.problem(
            m.value_mark("at"),
            f"'{text}' is not a time with its time zone",
            "write it as e.g. 2026-12-03T09:30:00Z",
        )
        return None
    return moment.astimezone(UTC)


def _edit(r: Reader, m: Map) -> Edit | None:
    what = "the edit"
    e = r.fields(m["edit"], m.value_mark("edit"), what, ("lang",), ("stem", "options", "accepted"))
    if e is None:
        return None
    before = len(r.problems)
    lang = r.string(e, "lang", what)
    if lang is not None and r.languages and lang not in r.languages:
        r.problem(
            e.value_mark("lang"),
            f"'{lang}' is not a language of the deck",
            did_you_mean(lang, r.languages) or "use one of: " + ", ".join(r.languages),
        )
    stem = r.string(e, "stem", what)
    options = _texts(r, e, "options", what)
    accepted = _texts(r, e, "accepted", what)
    if not {"stem", "options", "accepted"} & e.keys():
        r.problem(e.mark, "the edit changes nothing", "give a new `stem`, `options` or `accepted`")
    if len(r.problems) > before or lang is None:
        return None
    return Edit(lang, stem, options, accepted)


def _texts(r: Reader, m: Map, key: str, what: str) -> tuple[str, ...] | None:
    items = r.seq(m, key, what, min_items=1)
    if items is None:
        return None
    texts = []
    for item, mark in zip(items, items.item_marks, strict=True):
        text = "" if isinstance(item, bool) or item is None else str(item).strip()
        if not isinstance(item, (str, int, float)) or not text:
            r.problem(mark, f"each of '{key}' must be a text", "write it as `- the text`")
        else:
            texts.append(text)
    return tuple(texts)


def load_reviews(deck_dir: str | Path) -> Reviews:
    """The decisions in the deck folder's reviews.yaml (none when it has no such file).

    Raises ReviewsError naming file:line for content that cannot be read; the deck loader
    reports the same problems among the deck's own.
    """
    directory = Path(deck_dir)
    path = directory / REVIEWS_FILE
    if not os.path.lexists(path):
        return Reviews()
    shown = display_path(path, directory.parent)
    problems: list[Problem] = []
    try:
        data = read_yaml(path, shown, directory)
    except YamlRefused as refused:
        raise ReviewsError([refused.problem]) from None
    reviews = read_reviews(shown, Reader(shown, problems, ()), data)
    if problems:
        raise ReviewsError(problems)
    return reviews


def record(deck_dir: str | Path, decision: Decision, now: datetime) -> Reviews:
    """Write `decision`, made at `now`, into the deck's reviews.yaml and return every decision.

    It replaces any earlier decision on the same question and keeps all the others. Decisions
    are written sorted by question id, so each change is a small diff; the file is written to a
    temporary file beside it and renamed into place, so a reader (another app process, a crash
    half-way) sees the old file or the new one, never a torn one. Two teachers recording at once
    (two app processes of a school server) take turns, under a lock on the deck folder, so
    neither loses the other's decision. Raises ReviewsError when the present file has problems,
    rather than overwrite decisions it could not read.
    """
    if now.tzinfo is None:
        raise ValueError("record needs an aware time")
    _refuse_incomplete(decision)
    directory = Path(deck_dir)
    with _locked(directory):
        current = load_reviews(directory)
        stamped = replace(decision, at=now.astimezone(UTC).replace(microsecond=0), line=0)
        kept = [d for d in current.decisions if d.question != decision.question] + [stamped]
        kept.sort(key=lambda d: d.question)
        _write_atomically(directory / REVIEWS_FILE, reviews_yaml(kept))
        return load_reviews(directory)


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (no lock file left in the deck) where the system
    has `flock`; elsewhere the last writer wins, as for any file edited by hand."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock to take
        yield
        return
    handle = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _refuse_incomplete(decision: Decision) -> None:
    """A decision `record` would write but the loader refuse is a caller's mistake: say so
    before anything is written."""
    problems = []
    if not QUESTION_ID.match(decision.question):
        problems.append(f"'{decision.question}' is not a question id")
    if not decision.by.strip():
        problems.append("a decision needs who made it")
    if decision.verdict is Verdict.RETIRED and not decision.reason.strip():
        problems.append("a retired question needs a reason")
    if (decision.verdict is Verdict.EDITED) != (decision.edit is not None):
        problems.append("an edit goes with the verdict `edited`, and only with it")
    if problems:
        raise DecisionError("; ".join(problems) + ": nothing was written")


def reviews_yaml(decisions: Iterable[Decision]) -> str:
    """The file's text: one mapping per decision, keys in a fixed order."""
    return yaml.safe_dump(
        [_entry(d) for d in decisions],
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )


def _entry(decision: Decision) -> dict[str, Any]:
    at = decision.at.astimezone(UTC) if decision.at else None
    entry: dict[str, Any] = {
        "question": decision.question,
        "verdict": decision.verdict.value,
        "by": decision.by,
        "at": at.isoformat().replace("+00:00", "Z") if at else None,
    }
    if decision.reason:
        entry["reason"] = decision.reason
    if decision.edit is not None:
        edit: dict[str, Any] = {"lang": decision.edit.lang}
        if decision.edit.stem is not None:
            edit["stem"] = decision.edit.stem
        if decision.edit.options is not None:
            edit["options"] = list(decision.edit.options)
        if decision.edit.accepted is not None:
            edit["accepted"] = list(decision.edit.accepted)
        entry["edit"] = edit
    return entry


def _write_atomically(path: Path, text: str) -> None:
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
