"""`warm_start`: the server imports every module the pages share before it opens its port, and
runs no page while doing so."""

import re
import subprocess
import sys

from conftest import PROJECT_ROOT

import warm_start


def test_every_module_of_app_pages_that_is_not_a_page_is_preloaded():
    pages = set(re.findall(r'page\(\s*"(\w+)\.py"', (PROJECT_ROOT / "app.py").read_text()))
    assert {"study", "home", "quiz", "teacher_results"} <= pages
    modules = {
        path.stem for path in (PROJECT_ROOT / "app_pages").glob("*.py") if path.stem != "__init__"
    }
    preloaded = {
        name.split(".", 1)[1] for name in warm_start.PRELOADED if name.startswith("app_pages.")
    }
    assert preloaded == modules - pages


def test_preloading_imports_the_libraries_and_runs_no_streamlit_call():
    """A module imported outside a page that called Streamlit would warn of a missing script
    run context, or draw nothing for nobody; the preload must only import."""
    script = (
        "import sys, warm_start, importlib\n"
        "for name in warm_start.PRELOADED: importlib.import_module(name)\n"
        "wanted = ('pandas', 'altair', 'fsrs', 'sqlalchemy')\n"
        "print(' '.join(sorted(m for m in wanted if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["altair", "fsrs", "pandas", "sqlalchemy"]
    assert "ScriptRunContext" not in done.stderr, done.stderr


def test_the_served_command_starts_streamlit_through_the_preload(tmp_path):
    from serving import streamlit_command

    command = streamlit_command(PROJECT_ROOT / "app.py", 8501, None, {})
    assert command[1:4] == ["-m", "warm_start", "run"]
    done = subprocess.run(
        [*command[:3], "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "Streamlit" in done.stdout, done.stderr
