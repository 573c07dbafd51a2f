"""The exception family `questions` raises, under `FactdeckError`; cli.py and the app pages turn
it into messages. `ValueError` stays a base so callers that catch it keep working."""

from __future__ import annotations

from decks.errors import FactdeckError


class QuestionError(FactdeckError, ValueError):
    """A bank cannot be built or graded as asked (unknown language, topic or kind...)."""
