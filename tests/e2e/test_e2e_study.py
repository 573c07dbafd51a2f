"""End to end in Debian's Chromium: a new learner studies five cards, reloads the page and
restarts the server, and finds the progress and the forecast as they left them."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from streamlit_server import free_port, start_server, stop_server

CHROMIUM = Path("/usr/bin/chromium")


def midday_zone() -> str:
    """A fixed-offset zone where it is now about noon, far from the 4 am day boundary."""
    offset = 12 - datetime.now(UTC).hour
    offset = max(-12, min(14, offset))
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def wait_for_app(page: Page) -> None:
    """Wait until the script (or fragment) run has finished; keys pressed meanwhile are lost."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def test_a_new_learner_studies_five_cards_and_finds_them_after_reload_and_restart(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing: {CHROMIUM} not found. Install Debian's package with"
            " `apt-get install chromium` (.ci/run does this); the e2e test never downloads"
            " a browser."
        )
    database_url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, {"FACTDECK_DATABASE_URL": database_url}, tmp_path / "server-1.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            context = browser.new_context(timezone_id=midday_zone(), locale="en-GB")
            page = context.new_page()
            page.set_default_timeout(30_000)

            page.goto(f"{base}/today")
            expect(page.get_by_text("Who is studying?")).to_be_visible()
            page.get_by_label("Your name").fill("Eve")
            page.get_by_role("button", name="Create learner").click()
            expect(
                page.get_by_text("Left for today: 20 new · 0 learning · 0 to review")
            ).to_be_visible()
            page.get_by_role("button", name="Study this deck").click()
            expect(page.get_by_text("New 20 · Learning 0 · Review 0")).to_be_visible()

            for done in range(5):
                wait_for_app(page)
                # A shortcut is bound when its button is drawn: a key pressed before is lost.
                expect(page.get_by_role("button", name="Show answer")).to_be_visible()
                if done < 3:  # keyboard: Space shows the answer, 3 rates Good
                    page.keyboard.press("Space")
                    expect(page.get_by_role("button", name="Good · 10m")).to_be_visible()
                    wait_for_app(page)
                    page.keyboard.press("3")
                else:
                    page.get_by_role("button", name="Show answer").click()
                    page.get_by_role("button", name="Good · 10m").click()
                expect(
                    page.get_by_text(f"New {19 - done} · Learning {done + 1} · Review 0")
                ).to_be_visible()
            assert "learner=" in page.url

            page.reload()
            expect(page.get_by_text("New 15 · Learning 5 · Review 0")).to_be_visible()
            page.get_by_role("link", name="Stats").click()
            expect(
                page.get_by_text("Due today: 5 · next 7 days: 5 · next 30 days: 5")
            ).to_be_visible()
            expect(page.get_by_test_id("stMetricValue").first).to_have_text("5")
            stats_url = page.url

            stop_server(server)
            server = start_server(
                port, {"FACTDECK_DATABASE_URL": database_url}, tmp_path / "server-2.log"
            )
            page.goto(stats_url)
            expect(
                page.get_by_text("Due today: 5 · next 7 days: 5 · next 30 days: 5")
            ).to_be_visible()
            expect(page.get_by_test_id("stMetricValue").first).to_have_text("5")
            page.get_by_role("link", name="Today").click()
            expect(
                page.get_by_text("Left for today: 15 new · 5 learning · 0 to review")
            ).to_be_visible()
            browser.close()
    finally:
        stop_server(server)
