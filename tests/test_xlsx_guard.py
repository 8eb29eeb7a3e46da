"""Hostile and careless .xlsx files are refused quickly with a located problem before
calamine reads them; normal workbooks read back exactly through the real reader.

The hostile files are built here byte by byte (a tiny zip writer, deflate pieces repeated
after a full flush), so a 2 GiB zip bomb costs a few MB and about a second to make.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from chuangye_cli.catalogue import Code
from chuangye_cli.reading.sources import SourceProblem, workbook_sheets
from chuangye_cli.xlsxguard import (
    GiB,
    Limits,
    MiB,
    WorkbookProblem,
    check_workbook,
    column_letters,
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


def one_sheet(path: Path, rows: str, shared: bytes | None = None) -> Path:
    return write_zip(path, package({"数据": sheet_xml(rows)}, shared))


def over_declared(tmp: Path) -> Path:
    """1.5 KB: A1:XFD1048576 declared, cells in rows 1, 2 and 1,048,576: calamine would lay
    out a grid of 2,097,152 cells."""
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
    """600 MiB of shared strings in a ~2 MB file."""
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
        return one_sheet(tmp / "long_shared.xlsx", rows, shared_xml([text]))
    rows = cells(1, ["1"]) + f'<row r="5"><c r="C5" t="inlineStr"><is><t>{text}</t></is></c></row>'
    return one_sheet(tmp / "long_text.xlsx", rows)


def wide_row(tmp: Path, columns: int = 20_000) -> Path:
    """Row 3 has ``columns`` cells without references (calamine counts them along)."""
    rows = (
        cells(1, ["1"]) + cells(2, ["2"]) + '<row r="3">' + "<c><v>7</v></c>" * columns + "</row>"
    )
    return one_sheet(tmp / "wide_row.xlsx", rows)


def big_row(number: int) -> str:
    """Over 1 MiB of XML in one row, not very compressible."""
    return f'<row r="{number}">' + "".join(f"<c><v>{i}</v></c>" for i in range(100_000)) + "</row>"


def row_too_big(tmp: Path) -> Path:
    return one_sheet(tmp / "row_too_big.xlsx", cells(1, ["1"]) + big_row(2))


def row_beyond(tmp: Path) -> Path:
    """A value in row 1,048,577, past Excel's last row."""
    return one_sheet(tmp / "row_beyond.xlsx", cells(1, ["1"]) + cells(1_048_577, ["2"]))


def far_apart(tmp: Path) -> Path:
    """Two values, in A1 and ALL1048576: calamine would lay out 1,048,576,000 cells (32 GB)."""
    rows = cells(1, ["1"]) + '<row r="1048576"><c r="ALL1048576"><v>2</v></c></row>'
    return one_sheet(tmp / "far_apart.xlsx", rows)


def hidden_cell(tmp: Path) -> Path:
    """A far cell after a ``</sheetData>`` hidden in an attribute value, which calamine's
    XML reader lets through: a scanner looking for the end tag would stop too early."""
    rows = (
        cells(1, ["1"])
        + '<row r="2"><c r="A2"><v x="</sheetData>">1</v></c>'
        + '<c r="ALL1048576"><v>2</v></c></row>'
    )
    return one_sheet(tmp / "hidden_cell.xlsx", rows)


def copied_strings(tmp: Path) -> Path:
    """One shared string of 30,000 characters (90 KB) shown in 100,000 cells: calamine would
    copy it into each, 9 GB."""
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "ABCDEFGHIJ")
        + "</row>"
        for r in range(1, 10_001)
    )
    return one_sheet(tmp / "copied_strings.xlsx", rows, shared_xml(["长" * 30_000]))


def not_zip(tmp: Path) -> Path:
    path = tmp / "returns.xlsx"
    path.write_text("月份,县区,指标,数值\n2019-06,东区,新增企业,3\n", encoding="utf-8")
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "over_declared": (over_declared, "xlsx.dimension"),
    "sheet_bomb": (sheet_bomb, "xlsx.too-big"),
    "string_bomb": (string_bomb, "xlsx.too-big"),
    "shared_strings_bomb": (shared_strings_bomb, "xlsx.too-big"),
    "lying_size": (lying_size, "xlsx.damaged"),
    "long_text": (long_text, "xlsx.text"),
    "wide_row": (wide_row, "xlsx.columns"),
    "row_too_big": (row_too_big, "xlsx.row-too-big"),
    "row_beyond": (row_beyond, "xlsx.rows"),
    "far_apart": (far_apart, "xlsx.cells"),
    "hidden_cell": (hidden_cell, "xlsx.markup"),
    "copied_strings": (copied_strings, "xlsx.strings"),
    "not_zip": (not_zip, "xlsx.not-zip"),
}


def refusal(path: Path, limits: Limits | None = None) -> WorkbookProblem:
    """The problem :func:`check_workbook` finds, within :data:`SECONDS`."""
    start = time.perf_counter()
    problem = check_workbook(path) if limits is None else check_workbook(path, limits)
    assert time.perf_counter() - start < SECONDS
    assert problem is not None
    return problem


def where(problem: WorkbookProblem) -> tuple[str, str | None, int | None, int | None]:
    return problem.code, problem.sheet, problem.row, problem.column


def read(path: Path) -> dict[str, list[tuple[int, list[str]]]]:
    """Every sheet's rows as the real reader gives them."""
    return {s.name or "": [(n, list(r)) for n, r in s.rows()] for s in workbook_sheets(path)}


# ---------------------------------------------------------------------------------------
# Hostile files, checked by the guard


def test_over_declared_sheet_is_refused_by_its_declaration(tmp_path: Path) -> None:
    path = over_declared(tmp_path)
    assert path.stat().st_size < 4_800
    problem = refusal(path)
    assert where(problem) == ("xlsx.dimension", "数据", None, None)
    assert "A1:XFD1048576" in problem.message
    assert "16,384 列" in problem.message


def test_the_cells_decide_not_the_declaration(tmp_path: Path) -> None:
    """With the declaration allowed, the grid calamine would lay out is what counts."""
    path = over_declared(tmp_path)
    problem = refusal(path, Limits(max_columns=16_384))
    assert where(problem) == ("xlsx.cells", "数据", None, None)
    assert "A1:B1048576" in problem.message and "2,097,152" in problem.message
    assert check_workbook(path, Limits(max_columns=16_384, max_cells=2_097_152)) is None


@pytest.mark.parametrize("build", [sheet_bomb, string_bomb])
def test_zip_bombs_are_refused_from_the_directory(
    tmp_path: Path, build: Callable[[Path], Path]
) -> None:
    path = build(tmp_path)
    assert path.stat().st_size < 8 * MiB
    start = time.perf_counter()
    problem = check_workbook(path)
    assert time.perf_counter() - start < 1
    assert problem is not None and problem.code == "xlsx.too-big"
    assert "GiB" in problem.message and "64.0 MiB" in problem.message


def test_a_bomb_under_the_total_is_refused_for_its_ratio(tmp_path: Path) -> None:
    problem = refusal(sheet_bomb(tmp_path), Limits(max_total_bytes=4 * GiB))
    assert problem.code == "xlsx.ratio"
    assert "xl/worksheets/sheet1.xml" in problem.message


def test_shared_strings_bomb(tmp_path: Path) -> None:
    path = shared_strings_bomb(tmp_path)
    assert refusal(path).code == "xlsx.too-big"
    problem = refusal(path, Limits(max_total_bytes=GiB))
    assert problem.code == "xlsx.ratio" and "xl/sharedStrings.xml" in problem.message
    # Without the ratio check, the declared size of the shared strings is the next guard.
    problem = refusal(path, Limits(max_total_bytes=GiB, max_ratio=10**9))
    assert problem.code == "xlsx.part-too-big" and "xl/sharedStrings.xml" in problem.message


@pytest.mark.parametrize("excel", [True, False], ids=["as-excel", "other-writer"])
def test_too_many_shared_strings(tmp_path: Path, excel: bool) -> None:
    shared = shared_xml([f"s{i}" for i in range(11)])
    if not excel:  # items another way: checked one by one
        shared = shared.replace(b"<si>", b"<si >").replace(b"<t>", b"<t >")
    path = one_sheet(tmp_path / "many.xlsx", cells(1, ["s:10"]), shared)
    assert check_workbook(path, Limits(max_shared_strings=11)) is None
    assert read(path) == {"数据": [(1, ["s10"])]}
    problem = refusal(path, Limits(max_shared_strings=10))
    assert where(problem) == ("xlsx.shared-strings", None, None, None)
    assert "10 条" in problem.message


def test_a_shared_string_without_text_is_refused(tmp_path: Path) -> None:
    """calamine versions differ on an item without a ``t``: the indexes after it would be
    uncertain, and with them the strings copied into cells."""
    shared = shared_xml(["a", "b"]).replace(b"<si><t>a</t></si>", b"<si/>")
    problem = refusal(one_sheet(tmp_path / "empty.xlsx", cells(1, ["s:1"]), shared))
    assert where(problem) == ("xlsx.markup", None, None, None)
    assert "共享字符串第 1 条没有文字" in problem.message


def test_a_size_that_lies_stops_where_it_says(tmp_path: Path) -> None:
    """zipfile inflates no more than the declared size; the CRC then fails."""
    for declared in (256 * 1024, 8 * 1024):  # past the first 64 KiB read, and within them
        problem = refusal(lying_size(tmp_path, declared))
        assert (problem.code, problem.sheet) == ("xlsx.damaged", "数据")
        assert "Bad CRC-32" in problem.message


@pytest.mark.parametrize("shared", [False, True], ids=["inline", "shared"])
def test_long_text_is_located(tmp_path: Path, shared: bool) -> None:
    path = long_text(tmp_path, shared)
    problem = refusal(path)
    assert where(problem) == ("xlsx.text", "数据", 5, 3)
    assert "C5" in problem.message and "40,000" in problem.message
    assert check_workbook(path, Limits(max_text_chars=40_000)) is None
    with pytest.raises(SourceProblem) as caught:  # the reader refuses it before calamine
        workbook_sheets(path)
    found = caught.value
    assert (found.code, found.line, found.column) == (Code.ACTUALS_TOO_LARGE, 5, 3)
    assert found.args_["reason"] == problem.message.partition(" / ")[2]


def test_wide_row_is_located(tmp_path: Path) -> None:
    problem = refusal(wide_row(tmp_path))
    assert where(problem) == ("xlsx.columns", "数据", 3, 1001)
    assert "ALM3" in problem.message
    rows = read(wide_row(tmp_path, 1000))["数据"]
    assert [n for n, _ in rows] == [1, 2, 3]
    assert rows[0][1] == ["1"] + [""] * 999 and rows[2][1] == ["7"] * 1000


def test_formatted_empty_cells_far_right_are_skipped_like_calamine(tmp_path: Path) -> None:
    rows = cells(1, ["1"]) + '<row r="2"><c r="A2"><v>2</v></c><c r="XFD2" s="1"/></row>'
    path = one_sheet(tmp_path / "far.xlsx", rows)
    assert check_workbook(path) is None
    assert read(path) == {"数据": [(1, ["1"]), (2, ["2"])]}
    near = one_sheet(tmp_path / "near.xlsx", rows.replace("XFD2", "Z9"))  # checked in bulk
    assert check_workbook(near, Limits(max_cells=2)) is None  # A1:A2, as calamine lays it out
    assert read(near) == {"数据": [(1, ["1"]), (2, ["2"])]}
    valued = one_sheet(tmp_path / "far2.xlsx", rows.replace('s="1"/>', 's="1"><v>3</v></c>'))
    problem = refusal(valued)
    assert where(problem) == ("xlsx.columns", "数据", 2, 16_384)
    assert "XFD2" in problem.message


def test_a_row_too_big_is_refused_before_it_is_read(tmp_path: Path) -> None:
    start = time.perf_counter()
    problem = refusal(row_too_big(tmp_path))
    assert time.perf_counter() - start < 1
    assert where(problem) == ("xlsx.row-too-big", "数据", 2, None)


def test_a_value_beyond_the_last_row(tmp_path: Path) -> None:
    problem = refusal(row_beyond(tmp_path))
    assert where(problem) == ("xlsx.rows", "数据", 1_048_577, None)
    empty = one_sheet(tmp_path / "empty.xlsx", cells(1, ["1"]) + '<row r="2000000"/>')
    assert check_workbook(empty) is None  # an empty row costs calamine nothing


def test_the_grid_of_all_sheets_is_limited(tmp_path: Path) -> None:
    """calamine holds every cell from the first to the last of each sheet, all sheets at
    once: 7 × 7 cells in 实绩 (A1:G7) and 1 in 说明 (B2) make 50."""
    path = normal_workbook(tmp_path / "normal.xlsx")
    assert check_workbook(path, Limits(max_cells=50)) is None
    problem = refusal(path, Limits(max_cells=49))
    assert where(problem) == ("xlsx.cells", "说明", None, None)
    assert "B2:B2" in problem.message and "共 50 个" in problem.message
    problem = refusal(far_apart(tmp_path))
    assert "A1:ALL1048576" in problem.message and "1,048,576,000" in problem.message


@pytest.mark.parametrize("excel", [True, False], ids=["as-excel", "one-by-one"])
def test_shared_strings_copied_into_cells_are_limited(tmp_path: Path, excel: bool) -> None:
    """A shared string is copied into every cell that shows it: here 10 copies of an item
    of 3,016 bytes of XML (``<si><t>`` + 1,000 × 长 + ``</t></si>``) and one of 17."""
    note = "长" * 1_000
    if excel:
        rows = cells(1, ["s:0"] * 5) + cells(2, ["s:0"] * 5 + ["s:1"])
    else:  # cells without references
        one = '<c t="s"><v>0</v></c>'
        rows = f"<row>{one * 5}</row><row>{one * 5}" + '<c t="s"><v>1</v></c></row>'
    path = one_sheet(tmp_path / "copies.xlsx", rows, shared_xml([note, "x"]))
    item = len(f"<si><t>{note}</t></si>".encode())
    assert item == 3_016
    assert check_workbook(path, Limits(max_string_bytes=10 * item + 17)) is None
    problem = refusal(path, Limits(max_string_bytes=10 * item + 16))
    assert problem.code == "xlsx.strings" and problem.sheet == "数据"
    assert refusal(copied_strings(tmp_path)).code == "xlsx.strings"


def test_not_a_zip(tmp_path: Path) -> None:
    problem = refusal(not_zip(tmp_path))
    assert problem.code == "xlsx.not-zip"
    assert problem.message.startswith("不是有效的 .xlsx 文件")


def test_encrypted_and_old_format(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (tmp_path / "enc.xlsx").write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(99))
    (tmp_path / "old.xlsx").write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(99))
    parts = package({"数据": sheet_xml(cells(1, ["1"]))})
    zipped = write_zip(tmp_path / "zipcrypto.xlsx", parts, encrypted=("xl/worksheets/sheet1.xml",))
    found = [check_workbook(tmp_path / n) for n in ("enc.xlsx", "old.xlsx", zipped.name)]
    assert [p.code if p else None for p in found] == [
        "xlsx.encrypted",
        "xlsx.old-format",
        "xlsx.encrypted",
    ]


def test_too_many_parts_too_big_a_file_and_twin_names(tmp_path: Path) -> None:
    parts = package({"数据": sheet_xml(cells(1, ["1"]))})
    parts.update({f"junk/{i}.bin": b"" for i in range(30)})
    path = write_zip(tmp_path / "parts.xlsx", parts)
    assert refusal(path, Limits(max_parts=30)).code == "xlsx.too-many-parts"
    assert check_workbook(path, Limits(max_parts=40)) is None
    assert refusal(path, Limits(max_file_bytes=1000)).code == "xlsx.file-too-big"
    # calamine finds parts ignoring case: which of two would it read?
    parts["XL/Worksheets/Sheet1.xml"] = sheet_xml(cells(1_048_576, ["1"]))
    problem = refusal(write_zip(tmp_path / "twins.xlsx", parts))
    assert problem.code == "xlsx.damaged" and "XL/Worksheets/Sheet1.xml" in problem.message


def test_the_parts_calamine_reads_are_found_as_calamine_finds_them(tmp_path: Path) -> None:
    """calamine reads xl/sharedStrings.xml whatever [Content_Types].xml says, and a sheet
    at "xl/" + its relationship's target."""
    parts = package({"数据": sheet_xml(cells(1, ["s:0"]))}, shared_xml(["长" * 40_000]))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(  # type: ignore[union-attr]
        b"/xl/sharedStrings.xml", b"/xl/other.xml"
    )
    problem = refusal(write_zip(tmp_path / "types.xlsx", parts))
    assert where(problem) == ("xlsx.text", "数据", 1, 1)
    parts = package({"数据": sheet_xml(cells(1, ["1"]))})
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(  # type: ignore[union-attr]
        b'Target="worksheets/sheet1.xml"', b'Target="/xl/worksheets/sheet1.xml"'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet_xml(cells(1_048_577, ["1"]))
    assert refusal(write_zip(tmp_path / "absolute.xlsx", parts)).code == "xlsx.rows"


def test_dtd_is_refused(tmp_path: Path) -> None:
    laughs = b'<!DOCTYPE x [<!ENTITY a "<xf/><xf/><xf/><xf/>">]>'
    sheet = sheet_xml(cells(1, ["1"])).replace(b"\n", b"\n" + laughs)
    assert refusal(write_zip(tmp_path / "a.xlsx", package({"数据": sheet}))).code == "xlsx.dtd"
    styles = b'<?xml version="1.0"?>' + laughs + f'<styleSheet xmlns="{MAIN}"/>'.encode()
    parts = package({"数据": sheet_xml(cells(1, ["1"]))}, extra={"xl/styles.xml": styles})
    problem = refusal(write_zip(tmp_path / "b.xlsx", parts))
    assert problem.code == "xlsx.dtd" and "xl/styles.xml" in problem.message


def test_too_many_elements_in_styles(tmp_path: Path) -> None:
    """200,001 <xf/>: under 1 MiB, so no ratio check; calamine keeps one format each."""
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs>{"<xf/>" * 200_001}</cellXfs></styleSheet>'
    parts = package({"数据": sheet_xml(cells(1, ["1"]))}, extra={"xl/styles.xml": styles.encode()})
    problem = refusal(write_zip(tmp_path / "styles.xlsx", parts))
    assert problem.code == "xlsx.too-many-elements" and "xl/styles.xml" in problem.message


@pytest.mark.parametrize(
    ("rows", "code", "row"),
    [
        (cells(1, ["1"]) + "<!-- note -->" + cells(2, ["2"]), "xlsx.markup", None),
        (cells(1, ["1"]) + '<row r="2"><c r="A2"><!--x--><v>1</v></c></row>', "xlsx.markup", 2),
        (cells(1, ["1"]) + '<row r="2"><c><c r="B2"/></c></row>', "xlsx.markup", 2),
        (cells(1, ["1"]) + '<row r="2"><c r="2B"><v>1</v></c></row>', "xlsx.markup", 2),
        (cells(1, ["1"]) + '<row r="2"><c><v x="</row>">1</v><c/></c></row>', "xlsx.markup", 2),
        (cells(1, ["1"]) + cells(2_000_000, ["2"]), "xlsx.rows", 2_000_000),
        (cells(1, ["1"]) + '<row r="0"><c><v>2</v></c></row>', "xlsx.rows", 2),
    ],
    ids=[
        "comment-between-rows",
        "comment-in-row",
        "cell-in-cell",
        "bad-reference",
        "tag-in-attribute",
        "too-far-down",
        "row-zero",
    ],
)
def test_markup_calamine_would_read_otherwise(
    tmp_path: Path, rows: str, code: str, row: int | None
) -> None:
    problem = refusal(one_sheet(tmp_path / "m.xlsx", rows))
    assert (problem.code, problem.sheet, problem.row) == (code, "数据", row)


def test_hidden_cell_after_a_false_end(tmp_path: Path) -> None:
    problem = refusal(hidden_cell(tmp_path))
    assert where(problem) == ("xlsx.markup", "数据", None, None)
    assert "数据区之外" in problem.message


def test_every_sheet_is_checked(tmp_path: Path) -> None:
    """calamine loads every sheet, hidden ones too."""
    parts = package({"好": sheet_xml(cells(1, ["1"])), "坏": sheet_xml(big_row(2), None)})
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(  # type: ignore[union-attr]
        b'name="\xe5\x9d\x8f"', b'name="\xe5\x9d\x8f" state="hidden"'
    )
    problem = refusal(write_zip(tmp_path / "two.xlsx", parts))
    assert where(problem) == ("xlsx.row-too-big", "坏", 2, None)


def test_sheets_sharing_a_name_or_a_part_are_refused(tmp_path: Path) -> None:
    """calamine reads a sheet by its name, once per name listed: twins could not be counted."""
    sheet = sheet_xml(cells(1, ["1"]))
    parts = package({"甲": sheet, "乙": sheet})
    twin_part = dict(parts)
    twin_part["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(  # type: ignore[union-attr]
        b"sheet2.xml", b"sheet1.xml"
    )
    problem = refusal(write_zip(tmp_path / "part.xlsx", twin_part))
    assert where(problem) == ("xlsx.damaged", "乙", None, None)
    twin_name = dict(parts)
    twin_name["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(  # type: ignore[union-attr]
        "乙".encode(), "甲".encode()
    )
    assert refusal(write_zip(tmp_path / "name.xlsx", twin_name)).code == "xlsx.damaged"


def test_elements_outside_the_rows_of_all_sheets_together(tmp_path: Path) -> None:
    """calamine and the reader keep every merged range of every sheet."""
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1, 61))
    sheet = sheet_xml(cells(1, ["1"])).replace(
        b"</worksheet>", f"<mergeCells>{merges}</mergeCells></worksheet>".encode()
    )
    path = write_zip(tmp_path / "merged.xlsx", package({"甲": sheet, "乙": sheet}))
    # Each sheet: <dimension/>, <sheetData>, then <mergeCells> and 60 <mergeCell/>: 63.
    assert check_workbook(path, Limits(max_xml_elements=126)) is None
    problem = refusal(path, Limits(max_xml_elements=125))
    assert where(problem) == ("xlsx.too-many-elements", "乙", None, None)
    assert len(workbook_sheets(path)[1].merged) == 60


def test_cells_without_references_after_bulk_checked_rows(tmp_path: Path) -> None:
    """Over a MiB of rows written as Excel writes them is checked in bulk, which does not
    follow calamine's count of rows: a cell without a reference after them is refused."""
    many = "".join(cells(r, [str(r + i) for i in range(10)]) for r in range(1, 8_001))
    assert len(many) > 2 * MiB
    path = one_sheet(tmp_path / "many.xlsx", many)
    assert check_workbook(path, Limits(max_cells=80_000)) is None  # A1:J8000
    assert refusal(path, Limits(max_cells=79_999)).code == "xlsx.cells"
    problem = refusal(one_sheet(tmp_path / "mixed.xlsx", many + "<row><c><v>1</v></c></row>"))
    assert where(problem) == ("xlsx.markup", "数据", 8_001, None)
    assert "r 属性" in problem.message
    # The same rows without references are followed one by one, and counted exactly.
    plain = "".join(
        "<row>" + "".join(f"<c><v>{r * 10 + i}</v></c>" for i in range(10)) + "</row>"
        for r in range(8_001)
    )
    path = one_sheet(tmp_path / "plain.xlsx", plain)
    assert check_workbook(path, Limits(max_cells=80_010)) is None
    assert refusal(path, Limits(max_cells=80_009)).code == "xlsx.cells"
    assert refusal(path, Limits(max_slow_elements=100_000)).code == "xlsx.markup"


# ---------------------------------------------------------------------------------------
# Hostile files through the real reader, in a fresh process each: bounded time and memory

MEASURE = """
import re, sys, time
from pathlib import Path
from chuangye_cli.reading.sources import SourceProblem, workbook_sheets
start = time.perf_counter()
try:
    for sheet in workbook_sheets(Path(sys.argv[1])):
        for _ in sheet.rows():
            pass
    out = ["accepted", "", ""]
except SourceProblem as problem:
    out = [problem.code.value, str(problem.line), problem.args_["reason"]]
seconds = time.perf_counter() - start
peak = re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]
print(seconds, peak, *out, sep="\\n")
"""


def _bounded() -> None:
    """In the child: no more than 3 GiB of address space, should the guard fail."""
    resource.setrlimit(resource.RLIMIT_AS, (3 * GiB, 3 * GiB))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    build, code = HOSTILE[name]
    path = build(tmp_path)
    expected = check_workbook(path)
    assert expected is not None and expected.code == code
    child = subprocess.Popen(
        [sys.executable, "-c", MEASURE, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=_bounded,
    )
    assert child.stdout is not None
    out = child.stdout.read().splitlines()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0
    seconds, peak, found, line, reason = out
    damaged = code in ("xlsx.damaged", "xlsx.not-zip", "xlsx.markup")
    assert found == (Code.ACTUALS_XLSX if damaged else Code.ACTUALS_TOO_LARGE).value
    assert reason == expected.message.partition(" / ")[2]  # the guard's refusal, in English
    assert line == str(expected.row)
    assert float(seconds) < SECONDS
    # ru_maxrss also counts what this process held when it forked: an upper bound.
    assert usage.ru_maxrss < PEAK_MIB * 1024  # KiB on Linux
    assert int(peak) < PEAK_MIB * 1024  # the child's own high-water mark, KiB


def test_the_guard_imports_neither_openpyxl_nor_calamine(tmp_path: Path) -> None:
    path = normal_workbook(tmp_path / "normal.xlsx")
    code = (
        "import sys; from pathlib import Path; from chuangye_cli.xlsxguard import check_workbook\n"
        f"assert check_workbook(Path({str(path)!r})) is None\n"
        "print(sorted({'openpyxl', 'python_calamine'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------
# Normal workbooks, read back through the real reader


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
    assert check_workbook(path) is None
    blank = [""] * 7
    assert read(path) == {
        "实绩": [
            (1, ["六安市“创业江淮”行动计划实绩", *blank[1:]]),
            (2, ["填报单位：金安区", *blank[1:]]),
            (3, ["月份", "县区", "指标", "数值", "单位", "口径", "备注"]),
            (4, ["2019-06-01", "金安区", "新增企业", "3", "个", "当月新增", ""]),
            (5, ["2019-07", "裕安区", "发放贷款", "1200.5", "万元", "1-7月累计", "含贴息"]),
            (6, blank),
            (7, ["2019-08", "市直", "众创空间", "2", "个", "期末存量", ""]),
        ],
        "说明": [(1, ["", ""]), (2, ["", "数值为负表示核减"])],
    }
    sheets = workbook_sheets(path)
    assert sorted(sheets[0].merged) == [(1, 1, 1, 7), (2, 1, 2, 3)]


def test_cached_formula_values_and_shared_strings(tmp_path: Path) -> None:
    """As Excel writes them: shared strings, formulas with cached values, a string formula."""
    rows = (
        cells(1, ["s:0", "s:1", "s:2"])
        + '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>4</v></c>'
        '<c r="C2"><f>B2*2</f><v>8</v></c></row>'
        '<row r="4" spans="1:3" ht="20" customHeight="1"><c r="C4" t="str"><f>A2&amp;"!"</f>'
        "<v>东区!</v></c></row>"
    )
    shared = shared_xml(["县区", "数值", "两倍", "东区"])
    path = write_zip(tmp_path / "excel.xlsx", package({"数据": sheet_xml(rows, "A1:C4")}, shared))
    assert check_workbook(path) is None
    assert read(path) == {
        "数据": [
            (1, ["县区", "数值", "两倍"]),
            (2, ["东区", "4", "8"]),
            (3, ["", "", ""]),
            (4, ["", "", "东区!"]),
        ]
    }


def test_prefixed_namespace_and_pretty_printing(tmp_path: Path) -> None:
    """Some writers use a prefix for SpreadsheetML and indent their XML: checked one by one."""
    sheet = (
        f'<x:worksheet xmlns:x="{MAIN}">\n  <x:dimension ref="A1:B2"/>\n  <x:sheetData>\n'
        '    <x:row r="1">\n      <x:c r="A1"><x:v>1</x:v></x:c>\n    </x:row>\n'
        '    <x:row r="2"><x:c r="B2"><x:v>2</x:v></x:c></x:row>\n  </x:sheetData>\n</x:worksheet>\n'
    ).encode()
    path = write_zip(tmp_path / "x.xlsx", package({"数据": sheet}))
    assert check_workbook(path) is None
    assert read(path) == {"数据": [(1, ["1", ""]), (2, ["", "2"])]}
    too_far = sheet.replace(b'r="2"><x:c r="B2"', b'r="1048577"><x:c r="B1048577"')
    problem = refusal(write_zip(tmp_path / "y.xlsx", package({"数据": too_far})))
    assert (problem.code, problem.row) == ("xlsx.rows", 1_048_577)


def test_cells_and_rows_without_references(tmp_path: Path) -> None:
    """Placed as calamine places them: a row after the one before, a cell after the one
    before in its row, from a reference when there is one."""
    rows = '<row><c><v>1</v></c><c r="C1"><v>3</v></c><c><v>4</v></c></row><row/><row><c><v>5</v></c></row>'
    path = one_sheet(tmp_path / "plain.xlsx", rows)
    assert check_workbook(path, Limits(max_cells=12)) is None  # A1:D3
    assert refusal(path, Limits(max_cells=11)).code == "xlsx.cells"
    assert read(path) == {"数据": [(1, ["1", "", "3", "4"]), (2, [""] * 4), (3, ["5", "", "", ""])]}


def test_rows_out_of_order_are_read_in_place(tmp_path: Path) -> None:
    path = one_sheet(tmp_path / "order.xlsx", cells(3, ["3"]) + cells(1, ["1"]))
    assert check_workbook(path) is None
    assert read(path) == {"数据": [(1, ["1"]), (2, [""]), (3, ["3"])]}


# ---------------------------------------------------------------------------------------
# The grid the guard counts is the grid calamine lays out


@st.composite
def sheets_xml(draw: st.DrawFn) -> tuple[str, bool]:
    """Rows numbered or not, cells with references or not, values of every kind, empty
    formatted cells; all names prefixed or none."""
    prefix = draw(st.sampled_from(["", "x:"]))
    always = draw(st.booleans())  # every cell with a reference, as Excel writes
    out, row = [], 0
    for _ in range(draw(st.integers(1, 6))):
        numbered = draw(st.booleans())
        row = row + draw(st.integers(1, 3_000)) if numbered else row + 1
        attrs = f' r="{row}"' if numbered else ""
        cells_xml, col = [], 0
        for _ in range(draw(st.integers(0, 5))):
            referenced = always or draw(st.booleans())
            col = col + draw(st.integers(1, 150)) if referenced else col + 1
            ref = f' r="{column_letters(col)}{row}"' if referenced else ""
            value = draw(
                st.sampled_from(
                    [
                        "/>",
                        ' s="1"/>',
                        "><{p}v>7</{p}v></{p}c>",
                        ' t="s"><{p}v>0</{p}v></{p}c>',
                        ' t="str"><{p}v>ab</{p}v></{p}c>',
                        ' t="inlineStr"><{p}is><{p}t>x</{p}t></{p}is></{p}c>',
                    ]
                )
            )
            cells_xml.append(f"<{prefix}c{ref}" + value.format(p=prefix))
        out.append(f"<{prefix}row{attrs}>" + "".join(cells_xml) + f"</{prefix}row>")
    return "".join(out), prefix == "x:"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sheets_xml())
def test_the_grid_counted_is_calamines(tmp_path: Path, sheet: tuple[str, bool]) -> None:
    import python_calamine

    rows, prefixed = sheet
    xml = sheet_xml(rows, None)
    if prefixed:
        xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(
            b"sheetData>", b"x:sheetData>"
        )
        xml = xml.replace(b"</worksheet>", b"</x:worksheet>")
    path = write_zip(tmp_path / "g.xlsx", package({"数据": xml}, shared_xml(["s"])))
    ws = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("数据")
    grid = ws.height * ws.width
    assert check_workbook(path, Limits(max_cells=grid)) is None
    if grid:
        problem = check_workbook(path, Limits(max_cells=grid - 1))
        assert problem is not None and problem.code == "xlsx.cells"
