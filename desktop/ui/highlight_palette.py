"""Colours and text formats of the highlight layers, for light and dark themes.

Entity labels take the Okabe-Ito palette, chosen to stay distinct for the common forms of
colour blindness; each label also has its own underline style, so two labels never differ by
colour alone. Entities are translucent backgrounds (readable on light and dark bases); quotes
are a vermillion underline, never a background, so a quote and an entity inside it both show.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat

# Okabe & Ito (2008), "Color Universal Design".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"

_U = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """How one entity label is drawn and named in the legend."""

    label: str
    name: str
    color: str
    underline: QTextCharFormat.UnderlineStyle


ENTITY_STYLES: dict[str, LabelStyle] = {
    style.label: style
    for style in (
        LabelStyle("PERSON", "Person", ORANGE, _U.NoUnderline),
        LabelStyle("ORG", "Organisation", SKY_BLUE, _U.DashUnderline),
        LabelStyle("GPE", "Country, city, state", BLUISH_GREEN, _U.DotLine),
        LabelStyle("LOC", "Other place", YELLOW, _U.DotLine),
        LabelStyle("NORP", "Group (nationality, religion, party)", REDDISH_PURPLE, _U.NoUnderline),
        LabelStyle("FAC", "Building, facility", BLUE, _U.DashDotLine),
        LabelStyle("EVENT", "Event", BLUE, _U.DashDotDotLine),
        LabelStyle("PRODUCT", "Product", GREY, _U.DashUnderline),
        LabelStyle("WORK_OF_ART", "Work (book, song...)", GREY, _U.DotLine),
        LabelStyle("LAW", "Law", GREY, _U.DashDotLine),
        LabelStyle("LANGUAGE", "Language", GREY, _U.DashDotDotLine),
        LabelStyle("MISC", "Other name", GREY, _U.NoUnderline),
        LabelStyle("DATE", "Date", GREY, _U.NoUnderline),
        LabelStyle("TIME", "Time", GREY, _U.NoUnderline),
        LabelStyle("PERCENT", "Percentage", GREY, _U.NoUnderline),
        LabelStyle("MONEY", "Money", GREY, _U.NoUnderline),
        LabelStyle("QUANTITY", "Quantity", GREY, _U.NoUnderline),
        LabelStyle("ORDINAL", "Ordinal", GREY, _U.NoUnderline),
        LabelStyle("CARDINAL", "Number", GREY, _U.NoUnderline),
    )
}

# Dates and numbers: pipelines tag them, but a reader following people and places rarely
# wants them coloured; they start hidden, under one legend toggle.
QUIET_LABELS = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))

# The labels offered when a person tags an entity by hand, most common first.
HAND_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART")

QUOTE_COLOR = VERMILLION
CUE_COLOR = BLUE


def label_style(label: str) -> LabelStyle:
    """The style of an entity label; unknown labels are grey."""
    return ENTITY_STYLES.get(label) or LabelStyle(label, label.title(), GREY, _U.NoUnderline)


def is_dark(palette: QPalette) -> bool:
    """True when the palette's text base is dark."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tint(color: str, *, dark: bool, strength: float = 1.0) -> QColor:
    """A translucent version of ``color`` for a background behind text."""
    result = QColor(color)
    result.setAlpha(round((120 if dark else 95) * strength))
    return result


def entity_format(label: str, *, dark: bool) -> QTextCharFormat:
    """The format of an entity mention."""
    style = label_style(label)
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(tint(style.color, dark=dark)))
    if style.underline != _U.NoUnderline:
        fmt.setUnderlineStyle(style.underline)
        fmt.setUnderlineColor(QColor(style.color))
    return fmt


def quote_format(*, dark: bool, current: bool = False) -> QTextCharFormat:
    """The format of a quote: an underline, with a light tint when it is the current one."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(_U.SingleUnderline)
    fmt.setUnderlineColor(QColor(QUOTE_COLOR))
    if current:
        fmt.setBackground(QBrush(tint(QUOTE_COLOR, dark=dark, strength=0.45)))
    return fmt


def speaker_format(*, dark: bool) -> QTextCharFormat:
    """The speaker named near a quote: a wavy vermillion underline."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(_U.WaveUnderline)
    fmt.setUnderlineColor(QColor(QUOTE_COLOR))
    return fmt


def cue_format(*, dark: bool) -> QTextCharFormat:
    """The speech cue of a quote ("said", "according to")."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(_U.DashUnderline)
    fmt.setUnderlineColor(QColor(CUE_COLOR))
    return fmt


def tag_format(color: str, *, dark: bool) -> QTextCharFormat:
    """A passage the user tagged, in the tag's own colour, with an overline to set it apart."""
    fmt = QTextCharFormat()
    fmt.setBackground(QBrush(tint(color, dark=dark, strength=1.1)))
    fmt.setFontOverline(True)
    return fmt


def focus_format(palette: QPalette) -> QTextCharFormat:
    """The span a panel points at: the theme's selection colour, translucent."""
    fmt = QTextCharFormat()
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    color.setAlpha(110)
    fmt.setBackground(QBrush(color))
    return fmt


def swatch_color(color: str, *, dark: bool) -> QColor:
    """A legend swatch: the tint as it looks over the page background."""
    return tint(color, dark=dark)
