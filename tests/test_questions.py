"""Question banks from the real deck and the mini deck: the gate, every kind, stable ids."""

import dataclasses
import json

import pytest
from conftest import PROJECT_ROOT, REAL_DECK

from decks.loader import load_deck
from questions import Kind, QuestionError, build_bank, check, question_id
from questions.jsonl import lines

MINI = PROJECT_ROOT / "tests" / "decks" / "mini"
MINI_SOURCES = PROJECT_ROOT / "tests" / "decks" / "sources"


@pytest.fixture(scope="module")
def real_deck(sources_dir):
    return load_deck(REAL_DECK, sources_dir)


@pytest.fixture(scope="module")
def real_bank(real_deck):
    return build_bank(real_deck, seed=0)


@pytest.fixture(scope="module")
def mini_deck():
    return load_deck(MINI, MINI_SOURCES)


def test_real_deck_passes_the_gate_in_both_languages(real_bank):
    for lang in ("en", "ru"):
        part = real_bank.filter(langs=[lang])
        assert len(part) > 0
        assert [str(v) for v in check(part)] == []
    assert [str(v) for v in check(real_bank)] == []


def test_real_deck_yields_every_kind_in_both_languages(real_bank):
    found = {(q.kind, q.lang) for q in real_bank.questions}
    missing = [(k.value, lang) for k in Kind for lang in ("en", "ru") if (k, lang) not in found]
    assert missing == []


def test_same_deck_and_seed_give_the_same_bank_byte_for_byte(real_deck, real_bank):
    again = build_bank(real_deck, seed=0)
    assert list(lines(again)) == list(lines(real_bank))
    other_seed = build_bank(real_deck, seed=1)
    assert {q.id for q in other_seed.questions} != set() and list(lines(other_seed)) != list(
        lines(real_bank)
    )


def test_one_language_is_the_same_items_as_that_part_of_the_whole_bank(real_deck, real_bank):
    russian = build_bank(real_deck, seed=0, langs=["ru"])
    assert [q.to_json() for q in russian.questions] == [
        q.to_json() for q in real_bank.filter(langs=["ru"]).questions
    ]


def test_ids_derive_from_deck_facts_kind_language_and_template(real_deck, real_bank):
    ids = [q.id for q in real_bank.questions]
    assert len(ids) == len(set(ids))
    for q in real_bank.questions:
        assert q.id == question_id(real_deck.id, q.fact_ids, q.kind, q.lang, q.template)
    assert real_bank.by_id[ids[0]] is real_bank.questions[0]


def test_the_same_template_exists_in_every_language(real_bank):
    by_lang = {
        lang: {(q.fact_ids, q.kind, q.template) for q in real_bank.questions if q.lang == lang}
        for lang in ("en", "ru")
    }
    assert by_lang["en"] == by_lang["ru"]


def test_contested_facts_never_yield_an_item_that_takes_a_side(real_deck, real_bank):
    contested = {f.id: f for f in real_deck.facts if f.contested}
    assert contested, "the real deck has contested facts"
    sided = (Kind.MULTIPLE_CHOICE, Kind.TYPED, Kind.CLOZE)
    for q in real_bank.questions:
        for fact_id in q.fact_ids:
            fact = contested.get(fact_id)
            if fact is None:
                continue
            assert q.kind is not Kind.TRUE_FALSE
            if q.kind in sided:
                assert q.extra["part"] != fact.contested.about, q.id
            if q.kind is Kind.FLASHCARD and q.extra["part"] == fact.contested.about:
                assert q.answer == fact.contested.note[q.lang]
            assert q.kind is not Kind.ORDERING or fact.contested.about != "date"


def test_the_nikolaevsk_attack_is_asked_as_sources_differ_with_both_dates(real_deck, real_bank):
    attack = next(
        f
        for f in real_deck.facts
        if f.contested
        and f.contested.about == "date"
        and "nikolaevsk" in f.entities.get("where", ())
    )
    items = [q for q in real_bank.questions if q.fact_ids == (attack.id,)]
    differ = {q.lang: q for q in items if q.kind is Kind.SOURCES_DIFFER and "source" not in q.extra}
    assert set(differ) == {"en", "ru"}
    assert "11 March 1920" in differ["en"].answer and "12 March 1920" in differ["en"].answer
    assert "11 марта 1920 г." in differ["ru"].answer and "12 марта 1920 г." in differ["ru"].answer
    asked = [q for q in items if q.extra.get("part") == "date"]
    assert asked and all(q.dispute == attack.contested.note[q.lang] for q in asked)
    assert not any(q.dispute for q in items if q.extra.get("part") != "date")
    assert not any(
        q.kind in (Kind.MULTIPLE_CHOICE, Kind.TYPED) and q.extra.get("part") == "date"
        for q in items
    )


def test_every_item_cites_a_verbatim_quote_of_its_facts(real_deck, real_bank):
    facts = {f.id: f for f in real_deck.facts}
    for q in real_bank.questions:
        assert q.sources, q.id
        quotes = {c.quote for f in q.fact_ids for c in facts[f].sources} | {
            v.citation.quote
            for f in q.fact_ids
            if facts[f].contested
            for v in facts[f].contested.versions
        }
        assert all(c.quote in quotes and c.title for c in q.sources), q.id


def test_difficulty_is_a_bounded_estimate_that_varies(real_bank):
    values = {q.difficulty for q in real_bank.questions}
    assert min(values) >= 0.05 and max(values) <= 0.95
    typed = [q.difficulty for q in real_bank.questions if q.kind is Kind.TYPED]
    true_false = [q.difficulty for q in real_bank.questions if q.kind is Kind.TRUE_FALSE]
    assert sum(typed) / len(typed) > sum(true_false) / len(true_false)


# -- the mini deck: golden items ----------------------------------------------------------------


def test_mini_deck_golden_items(mini_deck):
    bank = build_bank(mini_deck, seed=0)
    assert check(bank) == []
    by = {(q.template, q.lang): q for q in bank.questions}
    card = by[("card:date", "ru")]
    assert (card.prompt, card.answer) == (
        "Какого числа открылись переговоры в Дайрене?",
        "26 августа 1921 г.",
    )
    choice = by[("mc:date", "en")]
    assert choice.answer == "26 August 1921" and choice.answer in choice.options
    assert len(set(choice.options)) == 4
    assert all(o.endswith("1921") and len(o.split()) == 3 for o in choice.options)
    cloze = by[("cloze:date", "en")]
    assert cloze.prompt == (
        "Fill in the blank with the date (day, month and year):"
        " The talks opened at Dairen on _____."
    )
    assert cloze.answer == "26 August 1921"
    detail = by[("card:detail", "ru")]
    assert detail.answer == "немедленной эвакуации японских войск"
    differ = by[("differ:date", "en")]
    assert differ.prompt.startswith("On what date did the garrison attack Nikolaevsk?")
    assert differ.answer == "The chronicle: 11 March 1920; the encyclopedia: 12 March 1920"
    assert "The chronicle: 12 March 1920; the encyclopedia: 11 March 1920" in differ.options
    assert not any("11 March" in o and "12 March" not in o and o.count("11 March") == 2
                   for o in differ.options)  # fmt: skip
    assert set(differ.extra) >= {"claims", "part"}
    assert differ.prompt.endswith("What do the chronicle and the encyclopedia each say?")


def test_a_dispute_about_a_date_cannot_be_answered_by_counting(real_bank):
    """Each source's date stands in as many options as any other date beside it, so the right
    option is not the one made of each source's most frequent value."""
    items = [
        q for q in real_bank.questions if q.kind is Kind.SOURCES_DIFFER and "source" not in q.extra
    ]
    assert items
    for q in items:
        claims = q.extra["claims"]
        sides = len(claims[0])
        for side in range(sides):
            said = [str(option[side][1]) for option in claims]
            counts = {value: said.count(value) for value in said}
            assert len(set(counts.values())) == 1, (q.id, side, said)


def test_mini_deck_number_options_drop_a_unit_that_would_not_agree(mini_deck):
    bank = build_bank(mini_deck, seed=0)
    choice = next(q for q in bank.questions if q.template == "mc:days" and q.lang == "ru")
    # "2 дня" cannot become "5 дня": the options are bare numbers, the answer "2".
    assert choice.answer == "2" and all(o.isdigit() for o in choice.options)
    typed = next(q for q in bank.questions if q.template == "typed:days" and q.lang == "ru")
    assert typed.answer == "2 дня"


def test_rewording_a_fact_keeps_every_id(mini_deck):
    bank = build_bank(mini_deck, seed=0)
    fact = next(f for f in mini_deck.facts if f.id == "dairen-opens")
    reworded = dataclasses.replace(
        fact,
        statement={
            "en": "The negotiations opened at Dairen on 26 August 1921.",
            "ru": "Переговоры начались в Дайрене 26 августа 1921 г.",
        },
        ask=(
            dataclasses.replace(
                fact.ask[0],
                prompt={
                    "en": "On what day did talks begin at Dairen?",
                    "ru": "Какого числа начались переговоры в Дайрене?",
                },
            ),
        ),
    )
    deck = dataclasses.replace(
        mini_deck, facts=tuple(reworded if f.id == fact.id else f for f in mini_deck.facts)
    )
    again = build_bank(deck, seed=0)
    assert [q.id for q in again.questions] == [q.id for q in bank.questions]
    changed = {q.id for q, r in zip(bank.questions, again.questions, strict=True) if q != r}
    assert changed and all("dairen-opens" in bank.by_id[i].fact_ids for i in changed)
    card = next(q for q in again.questions if q.template == "card:date" and q.lang == "en")
    assert card.prompt == "On what day did talks begin at Dairen?"


def test_filter_by_language_topic_with_subtopics_and_kind(mini_deck):
    bank = build_bank(mini_deck, seed=0)
    intervention = bank.filter(topics=["intervention"])
    assert {q.topic for q in intervention.questions} == {"nikolaevsk"}
    only = bank.filter(langs=["ru"], kinds=["typed", Kind.CLOZE])
    assert only.questions and {(q.lang, q.kind) for q in only.questions} <= {
        ("ru", Kind.TYPED),
        ("ru", Kind.CLOZE),
    }
    assert only.deck is mini_deck
    with pytest.raises(QuestionError, match="unknown topic 'nowhere' in deck 'mini'"):
        bank.filter(topics=["nowhere"])
    with pytest.raises(QuestionError, match="unknown question kind 'essay'"):
        bank.filter(kinds=["essay"])
    with pytest.raises(QuestionError, match="language 'de' is not in deck 'mini'; it has: en, ru"):
        build_bank(mini_deck, langs=["de"])


def test_jsonl_records_carry_what_factdeck_build_promises(mini_deck):
    bank = build_bank(mini_deck, seed=0)
    records = [json.loads(line) for line in lines(bank)]
    assert len(records) == len(bank)
    required = {"id", "kind", "lang", "prompt", "options", "answer", "accepted", "fact_ids",
                "topic", "sources", "difficulty"}  # fmt: skip
    for record in records:
        assert required <= set(record)
        assert all({"id", "quote"} <= set(s) for s in record["sources"])
    kinds = {r["kind"]: r for r in records}
    assert kinds["true_false"]["answer"] in (True, False)
    assert kinds["typed"]["accepted"]


def test_a_deck_in_a_language_without_phrasings_is_refused(mini_deck):
    french = dataclasses.replace(mini_deck, languages=("en", "fr"))
    with pytest.raises(QuestionError, match="deck 'mini' is in 'fr'.*decks in: en, ru"):
        build_bank(french)
