"""Fixtures for the language-analysis tests: one loaded pipeline for the whole session."""

from __future__ import annotations

import pytest

from desktop.nlp import Analyzer, default_pipeline_name


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """An analyzer with the default pipeline; tests using it skip when none is installed."""
    if default_pipeline_name() is None:
        pytest.skip("no spaCy pipeline installed")
    engine = Analyzer()
    engine.load()
    return engine
