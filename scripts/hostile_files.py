"""Hostile .xlsx files for manual checks, what accepted workbooks cost, and the guard's cost.

Prints figures; asserts nothing. Each reading runs in a fresh process through the real
reader (``workbook_sheets`` then every row of every sheet, as ``chuangye`` reads actuals);
its peak memory is the VmHWM it reports (os.wait4's ru_maxrss also counts what the parent
held when it forked, so it is only an upper bound). Run from the repository root:

    python scripts/hostile_files.py write /tmp/hostile     # the files tests/test_xlsx_guard.py builds
    python scripts/hostile_files.py measure /tmp/hostile   # what reading each costs, and why refused
    python scripts/hostile_files.py limits /tmp/at-limits  # accepted files at the limits
    python scripts/hostile_files.py bench --rows 100000 --columns 8 --repeat 3

``bench`` times ``workbook_sheets`` and all rows with the guard and without it (the guard
replaced by a function that accepts everything) on a workbook written by openpyxl (inline
strings) and one written as Excel writes (shared strings), and the guard alone.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_xlsx_guard import (  # noqa: E402  (the builders live with the tests)
    HOSTILE,
    MAIN,
    cells,
    package,
    shared_xml,
    sheet_xml,
    write_zip,
)

from chuangye_cli.xlsxguard import MiB, column_letters  # noqa: E402

HWM = """
import re
from pathlib import Path as _P
print(int(re.search(r"VmHWM:\\s+(\\d+)", _P("/proc/self/status").read_text())[1]) // 1024)
"""

READ = """
import sys, time
from pathlib import Path
from chuangye_cli.reading.sources import SourceProblem, workbook_sheets
start = time.perf_counter()
try:
    rows = sum(1 for sheet in workbook_sheets(Path(sys.argv[1])) for _ in sheet.rows())
    out = f"accepted, {rows:,} rows"
except SourceProblem as problem:
    out = f"{problem.code.value} (line {problem.line}): {problem.args_['reason'][:90]}"
print(time.perf_counter() - start)
print(out)
"""

BENCH = {
    "reader with the guard": """
from chuangye_cli.reading.sources import workbook_sheets
for sheet in workbook_sheets(PATH):
    for _ in sheet.rows():
        pass
""",
    "reader without the guard": """
from chuangye_cli import xlsxguard
from chuangye_cli.reading.sources import workbook_sheets
xlsxguard.check_workbook = lambda path, limits=None: None
for sheet in workbook_sheets(PATH):
    for _ in sheet.rows():
        pass
""",
    "the guard alone": """
from chuangye_cli.xlsxguard import check_workbook
assert check_workbook(PATH) is None
""",
}


def run_measured(argv: list[str]) -> tuple[float, int, str, float]:
    """Wall seconds, peak RSS in MiB (os.wait4), standard output and CPU seconds (user and
    system: steadier than wall time on a busy machine) of one run of ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return wall, usage.ru_maxrss // 1024, out.decode().strip(), usage.ru_utime + usage.ru_stime


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for build, code in HOSTILE.values():
        path = build(folder)
        print(f"  {path.name:<28} {path.stat().st_size:>12,} bytes   expected {code}")


def measure(folder: Path) -> None:
    for path in sorted(folder.glob("*.xlsx")):
        wall, peak, out, _ = run_measured([sys.executable, "-c", READ + HWM, str(path)])
        seconds, verdict, own = out.splitlines()
        print(
            f"  {path.name:<30} {float(seconds):5.2f} s ({wall:4.2f} s with start-up)   "
            f"peak {own:>4} MiB (wait4 {peak})   {verdict}"
        )


def at_limits(folder: Path) -> None:
    """Files just inside the default limits: what an accepted workbook can cost at most."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    one = sheet_xml(cells(1, ["1"]))

    def small_cells(rows: int, width: int = 10) -> str:
        return "".join(
            cells(r, [str(rng.randrange(1000)) for _ in range(width)]) for r in range(1, rows + 1)
        )

    def texts(total: int, chars: int = 30_000) -> str:
        out = []
        for r in range(1, total // chars + 1):
            text = "".join(rng.choice("abcdefgh") for _ in range(chars))
            out.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{text}</t></is></c></row>')
        return "".join(out)

    def copies(count: int) -> str:  # cells showing shared string 0
        return "".join(
            f'<row r="{r}">'
            + "".join(f'<c r="{column_letters(c)}{r}" t="s"><v>0</v></c>' for c in range(1, 11))
            + "</row>"
            for r in range(1, count // 10 + 1)
        )

    note = shared_xml(["a" * 30_000])  # 30,017 bytes as XML
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs>{"<xf/>" * 199_000}</cellXfs></styleSheet>'
    files = {
        "cells_2000000.xlsx": package({"数据": sheet_xml(small_cells(200_000), None)}),
        "grid_A1_ALL2000.xlsx": package(
            {"数据": sheet_xml(cells(1, ["1"]) + '<row r="2000"><c r="ALL2000"><v>2</v></c></row>')}
        ),
        "text_62MiB.xlsx": package({"数据": sheet_xml(texts(62 * MiB), None)}),
        "copies_31MiB.xlsx": package({"数据": sheet_xml(copies(1_100), None)}, note),
        "shared_strings_500000.xlsx": package(
            {"数据": one}, shared_xml([f"{i:x}" for i in range(500_000)])
        ),
        "styles_199000_elements.xlsx": package(
            {"数据": one}, extra={"xl/styles.xml": styles.encode()}
        ),
        "all_at_once.xlsx": package(  # every limit nearly reached in one workbook
            {
                "格子": sheet_xml(small_cells(170_000), None),
                "文字": sheet_xml(texts(12 * MiB), None),
                "复制": sheet_xml(copies(1_100), None),
            },
            note,
        ),
    }
    for name, parts in files.items():
        write_zip(folder / name, parts)
    measure(folder)


def make_workbook(path: Path, rows: int, columns: int, shared: bool) -> None:
    """A workbook like a monthly return: text, numbers and dates, a few notes. Written by
    openpyxl (texts inline), or as Excel writes (texts as shared strings, styled cells)."""
    import datetime as dt

    import openpyxl

    rng = random.Random(1)
    counties = ["金安区", "裕安区", "叶集区", "霍邱县", "舒城县", "金寨县", "霍山县", "市直"]
    header = ["月份", "县区", "指标", "数值", "单位", "口径", "备注", "日期"][:columns]
    table: list[list[object]] = [list(header)]
    for r in range(rows):
        base: list[object] = [
            f"2019-{r % 12 + 1:02d}",
            counties[r % 8],
            f"指标{r % 40}",
            round(rng.random() * 1000, 2),
            "个",
            "当月新增",
            f"备注{r}" if r % 10 == 0 else None,
            dt.datetime(2019, r % 12 + 1, 1),
        ]
        table.append(base[:columns] + [rng.random() for _ in range(columns - 8)])
    if not shared:
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("实绩")
        for row in table:
            ws.append(row)
        wb.save(path)
        return
    strings: dict[str, int] = {}
    out = []
    for n, row in enumerate(table, 1):
        xml = []
        for c, value in enumerate(row, 1):
            ref = f"{column_letters(c)}{n}"
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                xml.append(f'<c r="{ref}" s="1" t="s"><v>{index}</v></c>')
            elif isinstance(value, dt.datetime):
                xml.append(
                    f'<c r="{ref}" s="2"><v>{(value - dt.datetime(1899, 12, 30)).days}</v></c>'
                )
            elif value is not None:
                xml.append(f'<c r="{ref}" s="3"><v>{value}</v></c>')
        out.append(f'<row r="{n}" spans="1:{columns}" x14ac:dyDescent="0.25">{"".join(xml)}</row>')
    write_zip(
        path,
        package(
            {"实绩": sheet_xml("".join(out), f"A1:{column_letters(columns)}{len(table)}")},
            shared_xml(list(strings)),
        ),
    )


def bench(rows: int, columns: int, repeat: int) -> None:
    import zipfile

    with tempfile.TemporaryDirectory() as tmp:
        for shared in (False, True):
            path = Path(tmp) / f"return_{shared}.xlsx"
            make_workbook(path, rows, columns, shared)
            inflated = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
            kind = "shared strings, as Excel" if shared else "inline strings, openpyxl write-only"
            print(
                f"{rows:,} rows × {columns} columns ({kind}): {path.stat().st_size:,} bytes, "
                f"{inflated / MiB:.1f} MiB inflated; {repeat} runs each"
            )
            cpu = {}
            for label, body in BENCH.items():
                code = f"from pathlib import Path\nPATH = Path({str(path)!r})\n{body}{HWM}"
                runs = [run_measured([sys.executable, "-c", code]) for _ in range(repeat)]
                walls, cpus = [r[0] for r in runs], [r[3] for r in runs]
                cpu[label] = statistics.median(cpus)
                print(
                    f"  {label:<26} wall median {statistics.median(walls):6.2f} s (min "
                    f"{min(walls):5.2f})   CPU median {cpu[label]:6.2f} s (min {min(cpus):5.2f})"
                    f"   peak {max(int(r[2]) for r in runs):4d} MiB (VmHWM)"
                )
            cost = cpu["reader with the guard"] - cpu["reader without the guard"]
            share = cost / cpu["reader without the guard"]
            print(f"  the guard costs {cost:+.2f} s of CPU ({share:+.0%}), start-up included")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("write", "measure", "limits"):
        sub.add_parser(name).add_argument("folder", type=Path)
    b = sub.add_parser("bench")
    b.add_argument("--rows", type=int, default=100_000)
    b.add_argument("--columns", type=int, default=8)
    b.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.command == "write":
        write(args.folder)
    elif args.command == "measure":
        measure(args.folder)
    elif args.command == "limits":
        at_limits(args.folder)
    else:
        bench(args.rows, max(args.columns, 1), args.repeat)


if __name__ == "__main__":
    main()
