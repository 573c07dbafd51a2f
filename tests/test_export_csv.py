"""The CSV export: one row per question, lists one item per line, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import replace

import pandas as pd
import pytest
from conftest import PROJECT_ROOT
from export_samples import sample_deck, sample_questions

from exporters.csv_export import COLUMNS, bank_table, write_csv
from exporters.spreadsheet import csv_bytes, spreadsheet_cell, spreadsheet_table


def read_back(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_kind_becomes_one_row_with_readable_answers():
    questions = sample_questions("en") + sample_questions("ru")
    out = io.BytesIO()
    assert write_csv(sample_deck(), questions, out) == 16
    rows = read_back(out.getvalue())
    assert [r["id"] for r in rows] == [q.id for q in questions]
    assert tuple(rows[0]) == COLUMNS
    by_kind = {(r["kind"], r["lang"]): r for r in rows}

    choice = by_kind[("multiple_choice", "en")]
    assert choice["options"] == "Vladivostok\nDairen\nChangchun\nHarbin"
    assert choice["answer"] == "Dairen"
    assert choice["topic_title"] == "The Dairen Conference"
    assert by_kind[("true_false", "en")]["answer"] == "false"
    assert by_kind[("typed", "ru")]["accepted"] == "Дайрен\nДалянь"
    assert by_kind[("ordering", "en")]["answer"] == "A\nB\nC"
    assert by_kind[("matching", "en")]["answer"] == "a → 1\nb → 2"
    differ = by_kind[("sources_differ", "en")]
    assert differ["sources"] == "dairen-history\ngse"
    assert differ["quotes"].endswith("\nIn the early morning of Mar. 12, 1920")
    assert differ["dispute"] == "One source says 11 March, another 12 March."
    assert by_kind[("flashcard", "ru")]["prompt"] == "Когда открылась Дайренская конференция?"
    assert float(by_kind[("flashcard", "ru")]["difficulty"]) == 0.5


def test_the_file_opens_in_pandas_and_spreadsheets_with_cyrillic_intact():
    out = io.BytesIO()
    write_csv(sample_deck(), sample_questions("ru"), out)
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbfid,lang,kind,")
    assert b"\r\n" in data
    table = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert table.loc[0, "answer"] == "26 августа 1921 г."
    assert list(table.columns) == list(COLUMNS)


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert():
    question = replace(
        sample_questions("en")[0],
        prompt='=HYPERLINK("http://evil.example","click")',
        answer="+1 day",
        explanation="@SUM(A1)",
        dispute="-2",
    )
    row = bank_table(sample_deck(), [question]).iloc[0]
    assert row["prompt"] == '\'=HYPERLINK("http://evil.example","click")'
    assert (row["answer"], row["explanation"], row["dispute"]) == ("'+1 day", "'@SUM(A1)", "'-2")
    assert row["difficulty"] == 0.5


def test_the_same_questions_give_the_same_bytes():
    first, second = io.BytesIO(), io.BytesIO()
    write_csv(sample_deck(), sample_questions("en"), first)
    write_csv(sample_deck(), sample_questions("en"), second)
    assert first.getvalue() == second.getvalue()


def test_a_formula_behind_spaces_or_in_full_width_is_made_inert_too():
    question = replace(
        sample_questions("en")[0],
        prompt='  =HYPERLINK("http://evil.example","click")',
        answer=" +1 day",
        explanation="＝1+1",
    )
    out = io.BytesIO()
    write_csv(sample_deck(), [question], out)
    row = read_back(out.getvalue())[0]
    assert row["prompt"] == '\'  =HYPERLINK("http://evil.example","click")'
    assert (row["answer"], row["explanation"]) == ("' +1 day", "'＝1+1")
    assert float(row["difficulty"]) == 0.5


def test_the_guard_keeps_numbers_and_ordinary_text_as_they_are():
    table = pd.DataFrame({"name": ["Ann", "=1+1", "-2", "\tx", "a=b"], "score": [-2, 1, 0, 3, 4]})
    safe = spreadsheet_table(table)
    assert list(safe["name"]) == ["Ann", "'=1+1", "'-2", "'\tx", "a=b"]
    assert list(safe["score"]) == [-2, 1, 0, 3, 4]
    assert csv_bytes(table).startswith(b"\xef\xbb\xbfname,score\r\nAnn,-2\r\n")


def test_the_tables_own_unguarded_csv_download_is_switched_off():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["client"]["disableDataExport"] is True


@pytest.mark.parametrize(
    "opening",
    ["\u200b=", "\ufeff=", "\x00=", "\u2060 @", "\ufe66", "\ufe62", "\u2212", "\uff20"],
    ids=["zero-width space", "BOM", "NUL", "word joiner", "small =", "small +", "minus", "＠"],
)
def test_a_formula_behind_invisible_characters_or_in_another_form_is_made_inert(opening):
    assert spreadsheet_cell(opening + "SUM(1,2)") == "'" + opening + "SUM(1,2)"
