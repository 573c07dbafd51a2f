"""The deck catalogue: every deck found, with its counts, languages and sources.

A deck that cannot be loaded is named by its folder; only a signed-in teacher sees its problems,
which quote the deck's own files and are no business of every visitor.
"""

import streamlit as st

from app_pages.classroom_ui import problem_text, teacher_signed_in
from app_pages.common import pick, plain, tr
from decks.catalogue import CATALOGUE_PROBLEM_KEYS, deck_summary, load_catalogue
from decks.loader import LoadResult


@st.cache_resource
def catalogue() -> list[LoadResult]:
    """Decks are read once per process; pages treat the result as read-only."""
    return load_catalogue()


st.title(tr("catalogue.title"))

results = catalogue()
if not results:
    st.info(tr("catalogue.none"))

teacher = teacher_signed_in()
for result in results:
    if result.deck is None or result.problems:
        folder = plain(result.directory.name if result.directory else "?")
        if not teacher:
            st.warning(tr("catalogue.unavailable", folder=folder))
            continue
        st.error(tr("catalogue.problems", folder=folder, n=len(result.problems)))
        shown = "\n".join(
            problem_text(p) if p.key in CATALOGUE_PROBLEM_KEYS else str(p)
            for p in result.problems[:20]
        )
        st.code(shown, language=None, wrap_lines=True)
        continue
    deck = result.deck
    summary = deck_summary(deck)
    with st.container(border=True):
        st.subheader(plain(pick(deck.title)))
        st.markdown(plain(pick(deck.description)))
        columns = st.columns(5)
        columns[0].metric(tr("catalogue.facts"), summary.facts)
        columns[1].metric(tr("catalogue.entities"), summary.entities)
        columns[2].metric(tr("catalogue.sources"), summary.sources)
        columns[3].metric(tr("catalogue.contested"), summary.contested)
        columns[4].metric(tr("catalogue.languages"), ", ".join(summary.languages))
        st.markdown(f"**{tr('topics')}**")
        st.markdown(
            "\n".join("  " * depth + "- " + plain(pick(t.title)) for depth, t in deck.outline())
        )
        st.markdown(f"**{tr('catalogue.sources')}**")
        for source in deck.sources:
            with st.expander(plain(pick(source.title))):
                kind = tr(f"source_kind.{source.kind}")
                author = source.author or tr("catalogue.no_author")
                byline = f"{author}, {source.year}" if source.year else author
                st.markdown(
                    plain(
                        tr("catalogue.source", byline=byline, kind=kind, language=source.language)
                    )
                )
                st.markdown(f"**{tr('catalogue.reliability')}** " + plain(pick(source.reliability)))
