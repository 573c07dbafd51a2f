"""Tables written for spreadsheets: every CSV Factdeck writes goes through here.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return)
as a formula, so a student named `=HYPERLINK("http://…")` or a deck prompt could put a live
link or a command into a teacher's workbook. Following OWASP's advice, such a text cell is
written with an apostrophe in front, which spreadsheets show as plain text. Only text is
guarded: numbers stay numbers, while the text `-2` becomes `'-2` (a typed answer is text).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Characters that open a formula; their compatibility forms (full-width `＝`, small `﹦`) and
the minus sign `−` count too, since some spreadsheets read them the same."""


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a spreadsheet shows it literally: a formula-like text gets a leading `'`.

    Leading spaces and invisible characters (a zero-width space, a byte-order mark, NUL) do not
    hide a formula (`  =1+1`); anything that is not text is returned as it is.
    """
    if isinstance(value, str) and _opening(value).startswith(FORMULA_START):
        return "'" + value
    return value


def _opening(text: str) -> str:
    """The first characters a spreadsheet may read as the start of the cell: past spaces and
    invisible characters, in their compatibility form."""
    start = 0
    while start < len(text) and text[start] not in "\t\r" and _skipped(text[start]):
        start += 1
    return unicodedata.normalize("NFKC", text[start : start + 2]).replace("\u2212", "-")


def _skipped(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def spreadsheet_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of `table` with every text cell passed through `spreadsheet_cell`."""
    safe = table.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_cell)
    return safe


def csv_bytes(table: pd.DataFrame) -> bytes:
    """`table` as a CSV file for spreadsheets: guarded cells, UTF-8 with a byte-order mark
    (without it Excel reads Cyrillic as mojibake) and CRLF line ends."""
    text = spreadsheet_table(table).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")
