"""The catalogue page lists the shipped deck with its counts and sources."""

import pytest
import streamlit as st
from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


def test_catalogue_lists_the_deck_with_counts_and_sources():
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("Soviet–Japanese diplomacy" in h.value for h in at.subheader)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Facts"]) > 0
    assert int(metrics["Sources"]) == 4
    assert "en, ru" in metrics["Languages"]
    expander_labels = [e.label for e in at.expander]
    assert "Changchun Conference" in expander_labels
    assert any("ideologically biased" in m.value for m in at.markdown)
