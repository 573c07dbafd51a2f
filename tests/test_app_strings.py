"""Interface text: one table whose every key exists in every language with the same
placeholders, is asked for by a page and asks for nothing missing; intervals as Anki writes them."""

import ast
import re
from datetime import timedelta
from string import Formatter

import pytest
from conftest import PROJECT_ROOT
from fsrs import Rating

from accounts.errors import MESSAGE_KEYS as ACCOUNT_MESSAGE_KEYS
from app_pages.strings import LANGUAGES, TEXTS, interval, text
from classroom.analysis import Flag
from classroom.errors import MESSAGE_KEYS, SPEC_PROBLEM_KEYS
from classroom.names import NameFlag
from classroom.spec import ReviewPolicy, Selection
from classroom.timing import QuizState
from decks.catalogue import CATALOGUE_PROBLEM_KEYS
from decks.problems import YAML_PROBLEM_KEYS
from decks.reader import YamlType
from decks.records import SOURCE_KINDS
from exporters.errors import IMPORT_MESSAGE_KEYS
from exporters.errors import MESSAGE_KEYS as EXPORT_MESSAGE_KEYS
from questions.model import Kind
from study.errors import MESSAGE_KEYS as STUDY_MESSAGE_KEYS
from study.scheduling import CardState

PAGES = (PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "app_pages").glob("*.py")))
LOOKUPS = ("tr", "text")
"""The lookup (`text`) and its wrapper for the session's language (`tr`)."""

LOCALIZED_PROBLEMS = (
    *YAML_PROBLEM_KEYS,
    *SPEC_PROBLEM_KEYS,
    *CATALOGUE_PROBLEM_KEYS,
)
"""Keys of the problems pages word: the syntax, limits and field types a teacher's YAML import
can get wrong (decks/safe_yaml.py, decks/reader.py), every problem of a quiz spec
(classroom/spec.py, classroom/selection.py, classroom/quizzes.py) and a deck the catalogue
leaves out (decks/catalogue.py)."""

KEY_FAMILIES: dict[str, set[str]] = {
    "kind.": {kind.value for kind in Kind},
    "state.": {str(int(state)) for state in CardState} | {s.name.lower() for s in QuizState},
    "study.rating.": {str(int(rating)) for rating in Rating},
    "error.": {
        *MESSAGE_KEYS,
        *STUDY_MESSAGE_KEYS,
        *EXPORT_MESSAGE_KEYS,
        *IMPORT_MESSAGE_KEYS,
        *ACCOUNT_MESSAGE_KEYS,
    },
    "problem.": set(LOCALIZED_PROBLEMS),
    "review.": {policy.value for policy in ReviewPolicy},
    "quiz.review.": {policy.value for policy in ReviewPolicy},
    "selection.": {selection.value for selection in Selection},
    "teacher.questions_": {selection.value for selection in Selection},
    "flag.": {flag.name.lower() for flag in Flag},
    "results.name_flag.": {flag.value for flag in NameFlag},
    "source_kind.": set(SOURCE_KINDS),
    "yaml_type.": {kind.value for kind in YamlType},
}
"""Keys the pages build from a value (`tr(f"kind.{kind.value}")`): each prefix, and every value
it is completed with."""


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}


def test_every_text_exists_in_every_language_with_the_same_placeholders():
    for key, entry in TEXTS.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        fields = {frozenset(placeholders(entry[lang])) for lang in LANGUAGES}
        assert len(fields) == 1, (key, fields)


def test_the_table_names_each_key_once():
    """A key written twice in the table keeps only its last entry, silently."""
    tree = ast.parse((PROJECT_ROOT / "app_pages" / "strings.py").read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "TEXTS"
    )
    keys = [key.value for key in table.keys]
    assert len(keys) == len(set(keys)) == len(TEXTS)


def asked_for() -> tuple[set[str], set[str]]:
    """The keys the pages pass to a lookup as literals, and the prefixes of those they build
    from a value (an f-string, in a lookup's call or first assigned to a name)."""
    literal, built = set(), set()
    for page in PAGES:
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in LOOKUPS:
                key = node.args[0] if node.args else None
                if isinstance(key, ast.Constant):
                    literal.add(key.value)
                elif isinstance(key, ast.JoinedStr):
                    built.add(key.values[0].value)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.JoinedStr):
                head = node.value.values[0]
                if isinstance(head, ast.Constant) and head.value in KEY_FAMILIES:
                    built.add(head.value)
    return literal, built


def test_every_key_asked_for_exists_and_every_key_is_asked_for():
    literal, built = asked_for()
    assert built == set(KEY_FAMILIES), built ^ set(KEY_FAMILIES)
    used = literal | {prefix + value for prefix, values in KEY_FAMILIES.items() for value in values}
    assert len(used) > 300
    assert used <= set(TEXTS), sorted(used - set(TEXTS))
    assert set(TEXTS) <= used, sorted(set(TEXTS) - used)


def test_each_question_kind_has_one_name_per_language():
    names = {lang: [text(f"kind.{kind.value}", lang) for kind in Kind] for lang in LANGUAGES}
    assert all(len(set(shown)) == len(Kind) for shown in names.values())
    assert text("kind.cloze", "en") == "Fill in the blank"
    assert text("kind.cloze", "ru") == "Заполните пропуск"
    kind_names = {TEXTS[f"kind.{kind.value}"]["en"] for kind in Kind}
    elsewhere = [key for key, entry in TEXTS.items() if not key.startswith("kind.")]
    assert not [key for key in elsewhere if TEXTS[key]["en"] in kind_names]


OTHER_NAMES = re.compile(
    r"kinds? of questions?|question types?|types? of questions?|true/false|fill the gap"
    r"|\"sources differ\"|типы вопросов|тип вопроса|типов вопросов",
    re.IGNORECASE,
)
"""Other names the kinds had: one name for all of them, and one for each, in each language."""


def test_question_kinds_have_one_name_in_the_pages_readme_and_docs():
    assert text("kinds", "en") == "Question kinds" and text("kinds", "ru") == "Виды вопросов"
    texts = [entry[lang] for entry in TEXTS.values() for lang in LANGUAGES]
    assert not [shown for shown in texts if OTHER_NAMES.search(shown)]
    docs = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
    for doc in docs:
        found = OTHER_NAMES.findall(doc.read_text(encoding="utf-8"))
        assert not found, (doc.name, found)
    readme = " ".join((PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split())
    kinds_doc = (PROJECT_ROOT / "docs" / "questions.md").read_text(encoding="utf-8")
    for kind in Kind:
        assert text(f"kind.{kind.value}", "en").lower() in readme.lower(), kind
        named = f"| `{kind.value}` | {text(f'kind.{kind.value}', 'en')} |"
        assert f"{named} {text(f'kind.{kind.value}', 'ru')} |" in kinds_doc, kind


def message_keys_in_the_library() -> set[str]:
    """Every key the library packages give a refusal or a problem: `key="…"` in a raise or a
    problem, an error class's `key = "…"`, and a problem's key passed by position."""
    found = set()
    for package in ("decks", "questions", "study", "classroom", "exporters"):
        for module in (PROJECT_ROOT / package).rglob("*.py"):
            tree = ast.parse(module.read_text(encoding="utf-8"))
            raised = {
                id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    named = getattr(node.func, "id", getattr(node.func, "attr", ""))
                    if id(node) in raised or named in ("Problem", "SpecProblem"):
                        found |= {
                            kw.value.value
                            for kw in node.keywords
                            if kw.arg == "key" and isinstance(kw.value, ast.Constant)
                        }
                    found |= {
                        arg.value
                        for arg in node.args
                        if isinstance(arg, ast.Constant)
                        and isinstance(arg.value, str)
                        and re.fullmatch(r"(spec|yaml|catalogue)\.[a-z_]+", arg.value)
                    }
                elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                    if [getattr(t, "id", None) for t in node.targets] == ["key"]:
                        found.add(node.value.value)
    return found


def test_every_key_the_library_gives_is_worded_in_the_strings_table():
    found = message_keys_in_the_library()
    assert {"busy", "learner_name_taken", "gift_arrow", "spec.no_title", "yaml.depth"} <= found
    worded = {key.split(".", 1)[1] for key in TEXTS if key.startswith(("error.", "problem."))}
    assert found <= worded, sorted(found - worded)


def test_text_falls_back_to_english_and_fills_placeholders():
    assert text("study.show", "ru") == "Показать ответ"
    assert text("study.show", "de") == "Show answer"
    assert text("practice.score", "en", right=2, total=3) == "You got 2 of 3 right."
    with pytest.raises(KeyError):
        text("no.such.key", "en")


@pytest.mark.parametrize(
    ("span", "en", "ru"),
    [
        (timedelta(minutes=1), "1m", "1 мин"),
        (timedelta(minutes=5, seconds=30), "6m", "6 мин"),
        (timedelta(minutes=10), "10m", "10 мин"),
        (timedelta(hours=3), "3h", "3 ч"),
        (timedelta(days=4), "4d", "4 дн"),
        (timedelta(days=45), "1.5mo", "1,5 мес"),
        (timedelta(days=60), "2mo", "2 мес"),
        (timedelta(days=800), "2.2y", "2,2 г"),
    ],
)
def test_intervals_read_like_ankis_buttons(span, en, ru):
    assert interval(span, "en") == en
    assert interval(span, "ru") == ru


def test_plain_text_makes_no_markdown_heading_rule_link_or_image():
    from app_pages.common import plain

    for given in ("Title\n===", "Title\n---", "![x](http://example.com/x.png)"):
        shown = plain(given)
        assert not any(mark in shown for mark in ("\n===", "\n---", "![", "]("))
    assert plain("<b>x</b>") == "\\<b\\>x\\</b\\>"
