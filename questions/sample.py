"""A stratified random sample of a bank, written as a sheet a reviewer judges against the sources.

The blind review loop: draw a sample with a seed not used before, have a reader who has not seen
the generator judge each item by the rubric (ACCEPT, FIX or REJECT), fix the patterns, repeat.
Every kind gets the same share, split evenly between the languages, so a rare kind (ordering,
"sources differ") is judged as often as a common one.
"""

from __future__ import annotations

import random
from collections import defaultdict

from questions.bank import QuestionBank
from questions.errors import QuestionError
from questions.model import Kind, Question

LETTERS = "ABCDEFGH"
GRADING = {
    "en": "**Graded:** any form above in either script, case and punctuation ignored, small"
    ' typos, a leading preposition ("in Tokyo"), Russian case forms, and a date in any'
    " common written form at the precision the stem asks (a finer date within it is right;"
    " a day and month may be given without the year), a number in figures or in words"
    ' with or without the words around it ("more than three hundred", «свыше 300», and for'
    " one the unit alone, «месяц»), with its unit where the stem does not name it; feedback"
    " always shows the key.",
    "ru": "**Оценка:** любая форма выше в любой письменности, без учёта регистра, ё/е и"
    " знаков препинания, небольшие опечатки, предлог впереди («в Токио»), падежные формы,"
    " дата в любой обычной записи с той точностью, которую задаёт вопрос (более точная дата"
    " внутри неё тоже верна; к числу и месяцу год можно не писать), число цифрами или"
    " словами в любом падеже, с поясняющими словами или без них («более трёхсот», «свыше"
    " 300», а для единицы — одно слово «месяц»), с единицей измерения, если вопрос её не"
    " называет; после ответа всегда показывается ключ.",
}
"""What the grader accepts beyond the listed forms, so a reviewer judges what students get."""


def review_sample(bank: QuestionBank, size: int, seed: int) -> list[Question]:
    """`size` items spread evenly over the bank's kinds and languages, in a seeded order,
    at most one item per fact (a true statement never beside its falsified twin, an answer
    never given away by another item), except the few "sources differ" items on one dispute."""
    if size < 1:
        raise QuestionError(f"a review sample needs at least one item, not {size}")
    strata: dict[tuple[Kind, str], list[Question]] = defaultdict(list)
    for question in bank.questions:
        strata[(question.kind, question.lang)].append(question)
    rng = random.Random(seed)
    pools = {key: rng.sample(items, len(items)) for key, items in sorted(strata.items())}
    chosen: list[Question] = []
    seen_facts: set[tuple[str, ...]] = set()
    while len(chosen) < size and any(pools.values()):
        for key in sorted(pools):
            while pools[key] and len(chosen) < size:
                question = pools[key].pop()
                if question.kind is Kind.SOURCES_DIFFER or question.fact_ids not in seen_facts:
                    seen_facts.add(question.fact_ids)  # one item per fact, as on a real paper
                    chosen.append(question)
                    break
    chosen.sort(key=lambda q: (list(Kind).index(q.kind), q.lang, q.id))
    return chosen


def sample_sheet(bank: QuestionBank, questions: list[Question], seed: int) -> str:
    """The sample as Markdown: each item as a student sees it, then its key, explanation,
    the dispute note where there is one, and each source with its verbatim quote."""
    deck = bank.deck
    out = [
        f"# Review sample: {deck.title.get('en') or deck.id}",
        "",
        f"{len(questions)} items, seed {seed}, bank seed {bank.seed}. Judge each item as it"
        " stands: ACCEPT, FIX or REJECT.",
        "",
    ]
    for number, q in enumerate(questions, 1):
        out += [f"## {number}. {q.kind.value} · {q.lang} · `{q.id}`", "", q.prompt, ""]
        if q.kind is Kind.MATCHING and isinstance(q.answer, dict):
            out += [f"{n}. {left}" for n, left in enumerate(q.answer, 1)]
            out.append("")
        for letter, option in zip(LETTERS, q.options or (), strict=False):
            out.append(f"{letter}. {option}")
        if q.options:
            out.append("")
        out += [f"**Key:** {_key(q)}", ""]
        if q.accepted:
            out += ["**Also accepted:** " + "; ".join(q.accepted[1:] or q.accepted), ""]
        if q.kind in (Kind.TYPED, Kind.CLOZE):
            out += [GRADING[q.lang], ""]
        if q.explanation:
            out += [f"**Explanation:** {q.explanation}", ""]
        if q.dispute:
            out += [f"**Dispute:** {q.dispute}", ""]
        out.append("**Sources:**")
        for cited in q.sources:
            label = deck.source(cited.source).short_name(q.lang) if cited.source else ""
            out.append(f"- {label} ({cited.source}): “{' '.join(cited.quote.split())}”")
        out.append("")
    return "\n".join(out)


def _key(q: Question) -> str:
    if q.kind is Kind.TRUE_FALSE and q.options:
        return q.options[0] if q.answer else q.options[1]
    if q.kind is Kind.ORDERING and isinstance(q.answer, list):
        return " → ".join(f"{LETTERS[list(q.options or ()).index(a)]}" for a in q.answer)
    if q.kind is Kind.MATCHING and isinstance(q.answer, dict) and q.options:
        return "; ".join(
            f"{n} → {LETTERS[q.options.index(right)]}"
            for n, right in enumerate(q.answer.values(), 1)
        )
    if q.options and q.answer in q.options:
        return f"{LETTERS[q.options.index(q.answer)]}. {q.answer}"
    return str(q.answer)
