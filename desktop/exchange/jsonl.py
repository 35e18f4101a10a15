"""JSONL spans for Prodigy and doccano: one article per line.

Each line is a Prodigy task that doccano can import too::

    {"text": "...",
     "tokens": [{"text", "start", "end", "id", "ws"}, ...],
     "spans": [{"start", "end", "token_start", "token_end", "label", "text",
                "start_offset", "end_offset", "layer", "source", ...}, ...],
     "relations": [{"head", "child", "head_span", "child_span", "label"}, ...],
     "meta": {"title", "date", "url", "site", "text_hash", "article_id", "tags", "note"}}

- ``token_end`` is inclusive and ``head``/``child`` are the last token of each span, as
  Prodigy writes them. Tokens come from :mod:`desktop.exchange.tokens`.
- Relations go from a speaker (label ``SPEAKER``) or cue (``CUE``) span to its quote.
- ``start_offset``/``end_offset`` repeat ``start``/``end`` under doccano's names, so doccano's
  sequence-labelling import reads the spans when its label column is set to ``spans``.
- Newsdesk's own details ride along in each span: ``layer`` (entity, quote, speaker, cue,
  tag), ``entity`` (the canonical entity), ``kind``, ``speaker_name`` and ``confidence``
  (quotes), ``source`` (auto or manual), ``note``. Other tools ignore them.

The reader takes these lines, Prodigy datasets (``db-out``; rejected and ignored answers are
skipped), doccano exports (``label``/``labels`` as ``[start, end, label]`` lists, or
``entities`` with ``start_offset``/``end_offset`` and ``relations`` with ``from_id``/``to_id``)
and ``entities`` given as ``[start, end, label]`` or ``{"start", "end", "label"|"type"}``.
Offsets are code points.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from desktop.errors import ExchangeError
from desktop.exchange.records import (
    KINDS,
    ROLES,
    DocumentRecord,
    NoteRecord,
    RelationRecord,
    SpanRecord,
    context,
    quote_relation,
    role_for_label,
)
from desktop.exchange.tokens import tokenize
from desktop.exchange.writing import atomic_text


def write_jsonl(records: Iterable[DocumentRecord], out: Path) -> int:
    """Write one line per record to ``out``; the number of spans written."""
    count = 0
    with atomic_text(out) as stream:
        for record in records:
            line = task(record)
            count += len(line["spans"])
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    return count


def task(record: DocumentRecord) -> dict[str, Any]:
    """The JSONL object of one record (which must carry its text)."""
    if record.text is None:
        raise ExchangeError(f"{record.title}: no text to write")
    text = record.text
    spans = [s for s in record.spans if s.start is not None and s.end is not None]
    tokens = tokenize(text, ((s.start, s.end) for s in spans))  # type: ignore[misc]
    notes = {note.target: note.body for note in record.notes if note.target}
    span_dicts: dict[str, dict[str, Any]] = {}
    for span in spans:
        assert span.start is not None and span.end is not None
        token_start, token_end = tokens.token_span(span.start, span.end)
        entry: dict[str, Any] = {
            "start": span.start,
            "end": span.end,
            "token_start": token_start,
            "token_end": token_end,
            "label": span.label,
            "text": span.exact,
            "start_offset": span.start,
            "end_offset": span.end,
            "layer": span.role,
        }
        extras = {
            "entity": span.entity_name,
            "kind": span.kind,
            "speaker_name": span.speaker_name,
            "confidence": span.confidence,
            "source": span.source,
            "note": notes.get(span.key),
        }
        entry.update({k: v for k, v in extras.items() if v is not None})
        span_dicts[span.key] = entry
    relations = []
    for relation in record.relations:
        head, child = span_dicts.get(relation.head), span_dicts.get(relation.child)
        if head is None or child is None:
            continue
        relations.append(
            {
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": _short(head),
                "child_span": _short(child),
                "label": relation.label,
            }
        )
    meta: dict[str, Any] = {
        "title": record.title,
        "date": record.date,
        "url": record.url,
        "site": record.site,
        "text_hash": record.text_hash,
        "article_id": record.article_id,
        "tags": list(record.tags),
    }
    article_note = "\n\n".join(n.body for n in record.notes if n.target is None)
    if article_note:
        meta["note"] = article_note
    return {
        "text": text,
        "tokens": [
            {"text": t.text, "start": t.start, "end": t.end, "id": i, "ws": t.ws}
            for i, t in enumerate(tokens.tokens)
        ],
        "spans": list(span_dicts.values()),
        "relations": relations,
        "meta": {k: v for k, v in meta.items() if v is not None},
    }


def _short(span: dict[str, Any]) -> dict[str, Any]:
    keys = ("start", "end", "token_start", "token_end", "label")
    return {key: span[key] for key in keys}


# --- reading -------------------------------------------------------------------------------


def read_jsonl(path: Path) -> tuple[list[DocumentRecord], list[str]]:
    """Records from a JSONL file, and what was skipped (one line each, with the reason)."""
    records: list[DocumentRecord] = []
    problems: list[str] = []
    for number, line in _lines(path):
        where = f"{path.name} line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error.msg})")
            continue
        if not isinstance(data, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        if data.get("answer") in {"reject", "ignore"}:
            problems.append(f"{where}: skipped, the annotator answered {data['answer']!r}")
            continue
        try:
            records.append(record_from_task(data, origin=where, problems=problems))
        except ExchangeError as error:
            problems.append(f"{where}: {error}")
    return records, problems


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8-sig") as stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield number, line
    except UnicodeDecodeError as error:
        raise ExchangeError(f"{path.name}: not UTF-8 text ({error.reason})") from error


def record_from_task(
    data: dict[str, Any], *, origin: str = "", problems: list[str] | None = None
) -> DocumentRecord:
    """The record of one Prodigy or doccano JSON object."""
    problems = problems if problems is not None else []
    text = data.get("text")
    if not isinstance(text, str):
        raise ExchangeError("no 'text'")
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    assert isinstance(meta, dict)
    spans: list[SpanRecord] = []
    by_offsets: dict[tuple[int, int, str], str] = {}
    by_id: dict[Any, str] = {}
    relations: list[RelationRecord] = []
    notes: list[NoteRecord] = []

    def add(raw: dict[str, Any], start: Any, end: Any, label: Any) -> str | None:
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)):
            problems.append(f"{origin}: a span without integer start/end and a label")
            return None
        if not 0 <= start < end <= len(text):
            problems.append(f"{origin}: span {label} {start}-{end} is outside the text")
            return None
        layer = raw.get("layer")
        role = layer if layer in ROLES else role_for_label(label)
        known = by_offsets.get((start, end, label))
        if known is not None:
            return known
        key = f"s{len(spans) + 1}"
        prefix, suffix = context(text, start, end)
        kind = raw.get("kind")
        confidence = raw.get("confidence")
        spans.append(
            SpanRecord(
                key=key,
                role=role,
                label=label,
                exact=text[start:end],
                start=start,
                end=end,
                prefix=prefix,
                suffix=suffix,
                entity_name=_text_or_none(raw.get("entity")),
                kind=kind if kind in KINDS else None,
                speaker_name=_text_or_none(raw.get("speaker_name")),
                confidence=float(confidence) if isinstance(confidence, int | float) else None,
                source=_text_or_none(raw.get("source")),
            )
        )
        by_offsets[(start, end, label)] = key
        if isinstance(raw.get("note"), str) and raw["note"].strip():
            notes.append(NoteRecord(body=raw["note"], target=key))
        return key

    for raw in _list(data.get("spans")):
        if isinstance(raw, dict):
            add(
                raw,
                raw.get("start", raw.get("start_offset")),
                raw.get("end", raw.get("end_offset")),
                raw.get("label"),
            )
    for name in ("label", "labels"):  # doccano sequence labelling
        for raw in _list(data.get(name)):
            if isinstance(raw, list | tuple) and len(raw) == 3:
                add({}, raw[0], raw[1], raw[2])
            elif isinstance(raw, dict):
                add(raw, raw.get("start_offset"), raw.get("end_offset"), raw.get("label"))
    for raw in _list(data.get("entities")):  # doccano relation extraction, spaCy v2 style
        if isinstance(raw, list | tuple) and len(raw) == 3:
            add({}, raw[0], raw[1], raw[2])
        elif isinstance(raw, dict):
            key = add(
                raw,
                raw.get("start_offset", raw.get("start")),
                raw.get("end_offset", raw.get("end")),
                raw.get("label", raw.get("type")),
            )
            if key is not None and "id" in raw:
                by_id[raw["id"]] = key

    for raw in _list(data.get("relations")):
        if not isinstance(raw, dict):
            continue
        if "from_id" in raw:
            head, child = by_id.get(raw.get("from_id")), by_id.get(raw.get("to_id"))
            label = raw.get("type")
        else:
            head, child = (
                _span_key(raw.get("head_span"), by_offsets),
                _span_key(raw.get("child_span"), by_offsets),
            )
            label = raw.get("label")
        relation = quote_relation({span.key: span.role for span in spans}, head, child)
        if relation is None:
            problems.append(
                f"{origin}: relation {label!r} is not between a quote and its "
                "speaker or cue; left out"
            )
        else:
            relations.append(relation)

    note = meta.get("note")
    if isinstance(note, str) and note.strip():
        notes.insert(0, NoteRecord(body=note))
    tags = tuple(t for t in _list(meta.get("tags")) if isinstance(t, str) and t.strip())
    article_id = meta.get("article_id")
    return DocumentRecord(
        title=_text_or_none(meta.get("title")) or _first_line(text),
        text=text,
        text_hash=_text_or_none(meta.get("text_hash")),
        spans=tuple(spans),
        relations=tuple(relations),
        notes=tuple(notes),
        tags=tags,
        url=_text_or_none(meta.get("url")),
        date=_text_or_none(meta.get("date")),
        site=_text_or_none(meta.get("site")),
        article_id=article_id if isinstance(article_id, int) else None,
        origin=origin,
    )


def _span_key(raw: Any, by_offsets: dict[tuple[int, int, str], str]) -> str | None:
    if not isinstance(raw, dict):
        return None
    start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
    if not (isinstance(start, int) and isinstance(end, int)):
        return None
    if isinstance(label, str) and (start, end, label) in by_offsets:
        return by_offsets[(start, end, label)]
    # Prodigy may leave the label out of a relation's span: match on offsets alone.
    matches = [key for (s, e, _), key in by_offsets.items() if (s, e) == (start, end)]
    return matches[0] if len(matches) == 1 else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return "Untitled"
