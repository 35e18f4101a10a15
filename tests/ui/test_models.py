"""Every item model passes Qt's model tester, filled as the running window fills it."""

from __future__ import annotations

import pytest

from desktop.types import Annotation, Entity, QuoteDetails, Tag
from desktop.ui.entity_filter_proxy import EntityFilterProxy
from desktop.ui.entity_tree_model import EntityTreeModel
from desktop.ui.quote_table_model import QuoteTableModel
from desktop.ui.tag_table_model import TagTableModel

pytestmark = pytest.mark.gui

ENTITIES = [
    Entity(1, "Maria Lopez", "PERSON", ("Maria Lopez", "Lopez"), 3, 2),
    Entity(2, "Daniel Weber", "PERSON", ("Daniel Weber",), 2, 1),
    Entity(3, "River Council", "ORG", ("River Council", "the council"), 1, 1),
    Entity(4, "Monday", "DATE", (), 1, 1),
]


def quote(annotation_id: int, start: int, *, speaker: str | None) -> Annotation:
    return Annotation(
        id=annotation_id,
        article_id=1,
        start=start,
        end=start + 10,
        layer="quote",
        label="QUOTE",
        exact="a quote text",
        prefix="",
        suffix="",
        source="auto",
        status="active",
        quote=QuoteDetails(kind="direct", speaker=speaker, cue="said", confidence=0.8),
    )


def test_article_table_model(qtmodeltester, make_window, qtbot) -> None:
    window = make_window()
    model = window.articles
    assert model.rowCount() == 3
    # The first pass fetches rows lazily; the second sees them filled.
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: all(model.summary(row) for row in range(model.rowCount())))
    qtmodeltester.check(model)
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert all(title and title != "…" for title in titles)


def test_article_table_model_sorts_through_the_core(make_window, qtbot) -> None:
    window = make_window()
    model = window.articles
    qtbot.waitUntil(lambda: all(model.summary(row) for row in range(model.rowCount())))
    with qtbot.waitSignal(model.reloaded):
        model.sort(0)
    qtbot.waitUntil(lambda: all(model.summary(row) for row in range(model.rowCount())))
    titles = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)


def test_entity_tree_model_and_proxy(qtmodeltester) -> None:
    model = EntityTreeModel()
    qtmodeltester.check(model)
    model.set_entities(ENTITIES)
    qtmodeltester.check(model)
    assert model.index(0, 0).data().startswith("Person")
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("lopez")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    group = proxy.index(0, 0)
    assert proxy.rowCount(group) == 1
    assert proxy.index(0, 0, group).data() == "Maria Lopez"
    proxy.set_filter_text("the council")  # an alias
    assert proxy.index(0, 0, proxy.index(0, 0)).data() == "River Council"


def test_quote_table_model(qtmodeltester) -> None:
    model = QuoteTableModel()
    qtmodeltester.check(model)
    model.set_quotes([quote(2, 50, speaker=None), quote(1, 5, speaker="Lopez")])
    qtmodeltester.check(model)
    assert model.quote(0).id == 1  # text order
    assert model.index(0, 1).data() == "Lopez"
    assert model.index(1, 1).data() == "—"


def test_tag_table_model(qtmodeltester) -> None:
    model = TagTableModel()
    qtmodeltester.check(model)
    model.set_tags([Tag(2, "zeal", "#ff0000", "2"), Tag(1, "Agenda", "#00ff00", None)])
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Agenda"
    assert model.index(1, 2).data() == "2"
