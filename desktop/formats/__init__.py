"""Readers of article files: one module per format, all behind :func:`read_document`.

``import desktop.formats`` is cheap: each format's module, and the libraries it needs
(trafilatura, pypdf, python-docx, lxml), load the first time a file of that format is read.
"""

from desktop.formats.reader import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, read_document

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "read_document"]
