"""Tables written for spreadsheets: every CSV Factdeck writes goes through here.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return)
as a formula, so a student named `=HYPERLINK("http://…")` or a deck prompt could put a live
link or a command into a teacher's workbook. Following OWASP's advice, such a text cell is
written with an apostrophe in front, which spreadsheets show as plain text. Only text is
guarded: numbers stay numbers, while the text `-2` becomes `'-2` (a typed answer is text).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""Characters that open a formula, with the full-width forms some spreadsheets also read."""


def spreadsheet_cell(value: Any) -> Any:
    """`value` as a spreadsheet shows it literally: a formula-like text gets a leading `'`.

    Leading spaces do not hide a formula (`  =1+1`); anything that is not text is returned
    as it is.
    """
    if isinstance(value, str) and (
        value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START)
    ):
        return "'" + value
    return value


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
