"""The quality gate: what every bank must satisfy before a learner or teacher sees it.

`check(bank)` re-derives what it can from the deck instead of trusting the generators: option
texts are re-rendered from their keys, distractors and swaps re-refuted against the fact base,
labels and dates recomputed, typed answers graded by `grade_typed`, ids recomputed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from decks.collector import collector_paused
from decks.model import Deck, Fact
from questions import cloze as cloze_rules
from questions import disputes, flashcards, labels, matching, ordering
from questions.choice import option_text
from questions.cloze import predictable
from questions.context import Context
from questions.dates import format_date, interval, overlaps
from questions.distractors import date_axis, implausible, name_shape
from questions.edits import TYPED_KINDS, unedited
from questions.flashcards import card_back
from questions.grading import grade_typed
from questions.model import CHOICE_KINDS, Kind, Question, question_id
from questions.names import names_anywhere, normalize, spellings
from questions.numbers import format_value
from questions.ordering import spacing_problem
from questions.parts import Part, PartKind, asked, contested, parse_iso, part_of, render
from questions.phrases import phrase
from questions.proof import refute, same_day_roles
from questions.rules import (
    dated_step,
    oblique_question,
    statement_findings,
    stem_findings,
    text_findings,
    two_questions,
    unsupported_first,
)
from questions.truefalse import crosses_agreement, key_parts, swap_problem
from questions.typed import answer_problem

if TYPE_CHECKING:  # the bank applies reviews, which this gate checks: no import at run time
    from questions.bank import QuestionBank

NAME_QUESTION = re.compile(r"(?i)(who|whom|whose|which|кто|кого|кому|кем|чей|чья|чьи)\b")
"""A reverse phrasing that asks for one name ("Which delegation…?"): its back would be the whole
statement, which a reader takes for a wrong answer (round 12)."""

OPTION_COUNTS = {
    Kind.MULTIPLE_CHOICE: (4, 4),
    Kind.SOURCES_DIFFER: (2, 6),
    Kind.TRUE_FALSE: (2, 2),
    Kind.ORDERING: (4, 5),
    Kind.MATCHING: (4, 4),
}
SIDED_KINDS = (Kind.MULTIPLE_CHOICE, Kind.TYPED, Kind.CLOZE)
"""Kinds that present one answer as the right one: never about a contested part."""
TEST_KINDS = (
    Kind.MULTIPLE_CHOICE,
    Kind.TRUE_FALSE,
    Kind.TYPED,
    Kind.CLOZE,
    Kind.ORDERING,
    Kind.MATCHING,
)
"""Kinds that test: made from `core` and `supporting` facts only (rubric section 1)."""
RECALL_KINDS = (Kind.MULTIPLE_CHOICE, Kind.TYPED, Kind.CLOZE)
"""Kinds that ask to recall one part of one fact: from `core` facts only."""
REDERIVED_RULES = frozenset({"answer", "distractor", "dispute", "prompt"})
"""Rules that compare an item's texts with those the deck gives again (an option rendered
from its key, a stem from the curated question): a teacher's edit departs from them by design
and vouches for its own wording, so an edit is held to every other rule, and these are checked
on the generated item it replaced."""


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule: which item, which rule, and what exactly is wrong."""

    question_id: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.question_id}: [{self.rule}] {self.message}"


def check(bank: QuestionBank) -> list[Violation]:
    """Every violation of the gate in `bank`; an empty list means the bank passes.

    Rules: `id` (unique, derived as DESIGN.md says), `facts`, `prompt`, `citation` (every item
    cites a quote of its own facts), `options` (right count, all different, exactly one correct),
    `leak` (no answer in the stem or inside another option), `distractor` (every wrong option
    provably wrong), `answer` (the answer follows from the deck), `contested` (no side taken),
    `balance` (answer positions and true/false answers even over the bank), and one rule per
    section of the teacher's rubric: `significance` (1), `predictable`, `precision` (2),
    `plausible` (3), `standalone`, `one-claim` (4), `dispute` (5), `spacing`, `chained`,
    `explanation` (6), `grading` (7), `style` (8), `faithful` (9).
    """
    gate = _Gate(bank.deck)
    found: list[Violation] = []
    seen = Counter(q.id for q in bank.questions)
    with collector_paused():
        for question in bank.questions:
            if seen[question.id] > 1:
                found.append(Violation(question.id, "id", "the id is used by more than one item"))
            found += [Violation(question.id, rule, m) for rule, m in gate.item(question)]
        found += _balance(bank)
    return sorted(set(found))


def check_edit(deck: Deck, original: Question, edited: Question) -> list[Violation]:
    """What the gate refuses in a teacher's edit of `original`: every finding of a rule a
    reader judges (a leak, a dangling connective, a calque, options that are not all
    different…) that the generated item did not already have, and an empty stem. One item is
    checked, not the bank, so a build with edits stays fast."""
    found = _Gate(deck).edit_findings(original, edited)
    return sorted({Violation(edited.id, rule, message) for rule, message in found})


Finding = tuple[str, str]


class _Gate:
    def __init__(self, deck: Deck):
        self.deck = deck
        self.facts = {f.id: f for f in deck.facts}
        self.labels: dict[tuple[str, str], str | None] = {}
        self.ctx = Context(deck, 0, deck.languages)
        self.same_day = same_day_roles(deck)

    def label(self, fact: Fact, lang: str) -> str | None:
        """The fact's event label, worked out once per fact: every ordering and matching item
        it stands in asks for it again."""
        key = (fact.id, lang)
        if key not in self.labels:
            self.labels[key] = labels.event_label(fact, lang)
        return self.labels[key]

    def item(self, q: Question) -> Iterator[Finding]:
        """An edited item is checked as generated, and its edit as `check_edit` does."""
        original = unedited(q)
        if original is None:
            yield from self.generated(q)
        else:
            yield from self.generated(original)
            yield from self.edit_findings(original, q)

    def edit_findings(self, original: Question, edited: Question) -> Iterator[Finding]:
        before = set(self.generated(original))
        if not edited.prompt.strip():
            yield "prompt", "the edited stem is empty"
        before |= set(_stem_leaks(original))
        for finding in dict.fromkeys([*self.generated(edited), *_stem_leaks(edited)]):
            if finding[0] not in REDERIVED_RULES and finding not in before:
                yield finding

    def generated(self, q: Question) -> Iterator[Finding]:
        expected = question_id(self.deck.id, q.fact_ids, q.kind, q.lang, q.template)
        if q.id != expected:
            yield "id", f"should be {expected} for its deck, facts, kind, language and template"
        unknown = [f for f in q.fact_ids if f not in self.facts]
        if unknown or not q.fact_ids:
            yield "facts", f"unknown facts {unknown}" if unknown else "no fact behind the item"
            return
        if q.lang not in self.deck.languages:
            yield "prompt", f"language '{q.lang}' is not a deck language"
            return
        facts = [self.facts[f] for f in q.fact_ids]
        if not q.prompt.strip():
            yield "prompt", "the prompt is empty"
        if q.kind in TEST_KINDS:
            minor = [f.id for f in facts if not f.testable]
            if minor:
                yield "significance", f"a {q.kind} item from the detail fact '{minor[0]}'"
        if q.kind in RECALL_KINDS and any(f.significance != "core" for f in facts):
            yield "significance", f"a {q.kind} item asks for recall of a fact that is not core"
        yield from _texts(q, facts)
        yield from (("citation", m) for m in _citations(self.deck, facts, q))
        yield from (("options", m) for m in _options(q))
        about = str(q.extra.get("part", ""))
        if q.kind in SIDED_KINDS and any(contested(f, about) for f in facts):
            yield "contested", f"a {q.kind} item presents one answer on disputed '{about}'"
        checker = getattr(self, q.kind.value)
        yield from checker(facts, q)

    # -- one fact, one part -------------------------------------------------------------------

    def _part(self, fact: Fact, q: Question) -> Part | None:
        about = str(q.extra.get("part", ""))
        if q.extra.get("answer_type") == "entity":
            entity = str(q.extra.get("key", ""))
            if entity in fact.entities.get(about, ()):
                return Part(about, PartKind.ENTITY, entity=entity)
            return None
        slot = q.extra.get("slot")
        if slot is not None:
            return next((part for s, _, part in asked(fact) if s == slot), None)
        return part_of(fact, about)

    def _leak(self, fact: Fact, q: Question, part: Part | None, answer: str) -> Iterator[Finding]:
        prompt = normalize(q.prompt)
        if _contains(prompt, normalize(answer)):
            yield "leak", "the prompt contains the answer"
        if part is not None and part.kind is PartKind.ENTITY:
            for spelling in spellings(self.deck.entity(part.entity or ""), q.lang):
                if len(spelling) > 2 and _contains(prompt, normalize(spelling)):
                    yield "leak", f"the prompt names the answer as '{spelling}'"

    def flashcard(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        fact = facts[0]
        phrasing = next(((a, p) for s, a, p in asked(fact) if s == q.extra.get("slot")), None)
        if phrasing is None:
            yield "answer", f"fact '{fact.id}' gives no part '{q.extra.get('part')}'"
            return
        ask, part = phrasing
        reason = flashcards.skipped(fact, part)
        if reason:
            yield "significance", f"a card on {reason}"
        if part.kind is PartKind.DATE and dated_step(q.prompt):
            yield "predictable", str(dated_step(q.prompt))
        double = two_questions(q.prompt, q.lang)
        if double:
            yield "one-claim", double
        if q.extra.get("side") == "reverse":
            if q.answer != fact.statement[q.lang]:
                yield "answer", "a reverse card's back must be the fact's statement"
            if NAME_QUESTION.match(q.prompt):
                yield (
                    "answer",
                    "a reverse card asks for one name but is answered with the whole statement:"
                    " ask it as a phrasing about that entity's role (`about: who`)",
                )
            return
        if contested(fact, part.about):
            assert fact.contested is not None
            if q.answer != fact.contested.note[q.lang]:
                yield "contested", "a card on a disputed part must answer with the dispute note"
            return
        back = card_back(self.ctx, ask, part, q.lang)
        if q.answer != back:
            yield "answer", f"the back should read '{back}'"
        if part.kind is PartKind.ENTITY and not (ask.answer and ask.answer.get(q.lang)):
            asked_as = oblique_question(q.prompt, q.lang)
            if asked_as:
                yield (
                    "style",
                    (
                        f"«{asked_as}…?» is not answered by a bare name: curate the phrasing's"
                        " `answer` in the form the question asks"
                    ),
                )
        shown = render(part, self.deck, q.lang)
        yield from self._leak(fact, q, part, shown)

    def multiple_choice(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        fact = facts[0]
        part = self._part(fact, q)
        keys = q.extra.get("keys")
        if part is None or part.kind is PartKind.DETAIL:
            yield "answer", f"fact '{fact.id}' gives no part '{q.extra.get('part')}' to choose"
            return
        if not isinstance(keys, list) or len(keys) != len(q.options or ()):
            yield "distractor", "the options carry no keys to check them against the deck"
            return
        yield from self._leak(fact, q, part, render(part, self.deck, q.lang))
        yield from _stem(fact, part, q)
        if part.kind is PartKind.ENTITY:
            yield from self._plausible(fact, part, keys, q)
        if part.kind is PartKind.DATE and part.date is not None:
            axes = set()
            for key in keys:
                if key != part.key:
                    try:
                        axes.add(date_axis(part.date, parse_iso(str(key))))
                    except ValueError:
                        axes.add(None)
            if len(axes) > 1 or None in axes:
                yield "plausible", "the dates change different parts: the answer is the odd one in"
            yield from self._in_chapter(fact, keys)
        with_unit = bool(q.extra.get("with_unit", True))
        correct = 0
        for key, option in zip(keys, q.options or (), strict=True):
            try:
                shown = option_text(self.ctx, part, key, q.lang, with_unit)
            except (KeyError, ValueError, TypeError):
                shown = None
            if shown != option:
                yield "distractor", f"option '{option}' does not render its key {key!r}"
            elif key == part.key:
                correct += 1
                if option != q.answer:
                    yield "answer", f"the option giving the fact's {part.about} is not the answer"
            else:
                reason = refute(self.deck, fact, part, key, self.same_day)
                if reason:
                    yield "distractor", f"'{option}' is not provably wrong: {reason}"
        if correct != 1:
            yield "answer", f"{correct} options give the fact's own {part.about}; exactly one must"

    def _in_chapter(self, fact: Fact, keys: list[object]) -> Iterator[Finding]:
        """Rubric section 3: a date option outside the years of the fact's chapter is ruled
        out at sight (1915 for the intervention of 1918)."""
        first, last = self.ctx.topic_years.get(self.deck.root_topic(fact.topic), (1, 9999))
        for key in keys:
            try:
                year = parse_iso(str(key)).start.year
            except ValueError:
                continue
            if not first <= year <= last:
                yield "plausible", f"{year} lies outside the years of this chapter ({first}–{last})"

    def _plausible(
        self, fact: Fact, part: Part, keys: list[object], q: Question
    ) -> Iterator[Finding]:
        answer = self.deck.entity(part.entity or "")
        for key in keys:
            other = self.deck.entities_by_id.get(str(key))
            if other is None or other.id == answer.id:
                continue
            reason = implausible(self.ctx, fact, answer, other)
            if reason:
                yield "plausible", reason
        if answer.type == "person":
            shapes = {name_shape(o) for o in q.options or ()}
            if len(shapes) > 1:
                yield "plausible", "options mix bare surnames and full names"

    def true_false(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        fact = facts[0]
        if fact.contested is not None:
            yield "contested", "a contested fact gives no true/false item"
        yield from _statement(fact, q.lang)
        if q.options != (phrase(q.lang, "true"), phrase(q.lang, "false")):
            yield "options", "true/false options must be the true and false labels, in order"
        statement = str(q.extra.get("statement", ""))
        if q.prompt != phrase(q.lang, "true_false", statement=statement):
            yield "prompt", "the prompt is not the statement it claims to ask about"
        if q.answer is True:
            if statement != fact.statement[q.lang]:
                yield "answer", "a 'true' item must show the fact's statement as curated"
            return
        swap = q.extra.get("swap")
        if not isinstance(swap, dict) or statement == fact.statement[q.lang]:
            yield "answer", "a 'false' item must swap one part of the statement"
            return
        about, old, new = swap.get("part", ""), swap.get("old"), swap.get("new")
        if not isinstance(new, (str, int, float)):
            yield "answer", "a 'false' item must say what it swapped in"
            return
        part: Part | None
        if about not in key_parts(fact):
            yield "plausible", f"the statement is falsified on '{about}', not on its key part"
        if swap.get("kind") == PartKind.ENTITY:
            part = Part(about, PartKind.ENTITY, entity=str(old))
            if old not in fact.entities.get(about, ()):
                yield "answer", f"'{old}' is not the fact's {about}"
            elif not names_anywhere(statement, self.deck.entity(str(new))):
                yield "answer", f"the swapped statement does not name '{new}'"
            elif str(new) in self.deck.entities_by_id:
                reason = swap_problem(
                    self.ctx, fact, about, self.deck.entity(str(old)), self.deck.entity(str(new))
                )
                if reason:
                    yield "plausible", f"the swap to '{new}' is defensible: {reason}"
        else:
            part = part_of(fact, about)
            if part is None or part.key != old:
                yield "answer", f"'{old}' is not the fact's {about}"
                return
            if part.kind is PartKind.NUMBER and (
                isinstance(new, str) or format_value(new, q.lang) not in statement
            ):
                yield "answer", f"the swapped statement does not give {new}"
            if part.kind is PartKind.DATE and (
                crossed := crosses_agreement(self.deck, fact, str(new))
            ):
                yield "plausible", f"the false date is ruled out by the order of events: {crossed}"
        reason = refute(self.deck, fact, part, new, self.same_day)
        if reason:
            yield "distractor", f"the swap to {new!r} is not provably false: {reason}"

    def typed(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        fact = facts[0]
        part = self._part(fact, q)
        if part is None or part.kind is PartKind.DETAIL or part.key != q.extra.get("key"):
            yield "answer", f"the answer key does not match fact '{fact.id}'"
            return
        yield from self._leak(fact, q, part, render(part, self.deck, q.lang))
        yield from _stem(fact, part, q)
        yield from self._typable(part)
        yield from self._grades(q)

    def cloze(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        fact = facts[0]
        part = self._part(fact, q)
        if part is None or part.key != q.extra.get("key"):
            yield "answer", f"the answer key does not match fact '{fact.id}'"
            return
        start, end = q.extra.get("blank", (0, 0))
        text = fact.statement[q.lang]
        if text[start:end] != q.answer:
            yield "answer", "the answer is not what the statement says at the blank"
        if q.prompt != cloze_rules.cloze_prompt(
            part, q.lang, cloze_rules.blanked(text, start, end)
        ):
            yield "prompt", "the prompt is not the statement with the answer blanked"
        rest = text[:start] + text[end:]
        if _contains(normalize(rest), normalize(str(q.answer))):
            yield "leak", "the answer stands elsewhere in the sentence"
        if part.kind is PartKind.ENTITY and names_anywhere(
            rest, self.deck.entity(part.entity or "")
        ):
            yield "leak", "the sentence still names the answer"
        yield from self._typable(part)
        if part.about not in key_parts(fact):
            yield "significance", f"the blank '{part.about}' is not a part the fact is about"
        reason = predictable(self.ctx, fact, part, text, (start, end), q.lang)
        if reason:
            yield "predictable", reason
        yield from self._grades(q)

    def _typable(self, part: Part) -> Iterator[Finding]:
        reason = answer_problem(self.deck, part)
        if reason:
            yield "grading", reason

    def _grades(self, q: Question) -> Iterator[Finding]:
        for form in (str(q.answer), *q.accepted):
            grade = grade_typed(q, form, self.deck)
            if not grade.correct:
                yield "grading", f"grading refuses its own accepted answer '{form}'"
            elif grade.expected != q.answer:
                yield "grading", "feedback would not show the canonical answer"

    # -- several facts ------------------------------------------------------------------------

    def ordering(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        order = q.extra.get("order", [])
        answer = list(q.answer) if isinstance(q.answer, list) else []
        if sorted(order) != sorted(q.fact_ids) or len(answer) != len(order):
            yield "answer", "the order does not list the item's facts"
            return
        if sorted(answer) != sorted(q.options or ()) or list(q.options or ()) == answer:
            yield "options", "the events shown must be the answer's, not already in order"
        timeline = [self.facts[f] for f in order]
        for fact, label in zip(timeline, answer, strict=True):
            if self.label(fact, q.lang) != label:
                yield "answer", f"'{label[:40]}' is not the label of fact '{fact.id}'"
        for a, b in zip(timeline, timeline[1:], strict=False):
            if a.date is None or b.date is None or overlaps(a.date, b.date):
                yield "answer", f"'{a.id}' and '{b.id}' cannot be told apart in time"
            elif interval(a.date)[1] >= interval(b.date)[0]:
                yield "answer", f"'{a.id}' does not come before '{b.id}'"
        yield from _unique_events(timeline)
        yield from self._events(timeline, answer, q)

    def _events(self, chosen: list[Fact], labels: list[str], q: Question) -> Iterator[Finding]:
        """Rubric section 6: one topic or period, told apart, not ordered by logic, explained."""
        for i, a in enumerate(chosen):
            for b in chosen[i + 1 :]:
                if a.date is not None and b.date is not None:
                    reason = spacing_problem(a, b)
                    if reason:
                        yield "spacing", f"'{a.id}' and '{b.id}': {reason}"
                if ordering.chained(a, b, self.deck):
                    yield "chained", f"'{a.id}' and '{b.id}' are about one treaty or event"
        for label in labels:
            reason = ordering.label_problem(label, q.lang)
            if reason:
                yield "one-claim", f"the event '{label[:40]}' {reason}"
        if not q.explanation.strip():
            yield "explanation", f"a {q.kind} item needs an explanation"

    def matching(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        answer = q.answer if isinstance(q.answer, dict) else {}
        pairs = q.extra.get("pairs", [])
        left = q.extra.get("left", [])
        if len(answer) != 4 or len(set(answer.values())) != 4 or len(pairs) != 4:
            yield "answer", "a matching item needs four pairs with four different right sides"
            return
        if sorted(left) != sorted(answer) or sorted(q.options or ()) != sorted(answer.values()):
            yield "options", "the sides shown are not the answer's"
        if {p[0] for p in pairs} != set(q.fact_ids):
            yield "answer", "the pairs do not come from the item's facts"
            return
        family = q.extra.get("family")
        chosen = [self.facts[p[0]] for p in pairs]
        for (fact_id, left_text, right_text), fact in zip(pairs, chosen, strict=True):
            if answer.get(left_text) != right_text:
                yield "answer", f"the pair of fact '{fact_id}' is not in the answer"
            expected: tuple[str | None, str | None]
            if family == "dates":
                date = format_date(fact.date, q.lang) if fact.date else None
                expected = (self.label(fact, q.lang), date)
            else:
                deed = matching.deed_of(self.ctx, fact)
                expected = (deed.names[q.lang], deed.deeds[q.lang]) if deed else (None, None)
            if expected != (left_text, right_text):
                yield "answer", f"fact '{fact_id}' does not give the pair it is shown with"
        if family == "dates":
            yield from _unique_events(chosen)
            yield from self._events(chosen, [p[1] for p in pairs], q)
        else:
            if not q.explanation.strip():
                yield "explanation", "a matching item needs an explanation"
            deeds = [matching.deed_of(self.ctx, f) for f in chosen]
            for i, deed in enumerate(deeds):
                if deed is not None and not matching.deed_fits([d for d in deeds[:i] if d], deed):
                    yield "answer", f"the deed of '{deed.fact.id}' could fit another name"

    def sources_differ(self, facts: list[Fact], q: Question) -> Iterator[Finding]:
        fact = facts[0]
        if fact.contested is None:
            yield "answer", "a 'sources differ' item needs a contested fact"
            return
        claims = q.extra.get("claims")
        if not isinstance(claims, list) or len(claims) != len(q.options or ()):
            yield "distractor", "the options carry no claims to check them against the deck"
            return
        if not fact.testable or not fact.contested.exclusive:
            yield "dispute", "only a testable dispute whose claims exclude each other is asked"
        source = q.extra.get("source")
        if source is not None:
            yield from self._one_source(fact, q, str(source), claims)
            return
        if q.prompt != disputes.stem(self.ctx, fact, q.lang):
            yield "dispute", "the stem must ask the curated disputed question"
        truth = {(v.citation.source, i) for i, v in enumerate(fact.contested.versions)}
        sources = {source for source, _ in truth}
        correct = 0
        for claim, option in zip(claims, q.options or (), strict=True):
            pairs = {(str(c[0]), c[1]) for c in claim if isinstance(c, list) and len(c) == 2}
            if {source for source, _ in pairs} != sources or len(pairs) != len(sources):
                yield "dispute", f"option '{option[:40]}' does not give every source its version"
                continue
            said = [v for _, v in pairs]
            if len(set(map(str, said))) < len(said):
                yield (
                    "dispute",
                    f"option '{option[:40]}' has the sources agree: the stem rules it out",
                )
            shown = _rendered(disputes.claims_text, self.ctx, fact, claim, q.lang)
            if shown != option:
                yield "distractor", f"option '{option[:40]}' does not render its claims"
            if pairs == truth:
                correct += 1
                if option != q.answer:
                    yield "answer", "the option attributing each version rightly is not the answer"
        if correct != 1:
            yield "answer", f"{correct} options attribute every version rightly; exactly one must"

    def _one_source(
        self, fact: Fact, q: Question, source: str, claims: list[Any]
    ) -> Iterator[Finding]:
        """ "How does Fujimoto answer this?": that source's version is the one right option."""
        assert fact.contested is not None
        if q.prompt != disputes.stem(self.ctx, fact, q.lang, source):
            yield "dispute", "the stem must ask the disputed question of the named source"
        own = [i for i, v in enumerate(fact.contested.versions) if v.citation.source == source]
        correct = 0
        for claim, option in zip(claims, q.options or (), strict=True):
            shown = _rendered(disputes.one_source_text, self.ctx, fact, claim, q.lang)
            if shown != option:
                yield "distractor", f"option '{option[:40]}' does not render its claim"
            said = claim[0][1] if claim and len(claim[0]) == 2 else None
            if said in own:
                correct += 1
                if option != q.answer:
                    yield "answer", f"the version {source} gives is not the answer"
        if len(own) != 1 or correct != 1:
            yield "answer", f"{correct} options give what {source} says; exactly one must"


def _stem_leaks(q: Question) -> Iterator[Finding]:
    """A stem that holds the answer, or a form a typed answer accepts, for every kind: an
    edited fill in the blank stem is no longer the statement the `cloze` check reads."""
    prompt = normalize(q.prompt)
    if isinstance(q.answer, str) and q.kind is not Kind.FLASHCARD:
        if _contains(prompt, normalize(q.answer)):
            yield "leak", "the prompt contains the answer"
    if q.kind in TYPED_KINDS:
        for form in q.accepted:
            if len(form) > 2 and _contains(prompt, normalize(form)):
                yield "leak", f"the prompt gives the accepted answer '{form}'"


def _rendered(render: Callable[..., str], *args: object) -> str | None:
    """An option re-rendered from its claim, or None when the claim is malformed."""
    try:
        return render(*args)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _unique_events(facts: list[Fact]) -> Iterator[Finding]:
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            if a.date is None or b.date is None or overlaps(a.date, b.date):
                yield "answer", f"the dates of '{a.id}' and '{b.id}' may be the same day"
            if contested(a, "date") or contested(b, "date"):
                yield "contested", "an event with a disputed date cannot be placed in time"


def _statement(fact: Fact, lang: str) -> Iterator[Finding]:
    for rule, reason in statement_findings(fact, lang):
        yield rule, f"the statement {reason}"


def _stem(fact: Fact, part: Part, q: Question) -> Iterator[Finding]:
    for rule, reason in stem_findings(fact, part, q.prompt, q.lang):
        yield rule, f"the stem {reason}"


def _texts(q: Question, facts: list[Fact]) -> Iterator[Finding]:
    """Rubric sections 4, 8 and 9 on every text a student reads: stem, options, answer,
    explanation."""
    texts = [q.prompt, *(q.options or ())]
    if isinstance(q.answer, str):
        texts.append(q.answer)
    elif isinstance(q.answer, dict):
        texts += [str(k) for k in q.answer]
    texts.append(q.explanation)
    for text in dict.fromkeys(t for t in texts if t):
        for rule, reason in text_findings(text, q.lang):
            yield rule, f"'{text[:50]}' {reason}"
    if len(facts) == 1:
        for text in (q.prompt, q.explanation):
            unsupported = unsupported_first(text, facts[0], q.lang)
            if unsupported:
                yield "faithful", f"'{text[:50]}' {unsupported}"


def _citations(deck: Deck, facts: list[Fact], q: Question) -> Iterator[str]:
    if not q.sources:
        yield "the item cites no source"
    allowed = set()
    for fact in facts:
        allowed |= {(c.source, c.quote) for c in fact.sources}
        if fact.contested:
            allowed |= {(v.citation.source, v.citation.quote) for v in fact.contested.versions}
    known = {s.id for s in deck.sources}
    for cited in q.sources:
        if cited.source not in known:
            yield f"cites unknown source '{cited.source}'"
        elif (cited.source, cited.quote) not in allowed:
            yield f"quotes '{cited.quote[:40]}', which none of its facts cites"
        elif not cited.quote.strip():
            yield "a citation has an empty quote"
    for fact in facts:
        if not {c.source for c in fact.sources} & {c.source for c in q.sources}:
            yield f"cites no source of fact '{fact.id}'"


def _options(q: Question) -> Iterator[str]:
    bounds = OPTION_COUNTS.get(q.kind)
    if bounds is None:
        if q.options:
            yield f"a {q.kind} item has no options"
        return
    options = q.options or ()
    low, high = bounds
    if not low <= len(options) <= high:
        yield f"{len(options)} options; a {q.kind} item needs {low}–{high}"
    folded = [normalize(o) for o in options]
    if len(set(folded)) != len(folded) or not all(folded):
        yield "options are not all different (ignoring case and punctuation)"
    if q.kind is Kind.TRUE_FALSE:
        if not isinstance(q.answer, bool):
            yield "a true/false answer must be true or false"
        return
    if q.kind not in CHOICE_KINDS:
        return
    answer = normalize(str(q.answer))
    if folded.count(answer) != 1 or options.count(q.answer) != 1:
        yield "the answer is not exactly one of the options"
    for option, fold in zip(options, folded, strict=True):
        if fold != answer and (_contains(fold, answer) or _contains(answer, fold)):
            yield f"option '{option}' contains or is contained in the answer"


def _contains(text: str, part: str) -> bool:
    return bool(part) and f" {part} " in f" {text} "


def _balance(bank: QuestionBank) -> Iterator[Violation]:
    """Answer positions (each choice kind) and true/false answers are spread evenly."""
    positions: dict[tuple[str, str, int], Counter[int]] = defaultdict(Counter)
    truth: dict[str, Counter[bool]] = defaultdict(Counter)
    for q in bank.questions:
        if q.kind in CHOICE_KINDS and q.options and q.answer in q.options:
            positions[(q.kind, q.lang, len(q.options))][q.options.index(q.answer)] += 1
        elif q.kind is Kind.TRUE_FALSE and isinstance(q.answer, bool):
            truth[q.lang][q.answer] += 1
    for (kind, lang, size), counts in sorted(positions.items()):
        total = sum(counts.values())
        spread = [counts.get(i, 0) for i in range(size)]
        if max(spread) - min(spread) > _slack(total / size):
            yield Violation(
                f"bank:{lang}",
                "balance",
                f"answer positions over {total} {size}-option {kind} items are uneven: {spread}",
            )
    for lang, answers in sorted(truth.items()):
        spread = [answers.get(True, 0), answers.get(False, 0)]
        if abs(spread[0] - spread[1]) > _slack(sum(spread) / 2):
            yield Violation(
                f"bank:{lang}", "balance", f"true/false answers are uneven (true, false): {spread}"
            )


def _slack(expected: float) -> int:
    """Allowed gap between the most and least used position: one, plus a tenth of the mean."""
    return 1 + math.floor(0.1 * expected)
