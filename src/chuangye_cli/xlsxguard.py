"""Limits on what an .xlsx workbook may expand to, checked before and while openpyxl reads it.

An .xlsx file is a zip of XML parts and openpyxl trusts it: it pads rows to the size a sheet
declares, inflates whatever the zip holds and builds whole XML trees of some parts. A hostile
or careless file can therefore cost minutes and gigabytes. Here such files are refused early
with a located :class:`WorkbookProblem`:

* :func:`check_package` reads the zip directory and the first bytes of some parts only;
* :func:`iter_rows` also streams the parts openpyxl would hold (shared strings, the sheet)
  once through a byte-level scanner, then reads rows with openpyxl read-only, ignoring the
  declared sheet size.

Declared sizes bound inflation: :mod:`zipfile` stops reading a part at the size its central
directory entry declares (anything longer is cut off and fails the CRC check), so no part can
inflate beyond what :func:`check_package` accepted.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB


@dataclass(frozen=True)
class Limits:
    """What a workbook may expand to. Sizes are inflated (uncompressed) bytes."""

    max_file_bytes: int = 256 * MiB  # the .xlsx file itself
    max_parts: int = 10_000  # zip entries (each costs memory as soon as the zip is opened)
    # All parts together: a 300,000-row × 30-column sheet written by openpyxl is ~450 MB.
    max_total_bytes: int = 1 * GiB
    max_ratio: int = 100  # inflated ÷ compressed; sheets compress 5-20×, deflate bombs ~1000×
    ratio_from_bytes: int = 1 * MiB  # ... checked for parts at least this big
    # Parts openpyxl parses whole (styles, workbook, relationships, properties, theme):
    max_part_bytes: int = 16 * MiB
    # Elements in those parts together, and outside the rows of one sheet (200,000 <xf/> in
    # styles.xml cost openpyxl ~9 s and ~145 MiB).
    max_xml_elements: int = 200_000
    max_shared_strings_bytes: int = 64 * MiB  # openpyxl holds every shared string
    max_shared_strings: int = 500_000  # ~21 µs and ~170 bytes each in openpyxl
    max_row_bytes: int = 1 * MiB  # XML of one row or one shared string (~55× that in memory)
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


def _in_sheet(sheet: str | None) -> tuple[str, str]:
    """How a message names where it is: (中文, English)."""
    return (
        (f"工作表“{sheet}”", f"sheet {sheet!r}")
        if sheet is not None
        else ("共享字符串", "shared strings")
    )


# ---------------------------------------------------------------------------------------
# The package: zip directory and the parts that say which sheets there are

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Workbook content types in the order openpyxl looks for them.
_WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_CONTENT_TYPES = "[Content_Types].xml"
_THEME = "xl/theme/theme1.xml"
# Parts openpyxl reads at fixed names when they exist.
_FIXED_PARTS = (_CONTENT_TYPES, "docProps/core.xml", "docProps/custom.xml", _THEME, "xl/styles.xml")


@dataclass
class _Sheet:
    name: str
    part: str
    chart: bool
    has_dimension: bool = False  # openpyxl stops at a <dimension/> near the start


@dataclass
class _Package:
    zf: zipfile.ZipFile
    sheets: list[_Sheet]
    shared_strings: str | None
    whole: set[str]  # parts openpyxl parses (or reads) whole


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


def _check_entries(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Encryption, compression, total and per-part inflated sizes as the directory declares."""
    infos = zf.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise WorkbookProblem(
            "xlsx.too-big",
            f"工作簿解压后有 {_size(total)}，超过 {_size(limits.max_total_bytes)} 的上限 / "
            f"the workbook inflates to {_size(total)}, over the limit of "
            f"{_size(limits.max_total_bytes)}",
        )
    for info in infos:
        name = info.filename
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


def _damaged(detail: str, sheet: str | None = None, row: int | None = None) -> WorkbookProblem:
    return WorkbookProblem(
        "xlsx.damaged",
        f"工作簿已损坏或格式不对，无法读取（{detail}）/ cannot read the workbook: {detail}",
        sheet,
        row,
    )


def _parse_part(
    zf: zipfile.ZipFile,
    name: str,
    limits: Limits,
    start: Callable[[str, dict[str, str], int], None],
) -> None:
    """Stream one small structural part through expat, calling ``start(local name, attrs,
    depth)`` per element (the root at depth 1); no tree is built, a DTD is refused."""
    info = zf.getinfo(name)
    if info.file_size > limits.max_part_bytes:
        raise _too_big_part(name, info.file_size, limits.max_part_bytes)
    parser = expat.ParserCreate(namespace_separator="}")
    elements = depth = 0

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal elements, depth
        elements += 1
        depth += 1
        if elements > limits.max_xml_elements:
            raise _too_many_elements(name, limits)
        start(tag.rpartition("}")[2], attrs, depth)

    def on_end(_: str) -> None:
        nonlocal depth
        depth -= 1

    def on_doctype(*_: object) -> None:
        raise _doctype(name)

    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.StartDoctypeDeclHandler = on_doctype
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(64 * KiB):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _damaged(f"{name}: {exc}") from exc


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


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _relationships(zf: zipfile.ZipFile, part: str, limits: Limits) -> dict[str, tuple[str, str]]:
    """Id → (type, target part) of one part's relationships, resolved as openpyxl does."""
    found: dict[str, tuple[str, str]] = {}
    path = _rels_path(part)
    parent = posixpath.split(posixpath.dirname(path))[0]

    def on_start(tag: str, attrs: dict[str, str], depth: int) -> None:
        target = attrs.get("Target", "")
        if tag != "Relationship" or depth != 2 or attrs.get("TargetMode") == "External":
            return
        target = (
            target[1:]
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(parent, target))
        )
        found[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

    if path in zf.NameToInfo:
        _parse_part(zf, path, limits, on_start)
    return found


def _structure(zf: zipfile.ZipFile, limits: Limits) -> _Package:
    """Sheets, shared strings and the parts openpyxl parses whole, found as openpyxl finds them."""
    names = set(zf.NameToInfo)
    if _CONTENT_TYPES not in names:
        raise _damaged(f"{_CONTENT_TYPES} missing: not an Excel workbook")
    overrides: list[tuple[str, str]] = []
    defaults: set[str] = set()

    def on_type(tag: str, attrs: dict[str, str], depth: int) -> None:
        if depth != 2:
            return
        if tag == "Override":
            overrides.append((attrs.get("PartName", ""), attrs.get("ContentType", "")))
        elif tag == "Default":
            defaults.add(attrs.get("ContentType", ""))

    _parse_part(zf, _CONTENT_TYPES, limits, on_type)
    workbook = next(
        (p[1:] for kind in _WORKBOOK_TYPES for p, t in overrides if t == kind),
        "xl/workbook.xml" if defaults.intersection(_WORKBOOK_TYPES) else None,
    )
    if workbook is None or workbook not in names:
        raise _damaged("no workbook part: not an Excel workbook")
    strings = next((p[1:] for p, t in overrides if t == _SHARED_STRINGS), None)
    listed: list[tuple[str, str]] = []

    def on_sheet(tag: str, attrs: dict[str, str], depth: int) -> None:
        if tag == "sheet" and depth == 3 and _REL_ID in attrs:
            listed.append((attrs.get("name", ""), attrs[_REL_ID]))

    _parse_part(zf, workbook, limits, on_sheet)
    rels = _relationships(zf, workbook, limits)
    sheets = [
        _Sheet(name, rels[rid][1], "chartsheet" in rels[rid][0])
        for name, rid in listed
        if rid in rels and rels[rid][1] in names
    ]
    whole = {*_FIXED_PARTS, workbook, _rels_path(workbook)}
    whole.update(_rels_path(s.part) for s in sheets)
    streamed = {s.part for s in sheets if not s.chart}
    if any(s.chart for s in sheets):  # chart sheets pull in drawings, charts and images
        whole.update(n for n in names if n not in streamed and n != strings)
    whole.update(s.part for s in sheets if s.chart)
    return _Package(zf, sheets, strings, whole & names)


# ---------------------------------------------------------------------------------------
# Byte-level reading of XML: prolog, root element, dimension

_ATTRS = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*"""
_START_TAG = re.compile(rb"<([^\s/>!?]+)(" + _ATTRS + rb")\s*(/?)>")
_XMLNS = re.compile(rb"""\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_WHITESPACE = b" \t\r\n"


def _attribute(attrs: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"\s" + name + rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')""", attrs)
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))


def _root(head: bytes, part: str) -> tuple[int, list[bytes]] | None:
    """Where the root start tag of ``head`` ends, and the prefixes bound there to the
    SpreadsheetML namespace; None when ``head`` does not look like XML."""
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
            bound = [
                (p or b"") + (b":" if p else b"")
                for p, double, single in _XMLNS.findall(m.group(2))
                if (double or single) == _MAIN
            ]
            return m.end(), bound
        elif i < len(head) or not head:
            return None
        else:
            break
    raise _not_started(part)


def _not_started(part: str) -> WorkbookProblem:
    return WorkbookProblem(
        "xlsx.markup",
        f"部件 {part} 开头找不到 XML 根元素 / part {part}: no XML root element near its start",
    )


def _head(zf: zipfile.ZipFile, part: str, limits: Limits) -> bytes:
    with zf.open(part) as fh:
        return fh.read(limits.probe_bytes)


def _dimension(head: bytes, after: int, prefixes: list[bytes]) -> bytes | None:
    """The ``ref`` of a self-closing ``<dimension/>`` in ``head`` (openpyxl stops there)."""
    for prefix in prefixes:
        m = re.compile(rb"<" + re.escape(prefix) + rb"dimension(" + _ATTRS + rb")\s*/>").search(
            head, after
        )
        if m is not None:
            return _attribute(m.group(1), b"ref") or b""
    return None


def _check_dimension(ref: bytes, sheet: str, limits: Limits) -> None:
    columns = rows = 0
    for corner in ref.split(b":"):
        m = re.fullmatch(rb"\$?([A-Za-z]*)\$?([0-9]*)", corner.strip())
        if m is not None:
            columns = max(columns, _column_number(m.group(1)))
            rows = max(rows, int(m.group(2) or 0))
    if columns > limits.max_columns or rows > limits.max_rows:
        text = ref.decode("ascii", "replace")
        raise WorkbookProblem(
            "xlsx.dimension",
            f"工作表“{sheet}”声明的范围 {text}（{columns:,} 列 × {rows:,} 行）超过上限 "
            f"{limits.max_columns:,} 列 × {limits.max_rows:,} 行 / sheet {sheet!r} declares "
            f"{text} ({columns:,} columns × {rows:,} rows), over the limit of "
            f"{limits.max_columns:,} × {limits.max_rows:,}",
            sheet,
        )


def _inspect(fh: IO[bytes], limits: Limits) -> _Package:
    """Every check that needs no more than the zip directory and the start of some parts."""
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
    try:
        _check_entries(zf, limits)
        pkg = _structure(zf, limits)
        for part in pkg.whole:
            if (inflated := zf.getinfo(part).file_size) > limits.max_part_bytes:
                raise _too_big_part(part, inflated, limits.max_part_bytes)
        if pkg.shared_strings in zf.NameToInfo:
            inflated = zf.getinfo(pkg.shared_strings).file_size
            if inflated > limits.max_shared_strings_bytes:
                raise _too_big_part(pkg.shared_strings, inflated, limits.max_shared_strings_bytes)
        for part in sorted(pkg.whole - {_THEME}):
            _root(_head(zf, part, limits), part)  # a DTD is refused; non-XML parts pass here
        for sheet in pkg.sheets:
            if sheet.chart:
                continue
            head = _head(zf, sheet.part, limits)
            root = _root(head, sheet.part)
            if root is None:
                raise _damaged(f"{sheet.part} is not XML", sheet.name)
            ref = _dimension(head, root[0], root[1])
            sheet.has_dimension = ref is not None
            if ref is not None:
                _check_dimension(ref, sheet.name, limits)
    except WorkbookProblem:
        zf.close()
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError) as exc:
        zf.close()
        raise _damaged(str(exc)) from exc
    return pkg


def _unreadable(exc: OSError) -> WorkbookProblem:
    return WorkbookProblem("xlsx.unreadable", f"无法读取文件 / cannot read the file: {exc}")


def check_package(path: Path, limits: Limits = DEFAULT_LIMITS) -> WorkbookProblem | None:
    """The first reason to refuse the workbook at ``path`` found in its zip directory and the
    first ``probe_bytes`` of a few parts (the structural ones, each sheet's start), or None.
    Inflates no part whole: milliseconds for any file."""
    try:
        with path.open("rb") as fh:
            _inspect(fh, limits).zf.close()
    except WorkbookProblem as problem:
        return problem
    except OSError as exc:
        return _unreadable(exc)
    return None


def sheet_names(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Names of the worksheets (not chart sheets) in workbook order, as :func:`iter_rows`
    accepts them. Raises :class:`WorkbookProblem` when :func:`check_package` would refuse."""
    try:
        with path.open("rb") as fh:
            pkg = _inspect(fh, limits)
            pkg.zf.close()
    except OSError as exc:
        raise _unreadable(exc) from exc
    return [s.name for s in pkg.sheets if not s.chart]


# ---------------------------------------------------------------------------------------
# Streaming scans of the parts openpyxl holds: whole-read parts, shared strings, sheets


def _count_elements(zf: zipfile.ZipFile, part: str) -> int:
    """Start tags (and comments) in an XML part: ``<`` not followed by ``/``; 0 if not XML."""
    count = 0
    with zf.open(part) as fh:
        first = True
        while chunk := fh.read(MiB):
            if first and not chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                return 0
            first = False
            count += chunk.count(b"<") - chunk.count(b"</")
    return count


_ROW_R = re.compile(rb"""\sr\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class _Scan:
    """One pass over a sheet (items ``row``) or the shared strings (items ``si``).

    The XML is not parsed. After the root start tag there may be no comment, CDATA,
    processing instruction or DTD, so every ``<`` starts a tag, and one regular expression
    finds the items' start and end tags (with the prefixes the root binds to SpreadsheetML).
    Items must follow one another with only white space between them and hold no other item;
    no namespace may be declared before them or on them. Each item must fit in
    ``max_row_bytes``; what lies before and after the items is limited like a part openpyxl
    parses whole. This bounds what openpyxl's streaming parser holds at any time.
    """

    def __init__(self, fh: IO[bytes], part: str, sheet: str | None, limits: Limits) -> None:
        self.fh, self.part, self.sheet, self.limits = fh, part, sheet, limits
        self.item = b"si" if sheet is None else b"row"
        self.buf = b""
        self.base = 0  # offset in the part of buf[0]
        self.eof = False
        self.phase = 0  # 0 before the items, 1 among them, 2 after them
        self.in_item = False
        self.item_start = self.previous = 0  # offsets in the part
        self.elements = self.outside = 0
        self.declared = False  # a namespace declared before the items
        self.count = self.number = 0  # items so far; the last row's number
        self.label = 1  # the item looked at: its row number, or its index

    def problem(self, code: str, zh: str, en: str, item: bool = True) -> WorkbookProblem:
        where_zh, where_en = _in_sheet(self.sheet)
        row = None
        if item and self.sheet is None:
            where_zh, where_en = (
                f"{where_zh}第 {self.label:,} 条",
                f"{where_en}, item {self.label:,}",
            )
        elif item:
            row = self.label
            where_zh, where_en = f"{where_zh}第 {row:,} 行", f"{where_en}, row {row:,}"
        return WorkbookProblem(code, f"{where_zh}{zh} / {where_en}: {en}", self.sheet, row)

    def more(self) -> None:
        chunk = self.fh.read(MiB)
        self.eof = not chunk
        self.buf += chunk

    def run(self) -> int:
        """Scan the whole part; the number of items."""
        while len(self.buf) < self.limits.probe_bytes and not self.eof:
            self.more()
        root = _root(self.buf[: self.limits.probe_bytes], self.part)
        if root is None or not root[1]:
            raise self.problem(
                "xlsx.markup",
                "不是 SpreadsheetML 格式的 XML（不支持 Strict Open XML）",
                "not SpreadsheetML XML (Strict Open XML is not supported)",
                item=False,
            )
        starts = [  # an item start tag, or a broken one (no attributes group)
            re.compile(b"<" + re.escape(p) + self.item + b"(?:(" + _ATTRS + rb")\s*(/?)>|[\s/>])")
            for p in root[1]
        ]
        ends = [re.compile(b"</" + re.escape(p) + self.item + rb"\s*>") for p in root[1]]
        pos = self.previous = root[0]
        while True:
            limit = self.window(pos)
            buf = self.buf
            bad = min(
                (i for i in (buf.find(b"<!", pos, limit), buf.find(b"<?", pos, limit)) if i >= 0),
                default=limit,
            )
            tokens = [
                (m.start(), m.end(), m.group(1), m.group(2))
                for r in starts
                for m in r.finditer(buf, pos, limit)
            ]
            tokens += [
                (m.start(), m.end(), None, b"") for r in ends for m in r.finditer(buf, pos, limit)
            ]
            tokens.sort()
            for at, end, attrs, close in tokens:
                if at > bad:
                    break
                if close is None:
                    raise self.problem("xlsx.markup", "的开始标签无法识别", "unreadable start tag")
                if attrs is not None:
                    self.start(at, attrs, close, end)
                else:
                    self.end(end)
            if bad < limit:
                raise self.problem(
                    "xlsx.markup",
                    "含有 Excel 从不写入的 XML 注释、CDATA 或处理指令",
                    "holds XML comments, CDATA or processing instructions Excel never writes",
                    item=self.in_item,
                )
            self.reach(limit)
            if self.eof and limit == len(self.buf):
                break
            self.base += limit
            self.buf = self.buf[limit:]
            pos = 0
            self.more()
        if self.in_item:
            raise _damaged(f"{self.part}: truncated", self.sheet)
        return self.count

    def window(self, pos: int) -> int:
        """Read until ``buf[pos:limit]`` holds whole tags; ``limit``."""
        while not self.eof:
            cut = self.buf.rfind(b"<", pos)
            if cut < 0:  # text only
                return len(self.buf)
            if cut > pos:
                return cut
            if len(self.buf) - pos > self.limits.max_row_bytes:
                raise self.problem(
                    "xlsx.markup", "有一个超长的标签", "holds an overlong tag", item=self.in_item
                )
            self.more()
        return len(self.buf)

    def start(self, at: int, attrs: bytes, close: bytes, end: int) -> None:
        """An item start tag in ``buf[at:end]``."""
        if self.base + at > self.previous:
            self.reach(at)
        if self.in_item:
            raise self.problem("xlsx.markup", "中嵌套了另一项", "holds another one inside it")
        self.label = self.number + 1 if self.sheet is not None else self.count + 1
        if self.phase == 2:
            raise self.problem("xlsx.markup", "位于数据区之外", "lies outside the data")
        if self.declared or b"xmlns" in attrs:
            raise self.problem(
                "xlsx.markup", "之前或之上声明了命名空间", "a namespace is declared before or on it"
            )
        self.phase = 1
        self.count += 1
        if self.sheet is not None:
            self.row_number(attrs)
        elif self.count > self.limits.max_shared_strings:
            raise self.problem(
                "xlsx.shared-strings",
                f"共享字符串超过 {self.limits.max_shared_strings:,} 条的上限",
                f"more than {self.limits.max_shared_strings:,} shared strings",
                item=False,
            )
        if close:
            self.previous = self.base + end
        else:
            self.in_item, self.item_start = True, self.base + at

    def end(self, end: int) -> None:
        """An item end tag ending at ``buf[end]``."""
        if not self.in_item:
            raise _damaged(f"{self.part}: an end tag without its start", self.sheet)
        self.reach(end)  # the item's size, end tag included
        self.in_item = False
        self.previous = self.base + end

    def reach(self, at: int) -> None:
        """Account for ``buf`` up to ``at``: the size of the open item, or what lies between
        items (white space only) or outside them (counted like a part read whole)."""
        if self.in_item:
            if self.base + at - self.item_start > self.limits.max_row_bytes:
                size = _size(self.limits.max_row_bytes)
                raise self.problem(
                    "xlsx.row-too-big",
                    f"的 XML 超过 {size} 的上限",
                    f"its XML exceeds the limit of {size}",
                )
            return
        start, buf = self.previous - self.base, self.buf
        if start >= at:
            return
        self.previous = self.base + at
        if self.phase == 1:  # between items: white space, else the items have ended
            while start < at and buf[start] in _WHITESPACE:
                start += 1
            if start == at:
                return
            self.phase = 2
        self.outside += at - start
        self.elements += buf.count(b"<", start, at) - buf.count(b"</", start, at)
        if self.elements > self.limits.max_xml_elements:
            raise self.problem(
                "xlsx.too-many-elements",
                f"行外的 XML 元素超过 {self.limits.max_xml_elements:,} 个的上限",
                f"more than {self.limits.max_xml_elements:,} XML elements outside the rows",
                item=False,
            )
        if self.outside > self.limits.max_part_bytes:
            raise self.problem(
                "xlsx.part-too-big",
                f"行外的内容超过 {_size(self.limits.max_part_bytes)} 的上限",
                f"more than {_size(self.limits.max_part_bytes)} outside the rows",
                item=False,
            )
        if self.phase == 0:
            at_ns = buf.find(b"xmlns", start, at)
            while at_ns >= 0 and not self.declared:
                self.declared = buf.rfind(b"<", start, at_ns) > buf.rfind(b">", start, at_ns)
                at_ns = buf.find(b"xmlns", at_ns + 5, at)

    def row_number(self, attrs: bytes) -> None:
        """Take the row's number: its ``r`` or the one after the last. Rows must go down the
        sheet (openpyxl silently drops a row that does not)."""
        m = _ROW_R.search(attrs)
        if m is not None:
            text = m.group(1) or m.group(2) or b""
            try:
                self.label = int(text)
            except ValueError:  # openpyxl also takes "5.0"
                try:
                    value = float(text)
                except ValueError:
                    value = 0.5
                self.label = int(value) if value.is_integer() else 0
            if self.label < 1:
                raise self.problem("xlsx.rows", "的行号无效", "invalid row number")
        if self.label <= self.number:
            raise self.problem(
                "xlsx.rows",
                f"排在第 {self.number:,} 行之后，顺序错乱",
                f"comes after row {self.number:,}: rows out of order",
            )
        if self.label > self.limits.max_rows:
            raise self.problem(
                "xlsx.rows",
                f"超过 {self.limits.max_rows:,} 行的上限",
                f"beyond the limit of {self.limits.max_rows:,} rows",
            )
        self.number = self.label


def _deep_check(pkg: _Package, target: _Sheet, limits: Limits) -> None:
    """Stream every part openpyxl will parse or hold, before it does."""
    zf, elements = pkg.zf, 0
    for part in sorted(pkg.whole - {_THEME}):  # openpyxl keeps the theme as bytes
        elements += _count_elements(zf, part)
        if elements > limits.max_xml_elements:
            raise _too_many_elements(part, limits)
    if pkg.shared_strings is not None and pkg.shared_strings in zf.NameToInfo:
        with zf.open(pkg.shared_strings) as fh:
            _Scan(fh, pkg.shared_strings, None, limits).run()
    for sheet in pkg.sheets:  # openpyxl reads a sheet without <dimension/> whole on loading
        if not sheet.chart and (sheet is target or not sheet.has_dimension):
            try:
                with zf.open(sheet.part) as fh:
                    _Scan(fh, sheet.part, sheet.name, limits).run()
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise _damaged(f"{sheet.part}: {exc}", sheet.name) from exc


def _choose(pkg: _Package, sheet: str | None) -> _Sheet:
    worksheets = [s for s in pkg.sheets if not s.chart]
    if sheet is None:
        if not worksheets:
            raise WorkbookProblem(
                "xlsx.sheet", "工作簿中没有工作表 / the workbook has no worksheet"
            )
        return worksheets[0]
    for s in worksheets:
        if s.name == sheet:
            return s
    names = "、".join(s.name for s in worksheets)
    raise WorkbookProblem(
        "xlsx.sheet",
        f"没有名为“{sheet}”的工作表（现有：{names}）/ no worksheet {sheet!r}; the workbook has "
        f"{', '.join(s.name for s in worksheets)}",
    )


# ---------------------------------------------------------------------------------------
# Reading rows


def iter_rows(
    path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[int, list[object]]]:
    """(row number from 1, cell values from column A to the last cell holding a value) for
    every row of one worksheet (default: the first) that holds a value.

    Nothing is read until the first row is asked for. Then :func:`check_package` and the
    streaming checks run, so a refused workbook raises :class:`WorkbookProblem` before any
    row; a row wider than ``max_columns`` or a text longer than ``max_text_chars`` raises it
    (with row and column) when reached. Values are openpyxl's read-only ``data_only`` values:
    cached results of formulas, ``datetime`` for date cells, the top-left value of a merged
    range and None in the rest of it. The declared sheet size is ignored.
    """
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise _unreadable(exc) from exc
    with fh:
        pkg = _inspect(fh, limits)
        try:
            target = _choose(pkg, sheet)
            _deep_check(pkg, target, limits)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise _damaged(str(exc)) from exc
        finally:
            pkg.zf.close()
        yield from _rows(fh, target, limits)


def _rows(fh: IO[bytes], target: _Sheet, limits: Limits) -> Iterator[tuple[int, list[object]]]:
    import openpyxl  # only when an Excel file is read: importing it costs ~0.2 s
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    fh.seek(0)
    try:  # the same open file that was checked
        workbook = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise _damaged(str(exc) or type(exc).__name__) from exc
    try:
        ws = workbook[target.name] if target.name in workbook.sheetnames else None
        if (
            not isinstance(ws, ReadOnlyWorksheet)
            or getattr(ws, "_worksheet_path", "") != target.part
        ):
            raise _damaged(f"sheet {target.name!r} is not where its relationships say")
        ws.reset_dimensions()  # never pad rows to the size the sheet declares
        rows = ws.iter_rows(min_row=1, min_col=1, values_only=True)
        number = 0
        while True:
            try:
                values = next(rows, None)
            except Exception as exc:
                raise _damaged(str(exc) or type(exc).__name__, target.name, number + 1) from exc
            if values is None:
                return
            number += 1
            if values:  # openpyxl fills a gap in the rows with empty ones
                cells = _checked(list(values), target.name, number, limits)
                if cells:
                    yield number, cells
    finally:
        workbook.close()


def _checked(cells: list[object], sheet: str, row: int, limits: Limits) -> list[object]:
    """The row's values without trailing empty cells, if within the limits."""
    if row > limits.max_rows:
        raise WorkbookProblem(
            "xlsx.rows",
            f"工作表“{sheet}”超过 {limits.max_rows:,} 行的上限 / sheet {sheet!r} has more "
            f"than {limits.max_rows:,} rows",
            sheet,
            row,
        )
    if len(cells) > limits.max_columns:
        beyond = [i for i in range(limits.max_columns, len(cells)) if cells[i] is not None]
        column = beyond[0] + 1 if beyond else len(cells)
        cell = f"{column_letters(column)}{row}"
        what_zh, what_en = (
            ("单元格有值", "holds a value") if beyond else ("是设了格式的空单元格", "is formatted")
        )
        raise WorkbookProblem(
            "xlsx.columns",
            f"工作表“{sheet}”第 {row:,} 行的 {cell} {what_zh}，超出 {limits.max_columns:,} 列"
            f"的上限：请删除多余的列 / sheet {sheet!r}, cell {cell} {what_en}: beyond the "
            f"limit of {limits.max_columns:,} columns; delete the extra columns",
            sheet,
            row,
            column,
        )
    while cells and cells[-1] is None:
        cells.pop()
    for index, value in enumerate(cells):
        if isinstance(value, str) and len(value) > limits.max_text_chars:
            cell = f"{column_letters(index + 1)}{row}"
            raise WorkbookProblem(
                "xlsx.text",
                f"工作表“{sheet}”的 {cell} 单元格有 {len(value):,} 个字符，超过 "
                f"{limits.max_text_chars:,} 的上限 / sheet {sheet!r}, cell {cell}: "
                f"{len(value):,} characters, over the limit of {limits.max_text_chars:,}",
                sheet,
                row,
                index + 1,
            )
    return cells
