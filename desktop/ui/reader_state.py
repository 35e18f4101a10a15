"""What the reader shows now: one article with its annotations, entities and tags.

Panels read it and listen to its signals; edits go through undo commands, which ask it to
:meth:`refresh` when the core has saved them. It is a snapshot, reloaded whole after each
change, so the panels can never drift from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.types import Annotation, Article, Entity, Tag
from desktop.ui.database_worker import DatabaseWorker

if TYPE_CHECKING:
    from desktop.core import Library


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The article's data as one database read returned it."""

    annotations: tuple[Annotation, ...] = ()  # active and rejected, sorted by start
    entities: tuple[Entity, ...] = ()  # entities with mentions in this article
    tags: tuple[Tag, ...] = ()  # the user's whole tag set
    article: Article | None = None


def read_snapshot(library: Library, article_id: int, *, with_article: bool) -> Snapshot:
    """One article's data (runs on the database worker)."""
    return Snapshot(
        annotations=tuple(library.annotations(article_id, include_rejected=True)),
        entities=tuple(library.entities(article_id=article_id)),
        tags=tuple(library.tags()),
        article=library.get_article(article_id) if with_article else None,
    )


class ReaderState(QObject):
    """The current article and everything drawn over it.

    Signals:
        article_changed: Another article (or none) is shown; its text is in :attr:`article`.
        annotations_changed: Annotations, entities or tags were reloaded.
        tags_changed: The user's tag set was reloaded (also part of annotations_changed).
    """

    article_changed = Signal()
    annotations_changed = Signal()
    tags_changed = Signal()

    def __init__(self, database: DatabaseWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.article: Article | None = None
        self.annotations: tuple[Annotation, ...] = ()
        self.entities: tuple[Entity, ...] = ()
        self.tags: tuple[Tag, ...] = ()
        self._wanted: int | None = None  # the article asked for last
        self._generation = 0

    @property
    def article_id(self) -> int | None:
        """The id of the article shown, if any."""
        return self.article.id if self.article is not None else None

    def active(self, layer: str | None = None) -> list[Annotation]:
        """Active annotations of one layer (or all), sorted by start."""
        return [
            a
            for a in self.annotations
            if a.status == "active" and (layer is None or a.layer == layer)
        ]

    def mentions(self, entity_id: int) -> list[Annotation]:
        """The active mentions of an entity in this article, in text order."""
        return [a for a in self.active("entity") if a.entity_id == entity_id]

    def annotation(self, annotation_id: int) -> Annotation | None:
        """An annotation of this article by id."""
        for a in self.annotations:
            if a.id == annotation_id:
                return a
        return None

    def tag(self, tag_id: int) -> Tag | None:
        """A tag of the user's set by id."""
        for tag in self.tags:
            if tag.id == tag_id:
                return tag
        return None

    def open(self, article_id: int) -> None:
        """Load and show an article."""
        self._wanted = article_id
        self._generation += 1
        generation = self._generation
        self._database.submit(
            lambda library: read_snapshot(library, article_id, with_article=True),
            on_success=lambda snapshot: self._loaded(generation, snapshot),
            on_failure=lambda error: self._open_failed(generation, error),
        )

    def close_article(self) -> None:
        """Show no article (after it was deleted, say)."""
        self._wanted = None
        self._generation += 1
        self.article = None
        self.annotations = ()
        self.entities = ()
        self.article_changed.emit()
        self.annotations_changed.emit()

    def refresh(self, *, article: bool = False) -> None:
        """Reload the annotations, entities and tags of the article shown.

        Args:
            article: Reload the article's own record too (after analysis: its model and
                date change, never its text).
        """
        article_id = self._wanted
        if article_id is None:
            self._database.submit(
                lambda library: Snapshot(tags=tuple(library.tags())),
                on_success=self._tags_loaded,
            )
            return
        generation = self._generation
        self._database.submit(
            lambda library: read_snapshot(library, article_id, with_article=article),
            on_success=lambda snapshot: self._loaded(generation, snapshot),
        )

    def _loaded(self, generation: int, snapshot: Snapshot) -> None:
        if generation != self._generation:
            return  # another article was asked for meanwhile
        previous = self.article
        if snapshot.article is not None:
            self.article = snapshot.article
        self.annotations = snapshot.annotations
        self.entities = snapshot.entities
        self.tags = snapshot.tags
        if snapshot.article is not None and (
            previous is None
            or previous.id != snapshot.article.id
            or previous.text_hash != snapshot.article.text_hash
        ):
            self.article_changed.emit()
        self.tags_changed.emit()
        self.annotations_changed.emit()

    def _open_failed(self, generation: int, error: BaseException) -> None:
        # Gone (deleted by the command line, say): show nothing rather than a stale article.
        if generation == self._generation:
            self.close_article()
        self._database.report(error)

    def _tags_loaded(self, snapshot: Snapshot) -> None:
        self.tags = snapshot.tags
        self.tags_changed.emit()
