"""`factdeck users` makes the first teacher and manages accounts from the command line, and
`factdeck serve --server` starts the app as a school server."""

import io
import subprocess
import sys

import pytest
from conftest import PROJECT_ROOT

import cli
from accounts.records import Role
from accounts.service import Accounts


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'factdeck.sqlite3'}"
    monkeypatch.setenv("FACTDECK_DATABASE_URL", url)
    return url


def test_users_add_list_and_reset_password(url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("first password\n"))
    assert cli.main(["users", "add", "Ms Smith", "--teacher", "--password-stdin"]) == 0
    typed = iter(["learner's password", "learner's password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert cli.main(["users", "add", "Anna", "--email", "anna@school.org"]) == 0
    assert cli.main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "added teacher account 'Ms Smith'" in out
    assert "Anna\tlearner\tanna@school.org\nMs Smith\tteacher\t\n" in out
    assert "password" not in out.split("added learner account 'Anna'")[1]

    monkeypatch.setattr("sys.stdin", io.StringIO("second password\n"))
    assert cli.main(["users", "reset-password", "Ms Smith", "--password-stdin"]) == 0
    accounts = Accounts.open(url)
    try:
        signed_in = accounts.sign_in(
            "Ms Smith", "second password", None, cli.dt.datetime.now(cli.dt.UTC)
        )
        assert signed_in.role is Role.TEACHER
    finally:
        accounts.close()


def test_users_refuse_with_a_message_and_exit_code_1(url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli.main(["users", "add", "Anna", "--password-stdin"]) == 1
    typed = iter(["one password", "another one"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert cli.main(["users", "add", "Anna"]) == 1
    assert cli.main(["users", "reset-password", "Nobody", "--password-stdin"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "factdeck users add: a password needs at least 8 characters",
        "factdeck users add: the two passwords differ: nothing was changed",
        "factdeck users reset-password: there is no account called 'Nobody'",
    ]


def test_the_users_command_runs_as_installed(url, tmp_path):
    run = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "cli.py"), "users", "add", "Vera", "--password-stdin"],
        input="vera's password\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == "added learner account 'Vera'\n"


@pytest.mark.parametrize(("flags", "mode"), [([], None), (["--server"], "server")])
def test_serve_passes_the_mode_to_the_app(flags, mode, monkeypatch):
    monkeypatch.delenv("FACTDECK_MODE", raising=False)
    started = {}

    def serve(command, ports, env):
        started.update(command=command(ports[0]), env=env)
        return 0

    monkeypatch.setattr(cli, "prepare_database", lambda url: None)
    monkeypatch.setattr(cli, "serve", serve)
    assert cli.main(["serve", *flags]) == 0
    assert started["env"].get("FACTDECK_MODE") == mode
    assert any(part.endswith("app.py") for part in started["command"])
