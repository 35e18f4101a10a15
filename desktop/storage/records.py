"""peewee records over the tables of ``schema.py`` (the SQL there is the source of truth)."""

from __future__ import annotations

import peewee

from desktop.storage.database import database


class BaseRecord(peewee.Model):
    """Bound to the per-thread database proxy."""

    class Meta:
        database = database
        legacy_table_names = False


class ArticleRecord(BaseRecord):
    """One article: its canonical text, stored once, and what the file said about it."""

    id = peewee.AutoField()
    title = peewee.TextField()
    text = peewee.TextField()
    text_hash = peewee.TextField(unique=True)
    format = peewee.TextField()
    source_path = peewee.TextField(null=True)
    author = peewee.TextField(null=True)
    date = peewee.TextField(null=True)
    url = peewee.TextField(null=True)
    language = peewee.TextField(null=True)
    site = peewee.TextField(null=True)
    imported = peewee.TextField()
    analysed = peewee.TextField(null=True)
    model = peewee.TextField(null=True)
    entity_count = peewee.IntegerField(default=0)
    quote_count = peewee.IntegerField(default=0)
    notes_text = peewee.TextField(default="")

    class Meta:
        table_name = "article"


class EntityRecord(BaseRecord):
    """A library-wide entity: one person, organisation or place across all articles."""

    id = peewee.AutoField()
    name = peewee.TextField()
    label = peewee.TextField()
    folded = peewee.TextField()
    family = peewee.TextField()
    surname = peewee.TextField(default="")
    user_edited = peewee.BooleanField(default=False)
    created = peewee.TextField()

    class Meta:
        table_name = "entity"


class EntityAliasRecord(BaseRecord):
    """A name an entity is written as (shown to the user, matched by filters)."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    entity_id: int
    id = peewee.AutoField()
    entity = peewee.ForeignKeyField(EntityRecord, backref="aliases", on_delete="CASCADE")
    alias = peewee.TextField()  # type: ignore[assignment]  # Model.alias() is a classmethod
    folded = peewee.TextField()

    class Meta:
        table_name = "entity_alias"


class EntityLinkRecord(BaseRecord):
    """Which entity a canonical name links to; ``by_user`` rows come from rename/merge/split."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    entity_id: int
    folded = peewee.TextField()
    family = peewee.TextField()
    entity = peewee.ForeignKeyField(EntityRecord, on_delete="CASCADE")
    by_user = peewee.BooleanField(default=False)

    class Meta:
        table_name = "entity_link"
        primary_key = peewee.CompositeKey("folded", "family")


class TagRecord(BaseRecord):
    """A tag of the user's tag set."""

    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    color = peewee.TextField()
    shortcut = peewee.TextField(null=True)

    class Meta:
        table_name = "tag"


class AnnotationRecord(BaseRecord):
    """A standoff span: an entity mention, a quote or a user tag."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    article_id: int
    entity_id: int | None
    tag_id: int | None
    id = peewee.AutoField()
    article = peewee.ForeignKeyField(ArticleRecord, on_delete="CASCADE")
    layer = peewee.TextField()
    start = peewee.IntegerField()
    end = peewee.IntegerField()
    exact = peewee.TextField()
    prefix = peewee.TextField()
    suffix = peewee.TextField()
    label = peewee.TextField()
    source = peewee.TextField()
    status = peewee.TextField()
    model = peewee.TextField(null=True)
    canonical = peewee.TextField(null=True)
    entity = peewee.ForeignKeyField(EntityRecord, null=True, on_delete="SET NULL")
    tag = peewee.ForeignKeyField(TagRecord, null=True, on_delete="CASCADE")
    # What the analyser first said about a span the user has since edited.
    auto_start = peewee.IntegerField(null=True)
    auto_end = peewee.IntegerField(null=True)
    auto_label = peewee.TextField(null=True)
    anchored = peewee.BooleanField(default=True)
    created = peewee.TextField()
    updated = peewee.TextField()

    class Meta:
        table_name = "annotation"


class QuoteDetailRecord(BaseRecord):
    """The parts of a quote annotation beyond its span: speaker, cue, kind."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    annotation_id: int
    speaker_entity_id: int | None
    annotation = peewee.ForeignKeyField(
        AnnotationRecord, primary_key=True, backref="quote_details", on_delete="CASCADE"
    )
    kind = peewee.TextField()
    speaker = peewee.TextField(null=True)
    speaker_start = peewee.IntegerField(null=True)
    speaker_end = peewee.IntegerField(null=True)
    speaker_resolved = peewee.TextField(null=True)
    speaker_entity = peewee.ForeignKeyField(EntityRecord, null=True, on_delete="SET NULL")
    cue = peewee.TextField(null=True)
    cue_start = peewee.IntegerField(null=True)
    cue_end = peewee.IntegerField(null=True)
    confidence = peewee.FloatField(default=1.0)

    class Meta:
        table_name = "quote_detail"


class SuppressedSpanRecord(BaseRecord):
    """An automatic span the user deleted; new analyses do not bring it back."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    article_id: int
    article = peewee.ForeignKeyField(ArticleRecord, on_delete="CASCADE")
    layer = peewee.TextField()
    start = peewee.IntegerField()
    end = peewee.IntegerField()
    label = peewee.TextField()

    class Meta:
        table_name = "suppressed_span"
        primary_key = peewee.CompositeKey("article", "layer", "start", "end", "label")


class ArticleTagRecord(BaseRecord):
    """A document-level tag on an article."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    article_id: int
    tag_id: int
    article = peewee.ForeignKeyField(ArticleRecord, on_delete="CASCADE")
    tag = peewee.ForeignKeyField(TagRecord, on_delete="CASCADE")

    class Meta:
        table_name = "article_tag"
        primary_key = peewee.CompositeKey("article", "tag")


class NoteRecord(BaseRecord):
    """A Markdown note on an article or on one of its annotations."""

    # Set by the foreign keys below (peewee adds "<name>_id" accessors).
    article_id: int
    annotation_id: int | None
    id = peewee.AutoField()
    article = peewee.ForeignKeyField(ArticleRecord, on_delete="CASCADE")
    annotation = peewee.ForeignKeyField(AnnotationRecord, null=True, on_delete="CASCADE")
    body = peewee.TextField()
    updated = peewee.TextField()

    class Meta:
        table_name = "note"


class SavedSearchRecord(BaseRecord):
    """A search the user named: its query and filters as typed."""

    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    query = peewee.TextField(default="")
    entity = peewee.TextField(null=True)
    speaker = peewee.TextField(null=True)
    tag = peewee.TextField(null=True)
    since = peewee.TextField(null=True)
    until = peewee.TextField(null=True)
    format = peewee.TextField(null=True)
    created = peewee.TextField()

    class Meta:
        table_name = "saved_search"


ALL_RECORDS: tuple[type[BaseRecord], ...] = (
    ArticleRecord,
    EntityRecord,
    EntityAliasRecord,
    EntityLinkRecord,
    TagRecord,
    AnnotationRecord,
    QuoteDetailRecord,
    SuppressedSpanRecord,
    ArticleTagRecord,
    NoteRecord,
    SavedSearchRecord,
)
