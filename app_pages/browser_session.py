"""What a page knows of its browser beyond one Streamlit session: the address it connects from,
and cookies holding signed sign-in tokens (`classroom.teacher_session`), so a reload, which
opens a new session, finds the browser still signed in.

A cookie rather than the page address: the address shows on the projector and in the history,
while a cookie travels unseen with the connection a reload opens, where `st.context.cookies`
reads it. It is written by a line of JavaScript, the one way a Streamlit page has to set one;
a session cookie, it ends when the browser closes, and the token within stops counting after
12 hours anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st
from sqlalchemy.engine import make_url

from classroom.teacher_session import server_secret
from study.location import database_url, default_database_path


def client_address() -> str | None:
    """The address the browser's requests come from as the server sees it (None for a browser
    on the same machine); wrong passwords and joins are counted per address."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def secret_folder() -> Path:
    """Where the server's signing secret lives: beside a SQLite database file (its data
    folder), else in the per-user data folder."""
    url = make_url(database_url())
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent
    return default_database_path(os.environ, Path.home()).parent


@st.cache_resource(show_spinner=False)
def _signing_secret(folder: str) -> bytes:
    return server_secret(Path(folder))


def signing_secret() -> bytes:
    """The secret every process on this data folder signs tokens with."""
    return _signing_secret(str(secret_folder()))


def cookie(name: str) -> str | None:
    """The cookie the browser sent when it connected (anything at all: check it)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else None


def write_cookie(name: str, token: str | None) -> None:
    """Set the cookie `name` to `token` (None: delete it) from the browser. Tokens are digits,
    hex digits and dots, safe inside the script."""
    if token is None:
        value = f"{name}=; Max-Age=0; Path=/; SameSite=Strict"
    else:
        value = f"{name}={token}; Path=/; SameSite=Strict"
    with st.sidebar:
        st.html(f'<script>document.cookie = "{value}";</script>', unsafe_allow_javascript=True)
