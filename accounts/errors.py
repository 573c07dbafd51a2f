"""The accounts package's refusals, under `FactdeckError`; the CLI and the pages word them."""

from decks.errors import FactdeckError

MESSAGE_KEYS = (
    "mode_unknown",
    "account_exists",
    "account_unknown",
    "password_too_short",
    "password_too_long",
    "sign_in_wrong",
    "current_password_wrong",
    "identity_no_email",
)
"""The keys account refusals carry; the pages hold each as `error.<key>` in every language."""


class AccountError(FactdeckError):
    """A sign-in, a new account or a new password that cannot be accepted; the message says why."""
