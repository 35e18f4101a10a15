"""User-facing errors of every layer, each with a clear one-line message.

Lower layers raise these; the command line prints ``str(error)`` and exits non-zero, the GUI
shows it in a dialog. Nothing here imports another part of Newsdesk.
"""

from __future__ import annotations

from pathlib import Path


class NewsdeskError(Exception):
    """Base class: ``str(error)`` is a one-line message fit for a user."""


# --- reading files -------------------------------------------------------------------------


class FormatError(NewsdeskError):
    """A file could not be read as an article."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        self.path = Path(path) if path is not None else None
        self.reason = reason
        where = f"{self.path.name}: " if self.path is not None else ""
        super().__init__(f"{where}{reason}")


class UnsupportedFormatError(FormatError):
    """The file type is not one Newsdesk reads."""


class FileTooLargeError(FormatError):
    """The file is over the configured size limit."""


class BinaryFileError(FormatError):
    """The file holds binary data where text was expected."""


class EncryptedFileError(FormatError):
    """The file is encrypted and no (or a wrong) password was given."""


class BrokenFileError(FormatError):
    """The file is damaged, truncated, empty or not what its name says."""


# --- the library database ------------------------------------------------------------------


class StorageError(NewsdeskError):
    """The library database could not be used."""


class DatabaseTooNewError(StorageError):
    """The database was written by a newer Newsdesk; it is left untouched."""


class DatabaseCorruptError(StorageError):
    """The database file is damaged or not a Newsdesk library."""


class DatabaseBusyError(StorageError):
    """Another process holds the database for too long."""


class NotFoundError(NewsdeskError):
    """An article, annotation, entity, tag or note does not exist."""


class InvalidInputError(NewsdeskError):
    """An argument is out of range or malformed (offsets, names, colours...)."""


# --- language analysis ---------------------------------------------------------------------


class ModelError(NewsdeskError):
    """The spaCy pipeline could not be loaded."""


# --- exchange formats ----------------------------------------------------------------------


class ExchangeError(NewsdeskError):
    """An annotation file could not be written or read."""
