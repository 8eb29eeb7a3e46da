"""Line breaking for Chinese text mixed with numbers: lines of at most a given width in terminal
cells, broken at spaces or next to a Chinese character, never inside a number or an English word
(unless that word alone is wider than the line), and never before closing punctuation. In a
table's cell, text with spaces breaks at them when each piece fits (a list of names keeps its
names whole); prose and help pages fill their lines.

Rich wraps only at spaces, so a Chinese line (which has none) would be cut anywhere, numbers
included; the terminal writer and the help pages wrap through here instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# no line starts with these (they stay with what comes before) …
_CLOSING = frozenset("，。、；：！？）》」』】〕”’%％,.;:!?)]}…·")
# … and no line ends with these (they stay with what comes after)
_OPENING = frozenset("（《「『【〔“‘([{")
_UNIT = re.compile(r"\s+|[!-~]+|.", re.S)  # spaces, a run of visible ASCII, or one character


def cells(text: str) -> int:
    """Width of ``text`` in terminal cells: East Asian wide and full-width characters take 2,
    combining marks and controls none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def break_units(line: str) -> list[str]:
    """Pieces that are never broken inside: ASCII runs and single characters, with opening
    punctuation joined to what follows and closing punctuation to what precedes."""
    raw = _UNIT.findall(line)
    units: list[str] = []
    carry = ""
    for piece in raw:
        if piece.isspace():
            if carry:
                units.append(carry)
                carry = ""
            units.append(piece)
        elif piece in _OPENING:
            carry += piece
        elif (piece in _CLOSING or piece[0] in _CLOSING) and units and not units[-1].isspace():
            if carry:
                units.append(carry)
                carry = ""
            units[-1] += piece
        else:
            units.append(carry + piece)
            carry = ""
    if carry:
        units.append(carry)
    return units


def _split(unit: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """A unit wider than the line, cut into pieces that fit (a long path or word)."""
    pieces, piece = [], ""
    for ch in unit:
        if piece and measure(piece + ch) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return [*pieces, piece] if piece else pieces


def _words(paragraph: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """The units of a paragraph with spaces in it: each run between spaces kept whole when it
    fits the line (a list, “1.霍山县 2.金寨县”, breaks between its items, not inside a name),
    else cut as any text."""
    units: list[str] = []
    for piece in re.split(r"(\s+)", paragraph):
        if not piece:
            continue
        if piece.isspace() or measure(piece) > width:
            units.extend(break_units(piece))
        else:
            units.append(piece)
    return units


def wrap(
    text: str, width: int, measure: Callable[[str], int] = cells, *, words: bool = False
) -> list[str]:
    """``text`` as lines of at most ``width`` cells (its own line breaks kept); with
    ``words``, text with spaces (a table cell's list) breaks at them when each piece fits."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used, space = "", 0, ""
        spaced = words and " " in paragraph.strip()
        for unit in _words(paragraph, width, measure) if spaced else break_units(paragraph):
            if unit.isspace():
                space = unit if line else ""
                continue
            size = measure(unit)
            if line and used + measure(space) + size <= width:
                line, used = line + space + unit, used + measure(space) + size
            elif not line and size <= width:
                line, used = unit, size
            else:
                if line:
                    lines.append(line)
                line, used = "", 0
                for piece in _split(unit, width, measure) if size > width else [unit]:
                    if line:
                        lines.append(line)
                    line, used = piece, measure(piece)
            space = ""
        lines.append(line)
    return lines
