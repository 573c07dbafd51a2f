"""Factdeck's Streamlit entry point: page navigation only; each screen lives in app_pages/."""

import streamlit as st

st.set_page_config(page_title="Factdeck", page_icon="🗂️", layout="wide")
st.session_state.setdefault("lang", "en")

pages = [
    st.Page("app_pages/catalogue.py", title="Decks", icon="📚", default=True),
]
st.navigation(pages).run()
