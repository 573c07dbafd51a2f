"""Accounts (school server only): the teacher adds learners' accounts and sets a new password
for a learner who forgot theirs. Passwords are only ever set here, never shown: the database
keeps none, only their hashes."""

import streamlit as st

from accounts.records import Account, Role
from app_pages.accounts_ui import accounts_or_stop, refusal_text, require_teacher_account
from app_pages.common import plain, tr, utcnow
from decks.errors import FactdeckError


def role_name(account: Account) -> str:
    return tr("accounts.teacher") if account.is_teacher else tr("accounts.learner")


require_teacher_account()
accounts = accounts_or_stop()
st.title(tr("accounts.title"))
st.caption(tr("accounts.intro"))

st.subheader(tr("accounts.add"))
with st.form("add-account", clear_on_submit=True):
    name = st.text_input(tr("account.name"), max_chars=80)
    first = st.text_input(tr("accounts.first_password"), type="password")
    if st.form_submit_button(tr("accounts.add_button")):
        try:
            added = accounts.add(name, first, Role.LEARNER, utcnow())
        except FactdeckError as error:
            st.error(refusal_text(error))
        else:
            st.success(tr("accounts.added", name=plain(added.name)))

every = accounts.all()
st.dataframe(
    [
        {
            tr("accounts.col_name"): account.name,
            tr("accounts.col_role"): role_name(account),
            tr("accounts.col_email"): account.email or "",
        }
        for account in every
    ],
    hide_index=True,
)

st.subheader(tr("accounts.reset"))
learners = {account.id: account.name for account in every if not account.is_teacher}
if not learners:
    st.info(tr("accounts.no_learners"))
    st.stop()
with st.form("reset-password", clear_on_submit=True):
    whose = st.selectbox(tr("accounts.whose"), list(learners), format_func=learners.__getitem__)
    new = st.text_input(tr("account.new_password"), type="password")
    if st.form_submit_button(tr("accounts.reset_button")) and whose is not None:
        try:
            accounts.set_password(whose, new, utcnow())
        except FactdeckError as error:
            st.error(refusal_text(error))
        else:
            st.success(tr("accounts.reset_done", name=plain(learners[whose])))
