"""Signing in on a school server: who this browser is, the sign-in form, signing out, and
changing a password. In personal mode nobody signs in and every function here says so.

A browser stays signed in across reloads by a cookie holding `<account>.<expiry>.<signature>`,
a token signed for that account (`classroom.teacher_session`) and bound to its password hash
and role: a new password, a reset by the teacher or a new role signs every browser of the
account out. With the school's identity provider configured (`[auth]` in secrets.toml),
Streamlit's own sign-in (`st.login`) is offered too and its email picks the account.
"""

from __future__ import annotations

import math
import os
import time

import streamlit as st

from accounts.errors import AccountError
from accounts.mode import Mode, mode
from accounts.records import Account
from accounts.service import Accounts
from app_pages.browser_session import client_address, cookie, signing_secret, write_cookie
from app_pages.common import error_text, plain, shown_wait, tr, utcnow
from classroom.errors import Throttled
from classroom.teacher_session import sign, valid
from decks.errors import FactdeckError
from study.errors import StudyError
from study.location import database_url
from study.records import Learner
from study.store import Store

ACCOUNT_COOKIE = "factdeck_account"
FAILED_SIGN_IN_PAUSE = 1.0
"""Seconds a wrong password costs its browser session, besides the counts in the database."""
_PENDING = "account_cookie"


def server_mode() -> bool:
    """Whether this is a school server; a mode the server does not know stops the page."""
    try:
        return mode(os.environ) is Mode.SERVER
    except AccountError as error:
        st.error(error_text(error))
        st.stop()


@st.cache_resource(show_spinner=False)
def _open_accounts(url: str) -> Accounts:
    return Accounts.open(url)


def accounts_or_stop() -> Accounts:
    try:
        return _open_accounts(database_url())
    except StudyError as error:
        st.error(error_text(error))
        st.stop()


def signed_in_account() -> Account | None:
    """The account this browser is signed in to, here or before a reload (None in personal
    mode, and until someone signs in)."""
    if not server_mode():
        return None
    if _PENDING in st.session_state:  # decided on the run before, which ended in a rerun
        write_cookie(ACCOUNT_COOKIE, st.session_state.pop(_PENDING))
    accounts = accounts_or_stop()
    known = st.session_state.get("account_id")
    if known is not None:
        account = accounts.get(known)
        if account is not None and account.badge == st.session_state.get("account_badge"):
            return account
        _forget()  # a new password or role since: sign in again
        return None
    if st.session_state.get("account_signed_out"):
        return None
    account = _from_cookie(accounts) or _from_identity_provider(accounts)
    if account is not None:
        _remember(account)
    return account


def _from_cookie(accounts: Accounts) -> Account | None:
    token = cookie(ACCOUNT_COOKIE)
    if token is None:
        return None
    number, _, signed = token.partition(".")
    # The cookie is the browser's to forge: only a short run of ASCII digits is a number.
    if not (number.isascii() and number.isdigit() and len(number) <= 18):
        return None
    account = accounts.get(int(number))
    if account is None or not valid(
        signed, signing_secret(), account.badge, utcnow(), account.subject
    ):
        return None
    return account


def identity_provider_configured() -> bool:
    """Whether secrets.toml has an `[auth]` section, which `st.login` needs."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def _from_identity_provider(accounts: Accounts) -> Account | None:
    if not identity_provider_configured() or not st.user.is_logged_in:
        return None
    try:
        return accounts.for_email(st.user.get("email"), utcnow())
    except FactdeckError as error:
        st.error(refusal_text(error))
        return None


def _remember(account: Account) -> None:
    st.session_state.account_id = account.id
    st.session_state.account_badge = account.badge
    st.session_state.account_signed_out = False


def _forget() -> None:
    st.session_state.account_id = None
    st.session_state.account_badge = None
    st.session_state.account_signed_out = True  # the cookie read at connection stays
    st.session_state[_PENDING] = None


def refusal_text(error: FactdeckError) -> str:
    """A refusal in the page's language; a wait says how long."""
    if isinstance(error, Throttled):
        return tr("error.throttled", wait=shown_wait(math.ceil(error.wait.total_seconds())))
    return error_text(error)


def require_account() -> Account:
    """The signed-in account, with a way to sign out in the sidebar; else the sign-in form,
    and the page stops there."""
    account = signed_in_account()
    if account is None:
        sign_in_form()
        st.stop()
    st.sidebar.caption(tr("account.signed_in_as", name=plain(account.name)))
    if st.sidebar.button(tr("account.sign_out"), icon=":material/logout:", key="sign-out"):
        _forget()
        if identity_provider_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()
    return account


def require_teacher_account() -> Account:
    """The signed-in teacher; a learner's account is turned away."""
    account = require_account()
    if not account.is_teacher:
        st.error(tr("account.teachers_only"))
        st.stop()
    return account


def sign_in_form() -> None:
    st.title(tr("account.sign_in_title"))
    st.caption(tr("account.sign_in_intro"))
    with st.form("sign-in"):
        name = st.text_input(tr("account.name"), max_chars=80)
        password = st.text_input(tr("account.password"), type="password")
        if st.form_submit_button(tr("account.sign_in"), type="primary"):
            try:
                account = accounts_or_stop().sign_in(name, password, client_address(), utcnow())
            except AccountError as error:
                time.sleep(FAILED_SIGN_IN_PAUSE)
                st.error(refusal_text(error))
            except FactdeckError as error:  # throttled, or a busy database
                st.error(refusal_text(error))
            else:
                _remember(account)
                st.session_state[_PENDING] = _token(account)
                st.rerun()
    if identity_provider_configured():
        if st.button(tr("account.identity_provider"), icon=":material/badge:"):
            st.login()


def _token(account: Account) -> str:
    return f"{account.id}.{sign(signing_secret(), account.badge, utcnow(), account.subject)}"


def change_password_form(account: Account) -> None:
    """The account's own new password, after the current one; this browser stays signed in."""
    st.subheader(tr("account.change_password"))
    with st.form("change-password", clear_on_submit=True):
        current = st.text_input(tr("account.current_password"), type="password")
        new = st.text_input(tr("account.new_password"), type="password")
        again = st.text_input(tr("account.repeat_password"), type="password")
        if st.form_submit_button(tr("account.save_password")):
            if new != again:
                st.error(tr("account.passwords_differ"))
                return
            try:
                changed = accounts_or_stop().change_password(
                    account.id, current, new, client_address(), utcnow()
                )
            except FactdeckError as error:
                st.error(refusal_text(error))
            else:
                _remember(changed)
                write_cookie(ACCOUNT_COOKIE, _token(changed))
                st.success(tr("account.password_changed"))


def visible_learners(store: Store) -> list[Learner]:
    """The learners this browser may see: everyone in personal mode, on a school server only
    the signed-in account's own (nobody before sign-in)."""
    if not server_mode():
        return store.learners()
    account = signed_in_account()
    return [] if account is None else [store.learner(account.learner_id)]
