"""What a first visit needs before any learner exists: the interface language guessed from the
page address or the browser, and the form that creates a learner in one step."""

from __future__ import annotations

from zoneinfo import available_timezones

import streamlit as st

from app_pages.common import error_text, loaded_decks, tr, utcnow
from app_pages.strings import LANGUAGE_NAMES, LANGUAGES
from study.errors import StudyError
from study.records import Learner
from study.settings import StudySettings
from study.store import Store


def browser_language() -> str:
    """The interface language for a session that has none yet: `?lang=ru` in the address (a
    link a teacher hands out), else the browser's preferred language, else English."""
    asked = st.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    locale = st.context.locale or ""
    spoken = locale.split("-")[0].split("_")[0].lower()
    return spoken if spoken in LANGUAGES else "en"


def browser_timezone() -> str:
    """The browser's time zone when Python knows it, else UTC (the learner can change it)."""
    zone = st.context.timezone or "UTC"
    return zone if zone in available_timezones() else "UTC"


def language_switch() -> None:
    """The interface language, switched at once (outside the form, so the form below is read
    in the language just chosen) and kept in the address for a reload."""
    current = st.session_state.get("lang", "en")
    chosen = st.segmented_control(
        tr("settings.interface"),
        LANGUAGES,
        default=current if current in LANGUAGES else "en",
        format_func=lambda code: LANGUAGE_NAMES.get(code, code),
        key="first-run-lang",
    )
    if chosen and chosen != current:
        st.session_state.lang = chosen
        st.query_params["lang"] = chosen
        st.rerun()


def new_learner_form(store: Store) -> Learner | None:
    """Name and card languages, one button: the learner it created, else None. The interface
    language is the one chosen above; the time zone is the browser's."""
    lang = st.session_state.get("lang", "en")
    offered = sorted({code for deck in loaded_decks().values() for code in deck.languages})
    offered = offered or list(LANGUAGES)
    with st.form("first-learner"):
        name = st.text_input(tr("profile.name"), max_chars=80)
        cards = st.multiselect(
            tr("home.card_languages"),
            offered,
            default=[lang] if lang in offered else offered[:1],
            format_func=lambda code: LANGUAGE_NAMES.get(code, code),
        )
        zone = browser_timezone()
        st.caption(tr("home.timezone", zone=zone))
        if not st.form_submit_button(tr("home.start"), type="primary", icon=":material/school:"):
            return None
    settings = StudySettings(
        timezone=zone,
        interface_language=lang,
        content_languages=tuple(cards) or (lang,),
    )
    try:
        return store.create_learner(name, utcnow(), settings)
    except StudyError as error:
        st.error(error_text(error))
        return None
