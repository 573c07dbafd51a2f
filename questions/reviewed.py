"""A teacher's review decisions (`Deck.reviews`, from reviews.yaml) applied to generated items.

Retired items leave the bank; edited items carry the teacher's text once the quality gate
accepts it (`questions.gate.check_edit`, on that item alone); approved and edited items say so
(`Question.approved`). What cannot be applied is reported, never raised: a decision whose
question the deck no longer gives (a fact deleted, a kind left out) is *stale*, and an edit the
gate refuses is *refused* and the generated item stays as it was. Both are warnings: a deck
must still load and build after a fact is deleted, as Anki and Moodle keep working when a
question's source changes; `factdeck validate` lists them and `factdeck build` prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from decks.decisions import Decision, Edit, Verdict
from decks.model import Deck
from questions.edits import apply_edit, edit_problem
from questions.gate import Violation, check_edit
from questions.model import Question


@dataclass(frozen=True)
class RefusedEdit:
    """An edit left unapplied, with every reason: the gate's violations, or rule `edit` when
    the edit cannot apply to its item at all (another language, options of an ordering)."""

    decision: Decision
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class ReviewReport:
    """What applying a deck's decisions could not do, for `validate`, `build` and the pages."""

    file: str = ""
    stale: tuple[Decision, ...] = ()
    """Decisions on questions the deck no longer gives; only known when every language was
    built (a question id does not say its language)."""
    refused: tuple[RefusedEdit, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.stale and not self.refused

    def warnings(self) -> list[str]:
        """One line per problem, `file:line: warning: …`, in file order."""
        found = [
            (
                d.line,
                f"{self.file}:{d.line}: warning: stale decision: deck gives no question"
                f" {d.question} any more (a fact deleted or reworked); remove it",
            )
            for d in self.stale
        ]
        for refused in self.refused:
            d = refused.decision
            reasons = "; ".join(f"[{v.rule}] {v.message}" for v in refused.violations)
            found.append(
                (
                    d.line,
                    f"{self.file}:{d.line}: warning: edit of {d.question} not applied: {reasons}",
                )
            )
        return [text for _, text in sorted(found)]


@dataclass(frozen=True)
class Applied:
    """One item after its decision: as the bank holds it (None when retired), and why an edit
    was refused."""

    question: Question | None
    refused: RefusedEdit | None = None


def apply_decision(deck: Deck, question: Question, decision: Decision | None) -> Applied:
    """The item as the teacher's decision leaves it."""
    if decision is None:
        return Applied(question)
    if decision.verdict is Verdict.RETIRED:
        return Applied(None)
    if decision.verdict is Verdict.APPROVED or decision.edit is None:
        return Applied(replace(question, approved=True))
    edited, violations = preview_edit(deck, question, decision.edit)
    if violations:
        return Applied(question, RefusedEdit(decision, violations))
    return Applied(edited)


def preview_edit(
    deck: Deck, question: Question, edit: Edit
) -> tuple[Question, tuple[Violation, ...]]:
    """The generated item with `edit`, and what the gate refuses in it (nothing when the edit
    will be applied): what a review page shows before the teacher saves."""
    problem = edit_problem(question, edit)
    if problem:
        return question, (Violation(question.id, "edit", problem),)
    edited = apply_edit(question, edit)
    return edited, tuple(check_edit(deck, question, edited))


def apply_reviews(
    deck: Deck, questions: Sequence[Question], complete: bool
) -> tuple[tuple[Question, ...], ReviewReport]:
    """The items as the deck's decisions leave them, in the same order, and what could not be
    applied. `complete` says the items are every language's, so that a decision on none of
    them is stale."""
    reviews = deck.reviews
    if not reviews.decisions:
        return tuple(questions), ReviewReport(reviews.file)
    kept: list[Question] = []
    refused: list[RefusedEdit] = []
    for question in questions:
        applied = apply_decision(deck, question, reviews.of(question.id))
        if applied.question is not None:
            kept.append(applied.question)
        if applied.refused is not None:
            refused.append(applied.refused)
    given = {q.id for q in questions}
    stale = tuple(d for d in reviews.decisions if d.question not in given) if complete else ()
    return tuple(kept), ReviewReport(reviews.file, stale, tuple(refused))
