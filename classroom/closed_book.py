"""Closed book: what learner pages hold back while a closed-book quiz runs.

A quiz's questions are generated from the same facts as the deck's flashcards and practice
items, in every language: a Russian flashcard on the fact a quiz asks about in English gives the
answer away as surely as the quiz question itself, and so does another fact of the same topic
telling the same event. So pages hide by fact, not by question id: `Classroom.closed_book_facts`
says which facts are held back (those asked about and the rest of their topics), and these
functions drop whatever touches one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from decks.model import Deck
from questions.model import Question


def same_topics(deck: Deck | None, facts: frozenset[str]) -> frozenset[str]:
    """`facts` and every other fact of their topics (all of them, when the deck cannot be
    read: `facts` alone).

    The facts of one topic tell the same events in other words: with only the asked fact held
    back, its neighbour ("the talks broke down at the end of April 1922") would still answer a
    question on it. Closed book closes the chapter, not the sentence.
    """
    if deck is None or not facts:
        return facts
    topics = {fact.topic for fact in deck.facts if fact.id in facts}
    return facts | frozenset(fact.id for fact in deck.facts if fact.topic in topics)


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
