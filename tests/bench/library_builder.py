"""Build big benchmark libraries from the BBC articles, fast, and cache them under /tmp.

Article ``i`` is BBC article ``i % 2225``; copies after the first have their sentences
shuffled within each paragraph and a numbered line appended, so every text (and hash) differs
while words and phrases stay real. Dates spread over 2004-2005. Entities and quotes come from
two simple patterns (capitalised name pairs; ``"...," said Name``), enough for the entity
filter and the quote book to do real work.

The schema comes from ``Library.open``; the rows go in through plain ``sqlite3`` in a few large
transactions (the FTS triggers still index every article). This is a bulk path for building
test data, not how the app imports.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core import Library, text_hash  # noqa: E402

BUILD_VERSION = 6  # bump when the generated content changes
CACHE = Path(os.environ.get("NEWSDESK_BENCH_CACHE", "/tmp/newsdesk-bench"))
SHARED_DATA = Path(os.environ.get("NEWSDESK_SHARED_DATA", REPO.parent / "shared" / "data"))

_NAME = re.compile(r"\b(?:Mr |Ms |Mrs |Dr )?([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b")
_QUOTE = re.compile(
    r'"([^"\n]{10,400}?)," said ((?:Mr |Ms |Mrs |Dr )?[A-Z][a-zA-Z\'-]+(?: [A-Z][a-zA-Z\'-]+)?)'
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
_STOP_START = {
    "The",
    "A",
    "An",
    "But",
    "In",
    "It",
    "He",
    "She",
    "They",
    "We",
    "This",
    "On",
    "At",
    "And",
    "For",
    "If",
    "As",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Its",
    "There",
    "When",
}


@dataclass(frozen=True)
class Source:
    """One BBC article: title and body."""

    title: str
    body: str


def bbc_articles(folder: Path | None = None) -> list[Source]:
    """The BBC articles (title on line 1, blank line, body), sorted by file name."""
    folder = folder or SHARED_DATA / "news"
    if not folder.is_dir():
        raise SystemExit(f"BBC articles not found in {folder} (set NEWSDESK_SHARED_DATA)")
    found = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        title, _, body = text.replace("\r\n", "\n").partition("\n")
        found.append(Source(title.strip(), body.strip()))
    return found


def variant(source: Source, copy: int, rng: random.Random) -> tuple[str, str]:
    """Title and text of copy ``copy`` of an article (copy 0 is the original)."""
    if copy == 0:
        return source.title, f"{source.title}\n\n{source.body}\n"
    paragraphs = []
    for paragraph in source.body.split("\n\n"):
        sentences = _SENTENCE.split(paragraph)
        rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))
    title = f"{source.title} ({copy})"
    return title, f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\nArchive copy {copy}.\n"


def mentions(text: str) -> Iterator[tuple[int, int, str]]:
    """Name-like spans: two or three capitalised words (not sentence-start words)."""
    for match in _NAME.finditer(text):
        name = match.group(1)
        if name.split(" ", 1)[0] in _STOP_START:
            continue
        yield match.start(1), match.end(1), name


def quotes(text: str) -> Iterator[tuple[int, int, int, int, str]]:
    """``"...," said Name`` quotes: quote span, speaker span, speaker."""
    for match in _QUOTE.finditer(text):
        yield (
            match.start(),
            match.start(1) + len(match.group(1)) + 2,
            match.start(2),
            match.end(2),
            match.group(2),
        )


def build(path: Path, count: int, *, seed: int = 7) -> dict[str, float]:
    """Build a library of ``count`` articles at ``path``; return timings."""
    sources = bbc_articles()
    if path.exists():
        path.unlink()
    Library.open(path).close()  # the schema, exactly as the app makes it
    started = time.perf_counter()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA cache_size = -200000")
    rng = random.Random(seed)
    first_day = date(2004, 1, 1)
    entities: dict[str, int] = {}
    aliases: set[tuple[int, str]] = set()
    hashes: set[str] = set()
    now = "2024-01-01T00:00:00+00:00"
    batch = 5000
    annotation_id = 0
    for start in range(0, count, batch):
        connection.execute("BEGIN")
        articles = []
        annotations = []
        details = []
        new_entities = []
        for index in range(start, min(count, start + batch)):
            source = sources[index % len(sources)]
            title, text = variant(source, index // len(sources), rng)
            digest = text_hash(text)
            if digest in hashes:  # the BBC set has exact duplicates; keep texts unique
                text += f"\nArchive entry {index}.\n"
                digest = text_hash(text)
            hashes.add(digest)
            day = (first_day + timedelta(days=rng.randrange(730))).isoformat()
            article_id = index + 1
            articles.append((article_id, title, text, digest, "txt", None, day, now))
            seen_spans = set()
            for m_start, m_end, name in mentions(text):
                key = name.casefold()
                if key not in entities:
                    entities[key] = len(entities) + 1
                    new_entities.append(
                        (entities[key], name, "PERSON", key, "PERSON", key.rsplit(" ", 1)[-1])
                    )
                aliases.add((entities[key], name))
                annotation_id += 1
                seen_spans.add((m_start, m_end))
                annotations.append(
                    (
                        annotation_id,
                        article_id,
                        "entity",
                        m_start,
                        m_end,
                        name,
                        text[max(0, m_start - 32) : m_start],
                        text[m_end : m_end + 32],
                        "PERSON",
                        "auto",
                        "active",
                        "bench 1",
                        name,
                        entities[key],
                        now,
                        now,
                    )
                )
            for q_start, q_end, s_start, s_end, speaker in quotes(text):
                plain = re.sub(r"^(Mr|Ms|Mrs|Dr) ", "", speaker)
                key = plain.casefold()
                if key not in entities:
                    entities[key] = len(entities) + 1
                    new_entities.append(
                        (
                            entities[key],
                            plain,
                            "PERSON",
                            key,
                            "PERSON",
                            key.rsplit(" ", 1)[-1] if " " in key else "",
                        )
                    )
                aliases.add((entities[key], speaker))
                annotation_id += 1
                annotations.append(
                    (
                        annotation_id,
                        article_id,
                        "quote",
                        q_start,
                        q_end,
                        text[q_start:q_end],
                        text[max(0, q_start - 32) : q_start],
                        text[q_end : q_end + 32],
                        "QUOTE",
                        "auto",
                        "active",
                        "bench 1",
                        None,
                        None,
                        now,
                        now,
                    )
                )
                details.append(
                    (
                        annotation_id,
                        "direct",
                        speaker,
                        s_start,
                        s_end,
                        plain,
                        entities[key],
                        "said",
                        0.9,
                    )
                )
        connection.executemany(
            "INSERT INTO article (id, title, text, text_hash, format, site, date, imported) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            articles,
        )
        connection.executemany(
            "INSERT INTO entity (id, name, label, folded, family, surname, created) "
            "VALUES (?, ?, ?, ?, ?, ?, '2024-01-01')",
            new_entities,
        )
        connection.executemany(
            'INSERT INTO annotation (id, article_id, layer, start, "end", exact, prefix, '
            "suffix, label, source, status, model, canonical, entity_id, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            annotations,
        )
        connection.executemany(
            "INSERT INTO quote_detail (annotation_id, kind, speaker, speaker_start, speaker_end, "
            "speaker_resolved, speaker_entity_id, cue, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            details,
        )
        connection.execute("COMMIT")
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT OR IGNORE INTO entity_alias (entity_id, alias, folded) VALUES (?, ?, lower(?))",
        [(e, a, a) for e, a in aliases],
    )
    connection.execute(
        "INSERT OR IGNORE INTO entity_link (folded, family, entity_id) "
        "SELECT folded, family, id FROM entity"
    )
    connection.execute(
        "UPDATE article SET analysed = imported, model = 'bench 1', "
        "entity_count = (SELECT count(DISTINCT entity_id) FROM annotation "
        "WHERE article_id = article.id AND layer = 'entity'), "
        "quote_count = (SELECT count(*) FROM annotation "
        "WHERE article_id = article.id AND layer = 'quote')"
    )
    connection.execute("COMMIT")
    connection.execute("PRAGMA optimize")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return {"seconds": time.perf_counter() - started, "annotations": float(annotation_id)}


def cached_library(count: int) -> Path:
    """A library of ``count`` articles, built once and kept in :data:`CACHE`."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"library-{count}-v{BUILD_VERSION}.sqlite3"
    done = path.with_suffix(".done")
    if path.exists() and done.exists():
        return path
    done.unlink(missing_ok=True)
    print(f"building a library of {count:,} articles at {path} ...", flush=True)
    timings = build(path, count)
    print(
        f"  built in {timings['seconds']:.1f} s ({int(timings['annotations']):,} annotations, "
        f"{path.stat().st_size / 1e6:.0f} MB)",
        flush=True,
    )
    done.write_text("ok\n")
    return path


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [10_000]:
        print(cached_library(size))
