"""Single keys that press a page's buttons, for a teacher working through hundreds of items.

Streamlit has no key bindings of its own. The streamlit-shortcuts component presses its button
on the key wherever it is typed, so an "a" typed into a retirement reason would approve the
question; this script ignores keys typed into a field or list, and keys held with Ctrl, Alt or
Cmd, so typing and the browser's own shortcuts keep working.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import streamlit as st

_SCRIPT = """<script>
(() => {
  window.factdeckKeys = %s;
  if (window.factdeckKeysListening) return;
  window.factdeckKeysListening = true;
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) return;
    const typing = "input, textarea, select, [contenteditable], [role=listbox], [role=option]";
    if (event.target instanceof Element && event.target.closest(typing)) return;
    const key = window.factdeckKeys[event.code];
    const target = key && document.querySelector(`.st-key-${key} :is(button, summary)`);
    if (!target || target.disabled) return;
    event.preventDefault();
    target.click();
  });
})();
</script>"""


def key_shortcuts(keys: Mapping[str, str]) -> None:
    """Make each key (a letter) press the button, or open the expander, inside the element of
    that widget key; a key whose element is not on the page does nothing. Keys are matched by
    their place on the keyboard, so A is A on a Russian layout too, where it types "ф"."""
    codes = {f"Key{letter.upper()}": widget for letter, widget in keys.items()}
    st.html(_SCRIPT % json.dumps(codes), unsafe_allow_javascript=True)
