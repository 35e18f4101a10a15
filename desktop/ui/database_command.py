"""The base of every undoable edit: one QUndoCommand that saves through the core at once.

``apply`` and ``revert`` run on the database worker, in submission order, so a command can
read what an earlier one stored on itself (an id it created) without racing the GUI thread.
Undoing a deletion re-creates the row with a new id; :class:`IdMap` follows such moves so
later commands on the stack still find their rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from desktop.ui.database_worker import DatabaseWorker

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.ui.reader_state import ReaderState


class IdMap:
    """Where a row went when undo re-created it under a new id (worker thread only)."""

    def __init__(self) -> None:
        self._moved: dict[int, int] = {}

    def __call__(self, row_id: int) -> int:
        """The current id of a row first known as ``row_id``."""
        seen = 0
        while row_id in self._moved and seen < 10_000:
            row_id = self._moved[row_id]
            seen += 1
        return row_id

    def moved(self, old_id: int, new_id: int) -> None:
        """Record that the row ``old_id`` (as currently resolved) is now ``new_id``."""
        current = self(old_id)
        if current != new_id:
            self._moved[current] = new_id


class CommandContext:
    """What every command needs: the database worker, the reader state and the id maps."""

    def __init__(self, database: DatabaseWorker, state: ReaderState) -> None:
        self.database = database
        self.state = state
        self.annotations = IdMap()
        self.entities = IdMap()
        self.tags = IdMap()


class DatabaseCommand(QUndoCommand):
    """An edit saved through the core; subclasses give :meth:`apply` and :meth:`revert`.

    Args:
        text: What the Edit menu says ("Undo Add entity").
        context: The shared command context.
        article_id: The article the edit is in; after undo or redo that article is shown.
    """

    def __init__(self, text: str, context: CommandContext, *, article_id: int | None) -> None:
        super().__init__(text)
        self.context = context
        self.article_id = article_id

    def apply(self, library: Library) -> None:
        """Do the edit (database worker thread)."""
        raise NotImplementedError

    def revert(self, library: Library) -> None:
        """Undo the edit (database worker thread)."""
        raise NotImplementedError

    def redo(self) -> None:
        self.context.database.submit(self.apply, on_success=self._saved, on_failure=self._failed)

    def undo(self) -> None:
        self.context.database.submit(self.revert, on_success=self._saved, on_failure=self._failed)

    def _saved(self, _: object) -> None:
        state = self.context.state
        if self.article_id is not None and state.article_id != self.article_id:
            state.open(self.article_id)
        else:
            state.refresh()

    def _failed(self, error: BaseException) -> None:
        self.context.state.refresh()
        self.context.database.report(error)
