"""Study on a phone in Debian's Chromium (390×844, a touch screen): once the answer shows, the
four rating buttons are on screen without scrolling, and no keyboard hint is shown."""

from learner_browser import learner_app, settled
from playwright.sync_api import expect

WIDTH, HEIGHT = 390, 844


def test_on_a_phone_the_four_ratings_are_on_screen_after_show_answer(tmp_path):
    with learner_app(tmp_path, viewport=(WIDTH, HEIGHT), touch=True) as app:
        page = app.page
        app.open("study")
        for _ in range(3):  # the first cards of the deck, short and long answers alike
            expect(page.get_by_role("button", name="Show answer")).to_be_visible()
            page.get_by_role("button", name="Show answer").click()
            settled(page)
            ratings = [
                page.get_by_role("button", name=name)
                for name in ("Again · 1m", "Hard · 6m", "Good · 10m")
            ]
            ratings.append(page.get_by_role("button", name="Easy · ", exact=False))
            for button in ratings:
                expect(button).to_be_visible()
            assert page.evaluate("window.scrollY") == 0
            for button in ratings:
                box = button.bounding_box()
                assert box is not None
                assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
                assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, box
            expect(page.get_by_text("Keys: Space shows the answer")).to_be_hidden()
            expect(page.locator("button kbd")).to_have_count(4)  # the shortcuts are bound...
            for key in page.locator("button kbd").all():
                expect(key).to_be_hidden()  # ...but not shown on a touch screen
            ratings[2].click()
            settled(page)
