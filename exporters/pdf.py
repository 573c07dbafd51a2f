"""A printable sheet as PDF, printed by headless Chromium where the machine has it.

Chromium lays the page out exactly as it prints it (the sheet's `@page` size, margins and page
numbers), so the PDF is the sheet a browser would print. The browser is found as `chromium`,
`chromium-browser`, `google-chrome` or `google-chrome-stable` on PATH, or named by
$FACTDECK_CHROMIUM; without one, ExportError says to install it or export HTML instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from exporters.errors import ExportError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable to print with, or None if there is none."""
    named = os.environ.get("FACTDECK_CHROMIUM")
    if named:
        return shutil.which(named)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def write_pdf(html: str, out: BinaryIO, browser: str | None = None) -> int:
    """Print `html` to PDF into `out`; returns the number of bytes written."""
    browser = browser or find_chromium()
    if browser is None:
        raise ExportError(
            "making a PDF needs Chromium, and none was found: install it (Debian: apt-get"
            " install chromium) or set FACTDECK_CHROMIUM, or export to .html and print that",
            key="no_chromium",
        )
    with tempfile.TemporaryDirectory(prefix="factdeck-pdf-") as work:
        page = Path(work) / "sheet.html"
        page.write_text(html, encoding="utf-8")
        target = Path(work) / "sheet.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"Chromium did not finish printing the PDF within {TIMEOUT_SECONDS} s;"
                " export to .html and print that from a browser",
                key="pdf_timeout",
                seconds=TIMEOUT_SECONDS,
            ) from None
        if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            detail = (result.stderr or "").strip().splitlines()[-1:] or ["no message"]
            raise ExportError(
                f"Chromium could not print the PDF (exit {result.returncode}: {detail[0]});"
                " export to .html and print that from a browser",
                key="pdf_failed",
                detail=f"exit {result.returncode}: {detail[0]}",
            )
        data = target.read_bytes()
    out.write(data)
    return len(data)
