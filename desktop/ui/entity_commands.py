"""Undoable edits of library-wide entities: rename, change type, merge and split an alias."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.types import Entity
from desktop.ui.database_command import CommandContext, DatabaseCommand

if TYPE_CHECKING:
    from desktop.core import Library


class RenameEntityCommand(DatabaseCommand):
    """Give an entity another canonical name (the old one stays an alias in the core)."""

    def __init__(
        self, context: CommandContext, *, entity: Entity, name: str, article_id: int | None
    ) -> None:
        super().__init__(f"Rename “{entity.name}” to “{name}”", context, article_id=article_id)
        self._entity = entity
        self._name = name

    def apply(self, library: Library) -> None:
        library.rename_entity(self.context.entities(self._entity.id), self._name)

    def revert(self, library: Library) -> None:
        library.rename_entity(self.context.entities(self._entity.id), self._entity.name)


class SetEntityLabelCommand(DatabaseCommand):
    """Change an entity's type (PERSON, ORG, ...)."""

    def __init__(
        self, context: CommandContext, *, entity: Entity, label: str, article_id: int | None
    ) -> None:
        super().__init__(f"Make “{entity.name}” {label}", context, article_id=article_id)
        self._entity = entity
        self._label = label

    def apply(self, library: Library) -> None:
        library.set_entity_label(self.context.entities(self._entity.id), self._label)

    def revert(self, library: Library) -> None:
        library.set_entity_label(self.context.entities(self._entity.id), self._entity.label)


class MergeEntitiesCommand(DatabaseCommand):
    """Merge entities into one; undo splits each merged one off again by its names.

    The core has no un-merge, so undo splits each merged entity's name off the kept one and
    gives the new entity the old one's type and its other aliases back.
    """

    def __init__(
        self,
        context: CommandContext,
        *,
        keep: Entity,
        others: Sequence[Entity],
        article_id: int | None,
    ) -> None:
        names = ", ".join(f"“{e.name}”" for e in others)
        super().__init__(f"Merge {names} into “{keep.name}”", context, article_id=article_id)
        self._keep = keep
        self._others = list(others)

    def apply(self, library: Library) -> None:
        library.merge_entities(
            self.context.entities(self._keep.id),
            [self.context.entities(other.id) for other in self._others],
        )

    def revert(self, library: Library) -> None:
        keep_id = self.context.entities(self._keep.id)
        for other in self._others:
            split = library.split_alias(keep_id, other.name)
            for alias in other.aliases:
                if alias != other.name and alias not in self._keep.aliases:
                    split = library.merge_entities(
                        split.id, [library.split_alias(keep_id, alias).id]
                    )
            if split.label != other.label:
                library.set_entity_label(split.id, other.label)
            self.context.entities.moved(other.id, split.id)


class SplitAliasCommand(DatabaseCommand):
    """Split one alias off an entity into an entity of its own; undo merges it back."""

    def __init__(
        self, context: CommandContext, *, entity: Entity, alias: str, article_id: int | None
    ) -> None:
        super().__init__(f"Split “{alias}” off “{entity.name}”", context, article_id=article_id)
        self._entity = entity
        self._alias = alias
        self.created: Entity | None = None

    def apply(self, library: Library) -> None:
        self.created = library.split_alias(self.context.entities(self._entity.id), self._alias)

    def revert(self, library: Library) -> None:
        assert self.created is not None
        library.merge_entities(self.context.entities(self._entity.id), [self.created.id])
