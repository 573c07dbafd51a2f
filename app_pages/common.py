"""Small helpers the pages share: deck text shown safely, the language, the learner, the bank."""

import logging
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import streamlit as st

from app_pages.strings import text
from decks.catalogue import deck_dirs
from decks.errors import FactdeckError
from decks.model import Deck, in_language
from questions import QuestionBank, build_bank, check
from questions.cache import CompiledBank, cached_deck, compiled_bank
from questions.model import Kind, Question
from study.cards import FlashcardIndex, card_specs, index_flashcards
from study.errors import StudyError
from study.learner_store import LearnerStore
from study.location import database_url
from study.records import CardSpec, Learner
from study.settings import StudySettings
from study.store import Store

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])")
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)
_JOINER = "\u2060"
"""WORD JOINER: invisible and unbreakable, it stops what backslashes cannot (see `plain`)."""


def plain(text: str) -> str:
    """Escape Markdown so deck and user text shows literally: deck content, learners' and
    students' names are data, never markup (no links, images, HTML or character entities).

    Every text a page passes to something that renders Markdown goes through here: st.markdown,
    titles, captions, alerts, and the labels of widgets, expanders, tabs and radio options.
    Selectbox and multiselect options are plain text already and must not be escaped.

    Backslashes stop Markdown syntax, but Streamlit also turns `http://…`, `www.…` and
    `a@b.org` into links, and `:smile:`, `:red[…]` and `:material/…:` into emoji, colours and
    icons, after the escapes are read; an invisible word joiner after `:`, `@` and `www`
    breaks those patterns while the text reads the same.
    """
    text = _WWW.sub(r"\1" + _JOINER, text)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text.replace(":", ":" + _JOINER).replace("@", "@" + _JOINER)


def lang() -> str:
    chosen: str = st.session_state.get("lang", "en")  # session state holds values of any type
    return chosen


def pick(texts: dict[str, str], fallback: str = "") -> str:
    """The text in the interface language, with the deck model's fallback (`in_language`)."""
    return in_language(texts, lang(), fallback)


def tr(key: str, in_lang: str | None = None, **values: object) -> str:
    """Interface text (app_pages/strings.py) in `in_lang`, by default the session's language;
    a quiz passes its own language, which its students read whatever the session's is."""
    return text(key, in_lang or lang(), **values)


def utcnow() -> datetime:
    return datetime.now(UTC)


def error_text(error: FactdeckError, lang: str | None = None) -> str:
    """A refusal as its reader should read it: in the page's language when it carries a message
    key (`error.<key>`, filled with its values), else as the package worded it for an operator."""
    if error.key is None:
        return plain(str(error))
    return tr(f"error.{error.key}", lang, **{k: plain(str(v)) for k, v in error.values.items()})


def shown_wait(seconds: int, lang: str | None = None) -> str:
    if seconds < 120:
        return tr("seconds", lang, n=seconds)
    return tr("minutes", lang, n=math.ceil(seconds / 60))


def save_or_say(write: Callable[..., object], *args: object) -> bool:
    """Run one write of the progress store (a button's callback); a refusal, such as a busy
    database, shows as a notice instead of a traceback. Returns whether it was saved."""
    try:
        write(*args)
    except StudyError as error:
        st.toast(error_text(error), icon="⚠️")
        return False
    return True


def local_time(moment: datetime, settings: StudySettings) -> datetime:
    return moment.astimezone(ZoneInfo(settings.timezone))


# Shared read-only objects, built once per process


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return Store.open(url)


def progress_store() -> Store:
    """The progress database ($FACTDECK_DATABASE_URL or the per-user file); stops the page
    with the reason when it cannot be opened."""
    try:
        return _open_store(database_url())
    except StudyError as error:  # cannot be opened, or busy while it is being upgraded
        st.error(error_text(error))
        st.stop()


@st.cache_resource(show_spinner=False)
def loaded_decks() -> dict[str, Deck]:
    """Every deck that loads without problems, by id (the Decks page lists the broken ones),
    read from the bank cache when the deck has not changed since it was validated."""
    decks = (_valid_deck(folder) for folder in deck_dirs())
    return {deck.id: deck for deck in decks if deck is not None}


def _valid_deck(folder: Path) -> Deck | None:
    try:
        return cached_deck(folder)
    except FactdeckError:  # a deck with problems
        return None
    except Exception:  # whatever one deck does, the others still load (as in the catalogue)
        logging.getLogger(__name__).exception("the deck in %s could not be loaded", folder)
        return None


@st.cache_resource(show_spinner="Building the question bank…")
def compiled(deck_id: str) -> CompiledBank:
    """The deck's bank in every language and the gate's verdict, made once per process and only
    read after: from the bank cache when the deck has not changed since it was built
    (`questions.cache`; $FACTDECK_NO_CACHE=1 builds it afresh)."""
    deck = loaded_decks()[deck_id]
    try:
        return compiled_bank(deck.directory, seed=0)
    except FactdeckError:  # the folder changed since the catalogue loaded it, and broke
        bank = build_bank(deck, seed=0)
        return CompiledBank(bank, tuple(check(bank)))


def question_bank(deck_id: str) -> QuestionBank:
    return compiled(deck_id).bank


@st.cache_resource(show_spinner=False)
def flashcards_by_fact(deck_id: str) -> FlashcardIndex:
    return index_flashcards(question_bank(deck_id).questions)


# The learner


@dataclass(frozen=True)
class Session:
    """Who is studying, and their progress (a store bound to them and their settings)."""

    store: LearnerStore
    learner: Learner

    @property
    def settings(self) -> StudySettings:
        return self.store.settings


_NEW_LEARNER = 0


def learner_or_stop() -> Session:
    """The current learner, picked in the sidebar once anyone exists (remembered in the URL
    across reloads).

    With no learner yet, the page shows the form to create one and stops there. On a school
    server there is no picker and the address names nobody: the learner is the signed-in
    account's own, and the page shows the sign-in form until someone signs in.
    """
    store = progress_store()
    # Imported here: the sign-in pages build on this module's helpers.
    from app_pages.accounts_ui import require_account, server_mode

    if server_mode():
        account = require_account()
        st.query_params.pop("learner", None)
        return _session(store, store.learner(account.learner_id))
    learners = {learner.id: learner for learner in store.learners()}
    chosen = st.session_state.get("learner_id")
    if chosen not in learners:
        chosen = _learner_from_url(learners) or (
            next(iter(learners)) if len(learners) == 1 else None
        )
    if learners:
        options = [*learners, _NEW_LEARNER]
        names = {i: learner.name for i, learner in learners.items()} | {
            _NEW_LEARNER: tr("profile.new")
        }
        chosen = st.sidebar.selectbox(
            tr("profile.learner"),
            options,
            index=options.index(chosen) if chosen else len(learners),
            format_func=names.__getitem__,
            key=f"learner-{chosen}",
        )
    if chosen not in learners:
        st.session_state.learner_id = None
        st.query_params.pop("learner", None)
        _new_learner_form(store, first=not learners)
        st.stop()
    st.query_params["learner"] = str(chosen)
    return _session(store, learners[chosen])


def _session(store: Store, learner: Learner) -> Session:
    """The learner's session, the interface in their language."""
    st.session_state.learner_id = learner.id
    progress = store.for_learner(learner.id)
    if lang() != progress.settings.interface_language:
        st.session_state.lang = progress.settings.interface_language
        st.rerun()
    return Session(progress, learner)


def _learner_from_url(learners: Mapping[int, object]) -> int | None:
    wanted = st.query_params.get("learner", "")
    # The address is the browser's to forge: only a short run of ASCII digits is a number.
    if not (wanted.isascii() and wanted.isdigit() and len(wanted) <= 18):
        return None
    return int(wanted) if int(wanted) in learners else None


def _new_learner_form(store: Store, first: bool) -> None:
    """The form that creates a learner on any learner page. The `first` learner has no picker
    to pick from (it is drawn only once someone exists), so the page says so and points to
    Home, the first-run page, as the other way in."""
    if first:
        st.info(tr("profile.first"))
        st.page_link("app_pages/home.py", label=tr("profile.to_home"), icon=":material/home:")
    else:
        st.info(tr("profile.who"))
    with st.form("new-learner"):
        name = st.text_input(tr("profile.name"), max_chars=80)
        if st.form_submit_button(tr("profile.create"), type="primary"):
            settings = StudySettings(
                timezone=_browser_timezone(),
                interface_language=lang(),
                content_languages=(lang(),),
            )
            try:
                learner = store.create_learner(name, utcnow(), settings)
            except StudyError as error:
                st.error(error_text(error))
            else:
                st.session_state.learner_id = learner.id
                st.rerun()


def _browser_timezone() -> str:
    zone = st.context.timezone or "UTC"
    return zone if zone in available_timezones() else "UTC"


# Decks and cards


def choose_deck(key: str = "deck", preferred: str | None = None) -> Deck:
    """The deck to work on: the only one, or the one picked in the sidebar (`preferred` first)."""
    decks = loaded_decks()
    if not decks:
        st.warning(tr("no_decks"))
        st.stop()
    if len(decks) == 1:
        return next(iter(decks.values()))
    titles = {deck_id: pick(deck.title) for deck_id, deck in decks.items()}
    ids = list(decks)
    chosen = st.sidebar.selectbox(
        tr("deck"),
        ids,
        index=ids.index(preferred) if preferred in decks else 0,
        format_func=titles.__getitem__,
        key=f"{key}-{preferred}",
    )
    return decks[chosen]


def content_languages(deck: Deck, settings: StudySettings) -> tuple[str, ...]:
    """The learner's content languages that the deck has (else the deck's first)."""
    chosen = tuple(code for code in settings.content_languages if code in deck.languages)
    return chosen or deck.languages[:1]


@st.cache_resource(show_spinner=False)
def study_cards(deck_id: str, langs: tuple[str, ...]) -> tuple[CardSpec, ...]:
    """The deck's flashcards in these languages, as the store's card specs (once per process)."""
    bank = question_bank(deck_id).filter(langs=langs, kinds=[Kind.FLASHCARD])
    return tuple(card_specs(bank.questions))


def synced_cards(session: Session, deck: Deck) -> None:
    """Make the store know the learner's flashcards of `deck`, once per session and languages."""
    langs = content_languages(deck, session.settings)
    key = (session.learner.id, deck.id, langs)
    synced = st.session_state.setdefault("synced", set())
    if key not in synced:
        try:
            session.store.sync_cards(deck.id, study_cards(deck.id, langs))
        except StudyError as error:  # a busy database: the page can only wait for it
            st.error(error_text(error))
            st.stop()
        synced.add(key)


def show_sources(question: Question, folded: bool = False) -> None:
    """The citations on the back of a card: source title, page and the verbatim quote.

    `folded` puts the quotes in a closed expander, which keeps a phone's screen for the answer;
    where sources differ, that is said outside it either way.
    """
    if question.dispute:
        st.warning(f"**{tr('disputed')}:** {plain(question.dispute)}")
    if folded and question.sources:
        with st.expander(tr("sources.fold", count=len(question.sources)), icon="📖"):
            _citations(question)
    else:
        _citations(question)


def _citations(question: Question) -> None:
    for cited in question.sources:
        where = plain(cited.title or cited.source)
        if cited.page:
            where += f", {plain(cited.page)}"
        quote = " ".join(cited.quote.split())
        st.markdown(f"📖 **{where}**\n\n> {plain(quote)}")


def answer_text(question: Question) -> str:
    """A question's answer as one line of text: options, True/False, an order or pairs."""
    answer = question.answer
    if isinstance(answer, bool):
        return tr("practice.true") if answer else tr("practice.false")
    if isinstance(answer, dict):
        return "; ".join(f"{left} → {right}" for left, right in answer.items())
    if isinstance(answer, list | tuple):
        return " → ".join(str(item) for item in answer)
    return str(answer)
