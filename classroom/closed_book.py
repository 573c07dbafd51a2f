"""Closed book: what learner pages hold back while a closed-book quiz runs.

A quiz's questions are generated from the same facts as the deck's flashcards and practice
items, in every language: a Russian flashcard on the fact a quiz asks about in English gives the
answer away as surely as the quiz question itself. So pages hide by fact, not by question id:
`Classroom.closed_book_facts` says which facts are held back, and these functions drop whatever
touches one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from questions.model import Question


def withheld(question: Question, facts: Set[str]) -> bool:
    """Whether `question` asks about a held-back fact (a matching or an ordering about several
    facts is held back when any one of them is)."""
    return not facts.isdisjoint(question.fact_ids)


def open_questions(questions: Iterable[Question], facts: Set[str]) -> list[Question]:
    """`questions` without those that touch a held-back fact, in their order."""
    return [question for question in questions if not withheld(question, facts)]


def withheld_ids(questions: Iterable[Question], facts: Set[str]) -> frozenset[str]:
    """The ids of the questions (flashcards included) that touch a held-back fact."""
    return frozenset(question.id for question in questions if withheld(question, facts))
