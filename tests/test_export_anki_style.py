"""Cards as Anki renders them, laid out by Chromium in light and night mode: every text readable.

Anki marks night mode with a `nightMode` class on the card's body (AnkiDroid: `night_mode`).
Each text element must keep a WCAG AA contrast (4.5:1) against the background behind it.
"""

from __future__ import annotations

import pytest
from export_samples import NOW, fresh_collection, import_package, sample_deck, sample_questions

from exporters.anki import write_anki_package

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
TEXT = (
    ".fd-prompt, .fd-answer, .fd-options li, .fd-items li, .fd-pairs td, .fd-context, "
    ".fd-dispute, .fd-accepted, .fd-source blockquote, .fd-source cite, .cloze"
)
CONTRASTS = """
(selector) => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const color = rgb(getComputedStyle(e).backgroundColor);
      if (color.length < 4 || color[3] > 0) return color.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].map((element) => {
    const fg = luminance(rgb(getComputedStyle(element).color).slice(0, 3));
    const bg = luminance(background(element));
    return {
      cls: element.className || element.tagName,
      ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
      bg,
    };
  });
}
"""


@pytest.fixture(scope="module")
def rendered_sides(tmp_path_factory):
    """Both sides of one card of every kind, as Anki's engine renders them."""
    folder = tmp_path_factory.mktemp("style")
    with (folder / "deck.apkg").open("wb") as out:
        write_anki_package(sample_deck(), sample_questions("en"), out, now=NOW)
    col = fresh_collection(folder)
    import_package(col, folder / "deck.apkg")
    sides = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        sides += [card.question(), card.answer()]
    col.close()
    return sides


@pytest.fixture(scope="module")
def page():
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless=new"]
        )
        yield browser.new_page(viewport={"width": 400, "height": 800})
        browser.close()


@pytest.mark.parametrize("body_class", ["card", "card nightMode", "card night_mode"])
def test_every_text_on_every_card_keeps_aa_contrast(page, rendered_sides, body_class):
    checked = 0
    for side in rendered_sides:
        page.set_content(f'<!doctype html><html><body class="{body_class}">{side}</body></html>')
        page_background = page.evaluate(
            "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number)"
        )
        if "night" in body_class:
            assert max(page_background) < 60, page_background
        else:
            assert min(page_background) > 240, page_background
        for found in page.evaluate(CONTRASTS, TEXT):
            assert found["ratio"] >= 4.5, (body_class, found)
            checked += 1
    assert checked > 40
