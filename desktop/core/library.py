"""The library: the use cases the command line and the GUI share, over one database.

Each public method is one user action: it binds the library's database to the calling thread,
runs its writes in one ``BEGIN IMMEDIATE`` transaction, and turns database failures into
:mod:`desktop.errors` classes. A ``Library`` is used from one thread at a time (the GUI keeps
it on its serial database worker); several libraries may be open in one process.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar, cast

import peewee

from desktop.core import (
    annotation_edits,
    article_deletion,
    entity_ops,
    saved_searches,
    tags_notes,
)
from desktop.core.analysis_store import store_analysis
from desktop.core.analyzer import Analyzer
from desktop.core.annotation_rows import (
    annotation_by_id,
    article_annotation_list,
    delete_orphan_entities,
)
from desktop.core.article_rows import get_article, list_summaries, ordered_ids, summaries
from desktop.core.check_report import CheckReport
from desktop.core.entity_linker import fold
from desktop.core.importer import (
    Stored,
    discover,
    now_iso,
    outcome,
    store_documents,
)
from desktop.core.quote_book import count_quotes, quote_book
from desktop.errors import (
    FormatError,
    InvalidInputError,
    ModelError,
    NotFoundError,
    StorageError,
)
from desktop.storage import backups, search
from desktop.storage.database import (
    bind,
    execute,
    inspect_file,
    make_database,
    raw_connection,
    storage_errors,
    unbind,
    write_transaction,
)
from desktop.storage.fts_query import sanitize, to_fts_query
from desktop.storage.migrations import SCHEMA_VERSION, migrate
from desktop.storage.records import (
    ArticleRecord,
    NoteRecord,
    TagRecord,
)
from desktop.types import (
    Analysis,
    Annotation,
    Article,
    ArticleAnnotations,
    ArticleSummary,
    Document,
    Entity,
    ImportOutcome,
    Note,
    QuoteRecord,
    SavedSearch,
    SearchHit,
    Tag,
)

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

DAY = 24 * 60 * 60
IMPORT_BATCH = 200  # documents per import transaction
ANALYSIS_BATCH = 32
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?")


def _action(method: Callable[Concatenate[Library, P], R]) -> Callable[Concatenate[Library, P], R]:
    """Bind the library's database to this thread and map database errors, around a method."""

    @functools.wraps(method)
    def wrapper(self: Library, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._db is None:
            raise StorageError(f"{self.path}: the library is closed")
        bind(self._db)
        with storage_errors(self.path):
            return method(self, *args, **kwargs)

    return cast("Callable[Concatenate[Library, P], R]", wrapper)


class Library:
    """A Newsdesk library: articles, their annotations, entities, tags, notes and search."""

    def __init__(
        self,
        path: Path,
        db: peewee.SqliteDatabase,
        *,
        analyzer: Analyzer | None,
        max_file_bytes: int,
    ) -> None:
        """Use :meth:`open`; this only wires an already opened database."""
        self.path = path
        self.analyzer = analyzer
        self.max_file_bytes = max_file_bytes
        self._db: peewee.SqliteDatabase | None = db

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        db_path: Path,
        *,
        analyzer: Analyzer | None = None,
        max_file_bytes: int = 50 * 1024 * 1024,
        daily_backup: bool = True,
    ) -> Library:
        """Open (creating it and its folder if missing) the library at ``db_path``.

        An existing library is backed up first when its newest backup is more than a day old
        (``daily_backup=False`` skips that, for tools and benchmarks).

        Raises:
            DatabaseTooNewError: a newer Newsdesk wrote it; the file is not changed.
            DatabaseCorruptError: it is not a Newsdesk library, or it is damaged; not changed.
            DatabaseBusyError: another program holds it for longer than the busy timeout.
            StorageError: it cannot be created or read.
        """
        path = Path(db_path).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"{path.parent}: cannot create the library folder: {error.strerror}"
            ) from error
        existed = inspect_file(path, latest_version=SCHEMA_VERSION) > 0
        db = make_database(path)
        bind(db)
        try:
            with storage_errors(path):
                db.connect(reuse_if_open=True)

                def backup_first(_version: int) -> None:
                    backups.make_backup(raw_connection(db), path)

                migrate(db, before=backup_first)
        except BaseException:
            if not db.is_closed():
                db.close()
            unbind(db)
            raise
        library = cls(path, db, analyzer=analyzer, max_file_bytes=max_file_bytes)
        if existed and daily_backup:
            library._daily_backup()
        return library

    def close(self) -> None:
        """Close the database connection of this thread; the library cannot be used after."""
        if self._db is None:
            return
        if not self._db.is_closed():
            try:
                # Lets SQLite refresh its planner statistics where they are stale (cheap).
                execute(self._db, "PRAGMA optimize")
            except peewee.DatabaseError as error:
                log.warning("PRAGMA optimize failed on close: %s", error)
            self._db.close()
        unbind(self._db)
        self._db = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        assert self._db is not None  # _action checked
        with write_transaction(self._db):
            yield

    @_action
    def _daily_backup(self) -> None:
        age = backups.last_backup_age(self.path)
        if age is None or age > DAY:
            self._backup()

    # --- import ----------------------------------------------------------------------------

    def discover(self, paths: Sequence[Path]) -> list[Path]:
        """Files to import under ``paths`` (recursive, supported types, no symlink loops).

        Files named directly are kept whatever their type, so they can be refused with a
        reason; the result is sorted.
        """
        from desktop.formats import SUPPORTED_SUFFIXES

        return discover([Path(p) for p in paths], frozenset(SUPPORTED_SUFFIXES))

    @_action
    def import_files(
        self,
        files: Sequence[Path],
        *,
        analyze: bool = True,
        password: str | None = None,
        progress: Callable[[int, int, Path], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[ImportOutcome]:
        """Read and store ``files``; then analyse the new articles when asked and possible.

        ``progress(done, total, path)`` is called after each file and, while analysing, after
        each article (``total`` then grows by the number of new articles). When
        ``cancelled()`` turns true the import stops: every batch committed so far stays, and
        the files not reached get no outcome.
        """
        from desktop.formats import read_document

        max_bytes = self.max_file_bytes

        def read(path: Path) -> Document | ImportOutcome:
            try:
                return read_document(path, password=password, max_bytes=max_bytes)
            except FormatError as error:
                return ImportOutcome(path=path, status="refused", reason=error.reason)
            except OSError as error:
                reason = error.strerror or str(error)
                return ImportOutcome(path=path, status="refused", reason=reason)

        paths = [Path(f) for f in files]
        # Read lazily in this thread: a reading thread beside SQLite measured 10 % slower
        # (the readers are Python and hold the GIL), and a cancel stops before the next file.
        return self._import(
            map(read, paths), paths, analyze=analyze, progress=progress, cancelled=cancelled
        )

    @_action
    def import_documents(
        self,
        docs: Sequence[Document],
        *,
        analyze: bool = True,
        progress: Callable[[int, int, Path], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[ImportOutcome]:
        """Store documents already read, in batches, like :meth:`import_files`.

        The outcome's path is the document's path, or its title when it has none.
        """
        paths = [d.path if d.path is not None else Path(d.title or "untitled") for d in docs]
        return self._import(
            iter(docs), paths, analyze=analyze, progress=progress, cancelled=cancelled
        )

    def _import(
        self,
        items: Iterator[Document | ImportOutcome],
        paths: list[Path],
        *,
        analyze: bool,
        progress: Callable[[int, int, Path], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> list[ImportOutcome]:
        outcomes: dict[int, ImportOutcome] = {}
        pending: list[tuple[int, Path, Document]] = []
        new_ids: list[int] = []
        total = len(paths)
        stopped = False

        def flush() -> None:
            if not pending:
                return
            with self._write():
                stored = store_documents([doc for _, _, doc in pending])
            for (index, path, _doc), result in zip(pending, stored, strict=True):
                outcomes[index] = outcome(path, result)
                if result.status == "imported":
                    new_ids.append(result.article_id)
            pending.clear()

        for index, path in enumerate(paths):
            if cancelled is not None and cancelled():
                stopped = True
                break
            if index % 20 == 19:
                time.sleep(0)  # reading is pure Python: let a window sharing the GIL draw
            item = next(items)
            if isinstance(item, ImportOutcome):
                outcomes[index] = item
            elif item.text.strip():
                pending.append((index, path, item))
            else:
                outcomes[index] = ImportOutcome(
                    path=path, status="refused", reason="the file holds no text"
                )
            if len(pending) >= IMPORT_BATCH:
                flush()
            if progress is not None:
                progress(index + 1, total, path)
        flush()
        if not stopped and analyze and self.analyzer is not None and new_ids:
            self._analyze_ids(new_ids, progress=progress, done=total, cancelled=cancelled)
        return [outcomes[i] for i in sorted(outcomes)]

    @_action
    def import_document(self, doc: Document, *, analyze: bool = True) -> ImportOutcome:
        """Store one document already read (duplicates by text are not stored twice)."""
        path = doc.path if doc.path is not None else Path(doc.title or "untitled")
        if not doc.text.strip():
            return ImportOutcome(path=path, status="refused", reason="the document holds no text")
        with self._write():
            stored: Stored = store_documents([doc])[0]
        if stored.status == "imported" and analyze and self.analyzer is not None:
            self._analyze_ids([stored.article_id], progress=None, done=0, cancelled=None)
        return outcome(path, stored)

    def _analyze_ids(
        self,
        ids: Sequence[int],
        *,
        progress: Callable[[int, int, Path], None] | None,
        done: int,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        analyzer = self.analyzer
        if analyzer is None:
            raise ModelError("no language pipeline is set to analyse with")
        total = done + len(ids)
        for start in range(0, len(ids), ANALYSIS_BATCH):
            if cancelled is not None and cancelled():
                return
            batch = list(ids[start : start + ANALYSIS_BATCH])
            rows = {int(r.id): r for r in ArticleRecord.select().where(ArticleRecord.id.in_(batch))}
            present = [i for i in batch if i in rows]
            texts = [rows[i].text for i in present]
            results = analyzer.analyze_many(texts, batch_size=ANALYSIS_BATCH)
            for article_id, analysis in zip(present, results, strict=True):
                with self._write():
                    self._store_analysis(rows[article_id], analysis)
                done += 1
                if progress is not None:
                    source = rows[article_id].source_path
                    progress(done, total, Path(source) if source else Path(rows[article_id].title))
                if cancelled is not None and cancelled():
                    return

    # --- articles --------------------------------------------------------------------------

    @_action
    def get_article(self, article_id: int) -> Article:
        """One article with its text, metadata and tags."""
        return get_article(article_id)

    @_action
    def count_articles(self) -> int:
        """How many articles the library holds."""
        return int(ArticleRecord.select().count())

    @_action
    def article_ids(self, *, order: str = "imported", descending: bool = True) -> list[int]:
        """Every article id, sorted by title, date, site, format, imported, entities or quotes."""
        return ordered_ids(order=order, descending=descending)

    @_action
    def summaries(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """List rows for ``ids`` in the same order (ids no longer in the library are left out)."""
        return summaries(list(ids))

    @_action
    def list_articles(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        order: str = "imported",
        descending: bool = True,
    ) -> list[ArticleSummary]:
        """A page of the library list."""
        return list_summaries(limit=limit, offset=offset, order=order, descending=descending)

    @_action
    def delete_article(self, article_id: int) -> None:
        """Delete an article with its annotations, notes and tag links."""
        with self._write():
            if not article_deletion.delete_articles([article_id]):
                raise NotFoundError(f"there is no article {article_id}")

    @_action
    def delete_articles(self, ids: Sequence[int]) -> int:
        """Delete several articles at once (a multi-selection) in one transaction.

        Ids no longer in the library are skipped; the result is how many were deleted.
        Their annotations, notes and tag links go with them, and the search index follows.
        """
        with self._write():
            return article_deletion.delete_articles(ids)

    # --- analysis --------------------------------------------------------------------------

    @_action
    def analyze_article(self, article_id: int) -> None:
        """Analyse one article again with :attr:`analyzer`, keeping the user's annotations."""
        if self.analyzer is None:
            raise ModelError("no language pipeline is set to analyse with")
        record = ArticleRecord.get_or_none(ArticleRecord.id == article_id)
        if record is None:
            raise NotFoundError(f"there is no article {article_id}")
        analysis = self.analyzer.analyze(record.text)
        with self._write():
            self._store_analysis(record, analysis)

    @_action
    def store_analysis(self, article_id: int, analysis: Analysis) -> None:
        """Store an analysis: only untouched automatic annotations are replaced."""
        with self._write():
            record = ArticleRecord.get_or_none(ArticleRecord.id == article_id)
            if record is None:
                raise NotFoundError(f"there is no article {article_id}")
            self._store_analysis(record, analysis)

    def _store_analysis(self, record: ArticleRecord, analysis: Analysis) -> None:
        now = now_iso()
        lost = store_analysis(record, analysis, now=now)
        if analysis.model:
            # Without a pipeline the article stays pending, to be analysed once one is there.
            model = f"{analysis.model} {analysis.model_version}".strip()
            ArticleRecord.update(analysed=now, model=model).where(
                ArticleRecord.id == record.id
            ).execute()
        delete_orphan_entities(lost)

    @_action
    def pending_analysis(self) -> list[int]:
        """Ids of the articles never analysed, oldest first."""
        query = ArticleRecord.select(ArticleRecord.id).where(ArticleRecord.analysed.is_null())
        return [int(r.id) for r in query.order_by(ArticleRecord.id)]

    # --- annotations -----------------------------------------------------------------------

    @_action
    def annotations(
        self, article_id: int, *, layer: str | None = None, include_rejected: bool = False
    ) -> list[Annotation]:
        """The annotations of an article, sorted by start."""
        if layer is not None and layer not in ("entity", "quote", "tag"):
            raise InvalidInputError(f"{layer!r} is not a layer; use entity, quote or tag")
        if ArticleRecord.get_or_none(ArticleRecord.id == article_id) is None:
            raise NotFoundError(f"there is no article {article_id}")
        return article_annotation_list(article_id, layer=layer, include_rejected=include_rejected)

    def _annotation(self, annotation_id: int) -> Annotation:
        found = annotation_by_id(annotation_id)
        if found is None:
            raise NotFoundError(f"there is no annotation {annotation_id}")
        return found

    @_action
    def get_annotation(self, annotation_id: int) -> Annotation:
        """One annotation."""
        return self._annotation(annotation_id)

    @_action
    def add_entity(self, article_id: int, start: int, end: int, label: str) -> Annotation:
        """Mark ``[start, end)`` as an entity mention (manual)."""
        with self._write():
            new_id = annotation_edits.add_entity(article_id, start, end, label, now=now_iso())
        return self._annotation(new_id)

    @_action
    def add_quote(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        kind: str = "direct",
        speaker_start: int | None = None,
        speaker_end: int | None = None,
        speaker_entity_id: int | None = None,
        cue_start: int | None = None,
        cue_end: int | None = None,
    ) -> Annotation:
        """Mark ``[start, end)`` as a quote (manual), with its speaker and cue when given."""
        with self._write():
            new_id = annotation_edits.add_quote(
                article_id,
                start,
                end,
                kind=kind,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                speaker_entity_id=speaker_entity_id,
                cue_start=cue_start,
                cue_end=cue_end,
                now=now_iso(),
            )
        return self._annotation(new_id)

    @_action
    def add_tag_span(self, article_id: int, start: int, end: int, tag_id: int) -> Annotation:
        """Tag the span ``[start, end)`` with one of the user's tags."""
        with self._write():
            new_id = annotation_edits.add_tag_span(article_id, start, end, tag_id, now=now_iso())
        return self._annotation(new_id)

    @_action
    def update_annotation(
        self,
        annotation_id: int,
        *,
        start: int | None = None,
        end: int | None = None,
        label: str | None = None,
        kind: str | None = None,
        speaker_start: int | None = None,
        speaker_end: int | None = None,
        speaker_entity_id: int | None = None,
        clear_speaker: bool = False,
        cue_start: int | None = None,
        cue_end: int | None = None,
        clear_cue: bool = False,
    ) -> Annotation:
        """Change an annotation's span, label, or quote details; it becomes manual.

        A quote's speaker and cue are spans of the article (give both ends);
        ``clear_speaker`` / ``clear_cue`` remove them.
        """
        with self._write():
            annotation_edits.update(
                annotation_id,
                start=start,
                end=end,
                label=label,
                kind=kind,
                speaker_start=speaker_start,
                speaker_end=speaker_end,
                speaker_entity_id=speaker_entity_id,
                clear_speaker=clear_speaker,
                cue_start=cue_start,
                cue_end=cue_end,
                clear_cue=clear_cue,
                now=now_iso(),
            )
        return self._annotation(annotation_id)

    @_action
    def reject_annotation(self, annotation_id: int) -> Annotation:
        """Mark an annotation as wrong; a new analysis does not bring it back."""
        with self._write():
            annotation_edits.set_status(annotation_id, "rejected", now=now_iso())
        return self._annotation(annotation_id)

    @_action
    def restore_annotation(self, annotation_id: int) -> Annotation:
        """Undo a rejection."""
        with self._write():
            annotation_edits.set_status(annotation_id, "active", now=now_iso())
        return self._annotation(annotation_id)

    @_action
    def delete_annotation(self, annotation_id: int) -> None:
        """Delete an annotation (with its notes); see :meth:`restore_deleted` to undo."""
        with self._write():
            annotation_edits.delete(annotation_id)

    @_action
    def restore_deleted(self, annotation: Annotation) -> Annotation:
        """Re-create a deleted annotation (undo); it keeps its id when nothing took it."""
        with self._write():
            new_id = annotation_edits.restore_deleted(annotation, now=now_iso())
        return self._annotation(new_id)

    # --- entities --------------------------------------------------------------------------

    @_action
    def entities(
        self,
        *,
        label: str | None = None,
        query: str | None = None,
        article_id: int | None = None,
    ) -> list[Entity]:
        """Library-wide entities with aliases and counts, most mentioned first.

        ``query`` matches names and aliases (case-folded substring). With ``article_id``:
        that article's entities, ``mention_count`` counting mentions in it.
        """
        return entity_ops.list_entities(label=label, query=query, article_id=article_id)

    @_action
    def entity_names(self, *, labels: Sequence[str] | None = None) -> list[str]:
        """Every entity name and alias (of ``labels`` only), for completion; no counts."""
        return entity_ops.entity_names(labels)

    @_action
    def get_entity(self, entity_id: int) -> Entity:
        """One entity."""
        return entity_ops.get_entity(entity_id)

    @_action
    def find_entity(self, name: str) -> Entity | None:
        """The entity called ``name`` (by name, then alias; case-folded), if any."""
        found = entity_ops.find_entity_id(name)
        return None if found is None else entity_ops.get_entity(found)

    @_action
    def rename_entity(self, entity_id: int, name: str) -> Entity:
        """Rename an entity; its old names keep linking to it in later imports."""
        with self._write():
            entity_ops.rename(entity_id, name)
        return entity_ops.get_entity(entity_id)

    @_action
    def set_entity_label(self, entity_id: int, label: str) -> Entity:
        """Change an entity's label (PERSON, ORG, GPE, ...)."""
        with self._write():
            entity_ops.relabel(entity_id, label)
        return entity_ops.get_entity(entity_id)

    @_action
    def merge_entities(self, keep_id: int, other_ids: Sequence[int]) -> Entity:
        """Make several entities one; later imports link their names to it."""
        with self._write():
            entity_ops.merge(keep_id, list(other_ids))
        return entity_ops.get_entity(keep_id)

    @_action
    def split_alias(self, entity_id: int, alias: str) -> Entity:
        """Move one alias (and its mentions and quotes) to a new entity; return it."""
        with self._write():
            new_id = entity_ops.split(entity_id, alias, now=now_iso())
        return entity_ops.get_entity(new_id)

    @_action
    def entity_articles(self, entity_id: int) -> list[ArticleSummary]:
        """Articles that mention or quote an entity, newest first."""
        entity_ops.entity_record(entity_id)
        where = (
            "id IN (SELECT article_id FROM annotation WHERE entity_id = ? AND status = 'active')"
            " OR id IN (SELECT a.article_id FROM quote_detail AS q JOIN annotation AS a ON "
            "a.id = q.annotation_id WHERE q.speaker_entity_id = ? AND a.status = 'active')"
        )
        return list_summaries(
            limit=None,
            offset=0,
            order="date",
            descending=True,
            where=where,
            params=(entity_id, entity_id),
        )

    # --- tags ------------------------------------------------------------------------------

    @_action
    def tags(self) -> list[Tag]:
        """The user's tags, by name."""
        return tags_notes.all_tags()

    @_action
    def create_tag(self, name: str, *, color: str = "#ffd54f", shortcut: str | None = None) -> Tag:
        """A new tag."""
        with self._write():
            return tags_notes.create_tag(name, color=color, shortcut=shortcut)

    @_action
    def update_tag(
        self,
        tag_id: int,
        *,
        name: str | None = None,
        color: str | None = None,
        shortcut: str | None = None,
    ) -> Tag:
        """Change a tag; ``shortcut=""`` removes its shortcut."""
        with self._write():
            return tags_notes.update_tag(tag_id, name=name, color=color, shortcut=shortcut)

    @_action
    def delete_tag(self, tag_id: int) -> None:
        """Delete a tag with its spans and article links."""
        with self._write():
            tags_notes.tag_record(tag_id).delete_instance()

    @_action
    def tag_article(self, article_id: int, tag_id: int) -> None:
        """Tag a whole article."""
        with self._write():
            tags_notes.tag_article(article_id, tag_id)

    @_action
    def untag_article(self, article_id: int, tag_id: int) -> None:
        """Remove a tag from a whole article."""
        with self._write():
            tags_notes.untag_article(article_id, tag_id)

    # --- notes -----------------------------------------------------------------------------

    @_action
    def get_note(self, article_id: int, *, annotation_id: int | None = None) -> Note | None:
        """The note on an article (or on one of its annotations), if any."""
        return tags_notes.get_note(article_id, annotation_id)

    @_action
    def save_note(self, article_id: int, body: str, *, annotation_id: int | None = None) -> Note:
        """Save the note as typed; an empty body deletes it (the returned note has id 0)."""
        with self._write():
            return tags_notes.save_note(article_id, body, annotation_id, now=now_iso())

    @_action
    def notes(self, article_id: int) -> list[Note]:
        """The notes of an article: the article's own first, then by annotation position."""
        return tags_notes.article_notes(article_id)

    # --- search and the quote book ---------------------------------------------------------

    def _filters(
        self,
        *,
        entity: str | None,
        speaker: str | None,
        tag: str | None,
        since: str | None,
        until: str | None,
        format: str | None,
    ) -> search.SearchFilters:
        entity, speaker, tag, since, until, format = (
            None if value is None else tags_notes.typed(value)
            for value in (entity, speaker, tag, since, until, format)
        )
        for name, value in (("since", since), ("until", until)):
            if value is not None and not _DATE.fullmatch(value.strip()):
                raise InvalidInputError(f"--{name} wants a date like 2005-03-31, not {value!r}")
        tag_ids: tuple[int, ...] | None = None
        if tag is not None:
            found = TagRecord.get_or_none(TagRecord.name == tag.strip())
            tag_ids = (int(found.id),) if found is not None else ()
        speaker_ids = entity_ops.entity_ids_named(speaker) if speaker is not None else None
        return search.SearchFilters(
            entity_ids=entity_ops.entity_ids_named(entity) if entity is not None else None,
            speaker_ids=speaker_ids,
            speaker_texts=(fold(speaker),) if speaker and fold(speaker) else None,
            tag_ids=tag_ids,
            since=since.strip() if since else None,
            until=until.strip() if until else None,
            format=format.strip().lower().lstrip(".") if format else None,
        )

    @_action
    def search(
        self,
        query: str,
        *,
        entity: str | None = None,
        speaker: str | None = None,
        tag: str | None = None,
        since: str | None = None,
        until: str | None = None,
        format: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Articles matching ``query`` and the filters, best first, with marked snippets.

        Any string is a valid query: words are ANDed, "quoted phrases" and ``prefix*`` work,
        everything else is taken as text. An empty query with filters lists the filtered
        articles, newest first (with no filters: the whole library); a query with no word in
        it finds nothing.
        """
        if limit < 0 or offset < 0:
            raise InvalidInputError("limit and offset cannot be negative")
        filters = self._filters(
            entity=entity, speaker=speaker, tag=tag, since=since, until=until, format=format
        )
        match = to_fts_query(query)
        if match is None and sanitize(query).strip():
            return []
        assert self._db is not None
        return search.search(self._db, match, filters, limit=limit, offset=offset)

    @_action
    def count_search(
        self,
        query: str,
        *,
        entity: str | None = None,
        speaker: str | None = None,
        tag: str | None = None,
        since: str | None = None,
        until: str | None = None,
        format: str | None = None,
    ) -> int:
        """How many articles :meth:`search` finds (without the limit)."""
        filters = self._filters(
            entity=entity, speaker=speaker, tag=tag, since=since, until=until, format=format
        )
        match = to_fts_query(query)
        if match is None and sanitize(query).strip():
            return 0
        assert self._db is not None
        return search.count(self._db, match, filters)

    @_action
    def quotes(
        self,
        *,
        speaker: str | None = None,
        text: str | None = None,
        article_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[QuoteRecord]:
        """The quote book: quotes with their speaker and the sentence around them.

        Newest articles first (undated ones last), in text order within an article;
        ``limit`` and ``offset`` page through it (a page of every speaker's quotes costs
        milliseconds even at 100k articles).
        """
        return quote_book(
            speaker=speaker, text=text, article_id=article_id, limit=limit, offset=offset
        )

    @_action
    def count_quotes(
        self,
        *,
        speaker: str | None = None,
        text: str | None = None,
        article_id: int | None = None,
    ) -> int:
        """How many quotes :meth:`quotes` lists with these filters (without the limit)."""
        return count_quotes(speaker=speaker, text=text, article_id=article_id)

    # --- saved searches (smart collections) ------------------------------------------------

    @_action
    def saved_searches(self) -> list[SavedSearch]:
        """The saved searches, by name (case-insensitive)."""
        return saved_searches.all_saved()

    @_action
    def find_saved_search(self, name: str) -> SavedSearch | None:
        """The saved search called ``name`` (case-insensitive), if any."""
        return saved_searches.find_by_name(name)

    @_action
    def save_search(
        self,
        name: str,
        query: str = "",
        *,
        entity: str | None = None,
        speaker: str | None = None,
        tag: str | None = None,
        since: str | None = None,
        until: str | None = None,
        format: str | None = None,
    ) -> SavedSearch:
        """Save a search under ``name``; a search saved under that name takes these filters.

        Filters are checked as :meth:`search` checks them (a bad date is refused) and kept as
        typed, so the saved search follows later merges and renames; a blank filter is none.
        """
        filters = {
            "entity": saved_searches.clean_filter(entity),
            "speaker": saved_searches.clean_filter(speaker),
            "tag": saved_searches.clean_filter(tag),
            "since": saved_searches.clean_filter(since),
            "until": saved_searches.clean_filter(until),
            "format": saved_searches.clean_filter(format),
        }
        with self._write():
            self._filters(**filters)  # the same checks as a search
            return saved_searches.save(name, query, filters, now=now_iso())

    @_action
    def rename_saved_search(self, search_id: int, name: str) -> SavedSearch:
        """Rename a saved search; a name another saved search has is refused."""
        with self._write():
            return saved_searches.rename(search_id, name)

    @_action
    def delete_saved_search(self, search_id: int) -> None:
        """Delete a saved search (the articles it finds are not touched)."""
        with self._write():
            saved_searches.delete(search_id)

    @_action
    def run_saved_search(
        self, search_id: int, *, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """What :meth:`search` finds with the saved search's query and filters."""
        saved = saved_searches.saved_search(saved_searches.record_of(search_id))
        return self.search(
            saved.query,
            entity=saved.entity,
            speaker=saved.speaker,
            tag=saved.tag,
            since=saved.since,
            until=saved.until,
            format=saved.format,
            limit=limit,
            offset=offset,
        )

    # --- export / import support -----------------------------------------------------------

    @_action
    def article_annotations(self, article_id: int) -> ArticleAnnotations:
        """An article with all its annotations (rejected too), notes and linked entities."""
        article = get_article(article_id)
        annotations = article_annotation_list(article_id, include_rejected=True)
        entity_ids = {a.entity_id for a in annotations if a.entity_id is not None}
        entity_ids |= {
            a.quote.speaker_entity_id
            for a in annotations
            if a.quote is not None and a.quote.speaker_entity_id is not None
        }
        notes = NoteRecord.select().where(NoteRecord.article == article_id).order_by(NoteRecord.id)
        return ArticleAnnotations(
            article=article,
            annotations=tuple(annotations),
            notes=tuple(tags_notes.note(n) for n in notes),
            entities=tuple(entity_ops.list_entities(ids=sorted(entity_ids))),
        )

    @_action
    def find_article_by_hash(self, text_hash: str) -> int | None:
        """The id of the article whose canonical text has this hash, if any."""
        record = ArticleRecord.get_or_none(ArticleRecord.text_hash == text_hash)
        return None if record is None else int(record.id)

    @_action
    def find_articles_by_url(self, url: str) -> list[int]:
        """Ids of the articles whose metadata URL is ``url`` (spaces around it ignored)."""
        clean = url.strip()
        if not clean:
            return []
        query = ArticleRecord.select(ArticleRecord.id).where(ArticleRecord.url == clean)
        return [int(r.id) for r in query.order_by(ArticleRecord.id)]

    # --- maintenance -----------------------------------------------------------------------

    @_action
    def check(self) -> CheckReport:
        """Check the database (integrity, links, search index) and make a backup."""
        assert self._db is not None
        db = self._db
        problems: list[str] = []
        for (line,) in execute(db, "PRAGMA integrity_check").fetchall():
            if line != "ok":
                problems.append(f"integrity: {line}")
        for table, rowid, parent, _ in execute(db, "PRAGMA foreign_key_check").fetchall():
            problems.append(f"{table} row {rowid} points to a missing {parent}")
        try:
            with self._write():
                # rank = 1: also compare the index with the article texts it was built from.
                execute(
                    db, "INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 1)"
                )
        except StorageError as error:
            log.warning("search index check failed: %s", error)
            problems.append("the search index is out of step with the articles; it was rebuilt")
            with self._write():
                execute(db, "INSERT INTO article_fts (article_fts) VALUES ('rebuild')")
        backup = self._backup()
        return CheckReport(ok=not problems, problems=tuple(problems), backup=backup)

    @_action
    def backup(self) -> Path:
        """Write a backup (SQLite backup API) to ``<db folder>/backups``; keep the last five."""
        return self._backup()

    def _backup(self) -> Path:
        assert self._db is not None
        started = time.perf_counter()
        target = backups.make_backup(raw_connection(self._db), self.path)
        log.info("backup %s written in %.2f s", target, time.perf_counter() - started)
        return target
