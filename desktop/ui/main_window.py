"""The main window: it lays out the panels, builds the menus and wires signals. No behaviour.

Top-level tabs: the Reader (library list | reading view with its legend | entities, quotes
and notes) first; the library-wide views (search, entity browser, quote book) add their own
tabs to ``main_tabs`` and open articles through :meth:`MainWindow.open_in_reader`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import resources_dir
from desktop.types import Annotation
from desktop.ui import highlight_palette as hp
from desktop.ui.analysis_worker import AnalysisWorker
from desktop.ui.article_table_model import ArticleTableModel
from desktop.ui.article_view import ArticleView
from desktop.ui.database_worker import DatabaseWorker
from desktop.ui.edit_controller import EditController
from desktop.ui.entities_panel import EntitiesPanel
from desktop.ui.file_importer import FileImporter
from desktop.ui.legend_panel import LegendPanel
from desktop.ui.library_panel import LibraryPanel
from desktop.ui.notes_panel import NotesPanel
from desktop.ui.preferences import Preferences
from desktop.ui.quotes_panel import QuotesPanel
from desktop.ui.reader_state import ReaderState
from desktop.ui.settings_dialog import SettingsChoice, SettingsDialog
from desktop.ui.tag_manager_dialog import TagManagerDialog
from desktop.ui.themes import apply_theme

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.epub *.docx);;All files (*)"


class MainWindow(QMainWindow):
    """Newsdesk's window over one library.

    Args:
        database: The serial database worker (started).
        analysis: The analysis worker (started or not).
        preferences: Settings and window state.

    Signals:
        closed: The window closed and the workers are shut down.
    """

    closed = Signal()

    def __init__(
        self,
        database: DatabaseWorker,
        analysis: AnalysisWorker,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Newsdesk")
        self.setAcceptDrops(True)
        icon = resources_dir() / "icons" / "newsdesk.svg"
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))
        self.database = database
        self.analysis = analysis
        self.preferences = preferences
        self._shut_down = False
        self.startup_done = False  # set by the composition root once start-up work is queued
        self._pending_range: tuple[int, int, int] | None = None  # article, start, end

        self.state = ReaderState(database, self)
        self.view = ArticleView()
        self.controller = EditController(database, self.state, self.view, self)
        self.importer = FileImporter(database, analysis, self)
        self.articles = ArticleTableModel(database, self)
        self.library_panel = LibraryPanel(self.articles)
        self.legend = LegendPanel()
        self.entities_panel = EntitiesPanel(self.state, self.controller)
        self.quotes_panel = QuotesPanel(self.state, self.controller)
        self.notes_panel = NotesPanel(database)
        self._build_layout()
        self._build_library_tab()
        self._build_browser_tabs()
        self._build_status_bar()
        self._build_menus()
        self._connect()
        self.view.set_reading_font(preferences.font_family, preferences.font_size)
        self._restore_window_state()

    # --- layout ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        reader = QWidget()
        column = QVBoxLayout(reader)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.view, 1)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.addTab(self.entities_panel, "Entities")
        self.side_tabs.addTab(self.quotes_panel, "Quotes")
        self.side_tabs.addTab(self.notes_panel, "Notes")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.library_panel)
        self.splitter.addWidget(reader)
        self.splitter.addWidget(self.side_tabs)
        # A bigger window widens the text; the panels keep the width the reader gave them.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.main_tabs = QTabWidget()
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.setDocumentMode(True)
        self.main_tabs.addTab(self.splitter, "Reader")
        self.setCentralWidget(self.main_tabs)
        self.resize(1480, 900)

    def _build_browser_tabs(self) -> None:
        """The Entities and Quote book tabs, and annotation export/import, wired in."""
        from desktop.ui.annotation_exchange import AnnotationExchange, search_article_ids
        from desktop.ui.entity_browser import EntityBrowser
        from desktop.ui.export_dialog import SearchScope
        from desktop.ui.quote_book_panel import QuoteBookPanel

        self.entity_browser = EntityBrowser(self.database, self.controller)
        self.quote_book = QuoteBookPanel(self.database)
        self.exchange = AnnotationExchange(self.database, self.state, self)
        self.main_tabs.addTab(self.entity_browser, "Entities")
        self.main_tabs.addTab(self.quote_book, "Quote book")

        def show_speaker(name: str) -> None:
            self.quote_book.show_speaker(name)  # first: showing the tab then asks no query
            self.main_tabs.setCurrentWidget(self.quote_book)

        def library_changed() -> None:
            self.articles.reload()
            self.entity_browser.mark_stale()
            self.quote_book.mark_stale()

        self.entity_browser.open_requested.connect(self.open_in_reader)
        self.entity_browser.quotes_requested.connect(show_speaker)
        self.entity_browser.entities_edited.connect(self.articles.reload)
        self.entity_browser.entities_edited.connect(self.library_tab.filters.forget_names)
        self.exchange.selected_articles = self.library_tab.selected_ids

        def library_search() -> SearchScope | None:
            model = self.library_tab.model
            if not model.searching:
                return None
            query, filters = model.request.query, model.request.filters()
            return SearchScope(
                f"Articles the Library search finds ({model.total})",
                lambda library: search_article_ids(library, query, filters),
            )

        self.exchange.library_search = library_search
        self.quote_book.open_requested.connect(self.open_in_reader)
        self.quote_book.message.connect(self.show_message)
        self.entities_panel.speaker_quotes_requested.connect(show_speaker)
        self.quotes_panel.speaker_quotes_requested.connect(show_speaker)
        self.controller.undo_stack.indexChanged.connect(lambda _i: self.quote_book.mark_stale())
        self.exchange.message.connect(self.show_message)
        self.exchange.progress.connect(self._progress)
        self.exchange.imported.connect(lambda _report: library_changed())
        for changed in (self.analysis.analysed, self.importer.imported):
            changed.connect(lambda _: self.entity_browser.mark_stale_soon())
            changed.connect(lambda _: self.quote_book.mark_stale_soon())

    def _build_library_tab(self) -> None:
        """The Library tab (search, filters, collections) and imports with progress and cancel."""
        from desktop.ui.import_progress import ImportProgress, summary_box
        from desktop.ui.import_runner import ImportRunner, ImportSummary
        from desktop.ui.library_tab import LibraryTab

        self.library_tab = LibraryTab(self.database)
        self.main_tabs.insertTab(1, self.library_tab, "Library")
        self.import_runner = ImportRunner(self.database, self.analysis, self)
        self.import_progress = ImportProgress(self.import_runner)
        self.statusBar().addPermanentWidget(self.import_progress)

        def deleted(ids: list[int]) -> None:
            if self.state.article_id in ids:
                self.notes_panel.show_article_note(None)
                self.state.close_article()
            self.articles.reload()

        def retagged(ids: list[int]) -> None:
            self.articles.forget(ids)
            if self.state.article_id in ids:
                self.state.refresh(article=True)

        def imported(summary: ImportSummary) -> None:
            self.articles.reload()
            summary_box(summary, self).show()

        def analysed(article_id: int) -> None:
            self.library_tab.model.forget([article_id])
            self.library_tab.filters.forget_names()

        self.library_tab.open_requested.connect(self.open_in_reader)
        self.library_tab.articles_deleted.connect(deleted)
        self.library_tab.articles_changed.connect(retagged)
        # Imports, deletions and sorting in the Reader's list all reload it; so does this tab.
        self.articles.reloaded.connect(self.library_tab.reload)
        self.state.tags_changed.connect(self.library_tab.refresh_tags)
        self.analysis.analysed.connect(analysed)
        self.import_runner.finished.connect(imported)
        self.import_runner.failed.connect(self.show_error)

    def _build_status_bar(self) -> None:
        self.model_label = QLabel(self.analysis.status)
        self.model_label.setObjectName("modelStatus")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.model_label)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.ask_open)
        self._action(file_menu, "&Import files…", None, self.import_progress.ask_files)
        self._action(file_menu, "Import &folder…", None, self.ask_folder)
        file_menu.addSeparator()
        self._action(
            file_menu, "&Export annotations…", None, lambda: self.exchange.ask_export(self)
        )
        self._action(
            file_menu, "Import &annotations…", None, lambda: self.exchange.ask_import(self)
        )
        self._action(
            file_menu,
            "Import annotations from fol&der…",
            None,
            lambda: self.exchange.ask_import_folder(self),
        )
        file_menu.addSeparator()
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)

        edit_menu = bar.addMenu("&Edit")
        undo = self.controller.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        redo = self.controller.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        )
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        for action in (
            self.controller.add_entity_action,
            self.controller.add_quote_action,
            self.controller.tag_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        self._action(
            edit_menu, "&Settings…", QKeySequence.StandardKey.Preferences, self.ask_settings
        )

        view_menu = bar.addMenu("&View")
        self._action(
            view_menu,
            "&Larger text",
            QKeySequence.StandardKey.ZoomIn,
            lambda: self.change_font_size(+1),
        )
        self._action(
            view_menu,
            "&Smaller text",
            QKeySequence.StandardKey.ZoomOut,
            lambda: self.change_font_size(-1),
        )
        self._action(
            view_menu, "&Normal size", QKeySequence("Ctrl+0"), lambda: self.change_font_size(0)
        )
        view_menu.addSeparator()
        for layer, name, keys in (
            ("entity", "Entities", "Ctrl+1"),
            ("quote", "Quotes", "Ctrl+2"),
            ("tag", "Tags", "Ctrl+3"),
        ):
            action = self._action(
                view_menu,
                f"Show {name.lower()}",
                QKeySequence(keys),
                self.legend.layer_boxes[layer].toggle,
            )
            action.setCheckable(True)
            action.setChecked(True)
            self.legend.layer_boxes[layer].toggled.connect(action.setChecked)

        article_menu = bar.addMenu("&Article")
        self._action(article_menu, "&Analyse again", QKeySequence("Ctrl+R"), self.reanalyse_current)
        self._action(
            article_menu, "&Note on the article", QKeySequence("Ctrl+N"), self.show_article_note
        )
        article_menu.addSeparator()
        self._action(
            article_menu,
            "&Delete from library…",
            None,
            lambda: self.ask_delete(self.state.article_id),
        )

        tags_menu = bar.addMenu("&Tags")
        self._action(tags_menu, "&Manage tags…", QKeySequence("Ctrl+T"), self.show_tag_manager)

    def _action(
        self,
        menu: QMenu,
        text: str,
        keys: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.state.article_changed.connect(self._article_changed)
        self.state.annotations_changed.connect(self._annotations_changed)
        self.library_panel.article_selected.connect(self.show_article)
        self.library_panel.delete_requested.connect(self.ask_delete)
        self.library_panel.reanalyse_requested.connect(lambda i: self.analysis.enqueue([i]))
        self.legend.layer_toggled.connect(self.view.set_layer_visible)
        self.legend.label_toggled.connect(self.view.set_label_visible)
        self.entities_panel.span_requested.connect(self.view.select_range)
        self.quotes_panel.span_requested.connect(self.view.select_range)
        self.quotes_panel.quote_chosen.connect(self.notes_panel.show_annotation_note)
        self.controller.note_requested.connect(self.show_annotation_note)
        self.view.annotation_activated.connect(self.show_in_panel)
        self.controller.message.connect(self.show_message)
        self.importer.opened.connect(self.show_article)
        self.importer.imported.connect(lambda _: self.articles.reload())
        self.importer.message.connect(self.show_message)
        self.importer.refused.connect(self._show_refused)
        self.analysis.state_changed.connect(lambda _state, text: self.model_label.setText(text))
        self.analysis.progress.connect(self._progress)
        self.analysis.analysed.connect(self._analysed)
        self.analysis.analysis_failed.connect(
            lambda _id, reason: self.show_message(f"Analysis failed: {reason}")
        )
        self.database.failed.connect(lambda message, _error: self.show_error(message))

    # --- actions -----------------------------------------------------------------------------

    def open_files(self, paths: list[Path]) -> None:
        """Import and show files (the first one that holds an article)."""
        if paths:
            self.preferences.add_recent([Path(p) for p in paths])
            self.importer.open_files(paths)

    def show_article(self, article_id: int) -> None:
        """Show an article of the library."""
        if article_id != self.state.article_id:
            self.notes_panel.flush()
            self.state.open(article_id)
        self.library_panel.select_article(article_id)

    def open_in_reader(
        self, article_id: int, start: int | None = None, end: int | None = None
    ) -> None:
        """Switch to the Reader tab on an article, selecting ``start:end`` once it is shown."""
        self.main_tabs.setCurrentWidget(self.splitter)
        if start is not None and end is not None:
            if article_id == self.state.article_id and self.state.article is not None:
                self.view.select_range(start, end)
            else:
                self._pending_range = (article_id, start, end)
        self.show_article(article_id)

    def ask_open(self) -> None:
        """File > Open."""
        files, _ = QFileDialog.getOpenFileNames(self, "Open articles", "", FILE_FILTER)
        self.open_files([Path(f) for f in files])

    def ask_folder(self) -> None:
        """File > Import folder."""
        self.import_progress.ask_folder()

    def ask_delete(self, article_id: int | None) -> None:
        """Delete an article from the library, after asking."""
        if article_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete article",
            "Delete this article from the library, with its annotations and notes? "
            "This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def deleted(_: object) -> None:
            if self.state.article_id == article_id:
                self.notes_panel.show_article_note(None)
                self.state.close_article()
            self.articles.reload()

        self.database.submit(lambda library: library.delete_article(article_id), on_success=deleted)

    def reanalyse_current(self) -> None:
        """Analyse the article shown again (rejections and hand edits are kept)."""
        if self.state.article_id is not None:
            self.analysis.enqueue([self.state.article_id])

    def show_article_note(self) -> None:
        """Edit the note on the whole article."""
        self.side_tabs.setCurrentWidget(self.notes_panel)
        self.notes_panel.show_article_note(self.state.article_id)
        self.notes_panel.editor.setFocus()

    def show_annotation_note(self, annotation: Annotation) -> None:
        """Edit the note on one annotation."""
        self.side_tabs.setCurrentWidget(self.notes_panel)
        self.notes_panel.show_annotation_note(annotation)
        self.notes_panel.editor.setFocus()

    def show_in_panel(self, annotation: Annotation) -> None:
        """Show a double-clicked annotation in its panel: the entity, the quote, or the note."""
        if annotation.layer == "entity" and annotation.entity_id is not None:
            self.side_tabs.setCurrentWidget(self.entities_panel)
            self.entities_panel.select_entity(annotation.entity_id)
        elif annotation.layer == "quote":
            self.side_tabs.setCurrentWidget(self.quotes_panel)
            self.quotes_panel.select_quote(annotation.id)
        else:
            self.show_annotation_note(annotation)

    def show_tag_manager(self) -> None:
        """Tags > Manage tags."""
        dialog = TagManagerDialog(self.state, self.controller, self)
        dialog.exec()
        dialog.deleteLater()

    def ask_settings(self) -> None:
        """Edit > Settings."""
        prefs = self.preferences
        before = SettingsChoice(
            prefs.model, prefs.font_family, prefs.font_size, prefs.theme, prefs.direct_only
        )
        dialog = SettingsDialog(before, self.analysis.pipelines, self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.apply_settings(dialog.choice())
        dialog.deleteLater()

    def apply_settings(self, choice: SettingsChoice) -> None:
        """Store and apply settings; a new model restarts the analysis process."""
        prefs = self.preferences
        model_changed = choice.model != prefs.model or choice.direct_only != prefs.direct_only
        prefs.model = choice.model
        prefs.direct_only = choice.direct_only
        prefs.font_family = choice.font_family
        prefs.font_size = choice.font_size
        prefs.theme = choice.theme
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # First: a new style sheet re-polishes every widget, fonts included.
            apply_theme(app, choice.theme)
        self.view.set_reading_font(choice.font_family, choice.font_size)
        if model_changed:
            self.analysis.restart(choice.model, direct_only=choice.direct_only)

    def change_font_size(self, step: int) -> None:
        """Larger (+1), smaller (-1) or normal (0) reading text."""
        from desktop.ui.preferences import DEFAULT_FONT_SIZE

        size = DEFAULT_FONT_SIZE if step == 0 else self.view.reading_font_size() + step
        self.preferences.font_size = size
        self.view.set_reading_font(self.preferences.font_family, size)

    def show_message(self, text: str) -> None:
        """A transient message in the status bar."""
        self.statusBar().showMessage(text, 8000)

    def show_error(self, text: str) -> None:
        """A failed operation, in the status bar for longer than a message."""
        self.statusBar().showMessage(text, 15000)

    # --- signal handlers -----------------------------------------------------------------

    def _article_changed(self) -> None:
        article = self.state.article
        if article is None:
            self.view.set_placeholder()
            self.setWindowTitle("Newsdesk")
            return
        self.view.show_text(article.text)
        if self._pending_range is not None:
            pending, self._pending_range = self._pending_range, None
            if pending[0] == article.id:
                self.view.select_range(pending[1], pending[2])
        self.setWindowTitle(f"{article.title or 'Untitled'} — Newsdesk")
        self.notes_panel.show_article_note(article.id)
        self.library_panel.select_article(article.id)
        self.preferences.last_article = article.id
        if article.analysed is None and self.analysis.state not in ("failed",):
            self.show_message("Analysing this article…")

    def _annotations_changed(self) -> None:
        self.view.set_annotations(self.state.annotations, self.state.tags)
        labels = {a.label for a in self.state.active("entity")}
        self.legend.set_labels(labels, dark=hp.is_dark(self.palette()))

    def _analysed(self, article_id: int) -> None:
        self.articles.forget([article_id])
        if article_id == self.state.article_id:
            self.statusBar().clearMessage()
            self.state.refresh(article=True)

    def _progress(self, done: int, total: int) -> None:
        if total <= 1 or done >= total:
            self.progress.hide()
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        self.progress.show()

    def _show_refused(self, lines: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Some files were not opened",
            "\n".join(lines[:20]) + ("\n…" if len(lines) > 20 else ""),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.preferences.recent_files
        for path in recent:
            self.recent_menu.addAction(str(path), partial(self.open_files, [path]))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear", self.preferences.clear_recent)

    # --- drag and drop -----------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # --- state and shutdown ------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.preferences.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.preferences.window_state("splitter")
        self._splitter_restored = splitter is not None and self.splitter.restoreState(splitter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitter_restored:
            # First start: sizes only mean something once the window has its real width.
            self._splitter_restored = True
            side = 300 + 480
            self.splitter.setSizes([300, max(400, self.width() - side), 480])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the note and the window state, then stop the workers (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.notes_panel.flush()
        self.preferences.set_window_state("geometry", self.saveGeometry())
        self.preferences.set_window_state("splitter", self.splitter.saveState())
        self.preferences.sync()
        self.analysis.stop()
        self.database.stop()
        self.closed.emit()
