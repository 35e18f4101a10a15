"""The resources (samples, icons, styles) are found from a checkout and from an installed wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.paths import resources_dir, samples_dir

REPO = Path(__file__).resolve().parents[2]


def test_resources_are_found_from_the_checkout() -> None:
    assert resources_dir() == REPO / "resources"
    assert any(samples_dir().glob("*.txt"))


@pytest.mark.slow
def test_an_installed_wheel_carries_and_finds_its_resources(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (test extra)")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("newsdesk-*.whl"))
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import desktop.paths as p; print(p.resources_dir()); print(len(list(p.samples_dir().iterdir())))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    where, count = found.stdout.split()
    assert Path(where) == target / "desktop" / "resources"
    assert int(count) == len(list(samples_dir().iterdir()))
