"""End to end in Debian's Chromium on a school server: a learner signs in, reloads the page and
is still signed in, by a signed token in a cookie that holds neither the password nor a way
into another account; signing out ends it."""

from datetime import UTC, datetime

from browser import chromium, settled
from playwright.sync_api import expect, sync_playwright
from streamlit_server import fresh_app

from accounts.records import Role
from accounts.service import Accounts

PASSWORD = "anna's password"


def test_a_learner_signs_in_and_stays_signed_in_after_a_reload(tmp_path):
    with fresh_app(tmp_path, {"FACTDECK_MODE": "server"}) as (base, database_url):
        accounts = Accounts.open(database_url)
        try:
            accounts.add("Anna", PASSWORD, Role.LEARNER, datetime.now(UTC))
        finally:
            accounts.close()
        with sync_playwright() as playwright:
            browser = chromium(playwright)
            page = browser.new_context(locale="en-GB").new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/stats")
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
            page.get_by_label("Name", exact=True).fill("Anna")
            page.get_by_label("Password", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_text("Signed in as Anna")).to_be_visible()
            settled(page)
            assert PASSWORD not in page.url

            page.reload()
            expect(page.get_by_text("Signed in as Anna")).to_be_visible()
            expect(page.get_by_role("heading", name="Sign in")).to_have_count(0)
            cookies = {c["name"]: c["value"] for c in page.context.cookies()}
            assert "factdeck_account" in cookies
            assert PASSWORD not in cookies["factdeck_account"]

            page.get_by_role("button", name="Sign out").click()
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
            settled(page)
            page.reload()
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
            browser.close()
