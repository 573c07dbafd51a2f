"""One exception root: every family the packages raise is a `FactdeckError`, and the CLI turns
each into one message and its exit code (0, 1, 2), never a traceback."""

import importlib
import inspect
import pkgutil
from dataclasses import replace
from datetime import timedelta

import pytest
from classroom_support import MONDAY_NINE, database_url, decks, mini_bank
from conftest import PROJECT_ROOT

import cli
from classroom import codes
from classroom.errors import ClassroomError, QuizNotFound, SpecError
from classroom.selection import candidates
from classroom.service import Classroom
from classroom.spec import QuizSpec
from decks.errors import FactdeckError
from decks.files import FileRefused
from decks.problems import DeckError, Problem
from decks.safe_yaml import YamlRefused
from exporters.errors import ExportError, SelectionError
from questions.errors import QuestionError
from questions.model import Kind
from study.errors import SettingsError, StudyError

LIBRARY = ("decks", "questions", "study", "classroom", "exporters")
MINI = str(PROJECT_ROOT / "tests" / "decks" / "mini")


def library_modules():
    """Every module of the library packages, and the CLI; Alembic's migration scripts run only
    inside Alembic, so they are left out."""
    for name in LIBRARY:
        package = importlib.import_module(name)
        yield package
        for found in pkgutil.walk_packages(package.__path__, f"{name}."):
            if ".migrations" not in found.name:
                yield importlib.import_module(found.name)
    yield cli


def test_every_exception_the_library_defines_is_a_factdeck_error():
    defined = {
        f"{module.__name__}.{name}": value
        for module in library_modules()
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, BaseException)
        and value.__module__ == module.__name__
    }
    assert {"decks.problems.DeckError", "study.errors.StudyError", "cli.CommandLineError"} <= set(
        defined
    )
    outside = sorted(
        name for name, value in defined.items() if not issubclass(value, FactdeckError)
    )
    assert outside == []


def test_families_that_callers_catch_as_value_errors_still_are():
    for family in (QuestionError, ExportError, SettingsError, SpecError):
        assert issubclass(family, FactdeckError) and issubclass(family, ValueError)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (QuestionError("language 'de' is not in deck 'mini'"), 2),
        (SelectionError("deck mini has no topic 'nowhere'"), 2),
        (cli.CommandLineError("x.doc ends in neither .html nor .pdf"), 2),
        (ExportError("question q1 has no options"), 1),
        (StudyError("the progress database cannot be opened"), 1),
        (QuizNotFound("no quiz has this join code"), 1),
        (FileRefused("source text is a link", "put the file itself there"), 1),
        (YamlRefused(Problem("mini/deck.yaml", 3, 1, "a tab indents this line")), 1),
        (FactdeckError("something to act on"), 1),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_the_cli_turns_each_family_into_one_line_and_its_exit_code(
    monkeypatch, capsys, error, code
):
    def refuse(args):
        raise error

    monkeypatch.setattr(cli, "_build", refuse)
    assert cli.main(["build", MINI]) == code
    captured = capsys.readouterr()
    assert captured.err == f"factdeck build: {error}\n" and "\n" not in str(error)
    assert captured.out == ""


@pytest.mark.parametrize(
    "error",
    [
        DeckError([Problem("mini/facts/a.yaml", 2, 3, "no such entity", "add it")]),
        SpecError(["mini/quiz.yaml:4:1: questions must be positive"]),
    ],
)
def test_the_cli_lists_every_problem_then_says_what_to_do(monkeypatch, capsys, error):
    def refuse(args):
        raise error

    monkeypatch.setattr(cli, "_build", refuse)
    assert cli.main(["build", MINI]) == 1
    err = capsys.readouterr().err
    assert err == f"{error.problems[0]}\n\n{MINI} has problems; fix them and build again\n"


def test_a_bug_is_not_dressed_as_a_refusal(monkeypatch):
    def crash(args):
        raise KeyError("en")

    monkeypatch.setattr(cli, "_build", crash)
    with pytest.raises(KeyError):
        cli.main(["build", MINI])


def test_a_print_sheet_with_another_suffix_is_a_command_line_error(tmp_path, capsys):
    out = tmp_path / "sheet.doc"
    assert cli.main(["export", "print", MINI, "-o", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"factdeck export print: {out} ends in neither .html nor .pdf;"
        " name the file sheet.html, or sheet.pdf for a PDF\n"
    )


def test_no_free_join_code_is_a_classroom_refusal(tmp_path, monkeypatch):
    classroom = Classroom.open(database_url("sqlite", tmp_path), decks)
    try:
        spec = QuizSpec(
            title="Dairen",
            deck="mini",
            lang="en",
            count=4,
            kinds=(Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE),
            opens_at=MONDAY_NINE,
            closes_at=MONDAY_NINE + timedelta(hours=1),
        )
        pool = candidates(spec, mini_bank())
        taken = classroom.create_quiz(spec, pool, MONDAY_NINE).join_code
        monkeypatch.setattr(codes, "new_join_code", lambda: taken)
        with pytest.raises(ClassroomError, match="no free join code"):
            classroom.create_quiz(replace(spec, title="Second"), pool, MONDAY_NINE)
    finally:
        classroom.close()
