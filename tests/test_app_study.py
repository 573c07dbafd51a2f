"""Today and Study pages: a new learner, the card flow, undo, bury, suspend, disputes, Russian."""

from datetime import UTC, datetime

import fsrs
import pytest
import streamlit as st
from classroom_support import write_lock_held
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from app_pages.common import plain
from decks.loader import check_deck
from questions import build_bank
from questions.model import Kind
from study.records import Origin
from study.settings import StudySettings
from study.store import Store

TODAY = "app_pages/today.py"
STUDY = "app_pages/study.py"


@pytest.fixture(scope="module")
def bank():
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield url
    st.cache_resource.clear()


@pytest.fixture
def store(url):
    store = Store.open(url)
    yield store
    store.close()


# Before anyone exists there is no picker in the sidebar: the page asks here and points to Home.
FIRST_LEARNER = (
    "Who is studying? No learner yet: type your name below to start, or begin on the"
    " Home page, where you also choose your card languages."
)


def new_learner(url: str, page: str, name: str = "Eve") -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(page).run()
    assert [i.value for i in at.info] == [FIRST_LEARNER]
    at.text_input[0].input(name)
    at.button[0].click().run()
    assert not at.exception
    return at


def flashcards(bank, lang="en"):
    return [q for q in bank.questions if q.kind is Kind.FLASHCARD and q.lang == lang]


def front(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### "))


def test_today_greets_a_new_learner_and_counts_the_days_cards(url, bank, store):
    at = new_learner(url, TODAY)
    assert [t.value for t in at.title] == ["Today"]
    assert at.caption[0].value == "Today so far: 0 of 20 new cards and 0 of 200 reviews."
    cards = flashcards(bank)
    new_today = min(20, len(cards))
    assert f"Left for today: {new_today} new · 0 learning · 0 to review" in [
        m.value for m in at.markdown
    ]
    [eve] = store.learners()
    assert at.query_params["learner"] == str(eve.id)
    assert store.for_learner(eve.id).card(cards[0].id) is not None
    first_topic = cards[0].topic
    at.button(key=f"study-{bank.deck.id}-{first_topic}").click().run()
    assert at.session_state.study_scope == (bank.deck.id, first_topic)


def test_a_card_is_revealed_with_its_citation_then_rated_and_the_rating_is_committed(
    url, bank, store
):
    at = new_learner(url, STUDY)
    first = flashcards(bank)[0]
    assert front(at) == f"### {plain(first.prompt)}"
    assert at.caption[0].value == "New 20 · Learning 0 · Review 0"
    show = at.button[0]
    assert (show.label, show.proto.shortcut) == ("Show answer", "space")
    show.click().run()
    markdown = [m.value for m in at.markdown]
    assert f"#### {plain(str(first.answer))}" in markdown
    quote = " ".join(first.sources[0].quote.split())
    assert any(plain(quote) in m for m in markdown)
    ratings = [b for b in at.button if b.key and b.key.startswith("rate-")]
    assert [b.label for b in ratings[:3]] == ["Again · 1m", "Hard · 6m", "Good · 10m"]
    assert ratings[3].label.startswith("Easy · ") and ratings[3].label.endswith("d")
    assert [b.proto.shortcut for b in ratings] == ["1", "2", "3", "4"]

    ratings[2].click().run()
    [eve] = store.learners()
    [logged] = store.for_learner(eve.id).history(first.id)
    assert (logged.rating, logged.origin) == (fsrs.Rating.Good, Origin.STUDY)
    assert logged.duration_ms is not None and logged.duration_ms >= 0
    assert front(at) == f"### {plain(flashcards(bank)[1].prompt)}"
    assert at.caption[0].value == "New 19 · Learning 1 · Review 0"


def test_undo_takes_the_rating_back_and_shows_the_card_again(url, bank, store):
    at = new_learner(url, STUDY)
    first = flashcards(bank)[0]
    at.button[0].click().run()
    at.button(key="rate-4").click().run()
    assert front(at) != f"### {plain(first.prompt)}"
    undo = next(b for b in at.button if b.key and b.key.startswith("undo-"))
    undo.click().run()
    assert [i.value for i in at.info] == [f"Undone: {plain(first.prompt)}"]
    assert front(at) == f"### {plain(first.prompt)}"
    assert at.caption[0].value == "New 20 · Learning 0 · Review 0"
    [eve] = store.learners()
    assert [row.rating for row in store.for_learner(eve.id).history(first.id)] == [
        fsrs.Rating.Easy,
        None,
    ]
    assert store.for_learner(eve.id).card(first.id).schedule.state == 0


def test_bury_and_suspend_take_cards_out_of_the_queue(url, bank, store):
    at = new_learner(url, STUDY)
    cards = flashcards(bank)
    at.button(key=next(b.key for b in at.button if b.key.startswith("bury-"))).click().run()
    assert front(at) == f"### {plain(cards[1].prompt)}"
    at.button(key=next(b.key for b in at.button if b.key.startswith("suspend-"))).click().run()
    assert front(at) == f"### {plain(cards[2].prompt)}"
    [eve] = store.learners()
    assert store.for_learner(eve.id).card(cards[0].id).buried_until is not None
    assert store.for_learner(eve.id).card(cards[1].id).suspended


def test_a_contested_card_shows_the_dispute_on_its_back(url, bank, store):
    at = new_learner(url, TODAY)
    disputed = next(q for q in flashcards(bank) if q.dispute)
    [eve] = store.learners()
    for card in flashcards(bank):
        if card.id != disputed.id:
            store.for_learner(eve.id).suspend(card.id)
    at.switch_page(STUDY).run()
    assert front(at) == f"### {plain(disputed.prompt)}"
    at.button[0].click().run()
    assert [w.value for w in at.warning] == [f"**The sources disagree:** {plain(disputed.dispute)}"]


def test_when_nothing_is_left_the_page_says_so(url, bank, store):
    at = new_learner(url, TODAY)
    [eve] = store.learners()
    store.for_learner(eve.id).save_settings(StudySettings(new_per_day=1), datetime.now(UTC))
    at.switch_page(STUDY).run()
    at.button[0].click().run()
    at.button(key="rate-4").click().run()
    assert [s.value for s in at.success] == ["Nothing more to study now. Come back later!"]
    assert at.caption[0].value == "New 0 · Learning 0 · Review 0"
    assert [(m.label, m.value) for m in at.metric] == [
        ("Cards this sitting", "1"),
        ("Remembered", "100 %"),
        ("Minutes", "1"),
    ]
    assert "Today in all: new cards 1, reviews 0." in [c.value for c in at.caption]
    more = at.button(key="study-more")
    assert more.label == "Study more (new cards: 10)" and not more.disabled
    more.click().run()
    assert front(at) == f"### {plain(flashcards(bank)[1].prompt)}"
    assert at.caption[0].value == "New 10 · Learning 0 · Review 0"
    settings = store.for_learner(eve.id).settings
    assert settings.new_per_day == 1  # for this sitting only


def test_a_long_answer_is_text_not_a_heading_and_the_quote_is_folded(url, bank, store):
    at = new_learner(url, STUDY)
    first = flashcards(bank)[0]
    at.button[0].click().run()
    assert len(str(first.answer)) <= 60
    assert f"#### {plain(str(first.answer))}" in [m.value for m in at.markdown]
    [fold] = at.expander
    assert fold.label == f"Sources: {len(first.sources)}"
    quote = " ".join(first.sources[0].quote.split())
    assert any(plain(quote) in m.value for m in fold.markdown)
    at.button(key="rate-3").click().run()
    long = next(q for q in flashcards(bank) if len(str(q.answer)) > 60)
    at.session_state["again_first"] = long.id
    at.run()
    at.button[0].click().run()
    markdown = [m.value for m in at.markdown]
    assert plain(str(long.answer)) in markdown
    assert f"#### {plain(str(long.answer))}" not in markdown


def test_the_study_page_speaks_russian_and_shows_russian_cards(url, bank, store):
    at = new_learner(url, TODAY)
    [eve] = store.learners()
    russian = StudySettings(interface_language="ru", content_languages=("ru",))
    store.for_learner(eve.id).save_settings(russian, datetime.now(UTC))
    at.switch_page(STUDY).run()
    first = flashcards(bank, "ru")[0]
    assert [t.value for t in at.title] == ["Учить"]
    assert front(at) == f"### {plain(first.prompt)}"
    at.button[0].click().run()
    labels = [b.label for b in at.button if b.key and b.key.startswith("rate-")]
    assert labels[:3] == ["Снова · 1 мин", "Трудно · 6 мин", "Хорошо · 10 мин"]


def test_each_learner_has_their_own_progress_and_the_url_remembers_who(url, bank, store):
    at = new_learner(url, STUDY, "Eve")
    at.button[0].click().run()
    at.button(key="rate-3").click().run()
    picker = at.sidebar.selectbox[0]
    picker.set_value(0).run()  # "New learner…"
    at.text_input[0].input("Lev")
    at.button[0].click().run()
    eve, lev = sorted(store.learners(), key=lambda learner: learner.name)
    assert at.query_params["learner"] == str(lev.id)
    assert at.caption[0].value == "New 20 · Learning 0 · Review 0"

    reloaded = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    reloaded.query_params["learner"] = str(eve.id)
    reloaded.run()
    reloaded.switch_page(STUDY).run()
    assert reloaded.sidebar.selectbox[0].value == eve.id
    assert reloaded.caption[0].value == "New 19 · Learning 1 · Review 0"


@pytest.mark.parametrize("forged", ["9" * 5000, "²", "-1", "1e3", " 1"])
def test_a_forged_learner_number_in_the_url_picks_no_one(url, store, forged):
    store.create_learner("Eve", datetime.now(UTC))
    store.create_learner("Lev", datetime.now(UTC))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["learner"] = forged
    at.run()
    at.switch_page(STUDY).run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Who is studying? Pick your name in the sidebar or create a new learner."
    ]


def test_a_rating_the_database_cannot_take_in_time_says_so_and_can_be_given_again(
    url, bank, store, monkeypatch, tmp_path
):
    monkeypatch.setattr("study.database.BUSY_TIMEOUT", 0.2)  # the app's store waits 0.2 s
    at = new_learner(url, STUDY)
    first = flashcards(bank)[0]
    at.button[0].click().run()
    with write_lock_held(tmp_path / "progress.sqlite3"):
        at.button(key="rate-3").click().run()
        assert not at.exception
        assert [e.value for e in at.error] == [
            "The database is busy, so nothing was saved just now. Try again in a moment; what"
            " was saved before is kept."
        ]
        assert front(at) == f"### {plain(first.prompt)}"  # still the same card, turned over
        assert at.button(key="rate-3")
    [eve] = store.learners()
    assert store.for_learner(eve.id).history(first.id) == []
    at.button(key="rate-3").click().run()
    assert [row.rating for row in store.for_learner(eve.id).history(first.id)] == [fsrs.Rating.Good]
    assert not at.error


def test_the_busy_database_is_explained_in_russian_too(url, bank, store, monkeypatch, tmp_path):
    monkeypatch.setattr("study.database.BUSY_TIMEOUT", 0.2)
    at = new_learner(url, STUDY)
    at.button[0].click().run()
    [eve] = store.learners()
    store.for_learner(eve.id).save_settings(
        StudySettings(interface_language="ru"), datetime.now(UTC)
    )
    at.run()
    with write_lock_held(tmp_path / "progress.sqlite3"):
        at.button(key="rate-4").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "База данных занята, поэтому сейчас ничего не сохранено. Попробуйте ещё раз чуть"
        " позже; всё, что было сохранено раньше, на месте."
    ]


@pytest.mark.parametrize(
    "page", [TODAY, STUDY, "app_pages/practice.py", "app_pages/browse.py", "app_pages/stats.py"]
)
@pytest.mark.parametrize(
    ("lang", "asks", "link"),
    [
        ("en", FIRST_LEARNER, "Begin on the Home page"),
        (
            "ru",
            "Кто занимается? Учеников пока нет: введите своё имя ниже, чтобы начать, или"
            " начните с главной страницы — там же выбираются языки карточек.",
            "Начать с главной страницы",
        ),
    ],
)
def test_a_learner_page_before_anyone_exists_asks_here_and_links_to_home(
    url, page, lang, asks, link
):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert [i.value for i in at.info] == [asks]
    assert not at.sidebar.selectbox  # no picker to pick from: the text must not send one there
    assert [(e.proto.label, e.proto.icon) for e in at.get("page_link")] == [
        (link, ":material/home:")
    ]
    assert [b.label for b in at.button] == [("Create learner", "Создать ученика")[lang == "ru"]]
