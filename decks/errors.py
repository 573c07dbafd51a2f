"""`FactdeckError`, the one root of every exception the project raises on purpose.

It lives in `decks` because `decks` is the lowest package: `questions`, `study`, `classroom` and
`exporters` all build on it and it imports none of them, so every family can derive from this
root without an import cycle. Catching `FactdeckError` catches every refusal a user can act on,
and nothing else: a bug still surfaces as the exception it is.
"""


class FactdeckError(Exception):
    """Something a curator, learner, teacher or operator can act on; the message says what."""
