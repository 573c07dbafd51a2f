"""Papers: the same from the same seed, unseen items first, one item per fact, shuffles that keep
the answer findable on the server."""

from dataclasses import replace

import pytest
from classroom_support import choice, mini_bank

from classroom.errors import SpecError
from classroom.selection import arrange, candidates, preview, quiz_kinds, resolve
from classroom.spec import QUIZ_KINDS, QuizSpec, Selection
from questions.model import Kind

POOL = tuple(choice(f"q-{n:02d}") for n in range(10))
SPEC = QuizSpec(title="T", deck="mini", lang="en", count=4, kinds=(Kind.MULTIPLE_CHOICE,))


def ids(paper):
    return [item.question.id for item in paper]


def test_the_pool_is_the_bank_in_the_quiz_language_topics_and_kinds():
    spec = QuizSpec(title="T", deck="mini", lang="ru", count=2, kinds=("true_false", "typed"))
    pool = candidates(spec, mini_bank())
    assert [(q.kind, q.topic) for q in pool] == [
        (Kind.TYPED, "nikolaevsk"),
        (Kind.TRUE_FALSE, "dairen"),
        (Kind.TRUE_FALSE, "dairen"),
        (Kind.TYPED, "dairen"),
        (Kind.TYPED, "dairen"),
    ]
    assert {q.lang for q in pool} == {"ru"}
    nikolaevsk = candidates(replace(spec, topics=("intervention",), count=1), mini_bank())
    assert {q.topic for q in nikolaevsk} == {"nikolaevsk"}


def test_a_pool_too_small_or_a_wrong_topic_is_a_clear_spec_error():
    spec = QuizSpec(title="T", deck="mini", lang="en", count=3, kinds=("true_false",))
    with pytest.raises(SpecError, match="the deck has 2 questions in 'en' of the chosen topics"):
        candidates(spec, mini_bank())
    with pytest.raises(SpecError, match="unknown topic 'dairen-talks' in deck 'mini'"):
        candidates(replace(spec, count=1, topics=("dairen-talks",)), mini_bank())
    with pytest.raises(SpecError, match="the quiz is set on deck 'other', not 'mini'"):
        candidates(replace(spec, deck="other"), mini_bank())


def test_same_for_all_gives_everyone_the_same_items_in_their_own_order():
    ann, boris = arrange(SPEC, POOL, "ann"), arrange(SPEC, POOL, "boris")
    assert sorted(ids(ann)) == sorted(ids(boris))
    assert ids(ann) == ["q-04", "q-07", "q-05", "q-09"]  # golden: seed 0, student "ann"
    assert ids(boris) != ids(ann)
    assert arrange(SPEC, POOL, "ann") == ann
    fixed = replace(SPEC, shuffle_questions=False)
    assert (
        ids(arrange(fixed, POOL, "ann")) == ids(arrange(fixed, POOL, "boris")) == sorted(ids(ann))
    )


def test_another_seed_draws_another_set():
    assert sorted(ids(arrange(SPEC, POOL))) != sorted(ids(arrange(replace(SPEC, seed=1), POOL)))


def test_options_are_shuffled_per_student_and_map_back_to_the_question():
    for student in ("ann", "boris", "chen"):
        for item in arrange(SPEC, POOL, student):
            shown = item.shown()
            assert sorted(shown.options) == sorted(item.question.options)
            assert [item.question.options[i] for i in item.option_order] == list(shown.options)
            assert shown.answer in shown.options
    orders = {arrange(SPEC, POOL, s)[0].option_order for s in ("ann", "boris", "chen", "dana")}
    assert len(orders) > 1
    kept = arrange(replace(SPEC, shuffle_options=False), POOL, "ann")
    assert all(item.option_order == (0, 1, 2, 3) for item in kept)


def test_true_false_options_keep_their_order_and_typed_items_have_none():
    spec = QuizSpec(
        title="T", deck="mini", lang="en", count=5, kinds=("true_false", "typed", "cloze")
    )
    for item in arrange(spec, candidates(spec, mini_bank()), "ann"):
        if item.question.kind is Kind.TRUE_FALSE:
            assert item.option_order == (0, 1)
        else:
            assert item.option_order is None and item.shown() == item.question


def test_a_per_student_draw_takes_unseen_items_first():
    spec = replace(SPEC, selection=Selection.PER_STUDENT)
    seen = frozenset(f"q-{n:02d}" for n in range(6))
    assert set(ids(arrange(spec, POOL, "ann", 2, seen))) == {"q-06", "q-07", "q-08", "q-09"}
    six = ids(arrange(replace(spec, count=6), POOL, "ann", 2, seen))
    assert {"q-06", "q-07", "q-08", "q-09"} < set(six)
    assert arrange(spec, POOL, "ann", 1) != arrange(spec, POOL, "boris", 1)
    assert arrange(spec, POOL, "ann", 1) == arrange(spec, POOL, "ann", 1)


def test_no_two_items_on_one_fact_while_the_pool_allows_it():
    pool = tuple(choice(f"q-{fact}{n}", facts=(fact,)) for fact in "abc" for n in range(3))
    three = arrange(replace(SPEC, count=3), pool, "ann")
    assert sorted(item.question.fact_ids[0] for item in three) == ["a", "b", "c"]
    four = arrange(replace(SPEC, count=4), pool, "ann")
    assert len({item.question.id for item in four}) == 4


def test_points_come_from_the_spec():
    spec = replace(SPEC, points=2.0, question_points=(("q-04", 5.0),))
    assert {item.question.id: item.points for item in arrange(spec, POOL, "ann")} == {
        "q-04": 5.0,
        "q-07": 2.0,
        "q-05": 2.0,
        "q-09": 2.0,
    }


def test_resolve_gives_exporters_the_class_paper_as_shown():
    spec = QuizSpec(
        title="T",
        deck="mini",
        lang="en",
        count=3,
        kinds=("multiple_choice", "true_false", "sources_differ"),
    )
    paper = resolve(spec, mini_bank())
    assert paper == resolve(spec, mini_bank())
    assert len(paper) == 3 and all(q.lang == "en" for q in paper)
    assert all(q.answer in q.options for q in paper if q.kind is not Kind.TRUE_FALSE)
    assert [q.id for q in paper] == ids(arrange(spec, candidates(spec, mini_bank())))


def test_the_form_offers_the_quiz_kinds_the_bank_holds_in_the_quiz_language():
    assert quiz_kinds(mini_bank(), "en") == QUIZ_KINDS  # flashcards are never quiz items
    some = mini_bank().filter(langs=["ru"], kinds=[Kind.TYPED, Kind.TRUE_FALSE, Kind.FLASHCARD])
    assert quiz_kinds(some, "ru") == (Kind.TRUE_FALSE, Kind.TYPED)
    assert quiz_kinds(some, "en") == ()


def test_the_teacher_previews_the_class_paper_or_the_whole_pool_of_a_per_student_draw():
    assert preview(SPEC, POOL) == tuple(item.question for item in arrange(SPEC, POOL))
    assert len(preview(SPEC, POOL)) == SPEC.count
    assert preview(replace(SPEC, selection=Selection.PER_STUDENT), POOL) == POOL
