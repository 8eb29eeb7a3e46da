"""Benchmark reading spreadsheets: a 100,000-row .xlsx and a 100,000-row .xls (two sheets of
50,000 rows: BIFF8 holds at most 65,536 rows a sheet), read the old way (openpyxl read-only,
xlrd) and by `chuangye validate` (calamine). Prints figures; asserts nothing. Each figure is the
median of fresh processes; peak = maximum resident memory.

    python scripts/benchmark_sheets.py [--rows 100000] [--repeat 3]

Needs xlwt to write the .xls (pip install xlwt xlrd); without it the .xls is skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
HEADER = ["期间", "县区", "指标", "数值", "单位"]
COUNTIES = ["金安区", "裕安区", "叶集区", "霍邱县", "舒城县", "金寨县", "霍山县", "开发区"]
INDICATORS = [("带动就业", "人"), ("新增注册企业", "个"), ("发放创业担保贷款", "万元")]
OPENPYXL = """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
print(sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True)))
"""
XLRD = """
import sys, xlrd
book = xlrd.open_workbook(sys.argv[1])
print(sum(s.nrows for s in book.sheets()))
"""


def rows(n: int) -> list[list[object]]:
    rng = random.Random(7)
    out: list[list[object]] = []
    for k in range(n):
        indicator, unit = INDICATORS[k % len(INDICATORS)]
        month = k // (len(COUNTIES) * len(INDICATORS)) % 36
        out.append(
            [
                f"{2018 + month // 12}-{month % 12 + 1:02d}",
                COUNTIES[(k // len(INDICATORS)) % len(COUNTIES)],
                indicator,
                k % 997 + rng.randint(0, 3) * 1000,  # ledger lines: no two rows alike
                unit,
            ]
        )
    return out


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("实绩")
    ws.append(HEADER)
    for row in data:
        ws.append(row)
    wb.save(path)


def write_xls(path: Path, data: list[list[object]]) -> bool:
    if importlib.util.find_spec("xlwt") is None:
        return False
    import xlwt  # type: ignore[import-not-found,import-untyped,unused-ignore]

    book = xlwt.Workbook(encoding="utf-8")
    per_sheet = 50_000
    for s in range(0, len(data), per_sheet):
        sheet = book.add_sheet(f"实绩{s // per_sheet + 1}")
        for c, text in enumerate(HEADER):
            sheet.write(0, c, text)
        for r, row in enumerate(data[s : s + per_sheet], 1):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.save(str(path))
    return True


def measure(label: str, argv: list[str], repeat: int) -> None:
    walls, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss // 1024)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # validate exits 1 on errors; none are expected here
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"{label} failed ({code}): {err[-500:]}")
    print(f"  {label:<52} median {statistics.median(walls):7.2f} s   peak {max(peaks):5d} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx, xls = Path(tmp) / "实绩.xlsx", Path(tmp) / "实绩.xls"
        write_xlsx(xlsx, data)
        print(f"{args.rows:,}-row .xlsx ({xlsx.stat().st_size / 2**20:.1f} MiB):")
        measure(
            "openpyxl read-only, every row (the reader before)",
            [PY, "-c", OPENPYXL, str(xlsx)],
            args.repeat,
        )
        measure(
            "chuangye validate --actuals FILE.xlsx (calamine)",
            [PY, "-m", "chuangye_cli", "validate", "--actuals", str(xlsx), "--format", "json"],
            args.repeat,
        )
        if write_xls(xls, data):
            print(f"{args.rows:,}-row .xls in two sheets ({xls.stat().st_size / 2**20:.1f} MiB):")
            if importlib.util.find_spec("xlrd") is not None:
                measure("xlrd, every row (for comparison)", [PY, "-c", XLRD, str(xls)], args.repeat)
            measure(
                "chuangye validate --actuals FILE.xls (calamine)",
                [PY, "-m", "chuangye_cli", "validate", "--actuals", str(xls), "--format", "json"],
                args.repeat,
            )
        else:
            print("  .xls skipped: pip install xlwt xlrd")


if __name__ == "__main__":
    main()
