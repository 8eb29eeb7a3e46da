"""Benchmark `chuangye`: start-up on the shipped data, then returns shaped like real ones (every
month, county and indicator once: 30 flow indicators, 60 months) at 189,000, 1,800,000 and
5,130,000 rows, and the old file of 1,000,000 rows on 2,304 repeated keys; chuangye (both
engines) against DuckDB (read_csv + GROUP BY) and pandas (read_csv + groupby) on the same file.

Prints figures; asserts nothing, except that both engines print the same bytes where both run.
Each figure comes from a fresh process; peak memory is that process's maximum resident set
size (os.wait4). Files are generated (deterministically, scripts/gen_returns.py) in a temporary
folder and deleted. Run from the repository root:

    python scripts/benchmark.py            # everything (about 4 minutes on 2 cores)
    python scripts/benchmark.py --quick    # start-up, the switch, 189,000 rows (about 1 minute)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import ModuleType

PY = sys.executable
HERE = Path(__file__).resolve().parent
FIVE = "import typer, pydantic, yaml, rich, tabulate"
FIVE_USED = "import typer, yaml, rich.console, rich.table, tabulate; from pydantic import BaseModel"
CLI = [PY, "-m", "chuangye_cli"]
# what `progress --format json --engine columnar` imports before it reads a row: the floor
# under any figure of the columnar path (a small file's, 189,000 rows')
COLUMNAR_IMPORTS = (
    "import chuangye_cli.cli, chuangye_cli.progress, chuangye_cli.inputs, "
    "chuangye_cli.views.progress, chuangye_cli.writers.json, chuangye_cli.reading.columnar, "
    "duckdb, numpy"
)


def run(argv: list[str]) -> tuple[float, int, bytes]:
    """Wall seconds, peak RSS in MiB and standard output of one run of ``argv`` (a run that
    fails stops the benchmark; exit code 1 of chuangye, data with errors, does not)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{err.read().decode()[-2000:]}")
        out.seek(0)
        return wall, usage.ru_maxrss // 1024, out.read()


def measure(label: str, argv: list[str], repeat: int) -> tuple[float, int, bytes]:
    runs = [run(argv) for _ in range(repeat)]
    walls = [r[0] for r in runs]
    peak = max(r[1] for r in runs)
    shown = f"median {statistics.median(walls):7.2f} s" if repeat > 1 else f"{walls[0]:7.2f} s"
    print(f"  {label:<52} {shown}   peak {peak:6d} MiB", flush=True)
    return statistics.median(walls), peak, runs[0][2]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_returns", HERE / "gen_returns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def repeated_keys(path: Path, rows: int) -> None:
    """The old benchmark file: ``rows`` increment rows for the shipped plan on 2,304 keys."""
    rng = random.Random(1)
    counties = ["jinan", "yuan", "yeji", "huoqiu", "shucheng", "jinzhai", "huoshan", "kaifaqu"]
    flows = [
        "new_enterprises",
        "jobs",
        "training",
        "return_platforms",
        "factory_space",
        "micro_enterprises",
        "guarantee_loans",
        "youth_startups",
    ]
    periods = [f"{y}-{m:02d}" for y in (2018, 2019, 2020) for m in range(1, 13)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("period,county,indicator,value\n")
        chunk: list[str] = []
        for k in range(rows):
            chunk.append(
                f"{rng.choice(periods)},{rng.choice(counties)},"
                f"{flows[k % len(flows)]},{rng.randint(0, 50)}\n"
            )
            if len(chunk) == 10000:
                fh.writelines(chunk)
                chunk.clear()
        fh.writelines(chunk)


DUCKDB = """
import sys, duckdb
con = duckdb.connect()
print(con.execute("SELECT count(*) FROM (SELECT period, county, indicator, "
    "sum(TRY_CAST(value AS DOUBLE)), count(*) FROM read_csv(?, all_varchar = true) "
    "GROUP BY ALL)", [sys.argv[1]]).fetchall())
"""
PANDAS = """
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], dtype=str)
df["value"] = pd.to_numeric(df["value"], errors="coerce")
print(df.groupby(["period", "county", "indicator"])["value"].sum().shape)
"""


def others(path: Path, repeat: int) -> dict[str, float]:
    times = {}
    for name, code in (("duckdb", DUCKDB), ("pandas", PANDAS)):
        if importlib.util.find_spec(name) is None:
            print(f"  {name}: not installed")
            continue
        label = (
            "DuckDB read_csv + GROUP BY (period, county, indicator)"
            if name == "duckdb"
            else "pandas read_csv + groupby (period, county, indicator)"
        )
        times[name] = measure(label, [PY, "-c", code, str(path)], repeat)[0]
    return times


def chuangye(
    label: str, command: list[str], data: Path, path: Path, engine: str, repeat: int
) -> tuple[float, int, bytes]:
    argv = [*CLI, *command, "--data", str(data), "--actuals", str(path), "--engine", engine]
    return measure(f"{label} --engine {engine}", argv, repeat)


def startup(repeat: int) -> None:
    print("start-up, shipped data (table to a pipe):")
    measure("python -c pass", [PY, "-c", "pass"], repeat)
    measure(f"python -c '{FIVE}'", [PY, "-c", FIVE], repeat)
    measure("  ... with pydantic.BaseModel really loaded", [PY, "-c", FIVE_USED], repeat)
    measure("chuangye --version", [*CLI, "--version"], repeat)
    measure("imports of progress -f json --engine columnar (floor)", [PY, "-c", COLUMNAR_IMPORTS],
            repeat)  # fmt: skip
    measure("chuangye progress", [*CLI, "progress"], repeat)
    measure("chuangye progress --format json", [*CLI, "progress", "--format", "json"], repeat)


def switch(tmp: Path, gen: ModuleType, repeat: int) -> None:
    """Where the columnar engine starts to pay: both engines on small files."""
    print(f"\nthe switch (progress --format json, median of {repeat}; {load()}):")
    for rows in (20_000, 40_000, 65_000, 100_000):
        path = tmp / f"switch{rows}.csv"
        gen.write_returns(path, rows, 0)
        gen.write_plan(tmp / f"plan{rows}", rows)
        size = path.stat().st_size / 2**20
        print(f" {rows:,} rows ({size:.1f} MiB)")
        for engine in ("python", "columnar"):
            chuangye("progress", ["progress", "--format", "json"], tmp / f"plan{rows}", path,
                     engine, repeat)  # fmt: skip
        path.unlink()


def unique(tmp: Path, gen: ModuleType, rows: int, repeat: int, python: bool, full: bool) -> None:
    path, plan = tmp / f"returns{rows}.csv", tmp / f"plan{rows}"
    start = time.perf_counter()
    gen.write_returns(path, rows, 0)
    gen.write_plan(plan, rows)
    size = path.stat().st_size / 2**20
    print(
        f"\n{rows:,} unique-key rows ({size:.1f} MiB, generated in "
        f"{time.perf_counter() - start:.1f} s; {load()}):"
    )
    base = others(path, repeat)
    progress = ["progress", "--format", "json"]
    t, _, columnar_out = chuangye("chuangye progress", progress, plan, path, "columnar", repeat)
    if "duckdb" in base:
        print(f"    columnar ÷ DuckDB: {t / base['duckdb']:.1f}×")
    if python:
        _, _, python_out = chuangye("chuangye progress", progress, plan, path, "python", 1)
        print(f"    both engines print the same bytes: {python_out == columnar_out}")
    if full:
        warnings = ["warnings", "--format", "json"]
        xlsx = ["report", "--format", "xlsx", "--output", str(tmp / "report.xlsx")]
        for engine in ("columnar", "python"):
            chuangye("chuangye warnings", warnings, plan, path, engine, repeat)
            chuangye("chuangye report --format xlsx", xlsx, plan, path, engine, repeat)
    path.unlink()


def old_file(tmp: Path, rows: int, repeat: int) -> None:
    path = tmp / "repeated.csv"
    repeated_keys(path, rows)
    size = path.stat().st_size / 2**20
    print(f"\n{rows:,} rows on 2,304 repeated keys (the old benchmark; {size:.1f} MiB; {load()}):")
    others(path, repeat)
    for engine in ("columnar", "python"):
        argv = [*CLI, "progress", "--actuals", str(path), "--format", "json", "--engine", engine]
        measure(f"chuangye progress --engine {engine}", argv, repeat)
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="start-up, the switch, 189k only")
    parser.add_argument("--repeat", type=int, default=5, help="runs per start-up figure")
    parser.add_argument("--python-5m", action="store_true", help="also the python engine on 5.13M")
    args = parser.parse_args()
    print(
        f"python {sys.version.split()[0]} on {os.cpu_count()} cores, {platform.machine()}, "
        f"{date.today().isoformat()}, {load()}"
    )
    startup(args.repeat)
    gen = generator()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        switch(tmp, gen, 3)
        unique(tmp, gen, 189_000, 3, python=True, full=True)
        if args.quick:
            return
        unique(tmp, gen, 1_800_000, 1, python=True, full=False)
        unique(tmp, gen, 5_130_000, 1, python=args.python_5m, full=False)
        old_file(tmp, 1_000_000, 1)


if __name__ == "__main__":
    main()
