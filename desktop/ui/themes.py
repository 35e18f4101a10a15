"""Light, dark and system themes for the whole application."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.paths import resources_dir

log = logging.getLogger(__name__)

_SYSTEM: dict[QApplication, tuple[str, QPalette]] = {}


def _dark_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for r, color in (
        (role.Window, "#202124"),
        (role.WindowText, "#e8eaed"),
        (role.Base, "#17181a"),
        (role.AlternateBase, "#26272b"),
        (role.ToolTipBase, "#303134"),
        (role.ToolTipText, "#e8eaed"),
        (role.PlaceholderText, "#9aa0a6"),
        (role.Text, "#e8eaed"),
        (role.Button, "#2b2c30"),
        (role.ButtonText, "#e8eaed"),
        (role.BrightText, "#ffffff"),
        (role.Highlight, "#3d6fb4"),
        (role.HighlightedText, "#ffffff"),
        (role.Link, "#8ab4f8"),
        (role.Mid, "#3c4043"),
        (role.Dark, "#111214"),
    ):
        palette.setColor(r, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(disabled, r, QColor("#6f7378"))
    return palette


def _light_palette() -> QPalette:
    palette = QStyleFactory.create("Fusion").standardPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#fdfcfa"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Use ``theme`` (``system``, ``light`` or ``dark``) from now on."""
    if app not in _SYSTEM:
        _SYSTEM[app] = (app.style().name(), QPalette(app.palette()))
    style_name, system_palette = _SYSTEM[app]
    if theme == "system":
        app.styleHints().unsetColorScheme()
        app.setStyle(style_name)
        app.setPalette(system_palette)
    else:
        app.styleHints().setColorScheme(
            Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light
        )
        app.setStyle("Fusion")
        app.setPalette(_dark_palette() if theme == "dark" else _light_palette())
    app.setStyleSheet(_stylesheet())


def _stylesheet() -> str:
    path = resources_dir() / "styles" / "newsdesk.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        log.warning("style sheet not loaded: %s", error)
        return ""
