"""Benchmark `chuangye`: start-up on the shipped data and a 1,000,000-row actuals file.

Prints figures; asserts nothing. Each measurement runs in a fresh process; peak memory is
that process's maximum resident set size (os.wait4). Run from the repository root:

    python scripts/benchmark.py            # 1,000,000 rows
    python scripts/benchmark.py --rows 200000 --repeat 3
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
FIVE = "import typer, pydantic, yaml, rich, tabulate"
FIVE_USED = "import typer, yaml, rich.console, rich.table, tabulate; from pydantic import BaseModel"


def run(argv: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MiB and exit code of one run of ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, usage.ru_maxrss // 1024, proc.returncode


def measure(label: str, argv: list[str], repeat: int) -> None:
    runs = [run(argv) for _ in range(repeat)]
    walls = [r[0] for r in runs]
    print(
        f"  {label:<58} median {statistics.median(walls) * 1000:8.1f} ms"
        f"   min {min(walls) * 1000:8.1f} ms   peak {max(r[1] for r in runs):5d} MiB"
    )


def generate(path: Path, rows: int) -> None:
    """A valid increment-basis actuals file for the shipped plan: ``rows`` data rows."""
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


PANDAS = """
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], dtype={"period": str, "county": str, "indicator": str})
print(df.groupby(["county", "indicator"])["value"].sum().shape)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=10, help="runs per start-up figure")
    args = parser.parse_args()
    cli = [PY, "-m", "chuangye_cli"]
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    print("start-up, shipped data (table to a pipe):")
    measure("python -c pass", [PY, "-c", "pass"], args.repeat)
    measure(f"python -c '{FIVE}'", [PY, "-c", FIVE], args.repeat)
    measure(
        "  ... the same, with pydantic.BaseModel really loaded", [PY, "-c", FIVE_USED], args.repeat
    )
    measure("chuangye --version", [*cli, "--version"], args.repeat)
    measure("chuangye progress", [*cli, "progress"], args.repeat)
    measure("chuangye progress --format json", [*cli, "progress", "--format", "json"], args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "actuals.csv"
        t0 = time.perf_counter()
        generate(big, args.rows)
        size = big.stat().st_size / 2**20
        print(
            f"\n{args.rows:,} rows ({size:.1f} MiB), generated in {time.perf_counter() - t0:.1f} s:"
        )
        repeat = max(1, min(3, args.repeat))
        measure(
            "chuangye progress --actuals BIG --format json",
            [*cli, "progress", "--actuals", str(big), "--format", "json"],
            repeat,
        )
        if importlib.util.find_spec("pandas") is None:
            print("  pandas read_csv + groupby: pandas is not installed (pip install pandas)")
        else:
            measure(
                "pandas read_csv + groupby (county, indicator)",
                [PY, "-c", PANDAS, str(big)],
                repeat,
            )


if __name__ == "__main__":
    main()
