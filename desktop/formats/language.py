"""A cheap guess at the language of a text from its most common short words.

Used when a file does not say its language. It knows a handful of European languages; for
anything else, or for too little text, it answers ``None`` rather than guess.
"""

from __future__ import annotations

import re
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in is that for it was on with he as his at by this are be from have "
        "has had not but they which were their been said would will who"
    ),
    "fr": _words(
        "le la les de des du et est un une que qui dans pour pas sur au aux avec ce cette il "
        "elle ont sont mais ou par plus été était leur nous vous"
    ),
    "de": _words(
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an "
        "als wird sie nach bei einer um noch wie wurde aus"
    ),
    "es": _words(
        "el la los las de del y que en un una es por con para no se su al lo como más pero "
        "sus le ha fue este esta"
    ),
    "it": _words(
        "il lo la gli le di del della che e un una per non con sono è da nel nella si anche "
        "come alla dei ha ma più"
    ),
    "pt": _words(
        "o a os as de do da dos das e que em um uma para com não por se na no mais ao foi "
        "como mas seu sua ele ela"
    ),
    "nl": _words(
        "de het een en van in is dat op te zijn niet met voor die er aan ook als bij door "
        "maar om werd naar dan heeft"
    ),
}
_SAMPLE_CHARS = 2_000
_MIN_HITS = 5


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is most likely in, or ``None``.

    Args:
        text: any text; only its first 2,000 characters are looked at.

    Returns:
        A code such as ``"en"`` when one language's common words clearly dominate.
    """
    # Splitting on white space misses "the," now and then; the counts stay representative
    # and it costs a tenth of a word regex.
    words = Counter(text[:_SAMPLE_CHARS].lower().split())
    if not words:
        return None
    scores = sorted(
        ((sum(words[w] for w in words.keys() & stop), code) for code, stop in _STOPWORDS.items()),
        reverse=True,
    )
    (best, code), (second, _) = scores[0], scores[1]
    # Shared words ("de", "la", "a") make near ties between Romance languages meaningless.
    if best < _MIN_HITS or best < second * 1.3:
        return None
    return code


def normalize_language(value: str | None) -> str | None:
    """An ISO 639-1 code from a declared language tag: ``"en-US"`` -> ``"en"``, else ``None``."""
    if not value:
        return None
    head = re.split(r"[-_\s,;]", value.strip(), maxsplit=1)[0].lower()
    if re.fullmatch(r"[a-z]{2}", head):
        return head
    return None
