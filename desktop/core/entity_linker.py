"""Library-wide entities: which entity a name found in an article belongs to.

A mention links by its article-level canonical name ("John Kerry" for "Kerry"), case-folded,
within a label family (PERSON; ORG; GPE/LOC/FAC are places; others by label). The table
``entity_link`` maps (name, family) to an entity; rename, merge and split write rows there
marked ``by_user``, so later analyses and imports follow the user's decisions. A bare surname
with no link of its own joins the one person whose name ends with it, when there is exactly
one; a full name whose surname is an existing bare-surname entity the user has not touched
takes that entity over (it is renamed to the full name).

Call these inside a write transaction.
"""

from __future__ import annotations

import re

from desktop.storage.records import EntityAliasRecord, EntityLinkRecord, EntityRecord

_FAMILIES = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}
_SPEAKER_FAMILIES = ("PERSON", "ORG", "PLACE", "NORP")
#: Words a speaker may be written as that are not names.
_NOT_NAMES = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "the",
        "a",
        "an",
        "who",
        "one",
        "someone",
        "officials",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    }
)


# Lower-case words that stand inside names: "Ursula von der Leyen", "Abu Bakr al-Baghdadi".
_NAME_PARTICLES = frozenset({"de", "del", "der", "di", "da", "van", "von", "le", "la", "al", "bin"})


def _names_someone(written: str) -> bool:
    """Whether a speaker as written reads as a name ("Mayor Helena Brandt", "Kerry"), not a
    pronoun or a description ("She", "The regional transport minister", "Its secretary")."""
    words = clean_name(written).split()
    if not words or words[0].casefold() in _NOT_NAMES:
        return False
    return all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)


def label_family(label: str) -> str:
    """The family a label links within: PERSON, ORG, PLACE, or the label itself."""
    upper = label.strip().upper()
    return _FAMILIES.get(upper, upper)


_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def fold(name: str) -> str:
    """A name as compared: case-folded, spaces collapsed, a trailing possessive dropped."""
    folded = " ".join(_UNSTORABLE.sub("", name).casefold().split())
    for ending in ("'s", "’s"):
        if folded.endswith(ending) and len(folded) > len(ending):
            folded = folded[: -len(ending)]
    return folded.strip()


def surname_of(folded: str) -> str:
    """The last word of a multi-word folded name, ``""`` for a single word."""
    return folded.rsplit(" ", 1)[1] if " " in folded else ""


def clean_name(name: str) -> str:
    """A name as shown: spaces collapsed (NUL and lone surrogates, which SQLite cannot
    store, removed)."""
    return " ".join(_UNSTORABLE.sub("", name).split())


class EntityLinker:
    """Links names to entities, creating entities as needed; caches within one transaction."""

    def __init__(self, *, now: str) -> None:
        self._now = now
        self._cache: dict[tuple[str, str], EntityRecord] = {}
        self._aliased: set[tuple[int, str]] = set()  # (entity id, alias) recorded already
        self._unlinked: set[tuple[str, str]] = set()  # (folded, family) with no link row

    def link(self, name: str, label: str, *, alias: str | None = None) -> EntityRecord | None:
        """The entity for ``name`` with ``label``; ``alias`` (the text as written) is recorded.

        Returns ``None`` when the name holds nothing to link (blank).
        """
        shown = clean_name(name)
        folded = fold(shown)
        if not folded:
            return None
        family = label_family(label)
        entity = self._find(folded, family)
        if entity is None:
            entity = self._adopt_bare_surname(shown, folded, family)
        if entity is None:
            entity = EntityRecord.create(
                name=shown,
                label=label.strip().upper() or "MISC",
                folded=folded,
                family=family,
                surname=surname_of(folded),
                user_edited=False,
                created=self._now,
            )
            set_link(folded, family, entity, by_user=False)
        self._cache[(folded, family)] = entity
        self._add_alias(entity, shown)
        if alias:
            self._add_alias(entity, alias)
        return entity

    def _add_alias(self, entity: EntityRecord, alias: str) -> None:
        """:func:`add_alias`, once per entity and spelling in this transaction."""
        key = (int(entity.id), alias)
        if key not in self._aliased:
            self._aliased.add(key)
            add_alias(entity, alias)

    def link_speaker(self, name: str, *, alias: str | None = None) -> EntityRecord | None:
        """The entity for a quote's resolved speaker: a person or organisation (or place).

        A name linked before in any speaker family is reused; a name not seen before becomes
        a person when it reads as a name, and nothing otherwise ("he", "officials", "The
        library").
        """
        shown = clean_name(name)
        folded = fold(shown)
        if not folded or folded in _NOT_NAMES:
            return None
        if alias is not None and not _names_someone(alias):
            alias = None  # "she", "the regional minister": not another name for the speaker
        for family in _SPEAKER_FAMILIES:
            entity = self._find(folded, family)
            if entity is not None:
                self._add_alias(entity, shown)
                if alias:
                    self._add_alias(entity, alias)
                return entity
        if not _names_someone(shown):
            return None  # "The library", "the minister": a description, not a new person
        return self.link(shown, "PERSON", alias=alias)

    def _find(self, folded: str, family: str) -> EntityRecord | None:
        cached = self._cache.get((folded, family))
        if cached is not None:
            return cached
        if (folded, family) not in self._unlinked:
            link = (
                EntityLinkRecord.select(EntityLinkRecord, EntityRecord)
                .join(EntityRecord)
                .where((EntityLinkRecord.folded == folded) & (EntityLinkRecord.family == family))
                .first()
            )
            if link is not None:
                entity: EntityRecord = link.entity
                return entity
            # Links made later in this transaction go through ``_cache`` first.
            self._unlinked.add((folded, family))
        if family == "PERSON" and " " not in folded:
            return self._by_surname(folded)
        return None

    def _by_surname(self, surname: str) -> EntityRecord | None:
        matches = list(
            EntityRecord.select()
            .where((EntityRecord.surname == surname) & (EntityRecord.family == "PERSON"))
            .limit(2)
        )
        if len(matches) != 1:
            return None
        entity: EntityRecord = matches[0]
        set_link(surname, "PERSON", entity, by_user=False)
        return entity

    def _adopt_bare_surname(self, shown: str, folded: str, family: str) -> EntityRecord | None:
        """A new full name takes over the untouched bare-surname entity of its surname."""
        if family != "PERSON" or " " not in folded:
            return None
        surname = folded.rsplit(" ", 1)[1]
        others = (
            EntityRecord.select()
            .where((EntityRecord.surname == surname) & (EntityRecord.family == "PERSON"))
            .exists()
        )
        if others:
            return None
        bare: EntityRecord | None = (
            EntityRecord.select()
            .where(
                (EntityRecord.family == "PERSON")
                & (EntityRecord.folded == surname)
                & (EntityRecord.user_edited == False)  # noqa: E712 (peewee expression)
            )
            .first()
        )
        if bare is None:
            return None
        bare.name = shown
        bare.folded = folded
        bare.surname = surname_of(folded)
        bare.save()
        set_link(folded, family, bare, by_user=False)
        return bare


def add_alias(entity: EntityRecord, alias: str) -> None:
    """Record that ``entity`` is written as ``alias`` (once)."""
    shown = clean_name(alias)
    folded = fold(shown)
    if not folded:
        return
    EntityAliasRecord.insert(
        entity=entity, alias=shown, folded=folded
    ).on_conflict_ignore().execute()


def set_link(folded: str, family: str, entity: EntityRecord, *, by_user: bool) -> None:
    """Make (``folded``, ``family``) link to ``entity``.

    An automatic link never replaces one the user made.
    """
    if by_user:
        EntityLinkRecord.insert(
            folded=folded, family=family, entity=entity, by_user=True
        ).on_conflict_replace().execute()
        return
    EntityLinkRecord.insert(
        folded=folded, family=family, entity=entity, by_user=False
    ).on_conflict_ignore().execute()
