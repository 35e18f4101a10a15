"""Placing spans on a text that changed: found where they clearly are, reported otherwise."""

from __future__ import annotations

from desktop.exchange.anchoring import anchor, place_spans
from desktop.exchange.offsets import Utf16Index, utf16_length
from desktop.exchange.records import DocumentRecord, SpanRecord, context

OLD = (
    "The council met on Monday. Ellen Park said the budget was fair. "
    "Later, Park said the budget was fair again, to nobody in particular."
)


def span(text: str, needle: str, nth: int = 0) -> SpanRecord:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    prefix, suffix = context(text, start, end)
    return SpanRecord(
        key=f"k{start}",
        role="tag",
        label="x",
        exact=needle,
        start=start,
        end=end,
        prefix=prefix,
        suffix=suffix,
    )


def test_a_span_on_unchanged_text_stays_where_it_was() -> None:
    found = anchor(OLD, "said the budget", hint=OLD.index("said the budget"))
    assert not isinstance(found, str)
    assert (found.start, found.how) == (OLD.index("said the budget"), "offsets")


def test_text_inserted_before_a_span_moves_it_by_its_context() -> None:
    first = span(OLD, "said the budget was fair", 0)
    second = span(OLD, "said the budget was fair", 1)
    new = "BREAKING: " + OLD.replace("Monday", "Monday evening")
    placement = place_spans(DocumentRecord(title="t", text=OLD, spans=(first, second)), new)
    assert not placement.unplaced
    where = {p.span.key: p for p in placement.placed}
    # The same words occur twice: each goes to its own occurrence, told apart by context.
    assert where[first.key].start == new.index("said the budget was fair")
    assert where[second.key].start == new.index("said the budget was fair", where[first.key].end)
    assert all(p.how == "re-anchored" for p in placement.placed)
    for placed in placement.placed:
        assert new[placed.start : placed.end] == placed.span.exact


def test_a_span_whose_text_is_gone_is_reported_not_moved() -> None:
    gone = span(OLD, "Ellen Park")
    new = OLD.replace("Ellen Park", "The mayor")
    placement = place_spans(DocumentRecord(title="t", text=OLD, spans=(gone,)), new)
    assert not placement.placed
    assert "not in the article" in placement.unplaced[0].reason


def test_a_span_that_fits_several_places_equally_is_reported() -> None:
    text = "Yes. He said no. Yes. He said no. Yes."
    found = anchor(text, "He said no", prefix="", suffix="")
    assert isinstance(found, str)
    assert "2 places" in found


def test_the_old_offset_breaks_a_tie_between_equal_contexts() -> None:
    text = "Yes. He said no. Yes. He said no. Yes."
    found = anchor(text, "He said no", hint=text.index("He said no", 10) + 3)
    assert not isinstance(found, str)
    assert found.start == text.index("He said no", 10)


def test_a_span_whose_surroundings_were_rewritten_is_not_trusted() -> None:
    old = span(OLD, "fair", 0)
    new = "A completely different article that is only fair to say so."
    placement = place_spans(DocumentRecord(title="t", text=OLD, spans=(old,)), new)
    assert not placement.placed
    assert "changed too much" in placement.unplaced[0].reason


def test_a_span_rewrapped_over_lines_is_found_with_its_new_spacing() -> None:
    old = span(OLD, "Ellen Park said the budget was fair")
    new = OLD.replace("Ellen Park said the", "Ellen Park\nsaid  the")
    placement = place_spans(DocumentRecord(title="t", text=OLD, spans=(old,)), new)
    placed = placement.placed[0]
    assert new[placed.start : placed.end] == "Ellen Park\nsaid  the budget was fair"


def test_utf16_offsets_from_a_browser_tool_are_understood() -> None:
    text = "🎉🎉 Party time! 🎉 The mayor said yes. The mayor said yes."
    index = Utf16Index(text)
    target = text.index("said yes", text.index("said yes") + 1)
    utf16_start = index.to_utf16(target)
    assert utf16_start == target + 3  # three emoji before it, one extra unit each
    found = anchor(text, "said yes", hint=utf16_start)
    assert not isinstance(found, str)
    assert found.start == target


def test_utf16_index_agrees_with_python_encoding() -> None:
    text = "a🤝b\u05e9\U0001f6a7c" + "Zoe\u0308"
    index = Utf16Index(text)
    for offset in range(len(text) + 1):
        units = len(text[:offset].encode("utf-16-le")) // 2
        assert index.to_utf16(offset) == units
        assert index.from_utf16(units) == offset
    assert index.from_utf16(2) is None  # between the halves of 🤝
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2
