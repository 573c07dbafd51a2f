"""`FactdeckError`, the one root of every exception the project raises on purpose.

It lives in `decks` because `decks` is the lowest package: `questions`, `study`, `classroom` and
`exporters` all build on it and it imports none of them, so every family can derive from this
root without an import cycle. Catching `FactdeckError` catches every refusal a user can act on,
and nothing else: a bug still surfaces as the exception it is.
"""


class FactdeckError(Exception):
    """Something a curator, learner, teacher or operator can act on; the message says what.

    The message is English, for the command line and logs. A refusal a page shows also carries a
    `key` naming its message and the `values` that fill it in, so that the page words it in its
    reader's language (the interface strings hold each as `error.<key>`); services return that
    data and never word a sentence for a page.
    """

    key: str | None = None

    def __init__(self, message: str = "", *, key: str | None = None, **values: object):
        super().__init__(message)
        if key is not None:
            self.key = key
        self.values = values
