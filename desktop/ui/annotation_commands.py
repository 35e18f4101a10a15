"""Undoable edits of annotations: add, change, reject and delete entity, quote and tag spans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from desktop.types import Annotation
from desktop.ui.database_command import CommandContext, DatabaseCommand

if TYPE_CHECKING:
    from desktop.core import Library


class AddAnnotationCommand(DatabaseCommand):
    """Add one annotation; undo deletes it, redo brings the same one back.

    Args:
        text: The Edit menu text.
        context: The shared command context.
        article_id: The article.
        create: Creates the annotation through the core (``library.add_entity(...)``...).
    """

    def __init__(
        self,
        text: str,
        context: CommandContext,
        *,
        article_id: int,
        create: Callable[[Library], Annotation],
    ) -> None:
        super().__init__(text, context, article_id=article_id)
        self._create = create
        self.created: Annotation | None = None

    def apply(self, library: Library) -> None:
        if self.created is None:
            self.created = self._create(library)
        else:
            restored = library.restore_deleted(self.created)
            self.context.annotations.moved(self.created.id, restored.id)

    def revert(self, library: Library) -> None:
        assert self.created is not None
        library.delete_annotation(self.context.annotations(self.created.id))


class SetStatusCommand(DatabaseCommand):
    """Reject (or restore) annotations; rejecting an automatic one keeps it out of re-analysis.

    Args:
        text: The Edit menu text.
        context: The shared command context.
        article_id: The article.
        annotation_ids: The annotations, as the reader shows them now.
        reject: Reject them (True) or restore them (False).
    """

    def __init__(
        self,
        text: str,
        context: CommandContext,
        *,
        article_id: int,
        annotation_ids: Sequence[int],
        reject: bool = True,
    ) -> None:
        super().__init__(text, context, article_id=article_id)
        self._ids = list(annotation_ids)
        self._reject = reject

    def apply(self, library: Library) -> None:
        self._set(library, reject=self._reject)

    def revert(self, library: Library) -> None:
        self._set(library, reject=not self._reject)

    def _set(self, library: Library, *, reject: bool) -> None:
        for annotation_id in self._ids:
            current = self.context.annotations(annotation_id)
            if reject:
                library.reject_annotation(current)
            else:
                library.restore_annotation(current)


class DeleteAnnotationCommand(DatabaseCommand):
    """Delete an annotation; undo re-creates it as it was (source and status included)."""

    def __init__(self, text: str, context: CommandContext, *, annotation: Annotation) -> None:
        super().__init__(text, context, article_id=annotation.article_id)
        self._annotation = annotation
        self._note: str | None = None

    def apply(self, library: Library) -> None:
        self._note = delete_keeping_note(library, self.context, self._annotation)

    def revert(self, library: Library) -> None:
        restore_with_note(library, self.context, self._annotation, self._note)


class UpdateAnnotationCommand(DatabaseCommand):
    """Change an annotation's span, label, kind or speaker; the core makes it manual.

    Undo puts back the annotation exactly as it was, automatic if it was, so that re-analysis
    may again replace it.

    Args:
        text: The Edit menu text.
        context: The shared command context.
        before: The annotation as it is now.
        changes: Keyword arguments of ``Library.update_annotation``.
    """

    def __init__(
        self, text: str, context: CommandContext, *, before: Annotation, changes: dict[str, Any]
    ) -> None:
        super().__init__(text, context, article_id=before.article_id)
        self._before = before
        self._changes = changes

    def apply(self, library: Library) -> None:
        library.update_annotation(self.context.annotations(self._before.id), **self._changes)

    def revert(self, library: Library) -> None:
        note = delete_keeping_note(library, self.context, self._before)
        restore_with_note(library, self.context, self._before, note)


def delete_keeping_note(
    library: Library, context: CommandContext, annotation: Annotation
) -> str | None:
    """Delete an annotation; return the body of its note (the core deletes notes with it)."""
    current = context.annotations(annotation.id)
    note = library.get_note(annotation.article_id, annotation_id=current)
    library.delete_annotation(current)
    return note.body if note is not None else None


def restore_with_note(
    library: Library, context: CommandContext, annotation: Annotation, note: str | None
) -> None:
    """Re-create a deleted annotation as it was, with its note."""
    restored = library.restore_deleted(annotation)
    context.annotations.moved(annotation.id, restored.id)
    if note:
        library.save_note(annotation.article_id, note, annotation_id=restored.id)
