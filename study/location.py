"""Where learner progress is stored: one documented per-user file, or any SQLAlchemy URL."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

DATABASE_URL_VARIABLE = "FACTDECK_DATABASE_URL"
DATABASE_FILE = "factdeck.sqlite3"


def default_database_path(env: Mapping[str, str], home: Path) -> Path:
    """$XDG_DATA_HOME/factdeck/factdeck.sqlite3, else ~/.local/share/factdeck/factdeck.sqlite3.

    Progress belongs to the person, not to a checkout of the project, so it lives in the
    per-user data folder the XDG base directory convention names.
    """
    data_home = env.get("XDG_DATA_HOME", "").strip()
    base = Path(data_home) if data_home and Path(data_home).is_absolute() else home / ".local/share"
    return base / "factdeck" / DATABASE_FILE


def database_url(env: Mapping[str, str] | None = None, home: Path | None = None) -> str:
    """$FACTDECK_DATABASE_URL when set (SQLite or PostgreSQL), else the per-user SQLite file."""
    env = os.environ if env is None else env
    url = env.get(DATABASE_URL_VARIABLE, "").strip()
    if url:
        return url
    return "sqlite:///" + str(default_database_path(env, home or Path.home()))
