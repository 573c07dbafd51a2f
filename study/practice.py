"""A practice round: items drawn from the bank, graded on the spot, answers as FSRS ratings."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import fsrs

from decks.model import Deck
from questions.grading import grade_typed
from questions.model import Kind, Question
from study.cards import FlashcardIndex, flashcards_for
from study.learner_store import LearnerStore
from study.records import Origin, Review
from study.scheduling import CardState


def choose_practice(questions: Sequence[Question], length: int, seed: int) -> list[Question]:
    """`length` items drawn at random (seeded) from `questions`, no item twice, the kinds taking
    turns so that each kind in the pool gets an even share of the round, as in Quizlet's Learn.

    Drawn in proportion to the pool, the few kinds the bank has little of (ordering, matching)
    would hardly ever come up; a kind with too few items leaves its turns to the others.
    """
    if length < 1:
        raise ValueError("a practice needs at least one question")
    rng = random.Random(seed)
    by_kind: dict[Kind, list[Question]] = {}
    for question in questions:
        by_kind.setdefault(question.kind, []).append(question)
    groups = list(by_kind.values())
    rng.shuffle(groups)
    for group in groups:
        rng.shuffle(group)
    picked: list[Question] = []
    while len(picked) < length and any(groups):
        for group in groups:
            if group and len(picked) < length:
                picked.append(group.pop())
    rng.shuffle(picked)
    return picked


Response = Any
"""A learner's answer in the shape its item's kind asks for: an option, True/False, typed text,
the events in order, or (left, right) pairs. Only the kind says which, so the type cannot."""


def is_correct(question: Question, response: Response, deck: Deck) -> bool:
    """Grade a response: the chosen option, True/False, typed text, an order or pairs.

    Typed and cloze answers go through `questions.grading.grade_typed`, which accepts aliases,
    transliterations and small typos.
    """
    if response is None:
        return False
    match question.kind:
        case Kind.TYPED | Kind.CLOZE:
            return grade_typed(question, str(response), deck).correct
        case Kind.ORDERING:
            return list(response) == list(question.answer)
        case Kind.MATCHING:
            return dict(response) == dict(question.answer)
        case _:
            return bool(response == question.answer)


def fact_results(question: Question, response: Response, correct: bool) -> dict[str, bool]:
    """For each fact an item covers, whether the learner got that fact right.

    In an ordering each event placed where it belongs counts as right, in a matching each
    pair; any other item is right or wrong as a whole.
    """
    if question.kind is Kind.ORDERING and "order" in question.extra and response is not None:
        placed = list(response)
        return {
            fact_id: index < len(placed) and placed[index] == question.answer[index]
            for index, fact_id in enumerate(question.extra["order"])
        }
    if question.kind is Kind.MATCHING and "pairs" in question.extra and response is not None:
        pairs = dict(response)
        return {
            fact_id: pairs.get(left) == right for fact_id, left, right in question.extra["pairs"]
        }
    return {fact_id: correct for fact_id in question.fact_ids}


def practice_reviews(
    question: Question, response: Response, correct: bool, index: FlashcardIndex
) -> list[tuple[str, fsrs.Rating]]:
    """The flashcard reviews an answer stands for: Good for each fact got right, else Again."""
    reviews: dict[str, fsrs.Rating] = {}
    for fact_id, right in fact_results(question, response, correct).items():
        for card_id in flashcards_for(question, fact_id, index):
            reviews.setdefault(card_id, fsrs.Rating.Good if right else fsrs.Rating.Again)
    return list(reviews.items())


@dataclass(frozen=True)
class PracticeRecord:
    """What a practice answer did to the learner's flashcards."""

    reviews: tuple[Review, ...]
    kept_new: tuple[str, ...] = ()
    """Cards the answer would have reviewed but left new: today's new cards were used up."""


def record_practice(
    progress: LearnerStore,
    question: Question,
    response: Response,
    correct: bool,
    index: FlashcardIndex,
    now: datetime,
) -> PracticeRecord:
    """Review the flashcards a practice answer stands for (see `practice_reviews`).

    A card already in learning or review is reviewed whatever the day's counts, as a rating
    in Study would be. A card still new is brought into learning only while today's new cards
    are under the learner's daily limit, and counts as one of them; past the limit it stays
    new, so practice never leaves Study owing more new cards than the learner chose (the
    answer itself is still kept with the practice round).

    Each review is committed on its own, like a rating on the Study page. The first refusal
    (a busy database, a card missing from the learner's collection) is raised as the study
    error family, so the page can say so; reviews made before it stay.
    """
    planned = practice_reviews(question, response, correct, index)
    known = progress.cards(card_id for card_id, _ in planned)
    new_done, _ = progress.done_today(now)
    room = progress.settings.new_per_day - new_done
    made: list[Review] = []
    kept_new: list[str] = []
    for card_id, rating in planned:
        card = known.get(card_id)
        if card is not None and card.schedule.state is CardState.NEW:
            if room <= 0:
                kept_new.append(card_id)
                continue
            room -= 1
        made.append(progress.review(card_id, rating, now, origin=Origin.PRACTICE))
    return PracticeRecord(tuple(made), tuple(kept_new))


def shuffled(items: Sequence[str], question_id: str) -> list[str]:
    """Items in an order fixed by the question, so a rerun does not reshuffle them."""
    order = list(items)
    random.Random(question_id).shuffle(order)
    return order
