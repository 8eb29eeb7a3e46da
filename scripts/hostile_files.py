"""Hostile .xlsx files for manual checks, and the cost of the guard on a normal workbook.

Prints figures; asserts nothing. Each reading runs in a fresh process; its peak memory is
the VmHWM it reports (os.wait4's ru_maxrss also counts what the parent held when it forked,
so it is only an upper bound). Run from the repository root:

    python scripts/hostile_files.py write /tmp/hostile     # the files tests/test_xlsx_guard.py builds
    python scripts/hostile_files.py measure /tmp/hostile   # code, seconds, peak MiB of each
    python scripts/hostile_files.py limits /tmp/at-limits  # accepted files at the limits
    python scripts/hostile_files.py bench --rows 100000 --columns 8 --repeat 3

``bench`` compares plain openpyxl (read-only, data_only, rows from A1) with
``xlsxguard.iter_rows`` on a workbook written by openpyxl, and times the guard's checks alone.
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

READ = {
    "plain openpyxl": """
import openpyxl
wb = openpyxl.load_workbook(PATH, read_only=True, data_only=True)
for row in wb.worksheets[0].iter_rows(min_row=1, min_col=1, values_only=True):
    pass
wb.close()
""",
    "xlsxguard.iter_rows": """
from chuangye_cli.xlsxguard import iter_rows
for number, row in iter_rows(PATH):
    pass
""",
    "xlsxguard checks only": """
from chuangye_cli import xlsxguard as g
with PATH.open("rb") as fh:
    pkg = g._inspect(fh, g.DEFAULT_LIMITS)
    g._deep_check(pkg, g._choose(pkg, None), g.DEFAULT_LIMITS)
    pkg.zf.close()
""",
}

HWM = """
import re
print(int(re.search(r"VmHWM:\\s+(\\d+)", PATH.__class__("/proc/self/status").read_text())[1]) // 1024)
"""

REFUSE = """
import re, sys, time
from pathlib import Path
from chuangye_cli.xlsxguard import WorkbookProblem, iter_rows
start = time.perf_counter()
try:
    for _ in iter_rows(Path(sys.argv[1])):
        pass
    code, where = "accepted", ""
except WorkbookProblem as problem:
    code, where = problem.code, f"{problem.sheet} {problem.row} {problem.column}"
seconds = time.perf_counter() - start
own = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) // 1024
print(code, seconds, own, where)
"""


def run_measured(argv: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB (os.wait4) and standard output of one run of ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return wall, usage.ru_maxrss // 1024, out.decode().strip()


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for build, code in HOSTILE.values():
        path = build(folder)
        print(f"  {path.name:<28} {path.stat().st_size:>12,} bytes   expected {code}")


def measure(folder: Path) -> None:
    for path in sorted(folder.glob("*.xlsx")):
        wall, peak, out = run_measured([sys.executable, "-c", REFUSE, str(path)])
        code, seconds, own, *where = out.split()
        print(
            f"  {path.name:<26} {code:<16} {float(seconds):5.2f} s in iter_rows "
            f"({wall:4.2f} s with start-up)   peak {own:>3} MiB (VmHWM; wait4 {peak} MiB)"
            f"   at {' '.join(where)}"
        )


def at_limits(folder: Path) -> None:
    """Files just inside the default limits: what an accepted workbook can cost at most."""
    folder.mkdir(parents=True, exist_ok=True)
    one = sheet_xml(cells(1, ["1"]))
    styles = f'<styleSheet xmlns="{MAIN}"><cellXfs>{"<xf/>" * 199_000}</cellXfs></styleSheet>'
    row = "".join(f"<c><v>{i % 1000}</v></c>" for i in range(1000))  # 1,000 columns
    files = {
        "styles_199000_elements.xlsx": package(
            {"数据": one}, extra={"xl/styles.xml": styles.encode()}
        ),
        "shared_strings_500000.xlsx": package(
            {"数据": one}, shared_xml([f"{i:x}" for i in range(500_000)])
        ),
        "row_of_1MiB.xlsx": package(  # tiny cells: the most elements per byte
            {"数据": sheet_xml(cells(1, ["1"]) + '<row r="2">' + '<c s="0"/>' * 100_000 + "</row>")}
        ),
        "rows_20000_x_1000.xlsx": package(
            {"数据": sheet_xml("".join(f'<row r="{r}">{row}</row>' for r in range(1, 20_001)))}
        ),
    }
    for name, parts in files.items():
        write_zip(folder / name, parts)
    measure(folder)


def make_workbook(path: Path, rows: int, columns: int) -> None:
    """A workbook like a monthly return: text, numbers and dates, a few notes."""
    import datetime as dt

    import openpyxl

    rng = random.Random(1)
    counties = ["金安区", "裕安区", "叶集区", "霍邱县", "舒城县", "金寨县", "霍山县", "市直"]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("实绩")
    ws.append(["月份", "县区", "指标", "数值", "单位", "口径", "备注", "日期"][:columns])
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
        ws.append(base[:columns] + [rng.random() for _ in range(columns - 8)])
    wb.save(path)


def bench(rows: int, columns: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "return.xlsx"
        make_workbook(path, rows, columns)
        print(
            f"{rows:,} rows × {columns} columns, {path.stat().st_size:,} bytes; {repeat} runs each"
        )
        for label, body in READ.items():
            code = f"from pathlib import Path\nPATH = Path({str(path)!r})\n{body}{HWM}"
            runs = [run_measured([sys.executable, "-c", code]) for _ in range(repeat)]
            walls = [r[0] for r in runs]
            print(
                f"  {label:<24} median {statistics.median(walls):7.2f} s   "
                f"min {min(walls):7.2f} s   peak {max(int(r[2]) for r in runs):4d} MiB (VmHWM)"
            )


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
