"""spaCy DocBin (``.spacy``): training data for spaCy, one ``Doc`` per article.

Each ``Doc`` has the article text exactly (tokens from :mod:`desktop.exchange.tokens`) and:

- ``doc.ents``: the entity mentions. ``doc.ents`` cannot overlap, so where mentions overlap the
  longest wins (then the first: ``spacy.util.filter_spans``); every mention, overlapping or
  not, is also in the span group ``"entities"``. ``kb_id_`` holds the canonical entity name.
- span groups ``"quotes"`` (label ``QUOTE``, ``kb_id_`` the resolved speaker),
  ``"speakers"`` (label ``SPEAKER``, ``kb_id_`` the canonical speaker) and ``"cues"``
  (label ``CUE``); tag spans in ``"tags"`` under the tag name.
- ``doc.cats``: ``1.0`` for each of the article's document tags.
- ``doc.user_data["newsdesk"]``: what spaCy has no slot for: title, text hash, URL, date, the
  kind, speaker and cue of each quote (as indexes into the span groups), sources and notes.
  Written only because the DocBin stores user data (``store_user_data=True``).

The reader takes these files back, and any other DocBin: entities from ``doc.ents``, and the
spans of other span groups by their labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.errors import ExchangeError
from desktop.exchange.records import (
    CUE_LABEL,
    KINDS,
    SPEAKER_LABEL,
    DocumentRecord,
    NoteRecord,
    RelationRecord,
    Role,
    SpanRecord,
    context,
    role_for_label,
)
from desktop.exchange.tokens import blank_english, tokenize
from desktop.exchange.writing import atomic_binary

GROUPS: dict[Role, str] = {
    "entity": "entities",
    "quote": "quotes",
    "speaker": "speakers",
    "cue": "cues",
    "tag": "tags",
}
USER_DATA_KEY = "newsdesk"


def write_docbin(records: Iterable[DocumentRecord], out: Path) -> int:
    """Write a ``.spacy`` file; the number of spans written."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    count = 0
    for record in records:
        doc, spans = make_doc(record)
        docbin.add(doc)
        count += spans
    with atomic_binary(out) as stream:
        stream.write(docbin.to_bytes())
    return count


def make_doc(record: DocumentRecord) -> tuple[Any, int]:
    """The spaCy ``Doc`` of one record, and the number of spans on it."""
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    if record.text is None:
        raise ExchangeError(f"{record.title}: no text to write")
    placed = [s for s in record.spans if s.start is not None and s.end is not None]
    tokens = tokenize(record.text, ((s.start, s.end) for s in placed))  # type: ignore[misc]
    doc = Doc(blank_english().vocab, words=tokens.words, spaces=tokens.spaces)
    groups: dict[str, list[Any]] = {name: [] for name in GROUPS.values()}
    where: dict[str, tuple[str, int]] = {}
    sources: dict[str, list[str | None]] = {name: [] for name in GROUPS.values()}
    for span in placed:
        name = GROUPS[span.role]
        kb_id = span.speaker_name if span.role == "quote" else span.entity_name
        made = doc.char_span(span.start or 0, span.end or 0, label=span.label, kb_id=kb_id or "")
        if made is None:  # cannot happen: tokens are cut at every span boundary
            raise ExchangeError(f"{record.title}: span {span.exact!r} does not fit the tokens")
        where[span.key] = (name, len(groups[name]))
        groups[name].append(made)
        sources[name].append(span.source)
    doc.ents = filter_spans(groups["entities"])
    for name, spans in groups.items():
        doc.spans[name] = spans
    doc.cats = dict.fromkeys(record.tags, 1.0)
    links: dict[str, dict[str, int]] = {}
    for relation in record.relations:
        if relation.child in where and relation.head in where:
            role = "speaker" if relation.label == SPEAKER_LABEL else "cue"
            links.setdefault(relation.child, {})[role] = where[relation.head][1]
    quotes = []
    for span in placed:
        if span.role == "quote":
            link = links.get(span.key, {})
            quotes.append(
                {
                    "kind": span.kind,
                    "speaker": link.get("speaker"),
                    "cue": link.get("cue"),
                    "confidence": span.confidence,
                }
            )
    doc.user_data[USER_DATA_KEY] = {
        "title": record.title,
        "text_hash": record.text_hash,
        "url": record.url,
        "date": record.date,
        "site": record.site,
        "article_id": record.article_id,
        "tags": list(record.tags),
        "quotes": quotes,
        "sources": sources,
        "notes": [
            {"body": n.body, "group": where[n.target][0], "index": where[n.target][1]}
            if n.target in where
            else {"body": n.body}
            for n in record.notes
            if n.target is None or n.target in where
        ],
    }
    return doc, len(placed)


# --- reading -------------------------------------------------------------------------------


def read_docbin(path: Path) -> tuple[list[DocumentRecord], list[str]]:
    """Records from a ``.spacy`` file."""
    from spacy.tokens import DocBin

    try:
        docbin = DocBin().from_disk(path)
        docs = list(docbin.get_docs(blank_english().vocab))
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise ExchangeError(f"{path.name}: not a spaCy DocBin file ({error})") from error
    records: list[DocumentRecord] = []
    problems: list[str] = []
    for number, doc in enumerate(docs, start=1):
        records.append(_record(doc, f"{path.name} doc {number}", problems))
    return records, problems


def _record(doc: Any, origin: str, problems: list[str]) -> DocumentRecord:
    text: str = doc.text
    data = doc.user_data.get(USER_DATA_KEY)
    data = data if isinstance(data, dict) else {}
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    assert isinstance(sources, dict)
    spans: list[SpanRecord] = []
    keys: dict[tuple[str, int], str] = {}

    def add(span: Any, role: Role, group: str, index: int) -> None:
        key = f"s{len(spans) + 1}"
        keys[(group, index)] = key
        prefix, suffix = context(text, span.start_char, span.end_char)
        group_sources = _seq(sources.get(group))
        spans.append(
            SpanRecord(
                key=key,
                role=role,
                label=span.label_,
                exact=span.text,
                start=span.start_char,
                end=span.end_char,
                prefix=prefix,
                suffix=suffix,
                entity_name=(span.kb_id_ or None) if role in {"entity", "speaker"} else None,
                speaker_name=(span.kb_id_ or None) if role == "quote" else None,
                source=_str(group_sources[index]) if index < len(group_sources) else None,
            )
        )

    groups = {name: list(doc.spans[name]) for name in doc.spans}
    if "entities" not in groups:
        groups["entities"] = list(doc.ents)
    for name, group in groups.items():
        fixed = {v: k for k, v in GROUPS.items()}.get(name)
        for index, span in enumerate(group):
            add(span, fixed or role_for_label(span.label_), name, index)
    relations: list[RelationRecord] = []
    for index, quote in enumerate(_seq(data.get("quotes"))):
        key = keys.get(("quotes", index))
        if key is None or not isinstance(quote, dict):
            continue
        number = next(i for i, s in enumerate(spans) if s.key == key)
        kind = quote.get("kind")
        confidence = quote.get("confidence")
        spans[number] = replace(
            spans[number],
            kind=kind if kind in KINDS else None,
            confidence=float(confidence) if isinstance(confidence, int | float) else None,
        )
        for role, group_name, label in (
            ("speaker", "speakers", SPEAKER_LABEL),
            ("cue", "cues", CUE_LABEL),
        ):
            at = quote.get(role)
            head = keys.get((group_name, at)) if isinstance(at, int) else None
            if head is not None:
                relations.append(RelationRecord(label=label, head=head, child=key))
    notes: list[NoteRecord] = []
    for note in _seq(data.get("notes")):
        if not isinstance(note, dict) or not isinstance(note.get("body"), str):
            continue
        note_group, note_index = note.get("group"), note.get("index")
        if isinstance(note_group, str) and isinstance(note_index, int):
            target = keys.get((note_group, note_index))
            if target is None:
                problems.append(f"{origin}: a note on a span that is not in the file")
                continue
            notes.append(NoteRecord(body=note["body"], target=target))
        else:
            notes.append(NoteRecord(body=note["body"]))
    tags = tuple(t for t in _seq(data.get("tags")) if isinstance(t, str))
    if not tags:
        tags = tuple(label for label, score in doc.cats.items() if score >= 0.5)
    article_id = data.get("article_id")
    return DocumentRecord(
        title=_str(data.get("title")) or (text.strip().splitlines() or ["Untitled"])[0][:120],
        text=text,
        text_hash=_str(data.get("text_hash")),
        spans=tuple(spans),
        relations=tuple(relations),
        notes=tuple(notes),
        tags=tags,
        url=_str(data.get("url")),
        date=_str(data.get("date")),
        site=_str(data.get("site")),
        article_id=article_id if isinstance(article_id, int) else None,
        origin=origin,
    )


def _seq(value: Any) -> Sequence[Any]:
    # msgpack gives back lists as tuples.
    return value if isinstance(value, list | tuple) else ()


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
