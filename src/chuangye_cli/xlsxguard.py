"""Limits on what an .xlsx workbook may expand to, checked before python-calamine reads it.

An .xlsx file is a zip of XML parts and calamine trusts it: it inflates every part it reads,
holds every shared string, copies a shared string into each cell that shows it, and lays out
each worksheet as a dense grid from its first to its last cell — all sheets at once, since
:func:`chuangye_cli.reading.sources.workbook_sheets` loads them all. A hostile or careless
file could cost minutes and gigabytes, or abort the process. :func:`check_workbook` refuses
such a file first, with a located :class:`WorkbookProblem`:

* the zip directory and the first bytes of some parts: file size, number of parts, declared
  inflated sizes and ratios, encryption, duplicate names, a DTD, each sheet's declared range;
* the structural parts calamine parses (workbook, its relationships, styles), with expat;
* the shared strings and every worksheet, streamed once through a byte-level scanner that
  finds each cell as calamine places it (its reference, or counted along its row) and
  refuses a row bigger than ``max_row_bytes``, a cell beyond ``max_rows`` or
  ``max_columns``, a text longer than ``max_text_chars`` (inline or shared), a grid of
  more than ``max_cells`` cells, more than ``max_string_bytes`` of shared strings copied into
  cells, markup the scanner cannot follow, and a damaged stream (CRC).

Declared sizes bound inflation: :mod:`zipfile` stops reading a part at the size its central
directory entry declares (anything longer is cut off and fails the CRC check).

Memory, measured with python-calamine 0.9.1 on Python 3.11 / Linux (peak RSS of a fresh
process reading ``workbook_sheets(p)`` and every row of ``rows()``, 36 MiB before reading;
``python scripts/hostile_files.py limits``): a 48 MiB sheet of 2,000,000 small numeric cells
peaks at 179 MiB, about 70 bytes a cell (4,000,000 cells in 117 MiB: 317 MiB); a grid of
2,000,000 cells holding two values at 99 MiB, about 33 bytes a cell; 62 MiB of inline text at
99 MiB, about a byte a byte; a 30,000-character shared string copied into 1,100 cells
(31.5 MiB) at 69 MiB; all of these nearly at their limits in one workbook at 160 MiB. Hence
the defaults — 64 MiB inflated in all, 2,000,000 grid cells, 32 MiB of copied shared strings
— keep an accepted workbook under about 200 MiB, and the hostile files of the tests are
refused within 0.2 s and 45 MiB.

Speed: cells written as Excel, WPS, LibreOffice and openpyxl write them (``<c r="B7"``) are
checked in bulk, a few passes of :mod:`re` and ``bytes`` methods per MiB: about 1 µs of CPU
a cell (0.8 s for 100,000 rows × 8 columns). Anything else (cells without references,
prefixed names, rows over 32 KiB) is followed tag by tag, about 2 µs a tag, and at most
``max_slow_elements`` tags a workbook (a few seconds).
"""

from __future__ import annotations

import itertools
import posixpath
import re
import struct
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, TypeVar
from xml.parsers import expat

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB
_T = TypeVar("_T")


@dataclass(frozen=True)
class Limits:
    """What a workbook may expand to. Sizes are inflated (uncompressed) bytes."""

    max_file_bytes: int = 256 * MiB  # the .xlsx file itself
    max_parts: int = 10_000  # zip entries (each costs memory as soon as the zip is opened)
    max_total_bytes: int = 64 * MiB  # all parts together (calamine: a byte per byte of text)
    max_ratio: int = 100  # inflated ÷ compressed; sheets compress 5-20×, deflate bombs ~1000×
    ratio_from_bytes: int = 1 * MiB  # ... checked for parts at least this big
    # A structural part (workbook, relationships, styles), and what a sheet holds outside
    # its rows (merged cells, conditional formats...):
    max_part_bytes: int = 16 * MiB
    max_xml_elements: int = 200_000  # in the structural parts together; outside one sheet's rows
    max_shared_strings_bytes: int = 32 * MiB  # calamine holds every shared string
    max_shared_strings: int = 500_000
    max_string_bytes: int = 32 * MiB  # shared strings copied into the cells that show them
    max_cells: int = 2_000_000  # the grids of all worksheets (calamine: ~70 bytes a cell)
    max_row_bytes: int = 1 * MiB  # XML of one row or one shared string
    # XML elements checked one at a time (about 1 µs each) where the bulk checks cannot
    # vouch for a sheet: cells without references, prefixed names, long rows:
    max_slow_elements: int = 2_000_000
    max_rows: int = 1_048_576  # Excel's own limit
    max_columns: int = 1_000  # actual figures never need more
    max_text_chars: int = 32_767  # Excel's own limit for one cell
    probe_bytes: int = 64 * KiB  # how far into a part its root element must start


DEFAULT_LIMITS = Limits()


class WorkbookProblem(Exception):
    """A workbook refused: a stable ``code``, a message for people (中文 / English) and where.

    A plain exception rather than a frozen dataclass: Python assigns ``__traceback__`` to
    exceptions (leaving a ``contextmanager``, for one), which a frozen dataclass refuses.
    """

    def __init__(
        self,
        code: str,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"WorkbookProblem({self.code!r}, sheet={self.sheet!r}, row={self.row}, "
            f"column={self.column})"
        )


def check_workbook(path: Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookProblem | None:
    """The first reason to refuse the workbook at ``path``, or None when calamine may read
    it. Reads the zip directory, the structural parts, the shared strings and every
    worksheet once (about 0.25 s of CPU per 10 MB as Excel writes it), holding a few MiB."""
    try:
        with path.open("rb") as fh:
            pkg = _inspect(fh, limits)
            try:
                _deep_check(pkg, limits)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
                raise _damaged(str(exc)) from exc
            finally:
                pkg.zf.close()
    except WorkbookProblem as problem:
        return problem
    except OSError as exc:
        return _unreadable(exc)
    return None


# ---------------------------------------------------------------------------------------
# Small helpers


def _size(n: int) -> str:
    for unit, step in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} B"


def column_letters(column: int) -> str:
    """``1`` → ``A``, ``16384`` → ``XFD``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


@cache
def _columns() -> dict[bytes, int]:
    """``b"A"`` → 1 ... ``b"ZZZ"`` → 18,278: every column written in capitals."""
    upper = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    found: dict[bytes, int] = {}
    for width in (1, 2, 3):
        for letters in itertools.product(upper, repeat=width):
            found[bytes(letters)] = len(found) + 1
    return found


def _damaged(detail: str, sheet: str | None = None, row: int | None = None) -> WorkbookProblem:
    return WorkbookProblem(
        "xlsx.damaged",
        f"工作簿已损坏或格式不对，无法读取（{detail}） / cannot read the workbook: {detail}",
        sheet,
        row,
    )


def _unreadable(exc: OSError) -> WorkbookProblem:
    return WorkbookProblem("xlsx.unreadable", f"无法读取文件 / cannot read the file: {exc}")


def _too_big_part(name: str, size: int, limit: int) -> WorkbookProblem:
    return WorkbookProblem(
        "xlsx.part-too-big",
        f"部件 {name} 解压后有 {_size(size)}，超过 {_size(limit)} 的上限 / "
        f"part {name} inflates to {_size(size)}, over the limit of {_size(limit)}",
    )


def _too_many_elements(where: str, limits: Limits) -> WorkbookProblem:
    return WorkbookProblem(
        "xlsx.too-many-elements",
        f"{where} 中的 XML 元素超过 {limits.max_xml_elements:,} 个的上限 / "
        f"{where} holds more than {limits.max_xml_elements:,} XML elements",
    )


def _doctype(name: str) -> WorkbookProblem:
    return WorkbookProblem(
        "xlsx.dtd",
        f"部件 {name} 含有 DTD 声明（Excel 从不写入，可用于实体膨胀攻击）/ "
        f"part {name} holds a DTD (Excel never writes one; it can expand entities)",
    )


# ---------------------------------------------------------------------------------------
# The package: zip directory, and the parts calamine opens by name

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# calamine opens these at fixed names, ignoring case and [Content_Types].xml.
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_STYLES = "xl/styles.xml"
_SHARED_STRINGS = "xl/sharedStrings.xml"
_SHEET_ID = ("r:id", "relationships:id")  # the attribute names calamine accepts


@dataclass
class _Sheet:
    name: str
    part: str


@dataclass
class _Package:
    zf: zipfile.ZipFile
    sheets: list[_Sheet]  # each part once, named after the first sheet that shows it
    shared_strings: str | None
    structural: list[str]  # parsed whole by calamine: workbook, its relationships, styles
    elements: int = 0  # XML elements counted in the structural parts so far


def _directory(fh: IO[bytes], size: int) -> tuple[int, int] | None:
    """(entries, directory bytes) from the end-of-central-directory record, found as zipfile
    finds it; None when there is none (not a zip)."""
    tail_len = min(size, 22 + 0xFFFF)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory = struct.unpack_from("<HI", tail, at + 10)
    locator_at = size - tail_len + at - 20
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and locator_at >= 0:
        fh.seek(locator_at)
        locator = fh.read(20)
        if locator[:4] == b"PK\x06\x07":
            fh.seek(struct.unpack_from("<Q", locator, 8)[0])
            record = fh.read(56)
            if len(record) == 56 and record[:4] == b"PK\x06\x06":
                entries, directory = struct.unpack_from("<QQ", record, 32)
    return int(entries), int(directory)


def _not_xlsx(fh: IO[bytes], size: int, limits: Limits) -> WorkbookProblem | None:
    """Why the open file cannot be an .xlsx package, from its first and last bytes."""
    if size > limits.max_file_bytes:
        return WorkbookProblem(
            "xlsx.file-too-big",
            f"文件有 {_size(size)}，超过 {_size(limits.max_file_bytes)} 的上限 / "
            f"the file is {_size(size)}, over the limit of {_size(limits.max_file_bytes)}",
        )
    if fh.read(8) == _OLE:
        fh.seek(0)
        previous = b""
        while chunk := fh.read(MiB):
            if _ENCRYPTED in previous + chunk:
                return WorkbookProblem(
                    "xlsx.encrypted",
                    "工作簿设置了打开密码（已加密），无法读取：请去掉密码后另存为 .xlsx / "
                    "the workbook is encrypted (it has a password to open): remove the "
                    "password and save it again as .xlsx",
                )
            previous = chunk[-len(_ENCRYPTED) :]
        return WorkbookProblem(
            "xlsx.old-format",
            "这是旧版 .xls（或其他 OLE）格式的文件：请另存为 .xlsx / "
            "an old .xls (or other OLE) file, not .xlsx: save it as .xlsx",
        )
    found = _directory(fh, size)
    if found is None:
        return WorkbookProblem(
            "xlsx.not-zip",
            "不是有效的 .xlsx 文件（不是 zip 压缩包）：请用 Excel 或 WPS 另存为 .xlsx / "
            "not an .xlsx file (not a zip package): save it as .xlsx with Excel or WPS",
        )
    entries, directory = found
    if entries > limits.max_parts or directory > limits.max_parts * KiB:
        return WorkbookProblem(
            "xlsx.too-many-parts",
            f"压缩包中有 {entries:,} 个部件，超过 {limits.max_parts:,} 的上限 / "
            f"the package holds {entries:,} parts, over the limit of {limits.max_parts:,}",
        )
    return None


def _check_entries(zf: zipfile.ZipFile, limits: Limits) -> dict[str, str]:
    """Encryption, compression, total and per-part inflated sizes as the directory declares;
    the part names by their lower-case form (calamine looks parts up ignoring case)."""
    infos = zf.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise WorkbookProblem(
            "xlsx.too-big",
            f"工作簿解压后有 {_size(total)}，超过 {_size(limits.max_total_bytes)} 的上限 / "
            f"the workbook inflates to {_size(total)}, over the limit of "
            f"{_size(limits.max_total_bytes)}",
        )
    names: dict[str, str] = {}
    for info in infos:
        name = info.filename
        if name.lower() in names:
            raise _damaged(f"two parts named {name!r}")
        names[name.lower()] = name
        if info.flag_bits & 0x1:
            raise WorkbookProblem(
                "xlsx.encrypted",
                f"部件 {name} 已加密，无法读取 / part {name} is encrypted",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise WorkbookProblem(
                "xlsx.compression",
                f"部件 {name} 使用了 Excel 不用的压缩方式（{info.compress_type}）/ "
                f"part {name} uses a compression method Excel does not ({info.compress_type})",
            )
        size, packed = info.file_size, max(info.compress_size, 1)
        if size >= limits.ratio_from_bytes and size > limits.max_ratio * packed:
            raise WorkbookProblem(
                "xlsx.ratio",
                f"部件 {name} 从 {_size(packed)} 解压为 {_size(size)}（{size // packed:,} 倍），"
                f"超过 {limits.max_ratio} 倍的上限，疑为压缩炸弹 / part {name} inflates "
                f"{size // packed:,}-fold ({_size(packed)} to {_size(size)}), over the limit "
                f"of {limits.max_ratio}: a zip bomb?",
            )
    return names


def _parse_part(
    pkg: _Package,
    name: str,
    limits: Limits,
    start: Callable[[str, dict[str, str]], None] | None = None,
) -> None:
    """Stream one structural part through expat without namespace processing (attribute
    names as written, as calamine matches them), calling ``start(local name, attributes)``
    per element; no tree is built, a DTD is refused, elements are counted."""
    info = pkg.zf.getinfo(name)
    if info.file_size > limits.max_part_bytes:
        raise _too_big_part(name, info.file_size, limits.max_part_bytes)
    parser = expat.ParserCreate()

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        pkg.elements += 1
        if pkg.elements > limits.max_xml_elements:
            raise _too_many_elements(name, limits)
        if start is not None:
            start(tag.rpartition(":")[2], attrs)

    def on_doctype(*_: object) -> None:
        raise _doctype(name)

    parser.StartElementHandler = on_start
    parser.StartDoctypeDeclHandler = on_doctype
    try:
        with pkg.zf.open(name) as fh:
            while chunk := fh.read(64 * KiB):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _damaged(f"{name}: {exc}") from exc


def _sheet_parts(target: str, names: dict[str, str]) -> list[str]:
    """The parts a relationship target may name: as calamine resolves it (under ``xl/``,
    no normalisation) and as the package format does; those that exist."""
    if target.startswith("/"):
        calamine = opc = target[1:]
    else:
        calamine = target if target.startswith("xl/") else f"xl/{target}"
        opc = posixpath.normpath(posixpath.join("xl", target))
    return sorted({names[p.lower()] for p in (calamine, opc) if p.lower() in names})


def _structure(pkg: _Package, names: dict[str, str], limits: Limits) -> None:
    """Sheets, shared strings and structural parts, found as calamine finds them."""
    workbook = names.get(_WORKBOOK)
    relationships = names.get(_WORKBOOK_RELS)
    if workbook is None or relationships is None:
        raise _damaged(f"no {_WORKBOOK} or {_WORKBOOK_RELS}: not an Excel workbook")
    targets: dict[str, str] = {}

    def on_relationship(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    listed: list[tuple[str, str | None]] = []

    def on_sheet(tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet":
            rid = next((attrs[a] for a in _SHEET_ID if a in attrs), None)
            listed.append((attrs.get("name", ""), rid))

    _parse_part(pkg, relationships, limits, on_relationship)
    _parse_part(pkg, workbook, limits, on_sheet)
    seen: set[str] = set()
    for name, rid in listed:
        parts = _sheet_parts(targets[rid], names) if rid in targets else []
        if not parts:
            raise _damaged(f"sheet {name!r}: its part is missing", name)
        # calamine reads a sheet by its name, and once per name: each must be counted.
        if name in (s.name for s in pkg.sheets) or seen.intersection(parts):
            raise _damaged(f"sheet {name!r}: another sheet has its name or its part", name)
        seen.update(parts)
        pkg.sheets.extend(_Sheet(name, part) for part in parts)
    styles = names.get(_STYLES.lower())
    pkg.structural = [workbook, relationships] + ([styles] if styles else [])
    pkg.shared_strings = names.get(_SHARED_STRINGS.lower())


# ---------------------------------------------------------------------------------------
# Byte-level reading of XML: prolog, root element, dimension

_ATTRS = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*"""
_NAME_PREFIX = rb"(?:[^\s/<>:!?]+:)?"  # calamine matches local names, whatever the prefix
_START_TAG = re.compile(rb"<([^\s/>!?]+)(" + _ATTRS + rb")\s*(/?)>")
_WHITESPACE = b" \t\r\n"


def _attribute(attrs: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"\s" + name + rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", attrs)
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))


def _root(head: bytes, part: str) -> int | None:
    """Where the root start tag of ``head`` ends; None when ``head`` is not XML."""
    if head[:4] in (b"\xff\xfe<\x00", b"\xfe\xff\x00<", b"<\x00?\x00", b"\x00<\x00?"):
        raise _damaged(f"{part}: UTF-16 XML is not supported")
    i = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while i < len(head) and head[i] in _WHITESPACE:
            i += 1
        if head.startswith(b"<?", i) or head.startswith(b"<!--", i):
            close = b"?>" if head[i + 1] == ord("?") else b"-->"
            end = head.find(close, i + 2)
            if end < 0:
                break
            i = end + len(close)
        elif head.startswith(b"<!", i):
            raise _doctype(part)
        elif head.startswith(b"<", i):
            m = _START_TAG.match(head, i)
            if m is None:
                break
            return m.end()
        elif i < len(head) or not head:
            return None
        else:
            break
    raise WorkbookProblem(
        "xlsx.markup",
        f"部件 {part} 开头找不到 XML 根元素 / part {part}: no XML root element near its start",
    )


def _head(zf: zipfile.ZipFile, part: str, limits: Limits) -> bytes:
    with zf.open(part) as fh:
        return fh.read(limits.probe_bytes)


_DIMENSION = re.compile(b"<" + _NAME_PREFIX + b"dimension(" + _ATTRS + rb")\s*/?>")
_SHEET_DATA = re.compile(b"<" + _NAME_PREFIX + b"sheetData(?=[\\s/>])" + _ATTRS + rb"\s*(/?)>")


def _check_dimension(head: bytes, after: int, sheet: str, limits: Limits) -> None:
    """Each ``<dimension ref=.../>`` before the sheet data: the range the sheet declares."""
    data = _SHEET_DATA.search(head, after)
    for m in _DIMENSION.finditer(head, after, data.start() if data else len(head)):
        ref = _attribute(m.group(1), b"ref") or b""
        columns = rows = 0
        for corner in ref.split(b":"):
            c = re.fullmatch(rb"\$?([A-Za-z]*)\$?([0-9]*)", corner.strip())
            if c is not None:
                columns = max(columns, _column_number(c.group(1)))
                rows = max(rows, int(c.group(2) or 0))
        if columns > limits.max_columns or rows > limits.max_rows:
            text = ref.decode("ascii", "replace")
            raise WorkbookProblem(
                "xlsx.dimension",
                f"工作表“{sheet}”声明的范围 {text}（{columns:,} 列 × {rows:,} 行）超过上限 "
                f"{limits.max_columns:,} 列 × {limits.max_rows:,} 行 / sheet {sheet!r} "
                f"declares {text} ({columns:,} columns × {rows:,} rows), over the limit of "
                f"{limits.max_columns:,} × {limits.max_rows:,}",
                sheet,
            )


def _inspect(fh: IO[bytes], limits: Limits) -> _Package:
    """Every check that needs no more than the zip directory, the structural parts and the
    start of the others."""
    try:
        size = fh.seek(0, 2)
        fh.seek(0)
        problem = _not_xlsx(fh, size, limits)
    except OSError as exc:
        raise _unreadable(exc) from exc
    if problem is not None:
        raise problem
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _damaged(f"not a readable zip package: {exc}") from exc
    pkg = _Package(zf, [], None, [])
    try:
        names = _check_entries(zf, limits)
        _structure(pkg, names, limits)
        for part in pkg.structural:
            if (inflated := zf.getinfo(part).file_size) > limits.max_part_bytes:
                raise _too_big_part(part, inflated, limits.max_part_bytes)
            _root(_head(zf, part, limits), part)  # a DTD is refused before parsing
        if pkg.shared_strings is not None:
            inflated = zf.getinfo(pkg.shared_strings).file_size
            if inflated > limits.max_shared_strings_bytes:
                raise _too_big_part(pkg.shared_strings, inflated, limits.max_shared_strings_bytes)
        for sheet in pkg.sheets:  # each part once: see _structure
            head = _streamed(zf, sheet.part, sheet.name, lambda fh: fh.read(limits.probe_bytes))
            after = _root(head, sheet.part)
            if after is None:
                raise _damaged(f"{sheet.part} is not XML", sheet.name)
            _check_dimension(head, after, sheet.name, limits)
    except WorkbookProblem:
        zf.close()
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError) as exc:
        zf.close()
        raise _damaged(str(exc)) from exc
    return pkg


def _deep_check(pkg: _Package, limits: Limits) -> None:
    """Stream every part calamine will parse or hold, before it does."""
    for part in pkg.structural[2:]:  # the workbook and its relationships are parsed already
        _parse_part(pkg, part, limits)
    zf = pkg.zf
    tally = _Tally()
    strings = _Strings()
    if pkg.shared_strings is not None:
        part = pkg.shared_strings
        strings = _streamed(zf, part, None, lambda fh: _StringsScan(fh, part, tally, limits).run())
    sheet_bytes = sum(zf.getinfo(s.part).file_size for s in pkg.sheets)
    # A cell showing a shared string takes at least 20 bytes of XML: if each showed the
    # longest one, would the copies stay within the limit? If not, count them.
    strings.exact = bool(strings.long) or (
        (sheet_bytes // 20) * strings.longest > limits.max_string_bytes
    )
    for sheet in pkg.sheets:

        def scan(fh: IO[bytes], sheet: _Sheet = sheet) -> None:
            _SheetScan(fh, sheet.part, sheet.name, strings, tally, limits).run()

        _streamed(zf, sheet.part, sheet.name, scan)


def _streamed(
    zf: zipfile.ZipFile, part: str, sheet: str | None, scan: Callable[[IO[bytes]], _T]
) -> _T:
    """``scan`` over the open part; a damaged stream (CRC, deflate) is located in it."""
    try:
        with zf.open(part) as fh:
            return scan(fh)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _damaged(f"{part}: {exc}", sheet) from exc


# ---------------------------------------------------------------------------------------
# Streaming scans. A part is read a MiB at a time and looked at in windows of whole tags.
#
# Bulk checks (``bytes.count``, ``re.findall``) may be fooled into counting tags that are
# not there (a ``<c r="...`` inside an attribute value, which calamine's XML reader lets
# through): they only ever over-count. Where an answer depends on tags being real (a cell
# without a reference takes its place from the cells and rows before it), every tag is
# parsed in order, and all ``<`` must be accounted for.

_ENTITY = re.compile(rb"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TAG = re.compile(rb"<(/?)([^\s/<>!?]+)(" + _ATTRS + rb")\s*(/?)>")
_R_ATTR = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_T_ATTR = re.compile(rb"""\st\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
_ROW_REF = re.compile(rb"[A-Za-z]{0,3}([0-9]{1,7})")
# Cells as Excel, WPS, LibreOffice and openpyxl write them, and what hides them:
_CELL_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_CELL_ROWS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_CELL_FULL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"' + _ATTRS + rb"\s*(/?)>")
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_SHARED_INDEX = re.compile(rb't="s"(?: s="[0-9]{1,5}")?><v>([0-9]{1,7})</v></c>')
_ODD_T = (re.compile(rb"t\s+="), re.compile(rb't=[^"]'))  # t ="s", t='s', t= "s"...
_ROW_OR_CELL = re.compile(b"<" + _NAME_PREFIX + rb"(?:c|row)[\s/>]")
_ITEM = re.compile(b"<" + _NAME_PREFIX + rb"si[\s/>]")


def _chars(text: bytes) -> int:
    """Characters of XML text: an entity counts as one."""
    return len(_ENTITY.sub(b"?", text).decode("utf-8", "replace"))


def _local(name: bytes) -> bytes:
    return name.rpartition(b":")[2]


def _value(m: re.Match[bytes] | None) -> bytes | None:
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))


def _text_chars(xml: bytes) -> tuple[int, bool]:
    """Characters of the ``t`` and ``v`` texts in ``xml`` outside phonetic runs, and whether
    it holds a string for calamine (a ``t`` outside phonetic runs, or a rich run ``r``)."""
    chars = phonetic = 0
    found = False
    opened: int | None = None
    for m in _TAG.finditer(xml):
        closing, name, empty = m.group(1), _local(m.group(2)), m.group(4)
        if name == b"rPh" and not empty:
            phonetic += -1 if closing else 1
        elif name == b"r" and not closing:
            found = True
        elif name in (b"t", b"v"):
            if closing and opened is not None:
                chars += _chars(xml[opened : m.start()])
                opened = None
            elif not closing and phonetic <= 0:
                found = found or name == b"t"
                opened = None if empty else m.end()
    return chars, found


@dataclass
class _Strings:
    """What the shared strings cost calamine, by calamine's index."""

    sizes: array[int] = field(default_factory=lambda: array("L"))  # bytes of XML: no fewer
    long: dict[int, int] = field(default_factory=dict)  # index → characters, over the limit
    longest: int = 0
    exact: bool = False  # count the strings copied into cells one cell at a time

    def size(self, index: int) -> int:
        return self.sizes[index] if 0 <= index < len(self.sizes) else 0


@dataclass
class _Tally:
    """The workbook so far: grid cells of the sheets read, shared strings copied."""

    cells: int = 0
    copied: int = 0
    slow: int = 0  # XML elements checked one by one
    outside: int = 0  # XML elements outside the rows of the sheets (merged cells...)


class _Stream:
    """A part read a MiB at a time: ``buf`` holds it from offset ``base``."""

    def __init__(
        self, fh: IO[bytes], part: str, sheet: str | None, tally: _Tally, limits: Limits
    ) -> None:
        self.fh, self.part, self.sheet, self.tally, self.limits = fh, part, sheet, tally, limits
        self.buf = b""
        self.base = 0
        self.eof = False
        self.outside = 0  # bytes outside the rows (or items)

    def more(self) -> None:
        chunk = self.fh.read(MiB)
        self.eof = not chunk
        self.buf += chunk

    def drop(self, pos: int) -> int:
        """Forget ``buf[:pos]`` and read on; the position of what was at ``pos``."""
        self.base += pos
        self.buf = self.buf[pos:]
        self.more()
        return 0

    def root(self) -> int:
        while len(self.buf) < self.limits.probe_bytes and not self.eof:
            self.more()
        after = _root(self.buf[: self.limits.probe_bytes], self.part)
        if after is None:
            raise _damaged(f"{self.part} is not XML", self.sheet)
        return after

    def whole(self, pos: int) -> int:
        """Where the whole tags from ``pos`` end: at the last ``<``, or the end at EOF."""
        if self.eof:
            return len(self.buf)
        cut = self.buf.rfind(b"<", pos)
        if cut > pos:
            return cut
        if len(self.buf) - pos > self.limits.max_row_bytes:
            raise self.problem("xlsx.markup", "有一个超长的标签", "holds an overlong tag")
        return pos

    def problem(
        self,
        code: str,
        zh: str,
        en: str,
        row: int | None = None,
        column: int | None = None,
        item: int | None = None,
    ) -> WorkbookProblem:
        if self.sheet is None:
            where_zh, where_en = "共享字符串", "shared strings"
            if item is not None:
                where_zh, where_en = f"共享字符串第 {item:,} 条", f"shared strings, item {item:,}"
        elif column is not None and row is not None:
            cell = f"{column_letters(column)}{row}"
            where_zh, where_en = (
                f"工作表“{self.sheet}”的 {cell} 单元格",
                f"sheet {self.sheet!r}, cell {cell}",
            )
        elif row is not None:
            where_zh, where_en = (
                f"工作表“{self.sheet}”第 {row:,} 行",
                f"sheet {self.sheet!r}, row {row:,}",
            )
        else:
            where_zh, where_en = f"工作表“{self.sheet}”", f"sheet {self.sheet!r}"
        return WorkbookProblem(code, f"{where_zh}{zh} / {where_en}: {en}", self.sheet, row, column)

    def no_markup(self, a: int, b: int, row: int | None = None, item: int | None = None) -> None:
        """Comments, CDATA, processing instructions and DTDs: Excel never writes them after
        the root element, and what they hold would look like tags."""
        buf = self.buf
        if buf.find(b"<!", a, b) >= 0 or buf.find(b"<?", a, b) >= 0:
            raise self.problem(
                "xlsx.markup",
                "含有 Excel 从不写入的 XML 注释、CDATA 或处理指令",
                "holds XML comments, CDATA or processing instructions Excel never writes",
                row=row,
                item=item,
            )

    def skipped(self, a: int, b: int) -> None:
        """Account for ``buf[a:b]``, which calamine skips: its size and elements are limited
        like a structural part's."""
        buf = self.buf
        self.no_markup(a, b)
        self.outside += b - a
        self.tally.outside += buf.count(b"<", a, b) - buf.count(b"</", a, b)
        if self.tally.outside > self.limits.max_xml_elements:  # all sheets together
            raise self.problem(
                "xlsx.too-many-elements",
                f"：各工作表行外的 XML 元素（合并单元格等）共超过 "
                f"{self.limits.max_xml_elements:,} 个的上限",
                f"the sheets hold more than {self.limits.max_xml_elements:,} XML elements "
                "outside their rows (merged cells...)",
            )
        if self.outside > self.limits.max_part_bytes:
            raise self.problem(
                "xlsx.part-too-big",
                f"行外的内容超过 {_size(self.limits.max_part_bytes)} 的上限",
                f"more than {_size(self.limits.max_part_bytes)} outside the rows",
            )

    def tags(self, a: int, b: int) -> Iterator[re.Match[bytes]]:
        """Every tag in ``buf[a:b]``, parsed in order; each ``<`` must start one (checked
        once all are read)."""
        expected = self.buf.count(b"<", a, b)
        self.tally.slow += expected
        if self.tally.slow > self.limits.max_slow_elements:
            raise self.problem(
                "xlsx.markup",
                f"不是 Excel 的写法，需逐个检查的 XML 元素超过 {self.limits.max_slow_elements:,} "
                "个：请用 Excel 或 WPS 另存为 .xlsx",
                f"is not written as Excel writes it and holds more than "
                f"{self.limits.max_slow_elements:,} XML elements to check one by one: save it "
                "as .xlsx with Excel or WPS",
            )
        read = 0
        for m in _TAG.finditer(self.buf, a, b):
            read += 1
            yield m
        if read != expected:
            raise self.problem("xlsx.markup", "有无法识别的标签", "holds a tag that cannot be read")


@cache
def _prefixed(name: bytes, end: bool) -> re.Pattern[bytes]:
    """A start (or end) tag ``name`` with a prefix: ``<x:row``."""
    tail = rb"\s*>" if end else rb"[\s/>]"
    return re.compile((b"</" if end else b"<") + rb"[^\s/<>!?:]+:" + re.escape(name) + tail)


def _is_start(buf: bytes, at: int, name: bytes) -> bool:
    """Whether ``<name`` at ``buf[at]`` is a start tag of that name, not a longer one."""
    following = buf[at + 1 + len(name) : at + 2 + len(name)]
    return bool(following) and following in b" \t\r\n/>"


def _last_start(buf: bytes, lo: int, hi: int, name: bytes) -> int:
    """Where the last ``<name`` or ``<prefix:name`` start tag in ``buf[lo:hi]`` begins, or -1.
    (Only tags hold ``<``: text cannot.)"""
    at = hi
    while (at := buf.rfind(b"<" + name, lo, at)) >= 0:
        if _is_start(buf, at, name):
            return at
    last = -1
    if buf.find(b":" + name, lo, hi) >= 0:
        for m in _prefixed(name, False).finditer(buf, lo, hi):
            last = m.start()
    return last


def _first_start(buf: bytes, lo: int, hi: int, name: bytes) -> int:
    """Where the first ``<name`` or ``<prefix:name`` start tag in ``buf[lo:hi]`` begins, or -1."""
    at = lo
    while (at := buf.find(b"<" + name, at, hi)) >= 0 and not _is_start(buf, at, name):
        at += 1
    stop = hi if at < 0 else at
    m = (
        _prefixed(name, False).search(buf, lo, stop)
        if buf.find(b":" + name, lo, stop) >= 0
        else None
    )
    return m.start() if m else at


def _end_tag(buf: bytes, lo: int, name: bytes) -> int:
    """Where the first ``</name>`` or ``</prefix:name>`` at or after ``lo`` begins, or -1."""
    at = lo
    while (at := buf.find(b"</" + name, at)) >= 0:
        following = buf[at + 2 + len(name) : at + 3 + len(name)]
        if following and following in b" \t\r\n>":
            break
        at += 1
    stop = len(buf) if at < 0 else at
    m = (
        _prefixed(name, True).search(buf, lo, stop)
        if buf.find(b":" + name, lo, stop) >= 0
        else None
    )
    return m.start() if m else at


class _StringsScan(_Stream):
    """The shared strings as calamine reads them: every ``si`` until ``</sst>``, each one
    string, held for the whole read."""

    def __init__(self, fh: IO[bytes], part: str, tally: _Tally, limits: Limits) -> None:
        super().__init__(fh, part, None, tally, limits)
        self.strings = _Strings()
        self.items = 0

    def run(self) -> _Strings:
        pos = self.root()
        while True:
            end = _end_tag(self.buf, pos, b"sst")
            if end >= 0:
                self.window(pos, end)
                self.tail(end)
                return self.strings
            cut = _last_start(self.buf, pos + 1, len(self.buf), b"si")
            if cut < 0:
                if self.eof:
                    raise _damaged(f"{self.part}: not closed")
                if len(self.buf) - pos > self.limits.max_row_bytes:
                    raise self.too_big(self.items + 1)
                pos = self.drop(pos)
                continue
            self.window(pos, cut)
            pos = self.drop(cut)

    def window(self, a: int, b: int) -> None:
        self.no_markup(a, b, item=self.items + 1)
        if not self.fast(a, b):
            self.precise(a, b)

    def fast(self, a: int, b: int) -> bool:
        """Items as Excel writes them (``<si><t>…</t></si>``, nothing else): the ``<``
        counted are then every tag there is, and sizes come from splitting."""
        buf = self.buf
        n = buf.count(b"<si>", a, b)
        tags = buf.count(b"<si>", a, b) + buf.count(b"</si>", a, b) + buf.count(b"</t>", a, b)
        tags += buf.count(b"<t>", a, b) + buf.count(b'<t xml:space="preserve">', a, b)
        if buf.count(b"<", a, b) != tags or not (
            buf.count(b"</si>", a, b) == buf.count(b"<si><t", a, b) == n
            and buf.count(b"</t></si>", a, b) == n
        ):
            return False
        segments = buf[a:b].split(b"<si>")
        if segments[0].strip():
            return False
        sizes = [len(s) + 4 for s in segments[1:]]
        if sizes and max(sizes) > self.limits.max_row_bytes:
            return False
        self.count(n)
        for offset, size in enumerate(sizes):
            chars = 0
            if size > self.limits.max_text_chars:
                chars = _text_chars(b"<si>" + segments[offset + 1])[0]
            self.record(size, chars)
        return True

    def precise(self, a: int, b: int) -> None:
        start: int | None = None
        for m in self.tags(a, b):
            if _local(m.group(2)) != b"si":
                continue
            if m.group(1):
                if start is None:
                    raise _damaged(f"{self.part}: an end tag without its start")
                item = self.items  # counted from 1, for people
                size = m.end() - start
                if size > self.limits.max_row_bytes:
                    raise self.too_big(item)
                chars, found = _text_chars(self.buf[start : m.end()])
                if not found:
                    raise self.problem(
                        "xlsx.markup", "没有文字（t 元素）", "holds no text (t element)", item=item
                    )
                self.record(size, chars)
                start = None
            elif start is not None:
                raise self.problem(
                    "xlsx.markup", "中嵌套了另一项", "holds another one inside it", item=self.items
                )
            else:
                self.count(1)
                if m.group(4):
                    raise self.problem(
                        "xlsx.markup",
                        "没有文字（t 元素）",
                        "holds no text (t element)",
                        item=self.items,
                    )
                start = m.start()
        if start is not None:
            raise self.problem("xlsx.markup", "没有结束", "is not closed", item=self.items)

    def count(self, n: int) -> None:
        self.items += n
        if self.items > self.limits.max_shared_strings:
            raise self.problem(
                "xlsx.shared-strings",
                f"超过 {self.limits.max_shared_strings:,} 条的上限",
                f"more than {self.limits.max_shared_strings:,} shared strings",
            )

    def record(self, size: int, chars: int) -> None:
        """The next string calamine will hold: at most ``size`` bytes, ``chars`` long if
        over the limit."""
        strings = self.strings
        index = len(strings.sizes)
        strings.sizes.append(size)
        strings.longest = max(strings.longest, size)
        if chars > self.limits.max_text_chars:
            strings.long[index] = chars

    def too_big(self, item: int) -> WorkbookProblem:
        size = _size(self.limits.max_row_bytes)
        return self.problem(
            "xlsx.row-too-big", f"的 XML 超过 {size} 的上限", f"its XML exceeds {size}", item=item
        )

    def tail(self, pos: int) -> None:
        """After ``</sst>``: calamine stops reading there."""
        while True:
            limit = self.whole(pos)
            if _ITEM.search(self.buf, pos, limit):
                raise self.problem(
                    "xlsx.markup", "有条目位于结束标签之后", "holds items after its end"
                )
            self.skipped(pos, limit)
            if self.eof and limit >= len(self.buf):
                return
            pos = self.drop(limit)


_V_TEXT = re.compile(b"<" + _NAME_PREFIX + rb"v(?:\s[^<>]*)?>([^<]*)<")
_ROW_END = re.compile(b"</" + _NAME_PREFIX + rb"row\s*>")


class _SheetScan(_Stream):
    """A worksheet as calamine reads it: the cells between ``<sheetData>`` and
    ``</sheetData>``, each placed by its reference or, without one, after the cell before
    it in its row (rows placed by their ``r`` or after the row before), laid out as one
    grid from the first to the last cell that holds something."""

    def __init__(
        self,
        fh: IO[bytes],
        part: str,
        sheet: str,
        strings: _Strings,
        tally: _Tally,
        limits: Limits,
    ) -> None:
        super().__init__(fh, part, sheet, tally, limits)
        self.strings = strings
        self.row_index = self.col_index = 0  # calamine's, 0-based: where a cell goes
        self.row_open: int | None = None  # offset in the part where the open row starts
        self.row_number = 1  # the row being read, for messages
        # Bulk-checked windows do not follow calamine's count of rows and columns: after
        # one, a cell without a reference cannot be placed.
        self.bulk_seen = False
        self.extent: tuple[int, int, int, int] | None = None  # top, bottom, left, right

    def run(self) -> None:
        found = self.head(self.root())
        if found is not None:
            pos, empty = found
            if not empty:
                pos = self.body(pos)
            self.tail(pos)
        self.tally.cells += self.area()

    # -- before and after the sheet data --------------------------------------------------

    def head(self, pos: int) -> tuple[int, bool] | None:
        """Up to the ``<sheetData>`` start tag: where it ends and whether it is empty; None
        without one (a chart sheet, say)."""
        while True:
            limit = self.whole(pos)
            start = _first_start(self.buf, pos, limit, b"sheetData")
            if start >= 0:
                limit = start
            self.no_markup(pos, limit)
            for _ in self.tags(pos, limit):
                pass  # every tag before it is whole: the start tag found is one
            self.skipped(pos, limit)
            m = _TAG.match(self.buf, start) if start >= 0 else None
            if m is not None:
                self.skipped(start, m.end())
                return m.end(), bool(m.group(4))
            if self.eof and limit >= len(self.buf):
                return None
            pos = self.drop(limit)

    def tail(self, pos: int) -> None:
        """After ``</sheetData>``: calamine reads no cells there."""
        while True:
            limit = self.whole(pos)
            if _ROW_OR_CELL.search(self.buf, pos, limit):
                raise self.problem(
                    "xlsx.markup",
                    "有行或单元格位于数据区之外",
                    "holds rows or cells outside the data",
                )
            self.skipped(pos, limit)
            if self.eof and limit >= len(self.buf):
                return
            pos = self.drop(limit)

    # -- the sheet data ----------------------------------------------------------------

    def body(self, pos: int) -> int:
        """Check the rows in windows that end where a row starts; where ``</sheetData>``
        starts."""
        while True:
            end = _end_tag(self.buf, pos, b"sheetData")
            if end >= 0:
                self.window(pos, end)
                return end
            cut = _last_start(self.buf, pos + 1, len(self.buf), b"row")
            if cut < 0:
                if self.eof:
                    raise _damaged(f"{self.part}: the sheet data is not closed", self.sheet)
                if len(self.buf) - pos > self.limits.max_row_bytes:
                    raise self.row_too_big(self.row_at(pos + 4) or self.row_index + 1)
                cut = pos
            else:
                self.window(pos, cut)
            pos = self.drop(cut)

    def window(self, a: int, b: int) -> None:
        """Check the rows in ``buf[a:b]``, which ends where a row starts."""
        buf = self.buf
        bad = min((i for i in (buf.find(b"<!", a, b), buf.find(b"<?", a, b)) if i >= 0), default=-1)
        if bad >= 0:
            self.no_markup(a, b, row=self.row_at(bad, a))  # the row it lies in, if any
        if _PREFIXED.search(buf, a, b):
            self.one_by_one(a, b)
            return
        sizes = list(map(len, buf[a:b].split(b"<row")))
        longest = max(sizes)
        if longest > self.limits.max_row_bytes:  # before reading it cell by cell
            at = a + sum(sizes[: sizes.index(longest)]) + 4 * sizes.index(longest)
            raise self.row_too_big(self.row_at(at + 4, a) or self.row_index + 1)
        if longest > self.limits.max_text_chars or not self.bulk(a, b):
            self.one_by_one(a, b)

    def bulk(self, a: int, b: int) -> bool:
        """Check ``buf[a:b]`` in bulk if every cell there starts ``<c r="B7"``: True when
        done, False when the cells must be checked one by one (nothing counted then)."""
        buf, limits = self.buf, self.limits
        n = buf.count(b"<c", a, b)
        letters = _CELL_LETTERS.findall(buf, a, b)
        if len(letters) != n:
            return False
        extent = None
        if n:
            numbers = _CELL_ROWS.findall(buf, a, b)
            if len(numbers) != n:
                return False
            if buf.count(b"</c>", a, b) < n:  # some cells are empty: calamine skips them
                full = _CELL_FULL.findall(buf, a, b)
                if len(full) != n:
                    return False
                letters = [c for c, _, empty in full if not empty]
                numbers = [r for _, r, empty in full if not empty]
            if letters:
                columns = _columns()
                cols = [columns[c] for c in set(letters)]
                rows = [int(r) for r in set(numbers)]
                if max(cols) > limits.max_columns or max(rows) > limits.max_rows:
                    return False
                extent = (min(rows), max(rows), min(cols), max(cols))
        copied = self.copied(a, b)
        if copied is None:
            return False
        if n or buf.find(b"<row", a, b) >= 0:
            self.bulk_seen = True
        self.row_open = None
        if extent is not None:
            self.grow(*extent)
        self.copy(copied, extent[1] if extent else None)
        return True

    def copied(self, a: int, b: int) -> int | None:
        """Bytes of shared strings the cells in ``buf[a:b]`` copy, when counted; None when
        they must be counted one by one."""
        strings, buf = self.strings, self.buf
        if not strings.exact:
            return 0
        # Each attribute t="s" must be written so, and its cell as Excel writes it.
        if any(odd.search(buf, a, b) for odd in _ODD_T):
            return None
        found = _SHARED_INDEX.findall(buf, a, b)
        if len(found) != buf.count(b't="s"', a, b):
            return None
        if not found:
            return 0
        indexes = list(map(int, found))
        if max(indexes) >= len(strings.sizes):
            return None
        if strings.long and not strings.long.keys().isdisjoint(indexes):
            return None
        return sum(map(strings.sizes.__getitem__, indexes))

    def one_by_one(self, a: int, b: int) -> None:
        """Follow calamine tag by tag through ``buf[a:b]``."""
        buf, limits, strings = self.buf, self.limits, self.strings
        cell: tuple[int, int, bytes | None, int] | None = None  # row, column, type, content
        rows: list[int] = []
        cols: list[int] = []
        for m in self.tags(a, b):
            name = _local(m.group(2))
            if name == b"c":
                if m.group(1):
                    if cell is None:
                        continue  # calamine skips a stray end tag
                    row, column, kind, start = cell
                    cell = None
                    content = buf[start : m.start()]
                    if b"<" not in content:
                        continue  # no value: calamine skips the cell
                    if column > limits.max_columns:
                        raise self.beyond_columns(row, column)
                    if row > limits.max_rows:
                        raise self.beyond_rows(row)
                    if kind == b"s":
                        index = _V_TEXT.findall(content)
                        i = int(index[-1]) if index and index[-1].strip().isdigit() else -1
                        if i in strings.long:
                            raise self.long_text(row, column, strings.long[i])
                        self.copy(strings.size(i), row)
                    elif len(content) > limits.max_text_chars:
                        chars = _text_chars(content)[0]
                        if chars > limits.max_text_chars:
                            raise self.long_text(row, column, chars)
                    rows.append(row)
                    cols.append(column)
                    continue
                if cell is not None:
                    raise self.problem(
                        "xlsx.markup",
                        "的单元格中嵌套了另一个单元格",
                        "a cell holds another cell",
                        row=self.row_number,
                    )
                ref = _value(_R_ATTR.search(m.group(3)))
                if ref is not None:
                    found = _CELL_REF.fullmatch(ref)
                    if found is None:
                        raise self.problem(
                            "xlsx.markup",
                            f"有无效的单元格引用 {ref.decode('ascii', 'replace')!r}",
                            f"holds an invalid cell reference {ref.decode('ascii', 'replace')!r}",
                            row=self.row_number,
                        )
                    column, row = _column_number(found[1]), int(found[2])
                    if row < 1:
                        raise self.invalid_row(self.row_number)
                elif self.bulk_seen:
                    raise self.problem(
                        "xlsx.markup",
                        "有不带引用（r 属性）的单元格，而前面的单元格都带引用：无法确定它的位置",
                        "holds a cell without a reference (r attribute) after cells with one: "
                        "where it goes cannot be known",
                        row=self.row_number,
                    )
                else:
                    row, column = self.row_index + 1, self.col_index + 1
                self.col_index = column
                if not m.group(4):
                    cell = (row, column, _value(_T_ATTR.search(m.group(3))), m.end())
            elif name == b"row":
                if cell is not None:
                    raise self.problem(
                        "xlsx.markup", "的单元格中有一行", "a cell holds a row", row=self.row_number
                    )
                if m.group(1):
                    self.row_end(m.end())
                    continue
                self.row_end_at(m.start())
                number = _value(_R_ATTR.search(m.group(3)))
                if number is not None:
                    found = _ROW_REF.fullmatch(number)
                    if found is None or int(found[1]) < 1:
                        raise self.invalid_row(self.row_index + 1)
                    self.row_index = int(found[1]) - 1
                self.row_open, self.row_number = self.base + m.start(), self.row_index + 1
                if m.group(4):
                    self.row_end(m.end())
        if cell is not None:
            raise _damaged(f"{self.part}: a cell is not closed", self.sheet, self.row_number)
        if rows:
            self.grow(min(rows), max(rows), min(cols), max(cols))

    def row_end(self, at: int) -> None:
        """calamine's ``</row>``: the next row, from the first column."""
        self.row_end_at(at)
        self.row_index += 1
        self.col_index = 0

    def row_end_at(self, at: int) -> None:
        """The open row, if any, ends at ``buf[at]``: it must not be too big."""
        if self.row_open is not None and self.base + at - self.row_open > self.limits.max_row_bytes:
            raise self.row_too_big(self.row_number)
        self.row_open = None

    # -- limits ------------------------------------------------------------------------

    def grow(self, top: int, bottom: int, left: int, right: int) -> None:
        """Cells hold values from row ``top`` to ``bottom``, column ``left`` to ``right``."""
        if self.extent is not None:
            t, b, le, r = self.extent
            top, bottom, left, right = min(t, top), max(b, bottom), min(le, left), max(r, right)
        self.extent = (top, bottom, left, right)
        total = self.tally.cells + self.area()
        if total > self.limits.max_cells:
            span = f"{column_letters(left)}{top}:{column_letters(right)}{bottom}"
            height, width = bottom - top + 1, right - left + 1
            raise self.problem(
                "xlsx.cells",
                f"的单元格占满区域 {span}（{height:,} 行 × {width:,} 列），连同之前的工作表共 "
                f"{total:,} 个单元格，超过 {self.limits.max_cells:,} 个的上限",
                f"cells fill {span} ({height:,} rows × {width:,} columns): {total:,} cells "
                f"with the sheets before it, over the limit of {self.limits.max_cells:,}",
            )

    def area(self) -> int:
        if self.extent is None:
            return 0
        top, bottom, left, right = self.extent
        return (bottom - top + 1) * (right - left + 1)

    def copy(self, size: int, row: int | None) -> None:
        """Cells copy ``size`` bytes of shared strings."""
        self.tally.copied += size
        if self.tally.copied > self.limits.max_string_bytes:
            limit = _size(self.limits.max_string_bytes)
            raise self.problem(
                "xlsx.strings",
                f"：单元格重复引用的共享字符串累计超过 {limit} 的上限",
                f"the shared strings the cells repeat add up to more than {limit}",
                row=row,
            )

    def beyond_columns(self, row: int, column: int) -> WorkbookProblem:
        limit = self.limits.max_columns
        return self.problem(
            "xlsx.columns",
            f"有值，超出 {limit:,} 列的上限：请删除多余的列",
            f"holds a value beyond the limit of {limit:,} columns; delete the extra columns",
            row=row,
            column=column,
        )

    def beyond_rows(self, row: int) -> WorkbookProblem:
        limit = self.limits.max_rows
        return self.problem(
            "xlsx.rows", f"超过 {limit:,} 行的上限", f"beyond the limit of {limit:,} rows", row=row
        )

    def invalid_row(self, row: int) -> WorkbookProblem:
        return self.problem("xlsx.rows", "的行号无效", "invalid row number", row=row)

    def long_text(self, row: int, column: int, chars: int) -> WorkbookProblem:
        limit = self.limits.max_text_chars
        return self.problem(
            "xlsx.text",
            f"有 {chars:,} 个字符，超过 {limit:,} 的上限",
            f"{chars:,} characters, over the limit of {limit:,}",
            row=row,
            column=column,
        )

    def row_too_big(self, row: int) -> WorkbookProblem:
        size = _size(self.limits.max_row_bytes)
        return self.problem(
            "xlsx.row-too-big",
            f"的 XML 超过 {size} 的上限",
            f"its XML exceeds the limit of {size}",
            row=row,
        )

    def row_at(self, at: int, lo: int = 0) -> int | None:
        """The row ``buf[at]`` lies in, for messages: the last row started before it, if
        not ended before it and numbered."""
        start = _last_start(self.buf, max(lo - 1, 0), at, b"row")
        if start < 0:
            return None
        m = _TAG.match(self.buf, start)
        if m is None or m.group(4) or _ROW_END.search(self.buf, start, at):
            return None
        number = _value(_R_ATTR.search(m.group(3)))
        found = _ROW_REF.fullmatch(number) if number else None
        return int(found[1]) if found else None
