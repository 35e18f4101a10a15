"""The legend above the text: each layer and entity type, with its colour and a toggle."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QWidget,
    QWidgetItem,
)

from desktop.ui import highlight_palette as hp

LAYER_NAMES = (("entity", "Entities"), ("quote", "Quotes"), ("tag", "Tags"))
QUIET = "quiet"  # the key of the one toggle for dates and numbers


def swatch(fill: QColor | None, *, underline: QColor | None = None, size: int = 14) -> QIcon:
    """A small square icon: a tinted fill and, for quotes, an underline."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    if fill is not None:
        painter.fillRect(1, 1, size - 2, size - 2, fill)
    if underline is not None:
        painter.setPen(QPen(underline, 2))
        painter.drawLine(1, size - 2, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class FlowLayout(QLayout):
    """Lays widgets out in rows that wrap, so a long legend never widens the window."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put ``widget`` at position ``index``."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and row_height > 0:
                x, y = area.x(), y + row_height + 2
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + margins.bottom()


class LegendPanel(QWidget):
    """Check boxes for the layers and the entity types present in the article.

    Signals:
        layer_toggled: ``(layer, visible)``.
        label_toggled: ``(entity label, visible)``.
    """

    layer_toggled = Signal(str, bool)
    label_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(6, 3, 6, 3)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.layer_boxes: dict[str, QCheckBox] = {}
        self.label_boxes: dict[str, QCheckBox] = {}
        self._hidden_labels: set[str] = set(hp.QUIET_LABELS)
        for layer, name in LAYER_NAMES:
            box = QCheckBox(name)
            box.setChecked(True)
            box.toggled.connect(lambda on, la=layer: self.layer_toggled.emit(la, on))
            self.layer_boxes[layer] = box
            self._layout.addWidget(box)
        self._labels_start = self._layout.count()
        self.set_labels((), dark=False)

    def set_labels(self, labels: Iterable[str], *, dark: bool) -> None:
        """Show a toggle for each entity label present, in the palette's order.

        Dates and numbers share one toggle ("Dates and numbers"), off until the reader wants it.
        """
        for box in self.label_boxes.values():
            self._layout.removeWidget(box)
            box.deleteLater()
        self.label_boxes.clear()
        order = list(hp.ENTITY_STYLES)
        present = set(labels)
        loud = sorted(
            present - hp.QUIET_LABELS, key=lambda x: (order.index(x) if x in order else 99, x)
        )
        self.layer_boxes["quote"].setIcon(swatch(None, underline=QColor(hp.QUOTE_COLOR)))
        self.layer_boxes["tag"].setIcon(swatch(hp.tint("#ffd54f", dark=dark)))
        position = 0
        for label in loud:
            style = hp.label_style(label)
            dashed = style.underline != QTextCharFormat.UnderlineStyle.NoUnderline
            box = QCheckBox(label)
            box.setToolTip(style.name)
            box.setIcon(
                swatch(
                    hp.swatch_color(style.color, dark=dark),
                    underline=QColor(style.color) if dashed else None,
                )
            )
            box.setChecked(label not in self._hidden_labels)
            box.toggled.connect(lambda on, lb=label: self._toggle((lb,), on))
            self.label_boxes[label] = box
            self._layout.insertWidget(self._labels_start + position, box)
            position += 1
        quiet = sorted(present & hp.QUIET_LABELS)
        if quiet:
            box = QCheckBox("Dates && numbers")
            box.setToolTip(", ".join(hp.label_style(label).name for label in quiet))
            box.setIcon(swatch(hp.swatch_color(hp.GREY, dark=dark)))
            box.setChecked(not set(quiet) & self._hidden_labels)
            box.toggled.connect(lambda on, lbs=tuple(hp.QUIET_LABELS): self._toggle(lbs, on))
            self.label_boxes[QUIET] = box
            self._layout.insertWidget(self._labels_start + position, box)

    def _toggle(self, labels: tuple[str, ...], visible: bool) -> None:
        for label in labels:
            if visible:
                self._hidden_labels.discard(label)
            else:
                self._hidden_labels.add(label)
            self.label_toggled.emit(label, visible)
