"""Which account a school identity provider's user is: by the email it vouches for.

Only the email stored on an account maps to it, never a name that looks alike, so nobody whose
provider lets them choose an address can take over an account made on the command line. An
email seen for the first time gets a new learner account named after it.
"""

from __future__ import annotations

from accounts.errors import AccountError

MAX_EMAIL = 320


def normalised_email(email: object) -> str:
    """The email as accounts store it (trimmed, lower case); AccountError when the provider
    sent none or something that is not one."""
    if not isinstance(email, str):
        raise AccountError("the identity provider sent no email address", key="identity_no_email")
    cleaned = email.strip().lower()
    local, at, domain = cleaned.partition("@")
    spaced = any(character.isspace() for character in cleaned)
    if not (at and local and domain) or len(cleaned) > MAX_EMAIL or spaced:
        raise AccountError("the identity provider sent no email address", key="identity_no_email")
    return cleaned


def account_name(email: str) -> str:
    """The name a new account from the provider gets: its email, which no other account's
    sign-in shares (names are at most 80 characters, as learners' are)."""
    return email[:80]
