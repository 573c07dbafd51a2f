"""Home: what Factdeck is in two sentences, and one way in. A newcomer creates a learner here
(name, languages, the browser's time zone) and goes straight to studying."""

import streamlit as st

from app_pages.accounts_ui import server_mode
from app_pages.common import learner_or_stop, plain, progress_store, tr
from app_pages.first_run import language_switch, new_learner_form

st.title("Factdeck")
st.markdown(tr("home.intro"))

store = progress_store()
if not server_mode() and not store.learners():  # a school server's learners sign in
    st.subheader(tr("home.first_time"))
    language_switch()
    learner = new_learner_form(store)
    if learner is not None:
        st.session_state.learner_id = learner.id
        st.query_params["learner"] = str(learner.id)
        st.switch_page("app_pages/study.py")
else:
    session = learner_or_stop()
    st.subheader(tr("home.welcome_back", name=plain(session.learner.name)))
    if st.button(tr("home.start"), type="primary", icon=":material/school:"):
        st.switch_page("app_pages/study.py")
    if not server_mode():
        st.caption(tr("home.other_learner"))
