"""The catalogue page lists the shipped deck with its counts and sources; a deck that cannot
be loaded takes no other deck down, and only a signed-in teacher sees what is wrong with it."""

import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from broken_decks import MINI_DECK, MINI_SOURCES
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from decks import catalogue
from decks.loader import check_deck
from decks.model import in_language

DECKS = "app_pages/catalogue.py"
"""The Decks page; the app opens on Home."""


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


def test_catalogue_lists_the_deck_with_counts_and_sources():
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(DECKS).run()
    assert not at.exception
    assert any("Soviet–Japanese diplomacy" in h.value for h in at.subheader)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Facts"]) > 0
    assert int(metrics["Sources"]) == 4
    assert "en, ru" in metrics["Languages"]
    expander_labels = [e.label for e in at.expander]
    assert "Changchun Conference" in expander_labels
    assert any("ideologically biased" in m.value for m in at.markdown)


# -- a hostile deck beside a good one --------------------------------------------------------

PASSWORD = "correct horse battery"
SECRET = "Xq7hunter2"


@pytest.fixture
def hostile_beside_good(tmp_path, monkeypatch):
    """A decks folder holding the mini deck and a hostile deck: nesting that used to raise
    RecursionError, and a source text outside the sources folder holding a secret."""
    root = tmp_path / "decks"
    shutil.copytree(MINI_DECK, root / "mini")
    hostile = shutil.copytree(MINI_DECK, root / "hostile")
    header = hostile / "deck.yaml"
    header.write_text(header.read_text().replace("id: mini", "id: hostile"))
    (hostile / "facts" / "deep.yaml").write_text("[" * 330 + "]" * 330 + "\n")
    secret = tmp_path / "secret.txt"
    secret.write_text(f"The talks opened at Dairen {SECRET} on 26 August 1921.\n")
    sources = hostile / "sources.yaml"
    sources.write_text(sources.read_text().replace("mini-chronicle.txt", str(secret)))
    monkeypatch.setattr("decks.catalogue.DECKS_DIR", root)
    monkeypatch.setenv("FACTDECK_SOURCES", str(MINI_SOURCES))
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'factdeck.sqlite3'}")
    monkeypatch.setenv("FACTDECK_TEACHER_PASSWORD", PASSWORD)
    monkeypatch.setattr("app_pages.classroom_ui.FAILED_LOGIN_PAUSE", 0)
    return root


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("error", "warning", "code", "markdown") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def test_a_hostile_deck_leaves_the_other_decks_pages_working(hostile_beside_good):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(DECKS).run()
    assert not at.exception
    assert [h.value for h in at.subheader] == ["A tiny deck"]
    at.switch_page("app_pages/today.py").run()
    at.text_input[0].input("Eve")
    at.button[0].click().run()
    assert not at.exception
    assert [h.value for h in at.subheader] == ["A tiny deck"]
    at.switch_page("app_pages/study.py").run()
    assert not at.exception
    assert any(m.value.startswith("### ") for m in at.markdown)
    at.switch_page("app_pages/browse.py").run()
    assert not at.exception
    assert "The talks opened at Dairen on 26 August 1921" in page_text(at)


def test_only_a_signed_in_teacher_sees_why_a_deck_is_unavailable(hostile_beside_good):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(DECKS).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The deck in the folder “hostile” cannot be used. Ask your teacher: a teacher signed in"
        " on a teacher page sees what is wrong with it here."
    ]
    assert not at.error and not at.code
    assert "nested" not in page_text(at)
    at.switch_page("app_pages/teacher_quizzes.py").run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    at.switch_page("app_pages/catalogue.py").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "The deck in the folder “hostile” could not be loaded (problems: 2):"
    ]
    shown = at.code[0].value
    assert "hostile/facts/deep.yaml:1:51: lists and mappings are nested more than 50 deep" in shown
    assert "is an absolute path" in shown
    assert SECRET not in page_text(at)


def test_a_deck_that_fails_to_load_in_an_unforeseen_way_takes_no_other_deck_down(
    tmp_path, monkeypatch
):
    root = tmp_path / "decks"
    shutil.copytree(MINI_DECK, root / "mini")
    shutil.copytree(MINI_DECK, root / "odd")
    real_check = catalogue.check_deck

    def check(directory):
        if Path(directory).name == "odd":
            raise RecursionError("maximum recursion depth exceeded")
        return real_check(directory, MINI_SOURCES)

    monkeypatch.setattr(catalogue, "check_deck", check)
    mini, odd = catalogue.load_catalogue(root)
    assert mini.ok and mini.deck.id == "mini"
    assert odd.deck is None and odd.directory == root / "odd"
    assert [str(p) for p in odd.problems] == [
        "odd:1:1: the deck could not be loaded (RecursionError)"
        " — run `factdeck validate` on it to see where"
    ]


# -- in Russian ------------------------------------------------------------------------------


def shown_texts(at: AppTest) -> list[str]:
    """Every text the page shows, Markdown escapes and `plain`'s word joiners taken out."""
    texts = [e.value for e in (*at.title, *at.subheader, *at.markdown, *at.caption)]
    texts += [e.value for kind in ("info", "warning", "error", "code") for e in at.get(kind)]
    texts += [m.label for m in at.metric] + [m.value for m in at.metric]
    texts += [e.label for e in at.expander]
    return [re.sub(r"\\(.)", r"\1", str(text).replace("\u2060", "")) for text in texts]


def test_the_russian_decks_page_has_no_english_literal_left():
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "ru"
    at.run().switch_page(DECKS).run()
    assert not at.exception
    deck = check_deck(REAL_DECK).deck
    content = [
        in_language(text, "ru")
        for text in (
            deck.title,
            deck.description,
            *(topic.title for topic in deck.topics),
            *(source.title for source in deck.sources),
            *(source.reliability for source in deck.sources),
        )
    ]
    content += [source.author for source in deck.sources if source.author]
    left = "\n".join(shown_texts(at))
    for text in sorted(content, key=len, reverse=True):
        left = left.replace(text, " ")
    left = re.sub(r"\b(en|ru)\b", " ", left)  # language codes, as the deck gives them
    assert not re.findall(r"[A-Za-z]{2,}", left), left
    assert [m.label for m in at.metric] == ["Факты", "Сущности", "Источники", "Спорные", "Языки"]
    assert "**Надёжность:** " in "\n".join(m.value for m in at.markdown)
    assert any("Автор не указан · историческое изложение · язык: ru" in t for t in shown_texts(at))


def test_a_russian_teacher_reads_why_a_deck_is_left_out_in_russian(tmp_path, monkeypatch):
    root = tmp_path / "decks"
    shutil.copytree(MINI_DECK, root / "mini")
    later = shutil.copytree(MINI_DECK, tmp_path / "more" / "mini")
    monkeypatch.setattr("decks.catalogue.DECKS_DIR", root)
    monkeypatch.setenv("FACTDECK_DECKS", str(later.parent))
    monkeypatch.setenv("FACTDECK_SOURCES", str(MINI_SOURCES))
    monkeypatch.setenv("FACTDECK_DATABASE_URL", f"sqlite:///{tmp_path / 'factdeck.sqlite3'}")
    monkeypatch.setenv("FACTDECK_TEACHER_PASSWORD", PASSWORD)
    monkeypatch.setattr("app_pages.classroom_ui.FAILED_LOGIN_PAUSE", 0)
    # Russian for the test's own calls too: signing in sets widgets, whose labels it words again
    monkeypatch.setattr("app_pages.common.lang", lambda: "ru")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "ru"
    at.run().switch_page(DECKS).run()
    assert [w.value for w in at.warning] == [
        "Колодой из папки «mini» пока нельзя пользоваться. Обратитесь к учителю: после входа на"
        " учительскую страницу он увидит здесь, что с ней не так."
    ]
    at.switch_page("app_pages/teacher_quizzes.py").run()
    at.text_input[0].input(PASSWORD)
    at.button[0].click().run()
    at.switch_page("app_pages/catalogue.py").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Колоду из папки «mini» не удалось загрузить (ошибок: 1):"
    ]
    assert [c.value for c in at.code] == [
        f"{later / 'deck.yaml'}:1:1: идентификатор колоды «mini» уже занят колодой из"
        f" {root / 'mini'}, которая стоит раньше в порядке поиска, поэтому эта колода не"
        " используется — переименуйте id в этом deck.yaml и её папку так, чтобы они совпадали"
    ]
