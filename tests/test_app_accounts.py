"""The app as a school server (FACTDECK_MODE=server) and as a personal one: who signs in, whose
progress each page shows, and who opens the Teach pages; on SQLite and PostgreSQL."""

import functools
from datetime import timedelta

import pytest
import streamlit as st
from classroom_support import BACKENDS, MONDAY_NINE, database_url
from conftest import PROJECT_ROOT, REAL_DECK
from streamlit.testing.v1 import AppTest

from accounts.records import Role
from accounts.service import Accounts
from decks.loader import check_deck
from questions import build_bank
from study.settings import StudySettings
from study.store import Store

PASSWORD = "anna's password"
LEARNER_PAGES = (
    "app_pages/home.py",
    "app_pages/today.py",
    "app_pages/study.py",
    "app_pages/practice.py",
    "app_pages/browse.py",
    "app_pages/stats.py",
    "app_pages/settings.py",
)


@functools.cache
def bank():
    return build_bank(check_deck(REAL_DECK).deck, seed=0)


@pytest.fixture(params=BACKENDS)
def server(request, tmp_path, monkeypatch):
    url = database_url(request.param, tmp_path)
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    monkeypatch.setenv("FACTDECK_MODE", "server")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # the signing secret's folder
    monkeypatch.delenv("FACTDECK_TEACHER_PASSWORD", raising=False)
    monkeypatch.setattr("app_pages.accounts_ui.FAILED_SIGN_IN_PAUSE", 0)
    st.cache_resource.clear()
    st.cache_data.clear()
    accounts = Accounts.open(url)
    accounts.add("Anna", PASSWORD, Role.LEARNER, MONDAY_NINE)
    accounts.add("Boris", "boris's password", Role.LEARNER, MONDAY_NINE)
    accounts.add("Ms Smith", "the teacher's password", Role.TEACHER, MONDAY_NINE)
    yield accounts
    accounts.close()
    st.cache_resource.clear()


def texts(at: AppTest) -> str:
    """Everything the page wrote, as one text to search."""
    shown = [
        e.value
        for kind in ("title", "markdown", "caption", "subheader", "info")
        for e in getattr(at, kind)
    ]
    shown += [str(option) for box in at.selectbox for option in box.options]
    shown += [box.label for box in at.checkbox]
    return "\n".join(map(str, shown))


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception
    return at


def opened(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_every_learner_page_asks_for_a_sign_in_first(server):
    for page in LEARNER_PAGES:
        at = opened(page)
        assert [t.value for t in at.title][-1:] == ["Sign in"], page
        assert "Anna" not in texts(at) and "Boris" not in texts(at)


def test_a_learner_sees_only_their_own_progress_whatever_the_address_says(server):
    store = Store(server.engine)
    anna, boris = server.named("Anna"), server.named("Boris")
    at = sign_in(opened("app_pages/home.py", {"learner": str(boris.learner_id)}), "Anna", PASSWORD)
    assert "Welcome back, Anna" in texts(at) or "Anna" in texts(at)
    for page in (*LEARNER_PAGES, "app_pages/export.py"):
        at.query_params["learner"] = str(boris.learner_id)
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.session_state.learner_id == anna.learner_id, page
        assert "Boris" not in texts(at), page
        assert page.endswith("export.py") or "learner" not in at.query_params, page
    # Boris's practice round, named in the address, is not taken up in Anna's session.
    question = next(q for q in bank().questions if q.lang == "en")
    kept = store.for_learner(boris.learner_id).start_round(
        bank().deck.id, [question.id], MONDAY_NINE
    )
    at.query_params["round"] = str(kept.id)
    at.switch_page("app_pages/practice.py").run()
    assert not at.exception
    assert at.session_state.practice is None or at.session_state.practice["round"] != kept.id
    # Saving settings, with Boris's number in the address, changes Anna's and only hers.
    at.switch_page("app_pages/settings.py").run()
    at.query_params["learner"] = str(boris.learner_id)
    next(n for n in at.number_input if n.label == "New cards per day").set_value(7)
    next(b for b in at.button if b.label == "Save settings").click().run()
    assert not at.exception
    assert store.for_learner(anna.learner_id).settings.new_per_day == 7
    assert store.for_learner(boris.learner_id).settings == StudySettings()


def test_wrong_passwords_are_refused_then_rate_limited(server, monkeypatch):
    monkeypatch.setattr("app_pages.accounts_ui.utcnow", lambda: MONDAY_NINE + timedelta(days=1))
    monkeypatch.setattr("app_pages.accounts_ui.client_address", lambda: "203.0.113.7")
    at = opened("app_pages/stats.py")
    for _ in range(5):
        sign_in(at, "Anna", "not her password")
        assert [e.value for e in at.error] == ["Wrong name or password."]
    sign_in(at, "Anna", PASSWORD)  # right, but too soon after five wrong ones
    assert [e.value for e in at.error] == ["Too many wrong passwords. Wait 1 s, then try again."]
    assert [t.value for t in at.title] == ["Sign in"]


def test_a_teacher_account_opens_the_results_and_a_learner_account_does_not(server):
    at = sign_in(opened("app_pages/teacher_results.py"), "Anna", PASSWORD)
    assert [e.value for e in at.error] == ["Only a teacher's account opens the Teach pages."]
    assert [t.value for t in at.title] == []
    at = sign_in(opened("app_pages/teacher_results.py"), "Ms Smith", "the teacher's password")
    assert [t.value for t in at.title] == ["Results"]
    assert not at.error


def test_a_teacher_resets_a_learners_password_and_never_sees_one(server):
    at = sign_in(opened("app_pages/teacher_accounts.py"), "Ms Smith", "the teacher's password")
    assert [t.value for t in at.title] == ["Accounts"]
    shown = at.dataframe[0].value
    assert list(shown["Name"]) == ["Anna", "Boris", "Ms Smith"]
    assert list(shown.columns) == ["Name", "Role", "Email"]
    at.selectbox[0].set_value(server.named("Anna").id)
    at.text_input[-1].input("from the teacher")
    next(b for b in at.button if b.label == "Set the new password").click().run()
    assert [s.value for s in at.success] == [
        "Anna has a new password; their browsers are signed out."
    ]
    assert server.sign_in("Anna", "from the teacher", None, MONDAY_NINE).name == "Anna"
    # A new learner's account, made on the same page, signs in with its first password.
    at.text_input[0].input("Vera")
    at.text_input[1].input("vera's first password")
    next(b for b in at.button if b.label == "Add account").click().run()
    assert [s.value for s in at.success] == ["Account Vera added."]
    assert list(at.dataframe[0].value["Name"]) == ["Anna", "Boris", "Ms Smith", "Vera"]
    vera = server.sign_in("Vera", "vera's first password", None, MONDAY_NINE)
    assert vera.role is Role.LEARNER


def test_a_learner_changes_their_own_password_in_settings(server):
    at = sign_in(opened("app_pages/settings.py"), "Anna", PASSWORD)
    fields = {box.label: box for box in at.text_input}
    fields["Current password"].input(PASSWORD)
    fields["New password"].input("a better password")
    fields["New password again"].input("a better password")
    next(b for b in at.button if b.label == "Change password").click().run()
    assert not at.exception
    assert [s.value for s in at.success][:1] == [
        "Password changed. Other browsers signed in to this account are signed out."
    ]
    assert server.sign_in("Anna", "a better password", None, MONDAY_NINE).name == "Anna"


def test_the_quiz_page_needs_no_account(server):
    at = opened("app_pages/quiz.py")
    assert "Sign in" not in [t.value for t in at.title]


def test_personal_mode_has_no_sign_in_and_the_picker_chooses(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    monkeypatch.delenv("FACTDECK_MODE", raising=False)
    st.cache_resource.clear()
    store = Store.open(url)
    store.create_learner("Anna", MONDAY_NINE)
    boris = store.create_learner("Boris", MONDAY_NINE)
    store.close()
    at = opened("app_pages/stats.py", {"learner": str(boris.id)})
    assert "Sign in" not in [t.value for t in at.title]
    assert at.session_state.learner_id == boris.id
    assert at.sidebar.selectbox[0].label == "Learner"
    at.switch_page("app_pages/settings.py").run()
    assert "Password" not in [s.value for s in at.subheader]
    st.cache_resource.clear()
