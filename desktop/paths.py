"""Where Newsdesk finds its own resources and, by default, the user's library."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "Newsdesk"


def resources_dir() -> Path:
    """The ``resources`` folder, from a checkout, an editable install or an installed wheel.

    A wheel carries it inside the package (``desktop/resources``); a checkout and an editable
    install find it beside the package, at the top of the repository.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "samples").is_dir():
            return candidate
    raise FileNotFoundError(f"Newsdesk resources not found next to {package}")


def samples_dir() -> Path:
    """Sample articles written for Newsdesk, shown on first start."""
    return resources_dir() / "samples"


def default_data_dir() -> Path:
    """The platform's per-user data folder for Newsdesk (not created here)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The library database used when neither ``--db`` nor ``NEWSDESK_DB`` names one."""
    return default_data_dir() / "library.sqlite3"
