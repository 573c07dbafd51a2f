"""A teacher's edit applied to one generated question, and undone again for the gate.

An edited item keeps the texts it replaced in `extra["original"]`, so the quality gate can
check the generated item against the deck as it always does and hold the teacher's wording to
the rules a reader judges (`questions.gate.check_edit`), and a review page can show both.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from decks.decisions import Edit
from questions.model import CHOICE_KINDS, Kind, Question

ORIGINAL = "original"
"""The `extra` entry of an edited item: each replaced field's generated value."""
TYPED_KINDS = (Kind.TYPED, Kind.CLOZE)
"""Kinds whose accepted forms a teacher may list."""


def edit_problem(question: Question, edit: Edit) -> str | None:
    """Why `edit` cannot apply to `question` at all, before any rule of the gate; None if it can.

    Options may be reworded only where they are independent texts (multiple choice, where
    sources differ) and only one for one: an ordering or matching item's options are its
    answer, and a true or false item's are the words True and False.
    """
    if edit.lang != question.lang:
        return f"the edit is in '{edit.lang}', the question in '{question.lang}'"
    if edit.options is not None:
        if question.kind not in CHOICE_KINDS or not question.options:
            return f"a {question.kind.value} item's options are not edited: edit its stem"
        if len(edit.options) != len(question.options):
            given, has = len(edit.options), len(question.options)
            return f"the edit gives {given} options; the item has {has}"
    if edit.accepted is not None and question.kind not in TYPED_KINDS:
        return f"a {question.kind.value} item accepts no typed forms: edit its stem"
    return None


def drafted_edit(
    question: Question,
    stem: str,
    options: str | None = None,
    accepted: str | None = None,
) -> Edit | None:
    """The edit a teacher's drafts make of the generated `question`, or None when they change
    nothing. `options` and `accepted` are one text a line, as a page's text areas hold them;
    a field the drafts leave as generated is left out of the edit, so a rebuild after the fact
    changes still updates it."""
    new_stem = stem.strip()
    new_options = _lines(options)
    new_accepted = _lines(accepted)
    edit = Edit(
        question.lang,
        stem=new_stem if new_stem and new_stem != question.prompt else None,
        options=new_options
        if new_options is not None and new_options != question.options
        else None,
        accepted=new_accepted
        if new_accepted is not None and new_accepted != question.accepted
        else None,
    )
    if edit.stem is None and edit.options is None and edit.accepted is None:
        return None
    return edit


def _lines(drafted: str | None) -> tuple[str, ...] | None:
    if drafted is None:
        return None
    return tuple(line.strip() for line in drafted.splitlines() if line.strip())


def apply_edit(question: Question, edit: Edit) -> Question:
    """The question with the edit's texts (check `edit_problem` first); approved, since a
    teacher stands behind the wording they wrote. The option in the answer's place stays the
    answer, so answer positions stay balanced."""
    original: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    if edit.stem is not None and edit.stem != question.prompt:
        original["prompt"] = question.prompt
        changes["prompt"] = edit.stem
    if edit.options is not None and question.options and edit.options != question.options:
        original["options"] = list(question.options)
        original["answer"] = question.answer
        changes["options"] = tuple(edit.options)
        changes["answer"] = edit.options[question.options.index(question.answer)]
    if edit.accepted is not None and edit.accepted != question.accepted:
        original["accepted"] = list(question.accepted)
        changes["accepted"] = tuple(edit.accepted)
    extra = dict(question.extra)
    if original:
        extra[ORIGINAL] = original
    return replace(question, **changes, extra=extra, approved=True)


def unedited(question: Question) -> Question | None:
    """The generated item an edited one replaced; None for an item no one edited."""
    original = question.extra.get(ORIGINAL)
    if not isinstance(original, dict):
        return None
    changes: dict[str, Any] = {}
    if "prompt" in original:
        changes["prompt"] = str(original["prompt"])
    if "options" in original:
        changes["options"] = tuple(original["options"])
        changes["answer"] = original.get("answer", question.answer)
    if "accepted" in original:
        changes["accepted"] = tuple(original["accepted"])
    extra = {key: value for key, value in question.extra.items() if key != ORIGINAL}
    return replace(question, **changes, extra=extra)
