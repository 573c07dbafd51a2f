"""The deck catalogue: every deck found, with its counts, languages and sources.

A deck that cannot be loaded is named by its folder; only a signed-in teacher sees its problems,
which quote the deck's own files and are no business of every visitor.
"""

import streamlit as st

from app_pages.classroom_ui import teacher_signed_in
from app_pages.common import pick, plain, tr
from decks.catalogue import deck_summary, load_catalogue


@st.cache_resource
def catalogue():
    """Decks are read once per process; pages treat the result as read-only."""
    return load_catalogue()


st.title("Decks")

results = catalogue()
if not results:
    st.info("No decks found. Add a folder with a deck.yaml under decks/ (see docs/deck-format.md).")

teacher = teacher_signed_in()
for result in results:
    if result.deck is None or result.problems:
        folder = plain(result.directory.name if result.directory else "?")
        if not teacher:
            st.warning(tr("catalogue.unavailable", folder=folder))
            continue
        st.error(tr("catalogue.problems", folder=folder, n=len(result.problems)))
        st.code("\n".join(str(p) for p in result.problems[:20]), language=None, wrap_lines=True)
        continue
    deck = result.deck
    summary = deck_summary(deck)
    with st.container(border=True):
        st.subheader(plain(pick(deck.title)))
        st.markdown(plain(pick(deck.description)))
        columns = st.columns(5)
        columns[0].metric("Facts", summary.facts)
        columns[1].metric("Entities", summary.entities)
        columns[2].metric("Sources", summary.sources)
        columns[3].metric("Contested", summary.contested)
        columns[4].metric("Languages", ", ".join(summary.languages))
        st.markdown("**Topics**")
        st.markdown(
            "\n".join("  " * depth + "- " + plain(pick(t.title)) for depth, t in deck.outline())
        )
        st.markdown("**Sources**")
        for source in deck.sources:
            with st.expander(plain(pick(source.title))):
                byline = source.author or "Author not named"
                if source.year:
                    byline += f", {source.year}"
                st.markdown(plain(f"{byline} · {source.kind} · language: {source.language}"))
                st.markdown("**Reliability:** " + plain(pick(source.reliability)))
