"""brat standoff: a ``.txt`` and an ``.ann`` per article, for brat and INCEpTION.

What each article's ``.ann`` holds:

- ``T`` text-bound spans: entity mentions under their label (``PERSON``, ``ORG``...), quotes
  as ``Quote``, speakers as ``Speaker``, cues as ``Cue``, and tag spans under the tag name
  made into a brat type (letters, digits, ``_`` and ``-``; ``"climate policy"`` becomes
  ``climate_policy``). Offsets are code points of the ``.txt`` (brat counts Python ``str``
  indices). A span running over a line break is written as fragments split at the line
  breaks, as brat itself does, and read back as one span.
- ``R`` relations ``Quote Speaker:T1 Content:T2`` and ``QuoteCue Cue:T3 Content:T2``.
- ``A`` attributes ``Kind T2 direct`` (``direct``, ``indirect`` or ``mixed``).
- ``N`` normalisations ``Reference T1 Newsdesk:John%20Kerry<TAB>John Kerry``: the canonical
  entity of an entity mention or of a speaker.
- ``*`` ``Equiv`` lines grouping the mentions of one entity (its aliases).
- ``#`` ``AnnotatorNotes`` with the notes on spans; line breaks in a note are written as
  ``\\n`` (and a backslash as ``\\\\``).

What brat has no place for (the title, text hash, URL and date, the document's tags, the note
on the whole article, original tag names) goes to a ``.json`` file beside the ``.txt``, which
brat ignores. The folder gets an ``annotation.conf`` declaring every type written, so brat shows
the files without complaint.

The reader takes a ``.ann`` file (with its ``.txt``), or a folder of them, with or without the
``.json``; files from other brat projects work too (events ``E`` are reported and left out).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from desktop.errors import ExchangeError
from desktop.exchange.records import (
    CUE_LABEL,
    KINDS,
    QUOTE_LABEL,
    SPEAKER_LABEL,
    DocumentRecord,
    NoteRecord,
    RelationRecord,
    Role,
    SpanRecord,
    context,
    quote_relation,
    role_for_label,
)
from desktop.exchange.writing import atomic_text, file_stem, output_folder

QUOTE_TYPE, SPEAKER_TYPE, CUE_TYPE = "Quote", "Speaker", "Cue"
SPEAKER_RELATION, CUE_RELATION = "Quote", "QuoteCue"
RESERVED = {QUOTE_TYPE, SPEAKER_TYPE, CUE_TYPE, CUE_RELATION, "Equiv", "Kind"}
KIND_ATTRIBUTE = "Kind"
NORMALIZATION_DB = "Newsdesk"


@dataclass
class _Types:
    """Brat types chosen for labels across the whole export (one ``annotation.conf``)."""

    entity: dict[str, str] = field(default_factory=dict)  # label -> type
    tag: dict[str, str] = field(default_factory=dict)  # tag name -> type
    taken: set[str] = field(default_factory=lambda: set(RESERVED))

    def type_for(self, span: SpanRecord) -> str:
        fixed = {"quote": QUOTE_TYPE, "speaker": SPEAKER_TYPE, "cue": CUE_TYPE}
        if span.role in fixed:
            return fixed[span.role]
        table = self.entity if span.role == "entity" else self.tag
        if span.label not in table:
            base = _safe_type(span.label)
            name, n = base, 2
            while name in self.taken:
                name, n = f"{base}-{n}", n + 1
            self.taken.add(name)
            table[span.label] = name
        return table[span.label]


def _safe_type(label: str) -> str:
    name = "".join(c if c.isalnum() or c in "_-" else "_" for c in label.strip())
    name = re.sub(r"_+", "_", name).strip("_") or "tag"
    return f"_{name}" if name[0].isdigit() else name


def write_brat(records: Iterable[DocumentRecord], out: Path) -> tuple[list[Path], int]:
    """Write ``.txt``, ``.ann`` and ``.json`` files into folder ``out``.

    Returns:
        The files written and the number of spans.
    """
    folder = output_folder(out)
    types = _Types()
    taken: set[str] = set()
    files: list[Path] = []
    count = 0
    for record in records:
        if record.text is None:
            raise ExchangeError(f"{record.title}: no text to write")
        stem = file_stem(record.article_id, record.title, taken=taken)
        ann, sidecar = _annotation_lines(record, types)
        count += sum(1 for line in ann if line.startswith("T"))
        for suffix, content in (
            (".txt", record.text),
            (".ann", "".join(line + "\n" for line in ann)),
            (".json", json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n"),
        ):
            path = folder / f"{stem}{suffix}"
            with atomic_text(path) as stream:
                stream.write(content)
            files.append(path)
    conf = folder / "annotation.conf"
    with atomic_text(conf) as stream:
        stream.write(_annotation_conf(types))
    files.append(conf)
    return files, count


def _annotation_lines(record: DocumentRecord, types: _Types) -> tuple[list[str], dict[str, Any]]:
    text = record.text or ""
    lines: list[str] = []
    t_ids: dict[str, str] = {}
    extra: dict[str, dict[str, Any]] = {}
    for span in record.spans:
        if span.start is None or span.end is None:
            continue
        fragments = _fragments(text, span.start, span.end)
        if not fragments:
            continue
        tid = f"T{len(t_ids) + 1}"
        t_ids[span.key] = tid
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        shown = " ".join(text[s:e] for s, e in fragments)
        lines.append(f"{tid}\t{types.type_for(span)} {offsets}\t{shown}")
        details = {
            "source": span.source,
            "confidence": span.confidence,
            "speaker_name": span.speaker_name,
        }
        details = {k: v for k, v in details.items() if v is not None}
        if details:
            extra[tid] = details
    n_attr = n_norm = n_note = 0
    for span in record.spans:
        if span.key not in t_ids:
            continue
        tid = t_ids[span.key]
        if span.role == "quote" and span.kind:
            n_attr += 1
            lines.append(f"A{n_attr}\t{KIND_ATTRIBUTE} {tid} {span.kind}")
        if span.role in {"entity", "speaker"} and span.entity_name:
            n_norm += 1
            eid = url_quote(span.entity_name, safe="")
            name = _one_line(span.entity_name)
            lines.append(f"N{n_norm}\tReference {tid} {NORMALIZATION_DB}:{eid}\t{name}")
    for n, relation in enumerate(record.relations, start=1):
        head, child = t_ids.get(relation.head), t_ids.get(relation.child)
        if head is None or child is None:
            continue
        if relation.label == SPEAKER_LABEL:
            lines.append(f"R{n}\t{SPEAKER_RELATION} Speaker:{head} Content:{child}")
        else:
            lines.append(f"R{n}\t{CUE_RELATION} Cue:{head} Content:{child}")
    groups: dict[str, list[str]] = defaultdict(list)
    for span in record.spans:
        if span.role == "entity" and span.entity_name and span.key in t_ids:
            groups[span.entity_name].append(t_ids[span.key])
    for members in groups.values():
        if len(members) > 1:
            lines.append("*\tEquiv " + " ".join(members))
    for note in record.notes:
        if note.target is not None and note.target in t_ids:
            n_note += 1
            lines.append(f"#{n_note}\tAnnotatorNotes {t_ids[note.target]}\t{escape(note.body)}")
    sidecar: dict[str, Any] = {
        "newsdesk": 1,
        "title": record.title,
        "text_hash": record.text_hash,
        "url": record.url,
        "date": record.date,
        "site": record.site,
        "article_id": record.article_id,
        "tags": list(record.tags),
        "notes": [note.body for note in record.notes if note.target is None],
        "types": {
            **{t: {"layer": "entity", "label": label} for label, t in types.entity.items()},
            **{t: {"layer": "tag", "label": label} for label, t in types.tag.items()},
        },
        "spans": extra,
    }
    return lines, sidecar


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at line breaks, as brat stores spans that cross lines."""
    fragments: list[tuple[int, int]] = []
    at = start
    for piece in text[start:end].split("\n"):
        if piece:
            fragments.append((at, at + len(piece)))
        at += len(piece) + 1
    return fragments


def _annotation_conf(types: _Types) -> str:
    entities = [QUOTE_TYPE, SPEAKER_TYPE, CUE_TYPE, *types.entity.values(), *types.tag.values()]
    return "\n".join(
        [
            "# Written by Newsdesk: the types used in these files.",
            "[entities]",
            *entities,
            "",
            "[relations]",
            f"{SPEAKER_RELATION}\tSpeaker:{SPEAKER_TYPE}, Content:{QUOTE_TYPE}",
            f"{CUE_RELATION}\tCue:{CUE_TYPE}, Content:{QUOTE_TYPE}",
            "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
            "",
            "[events]",
            "",
            "[attributes]",
            f"{KIND_ATTRIBUTE}\tArg:{QUOTE_TYPE}, Value:{'|'.join(KINDS)}",
            "",
        ]
    )


def escape(note: str) -> str:
    """A note on one line: backslashes doubled, line breaks and tabs as ``\\n`` and ``\\t``."""
    return (
        note.replace("\\", "\\\\").replace("\r\n", "\n").replace("\n", "\\n").replace("\t", "\\t")
    )


def unescape(line: str) -> str:
    """The note :func:`escape` wrote."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), line)


def _one_line(value: str) -> str:
    return " ".join(value.split())


# --- reading -------------------------------------------------------------------------------


def read_brat(path: Path) -> tuple[list[DocumentRecord], list[str]]:
    """Records from a ``.ann`` file (or its ``.txt``), or from every ``.ann`` under a folder."""
    if path.is_dir():
        anns = sorted(p for p in path.rglob("*.ann") if p.is_file())
        if not anns:
            raise ExchangeError(f"{path}: no .ann files in this folder")
    else:
        anns = [path.with_suffix(".ann")]
        if not anns[0].is_file():
            raise ExchangeError(f"{path.name}: no {anns[0].name} beside it")
    records: list[DocumentRecord] = []
    problems: list[str] = []
    for ann in anns:
        try:
            records.append(read_ann(ann, problems))
        except ExchangeError as error:
            problems.append(str(error))
    return records, problems


def read_ann(ann: Path, problems: list[str]) -> DocumentRecord:
    """The record of one ``.ann`` file with its ``.txt`` (and ``.json``, when there)."""
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise ExchangeError(f"{ann.name}: its text {txt.name} is missing")
    text = _read_text(txt)
    lines = _read_text(ann).split("\n")
    sidecar = _read_sidecar(ann.with_suffix(".json"), problems)
    type_info = sidecar.get("types") if isinstance(sidecar.get("types"), dict) else {}
    assert isinstance(type_info, dict)
    span_info = sidecar.get("spans") if isinstance(sidecar.get("spans"), dict) else {}
    assert isinstance(span_info, dict)

    spans: dict[str, SpanRecord] = {}
    relations: list[RelationRecord] = []
    notes: list[NoteRecord] = []
    equivs: list[list[str]] = []
    where = ann.name
    numbered = [(n, line.rstrip("\r")) for n, line in enumerate(lines, start=1) if line.strip()]
    # Spans first: other lines refer to them, and brat does not promise to list them first.
    numbered.sort(key=lambda item: not item[1].startswith("T"))
    for number, line in numbered:
        fields = line.split("\t", 2)
        ident = fields[0]
        try:
            if ident.startswith("T"):
                span = _text_bound(
                    ident,
                    fields=fields,
                    text=text,
                    type_info=type_info,
                    span_info=span_info,
                    where=where,
                    problems=problems,
                )
                if span is not None:
                    spans[ident] = span
            elif ident.startswith("R"):
                rel_type, *args = fields[1].split()
                ids = [arg.split(":", 1)[1] for arg in args]
                relation = (
                    quote_relation({k: s.role for k, s in spans.items()}, ids[0], ids[1])
                    if len(ids) == 2
                    else None
                )
                if relation is None:
                    problems.append(
                        f"{where} line {number}: relation {rel_type} is not between "
                        "a quote and its speaker or cue; left out"
                    )
                else:
                    relations.append(relation)
            elif ident.startswith(("A", "M")):
                parts = fields[1].split()
                target = spans.get(parts[1])
                if (
                    parts[0] == KIND_ATTRIBUTE
                    and target is not None
                    and target.role == "quote"
                    and len(parts) > 2
                    and parts[2] in KINDS
                ):
                    spans[parts[1]] = replace(target, kind=parts[2])
            elif ident.startswith("N"):
                parts = fields[1].split()
                target = spans.get(parts[1])
                name = fields[2].strip() if len(fields) > 2 else ""
                if target is not None and name and target.role in {"entity", "speaker"}:
                    spans[parts[1]] = replace(target, entity_name=name)
            elif ident.startswith("#"):
                parts = fields[1].split()
                if len(parts) >= 2 and parts[1] in spans and len(fields) > 2:
                    notes.append(NoteRecord(body=unescape(fields[2]), target=parts[1]))
            elif ident == "*":
                parts = fields[1].split()
                if parts and parts[0] == "Equiv":
                    equivs.append(parts[1:])
            elif ident.startswith("E"):
                problems.append(f"{where} line {number}: events are not imported")
            else:
                problems.append(f"{where} line {number}: not a brat annotation line")
        except (IndexError, ValueError):
            problems.append(f"{where} line {number}: malformed, left out")
    for members in equivs:
        _name_equivalents(spans, members)
    article_notes = [n for n in _list(sidecar.get("notes")) if isinstance(n, str) and n.strip()]
    tags = tuple(t for t in _list(sidecar.get("tags")) if isinstance(t, str) and t.strip())
    article_id = sidecar.get("article_id")
    return DocumentRecord(
        title=_str(sidecar.get("title")) or ann.stem,
        text=text,
        text_hash=_str(sidecar.get("text_hash")),
        spans=tuple(spans.values()),
        relations=tuple(relations),
        notes=tuple(NoteRecord(body=n) for n in article_notes) + tuple(notes),
        tags=tags,
        url=_str(sidecar.get("url")),
        date=_str(sidecar.get("date")),
        site=_str(sidecar.get("site")),
        article_id=article_id if isinstance(article_id, int) else None,
        origin=where,
    )


def _text_bound(
    ident: str,
    *,
    fields: list[str],
    text: str,
    type_info: dict[str, Any],
    span_info: dict[str, Any],
    where: str,
    problems: list[str],
) -> SpanRecord | None:
    head, _, offsets = fields[1].partition(" ")
    fragments = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
    if any(len(f) != 2 or not 0 <= f[0] < f[1] <= len(text) for f in fragments):
        problems.append(f"{where} {ident}: offsets {offsets} are outside the text")
        return None
    start, end = fragments[0][0], fragments[-1][1]
    for (_, gap_start), (gap_end, _) in pairwise(fragments):
        if gap_end < gap_start or text[gap_start:gap_end].strip():
            problems.append(f"{where} {ident}: a discontinuous span; left out")
            return None
    shown = fields[2] if len(fields) > 2 else None
    exact = text[start:end]
    hint: int | None = start
    if shown is not None and shown.rstrip("\r") != " ".join(text[s:e] for s, e in fragments):
        if len(fragments) > 1:
            problems.append(f"{where} {ident}: its text does not match the .txt; left out")
            return None
        # The .txt changed since annotation: trust the annotated text and re-anchor it.
        exact, hint = shown, start
    info = type_info.get(head) if isinstance(type_info.get(head), dict) else None
    role: Role
    if info is not None and info.get("layer") in {"entity", "tag"}:
        role = info["layer"]
        label = str(info.get("label") or head)
    else:
        role = role_for_label(head)
        label = {"quote": QUOTE_LABEL, "speaker": SPEAKER_LABEL, "cue": CUE_LABEL}.get(role, head)
    extra = span_info.get(ident) if isinstance(span_info.get(ident), dict) else {}
    assert isinstance(extra, dict)
    prefix, suffix = context(text, start, end) if exact == text[start:end] else ("", "")
    confidence = extra.get("confidence")
    return SpanRecord(
        key=ident,
        role=role,
        label=label,
        exact=exact,
        start=hint,
        end=hint + len(exact) if hint is not None else None,
        prefix=prefix,
        suffix=suffix,
        kind=None,
        speaker_name=_str(extra.get("speaker_name")) if role == "quote" else None,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
        source=_str(extra.get("source")),
    )


def _name_equivalents(spans: dict[str, SpanRecord], members: list[str]) -> None:
    """Give every mention of an ``Equiv`` group one entity name: its given or longest name."""
    found = [spans[m] for m in members if m in spans and spans[m].role == "entity"]
    if not found:
        return
    named = [s.entity_name for s in found if s.entity_name]
    name = named[0] if named else max((" ".join(s.exact.split()) for s in found), key=len)
    for member in members:
        if member in spans and spans[member].role == "entity" and not spans[member].entity_name:
            spans[member] = replace(spans[member], entity_name=name)


def _read_text(path: Path) -> str:
    try:
        # newline="" keeps "\r\n" as two characters: brat counts them in its offsets.
        with path.open(encoding="utf-8", newline="") as stream:
            return stream.read()
    except UnicodeDecodeError as error:
        raise ExchangeError(f"{path.name}: not UTF-8 text ({error.reason})") from error


def _read_sidecar(path: Path, problems: list[str]) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(_read_text(path))
    except (json.JSONDecodeError, ExchangeError) as error:
        problems.append(f"{path.name}: unreadable, its article details are left out ({error})")
        return {}
    return data if isinstance(data, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
