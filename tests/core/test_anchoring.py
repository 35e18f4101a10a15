"""Anchors: exact text with context, found again in an edited text."""

from __future__ import annotations

import pytest

from desktop.core.anchoring import anchor, reanchor
from desktop.errors import InvalidInputError

OLD = "The mayor spoke. Later the mayor left the hall. The mayor returned."


def test_anchor_keeps_context() -> None:
    start = OLD.index("mayor left")
    spot = anchor(OLD, start, start + 5)
    assert spot.exact == "mayor"
    assert spot.prefix.endswith("Later the ")
    assert spot.suffix.startswith(" left the hall")
    with pytest.raises(InvalidInputError):
        anchor(OLD, 3, 3)


def test_reanchor_picks_the_occurrence_with_matching_context() -> None:
    start = OLD.index("mayor left")
    spot = anchor(OLD, start, start + 5)
    new = "Breaking: The mayor spoke briefly. Later the mayor left the hall. The mayor returned."
    found = reanchor(new, spot.exact, spot.prefix, spot.suffix, hint=start)
    assert found is not None
    assert found.start == new.index("mayor left")
    assert reanchor("Nobody is here.", spot.exact, spot.prefix, spot.suffix) is None
