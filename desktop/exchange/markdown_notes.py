"""Markdown for note-taking apps (Obsidian, Logseq, Joplin): one file per article.

Each file has YAML front matter (title, date, url, site, tags, text hash), then the article's
note, its quotes as block quotes with speaker, cue and kind and the note on each, the tagged
passages, and the people, organisations and places it names. Export only: Markdown has no
offsets to read back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from desktop.exchange.records import SPEAKER_LABEL, DocumentRecord, SpanRecord
from desktop.exchange.writing import atomic_text, file_stem, output_folder


def write_markdown(records: Iterable[DocumentRecord], out: Path) -> tuple[list[Path], int]:
    """Write one ``.md`` file per record into folder ``out``; the files and spans written."""
    folder = output_folder(out)
    taken: set[str] = set()
    files: list[Path] = []
    count = 0
    for record in records:
        path = folder / f"{file_stem(record.article_id, record.title, taken=taken)}.md"
        with atomic_text(path) as stream:
            stream.write(article_markdown(record))
        files.append(path)
        count += len(record.spans)
    return files, count


def article_markdown(record: DocumentRecord) -> str:
    """The Markdown page of one article."""
    lines = ["---"]
    front = {
        "title": record.title,
        "date": record.date,
        "url": record.url,
        "site": record.site,
        "newsdesk_text_hash": record.text_hash,
    }
    for key, value in front.items():
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    if record.tags:
        lines.append(f"tags: {json.dumps(list(record.tags), ensure_ascii=False)}")
    lines += ["---", "", f"# {_one_line(record.title)}", ""]
    if record.url:
        lines += [f"<{record.url}>", ""]
    article_notes = [n.body.strip() for n in record.notes if n.target is None and n.body.strip()]
    if article_notes:
        lines += ["## Notes", "", *_paragraphs(article_notes), ""]
    notes = {n.target: n.body.strip() for n in record.notes if n.target and n.body.strip()}
    by_key = {s.key: s for s in record.spans}
    parts: dict[str, dict[str, SpanRecord]] = {}
    for relation in record.relations:
        if relation.head in by_key:
            role = "speaker" if relation.label == SPEAKER_LABEL else "cue"
            parts.setdefault(relation.child, {})[role] = by_key[relation.head]
    quotes = [s for s in record.spans if s.role == "quote"]
    if quotes:
        lines += ["## Quotes", ""]
        for quote in quotes:
            lines += [_blockquote(quote.exact), ">"]
            lines.append(f"> — {_attribution(quote, parts.get(quote.key, {}))}")
            lines.append("")
            if quote.key in notes:
                lines += [notes[quote.key], ""]
    tagged = [s for s in record.spans if s.role == "tag"]
    if tagged:
        lines += ["## Tagged passages", ""]
        for span in tagged:
            lines.append(f"- **{_one_line(span.label)}**: “{_one_line(span.exact)}”")
            if span.key in notes:
                lines += [f"  {line}" if line else "" for line in notes[span.key].splitlines()]
        lines.append("")
    entities = [s for s in record.spans if s.role == "entity"]
    if entities:
        lines += ["## Named", ""]
        counts = Counter((s.entity_name or _one_line(s.exact), s.label) for s in entities)
        for (name, label), n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"- {name} ({label})" + (f" ×{n}" if n > 1 else ""))
        lines.append("")
        for span in entities:
            if span.key in notes:
                lines += [f"**{_one_line(span.exact)}**: {notes[span.key]}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _attribution(quote: SpanRecord, parts: dict[str, SpanRecord]) -> str:
    speaker = parts.get("speaker")
    written = _one_line(speaker.exact) if speaker else None
    resolved = quote.speaker_name
    if written and resolved and written != resolved:
        who = f"**{resolved}** ({written})"
    elif written or resolved:
        who = f"**{resolved or written}**"
    else:
        who = "*speaker unknown*"
    cue = parts.get("cue")
    details = [f"*{_one_line(cue.exact)}*"] if cue else []
    if quote.kind:
        details.append(quote.kind)
    return who + (", " + ", ".join(details) if details else "")


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _paragraphs(notes: list[str]) -> list[str]:
    return "\n\n".join(notes).splitlines()


def _one_line(value: str) -> str:
    return " ".join(value.split())
