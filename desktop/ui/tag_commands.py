"""Undoable edits of the user's tag set: create, rename, recolour, set a shortcut, delete."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from desktop.types import Annotation, Tag
from desktop.ui.database_command import CommandContext, DatabaseCommand

if TYPE_CHECKING:
    from desktop.core import Library


class CreateTagCommand(DatabaseCommand):
    """Add a tag to the set; undo removes it."""

    def __init__(
        self, context: CommandContext, *, name: str, color: str, shortcut: str | None
    ) -> None:
        super().__init__(f"New tag “{name}”", context, article_id=None)
        self._name = name
        self._color = color
        self._shortcut = shortcut
        self.created: Tag | None = None

    def apply(self, library: Library) -> None:
        tag = library.create_tag(self._name, color=self._color, shortcut=self._shortcut)
        if self.created is not None:
            self.context.tags.moved(self.created.id, tag.id)
        else:
            self.created = tag

    def revert(self, library: Library) -> None:
        assert self.created is not None
        library.delete_tag(self.context.tags(self.created.id))


class UpdateTagCommand(DatabaseCommand):
    """Rename, recolour or re-key a tag."""

    def __init__(
        self,
        context: CommandContext,
        *,
        before: Tag,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = None,
    ) -> None:
        what = "Rename" if name is not None else "Recolour" if color is not None else "Re-key"
        super().__init__(f"{what} tag “{before.name}”", context, article_id=None)
        self._before = before
        self._after = {"name": name, "color": color, "shortcut": shortcut}

    def apply(self, library: Library) -> None:
        library.update_tag(self.context.tags(self._before.id), **self._after)

    def revert(self, library: Library) -> None:
        # An empty shortcut clears one that the edit set.
        library.update_tag(
            self.context.tags(self._before.id),
            name=self._before.name,
            color=self._before.color,
            shortcut=self._before.shortcut or "",
        )


class DeleteTagCommand(DatabaseCommand):
    """Delete a tag with its passages; undo brings the tag and every passage back."""

    def __init__(self, context: CommandContext, *, tag: Tag) -> None:
        super().__init__(f"Delete tag “{tag.name}”", context, article_id=None)
        self._tag = tag
        self._spans: list[Annotation] = []
        self._articles: list[int] = []

    def apply(self, library: Library) -> None:
        tag_id = self.context.tags(self._tag.id)
        name = next((t.name for t in library.tags() if t.id == tag_id), self._tag.name)
        self._spans = []
        self._articles = []
        # The search's tag filter finds articles tagged whole or in passages.
        for hit in library.search("", tag=name, limit=1_000_000):
            self._spans.extend(
                a
                for a in library.annotations(hit.article_id, layer="tag", include_rejected=True)
                if a.tag_id == tag_id
            )
            if name in library.get_article(hit.article_id).tags:
                self._articles.append(hit.article_id)
        library.delete_tag(tag_id)

    def revert(self, library: Library) -> None:
        tag = library.create_tag(self._tag.name, color=self._tag.color, shortcut=self._tag.shortcut)
        self.context.tags.moved(self._tag.id, tag.id)
        for span in self._spans:
            restored = library.restore_deleted(replace(span, tag_id=tag.id))
            self.context.annotations.moved(span.id, restored.id)
        for article_id in self._articles:
            library.tag_article(article_id, tag.id)
