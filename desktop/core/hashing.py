"""The identity of an article: a hash of its canonical text."""

from __future__ import annotations

import hashlib


def text_hash(text: str) -> str:
    """The sha256 hex digest of ``text`` (UTF-8; lone surrogates escaped, never an error)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
