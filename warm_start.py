"""`streamlit run` with the app's modules imported before the server opens its port.

Streamlit imports what a page needs when the page first runs, so the first visitor after a start
or a restart waited for the app's libraries (pandas, Altair, SQLAlchemy, the scheduler, the
question bank's modules: about two seconds on a small server) on top of the page itself. Imported
here first, that wait falls before the server answers, when nobody is waiting yet. The pages
themselves are scripts that Streamlit runs, never imported.
"""

from __future__ import annotations

import importlib
import sys

from streamlit.web import cli

PRELOADED = (
    "app_pages.accounts_ui",
    "app_pages.anki_import",
    "app_pages.browser_session",
    "app_pages.classroom_ui",
    "app_pages.closed_book",
    "app_pages.common",
    "app_pages.first_run",
    "app_pages.item_flags",
    "app_pages.quiz_charts",
    "app_pages.quiz_exports",
    "app_pages.shortcuts",
    "app_pages.stats_charts",
    "app_pages.strings",
    "classroom.report",
    "exporters.spreadsheet",
    "study.next_up",
    "study.stats",
)
"""Every module of `app_pages` that is not a page, and what the pages import besides."""


def main() -> None:
    for name in PRELOADED:
        importlib.import_module(name)
    cli.main(args=sys.argv[1:], prog_name="streamlit")


if __name__ == "__main__":
    main()
