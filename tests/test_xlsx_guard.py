"""Hostile and careless .xlsx files are refused quickly with a located problem; normal
workbooks read back exactly.

The hostile files are built here byte by byte (a tiny zip writer, deflate pieces repeated
after a full flush), so a 2 GiB zip bomb costs a few MB and about a second to make.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from chuangye_cli.xlsxguard import (
    DEFAULT_LIMITS,
    GiB,
    Limits,
    MiB,
    WorkbookProblem,
    check_package,
    column_letters,
    iter_rows,
    sheet_names,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
SECONDS = 5.0  # each hostile file is refused within this
PEAK_MIB = 256  # ... using at most this much memory

Raw = tuple[bytes, int, int]  # deflated bytes, CRC-32 and inflated size of one part


# ---------------------------------------------------------------------------------------
# Building files


def deflate(data: bytes) -> Raw:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(), zlib.crc32(data), len(data)


def deflate_repeated(head: bytes, body: bytes, times: int, tail: bytes) -> Raw:
    """``head + body * times + tail`` deflated without deflating it all: after a full flush
    the compressor forgets what it saw, so every copy of ``body`` deflates to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    piece = c.compress(body) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(body) + c.flush(zlib.Z_FULL_FLUSH) == piece
    last = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(body, crc)
    crc = zlib.crc32(tail, crc)
    return first + piece * times + last, crc, len(head) + len(body) * times + len(tail)


def write_zip(
    path: Path,
    parts: dict[str, bytes | Raw],
    declared: dict[str, int] | None = None,
    encrypted: tuple[str, ...] = (),
) -> Path:
    """A zip of deflated parts; ``declared`` overrides the inflated size its directory states."""
    body, directory = bytearray(), bytearray()
    for name, content in parts.items():
        data, crc, size = deflate(content) if isinstance(content, bytes) else content
        size = (declared or {}).get(name, size)
        flags = 1 if name in encrypted else 0
        encoded = name.encode()
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        body += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, flags, 8, 0, 0x21, crc, len(data), size, len(encoded)),
            *(0, 0, 0, 0, 0, offset),
        )
        directory += encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def sheet_xml(rows: str, dimension: str | None = "A1", head: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension is not None else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        f"{head}{dim}<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def package(
    sheets: dict[str, bytes | Raw],
    shared: bytes | Raw | None = None,
    extra: dict[str, bytes | Raw] | None = None,
) -> dict[str, bytes | Raw]:
    """The parts of a minimal workbook holding ``sheets`` (name → sheet XML), in order."""
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>']
    entries, rels, parts = [], [], {}
    for n, (name, xml) in enumerate(sheets.items(), 1):
        overrides.append(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{CT}.worksheet+xml"/>'
        )
        entries.append(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>')
        rels.append(
            f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        )
        parts[f"xl/worksheets/sheet{n}.xml"] = xml
    if shared is not None:
        overrides.append(
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
        )
        rels.append(
            f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
        parts["xl/sharedStrings.xml"] = shared
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    return {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{"".join(entries)}</sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG_REL}">{"".join(rels)}</Relationships>'
        ).encode(),
        **parts,
        **(extra or {}),
    }


def shared_xml(strings: list[str]) -> bytes:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<sst xmlns="{MAIN}" count="{len(strings)}">{items}</sst>'.encode()


def cells(row: int, values: list[str]) -> str:
    """A row of numeric cells, or shared-string cells for values written ``s:N``."""
    out = []
    for col, v in enumerate(values, 1):
        ref = f"{column_letters(col)}{row}"
        out.append(
            f'<c r="{ref}" t="s"><v>{v[2:]}</v></c>'
            if v.startswith("s:")
            else f'<c r="{ref}"><v>{v}</v></c>'
        )
    return f'<row r="{row}">{"".join(out)}</row>'


def over_declared(tmp: Path) -> Path:
    """1.5 KB: A1:XFD1048576 declared, cells in rows 1, 2 and 1,048,576. openpyxl pads every
    row in between to 16,384 cells (the existing reader then spends ~7 minutes on them)."""
    rows = cells(1, ["1", "2"]) + cells(2, ["3"]) + cells(1_048_576, ["9"])
    return write_zip(
        tmp / "over_declared.xlsx", package({"数据": sheet_xml(rows, "A1:XFD1048576")})
    )


def sheet_bomb(tmp: Path) -> Path:
    """A 2 GiB sheet of rows in a ~5 MB file."""
    row = b'<row><c t="n"><v>1</v></c></row>'
    head = sheet_xml("", None).split(b"</sheetData>")[0]
    raw = deflate_repeated(head, row * (MiB // len(row)), 2048, b"</sheetData></worksheet>")
    return write_zip(tmp / "sheet_bomb.xlsx", package({"数据": raw}))


def string_bomb(tmp: Path) -> Path:
    """One 1.5 GiB note (an inline string): the issue's "1 GiB string accepted as a note"."""
    head = sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>', None).split(b"</sheetData>")[0]
    raw = deflate_repeated(head, b"x" * MiB, 1536, b"</t></is></c></row></sheetData></worksheet>")
    return write_zip(tmp / "string_bomb.xlsx", package({"数据": raw}))


def shared_strings_bomb(tmp: Path) -> Path:
    """600 MiB of shared strings (under the total limit) in a ~2 MB file."""
    item = b"<si><t>ab</t></si>"
    raw = deflate_repeated(
        f'<sst xmlns="{MAIN}">'.encode(), item * (MiB // len(item)), 600, b"</sst>"
    )
    return write_zip(
        tmp / "shared_strings_bomb.xlsx",
        package({"数据": sheet_xml(cells(1, ["s:0"]))}, shared=raw),
    )


def lying_size(tmp: Path, declared: int = 256 * 1024) -> Path:
    """A sheet whose directory declares 256 KiB but whose data inflate to 1 GiB."""
    row = b'<row><c t="n"><v>1</v></c></row>'
    head = sheet_xml("", None).split(b"</sheetData>")[0]
    raw = deflate_repeated(head, row * (MiB // len(row)), 1024, b"</sheetData></worksheet>")
    parts = package({"数据": raw})
    return write_zip(
        tmp / "lying_size.xlsx", parts, declared={"xl/worksheets/sheet1.xml": declared}
    )


def long_text(tmp: Path, shared: bool = False) -> Path:
    """A 40,000-character note in C5, inline or as a shared string."""
    text = "长" * 40_000
    if shared:
        rows = cells(1, ["1"]) + cells(5, ["1", "2", "s:0"])
        return write_zip(
            tmp / "long_shared.xlsx", package({"数据": sheet_xml(rows)}, shared_xml([text]))
        )
    # openpyxl cuts strings to 32,767 characters when a cell is set, so write the XML.
    rows = cells(1, ["1"]) + f'<row r="5"><c r="C5" t="inlineStr"><is><t>{text}</t></is></c></row>'
    return write_zip(tmp / "long_text.xlsx", package({"数据": sheet_xml(rows)}))


def wide_row(tmp: Path, columns: int = 20_000) -> Path:
    """Row 3 has ``columns`` cells without references (openpyxl counts them along)."""
    rows = (
        cells(1, ["1"]) + cells(2, ["2"]) + '<row r="3">' + "<c><v>7</v></c>" * columns + "</row>"
    )
    return write_zip(tmp / "wide_row.xlsx", package({"数据": sheet_xml(rows)}))


def not_zip(tmp: Path) -> Path:
    path = tmp / "returns.xlsx"
    path.write_text("月份,县区,指标,数值\n2019-06,东区,新增企业,3\n", encoding="utf-8")
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "over_declared": (over_declared, "xlsx.dimension"),
    "sheet_bomb": (sheet_bomb, "xlsx.too-big"),
    "string_bomb": (string_bomb, "xlsx.too-big"),
    "shared_strings_bomb": (shared_strings_bomb, "xlsx.ratio"),
    "lying_size": (lying_size, "xlsx.damaged"),
    "long_text": (long_text, "xlsx.text"),
    "wide_row": (wide_row, "xlsx.columns"),
    "not_zip": (not_zip, "xlsx.not-zip"),
}


def refusal(
    path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> WorkbookProblem:
    """The problem reading every row raises, within :data:`SECONDS`."""
    start = time.perf_counter()
    with pytest.raises(WorkbookProblem) as caught:
        for _ in iter_rows(path, sheet, limits):
            pass
    assert time.perf_counter() - start < SECONDS
    return caught.value


# ---------------------------------------------------------------------------------------
# Hostile files


def test_over_declared_sheet_is_refused_by_its_declaration(tmp_path: Path) -> None:
    path = over_declared(tmp_path)
    assert path.stat().st_size < 4_800
    problem = check_package(path)
    assert problem is not None
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "xlsx.dimension",
        "数据",
        None,
        None,
    )
    assert "A1:XFD1048576" in problem.message
    assert "16,384 列" in problem.message
    assert refusal(path).code == "xlsx.dimension"


def test_declared_size_is_not_trusted_when_reading(tmp_path: Path) -> None:
    """With the limit raised past the declaration, rows are not padded to 16,384 columns."""
    code = (
        "from pathlib import Path; from chuangye_cli.xlsxguard import Limits, iter_rows\n"
        f"print(list(iter_rows(Path({str(over_declared(tmp_path))!r}), None, "
        "Limits(max_columns=16_384))))"
    )
    run = [sys.executable, "-c", code]
    out = subprocess.run(run, capture_output=True, text=True, timeout=SECONDS, check=True)
    assert out.stdout.strip() == "[(1, [1, 2]), (2, [3]), (1048576, [9])]"


@pytest.mark.parametrize("build", [sheet_bomb, string_bomb])
def test_zip_bombs_are_refused_from_the_directory(
    tmp_path: Path, build: Callable[[Path], Path]
) -> None:
    path = build(tmp_path)
    assert path.stat().st_size < 8 * MiB
    start = time.perf_counter()
    problem = check_package(path)
    assert time.perf_counter() - start < 1
    assert problem is not None and problem.code == "xlsx.too-big"
    assert "GiB" in problem.message
    assert refusal(path).code == "xlsx.too-big"


def test_a_bomb_under_the_total_is_refused_for_its_ratio(tmp_path: Path) -> None:
    path = sheet_bomb(tmp_path)
    problem = check_package(path, Limits(max_total_bytes=4 * GiB))
    assert problem is not None and problem.code == "xlsx.ratio"
    assert "xl/worksheets/sheet1.xml" in problem.message


def test_shared_strings_bomb(tmp_path: Path) -> None:
    path = shared_strings_bomb(tmp_path)
    problem = check_package(path)
    assert problem is not None and problem.code == "xlsx.ratio"
    assert "xl/sharedStrings.xml" in problem.message
    # Without the ratio check, the declared size of the shared strings is the next guard.
    problem = check_package(path, Limits(max_ratio=10**9))
    assert problem is not None and problem.code == "xlsx.part-too-big"
    assert "xl/sharedStrings.xml" in problem.message


def test_too_many_shared_strings(tmp_path: Path) -> None:
    shared = shared_xml([f"s{i}" for i in range(11)])
    path = write_zip(
        tmp_path / "many.xlsx", package({"数据": sheet_xml(cells(1, ["s:0"]))}, shared)
    )
    assert [row for _, row in iter_rows(path, limits=Limits(max_shared_strings=11))] == [["s0"]]
    problem = refusal(path, limits=Limits(max_shared_strings=10))
    assert (problem.code, problem.sheet, problem.row) == ("xlsx.shared-strings", None, None)


def test_a_size_that_lies_stops_where_it_says(tmp_path: Path) -> None:
    """zipfile inflates no more than the declared size; the CRC then fails."""
    path = lying_size(tmp_path)
    assert check_package(path) is None  # the first 64 KiB read are fine
    problem = refusal(path)
    assert (problem.code, problem.sheet) == ("xlsx.damaged", "数据")
    assert "Bad CRC-32" in problem.message
    early = check_package(lying_size(tmp_path, 8 * 1024))  # the probe reads it all
    assert early is not None and early.code == "xlsx.damaged"
    assert "Bad CRC-32" in early.message


@pytest.mark.parametrize("shared", [False, True])
def test_long_text_is_located(tmp_path: Path, shared: bool) -> None:
    path = long_text(tmp_path, shared)
    assert check_package(path) is None
    rows = iter_rows(path)
    assert next(rows)[0] == 1
    with pytest.raises(WorkbookProblem) as caught:
        list(rows)
    problem = caught.value
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("xlsx.text", "数据", 5, 3)
    assert "C5" in problem.message and "40,000" in problem.message
    assert list(iter_rows(path, limits=Limits(max_text_chars=40_000)))[-1][1][2] == "长" * 40_000


def test_wide_row_is_located(tmp_path: Path) -> None:
    problem = refusal(wide_row(tmp_path))
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "xlsx.columns",
        "数据",
        3,
        1001,
    )
    assert "ALM3" in problem.message
    rows = list(iter_rows(wide_row(tmp_path, 1000)))
    assert [n for n, _ in rows] == [1, 2, 3] and rows[2][1] == [7] * 1000


def test_formatted_empty_cells_far_right(tmp_path: Path) -> None:
    rows = cells(1, ["1"]) + '<row r="2"><c r="A2"><v>2</v></c><c r="XFD2" s="1"/></row>'
    path = write_zip(tmp_path / "far.xlsx", package({"数据": sheet_xml(rows)}))
    problem = refusal(path)
    assert (problem.code, problem.row, problem.column) == ("xlsx.columns", 2, 16_384)
    assert "XFD2" in problem.message and "格式" in problem.message


def big_row(number: int) -> str:
    """Over 1 MiB of XML in one row, not very compressible."""
    return f'<row r="{number}">' + "".join(f"<c><v>{i}</v></c>" for i in range(100_000)) + "</row>"


def test_a_row_too_big_is_refused_before_openpyxl_builds_it(tmp_path: Path) -> None:
    rows = cells(1, ["1"]) + big_row(2)
    problem = refusal(write_zip(tmp_path / "big_row.xlsx", package({"数据": sheet_xml(rows)})))
    assert (problem.code, problem.sheet, problem.row) == ("xlsx.row-too-big", "数据", 2)


def test_not_a_zip(tmp_path: Path) -> None:
    problem = check_package(not_zip(tmp_path))
    assert problem is not None and problem.code == "xlsx.not-zip"
    assert problem.message.startswith("不是有效的 .xlsx 文件")
    assert refusal(not_zip(tmp_path)).code == "xlsx.not-zip"


def test_encrypted_and_old_format(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "enc.xlsx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(99))
    (tmp_path / "old.xlsx").write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(99))
    parts = package({"数据": sheet_xml(cells(1, ["1"]))})
    zipped = write_zip(tmp_path / "zipcrypto.xlsx", parts, encrypted=("xl/worksheets/sheet1.xml",))
    found = [check_package(tmp_path / n) for n in ("enc.xlsx", "old.xlsx", zipped.name)]
    assert [p.code if p else None for p in found] == [
        "xlsx.encrypted",
        "xlsx.old-format",
        "xlsx.encrypted",
    ]


def test_too_many_parts_and_too_big_a_file(tmp_path: Path) -> None:
    parts = package({"数据": sheet_xml(cells(1, ["1"]))})
    parts.update({f"junk/{i}.bin": b"" for i in range(30)})
    path = write_zip(tmp_path / "parts.xlsx", parts)
    problem = check_package(path, Limits(max_parts=30))
    assert problem is not None and problem.code == "xlsx.too-many-parts"
    assert check_package(path, Limits(max_parts=40)) is None
    problem = check_package(path, Limits(max_file_bytes=1000))
    assert problem is not None and problem.code == "xlsx.file-too-big"


def test_dtd_is_refused(tmp_path: Path) -> None:
    laughs = b'<!DOCTYPE x [<!ENTITY a "<xf/><xf/><xf/><xf/>">]>'
    sheet = sheet_xml(cells(1, ["1"])).replace(b"\n", b"\n" + laughs)
    problem = check_package(write_zip(tmp_path / "a.xlsx", package({"数据": sheet})))
    assert problem is not None and problem.code == "xlsx.dtd"
    styles = b'<?xml version="1.0"?>' + laughs + f'<styleSheet xmlns="{MAIN}"/>'.encode()
    parts = package({"数据": sheet_xml(cells(1, ["1"]))}, extra={"xl/styles.xml": styles})
    problem = check_package(write_zip(tmp_path / "b.xlsx", parts))
    assert problem is not None and problem.code == "xlsx.dtd"
    assert "xl/styles.xml" in problem.message


def test_too_many_elements_in_styles(tmp_path: Path) -> None:
    """200,001 <xf/> would cost openpyxl ~9 s and ~145 MiB; under 1 MiB, so no ratio check."""
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs>{"<xf/>" * 200_001}</cellXfs></styleSheet>'
    parts = package({"数据": sheet_xml(cells(1, ["1"]))}, extra={"xl/styles.xml": styles.encode()})
    problem = refusal(write_zip(tmp_path / "styles.xlsx", parts))
    assert problem.code == "xlsx.too-many-elements" and "xl/styles.xml" in problem.message


@pytest.mark.parametrize(
    ("rows", "code", "row"),
    [
        (cells(1, ["1"]) + "<!-- note -->" + cells(2, ["2"]), "xlsx.markup", None),
        (cells(1, ["1"]) + '<row r="2"><c r="A2"><!--x--><v>1</v></c></row>', "xlsx.markup", 2),
        (cells(2, ["1"]) + cells(1, ["2"]), "xlsx.rows", 1),
        (cells(1, ["1"]) + '<row r="2"><row r="3"/></row>', "xlsx.markup", 2),
        (cells(1, ["1"]) + '<row r="2000000"/>', "xlsx.rows", 2_000_000),
    ],
    ids=["comment-between-rows", "comment-in-row", "out-of-order", "nested", "too-far-down"],
)
def test_markup_openpyxl_would_misread(
    tmp_path: Path, rows: str, code: str, row: int | None
) -> None:
    problem = refusal(write_zip(tmp_path / "m.xlsx", package({"数据": sheet_xml(rows)})))
    assert (problem.code, problem.sheet, problem.row) == (code, "数据", row)


def test_unknown_sheet(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "s.xlsx", package({"数据": sheet_xml(cells(1, ["1"]))}))
    problem = refusal(path, sheet="Sheet9")
    assert problem.code == "xlsx.sheet"
    assert "Sheet9" in problem.message and "数据" in problem.message


# ---------------------------------------------------------------------------------------
# Memory, in a fresh process per file

MEASURE = """
import re, sys, time
from pathlib import Path
from chuangye_cli.xlsxguard import WorkbookProblem, iter_rows
start = time.perf_counter()
try:
    for _ in iter_rows(Path(sys.argv[1])):
        pass
    code = "accepted"
except WorkbookProblem as problem:
    code = problem.code
seconds = time.perf_counter() - start
print(code, seconds, re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1])
"""


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    build, code = HOSTILE[name]
    path = build(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", MEASURE, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    out = child.stdout.read().split()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0
    assert out[0] == code
    assert float(out[1]) < SECONDS
    # ru_maxrss also counts what this process held when it forked: an upper bound.
    assert usage.ru_maxrss < PEAK_MIB * 1024  # KiB on Linux
    assert int(out[2]) < PEAK_MIB * 1024  # the child's own high-water mark, KiB


def test_openpyxl_is_imported_only_to_read_rows(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "s.xlsx", package({"数据": sheet_xml(cells(1, ["1"]))}))
    code = (
        "import sys; from pathlib import Path; from chuangye_cli import xlsxguard as g\n"
        f"p = Path({str(path)!r}); g.check_package(p); g.sheet_names(p)\n"
        "print('openpyxl' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------
# Normal workbooks


def normal_workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "实绩"
    ws["A1"] = "六安市“创业江淮”行动计划实绩"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:G1")
    ws["A2"] = "填报单位：金安区"
    ws.merge_cells("A2:C2")
    ws.append(["月份", "县区", "指标", "数值", "单位", "口径", "备注"])
    ws.append([dt.datetime(2019, 6, 1), "金安区", "新增企业", 3, "个", "当月新增", None])
    ws.append(["2019-07", "裕安区", "发放贷款", 1200.5, "万元", "1-7月累计", "含贴息"])
    ws.append([])
    ws.append(["2019-08", "市直", "众创空间", 2, "个", "期末存量"])
    ws["G7"].number_format = "0.00"  # a formatted empty cell at the end of a row
    notes = wb.create_sheet("说明")
    notes["B2"] = "数值为负表示核减"
    wb.save(path)
    return path


def test_normal_workbook_reads_back_exactly(tmp_path: Path) -> None:
    path = normal_workbook(tmp_path / "normal.xlsx")
    assert check_package(path) is None
    assert sheet_names(path) == ["实绩", "说明"]
    assert list(iter_rows(path)) == [
        (1, ["六安市“创业江淮”行动计划实绩"]),
        (2, ["填报单位：金安区"]),
        (3, ["月份", "县区", "指标", "数值", "单位", "口径", "备注"]),
        (4, [dt.datetime(2019, 6, 1), "金安区", "新增企业", 3, "个", "当月新增"]),
        (5, ["2019-07", "裕安区", "发放贷款", 1200.5, "万元", "1-7月累计", "含贴息"]),
        (7, ["2019-08", "市直", "众创空间", 2, "个", "期末存量"]),
    ]
    assert list(iter_rows(path, "说明")) == [(2, [None, "数值为负表示核减"])]


def test_reads_what_plain_openpyxl_reads(tmp_path: Path) -> None:
    """Same values as openpyxl itself, empty rows and trailing empty cells aside."""
    path = normal_workbook(tmp_path / "normal.xlsx")
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for name in wb.sheetnames:
        plain = {
            n: list(r)
            for n, r in enumerate(wb[name].iter_rows(values_only=True), 1)
            if any(v is not None for v in r)
        }
        ours = dict(iter_rows(path, name))
        assert ours.keys() == plain.keys()
        assert all(ours[n] + [None] * (len(plain[n]) - len(ours[n])) == plain[n] for n in ours)
    wb.close()


def test_cached_formula_values_and_shared_strings(tmp_path: Path) -> None:
    """As Excel writes them: shared strings, formulas with cached values, a 1904-free date."""
    rows = (
        cells(1, ["s:0", "s:1", "s:2"])
        + '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>4</v></c>'
        '<c r="C2"><f>B2*2</f><v>8</v></c></row>'
        '<row r="4" spans="1:3" ht="20" customHeight="1"><c r="C4" t="str"><f>A2&amp;"!"</f>'
        "<v>东区!</v></c></row>"
    )
    shared = shared_xml(["县区", "数值", "两倍", "东区"])
    path = write_zip(tmp_path / "excel.xlsx", package({"数据": sheet_xml(rows, "A1:C4")}, shared))
    assert list(iter_rows(path)) == [
        (1, ["县区", "数值", "两倍"]),
        (2, ["东区", 4, 8]),
        (4, [None, None, "东区!"]),
    ]


def test_prefixed_namespace_and_pretty_printing(tmp_path: Path) -> None:
    """Some writers use a prefix for SpreadsheetML and indent their XML."""
    sheet = (
        f'<x:worksheet xmlns:x="{MAIN}">\n  <x:dimension ref="A1:B2"/>\n  <x:sheetData>\n'
        '    <x:row r="1">\n      <x:c r="A1"><x:v>1</x:v></x:c>\n    </x:row>\n'
        '    <x:row r="2"><x:c r="B2"><x:v>2</x:v></x:c></x:row>\n  </x:sheetData>\n</x:worksheet>\n'
    ).encode()
    path = write_zip(tmp_path / "x.xlsx", package({"数据": sheet}))
    assert list(iter_rows(path)) == [(1, [1]), (2, [None, 2])]
    too_far = sheet.replace(b'<x:row r="2">', b'<x:row r="1048577">')
    problem = refusal(write_zip(tmp_path / "y.xlsx", package({"数据": too_far})))
    assert (problem.code, problem.row) == ("xlsx.rows", 1_048_577)


def test_a_sheet_without_dimension_is_scanned(tmp_path: Path) -> None:
    """openpyxl reads such a sheet whole on loading, even when another sheet is asked for."""
    bad = sheet_xml(cells(1, ["1"]) + big_row(2), None)
    path = write_zip(tmp_path / "two.xlsx", package({"好": sheet_xml(cells(1, ["1"])), "坏": bad}))
    problem = refusal(path, "好")
    assert (problem.code, problem.sheet, problem.row) == ("xlsx.row-too-big", "坏", 2)
    with_dimension = bad.replace(b"<sheetData>", b'<dimension ref="A1"/><sheetData>')
    path = write_zip(
        tmp_path / "three.xlsx", package({"好": sheet_xml(cells(1, ["1"])), "坏": with_dimension})
    )
    assert list(iter_rows(path, "好")) == [(1, [1])]
