"""Interface text: every key in every language, and intervals written as Anki writes them."""

import ast
import re
from datetime import timedelta

import pytest
from conftest import PROJECT_ROOT

from app_pages.strings import LANGUAGES, TEXTS, interval, text


def test_every_text_exists_in_every_language_with_the_same_placeholders():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in LANGUAGES}
        assert len({frozenset(f) for f in fields.values()}) == 1, key


STUDY_PAGES = ("common", "catalogue", "today", "study", "practice", "browse", "stats", "settings")


def test_every_key_the_study_pages_ask_for_exists():
    used = set()
    for name in STUDY_PAGES:
        page = PROJECT_ROOT / "app_pages" / f"{name}.py"
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("tr", "text")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert used and used <= set(TEXTS)


def test_text_falls_back_to_english_and_fills_placeholders():
    assert text("study.show", "ru") == "Показать ответ"
    assert text("study.show", "de") == "Show answer"
    assert text("practice.score", "en", right=2, total=3) == "You got 2 of 3 right."
    with pytest.raises(KeyError):
        text("no.such.key", "en")


@pytest.mark.parametrize(
    ("span", "en", "ru"),
    [
        (timedelta(minutes=1), "1m", "1 мин"),
        (timedelta(minutes=5, seconds=30), "6m", "6 мин"),
        (timedelta(minutes=10), "10m", "10 мин"),
        (timedelta(hours=3), "3h", "3 ч"),
        (timedelta(days=4), "4d", "4 дн"),
        (timedelta(days=45), "1.5mo", "1,5 мес"),
        (timedelta(days=60), "2mo", "2 мес"),
        (timedelta(days=800), "2.2y", "2,2 г"),
    ],
)
def test_intervals_read_like_ankis_buttons(span, en, ru):
    assert interval(span, "en") == en
    assert interval(span, "ru") == ru


def test_plain_text_makes_no_markdown_heading_rule_link_or_image():
    from app_pages.common import plain

    for given in ("Title\n===", "Title\n---", "![x](http://example.com/x.png)"):
        shown = plain(given)
        assert not any(mark in shown for mark in ("\n===", "\n---", "![", "]("))
    assert plain("<b>x</b>") == "\\<b\\>x\\</b\\>"
