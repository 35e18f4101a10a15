"""W3C Web Annotation (JSON-LD): one annotation per span, in an ``AnnotationCollection``.

The file is a collection whose first page holds every annotation::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"nd": "urn:newsdesk:vocab#"}],
     "type": "AnnotationCollection", "total": N,
     "first": {"type": "AnnotationPage", "startIndex": 0, "items": [...]}}

Each span annotation targets its article with both selectors::

    "target": {"source": {"id": <article URL, or urn:sha256:<text hash>>, "type": "Text",
                          "format": "text/plain", "nd:textHash": ..., "nd:title": ...},
               "selector": [{"type": "TextPositionSelector", "start": 10, "end": 20},
                            {"type": "TextQuoteSelector", "exact": ..., "prefix": ...,
                             "suffix": ...}]}

Positions count Unicode code points, as the model requires ("The selection of the text MUST
be in terms of unicode code points ... not in terms of code units"), which are Newsdesk's own
offsets: no conversion. Prefix and suffix are 32 code points each. (Browser tools that wrote
UTF-16 positions still import: :mod:`desktop.exchange.anchoring` tries both readings and the
quote selector decides.)

Bodies say what a span is. Our choice of purposes:

- entity mention: motivation ``identifying``; a ``TextualBody`` with purpose ``classifying``
  whose value is the label (``PERSON``...) and one with purpose ``identifying`` whose value is
  the canonical entity (``John Kerry``).
- speaker: the same, with the label ``SPEAKER``. Cue: ``classifying`` ``CUE``.
- quote: motivation ``classifying``; ``classifying`` ``QUOTE``; ``describing`` bodies marked
  ``"nd:role": "kind"`` (``direct``, ``indirect``, ``mixed``) and ``"nd:role": "speaker"``
  (the resolved speaker's name); and ``linking`` ``SpecificResource`` bodies whose ``source``
  is the id of the speaker's (``"nd:role": "speaker"``) or cue's annotation.
- tag span: motivation ``tagging``, a ``tagging`` body with the tag name.
- note on a span: a ``commenting`` body (``format`` ``text/markdown``) on that span's
  annotation, as Hypothesis keeps a highlight's comment and tags in one annotation.
- the article's note and its tags: annotations whose target is the article itself (no
  selector), with a ``commenting`` body or ``tagging`` bodies.
- ``"nd:layer"`` on each annotation names its layer, and ``"nd:provenance"`` says ``auto`` or
  ``manual``; other tools ignore them.

The reader takes these files and annotations from other tools (a single annotation, a list,
a page or a collection with an embedded first page; ``bodyValue`` comments). A text-targeted
annotation with tags becomes tag spans; one with only a comment becomes a span tagged ``note``
carrying the comment.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.errors import ExchangeError
from desktop.exchange.records import (
    CUE_LABEL,
    KINDS,
    QUOTE_LABEL,
    ROLES,
    SPEAKER_LABEL,
    DocumentRecord,
    NoteRecord,
    RelationRecord,
    Role,
    SpanRecord,
    role_for_label,
)
from desktop.exchange.writing import atomic_text

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"nd": "urn:newsdesk:vocab#"}]
NOTE_TAG = "note"  # the tag of a span that came with a comment and nothing else


def write_w3c(records: Iterable[DocumentRecord], out: Path) -> int:
    """Write one JSON-LD annotation collection to ``out``; the number of spans written."""
    items: list[dict[str, Any]] = []
    spans = 0
    for record in records:
        annotations, count = record_annotations(record)
        items.extend(annotations)
        spans += count
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Newsdesk annotations",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    with atomic_text(out) as stream:
        json.dump(collection, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    return spans


def source_iri(record: DocumentRecord) -> str:
    """The IRI naming the article: its URL when known, else its text hash as a URN."""
    if record.url and record.url.startswith(("http://", "https://")):
        return record.url
    return f"urn:sha256:{_hash(record)}"


def _hash(record: DocumentRecord) -> str:
    if record.text_hash:
        return record.text_hash
    return hashlib.sha256((record.text or record.title).encode("utf-8")).hexdigest()


def record_annotations(record: DocumentRecord) -> tuple[list[dict[str, Any]], int]:
    """The annotations of one record, and how many of them are spans."""
    source: dict[str, Any] = {
        "id": source_iri(record),
        "type": "Text",
        "format": "text/plain",
        "nd:textHash": _hash(record),
        "nd:title": record.title,
    }
    if record.date:
        source["nd:date"] = record.date
    base = f"urn:newsdesk:{_hash(record)[:16]}"
    ids = {span.key: f"{base}:{span.key}" for span in record.spans}
    comments: dict[str, list[str]] = {}
    for note in record.notes:
        if note.target is not None:
            comments.setdefault(note.target, []).append(note.body)
    links: dict[str, list[tuple[str, str]]] = {}
    for relation in record.relations:
        role = "speaker" if relation.label == SPEAKER_LABEL else "cue"
        if relation.head in ids:
            links.setdefault(relation.child, []).append((role, ids[relation.head]))
    items: list[dict[str, Any]] = []
    for span in record.spans:
        if span.start is None or span.end is None:
            continue
        bodies = _bodies(span, links.get(span.key, []))
        bodies += [
            _text_body(body, "commenting", markdown=True) for body in comments.get(span.key, [])
        ]
        annotation: dict[str, Any] = {
            "id": ids[span.key],
            "type": "Annotation",
            "motivation": _MOTIVATION[span.role],
            "nd:layer": span.role,
            "body": bodies,
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextPositionSelector", "start": span.start, "end": span.end},
                    {
                        "type": "TextQuoteSelector",
                        "exact": span.exact,
                        "prefix": span.prefix,
                        "suffix": span.suffix,
                    },
                ],
            },
        }
        if span.source:
            annotation["nd:provenance"] = span.source
        items.append(annotation)
    count = len(items)
    article_notes = [n.body for n in record.notes if n.target is None]
    for n, body in enumerate(article_notes, start=1):
        items.append(
            {
                "id": f"{base}:note{n}",
                "type": "Annotation",
                "motivation": "commenting",
                "body": _text_body(body, "commenting", markdown=True),
                "target": source,
            }
        )
    if record.tags:
        items.append(
            {
                "id": f"{base}:tags",
                "type": "Annotation",
                "motivation": "tagging",
                "body": [_text_body(tag, "tagging") for tag in record.tags],
                "target": source,
            }
        )
    return items, count


_MOTIVATION: dict[Role, str] = {
    "entity": "identifying",
    "speaker": "identifying",
    "cue": "classifying",
    "quote": "classifying",
    "tag": "tagging",
}


def _text_body(
    value: str, purpose: str, *, markdown: bool = False, role: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "TextualBody", "purpose": purpose, "value": value}
    if markdown:
        body["format"] = "text/markdown"
    if role:
        body["nd:role"] = role
    return body


def _bodies(span: SpanRecord, links: list[tuple[str, str]]) -> list[dict[str, Any]]:
    if span.role == "tag":
        return [_text_body(span.label, "tagging")]
    bodies = [_text_body(span.label, "classifying")]
    if span.role in {"entity", "speaker"} and span.entity_name:
        bodies.append(_text_body(span.entity_name, "identifying"))
    if span.role == "quote":
        if span.kind:
            bodies.append(_text_body(span.kind, "describing", role="kind"))
        if span.speaker_name:
            bodies.append(_text_body(span.speaker_name, "describing", role="speaker"))
        for role, target in links:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "purpose": "linking",
                    "source": target,
                    "nd:role": role,
                }
            )
    return bodies


# --- reading -------------------------------------------------------------------------------


def read_w3c(path: Path) -> tuple[list[DocumentRecord], list[str]]:
    """Records from a W3C Web Annotation JSON(-LD) file, one per annotated article."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ExchangeError(f"{path.name}: not UTF-8 text ({error.reason})") from error
    except json.JSONDecodeError as error:
        raise ExchangeError(f"{path.name}: not JSON ({error.msg}, line {error.lineno})") from error
    items = _items(data)
    if items is None:
        raise ExchangeError(f"{path.name}: no Web Annotations in this file")
    problems: list[str] = []
    documents: dict[str, _DocumentBuilder] = {}
    for number, item in enumerate(items, start=1):
        where = f"{path.name} annotation {number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: not an annotation object")
            continue
        target = _target(item)
        if target is None:
            problems.append(f"{where}: no target")
            continue
        source, selectors = target
        key = _source_key(source)
        builder = documents.setdefault(key, _DocumentBuilder(source, path.name))
        builder.add(item, selectors, where, problems)
    return [builder.build(problems) for builder in documents.values()], problems


def _items(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        if isinstance(first, dict):
            return _items(first)
        if isinstance(data.get("items"), list):
            return list(data["items"])
        return None
    if "AnnotationPage" in kinds:
        return list(data.get("items") or [])
    if "Annotation" in kinds or "target" in data:
        return [data]
    return None


def _target(item: dict[str, Any]) -> tuple[Any, list[dict[str, Any]]] | None:
    """The target's source and its selectors ([] for the whole source)."""
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str):
        return target, []
    if not isinstance(target, dict):
        return None
    if "source" not in target:
        return target, []  # the article itself, described inline
    selector = target.get("selector")
    selectors = selector if isinstance(selector, list) else [selector] if selector else []
    return target["source"], [s for s in selectors if isinstance(s, dict)]


def _source_key(source: Any) -> str:
    if isinstance(source, dict):
        return str(source.get("nd:textHash") or source.get("id") or json.dumps(source))
    return str(source)


class _DocumentBuilder:
    """Gathers the annotations of one article."""

    def __init__(self, source: Any, file_name: str) -> None:
        self.source = source
        self.origin = file_name
        self.spans: list[SpanRecord] = []
        self.keys: dict[str, str] = {}  # annotation id -> span key
        self.links: list[tuple[str, str, str]] = []  # (quote key, role, annotation id)
        self.notes: list[NoteRecord] = []
        self.tags: list[str] = []

    def add(
        self,
        item: dict[str, Any],
        selectors: list[dict[str, Any]],
        where: str,
        problems: list[str],
    ) -> None:
        bodies = _body_list(item)
        motivation = item.get("motivation")
        comments = [
            b["value"]
            for b in bodies
            if _purpose(b, motivation) == "commenting" and isinstance(b.get("value"), str)
        ]
        tags = [
            b["value"]
            for b in bodies
            if _purpose(b, motivation) == "tagging" and isinstance(b.get("value"), str)
        ]
        if not selectors:
            self.notes.extend(NoteRecord(body=c) for c in comments if c.strip())
            self.tags.extend(t for t in tags if t.strip())
            return
        position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), {})
        quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), {})
        start, end = position.get("start"), position.get("end")
        start = start if isinstance(start, int) else None
        end = end if isinstance(end, int) else None
        exact = quote.get("exact") if isinstance(quote.get("exact"), str) else ""
        if not exact and start is None:
            problems.append(f"{where}: no TextQuoteSelector or TextPositionSelector")
            return
        common = {
            "exact": exact,
            "start": start,
            "end": end,
            "prefix": quote.get("prefix") if isinstance(quote.get("prefix"), str) else "",
            "suffix": quote.get("suffix") if isinstance(quote.get("suffix"), str) else "",
            "source": item.get("nd:provenance")
            if item.get("nd:provenance") in {"auto", "manual"}
            else None,
        }
        classes = [
            b["value"]
            for b in bodies
            if _purpose(b, motivation) == "classifying" and isinstance(b.get("value"), str)
        ]
        names = [
            b["value"]
            for b in bodies
            if _purpose(b, motivation) == "identifying" and isinstance(b.get("value"), str)
        ]
        layer = item.get("nd:layer")
        created: list[str] = []
        if classes:
            label = classes[0]
            role: Role = layer if layer in ROLES and layer != "tag" else role_for_label(label)
            if role == "tag":
                role = "entity"  # a classified span that is not a quote part is an entity
            label = {"quote": QUOTE_LABEL, "speaker": SPEAKER_LABEL, "cue": CUE_LABEL}.get(
                role, label
            )
            described = {
                b.get("nd:role"): b.get("value")
                for b in bodies
                if _purpose(b, motivation) == "describing"
            }
            kind = described.get("kind")
            key = self._add_span(
                role=role,
                label=label,
                entity_name=names[0] if names and role in {"entity", "speaker"} else None,
                kind=kind if kind in KINDS else None,
                speaker_name=described.get("speaker")
                if isinstance(described.get("speaker"), str)
                else None,
                **common,
            )
            created.append(key)
            if isinstance(item.get("id"), str):
                self.keys[item["id"]] = key
            for body in bodies:
                if body.get("type") == "SpecificResource" and isinstance(body.get("source"), str):
                    role_name = body.get("nd:role")
                    if role_name in {"speaker", "cue"}:
                        self.links.append((key, role_name, body["source"]))
        for tag in tags:
            created.append(self._add_span(role="tag", label=tag, **common))
        if not created and comments:
            created.append(self._add_span(role="tag", label=NOTE_TAG, **common))
        if created:
            self.notes.extend(NoteRecord(body=c, target=created[0]) for c in comments if c.strip())
        else:
            problems.append(f"{where}: no body says what the span is; left out")

    def _add_span(self, **fields: Any) -> str:
        key = f"a{len(self.spans) + 1}"
        self.spans.append(SpanRecord(key=key, **fields))
        return key

    def build(self, problems: list[str]) -> DocumentRecord:
        relations: list[RelationRecord] = []
        for quote_key, role, target in self.links:
            head = self.keys.get(target)
            if head is None:
                problems.append(f"{self.origin}: the {role} of a quote is not in the file")
                continue
            label = SPEAKER_LABEL if role == "speaker" else CUE_LABEL
            relations.append(RelationRecord(label=label, head=head, child=quote_key))
        source = self.source if isinstance(self.source, dict) else {"id": self.source}
        iri: str = source["id"] if isinstance(source.get("id"), str) else ""
        text_hash = source.get("nd:textHash")
        if not isinstance(text_hash, str) and iri.startswith("urn:sha256:"):
            text_hash = iri.removeprefix("urn:sha256:")
        title = source.get("nd:title")
        return DocumentRecord(
            title=title if isinstance(title, str) and title else iri or "Untitled",
            text=None,
            text_hash=text_hash if isinstance(text_hash, str) else None,
            spans=tuple(self.spans),
            relations=tuple(relations),
            notes=tuple(self.notes),
            tags=tuple(dict.fromkeys(self.tags)),
            url=iri if iri.startswith(("http://", "https://")) else None,
            date=source.get("nd:date") if isinstance(source.get("nd:date"), str) else None,
            origin=self.origin,
        )


def _body_list(item: dict[str, Any]) -> list[dict[str, Any]]:
    body = item.get("body")
    bodies = body if isinstance(body, list) else [body] if body is not None else []
    result = [b for b in bodies if isinstance(b, dict)]
    if isinstance(item.get("bodyValue"), str):
        result.append({"type": "TextualBody", "value": item["bodyValue"]})
    return result


def _purpose(body: dict[str, Any], motivation: Any) -> str | None:
    purpose = body.get("purpose")
    if isinstance(purpose, list):
        purpose = purpose[0] if purpose else None
    if isinstance(purpose, str):
        return purpose
    if isinstance(motivation, str):
        return motivation
    # A bare text body (or ``bodyValue``) with no motivation is what clients write for a comment.
    return "commenting" if body.get("type", "TextualBody") == "TextualBody" else None
