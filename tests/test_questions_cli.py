"""`factdeck build`: JSON Lines or counts; problems as messages and exit codes, no traceback."""

import json

from conftest import PROJECT_ROOT

import cli

MINI = str(PROJECT_ROOT / "tests" / "decks" / "mini")
SOURCES = str(PROJECT_ROOT / "tests" / "decks" / "sources")


def test_build_writes_one_question_per_line(tmp_path, capsys):
    out = tmp_path / "bank.jsonl"
    assert cli.main(["build", MINI, "--sources", SOURCES, "--out", str(out), "--lang", "ru"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and {r["lang"] for r in records} == {"ru"}
    assert f"wrote {len(records)} questions to {out}" in capsys.readouterr().out
    for record in records:
        assert {"id", "kind", "lang", "prompt", "options", "answer", "accepted", "fact_ids",
                "topic", "sources", "difficulty"} <= set(record)  # fmt: skip
        assert record["sources"] and all(s["id"] and s["quote"] for s in record["sources"])
    ordered = {r["kind"] for r in records}
    assert {"flashcard", "multiple_choice", "true_false", "typed", "cloze"} <= ordered


def test_build_is_the_same_bytes_for_the_same_seed(tmp_path):
    first, second, other = tmp_path / "1.jsonl", tmp_path / "2.jsonl", tmp_path / "3.jsonl"
    for path, seed in ((first, "7"), (second, "7"), (other, "8")):
        assert (
            cli.main(["build", MINI, "--sources", SOURCES, "--seed", seed, "--out", str(path)]) == 0
        )
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_build_without_out_prints_counts(capsys):
    assert cli.main(["build", MINI, "--sources", SOURCES]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("mini: ")
    assert "by kind: " in printed and "multiple_choice " in printed
    assert "by language: en " in printed and " ru " in printed
    assert "nikolaevsk" in printed and "dairen" in printed


def test_a_deck_with_problems_gives_a_message_and_exit_1(tmp_path, capsys):
    assert cli.main(["build", str(tmp_path / "nowhere")]) == 1
    error = capsys.readouterr().err
    assert "deck directory not found" in error and "Traceback" not in error


def test_a_language_the_deck_lacks_is_a_command_line_error(capsys):
    assert cli.main(["build", MINI, "--sources", SOURCES, "--lang", "de"]) == 2
    assert "language 'de' is not in deck 'mini'; it has: en, ru" in capsys.readouterr().err


def test_an_unwritable_out_file_is_a_message(tmp_path, capsys):
    target = tmp_path / "missing" / "bank.jsonl"
    assert cli.main(["build", MINI, "--sources", SOURCES, "--out", str(target)]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_review_sample_writes_every_kind_in_both_languages(tmp_path, capsys):
    out = tmp_path / "sample.md"
    args = ["review-sample", MINI, "--sources", SOURCES, "--size", "8", "--seed", "5"]
    assert cli.main([*args, "--out", str(out)]) == 0
    sheet = out.read_text(encoding="utf-8")
    headings = [line for line in sheet.splitlines() if line.startswith("## ")]
    assert len(headings) == 8
    kinds = [h.split(" · ")[0].split(". ", 1)[1] for h in headings]
    assert len(set(kinds)) >= 3 and "sources_differ" in kinds
    assert {h.split(" · ")[1] for h in headings} == {"en", "ru"}
    assert sheet.count("**Key:**") == 8 and sheet.count("**Sources:**") == 8
    assert "wrote 8 items" in capsys.readouterr().out
    again = tmp_path / "again.md"
    assert cli.main([*args, "--out", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == sheet
    other = tmp_path / "other.md"
    assert cli.main([*args[:-1], "6", "--out", str(other)]) == 0
    assert other.read_text(encoding="utf-8") != sheet


def test_review_sample_refuses_an_empty_sample(tmp_path, capsys):
    out = tmp_path / "sample.md"
    args = ["review-sample", MINI, "--sources", SOURCES, "--size", "0", "--seed", "1"]
    assert cli.main([*args, "--out", str(out)]) == 2
    assert "at least one item" in capsys.readouterr().err and not out.exists()
