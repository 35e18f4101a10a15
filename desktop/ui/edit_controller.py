"""Every edit a reader makes, as one undoable command each: the panels and menus call here.

The controller owns the undo stack. It turns a gesture (a selection and a label, a click on
"Reject") into a command; the command saves through the core at once, and the reader state
reloads when the core has it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu

from desktop.types import Annotation, Entity, Tag
from desktop.ui import highlight_palette as hp
from desktop.ui.annotation_commands import (
    AddAnnotationCommand,
    DeleteAnnotationCommand,
    SetStatusCommand,
    UpdateAnnotationCommand,
)
from desktop.ui.database_command import CommandContext
from desktop.ui.entity_commands import (
    MergeEntitiesCommand,
    RenameEntityCommand,
    SetEntityLabelCommand,
    SplitAliasCommand,
)
from desktop.ui.tag_commands import CreateTagCommand, DeleteTagCommand, UpdateTagCommand

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.ui.article_view import ArticleView
    from desktop.ui.database_worker import DatabaseWorker
    from desktop.ui.reader_state import ReaderState

EXCERPT = 30


def excerpt(text: str) -> str:
    """A short one-line excerpt for menu and undo texts."""
    words = " ".join(text.split())
    return words if len(words) <= EXCERPT else words[: EXCERPT - 1] + "…"


class EditController(QObject):
    """Turns reader gestures into undoable commands.

    Signals:
        note_requested: The user asked for the note of an annotation.
        message: A one-line hint for the status bar.
    """

    note_requested = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        database: DatabaseWorker,
        state: ReaderState,
        view: ArticleView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.context = CommandContext(database, state)
        self._state = state
        self._view = view
        self._tag_actions: list[QAction] = []
        view.menu_requested.connect(self.fill_text_menu)
        state.tags_changed.connect(self._install_tag_keys)

        self.add_entity_action = self._key_action("Add entity…", "E", self.ask_entity_label)
        self.add_quote_action = self._key_action("Add quote", "Q", self.add_quote_from_selection)
        self.tag_action = self._key_action("Tag selection…", "T", self.ask_tag)

    # --- selection -----------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        """The text selected in the article, as string offsets."""
        if self._state.article_id is None:
            return None
        return self._view.selected_range()

    def _need_selection(self) -> tuple[int, int] | None:
        found = self.selection()
        if found is None:
            self.message.emit("Select some text in the article first.")
        return found

    # --- adding --------------------------------------------------------------------------

    def add_entity(self, label: str) -> None:
        """Tag the selection as an entity of type ``label``."""
        span = self._need_selection()
        article_id = self._state.article_id
        if span is None or article_id is None:
            return
        start, end = span
        text = excerpt(self._view.text[start:end])

        def create(library: Library) -> Annotation:
            return library.add_entity(article_id, start, end, label)

        self._push(
            AddAnnotationCommand(
                f"Add {label} “{text}”", self.context, article_id=article_id, create=create
            )
        )

    def add_quote_from_selection(self) -> None:
        """Make the selection a quote (its speaker can be set afterwards)."""
        span = self._need_selection()
        article_id = self._state.article_id
        if span is None or article_id is None:
            return
        start, end = span
        text = excerpt(self._view.text[start:end])

        def create(library: Library) -> Annotation:
            return library.add_quote(article_id, start, end, kind="direct")

        self._push(
            AddAnnotationCommand(
                f"Add quote “{text}”", self.context, article_id=article_id, create=create
            )
        )

    def add_tag(self, tag: Tag) -> None:
        """Tag the selection with one of the user's tags."""
        span = self._need_selection()
        article_id = self._state.article_id
        if span is None or article_id is None:
            return
        start, end = span
        text = excerpt(self._view.text[start:end])

        def create(library: Library) -> Annotation:
            return library.add_tag_span(article_id, start, end, self.context.tags(tag.id))

        self._push(
            AddAnnotationCommand(
                f"Tag “{text}” {tag.name}", self.context, article_id=article_id, create=create
            )
        )

    def ask_entity_label(self) -> None:
        """Pop up the entity types at the selection (the E key)."""
        if self._need_selection() is None:
            return
        menu = QMenu(self._view)
        self._fill_labels(menu)
        menu.exec(self._menu_point())
        menu.deleteLater()

    def ask_tag(self) -> None:
        """Pop up the user's tags at the selection (the T key)."""
        if self._need_selection() is None:
            return
        menu = QMenu(self._view)
        self._fill_tags(menu)
        menu.exec(self._menu_point())
        menu.deleteLater()

    # --- changing annotations --------------------------------------------------------------

    def reject(self, annotations: Sequence[Annotation], *, text: str = "Reject") -> None:
        """Reject annotations: hidden, and kept hidden when the article is analysed again."""
        active = [a for a in annotations if a.status == "active"]
        if not active:
            return
        self._push(
            SetStatusCommand(
                text,
                self.context,
                article_id=active[0].article_id,
                annotation_ids=[a.id for a in active],
            )
        )

    def delete(self, annotation: Annotation) -> None:
        """Delete an annotation outright."""
        self._push(
            DeleteAnnotationCommand(
                f"Delete “{excerpt(annotation.exact)}”", self.context, annotation=annotation
            )
        )

    def set_label(self, annotation: Annotation, label: str) -> None:
        """Change the type of one entity mention (it becomes a manual annotation)."""
        self._update(annotation, f"Make “{excerpt(annotation.exact)}” {label}", label=label)

    def move_to_selection(self, annotation: Annotation) -> None:
        """Give an annotation the selected text as its span (it becomes manual)."""
        span = self._need_selection()
        if span is None:
            return
        start, end = span
        text = excerpt(self._view.text[start:end])
        self._update(annotation, f"Move to “{text}”", start=start, end=end)

    def set_quote_kind(self, quote: Annotation, kind: str) -> None:
        """Change a quote's kind: direct, indirect or mixed."""
        self._update(quote, f"Make quote {kind}", kind=kind)

    def set_speaker_from_selection(self, quote: Annotation) -> None:
        """The selected words name the speaker of ``quote``."""
        span = self._need_selection()
        if span is None:
            return
        start, end = span
        name = excerpt(self._view.text[start:end])
        self._update(quote, f"Speaker “{name}”", speaker_start=start, speaker_end=end)

    def set_speaker_entity(self, quote: Annotation, entity: Entity) -> None:
        """``entity`` said ``quote``."""
        self._update(quote, f"Speaker {entity.name}", speaker_entity_id=entity.id)

    def clear_speaker(self, quote: Annotation) -> None:
        """Nobody named in the text said ``quote``."""
        self._update(quote, "No speaker", clear_speaker=True)

    def _update(self, annotation: Annotation, text: str, **changes: object) -> None:
        self._push(
            UpdateAnnotationCommand(text, self.context, before=annotation, changes=dict(changes))
        )

    # --- entities --------------------------------------------------------------------------

    def rename_entity(self, entity: Entity, name: str) -> None:
        """Give an entity another canonical name."""
        self._push(
            RenameEntityCommand(
                self.context, entity=entity, name=name, article_id=self._state.article_id
            )
        )

    def set_entity_label(self, entity: Entity, label: str) -> None:
        """Change the type of an entity everywhere."""
        self._push(
            SetEntityLabelCommand(
                self.context, entity=entity, label=label, article_id=self._state.article_id
            )
        )

    def merge_entities(self, keep: Entity, others: Sequence[Entity]) -> None:
        """Merge ``others`` into ``keep``."""
        if others:
            self._push(
                MergeEntitiesCommand(
                    self.context, keep=keep, others=others, article_id=self._state.article_id
                )
            )

    def split_alias(self, entity: Entity, alias: str) -> None:
        """Split an alias off an entity into one of its own."""
        self._push(
            SplitAliasCommand(
                self.context, entity=entity, alias=alias, article_id=self._state.article_id
            )
        )

    def reject_entity(self, entity: Entity, mentions: Sequence[Annotation]) -> None:
        """Reject every mention of an entity in the article shown."""
        self.reject(mentions, text=f"Reject “{entity.name}” here")

    # --- tags ------------------------------------------------------------------------------

    def create_tag(self, name: str, color: str, shortcut: str | None) -> None:
        """Add a tag to the user's set."""
        self._push(CreateTagCommand(self.context, name=name, color=color, shortcut=shortcut))

    def update_tag(
        self,
        tag: Tag,
        *,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = None,
    ) -> None:
        """Rename, recolour or re-key a tag."""
        self._push(
            UpdateTagCommand(self.context, before=tag, name=name, color=color, shortcut=shortcut)
        )

    def delete_tag(self, tag: Tag) -> None:
        """Delete a tag and its passages (undo brings them back)."""
        self._push(DeleteTagCommand(self.context, tag=tag))

    # --- the text's context menu -------------------------------------------------------------

    def fill_text_menu(self, menu: QMenu, index: int) -> None:
        """Add the tagging and editing actions for a right-click at text index ``index``."""
        if self._state.article_id is None:
            return
        menu.addSeparator()
        has_selection = self.selection() is not None
        entity_menu = menu.addMenu("Add entity")
        entity_menu.setEnabled(has_selection)
        self._fill_labels(entity_menu)
        add_quote = menu.addAction("Add quote", self.add_quote_from_selection)
        add_quote.setShortcut(self.add_quote_action.shortcut())
        add_quote.setEnabled(has_selection)
        tag_menu = menu.addMenu("Tag")
        tag_menu.setEnabled(has_selection)
        self._fill_tags(tag_menu)
        quotes = [a for a in self._view.annotations_at(index) if a.layer == "quote"]
        if has_selection and quotes:
            menu.addAction(
                "Selection is the speaker", lambda: self.set_speaker_from_selection(quotes[0])
            )
        for annotation in self._view.annotations_at(index):
            self._fill_annotation(menu.addMenu(self._annotation_title(annotation)), annotation)

    def _annotation_title(self, annotation: Annotation) -> str:
        what = {"entity": annotation.label, "quote": "Quote", "tag": "Tag " + annotation.label}
        return f"{what[annotation.layer]} “{excerpt(annotation.exact)}”"

    def _fill_annotation(self, menu: QMenu, annotation: Annotation) -> None:
        if annotation.layer == "entity":
            change = menu.addMenu("Change type")
            for label in hp.HAND_LABELS:
                action = change.addAction(label, partial(self.set_label, annotation, label))
                action.setEnabled(label != annotation.label)
        if annotation.layer == "quote":
            kinds = menu.addMenu("Kind")
            for kind in ("direct", "indirect", "mixed"):
                kinds.addAction(kind, partial(self.set_quote_kind, annotation, kind))
        if self.selection() is not None:
            menu.addAction("Move to the selection", lambda: self.move_to_selection(annotation))
        menu.addAction("Note…", lambda: self.note_requested.emit(annotation))
        menu.addSeparator()
        menu.addAction("Reject", lambda: self.reject([annotation]))
        menu.addAction("Delete", lambda: self.delete(annotation))

    def _fill_labels(self, menu: QMenu) -> None:
        for label in hp.HAND_LABELS:
            style = hp.label_style(label)
            menu.addAction(f"{style.name} ({label})", partial(self.add_entity, label))

    def _fill_tags(self, menu: QMenu) -> None:
        if not self._state.tags:
            action = menu.addAction("No tags yet: Tags > Manage tags")
            action.setEnabled(False)
        for tag in self._state.tags:
            action = menu.addAction(tag.name, partial(self.add_tag, tag))
            if tag.shortcut:
                action.setShortcut(QKeySequence(tag.shortcut))

    # --- keys ------------------------------------------------------------------------------

    def _key_action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._view)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self._view.addAction(action)
        return action

    def _install_tag_keys(self) -> None:
        for action in self._tag_actions:
            self._view.removeAction(action)
            action.deleteLater()
        self._tag_actions = []
        for tag in self._state.tags:
            if tag.shortcut:
                action = self._key_action(tag.name, tag.shortcut, partial(self.add_tag, tag))
                self._tag_actions.append(action)

    def _menu_point(self) -> QPoint:
        rect = self._view.cursorRect()
        return self._view.viewport().mapToGlobal(rect.bottomRight())

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)
