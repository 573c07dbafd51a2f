"""A teacher's review decisions: kept in reviews.yaml, applied by every bank build, followed by
quizzes and every export, survived by rewording; stale and refused ones reported, not raised."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REAL_DECK

import cli
from classroom import Classroom, snapshot
from classroom.errors import SpecError
from classroom.selection import arrange, candidates
from classroom.spec import QuizSpec
from decks.loader import check_deck, load_deck
from decks.problems import DeckError
from decks.reviews import (
    REVIEWS_FILE,
    Decision,
    DecisionError,
    Edit,
    ReviewsError,
    Verdict,
    load_reviews,
    record,
)
from exporters.anki import note_guid
from questions import Kind, build_bank, check
from questions.bank import generate
from questions.edits import ORIGINAL, drafted_edit
from questions.grading import grade_typed
from questions.review_list import ReviewFilter, Status, matching, progress, review_items
from questions.reviewed import apply_decision, preview_edit

NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
FACT_FILE = Path("facts") / "fujimoto-buffer-state.yaml"
CHOICE = "q-861bb87e95318d89"
"""Multiple choice: In which month and year did the United States decide to withdraw …?"""
TYPED = "q-75d74c0ee08744ad"
"""Typed answer on the same fact and phrasing; its answer is 'January 1920'."""
FALSE = "q-3054ba5b7823ae9b"
"""True or false: 'On 5 November 1919 the United States decided …' (false)."""
FALSE_CLAIM = "On 5 November 1919 the United States"
HEAD = f"- question: {CHOICE}\n"
NEW_STEM = "In which month and year did the American government decide to bring its troops home?"


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REAL_DECK, tmp_path / REAL_DECK.name))


def load(deck_dir: Path, sources_dir: Path):
    return load_deck(deck_dir, sources_dir)


def decide(deck_dir: Path) -> None:
    """The teacher approves the choice item, retires the false statement, edits the typed item."""
    record(deck_dir, Decision(CHOICE, Verdict.APPROVED, "ivanova"), NOW)
    record(deck_dir, Decision(FALSE, Verdict.RETIRED, "ivanova", reason="a trap"), NOW)
    edit = Edit("en", stem=NEW_STEM)
    record(deck_dir, Decision(TYPED, Verdict.EDITED, "petrov", edit=edit), NOW)


def reword(deck_dir: Path) -> None:
    """Reword the fact's statement and its curated phrasing, as a curator fixing style would."""
    path = deck_dir / FACT_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count("States decided to withdraw") == 1
    assert text.count("States decide to withdraw") == 1
    text = text.replace("States decided to withdraw", "States resolved to withdraw")
    text = text.replace("States decide to withdraw", "States resolve to withdraw")
    path.write_text(text, encoding="utf-8")


def test_a_deck_without_reviews_builds_as_before(sources_dir):
    deck = load_deck(REAL_DECK, sources_dir)
    bank = build_bank(deck)
    assert not deck.reviews.decisions
    assert bank.reviews.ok
    assert not any(q.approved for q in bank.questions)
    assert {CHOICE, TYPED, FALSE} <= bank.by_id.keys()


def test_approve_retire_and_edit_survive_a_rebuild_after_rewording(deck_dir, sources_dir):
    decide(deck_dir)
    reword(deck_dir)
    deck = load(deck_dir, sources_dir)
    bank = build_bank(deck)

    assert FALSE not in bank.by_id
    choice = bank.by_id[CHOICE]
    assert choice.approved
    assert "resolve to withdraw" in choice.prompt  # the rebuild took the new wording
    typed = bank.by_id[TYPED]
    assert typed.approved and typed.prompt == NEW_STEM
    assert typed.extra[ORIGINAL]["prompt"].endswith("resolve to withdraw its troops from Siberia?")
    assert "resolved to withdraw" in typed.explanation
    assert typed.answer == "January 1920"
    assert bank.reviews.ok
    assert [v for v in check(bank) if v.question_id in (CHOICE, TYPED)] == []
    unreviewed = [q for q in bank.questions if q.id not in (CHOICE, TYPED)]
    assert unreviewed and not any(q.approved for q in unreviewed)


def test_the_russian_items_of_the_same_fact_are_other_questions(deck_dir, sources_dir):
    decide(deck_dir)
    bank = build_bank(load(deck_dir, sources_dir))
    russian = [
        q for q in bank.questions if q.lang == "ru" and q.fact_ids == bank.by_id[TYPED].fact_ids
    ]
    assert russian and not any(q.approved for q in russian)
    assert any(q.kind is Kind.TRUE_FALSE and q.answer is False for q in russian)


def test_a_retired_question_is_never_drawn_for_a_quiz(deck_dir, sources_dir):
    decide(deck_dir)
    bank = build_bank(load(deck_dir, sources_dir))
    spec = QuizSpec(
        title="Intervention",
        deck=bank.deck.id,
        lang="en",
        count=3,
        topics=("intervention",),
        kinds=(Kind.TRUE_FALSE,),
        approved_only=False,
    )
    pool = candidates(spec, bank)
    assert pool and FALSE not in {q.id for q in pool}
    for student in ("ann", "bob", "cyd"):
        assert FALSE not in {item.question.id for item in arrange(spec, pool, student)}


def test_a_quiz_draws_approved_questions_only_once_the_deck_has_approvals(deck_dir, sources_dir):
    unreviewed = build_bank(load(deck_dir, sources_dir))
    spec = QuizSpec(title="Q", deck=unreviewed.deck.id, lang="en", count=2)
    assert len(candidates(spec, unreviewed)) > 100  # no approvals: every question

    decide(deck_dir)
    bank = build_bank(load(deck_dir, sources_dir))
    pool = candidates(spec, bank)
    assert {q.id for q in pool} == {CHOICE, TYPED}
    paper = {item.question.id: item.question for item in arrange(spec, pool)}
    assert paper[TYPED].prompt == NEW_STEM  # a student sees the edited text

    everything = QuizSpec(title="Q", deck=bank.deck.id, lang="en", count=2, approved_only=False)
    assert len(candidates(everything, bank)) > 100
    with pytest.raises(SpecError) as refused:
        candidates(QuizSpec(title="Q", deck=bank.deck.id, lang="en", count=3), bank)
    assert refused.value.problems[0].key == "spec.too_few_approved"


def test_the_approved_only_setting_round_trips_through_yaml():
    for value in (None, True, False):
        spec = QuizSpec(
            title="Q", deck="far-east-1920-1925", lang="en", count=2, approved_only=value
        )
        assert QuizSpec.from_yaml(spec.to_yaml()) == spec
    old = "title: Q\ndeck: far-east-1920-1925\nlanguage: en\nquestions: 2\n"
    assert QuizSpec.from_yaml(old).approved_only is None
    assert "approved_only" not in QuizSpec.from_yaml(old).to_yaml()
    assert QuizSpec.from_yaml(old + "approved_only: null\n").approved_only is None


def test_a_running_quiz_keeps_its_own_copy_of_an_edited_question(deck_dir, sources_dir):
    decide(deck_dir)
    typed = build_bank(load(deck_dir, sources_dir)).by_id[TYPED]
    kept = snapshot.load(snapshot.dump(typed))
    assert kept == typed and kept.approved and kept.prompt == NEW_STEM


def test_an_edit_that_leaks_its_answer_is_refused_and_reported(deck_dir, sources_dir):
    leaky = Edit("en", stem="The US decided in January 1920 to withdraw from Siberia: when?")
    record(deck_dir, Decision(TYPED, Verdict.EDITED, "petrov", edit=leaky), NOW)
    deck = load(deck_dir, sources_dir)
    bank = build_bank(deck)

    typed = bank.by_id[TYPED]
    assert typed.prompt.startswith("In which month and year") and not typed.approved
    (refused,) = bank.reviews.refused
    assert "leak" in {v.rule for v in refused.violations}
    (warning,) = bank.reviews.warnings()
    assert warning.startswith(f"{REAL_DECK.name}/{REVIEWS_FILE}:1: warning: edit of {TYPED}")
    assert "[leak] the prompt contains the answer" in warning
    items = {item.generated.id: item for item in review_items(deck)}
    assert items[TYPED].status is Status.NOT_REVIEWED and items[TYPED].refused == refused


@pytest.mark.parametrize(
    ("edit", "rule", "says"),
    [
        (Edit("ru", stem="Когда?"), "edit", "the edit is in 'ru', the question in 'en'"),
        (Edit("en", options=("A", "B")), "edit", "a typed item's options are not edited"),
        (Edit("en", stem="  "), "prompt", "the edited stem is empty"),
        (Edit("en", stem="However, " + NEW_STEM), "standalone", "However"),
    ],
)
def test_an_edit_the_item_cannot_take_is_refused_with_its_reason(
    deck_dir, sources_dir, edit, rule, says
):
    (deck_dir / REVIEWS_FILE).write_text(
        f"- question: {TYPED}\n  verdict: edited\n  by: petrov\n  at: 2026-12-03T09:30:00Z\n"
        "  edit:\n    lang: en\n    stem: placeholder\n",
        encoding="utf-8",
    )
    deck = load(deck_dir, sources_dir)
    decision = Decision(TYPED, Verdict.EDITED, "petrov", NOW, edit=edit, line=1)

    applied = apply_decision(deck, build_bank(deck).by_id[TYPED], decision)
    assert applied.refused is not None
    rules = {v.rule for v in applied.refused.violations}
    assert rule in rules
    assert says in " ".join(v.message for v in applied.refused.violations)


def test_edited_options_keep_the_answer_in_its_place(deck_dir, sources_dir):
    bank = build_bank(load(deck_dir, sources_dir))
    choice = bank.by_id[CHOICE]
    reworded = tuple(
        o.replace("1920", "1920.") if o != choice.answer else "Jan. 1920"
        for o in choice.options or ()
    )
    record(
        deck_dir, Decision(CHOICE, Verdict.EDITED, "petrov", edit=Edit("en", options=reworded)), NOW
    )
    edited = build_bank(load(deck_dir, sources_dir))
    after = edited.by_id[CHOICE]
    assert edited.reviews.ok, edited.reviews.warnings()
    assert after.options == reworded and after.answer == "Jan. 1920"
    assert after.options.index(after.answer) == (choice.options or ()).index(choice.answer)
    assert [v for v in check(edited) if v.question_id == CHOICE] == []


def test_a_stale_decision_is_a_warning_with_its_line(deck_dir, sources_dir, capsys):
    decide(deck_dir)
    text = (deck_dir / REVIEWS_FILE).read_text(encoding="utf-8")
    stale = "q-00000000000000aa"
    (deck_dir / REVIEWS_FILE).write_text(
        f"- question: {stale}\n  verdict: approved\n  by: ivanova\n  at: 2026-12-01T08:00:00Z\n"
        + text,
        encoding="utf-8",
    )
    deck = load(deck_dir, sources_dir)
    bank = build_bank(deck)
    assert [d.question for d in bank.reviews.stale] == [stale]
    assert bank.reviews.stale[0].line == 1
    assert build_bank(deck, langs=["en"]).reviews.stale == ()  # a part of the bank cannot tell

    assert cli.main(["validate", str(deck_dir), "--sources", str(sources_dir)]) == 0
    out = capsys.readouterr().out
    assert "reviews: 4 decisions (approved 2, retired 1, edited 1)" in out
    assert (
        f"{REAL_DECK.name}/{REVIEWS_FILE}:1: warning: stale decision:"
        f" deck gives no question {stale}" in out
    )


def test_record_writes_atomically_and_keeps_every_other_decision(deck_dir, monkeypatch):
    decide(deck_dir)
    path = deck_dir / REVIEWS_FILE
    reviews = load_reviews(deck_dir)
    assert [d.question for d in reviews.decisions] == sorted([CHOICE, TYPED, FALSE])
    assert reviews.of(FALSE).reason == "a trap"
    assert reviews.of(FALSE).at == NOW and reviews.of(FALSE).by == "ivanova"
    assert reviews.of(TYPED).edit == Edit("en", stem=NEW_STEM)

    later = NOW + timedelta(hours=1)
    record(deck_dir, Decision(FALSE, Verdict.APPROVED, "sidorov"), later)
    again = load_reviews(deck_dir)
    assert len(again) == 3
    assert again.of(FALSE).verdict is Verdict.APPROVED and again.of(FALSE).at == later
    assert replace(again.of(TYPED), line=0) == replace(reviews.of(TYPED), line=0)

    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("decks.reviews.os.replace", crash)
    with pytest.raises(OSError):
        record(deck_dir, Decision(CHOICE, Verdict.RETIRED, "x", reason="why"), later)
    assert path.read_bytes() == before
    assert [p.name for p in deck_dir.iterdir() if p.name.startswith(".")] == []


def test_record_refuses_a_decision_it_could_not_read_back(deck_dir):
    with pytest.raises(DecisionError, match="a retired question needs a reason"):
        record(deck_dir, Decision(CHOICE, Verdict.RETIRED, "ivanova"), NOW)
    with pytest.raises(DecisionError, match="not a question id"):
        record(deck_dir, Decision("q-1", Verdict.APPROVED, "ivanova"), NOW)
    assert not (deck_dir / REVIEWS_FILE).exists()


@pytest.mark.parametrize(
    ("content", "where", "says"),
    [
        (
            f"{HEAD}  verdict: aproved\n  by: a\n  at: 2026-12-01T08:00:00Z\n",
            ":2:",
            "unknown verdict 'aproved'",
        ),
        (
            f"{HEAD}  verdict: retired\n  by: a\n  at: 2026-12-01T08:00:00Z\n",
            ":1:",
            "a retired question needs a reason",
        ),
        (
            f"{HEAD}  verdict: approved\n  by: a\n  at: 2026-12-01 08:00\n",
            ":4:",
            "is not a time with its time zone",
        ),
        (
            "- question: nonsense\n  verdict: approved\n  by: a\n  at: 2026-12-01T08:00:00Z\n",
            ":1:",
            "'nonsense' is not a question id",
        ),
        (
            "- question: q-861bb87e95318d89\n  verdict: approved\n  by: [a\n",
            ":4:",
            "YAML syntax error",
        ),
        ("question: q-861bb87e95318d89\n", ":1:", "must be a list of decisions"),
    ],
)
def test_bad_reviews_name_file_and_line(deck_dir, sources_dir, content, where, says, capsys):
    (deck_dir / REVIEWS_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ReviewsError) as refused:
        load_reviews(deck_dir)
    assert f"{REVIEWS_FILE}{where}" in str(refused.value) and says in str(refused.value)
    with pytest.raises(DeckError):
        load_deck(deck_dir, sources_dir)
    assert not check_deck(deck_dir, sources_dir).ok
    assert cli.main(["validate", str(deck_dir), "--sources", str(sources_dir)]) == 1
    out = capsys.readouterr().out
    assert f"{REVIEWS_FILE}{where}" in out and says in out


def test_the_review_command_lists_approves_and_retires(deck_dir, sources_dir, capsys):
    deck = ["review", str(deck_dir), "--sources", str(sources_dir)]
    assert cli.main([*deck, "approve", CHOICE, "--by", "ivanova"]) == 0
    assert cli.main([*deck, "retire", FALSE, "--reason", "a trap", "--by", "ivanova"]) == 0
    capsys.readouterr()
    assert cli.main([*deck, "list", "--filter", "retired"]) == 0
    listed = capsys.readouterr()
    assert listed.out.startswith(f"{FALSE}\tretired\ttrue_false\ten\tTrue or false? {FALSE_CLAIM}")
    assert len(listed.out.splitlines()) == 1
    total = len(generate(load(deck_dir, sources_dir)))
    assert listed.err.strip().endswith(f"2 of {total:,} reviewed")
    assert cli.main([*deck, "list", "--filter", "approved"]) == 0
    assert capsys.readouterr().out.split("\t")[:2] == [CHOICE, "approved"]
    assert load_reviews(deck_dir).of(CHOICE).by == "ivanova"

    assert cli.main([*deck, "approve", "q-0000000000000000"]) == 2
    assert "gives no question q-0000000000000000" in capsys.readouterr().err
    assert cli.main([*deck, "approve", TYPED]) == 0  # --by defaults to the user's login name
    assert load_reviews(deck_dir).of(TYPED).by
    items = review_items(load(deck_dir, sources_dir))
    assert progress(items) == (3, total) and total > 1000


def test_build_warns_of_what_it_cannot_apply(deck_dir, sources_dir, capsys):
    leaky = Edit("en", stem="When in January 1920 did the US decide to leave Siberia?")
    record(deck_dir, Decision(TYPED, Verdict.EDITED, "petrov", edit=leaky), NOW)
    assert cli.main(["build", str(deck_dir), "--sources", str(sources_dir)]) == 0
    err = capsys.readouterr().err
    assert f"{REVIEWS_FILE}:1: warning: edit of {TYPED} not applied: [leak]" in err


# -- every export leaves the retired question out and carries the edit ---------------------


def export(deck_dir: Path, sources_dir: Path, fmt: str, name: str) -> Path:
    target = deck_dir.parent / name
    args = ["export", fmt, str(deck_dir), "--sources", str(sources_dir), "-o", str(target)]
    assert cli.main(args) == 0
    return target


def test_csv_export_follows_the_reviews(deck_dir, sources_dir):
    decide(deck_dir)
    rows = list(
        csv.DictReader(
            io.StringIO(export(deck_dir, sources_dir, "csv", "b.csv").read_text("utf-8-sig"))
        )
    )
    ids = {row["id"] for row in rows}
    assert FALSE not in ids and TYPED in ids
    by_id = {row["id"]: row for row in rows}
    assert by_id[TYPED]["prompt"] == NEW_STEM
    assert [by_id[q]["approved"] for q in (TYPED, CHOICE)] == ["true", "true"]
    assert sum(row["approved"] == "true" for row in rows) == 2


@pytest.mark.parametrize(
    ("fmt", "name"), [("moodle", "q.xml"), ("gift", "q.txt"), ("print", "q.html")]
)
def test_quiz_exports_follow_the_reviews(deck_dir, sources_dir, fmt, name):
    decide(deck_dir)
    text = export(deck_dir, sources_dir, fmt, name).read_text("utf-8")
    assert NEW_STEM.rstrip("?") in text
    assert FALSE_CLAIM not in text
    assert "On 5 January 1920 the United States" in text  # the fact's other items are there


def test_anki_export_follows_the_reviews(deck_dir, sources_dir):
    decide(deck_dir)
    package = export(deck_dir, sources_dir, "anki", "deck.apkg")
    with zipfile.ZipFile(package) as apkg:
        (deck_dir.parent / "collection.anki2").write_bytes(apkg.read("collection.anki2"))
    with sqlite3.connect(deck_dir.parent / "collection.anki2") as db:
        notes = db.execute("SELECT guid, flds FROM notes").fetchall()
        tagged = {g for (g,) in db.execute("SELECT guid FROM notes WHERE tags LIKE '% approved %'")}
    assert tagged == {note_guid(TYPED), note_guid(CHOICE)}
    guids = {guid for guid, _ in notes}
    assert note_guid(TYPED) in guids and note_guid(FALSE) not in guids
    fields = " ".join(flds for _, flds in notes)
    assert NEW_STEM in fields and FALSE_CLAIM not in fields


def test_deleting_a_fact_leaves_its_decisions_stale_and_the_deck_loading(
    deck_dir, sources_dir, capsys
):
    decide(deck_dir)
    path = deck_dir / FACT_FILE
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: us-decides-to-withdraw-from-siberia")
    end = text.index("- id: ", start + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")

    bank = build_bank(load(deck_dir, sources_dir))
    assert {d.question for d in bank.reviews.stale} == {CHOICE, TYPED, FALSE}
    lines = {d.question: d.line for d in load_reviews(deck_dir).decisions}
    assert cli.main(["validate", str(deck_dir), "--sources", str(sources_dir)]) == 0
    out = capsys.readouterr().out
    for question, line in lines.items():
        assert (
            f"{REVIEWS_FILE}:{line}: warning: stale decision: deck gives no question {question}"
            in out
        )


def test_teachers_recording_at_once_lose_no_decision(deck_dir):
    ids = [f"q-{n:016x}" for n in range(24)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda q: record(deck_dir, Decision(q, Verdict.APPROVED, "t"), NOW), ids))
    assert [d.question for d in load_reviews(deck_dir).decisions] == ids


def test_a_page_previews_an_edit_before_saving_it(sources_dir):
    deck = load_deck(REAL_DECK, sources_dir)
    typed = build_bank(deck).by_id[TYPED]
    shown, refused = preview_edit(deck, typed, Edit("en", stem=NEW_STEM, accepted=("Jan. 1920",)))
    assert refused == () and shown.prompt == NEW_STEM and shown.accepted == ("Jan. 1920",)
    assert grade_typed(shown, "Jan. 1920", deck).correct
    _, refused = preview_edit(deck, typed, Edit("en", stem="Was it January 1920?"))
    assert "leak" in {v.rule for v in refused}


def test_approving_an_edited_question_says_it_drops_the_edit(deck_dir, sources_dir, capsys):
    decide(deck_dir)
    args = ["review", str(deck_dir), "--sources", str(sources_dir), "approve", TYPED, "--by", "x"]
    assert cli.main(args) == 0
    assert "replaces the edit with the generated text" in capsys.readouterr().err
    assert load_reviews(deck_dir).of(TYPED).edit is None
    assert build_bank(load(deck_dir, sources_dir)).by_id[TYPED].prompt != NEW_STEM


def test_a_quiz_set_before_a_retirement_keeps_its_copy(deck_dir, sources_dir, tmp_path):
    decide(deck_dir)
    bank = build_bank(load(deck_dir, sources_dir))
    spec = QuizSpec(title="Q", deck=bank.deck.id, lang="en", count=2)
    service = Classroom.open(f"sqlite:///{tmp_path / 'class.db'}")
    try:
        quiz = service.create_quiz(spec, candidates(spec, bank), NOW)
        record(deck_dir, Decision(TYPED, Verdict.RETIRED, "ivanova", reason="later"), NOW)
        assert TYPED not in build_bank(load(deck_dir, sources_dir)).by_id
        kept = {q.id: q for q in service.pool(quiz.id)}
    finally:
        service.close()
    assert kept.keys() == {CHOICE, TYPED}
    assert kept[TYPED].prompt == NEW_STEM and kept[TYPED].approved


def test_a_reviewer_narrows_the_list_by_topic_kind_language_status_and_flags(deck_dir, sources_dir):
    record(deck_dir, Decision(CHOICE, Verdict.APPROVED, "petrov"), NOW)
    deck = load(deck_dir, sources_dir)
    items = review_items(deck)
    typed_en = matching(items, deck, ReviewFilter(kind=Kind.TYPED, lang="en"))
    assert typed_en and {(i.generated.kind, i.generated.lang) for i in typed_en} == {
        (Kind.TYPED, "en")
    }
    approved = matching(items, deck, ReviewFilter(status=Status.APPROVED))
    assert [i.generated.id for i in approved] == [CHOICE]
    topic = items[0].generated.topic
    root = deck.root_topic(topic)
    assert items[0] in matching(items, deck, ReviewFilter(topic=root))
    assert all(
        deck.root_topic(i.generated.topic) == root
        for i in matching(items, deck, ReviewFilter(topic=root))
    )
    flagged = matching(items, deck, ReviewFilter(flagged=True), flagged={TYPED})
    assert [i.generated.id for i in flagged] == [TYPED]


def test_a_drafted_edit_keeps_only_what_the_teacher_changed(deck_dir, sources_dir):
    deck = load(deck_dir, sources_dir)
    by_id = {q.id: q for q in generate(deck, 0)}
    choice, typed = by_id[CHOICE], by_id[TYPED]
    assert drafted_edit(choice, choice.prompt, "\n".join(choice.options or ())) is None
    assert drafted_edit(choice, NEW_STEM + "  ", "\n".join(choice.options or ())) == Edit(
        "en", stem=NEW_STEM
    )
    forms = drafted_edit(typed, typed.prompt, accepted="January 1920\n\n Jan. 1920 \n")
    assert forms == Edit("en", accepted=("January 1920", "Jan. 1920"))
