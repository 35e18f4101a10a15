"""Turning the bytes of a text file into ``str``: BOM, then UTF-8, then detection.

charset-normalizer proposes the candidates. On short single-byte texts it often ranks a wrong
code page first (a Latin-1 French sentence comes out as cp1250 or cp1257: "prťsident",
"garēon"), because those code pages differ only in which accented letters the high bytes
mean. So every candidate decoding is scored by how well its accented letters fit the alphabet
of one real language; among the best, cp1252 (the most common legacy encoding of news text)
wins, then the detector's own order.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable

# A library logger with a handler of its own keeps its warnings off stderr when the host
# application has configured no logging; records still propagate to the root logger.
logging.getLogger("charset_normalizer").addHandler(logging.NullHandler())

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Non-ASCII letters of languages written in the 8-bit code pages that get confused.
_ALPHABETS: dict[str, str] = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíóúñü¿¡",
    "pt": "ãõáâàçéêíóôúü",
    "it": "àèéìíîòóùú",
    "ca": "àçèéíïòóúü·",
    "nl": "áéëïóöüèà",
    "nordic": "åäöæøéü",
    "is": "áðéíóúýþæö",
    "fi": "äöåšž",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr": "čćđšž",
    "sl": "čšž",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "et": "äöõüšž",
    "tr": "çğıöşüâîû",
    "sq": "çë",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџѓќѕ",
    "greek": "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ",
}
_ALPHABET_SETS = {name: frozenset(letters) for name, letters in _ALPHABETS.items()}
_SCORED_BLOCK = re.compile(r"[\u0080-\u024f\u0370-\u03ff\u0400-\u04ff]")
# Symbols any language's text may hold; they say nothing about the code page.
# Superscripts, "¿" or "¤" are not here: mojibake of Central European letters produces them.
_NEUTRAL = frozenset("«»“”„‘’‚‹›–—…•·°±×÷§©®™€£¥¢½\u00a0\u00ad†‡‰")
# Common single-byte encodings tried besides what the detector proposes.
_EXTRA_CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "iso8859_15")
_MAX_DETECT_BYTES = 512 * 1024


class DecodeError(ValueError):
    """The bytes hold no text: NUL bytes or no encoding that fits."""


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` declares, or ``None``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` holds NUL bytes that no BOM-less UTF-16/32 text would explain."""
    if b"\x00" not in data:
        return False
    return _utf16_without_bom(data) is None


def decode_text(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode file bytes: BOM, then a declared charset, then UTF-8, then detection.

    A leading BOM is dropped; line ends are left as they are.

    Args:
        data: the file's bytes.
        declared: an encoding the file names for itself (an HTML ``<meta charset>``); used
            when it decodes the bytes without error.

    Returns:
        The text and the name of the encoding used.

    Raises:
        DecodeError: the bytes are binary (NUL bytes) or fit no encoding.
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return _strip_bom(data.decode(encoding)), encoding
        except UnicodeDecodeError as error:
            raise DecodeError(f"not valid {encoding} despite its byte-order mark") from error
    if looks_binary(data):
        raise DecodeError("binary content (NUL bytes)")
    utf16 = _utf16_without_bom(data) if b"\x00" in data else None
    if utf16 is not None:
        return data.decode(utf16), utf16
    if declared:
        declared_codec = _codec_name(declared)
        if declared_codec is not None and declared_codec not in {"utf-16", "utf-32"}:
            try:
                return data.decode(declared_codec), declared_codec
            except UnicodeDecodeError:
                logging.getLogger(__name__).debug("declared %s does not fit", declared)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = detect_encoding(data)
    return data.decode(encoding, errors="replace"), encoding


def detect_encoding(data: bytes) -> str:
    """Choose the legacy encoding of non-UTF-8 bytes (see the module docstring)."""
    from charset_normalizer import from_bytes

    sample = data[:_MAX_DETECT_BYTES]
    proposed = [match.encoding for match in from_bytes(sample)]
    best_name = "cp1252"
    best_score = -1.0
    for rank, name in enumerate(_unique(["cp1252", *proposed, *_EXTRA_CANDIDATES])):
        try:
            text = sample.decode(name)
        except (UnicodeDecodeError, LookupError):
            # A cut multi-byte sequence at the end of the sample is not a misfit.
            try:
                text = sample[:-4].decode(name) if len(sample) == _MAX_DETECT_BYTES else ""
            except (UnicodeDecodeError, LookupError):
                continue
            if not text:
                continue
        score = alphabet_fit(text)
        # Ties keep the earlier candidate: cp1252 first, then the detector's own ranking.
        if score > best_score + 1e-9 or rank == 0:
            best_name, best_score = name, score
    if best_score < 0:
        return "cp1252"
    return best_name


def alphabet_fit(text: str) -> float:
    """How well the accented letters of ``text`` fit one language's alphabet, 0 to 1.

    Mojibake mixes letters of several alphabets ("Pøedseda" for "Předseda") or produces
    control characters; a right decoding keeps to one. Text without accented letters fits.
    """
    counts: dict[str, int] = {}
    total = 0
    for match in _SCORED_BLOCK.finditer(text):
        char = match.group()
        if char in _NEUTRAL:
            continue
        total += 1
        lower = char.lower()
        counts[lower] = counts.get(lower, 0) + 1
    if total == 0:
        return 1.0
    best = max(
        sum(count for char, count in counts.items() if char in letters)
        for letters in _ALPHABET_SETS.values()
    )
    return best / total


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        codec = _codec_name(name)
        if codec is not None:
            seen.setdefault(codec, None)
    return list(seen)


def _codec_name(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read "latin-1" and "ascii" pages as windows-1252; so does every news site.
    if codec in {"iso8859-1", "latin-1", "ascii"}:
        return "cp1252"
    return codec


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL, as in BOM-less UTF-16 text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    for share_nul, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if share_nul > 0.9 and other < 0.1:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None
