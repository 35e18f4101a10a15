"""Entity mentions: clean spans, titles split off, partial names joined to the full name.

Works on plain ``RawMention`` tuples so that it can be tested without a pipeline and run
once over a whole article that was parsed in several chunks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from desktop.nlp.cues import words
from desktop.types import EntityMention

# Words that name a role rather than a person: "U.S. Secretary of State John Kerry" is Kerry.
TITLE_WORDS = words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady rev rev. reverend
    sen sen. senator rep rep. representative gov gov. governor president vice secretary minister
    prime foreign state general gen gen. attorney chairman chairwoman chair spokesman
    spokeswoman spokesperson director chief executive leader candidate nominee former mayor
    judge justice speaker king queen prince princess pope ambassador commissioner chancellor
    premier sheikh ayatollah col col. lt lt. capt capt. sgt sgt. adm adm. officer deputy
    assistant of the u.s. us u.k. uk federal national house senate defense defence
    interior home finance treasury health labor labour energy commerce economy trade
    democratic republican democrat gop first lady st st. saint ceo cfo founder
    coach manager captain superintendent inspector detective agent pastor bishop cardinal
    """
)

# Titles only a person carries: "Mayor Helena Brandt" is a person even when a small pipeline
# tags the name as an organisation.
PERSON_TITLES = words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame rev rev. reverend sen sen.
    senator rep. representative gov. governor president minister chairman chairwoman
    spokesman spokeswoman spokesperson mayor judge ambassador commissioner chancellor premier
    sheikh ayatollah col. lt. capt. sgt. adm. pastor bishop cardinal coach detective inspector
    """
)
_PERSON_TITLE_BEFORE = re.compile(r"(\S+)\s+$")

# Labels a lone word may wrongly carry when it is a person's surname ("Brandt told
# reporters" tagged WORK_OF_ART): such a word joins the article's full name.
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT")

_POSSESSIVE = ("'s", "’s", "'", "’")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")

# Standard names for the places most often written in several ways.
PLACE_NAMES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s.a.": "United States",
    "usa": "United States",
    "america": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "eu": "European Union",
    "e.u.": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
}


@dataclass(frozen=True, slots=True)
class RawMention:
    """An entity span as the pipeline gave it, in article offsets."""

    start: int
    end: int
    label: str


def clean_span(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim possessives, a leading article, and (for people) leading titles.

    Returns:
        The cleaned ``(start, end)``, or ``None`` when nothing of a name is left.
    """
    span = text[start:end]
    # possessive at the end: "Kerry's", "the Smiths’"
    for suffix in _POSSESSIVE[:2]:
        if span.endswith(suffix) and len(span) > len(suffix):
            end -= len(suffix)
            span = text[start:end]
            break
    else:
        if span.endswith(_POSSESSIVE[2:]) and span[-2:-1] in ("s", "S"):
            end -= 1
            span = text[start:end]
    m = _LEADING_ARTICLE.match(span)
    if m and len(span) > m.end():
        start += m.end()
        span = text[start:end]
    if label == "PERSON":
        start, end = _strip_titles(text, start, end)
    while end > start and text[end - 1] in " \t\n,.;:-–—\"“”‘’'()[]":
        if text[end - 1] == "." and _ends_with_initial(text[start:end]):
            break
        end -= 1
    while start < end and text[start] in " \t\n,.;:-–—\"“”‘’'()[]":
        start += 1
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


_TITLE_OF = re.compile(r"\b(?:[Ss]ecretary|[Mm]inister|[Mm]inistry|[Dd]epartment) of\s+$")
_DATE_CONTEXT = re.compile(
    r"\b(?:in|on|of|since|until|by|from|to|last|next|early|late|mid)\s+$", re.I
)


def _part_of_title(text: str, start: int, end: int) -> bool:
    """ "State" in "Secretary of State", which small pipelines tag as an organisation."""
    return " " not in text[start:end] and bool(_TITLE_OF.search(text, max(0, start - 20), start))


def _reads_as_name(text: str, start: int, end: int) -> bool:
    """A month name used as a surname: "May said", not "in May" or "May 3"."""
    after = text[end : end + 3].lstrip()
    return not _DATE_CONTEXT.search(text, max(0, start - 8), start) and not after[:1].isdigit()


def _ends_with_initial(span: str) -> bool:
    """Whether a final full stop belongs to an abbreviation: "Jr.", "U.S.", "J.", "Inc."."""
    last = span.rsplit(maxsplit=1)[-1]
    return last[:1].isupper() and (len(last) <= 4 or "." in last[:-1])


def _strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading role words and lower-case words: "Secretary of State John Kerry"."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    k = 0
    while k < len(words) - 1:
        word = text[words[k][0] : words[k][1]]
        if word.lower() in TITLE_WORDS or word[:1].islower():
            k += 1
            continue
        break
    return words[k][0], end


def _name_key(name: str) -> str:
    return " ".join(name.split()).lower()


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s]+", name) if t]


def canonical_names(text: str, mentions: list[RawMention]) -> list[EntityMention]:
    """Clean every mention and give each its article-level canonical name.

    A one-word (or partial) person name takes the full name it is part of: the nearest
    preceding full name sharing that surname or given name, else the first following one.
    A lone word another mention names as a person's surname becomes a person too, since
    small pipelines often tag a bare surname as a place or organisation.

    Args:
        text: The article text the offsets index.
        mentions: Raw spans in text order.

    Returns:
        Clean mentions in text order.
    """
    cleaned: list[tuple[int, int, str]] = []
    for m in mentions:
        label = "PERSON" if _titled_person(text, m) else m.label
        span = clean_span(text, m.start, m.end, label)
        if span is not None and not _part_of_title(text, *span):
            cleaned.append((span[0], span[1], label))
    # full person names (two or more words), with their positions
    full: list[tuple[int, str]] = []
    for start, end, label in cleaned:
        name = " ".join(text[start:end].split())
        if label == "PERSON" and len(_tokens(name)) >= 2:
            full.append((start, name))
    by_part: dict[str, list[tuple[int, str]]] = {}
    for pos, name in full:
        parts = _tokens(name)
        for part in {parts[-1], parts[0]} | set(parts[1:-1]):
            if len(part) > 1 and part.lower() not in TITLE_WORDS:
                by_part.setdefault(part.lower(), []).append((pos, name))
    full_keys = {_name_key(name) for _, name in full}
    result: list[EntityMention] = []
    for start, end, label in cleaned:
        surface = text[start:end]
        name = " ".join(surface.split())
        canonical = name
        kind = label
        parts = _tokens(name)
        partial = len(parts) == 1 and (
            label in _NAME_LABELS or (label == "DATE" and _reads_as_name(text, start, end))
        )
        if partial or (label == "PERSON" and _name_key(name) not in full_keys):
            found = _find_full(by_part, parts, start)
            if found is not None and (label == "PERSON" or len(parts) == 1):
                canonical, kind = found, "PERSON"
        if kind in ("GPE", "LOC", "ORG", "NORP") and canonical == name:
            canonical = PLACE_NAMES.get(_name_key(name), name)
        result.append(EntityMention(start, end, surface, kind, canonical))
    return result


def _titled_person(text: str, mention: RawMention) -> bool:
    """A two- or three-word capitalised name after (or starting with) a person's title."""
    if mention.label not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return False
    parts = text[mention.start : mention.end].split()
    if parts and parts[0].lower() in PERSON_TITLES:
        parts = parts[1:]
    else:
        before = _PERSON_TITLE_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        if before is None or before.group(1).lower() not in PERSON_TITLES:
            return False
    return 2 <= len(parts) <= 3 and all(p[:1].isupper() and p.isalpha() for p in parts)


def _find_full(by_part: dict[str, list[tuple[int, str]]], parts: list[str], at: int) -> str | None:
    """The nearest full name before ``at`` holding all of ``parts``, else the first after."""
    if not parts:
        return None
    last = parts[-1]
    if last.endswith(_POSSESSIVE[:2]):
        last = last[:-2]
    candidates = by_part.get(last.lower())
    if not candidates:
        return None
    if len(parts) == 1:
        j = bisect.bisect_right(candidates, (at, "\uffff"))
        return candidates[j - 1][1] if j > 0 else candidates[0][1]
    wanted = {p.lower() for p in parts}
    fitting = [c for c in candidates if wanted <= {t.lower() for t in _tokens(c[1])}]
    if not fitting:
        return None
    before = [c for c in fitting if c[0] <= at]
    return before[-1][1] if before else fitting[0][1]
