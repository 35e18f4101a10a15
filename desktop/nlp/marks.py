"""Pair quotation marks in plain text, without a parser.

This is the part of quote finding that needs no language model: it runs in one pass over the
text (linear time), copes with every common style (“…”, "…", ‘…’, «…», „…“, ''…'', and mixes
of straight and curly marks), with apostrophes that look like closing marks (don’t, ’90s, the
Smiths’ house) and with marks that never close. A quotation running over several paragraphs
(a paragraph that ends open while the next one opens again) is returned as one segment per
paragraph, linked by ``group``, since each segment is contiguous text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«‟"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹‚"
_SINGLE_CLOSE = "’›"
_OPEN_CONTEXT = " \t\n([{<—–-/:;,"  # what may stand before an opening mark
_CLOSE_CONTEXT = " \t\n)]}>—–-/:;,.!?…"  # what may follow a closing mark
_ELISIONS = ("em ", "til ", "cause ", "n'", "n ", "tis ", "twas ", "bout ", "round ")
_SINGLE_MAX = 600  # a single-quoted quotation longer than this is an apostrophe accident

_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile(r"''|``|[\"“”„‟«»‘’‚‹›']")


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """Text between a pair of quotation marks, marks included in ``start``/``end``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool  # double marks (or guillemets); False for single marks
    group: int  # segments of one quotation over several paragraphs share a group
    closed: bool  # False for a segment whose paragraph ends before the closing mark


def _left(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else "\n"


def _right(text: str, j: int) -> str:
    return text[j] if j < len(text) else "\n"


def _looks_opening(text: str, i: int, j: int) -> bool:
    before, after = _left(text, i), _right(text, j)
    return (before in _OPEN_CONTEXT or before in _DOUBLE_OPEN + _SINGLE_OPEN + "\"'") and not (
        after.isspace()
    )


def _looks_closing(text: str, i: int, j: int) -> bool:
    before, after = _left(text, i), _right(text, j)
    return not before.isspace() and (
        after in _CLOSE_CONTEXT or after in _DOUBLE_CLOSE + _SINGLE_CLOSE + "\"'"
    )


def _double_role(text: str, mark: str, i: int, j: int, is_open: bool) -> str:
    """'open', 'close' or '' (ignore) for a double mark at ``text[i:j]``."""
    opening, closing = _looks_opening(text, i, j), _looks_closing(text, i, j)
    if mark in "„``":
        return "open"
    if mark == "“":
        # German „…“ closes with “; some writers close with it too.
        return "close" if is_open and closing and not opening else "open"
    if mark in "«‟":
        return "open"
    if mark in "”»":
        # Swedish ”…” and Danish »…« open with the closing shape.
        return "open" if not is_open and opening and not closing else "close"
    # straight " or two apostrophes: decide by the context, then by the state
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "close" if is_open else "open"


def _single_role(text: str, mark: str, i: int, j: int, is_open: bool) -> str:
    before, after = _left(text, i), _right(text, j)
    if before.isalnum() and after.isalnum():
        return ""  # don’t, O’Brien
    if mark in "‘‹‚":
        return "open"
    if mark == "›":
        return "close" if is_open else ""
    closing = _looks_closing(text, i, j)
    if is_open and closing:
        return "close"
    if mark == "'" and _looks_opening(text, i, j) and not is_open:
        rest = text[j : j + 6].lower()
        if after.isdigit() or rest.startswith(_ELISIONS):
            return ""  # '90s, 'em
        return "open"
    return ""  # ’90s, the Smiths’ house, a stray mark


def find_marked_quotes(text: str) -> list[MarkedQuote]:
    """All top-level quotations in quotation marks, in text order.

    Args:
        text: Any text; unbalanced marks are tolerated.

    Returns:
        Non-overlapping quotations; a quotation inside another one is part of it.
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    doubles: list[MarkedQuote] = []
    singles: list[MarkedQuote] = []
    group = 0
    carried: int | None = None  # group of a double quotation still open at a paragraph end
    for index, (p_start, p_end) in enumerate(paragraphs):
        d_open: int | None = None
        d_len = 0
        s_open: int | None = None
        s_len = 0
        first_mark = True
        if carried is not None:
            # the continuation mark may or may not be repeated at the paragraph start
            stripped = text[p_start:p_end].lstrip()
            lead = p_end - len(stripped)
            m = _MARK.match(text, lead)
            if (
                m
                and _double_role(text, m.group(), m.start(), m.end(), False) == "open"
                and (m.group() not in "'’‘")
            ):
                d_open, d_len = m.start(), len(m.group())
                first_mark = False
            else:
                carried = None
        for m in _MARK.finditer(text, p_start, p_end):
            i, j, mark = m.start(), m.end(), m.group()
            if not first_mark and d_open is not None and i == d_open:
                continue
            first_mark = False
            if mark in _SINGLE_OPEN + _SINGLE_CLOSE or mark == "'":
                role = _single_role(text, mark, i, j, s_open is not None)
                if role == "open":
                    s_open, s_len = i, len(mark)
                elif role == "close" and s_open is not None:
                    if j - s_open <= _SINGLE_MAX and i > s_open + s_len:
                        singles.append(MarkedQuote(s_open, j, s_open + s_len, i, False, -1, True))
                    s_open = None
                continue
            role = _double_role(text, mark, i, j, d_open is not None)
            if role == "open":
                if d_open is not None and carried is not None:
                    carried = None  # a new quotation starts: the carried one ended unmarked
                d_open, d_len = i, len(mark)
            elif role == "close" and d_open is not None:
                if i > d_open + d_len:
                    gid = carried if carried is not None else group
                    doubles.append(MarkedQuote(d_open, j, d_open + d_len, i, True, gid, True))
                    if carried is None:
                        group += 1
                carried = None
                d_open = None
        if d_open is not None and p_end > d_open + d_len:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if (
                nxt is not None
                and _opens_with_double(text, nxt[0], nxt[1])
                and _opens_a_passage(text, p_start, d_open)
            ):
                gid = carried if carried is not None else group
                if carried is None:
                    group += 1
                end = p_end
                while end > d_open and text[end - 1].isspace():
                    end -= 1
                doubles.append(MarkedQuote(d_open, end, d_open + d_len, end, True, gid, False))
                carried = gid
            else:
                carried = None
        elif d_open is None:
            carried = None
    return _top_level(doubles, singles)


def _opens_a_passage(text: str, paragraph_start: int, mark: int) -> bool:
    """Whether an unclosed mark can open a quotation running into the next paragraph.

    It must open its paragraph, a sentence, or follow an introduction ("she said:", "he
    added,"); a stray mark in mid-sentence is not allowed to swallow the next paragraph.
    """
    before = text[paragraph_start:mark].rstrip()
    return not before or before.endswith((":", ",", ".", "?", "!", "—", "–"))


def _opens_with_double(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    lead = end - len(stripped)
    m = _MARK.match(text, lead)
    return bool(m) and m is not None and m.group() not in "'’‘›‹‚"


def _top_level(doubles: list[MarkedQuote], singles: list[MarkedQuote]) -> list[MarkedQuote]:
    """The outermost quotations: nested ones are part of them, a crossing single is dropped."""
    ordered = sorted(doubles + singles, key=lambda q: (q.start, -q.end))
    top: list[MarkedQuote] = []
    for q in ordered:
        if top and q.start < top[-1].end:
            if q.end <= top[-1].end or not q.double:
                continue  # nested, or a single crossing another quotation
            if top[-1].double:
                continue  # two doubles cannot cross; keep the first
            top.pop()  # a single crossing a double: the single was an apostrophe
        top.append(q)
    return top
