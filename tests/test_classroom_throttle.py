"""Password guessing and join floods, limited per address and overall, counted in the database:
the rules at fixed times, then the teacher's login, the quiz password and joins through the
service, across two services on one database (two app processes), on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import timedelta

import pytest
from classroom_support import (
    BACKENDS,
    MONDAY_NINE,
    at_classroom_revision,
    database_url,
    decks,
    mini_bank,
)

from classroom import throttle
from classroom.errors import NoAttemptsLeft, Throttled, WrongPassword
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec
from classroom.throttle import (
    JOIN_RATE,
    QUIZ_POLICY,
    TEACHER_POLICY,
    client_key,
    rate_wait,
    wait,
)
from questions.model import Kind
from study.database import connect

T = MONDAY_NINE
SECOND = timedelta(seconds=1)
PASSWORD = "correct horse battery"
SPEC = QuizSpec(
    title="Dairen",
    deck="mini",
    lang="en",
    count=3,
    kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE),
    opens_at=T,
    closes_at=T + timedelta(hours=3),
    time_limit=timedelta(minutes=10),
    password="tanaka-1921",
)


def seconds(n: float):
    return T + timedelta(seconds=n)


# The rules, at fixed times


@pytest.mark.parametrize(
    ("failures", "pause"),
    [
        (0, timedelta(0)),
        (1, timedelta(0)),
        (2, timedelta(0)),
        (3, timedelta(seconds=1)),
        (4, timedelta(seconds=2)),
        (5, timedelta(seconds=4)),
        (6, timedelta(seconds=8)),
        (7, timedelta(seconds=16)),
        (8, timedelta(seconds=32)),
        (9, timedelta(minutes=1)),  # 64 s, capped
        (10, timedelta(minutes=15)),  # locked out
    ],
)
def test_a_teacher_login_pauses_double_after_three_failures_and_lock_after_ten(failures, pause):
    mine = [seconds(n) for n in range(failures)]
    now = mine[-1] if mine else T
    assert wait(TEACHER_POLICY, mine, mine, now) == pause


def test_the_pause_runs_from_the_last_failure_and_old_failures_stop_counting():
    mine = [seconds(0), seconds(10), seconds(20), seconds(30), seconds(40)]
    assert wait(TEACHER_POLICY, mine, mine, seconds(41)) == timedelta(seconds=3)
    assert wait(TEACHER_POLICY, mine, mine, seconds(44)) == timedelta(0)
    # 15 minutes after the first, it no longer counts: with a new one, five make a 4 s pause.
    assert wait(TEACHER_POLICY, mine, mine, seconds(900) + SECOND) == timedelta(0)
    assert wait(TEACHER_POLICY, [*mine, seconds(901)], mine, seconds(901)) == 4 * SECOND


def test_a_lockout_lasts_fifteen_minutes_after_the_tenth_failure():
    mine = [seconds(60 * n) for n in range(10)]  # one a minute: never paused for long
    last = mine[-1]
    assert wait(TEACHER_POLICY, mine, mine, last) == timedelta(minutes=15)
    assert wait(TEACHER_POLICY, mine, mine, last + timedelta(minutes=14)) == timedelta(minutes=1)
    assert wait(TEACHER_POLICY, mine, mine, last + timedelta(minutes=15)) == timedelta(0)


def test_a_hundred_failures_from_anywhere_slow_every_address():
    everyone = [seconds(5 * n) for n in range(100)]
    now = everyone[-1] + SECOND
    assert wait(TEACHER_POLICY, [], everyone[:99], now) == timedelta(0)
    assert wait(TEACHER_POLICY, [], everyone, now) == timedelta(seconds=29)
    assert wait(TEACHER_POLICY, [], everyone, everyone[-1] + 30 * SECOND) == timedelta(0)
    # Once the first of them is 15 minutes old, the 99 left no longer slow anyone.
    later = everyone[0] + timedelta(minutes=15)
    assert wait(TEACHER_POLICY, [], [*everyone[1:]], later) == timedelta(0)


def test_a_quiz_password_allows_a_class_some_typos_before_the_pauses():
    mine = [seconds(n) for n in range(9)]
    assert wait(QUIZ_POLICY, mine, mine, seconds(9)) == timedelta(0)
    mine.append(seconds(9))
    assert wait(QUIZ_POLICY, mine, mine, seconds(9)) == SECOND
    many = [seconds(20 * n) for n in range(30)]
    assert wait(QUIZ_POLICY, many, many, many[-1]) == timedelta(minutes=15)


def test_joins_are_limited_per_address_per_minute():
    joins = [seconds(n / 10) for n in range(JOIN_RATE.count)]  # a class, all in 12 s
    assert rate_wait(JOIN_RATE, joins[:-1], seconds(30)) == timedelta(0)
    assert rate_wait(JOIN_RATE, joins, seconds(30)) == timedelta(seconds=30)
    assert rate_wait(JOIN_RATE, joins, seconds(60)) == timedelta(0)
    assert rate_wait(JOIN_RATE, [seconds(n) for n in range(40)], seconds(40)) == timedelta(0)


def test_addresses_are_counted_by_client_and_an_ipv6_host_by_its_network():
    assert client_key(None) == client_key("") == "unknown"
    assert client_key(" 203.0.113.7 ") == "203.0.113.7"
    assert client_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2:bbbb::9")
    assert client_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert client_key("2001:db8:1:3::1") != client_key("2001:db8:1:2::1")
    assert len(client_key("x" * 500)) == 64


# Through the service, in the database


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    return database_url(request.param, tmp_path)


@pytest.fixture
def services(url):
    """Two services on one database, as two app processes would have."""
    first, second = Classroom.open(url, decks), Classroom.open(url, decks)
    yield first, second
    first.close()
    second.close()


def guess(classroom: Classroom, password: str, client: str, now) -> bool | Throttled:
    try:
        return classroom.check_teacher_password(password, PASSWORD, client, now)
    except Throttled as refused:
        return refused


def test_teacher_guesses_from_two_processes_share_one_count(services):
    first, second = services
    address = "203.0.113.7"
    assert guess(first, "a", address, seconds(0)) is False
    assert guess(second, "b", address, seconds(1)) is False
    assert guess(first, "c", address, seconds(2)) is False
    refused = guess(second, PASSWORD, address, seconds(2))  # the right one, but too soon
    assert isinstance(refused, Throttled) and refused.wait == SECOND
    assert (refused.key, refused.values) == ("throttled", {"seconds": 1})
    assert guess(second, PASSWORD, "198.51.100.1", seconds(2)) is True  # others are not held
    assert guess(second, PASSWORD, address, seconds(3)) is True
    assert guess(first, "d", address, seconds(3)) is False  # a right password starts afresh
    assert guess(first, "e", address, seconds(3)) is False


def test_teacher_guesses_are_held_to_the_documented_rate(url):
    """Guessers at several addresses, each as fast as it is let, for an hour: at most 10
    wrong guesses per address in any 15 minutes, and over 100 from all of them together only
    one per 30 seconds."""
    classroom = Classroom.open(url, decks)
    addresses = [f"203.0.113.{n}" for n in range(14)]
    ready = dict.fromkeys(addresses, T)
    made: dict[str, list] = {address: [] for address in addresses}
    try:
        while True:
            address = min(ready, key=ready.get)
            now = ready[address]
            if now >= T + timedelta(hours=1):
                break
            outcome = guess(classroom, "guess", address, now)
            if isinstance(outcome, Throttled):
                ready[address] = now + outcome.wait
            else:
                assert outcome is False
                made[address].append(now)
                ready[address] = now + timedelta(milliseconds=100)
    finally:
        classroom.close()
    window = timedelta(minutes=15)
    for address, times in made.items():
        assert max(sum(1 for t in times if s <= t < s + window) for s in times) <= 10, address
    everyone = sorted(t for times in made.values() for t in times)
    busiest = max(sum(1 for t in everyone if s <= t < s + window) for s in everyone)
    assert 100 <= busiest <= 100 + 30
    assert len(everyone) < 14 * 40  # unthrottled, 14 guessers would make 500 000


def test_a_quiz_password_is_guessed_no_faster_across_two_processes(services):
    first, second = services
    quiz = first.create_quiz(SPEC, candidates(SPEC, mini_bank()), T)
    address = "203.0.113.7"
    for n in range(10):
        service = (first, second)[n % 2]
        with pytest.raises(WrongPassword) as wrong:
            service.join(quiz.join_code, "Ann", f"guess-{n}", seconds(60), client=address)
        assert wrong.value.key == "wrong_password"
    with pytest.raises(Throttled) as refused:  # the right password is not even compared
        second.join(quiz.join_code, "Ann", "tanaka-1921", seconds(60), client=address)
    assert refused.value.wait == SECOND
    with second.engine.connect() as connection:
        assert throttle.failures(connection, throttle.QUIZ_PASSWORD) == 10
    assert first.join(quiz.join_code, "Boris", "tanaka-1921", seconds(60), client="198.51.100.1")
    joined = second.join(quiz.join_code, "Ann", "tanaka-1921", seconds(61), client=address)
    assert joined.attempt.student == "Ann"
    with second.engine.connect() as connection:
        assert throttle.failures(connection, throttle.QUIZ_PASSWORD) == 0  # the address is clear


def test_knowing_one_quizs_password_clears_nothing_of_the_guesses_at_another(services):
    first, second = services
    target = first.create_quiz(SPEC, candidates(SPEC, mini_bank()), T)
    own_spec = replace(SPEC, title="Own class", password="own-class")
    own = first.create_quiz(own_spec, candidates(own_spec, mini_bank()), T)
    address = "203.0.113.7"
    first.join(own.join_code, "Mallory", "own-class", seconds(60), client=address)
    for n in range(10):
        with pytest.raises(WrongPassword):
            first.join(target.join_code, f"M{n}", f"guess-{n}", seconds(60), client=address)
        with pytest.raises(NoAttemptsLeft):  # the right password at the attacker's own quiz
            second.join(own.join_code, "Mallory", "own-class", seconds(60), client=address)
    with pytest.raises(Throttled):
        first.join(target.join_code, "M10", "guess-10", seconds(60), client=address)
    with second.engine.connect() as connection:
        assert throttle.failures(connection, throttle.QUIZ_PASSWORD) == 10


def test_joins_beyond_the_limit_are_refused_and_a_class_behind_one_address_gets_in(services):
    first, second = services
    open_quiz = QuizSpec(title="Open", deck="mini", lang="en", count=2, kinds=SPEC.kinds)
    quiz = first.create_quiz(open_quiz, candidates(open_quiz, mini_bank()), T)
    school = "203.0.113.7"
    for n in range(JOIN_RATE.count):  # three classes of 40 behind the school's one address
        service = (first, second)[n % 2]
        service.join(quiz.join_code, f"Student {n}", "", seconds(n / 4), client=school)
    with pytest.raises(Throttled) as refused:
        first.join(quiz.join_code, "One too many", "", seconds(40), client=school)
    assert refused.value.key == "joins_throttled"
    assert refused.value.wait == timedelta(seconds=20)
    with pytest.raises(Throttled):  # a refused join is not counted, nor a wrong code
        second.join("ZZZZ-ZZZZ", "One too many", "", seconds(59), client=school)
    second.join(quiz.join_code, "From home", "", seconds(40), client="198.51.100.1")
    first.join(quiz.join_code, "One too many", "", seconds(60), client=school)


def test_a_classroom_database_from_before_the_limits_is_upgraded_keeping_its_quizzes(url):
    at_classroom_revision(url, "0001")
    older = Classroom(connect(url), decks)  # the service as it was, on the tables of revision 0001
    quiz = older.create_quiz(SPEC, candidates(SPEC, mini_bank()), T)
    older.close()
    upgraded = Classroom.open(url, decks)
    try:
        assert upgraded.quiz(quiz.id).spec == SPEC
        with pytest.raises(WrongPassword):
            upgraded.join(quiz.join_code, "Ann", "guess", seconds(60), client="203.0.113.7")
        with upgraded.engine.connect() as connection:
            assert throttle.failures(connection, throttle.QUIZ_PASSWORD) == 1
    finally:
        upgraded.close()


def test_a_flood_of_wrong_guesses_at_one_quiz_holds_no_other_class_out(services):
    first, second = services
    flooded = first.create_quiz(SPEC, candidates(SPEC, mini_bank()), T)
    other_spec = replace(SPEC, title="Another class", password="another")
    other = first.create_quiz(other_spec, candidates(other_spec, mini_bank()), T)
    for n in range(QUIZ_POLICY.overall_after):  # one guess from each of many addresses
        with pytest.raises(WrongPassword):
            first.join(flooded.join_code, f"G{n}", "guess", seconds(60), client=f"10.0.{n}.1")
    with pytest.raises(Throttled):
        second.join(flooded.join_code, "Ann", "tanaka-1921", seconds(61), client="192.0.2.1")
    joined = second.join(other.join_code, "Ann", "another", seconds(61), client="192.0.2.1")
    assert joined.attempt.student == "Ann"
