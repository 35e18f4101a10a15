"""The schema, as the SQL of its first version and of the tables later versions added.

The steps from one version to the next are in ``migrations.py``.

Full-text search is an external-content FTS5 table over ``article(title, text, notes_text)``:
the text is stored once, in ``article``. ``notes_text`` holds every note of the article, kept by
triggers on ``note``; triggers on ``article`` keep the index in step, so the index changes in the
same transaction as the rows it indexes, whoever writes them.
"""

from __future__ import annotations

SCHEMA_V1: tuple[str, ...] = (
    """
    CREATE TABLE article (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        source_path TEXT,
        author TEXT,
        date TEXT,
        url TEXT,
        language TEXT,
        site TEXT,
        imported TEXT NOT NULL,
        analysed TEXT,
        model TEXT,
        entity_count INTEGER NOT NULL DEFAULT 0,
        quote_count INTEGER NOT NULL DEFAULT 0,
        notes_text TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX article_title ON article (title COLLATE NOCASE)",
    "CREATE INDEX article_date ON article (date)",
    "CREATE INDEX article_site ON article (site COLLATE NOCASE)",
    "CREATE INDEX article_format ON article (format)",
    "CREATE INDEX article_imported ON article (imported)",
    "CREATE INDEX article_entity_count ON article (entity_count)",
    "CREATE INDEX article_quote_count ON article (quote_count)",
    "CREATE INDEX article_pending ON article (id) WHERE analysed IS NULL",
    """
    CREATE TABLE entity (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        folded TEXT NOT NULL,
        family TEXT NOT NULL,
        surname TEXT NOT NULL,
        user_edited INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    )
    """,
    "CREATE INDEX entity_folded ON entity (folded, family)",
    # The last word of a multi-word name ('' otherwise): bare surnames link through it.
    "CREATE INDEX entity_surname ON entity (surname, family) WHERE surname != ''",
    """
    CREATE TABLE entity_alias (
        id INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        folded TEXT NOT NULL,
        UNIQUE (entity_id, folded)
    )
    """,
    "CREATE INDEX entity_alias_folded ON entity_alias (folded)",
    # Which entity a canonical name (case-folded, per label family) links to. Rows written by
    # a rename, merge or split carry by_user = 1: later analyses follow them.
    """
    CREATE TABLE entity_link (
        folded TEXT NOT NULL,
        family TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
        by_user INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (folded, family)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX entity_link_entity ON entity_link (entity_id)",
    """
    CREATE TABLE tag (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color TEXT NOT NULL,
        shortcut TEXT
    )
    """,
    """
    CREATE TABLE annotation (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        layer TEXT NOT NULL CHECK (layer IN ('entity', 'quote', 'tag')),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        label TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
        status TEXT NOT NULL CHECK (status IN ('active', 'rejected')),
        model TEXT,
        canonical TEXT,
        entity_id INTEGER REFERENCES entity (id) ON DELETE SET NULL,
        tag_id INTEGER REFERENCES tag (id) ON DELETE CASCADE,
        auto_start INTEGER,
        auto_end INTEGER,
        auto_label TEXT,
        anchored INTEGER NOT NULL DEFAULT 1,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        CHECK (0 <= start AND start <= "end")
    )
    """,
    "CREATE INDEX annotation_article ON annotation (article_id, layer, start)",
    # Covers the entity filter of search (entity -> active mentions -> articles).
    "CREATE INDEX annotation_entity ON annotation (entity_id, status, article_id)"
    " WHERE entity_id IS NOT NULL",
    "CREATE INDEX annotation_tag ON annotation (tag_id) WHERE tag_id IS NOT NULL",
    """
    CREATE TABLE quote_detail (
        annotation_id INTEGER PRIMARY KEY REFERENCES annotation (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
        speaker TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_resolved TEXT,
        speaker_entity_id INTEGER REFERENCES entity (id) ON DELETE SET NULL,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        confidence REAL NOT NULL DEFAULT 1.0
    )
    """,
    "CREATE INDEX quote_detail_speaker ON quote_detail (speaker_entity_id)"
    " WHERE speaker_entity_id IS NOT NULL",
    # Speakers with no entity, by name (the expression the quote book and filters use).
    "CREATE INDEX quote_detail_speaker_text ON quote_detail"
    " (lower(ifnull(speaker_resolved, speaker))) WHERE speaker_entity_id IS NULL",
    # Automatic spans the user deleted: a new analysis does not bring them back.
    """
    CREATE TABLE suppressed_span (
        article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (article_id, layer, start, "end", label)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE article_tag (
        article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_tag_tag ON article_tag (tag_id)",
    """
    CREATE TABLE note (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
        annotation_id INTEGER REFERENCES annotation (id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        updated TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX note_target ON note (article_id, ifnull(annotation_id, 0))",
    "CREATE INDEX note_annotation ON note (annotation_id) WHERE annotation_id IS NOT NULL",
    # --- full-text search ------------------------------------------------------------------
    """
    CREATE VIRTUAL TABLE article_fts USING fts5 (
        title, text, notes_text,
        content = 'article', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
    )
    """,
    """
    CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_fts (rowid, title, text, notes_text)
        VALUES (new.id, new.title, new.text, new.notes_text);
    END
    """,
    """
    CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, text, notes_text)
        VALUES ('delete', old.id, old.title, old.text, old.notes_text);
    END
    """,
    """
    CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text, notes_text ON article BEGIN
        INSERT INTO article_fts (article_fts, rowid, title, text, notes_text)
        VALUES ('delete', old.id, old.title, old.text, old.notes_text);
        INSERT INTO article_fts (rowid, title, text, notes_text)
        VALUES (new.id, new.title, new.text, new.notes_text);
    END
    """,
    # Notes reach the index through article.notes_text (and so through the trigger above).
    """
    CREATE TRIGGER note_text_insert AFTER INSERT ON note BEGIN
        UPDATE article SET notes_text = (
            SELECT ifnull(group_concat(body, char(10)), '') FROM note
            WHERE article_id = new.article_id
        ) WHERE id = new.article_id;
    END
    """,
    """
    CREATE TRIGGER note_text_update AFTER UPDATE OF body ON note BEGIN
        UPDATE article SET notes_text = (
            SELECT ifnull(group_concat(body, char(10)), '') FROM note
            WHERE article_id = new.article_id
        ) WHERE id = new.article_id;
    END
    """,
    """
    CREATE TRIGGER note_text_delete AFTER DELETE ON note BEGIN
        UPDATE article SET notes_text = (
            SELECT ifnull(group_concat(body, char(10)), '') FROM note
            WHERE article_id = old.article_id
        ) WHERE id = old.article_id;
    END
    """,
)

#: Version 3: searches the user named. Filters are stored as typed (names, not entity ids), so
#: a saved search follows later merges and renames the way a typed search does.
SAVED_SEARCH_V3: tuple[str, ...] = (
    """
    CREATE TABLE saved_search (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        query TEXT NOT NULL DEFAULT '',
        entity TEXT,
        speaker TEXT,
        tag TEXT,
        since TEXT,
        until TEXT,
        format TEXT,
        created TEXT NOT NULL
    )
    """,
)
