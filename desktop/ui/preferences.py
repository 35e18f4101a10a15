"""The user's preferences and the window's state, in QSettings (user data is in the library).

Tests hand in a QSettings on a temporary INI file, so no test reads or writes the real ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

THEMES = ("system", "light", "dark")
RECENT_MAX = 10
DEFAULT_FONT_SIZE = 13.0
DEFAULT_FONT = ""  # the best reading face installed


class Preferences:
    """Typed access to the settings.

    Args:
        settings: Where they live.
    """

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    # --- reading ---------------------------------------------------------------------------

    @property
    def model(self) -> str | None:
        """The spaCy pipeline chosen in Settings (None: the default one)."""
        value = self.settings.value("analysis/model", "")
        return str(value) or None

    @model.setter
    def model(self, name: str | None) -> None:
        self.settings.setValue("analysis/model", name or "")

    @property
    def direct_only(self) -> bool:
        """Only quotations in quotation marks, no reported speech (chosen in Settings)."""
        return str(self.settings.value("analysis/direct_only", "false")).lower() == "true"

    @direct_only.setter
    def direct_only(self, value: bool) -> None:
        self.settings.setValue("analysis/direct_only", "true" if value else "false")

    @property
    def font_family(self) -> str:
        """The reading font's family."""
        return str(self.settings.value("reading/font_family", DEFAULT_FONT))

    @font_family.setter
    def font_family(self, family: str) -> None:
        self.settings.setValue("reading/font_family", family)

    @property
    def font_size(self) -> float:
        """The reading font's size in points."""
        return _float(self.settings.value("reading/font_size", DEFAULT_FONT_SIZE))

    @font_size.setter
    def font_size(self, size: float) -> None:
        self.settings.setValue("reading/font_size", float(size))

    @property
    def theme(self) -> str:
        """``system``, ``light`` or ``dark``."""
        value = str(self.settings.value("appearance/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, theme: str) -> None:
        self.settings.setValue("appearance/theme", theme if theme in THEMES else "system")

    # --- recent files ----------------------------------------------------------------------

    @property
    def recent_files(self) -> list[Path]:
        """Files opened lately, the latest first."""
        value = self.settings.value("files/recent", [])
        # INI files give back one string for a one-item list.
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(str(v)) for v in items if v]

    def add_recent(self, paths: list[Path]) -> None:
        """Put ``paths`` at the top of the recent files."""
        recent = [str(p) for p in paths] + [str(p) for p in self.recent_files]
        unique = list(dict.fromkeys(recent))[:RECENT_MAX]
        self.settings.setValue("files/recent", unique)

    def clear_recent(self) -> None:
        """Forget the recent files."""
        self.settings.setValue("files/recent", [])

    # --- window state ----------------------------------------------------------------------

    def window_state(self, key: str) -> QByteArray | None:
        """A saved geometry or state blob."""
        value = self.settings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        """Save a geometry or state blob."""
        self.settings.setValue(f"window/{key}", value)

    @property
    def last_article(self) -> int | None:
        """The article shown when the window last closed."""
        value = self.settings.value("window/last_article", 0)
        number = int(_float(value))
        return number or None

    @last_article.setter
    def last_article(self, article_id: int | None) -> None:
        self.settings.setValue("window/last_article", article_id or 0)

    def sync(self) -> None:
        """Write the settings to disk now."""
        self.settings.sync()


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return DEFAULT_FONT_SIZE
