"""The one exception family `questions` raises; cli.py and the app pages turn it into messages."""

from __future__ import annotations


class QuestionError(ValueError):
    """A bank cannot be built or graded as asked (unknown language, topic or kind...)."""
