"""The entry contract as the command line uses it: ``newsdesk`` and ``newsdesk open FILE``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core import Library
from tests.ui.conftest import ARTICLE, write

pytestmark = [pytest.mark.gui, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


def newsdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args]


def test_second_start_sends_its_file_to_the_running_window(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("NEWSDESK_NO_GUI", None)
    first = subprocess.Popen(
        newsdesk("--db", str(db)),
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        article = write(tmp_path / "sent.txt", ARTICLE)
        deadline = time.monotonic() + 60
        second = None
        while time.monotonic() < deadline:
            # The first window takes its lock at once; until then a start would open its own.
            if (db.parent / (db.name + ".window-lock")).exists():
                second = subprocess.run(
                    newsdesk("--db", str(db), "open", str(article)),
                    cwd=REPO,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=60,
                    check=False,
                )
                break
            time.sleep(0.1)
        assert second is not None, "the first window never started"
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr

        def imported() -> bool:
            with Library.open(db) as library:
                return any(s.title.startswith("Council approves") for s in library.list_articles())

        while time.monotonic() < deadline and not imported():
            time.sleep(0.2)
        assert imported(), "the running window did not import the forwarded file"
        with Library.open(db) as library:
            # The first start also brought the samples in.
            assert library.count_articles() >= 2
    finally:
        first.terminate()
        _, errors = first.communicate(timeout=30)
    # SIGTERM closes the window like the user would: workers stopped, exit code 0.
    assert first.returncode == 0, errors
