"""Output that never fails on a console or file whose encoding cannot show a character.

Bars, sparklines and rules are drawn with block and box characters. A legacy console (GBK on
Chinese Windows, or a redirect made with its encoding) either cannot encode some of them (░, •)
or shows them two cells wide, which breaks the columns; so on any encoding that is not UTF, they
are drawn in ASCII (``#``, ``-``, ``|``, ``+``, a ``_.:-=+*#`` ramp for sparklines). Anything else
an encoding cannot hold is replaced by an ASCII look-alike or ``?`` rather than stopping the run
(:func:`protect`).
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache
from typing import Any

HANDLER = "chuangye-glyphs"
SPARK_RAMP = dict(zip("▁▂▃▄▅▆▇█", "_.:-=+*#", strict=True))
_OTHERS = {
    "░": "-",
    "▒": ":",
    "▓": "%",
    "▏": "|",
    "•": "*",
    "·": ".",
    "…": ".",
    "—": "-",
    "–": "-",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "×": "x",
    "÷": "/",
    "≥": ">",
    "≤": "<",
    "→": ">",
    "↑": "^",
    "↓": "v",
    "※": "*",
    "\u3000": "  ",
    "\u00a0": " ",
}
DRAWING = range(0x2500, 0x25A0)  # box drawing and block elements


def _box(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if not name.startswith("BOX DRAWINGS"):
        return SPARK_RAMP.get(ch) or _OTHERS.get(ch, "#")
    horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
    corner = any(w in name for w in (" DOWN", " UP", " LEFT", " RIGHT", " AND "))
    if corner or (horizontal and vertical):
        return "+"
    if horizontal:
        return "=" if "DOUBLE" in name else "-"
    return "|" if vertical else "+"


@cache
def _table() -> dict[int, str]:
    table = {code: _box(chr(code)) for code in DRAWING}
    table.update({ord(k): v for k, v in SPARK_RAMP.items()})
    return table


def ascii_drawing(text: str) -> str:
    """``text`` with its box and block characters (rules, bars, sparklines) in ASCII."""
    return text.translate(_table())


def is_unicode(encoding: str | None) -> bool:
    """Whether an encoding holds every character (UTF-8, UTF-16, UTF-32, GB18030)."""
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"


def for_encoding(text: str, encoding: str | None, *, aligned: bool = False) -> str:
    """``text`` as it should be written in ``encoding``: drawing in ASCII unless it is UTF.
    (GB18030 holds every character, but consoles using it show drawing two cells wide.)
    ``aligned``: text laid out in columns (a table, a help page); in a double-byte encoding
    (GBK, Big5, Shift-JIS …) a console shows every character it holds in two bytes two cells
    wide, so those measured as one (“ ” — … · ↑ ×) are written as ASCII look-alikes too, and
    the columns stay straight."""
    if encoding and codecs.lookup(encoding).name.startswith("utf"):
        return text
    text = ascii_drawing(text)
    if aligned and encoding:
        text = text.translate(_narrowed(codecs.lookup(encoding).name, text))
    return text


def _narrowed(encoding: str, text: str) -> dict[int, str]:
    """The characters of ``text`` measured one cell wide that ``encoding`` writes in two
    bytes, each to an ASCII look-alike where there is one."""
    return {
        ord(ch): to
        for ch in set(text)
        if not ch.isascii() and (to := _narrow(ch, encoding)) is not None
    }


@cache
def _narrow(ch: str, encoding: str) -> str | None:
    from chuangye_cli.wrapping import cells

    if cells(ch) != 1:
        return None
    try:
        if len(ch.encode(encoding)) < 2:
            return None
    except UnicodeEncodeError:
        return None  # (not written as it is: the error handler's look-alike)
    for candidate in (_OTHERS.get(ch), unicodedata.normalize("NFKC", ch)):
        if candidate and candidate.isascii() and len(candidate) == 1:
            return candidate
    return None  # (± ° ※ Ⅱ: kept, a cell out rather than a character lost)


def _fallback(ch: str, encoding: str) -> str:
    for candidate in (_OTHERS.get(ch), _table().get(ord(ch)), unicodedata.normalize("NFKC", ch)):
        if candidate:
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            return candidate
    return "?"


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start : exc.end]
    return "".join(_fallback(ch, exc.encoding) for ch in text), exc.end


def protect(*streams: Any) -> None:
    """Let ``streams`` (standard output and error) write what their encoding cannot hold as
    look-alikes instead of failing."""
    try:
        codecs.lookup_error(HANDLER)
    except LookupError:
        codecs.register_error(HANDLER, _handler)
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = getattr(stream, "encoding", None)
        if reconfigure is None or is_unicode(encoding):
            continue
        try:
            reconfigure(errors=HANDLER)
        except (ValueError, OSError, TypeError):  # a stream that cannot change: leave it
            continue
