"""Personal FSRS parameters: fitted to the learner's own review log, kept only when better.

FSRS-6's default parameters are fitted to many learners; a learner's own log predicts their
memory better once it holds enough answers. The fit is `fsrs-rs-python`'s (FSRS's reference
optimiser, in Rust): `fsrs`'s own optimiser needs torch, gigabytes of CUDA libraries for a
two-megabyte job. Parameters are fitted on the older four fifths of the log and judged on the
newest fifth, which the fit never saw: the new ones are adopted only when their log loss there
is lower than the current parameters', and both figures are reported either way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import fsrs_rs_python as fsrs_rs
from sqlalchemy import Engine, func, select

from study.conditions import counted_reviews
from study.day import study_day
from study.errors import NotEnoughReviews
from study.scheduling import DEFAULT_PARAMETERS
from study.schema import reviews
from study.settings import StudySettings

MIN_REVIEWS = 400
"""Below this many answers the fit follows noise; Anki's optimiser asks for about as many."""

HELD_OUT = 0.2
"""The newest share of the answers that judges the fit."""


@dataclass(frozen=True)
class Optimisation:
    """What a fit found: the log loss on held-out answers of the current and the fitted
    parameters (lower is better), and whether the fitted ones were adopted."""

    reviews: int
    current_loss: float
    fitted_loss: float
    parameters: tuple[float, ...]
    adopted: bool


def review_count(engine: Engine, learner_id: int) -> int:
    """The learner's answers that count (undone ones do not)."""
    with engine.connect() as connection:
        count: int = connection.execute(
            select(func.count()).select_from(reviews).where(counted_reviews(learner_id))
        ).scalar_one()
    return count


def optimise(engine: Engine, learner_id: int, settings: StudySettings) -> Optimisation:
    """Fit FSRS parameters to the learner's log and compare them with the current ones on the
    newest answers; NotEnoughReviews below `MIN_REVIEWS`. Writes nothing."""
    histories = _histories(engine, learner_id, settings)
    count = sum(len(days) for days in histories.values())
    if count < MIN_REVIEWS:
        raise NotEnoughReviews(
            f"{count} reviews so far: personal parameters need at least {MIN_REVIEWS}",
            key="optimise_too_few",
            count=count,
            needed=MIN_REVIEWS,
        )
    items = sorted(
        (item for history in histories.values() for item in _items(history)),
        key=lambda dated: dated[0],
    )
    split = int(len(items) * (1 - HELD_OUT))
    training = [item for _, item in items[:split]]
    held_out = [item for _, item in items[split:]]
    current = settings.parameters or DEFAULT_PARAMETERS
    fitted = tuple(fsrs_rs.FSRS(list(current)).compute_parameters(training))
    current_loss = fsrs_rs.FSRS(list(current)).evaluate(held_out).log_loss
    fitted_loss = fsrs_rs.FSRS(list(fitted)).evaluate(held_out).log_loss
    return Optimisation(
        reviews=count,
        current_loss=current_loss,
        fitted_loss=fitted_loss,
        parameters=fitted,
        adopted=fitted_loss < current_loss,
    )


def _histories(
    engine: Engine, learner_id: int, settings: StudySettings
) -> dict[str, list[tuple[date, int]]]:
    """Per card, its answers as (study day, rating), oldest first."""
    histories: dict[str, list[tuple[date, int]]] = defaultdict(list)
    with engine.connect() as connection:
        rows = connection.execute(
            select(reviews.c.question_id, reviews.c.reviewed_at, reviews.c.rating)
            .where(counted_reviews(learner_id))
            .order_by(reviews.c.reviewed_at, reviews.c.id)
        )
        for question_id, when, rating in rows:
            day = study_day(when, settings.timezone, settings.day_starts_at).day
            histories[question_id].append((day, rating))
    return histories


def _items(history: list[tuple[date, int]]) -> list[tuple[date, fsrs_rs.FSRSItem]]:
    """One training item per answer after the first, as FSRS learns: the answers up to it,
    each with the days since the one before; only answers on a later day than the previous one
    test long-term memory, so only those are items."""
    answers = [
        fsrs_rs.FSRSReview(rating, (day - history[n - 1][0]).days if n else 0)
        for n, (day, rating) in enumerate(history)
    ]
    return [
        (history[n][0], fsrs_rs.FSRSItem(answers[: n + 1]))
        for n in range(1, len(history))
        if history[n][0] > history[n - 1][0]
    ]
