"""Marking one response: choice items by the option chosen, typed items by `grade_typed`.

A response is what the server keeps: for items with options, the index of the chosen option
in the question's own (unshuffled) order; for typed and cloze items, the text typed. The
browser only ever sends a position on its own shuffled list, which `read_response` maps back
after checking it, so a forged index is refused instead of graded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from classroom.errors import AnswerRefused
from decks.model import Deck
from questions.grading import Verdict, grade_typed
from questions.model import Kind, Question

Response = int | str
MAX_TYPED = 300
TYPED_KINDS = (Kind.TYPED, Kind.CLOZE)


@dataclass(frozen=True)
class Mark:
    """The share of the item's points earned (0 or 1 today) and why."""

    fraction: float
    verdict: Verdict

    @property
    def correct(self) -> bool:
        return self.fraction >= 1.0


def read_response(
    question: Question, option_order: Sequence[int] | None, given: object
) -> Response:
    """The canonical response for what the page sent, or AnswerRefused if it is malformed."""
    if question.kind in TYPED_KINDS:
        if not isinstance(given, str):
            raise AnswerRefused("this question takes a typed answer")
        text = " ".join(given.split())
        if len(text) > MAX_TYPED:
            raise AnswerRefused(
                f"an answer can be at most {MAX_TYPED} characters long",
                key="answer_too_long",
                limit=MAX_TYPED,
            )
        return text
    if question.options is None or option_order is None:
        raise AnswerRefused("this question cannot be answered in a quiz")
    if isinstance(given, bool) or not isinstance(given, int) or not 0 <= given < len(option_order):
        raise AnswerRefused(f"there is no option {given!r} for this question")
    return option_order[given]


def grade(question: Question, response: Response, deck: Deck | None) -> Mark:
    """Mark a canonical response; typed items need the deck the question was built from.

    A true/false item's options are (true, false) in that order, as `questions/` builds them.
    """
    if question.kind in TYPED_KINDS:
        if deck is None:
            raise ValueError("typed and cloze items are graded against their deck")
        verdict = grade_typed(question, str(response), deck)
        return Mark(1.0 if verdict.correct else 0.0, verdict.verdict)
    if question.kind is Kind.TRUE_FALSE:
        correct = (response == 0) == bool(question.answer)
    else:
        correct = (
            question.options is not None and question.options[int(response)] == question.answer
        )
    return Mark(1.0 if correct else 0.0, Verdict.EXACT if correct else Verdict.WRONG)


def needs_deck(question: Question) -> bool:
    return question.kind in TYPED_KINDS


def response_text(question: Question, response: Response | None) -> str | None:
    """The response as the student saw it, for reviews and the teacher's tables."""
    if response is None:
        return None
    if question.kind in TYPED_KINDS or question.options is None:
        return str(response)
    return question.options[int(response)]


def answer_text(question: Question) -> str:
    """The right answer as shown in a review."""
    if question.kind is Kind.TRUE_FALSE and question.options:
        return question.options[0 if question.answer else 1]
    return str(question.answer)
