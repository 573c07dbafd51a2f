"""The wheel is the app: it carries app.py, the pages, every package, the CLI and the shipped
deck, and installed outside the checkout its `factdeck` validates, exports and serves the shipped
deck and those named by $FACTDECK_DECKS."""

import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import textwrap
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest
from broken_decks import MINI_DECK
from conftest import PROJECT_ROOT
from playwright.sync_api import expect, sync_playwright

import cli
from serving import stop_processes

PACKAGES = ("app_pages", "decks", "questions", "study", "classroom", "exporters")
SHIPPED_DECK = "far-east-1920-1925"
SHIPPED_TITLE = "Soviet–Japanese diplomacy"
CHROMIUM = Path("/usr/bin/chromium")
# What is not the project's source: copying it would only slow the build down.
NOT_SOURCE = (
    ".git",
    ".venv",
    "build",
    "out",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis*",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout (a build writes beside the sources), with the
    backend installed in this environment, so no network is needed."""
    work = tmp_path_factory.mktemp("wheel")
    source = shutil.copytree(
        PROJECT_ROOT, work / "source", ignore=shutil.ignore_patterns(*NOT_SOURCE)
    )
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(dist), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("factdeck-*.whl")
    return built


def source_files(folder: Path, pattern: str) -> set[str]:
    return {
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in folder.rglob(pattern)
        if "__pycache__" not in path.parts
    }


def test_the_wheel_carries_the_app_its_packages_and_the_shipped_deck(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"app.py", "cli.py", "serving.py"}
    for package in PACKAGES:
        expected |= source_files(PROJECT_ROOT / package, "*.py")
        expected.add(f"{package}/py.typed")
    deck = source_files(PROJECT_ROOT / "decks", "*.yaml")
    assert f"decks/{SHIPPED_DECK}/deck.yaml" in deck
    assert any(name.startswith(f"decks/{SHIPPED_DECK}/facts/") for name in deck)
    expected |= deck
    assert expected - names == set()
    assert "app_pages/catalogue.py" in names
    assert not {name for name in names if name.startswith(("tests/", "bench/", ".streamlit/"))}


def test_the_wheel_names_the_factdeck_command(wheel):
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert "factdeck = cli:main" in archive.read(entry_points).decode()


def test_serve_passes_the_settings_of_the_projects_streamlit_config():
    """Streamlit does not find .streamlit/config.toml beside an installed app.py, so `factdeck
    serve` gives the same settings as flags; they must not drift apart."""
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    settings = {
        f"{section}.{name}": str(value).lower()
        for section, options in config.items()
        for name, value in options.items()
    }
    assert cli.APP_SETTINGS == settings


# -- installed in a fresh environment, outside the checkout ---------------------------------


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new virtual environment holding the wheel alone; the dependencies are this
    environment's, reached through a .pth file that adds its site-packages folders as they are
    (their own .pth files, such as the checkout's editable install, are not read)."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
        + ["--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_path(name) for name in ("purelib", "platlib"))
    (Path(site) / "factdeck-test-dependencies.pth").write_text("\n".join(ours) + "\n")
    return venv


@pytest.fixture
def outside(tmp_path) -> dict:
    """An empty working folder and an empty HOME, and an environment naming nothing of the
    checkout: where a new user runs `factdeck` after installing the wheel."""
    cwd = tmp_path / "work"
    home = tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(home), "LANG": "C.UTF-8"}
    return {"cwd": cwd, "env": env}


def run(command: list, outside: dict, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=outside["cwd"],
        env={**outside["env"], **extra_env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_installed_factdeck_validates_and_exports_the_shipped_deck_by_name(installed, outside):
    factdeck = installed / "bin" / "factdeck"
    validated = run([factdeck, "validate", SHIPPED_DECK], outside)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert f"{SHIPPED_TITLE}, 1920–1925 ({SHIPPED_DECK})" in validated.stdout
    assert "NOT verified" in validated.stdout  # the source texts are not shipped

    built = run([factdeck, "build", SHIPPED_DECK], outside)
    assert built.returncode == 0, built.stderr
    assert f"{SHIPPED_DECK}: " in built.stdout

    exported = run([factdeck, "export", "anki", SHIPPED_DECK, "-o", "deck.apkg"], outside)
    assert exported.returncode == 0, exported.stderr
    assert zipfile.is_zipfile(outside["cwd"] / "deck.apkg")


def test_installed_factdeck_finds_decks_by_path_and_in_factdeck_decks(installed, outside, tmp_path):
    factdeck = installed / "bin" / "factdeck"
    mine = shutil.copytree(MINI_DECK, tmp_path / "my-decks" / "mini")
    by_path = run([factdeck, "validate", mine], outside)
    assert by_path.returncode == 0, by_path.stdout + by_path.stderr

    folders = os.pathsep.join([str(tmp_path / "nowhere"), str(mine.parent)])
    by_name = run(
        [factdeck, "export", "csv", "mini", "-o", "mini.csv"], outside, FACTDECK_DECKS=folders
    )
    assert by_name.returncode == 0, by_name.stderr
    assert (outside["cwd"] / "mini.csv").is_file()

    validated = run([factdeck, "validate", "mini"], outside, FACTDECK_DECKS=folders)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "A tiny deck (mini)" in validated.stdout
    exported = run(
        [factdeck, "export", "anki", "mini", "-o", "mini.apkg"], outside, FACTDECK_DECKS=folders
    )
    assert exported.returncode == 0, exported.stderr
    assert "collection.anki2" in zipfile.ZipFile(outside["cwd"] / "mini.apkg").namelist()


def test_the_installed_decks_page_lists_the_shipped_deck_and_those_in_factdeck_decks(
    installed, outside, tmp_path
):
    """AppTest on the app.py that `factdeck serve` runs, in the fresh environment."""
    mine = shutil.copytree(MINI_DECK, tmp_path / "my-decks" / "mini")
    script = textwrap.dedent(
        """
        import cli, decks
        from streamlit.testing.v1 import AppTest

        print(decks.__file__)
        at = AppTest.from_file(str(cli.PROJECT_ROOT / "app.py"), default_timeout=120).run()
        at.switch_page("app_pages/catalogue.py").run()
        assert not at.exception, at.exception
        for heading in at.subheader:
            print(heading.value)
        """
    )
    shown = run([installed / "bin" / "python", "-c", script], outside, FACTDECK_DECKS=str(mine))
    assert shown.returncode == 0, shown.stdout + shown.stderr
    where, *headings = shown.stdout.splitlines()
    assert Path(where).is_relative_to(installed)
    assert any(SHIPPED_TITLE in heading for heading in headings), headings
    assert any("A tiny deck" in heading for heading in headings), headings


def test_installed_factdeck_serve_answers_its_health_check_and_lists_the_decks(
    installed, outside, tmp_path
):
    """The server a new user starts: its health endpoint, then its Decks page in Chromium with
    the shipped deck and one from $FACTDECK_DECKS."""
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is missing: {CHROMIUM} not found; install Debian's chromium")
    mine = shutil.copytree(MINI_DECK, tmp_path / "my-decks" / "mini")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = outside["cwd"] / "serve.log"
    server = subprocess.Popen(
        [installed / "bin" / "factdeck", "serve", "--port", str(port)],
        cwd=outside["cwd"],
        env={**outside["env"], "FACTDECK_DECKS": str(mine)},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # serve starts Streamlit as its child: stop both as a group
    )
    try:
        assert health(port, server) == 200, log.read_text()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            page = browser.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"http://127.0.0.1:{port}/")
            expect(page.get_by_role("heading", name="Factdeck")).to_be_visible(timeout=60_000)
            page.get_by_role("link", name="Decks").click()
            # A fresh server imports the app and loads every deck for its first page, which
            # takes longer than expect's 5 s on a busy machine.
            for heading in ("Decks", re.compile(SHIPPED_TITLE), "A tiny deck"):
                expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=60_000)
            browser.close()
    finally:
        stop_processes([server])


def health(port: int, server: subprocess.Popen) -> int | None:
    """The status of the server's health endpoint once it answers, or None if it never does."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and server.poll() is None:
        try:
            url = f"http://127.0.0.1:{port}/_stcore/health"
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.3)
    return None
