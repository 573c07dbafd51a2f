"""A learner already in a fresh progress database, the app serving it, and Chromium open on it:
what the study and practice browser tests start from, without the first-run screens."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from streamlit_server import free_port, start_server, stop_server

from study.settings import StudySettings
from study.store import Store

CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class LearnerApp:
    page: Page
    base: str
    database_url: str
    learner_id: int

    def open(self, page_path: str) -> None:
        """Go to one of the app's pages as the learner (the address names them)."""
        self.page.goto(f"{self.base}/{page_path}?learner={self.learner_id}")
        settled(self.page)


def settled(page: Page) -> None:
    """Wait until the script (or fragment) run has finished; clicks meanwhile may be lost."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=60_000
    )


@contextmanager
def learner_app(
    tmp_path: Path,
    viewport: tuple[int, int] = (1280, 900),
    touch: bool = False,
    settings: StudySettings | None = None,
) -> Iterator[LearnerApp]:
    """The app on a new database holding one learner, Eve, and a Chromium page at `viewport`
    (a phone's touch screen with `touch`)."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: {CHROMIUM} not found; install Debian's package")
    database_url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    store = Store.open(database_url)
    try:
        learner = store.create_learner("Eve", datetime.now(UTC), settings or StudySettings())
    finally:
        store.close()
    port = free_port()
    server = start_server(port, {"FACTDECK_DATABASE_URL": database_url}, tmp_path / "server.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            width, height = viewport
            context = browser.new_context(
                viewport={"width": width, "height": height},
                has_touch=touch,
                is_mobile=touch,
                locale="en-GB",
                timezone_id="UTC",
            )
            page = context.new_page()
            page.set_default_timeout(30_000)
            expect.set_options(timeout=15_000)  # a first run builds the question bank
            yield LearnerApp(page, f"http://127.0.0.1:{port}", database_url, learner.id)
            browser.close()
    finally:
        stop_server(server)
