"""Settings: the learner's languages, retention, steps, daily limits and day boundary, and
their own scheduler parameters once they have enough reviews."""

from zoneinfo import available_timezones

import streamlit as st

from app_pages.accounts_ui import change_password_form, signed_in_account
from app_pages.common import error_text, learner_or_stop, loaded_decks, plain, tr, utcnow
from app_pages.strings import LANGUAGE_NAMES, LANGUAGES
from study.errors import StudyError
from study.optimising import MIN_REVIEWS
from study.settings import format_steps, parse_steps

st.session_state.setdefault("settings_saved", False)

session = learner_or_stop()
store, learner, settings = session.store, session.learner, session.settings

st.title(tr("settings.title"))
st.subheader(tr("settings.profile"))
st.markdown(tr("profile.current", name=plain(learner.name)))
account = signed_in_account()  # a school server's: its password is changed here
if account is not None:
    change_password_form(account)

content_choices = sorted({code for deck in loaded_decks().values() for code in deck.languages})
content_choices = content_choices or list(LANGUAGES)
zones = sorted(available_timezones())

with st.form("settings"):
    st.subheader(tr("settings.languages"))
    interface = st.radio(
        tr("settings.interface"),
        LANGUAGES,
        index=LANGUAGES.index(settings.interface_language)
        if settings.interface_language in LANGUAGES
        else 0,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
    )
    content = st.multiselect(
        tr("settings.content"),
        content_choices,
        default=[c for c in settings.content_languages if c in content_choices],
        format_func=lambda code: LANGUAGE_NAMES.get(code, code),
    )
    st.subheader(tr("settings.schedule"))
    retention = st.slider(
        tr("settings.retention"), 0.70, 0.99, settings.desired_retention, step=0.01
    )
    learning = st.text_input(tr("settings.learning_steps"), format_steps(settings.learning_steps))
    relearning = st.text_input(
        tr("settings.relearning_steps"), format_steps(settings.relearning_steps)
    )
    columns = st.columns(2)
    new_per_day = columns[0].number_input(tr("settings.new_per_day"), 0, 9999, settings.new_per_day)
    reviews_per_day = columns[1].number_input(
        tr("settings.reviews_per_day"), 0, 99999, settings.reviews_per_day
    )
    day_starts_at = columns[0].number_input(
        tr("settings.day_starts_at"), 0, 23, settings.day_starts_at
    )
    timezone = columns[1].selectbox(
        tr("settings.timezone"),
        zones,
        index=zones.index(settings.timezone) if settings.timezone in zones else 0,
    )
    if st.form_submit_button(tr("settings.save"), type="primary"):
        try:
            changed = settings.with_changes(
                interface_language=interface,
                content_languages=tuple(content),
                desired_retention=round(retention, 2),
                learning_steps=parse_steps(learning),
                relearning_steps=parse_steps(relearning),
                new_per_day=int(new_per_day),
                reviews_per_day=int(reviews_per_day),
                day_starts_at=int(day_starts_at),
                timezone=timezone,
            )
            store.save_settings(changed, utcnow())
        except StudyError as error:
            st.error(error_text(error))
        else:
            st.session_state.settings_saved = True
            st.rerun()

if st.session_state.settings_saved:
    st.success(tr("settings.saved"))
    st.session_state.settings_saved = False

st.subheader(tr("optimise.title"))
count = store.review_count()
in_use = tr("optimise.personal") if settings.parameters else tr("optimise.default")
st.caption(f"{in_use} {tr('optimise.intro', needed=MIN_REVIEWS)}")
if count < MIN_REVIEWS:
    st.info(tr("optimise.wait", count=count, needed=MIN_REVIEWS))
elif st.button(tr("optimise.start"), key="optimise"):
    with st.spinner(tr("optimise.working", count=count)):
        try:
            result, _ = store.optimise(utcnow())
        except StudyError as error:
            st.error(error_text(error))
            st.stop()
    figures = {"current": f"{result.current_loss:.4f}", "fitted": f"{result.fitted_loss:.4f}"}
    if result.adopted:
        st.success(tr("optimise.adopted", **figures))
    else:
        st.info(tr("optimise.kept", **figures))
st.caption(tr("settings.storage", where=store.engine.url.render_as_string(hide_password=True)))
