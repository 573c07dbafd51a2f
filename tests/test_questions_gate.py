"""The quality gate catches each kind of defect: every rule is shown to fail on a broken item."""

import dataclasses

import pytest
from conftest import REAL_DECK

from decks.loader import load_deck
from questions import Kind, QuestionBank, build_bank, check, question_id


@pytest.fixture(scope="module")
def bank(sources_dir):
    return build_bank(load_deck(REAL_DECK, sources_dir), seed=0)


def _first(bank, kind, lang="en", where=lambda q: True):
    return next(q for q in bank.questions if q.kind is kind and q.lang == lang and where(q))


def _rules(bank, broken, replaces=None):
    """The rules the gate reports for `broken` put in place of `replaces` (default: its id)."""
    old = replaces.id if replaces else broken.id
    questions = tuple(broken if q.id == old else q for q in bank.questions)
    return {v.rule for v in check(QuestionBank(bank.deck, questions)) if v.question_id == broken.id}


def test_the_real_bank_is_clean(bank):
    assert check(bank) == []


def test_a_distractor_as_answer(bank):
    q = _first(bank, Kind.MULTIPLE_CHOICE)
    wrong = next(o for o in q.options if o != q.answer)
    assert "answer" in _rules(bank, dataclasses.replace(q, answer=wrong))


def test_a_distractor_that_may_be_right(bank):
    q = _first(bank, Kind.MULTIPLE_CHOICE, where=lambda q: q.extra["part"] == "date")
    fact = next(f for f in bank.deck.facts if f.id == q.fact_ids[0])
    index = next(i for i, k in enumerate(q.extra["keys"]) if k != fact.date.iso())
    keys = list(q.extra["keys"])
    keys[index] = fact.date.start.iso()[:4]  # the year of the true date: not provably wrong
    options = list(q.options)
    options[index] = keys[index]
    broken = dataclasses.replace(q, options=tuple(options), extra=q.extra | {"keys": keys})
    assert _rules(bank, broken) & {"distractor", "options"}
    assert "distractor" in _rules(bank, dataclasses.replace(broken, options=q.options))


def test_an_entity_named_in_the_fact_as_distractor(bank):
    facts = {f.id: f for f in bank.deck.facts}

    def others(q):
        answer = q.extra["keys"][q.options.index(q.answer)]
        fact = facts[q.fact_ids[0]]
        return [i for ids in fact.entities.values() for i in ids if i != answer]

    q = _first(
        bank,
        Kind.MULTIPLE_CHOICE,
        where=lambda q: (
            isinstance(q.extra["keys"][0], str) and q.extra["part"] != "date" and others(q)
        ),
    )
    named = others(q)[0]
    index = next(i for i, o in enumerate(q.options) if o != q.answer)
    keys, options = list(q.extra["keys"]), list(q.options)
    name = bank.deck.entity(named).name["en"]
    keys[index], options[index] = named, name[:1].upper() + name[1:]
    broken = dataclasses.replace(q, options=tuple(options), extra=q.extra | {"keys": keys})
    assert "distractor" in _rules(bank, broken)


def test_a_leaking_stem(bank):
    q = _first(bank, Kind.TYPED)
    assert "leak" in _rules(bank, dataclasses.replace(q, prompt=f"{q.prompt} ({q.answer})"))


def test_duplicate_options(bank):
    q = _first(bank, Kind.MULTIPLE_CHOICE)
    options = (q.options[0], q.options[0].upper(), *q.options[2:])
    assert "options" in _rules(bank, dataclasses.replace(q, options=options))


def test_no_citation(bank):
    q = _first(bank, Kind.FLASHCARD)
    assert "citation" in _rules(bank, dataclasses.replace(q, sources=()))


def test_a_foreign_quote(bank):
    q = _first(bank, Kind.FLASHCARD)
    cited = dataclasses.replace(q.sources[0], quote="Words no fact of this item cites.")
    assert "citation" in _rules(bank, dataclasses.replace(q, sources=(cited,)))


def test_an_id_that_does_not_follow_its_parts(bank):
    q = _first(bank, Kind.FLASHCARD)
    assert "id" in _rules(bank, dataclasses.replace(q, template=q.template + "x"))


def test_a_typed_item_on_a_disputed_date(bank):
    attack = next(f for f in bank.deck.facts if f.contested and f.contested.about == "date")
    q = _first(bank, Kind.TYPED, where=lambda q: q.extra["part"] == "date")
    broken = dataclasses.replace(
        q,
        id=question_id(bank.deck.id, (attack.id,), Kind.TYPED, "en", q.template),
        fact_ids=(attack.id,),
        extra=q.extra | {"key": attack.date.iso(), "slot": "date"},
    )
    assert "contested" in _rules(bank, broken, replaces=q)


def test_true_false_that_lies(bank):
    q = _first(bank, Kind.TRUE_FALSE, where=lambda q: q.answer is False)
    assert "answer" in _rules(bank, dataclasses.replace(q, answer=True))


def test_a_cloze_whose_answer_is_not_at_the_blank(bank):
    q = _first(bank, Kind.CLOZE)
    assert "answer" in _rules(bank, dataclasses.replace(q, answer=q.answer + "s"))


def test_events_out_of_order(bank):
    q = _first(bank, Kind.ORDERING)
    answer = list(reversed(q.answer))
    order = list(reversed(q.extra["order"]))
    broken = dataclasses.replace(q, answer=answer, extra=q.extra | {"order": order})
    assert "answer" in _rules(bank, broken)


def test_pairs_crossed(bank):
    q = _first(bank, Kind.MATCHING)
    left = list(q.answer)
    answer = dict(q.answer)
    answer[left[0]], answer[left[1]] = answer[left[1]], answer[left[0]]
    assert "answer" in _rules(bank, dataclasses.replace(q, answer=answer))


def test_sources_differ_answered_by_one_side(bank):
    q = _first(bank, Kind.SOURCES_DIFFER)
    swapped = next(o for o in q.options if o != q.answer)
    assert "answer" in _rules(bank, dataclasses.replace(q, answer=swapped))


def test_answers_piled_on_one_position(bank):
    def first_position(q):
        if q.kind not in (Kind.MULTIPLE_CHOICE, Kind.SOURCES_DIFFER):
            return q
        rest = [o for o in q.options if o != q.answer]
        return dataclasses.replace(q, options=(q.answer, *rest))

    piled = QuestionBank(bank.deck, tuple(first_position(q) for q in bank.questions))
    assert {v.question_id for v in check(piled) if v.rule == "balance"} == {"bank:en", "bank:ru"}
