"""Accounts of a school server: hashed passwords, sign-in, wrong passwords counted in the
database per address and per account, new passwords, the identity provider's emails, and the
mode switch; on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest
from classroom_support import BACKENDS, MONDAY_NINE, database_url

from accounts.errors import AccountError
from accounts.identity import normalised_email
from accounts.mode import Mode, mode
from accounts.records import Role
from accounts.service import Accounts
from classroom.errors import Throttled
from classroom.teacher_session import sign, valid
from classroom.throttle import SIGN_IN_POLICY
from study.schema import accounts as accounts_table
from study.store import Store

PASSWORD = "correct horse"
NOW = MONDAY_NINE


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return database_url(request.param, tmp_path)


@pytest.fixture
def accounts(url):
    service = Accounts.open(url)
    yield service
    service.close()


def test_an_account_owns_a_learner_and_keeps_only_a_hash_of_its_password(accounts):
    anna = accounts.add("  Anna   Petrova ", PASSWORD, Role.LEARNER, NOW)
    assert anna.name == "Anna Petrova" and anna.role is Role.LEARNER and not anna.is_teacher
    assert Store(accounts.engine).learner(anna.learner_id).name == "Anna Petrova"
    with accounts.engine.connect() as connection:
        stored = connection.execute(accounts_table.select()).one().password_hash
    assert PASSWORD not in stored and stored.startswith("$argon2id$")
    assert [a.name for a in accounts.all()] == ["Anna Petrova"]
    assert accounts.named("Anna  Petrova") == anna


def test_an_account_for_a_learner_who_studied_before_keeps_their_progress(accounts):
    store = Store(accounts.engine)
    learner = store.create_learner("Boris", NOW)
    boris = accounts.add("Boris", PASSWORD, Role.TEACHER, NOW)
    assert boris.learner_id == learner.id and boris.is_teacher
    assert len(store.learners()) == 1


def test_a_name_has_one_account_and_a_password_has_a_minimum_length(accounts):
    accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    with pytest.raises(AccountError) as taken:
        accounts.add("Anna", "another password", Role.TEACHER, NOW)
    assert taken.value.key == "account_exists"
    with pytest.raises(AccountError) as short:
        accounts.add("Vera", "1234567", Role.LEARNER, NOW)
    assert short.value.key == "password_too_short"
    assert [a.name for a in accounts.all()] == ["Anna"]
    with pytest.raises(AccountError) as unknown:
        accounts.named("Nobody")
    assert unknown.value.key == "account_unknown"


def test_only_the_right_password_signs_in_and_a_wrong_name_looks_the_same(accounts):
    anna = accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    assert accounts.sign_in("Anna", PASSWORD, "203.0.113.5", NOW) == anna
    for name, password in (("Anna", "wrong horse"), ("Nobody", PASSWORD)):
        with pytest.raises(AccountError) as refused:
            accounts.sign_in(name, password, "203.0.113.5", NOW)
        assert refused.value.key == "sign_in_wrong"
        assert str(refused.value) == "wrong name or password"


def test_wrong_passwords_at_one_account_are_limited_from_every_address_and_process(url):
    first, second = Accounts.open(url), Accounts.open(url)  # two app processes
    try:
        first.add("Anna", PASSWORD, Role.LEARNER, NOW)
        # Ten wrong guesses spread over ten addresses and both processes: none pays alone...
        for n in range(10):
            service = first if n % 2 else second
            with pytest.raises(AccountError):
                service.sign_in("Anna", "guess", f"198.51.100.{n}", NOW)
        # ...but the account now takes one guess per 30 s, even the right one, from anywhere.
        for service in (first, second):
            with pytest.raises(Throttled) as throttled:
                service.sign_in("Anna", PASSWORD, "192.0.2.77", NOW + timedelta(seconds=5))
            assert throttled.value.key == "throttled"
        assert first.sign_in("Anna", PASSWORD, "192.0.2.77", NOW + timedelta(seconds=31))
    finally:
        first.close()
        second.close()


def test_one_address_guessing_at_one_account_waits_after_a_few(accounts):
    accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    for _ in range(5):
        with pytest.raises(AccountError):
            accounts.sign_in("Anna", "guess", "203.0.113.9", NOW)
    with pytest.raises(Throttled):
        accounts.sign_in("Anna", PASSWORD, "203.0.113.9", NOW)
    # Another address is not held back by this one's guesses.
    assert accounts.sign_in("Anna", PASSWORD, "203.0.113.10", NOW).name == "Anna"


def test_one_address_guessing_name_after_name_is_limited(accounts):
    accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    for n in range(SIGN_IN_POLICY.free):
        with pytest.raises(AccountError):
            accounts.sign_in(f"Guess {n}", "guess", "203.0.113.9", NOW)
        if n == 0:  # a right password at a known account buys no more guesses
            accounts.sign_in("Anna", PASSWORD, "203.0.113.9", NOW)
    with pytest.raises(Throttled):
        accounts.sign_in("Anna", PASSWORD, "203.0.113.9", NOW)


def test_a_new_password_needs_the_current_one_and_signs_other_browsers_out(accounts):
    anna = accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    with pytest.raises(AccountError) as wrong:
        accounts.change_password(anna.id, "not it", "a new password", None, NOW)
    assert wrong.value.key == "current_password_wrong"
    changed = accounts.change_password(anna.id, PASSWORD, "a new password", None, NOW)
    assert changed.badge != anna.badge  # tokens bound to the old badge stop counting
    with pytest.raises(AccountError):
        accounts.sign_in("Anna", PASSWORD, None, NOW)
    assert accounts.sign_in("Anna", "a new password", None, NOW).id == anna.id


def test_a_reset_password_replaces_the_old_one(accounts):
    anna = accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    reset = accounts.set_password(anna.id, "given by the teacher", NOW)
    assert reset.badge != anna.badge
    assert accounts.sign_in("Anna", "given by the teacher", None, NOW).id == anna.id


def test_an_email_from_the_identity_provider_maps_to_its_own_account_only(accounts):
    """The mapping `st.login` relies on (no identity provider runs in the tests)."""
    teacher = accounts.add("Ms Smith", PASSWORD, Role.TEACHER, NOW, email="Smith@School.org")
    assert accounts.for_email(" smith@school.ORG ", NOW) == teacher
    first = accounts.for_email("pupil@school.org", NOW)
    assert (first.name, first.role, first.email) == ("pupil@school.org", Role.LEARNER, first.email)
    assert accounts.for_email("Pupil@school.org", NOW) == first
    # An account merely named like an address is not handed to whoever has that address.
    accounts.add("eve@school.org", PASSWORD, Role.TEACHER, NOW)
    with pytest.raises(AccountError) as taken:
        accounts.for_email("eve@school.org", NOW)
    assert taken.value.key == "account_exists"
    # An account made by the provider has no password to sign in with here.
    with pytest.raises(AccountError):
        accounts.sign_in("pupil@school.org", "", None, NOW)


@pytest.mark.parametrize("sent", [None, "", "no-at-sign", "@school.org", "a b@school.org", 42])
def test_without_an_email_the_identity_provider_signs_nobody_in(sent):
    with pytest.raises(AccountError) as refused:
        normalised_email(sent)
    assert refused.value.key == "identity_no_email"


def test_the_mode_is_personal_unless_the_server_is_asked_for():
    assert mode({}) is Mode.PERSONAL
    assert mode({"FACTDECK_MODE": "personal"}) is Mode.PERSONAL
    assert mode({"FACTDECK_MODE": " Server "}) is Mode.SERVER
    with pytest.raises(AccountError) as unknown:
        mode({"FACTDECK_MODE": "sever"})
    assert unknown.value.key == "mode_unknown"


def test_a_sign_in_token_counts_for_its_own_account_only_and_until_it_expires(accounts):
    anna = accounts.add("Anna", PASSWORD, Role.LEARNER, NOW)
    boris = accounts.add("Boris", PASSWORD, Role.TEACHER, NOW)
    secret = b"s" * 32
    token = sign(secret, anna.badge, NOW, anna.subject)
    assert valid(token, secret, anna.badge, NOW + timedelta(hours=11), anna.subject)
    assert not valid(token, secret, anna.badge, NOW + timedelta(hours=13), anna.subject)
    assert not valid(token, secret, boris.badge, NOW, boris.subject)
    assert not valid(token, secret, anna.badge, NOW, boris.subject)  # same badge, other account
    assert not valid(token, secret, anna.badge, NOW)  # nor the shared teacher password's
    reset = accounts.set_password(anna.id, "a new password", NOW)
    assert not valid(token, secret, reset.badge, NOW, reset.subject)
