"""Fuzz the readers: mutated actuals (CSV, XLSX) and plan files (YAML) through everything a
command does — load, check, compute, and every writer — looking for a traceback, a hang longer
than 5 s, or memory over 500 MiB. Seeded and repeatable: the same seed gives the same inputs.

    python scripts/fuzz.py                       # 10,000 actuals + 3,000 plan inputs, seed 1
    python scripts/fuzz.py --actuals 500 --plans 200 --seed 7 --keep /tmp/crashes

Prints a summary and exits 1 when anything failed; with --keep, each failing input is saved
there with the traceback beside it. tests/test_fuzz.py runs a few hundred inputs of it.
"""

from __future__ import annotations

import argparse
import functools
import io
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from chuangye_cli.bulletin import build_bulletin  # noqa: E402
from chuangye_cli.choices import Selection, View  # noqa: E402
from chuangye_cli.domain import Actuals  # noqa: E402
from chuangye_cli.plan import Plan, load_plan  # noqa: E402
from chuangye_cli.progress import compute, report_month  # noqa: E402
from chuangye_cli.reading import SheetReading, read_actuals  # noqa: E402
from chuangye_cli.returns import returns_status  # noqa: E402
from chuangye_cli.trend import trend  # noqa: E402
from chuangye_cli.views.bulletin import bulletin_document  # noqa: E402
from chuangye_cli.views.diagnostics import diagnostics_document  # noqa: E402
from chuangye_cli.views.inspect import inspect_document  # noqa: E402
from chuangye_cli.views.progress import progress_document  # noqa: E402
from chuangye_cli.views.returns import returns_document  # noqa: E402
from chuangye_cli.views.trend import trend_document  # noqa: E402
from chuangye_cli.writers import write  # noqa: E402

TIME_LIMIT = 5.0  # seconds per input
MEMORY_LIMIT = 500 * 2**20  # peak resident memory, bytes

# Values a careless or hostile sender might put in a cell.
NASTY = [
    "",
    " ",
    "0",
    "-0",
    "-5",
    "+3",
    "1e30",
    "1E-5",
    "1e999999999",
    "9" * 30,
    "9" * 5000,
    "0." + "0" * 40 + "1",
    "1999.9999999999999999999999999",
    "NaN",
    "inf",
    "-inf",
    "１２３",
    "１２．５万",
    "1.2亿",
    "3200万元",
    "1,2,3",
    "12,000.5",
    "1.2.3",
    "万",
    "亿元",
    '=HYPERLINK("http://example.com","x")',
    "@SUM(A1)",
    "[red]x[/]",
    "|",
    "\x00",
    "\ufeff",
    "\u202e",
    '"',
    "\n",
    "a" * 40000,
    "2020-13",
    "2020-00",
    "0000-01",
    "9999-12",
    "2020年1-6月",
    "2020.06",
    "2020/6/1",
    "金安县",
    "市直",
    "341502",
    "increment",
    "ytd",
    "level",
    "to_date",
    "1-6月累计",
]
YAML_NASTY = [
    "",
    "~",
    "null",
    "[]",
    "{}",
    "2018-02-30",
    "2018-13",
    "9" * 5000,
    "1e999",
    ".nan",
    "-.inf",
    "-1",
    "0",
    "true",
    "'quoted'",
    "&a [*a]",
    "!!python/object:os.system ls",
    "[" * 200 + "]" * 200,
    "a: b: c",
    "\t",
    "金安区",
    "万元",
    "斤",
    "x" * 10000,
]


@dataclass
class Outcome:
    runs: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)
    slowest: float = 0.0
    peak_mib: int = 0


class Timeout(BaseException):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout()


def _peak_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# --- mutations -------------------------------------------------------------------------------


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        at = rng.randrange(len(b) + 1) if b else 0
        if op == 0 and b:  # flip a byte
            b[min(at, len(b) - 1)] = rng.randrange(256)
        elif op == 1:  # insert random bytes
            b[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and b:  # delete a range
            del b[at : at + rng.randint(1, 32)]
        elif op == 3 and b:  # duplicate a range
            end = min(len(b), at + rng.randint(1, 64))
            b[at:at] = b[at:end]
        else:  # truncate
            del b[at:]
    return bytes(b)


def mutate_csv(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 5)):
        if not lines:
            lines = [""]
        k = rng.randrange(len(lines))
        cells = lines[k].split(",")
        op = rng.randrange(6)
        if op <= 2:  # a nasty cell
            cells[rng.randrange(len(cells))] = rng.choice(NASTY)
        elif op == 3:  # an extra or a missing cell
            if rng.random() < 0.5:
                cells.append(rng.choice(NASTY))
            elif len(cells) > 1:
                cells.pop(rng.randrange(len(cells)))
        elif op == 4:  # repeat a line many times
            lines[k:k] = [lines[k]] * rng.randint(1, 50)
            continue
        else:  # swap two lines (the header too)
            j = rng.randrange(len(lines))
            lines[k], lines[j] = lines[j], lines[k]
            continue
        lines[k] = ",".join(cells)
    return "\n".join(lines) + rng.choice(["\n", "", "\r\n"])


def mutate_yaml(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        k = rng.randrange(len(lines))
        line = lines[k]
        op = rng.randrange(5)
        if op <= 2 and ":" in line:  # replace a value
            key = line.split(":", 1)[0]
            lines[k] = f"{key}: {rng.choice(YAML_NASTY)}"
        elif op == 3:  # drop a line
            del lines[k]
        else:  # duplicate a line (duplicate keys, repeated items)
            lines.insert(k, line)
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


def mutate_xlsx(rng: random.Random, data: bytes) -> bytes:
    """Change the XML inside the workbook (cell values, the declared dimension), or the zip."""
    if rng.random() < 0.25:
        return mutate_bytes(rng, data)
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return mutate_bytes(rng, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/") or "sharedStrings" in info.filename:
                text = content.decode("utf-8", "replace")
                op = rng.randrange(4)
                if op == 0:
                    text = text.replace(
                        'ref="A1:', f'ref="A1:{rng.choice(["XFD1048576", "Z9"])}"x', 1
                    )
                elif op == 1 and "<v>" in text:
                    parts = text.split("<v>")
                    j = rng.randrange(1, len(parts))
                    parts[j] = "9" * rng.choice([3, 30, 400]) + parts[j][parts[j].find("<") :]
                    text = "<v>".join(parts)
                elif op == 2 and "<t>" in text:
                    parts = text.split("<t>")
                    j = rng.randrange(1, len(parts))
                    rest = parts[j][parts[j].find("<") :]
                    parts[j] = rng.choice(NASTY).replace("<", "&lt;").replace("&", "&amp;") + rest
                    text = "<t>".join(parts)
                else:
                    text = mutate_bytes(rng, text.encode()).decode("utf-8", "replace")
                content = text.encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


# --- running one input -------------------------------------------------------------------------


def _figures(actuals: Actuals) -> dict[tuple[str, str], dict[str, dict[int, Decimal]]]:
    """Every figure read, by series and basis (values compared with ==)."""
    return {
        key: {basis: dict(values) for basis, values in series.figures.items() if values}
        for key, series in actuals.series.items()
    }


def exercise(plan: Plan, paths: list[Path]) -> None:
    """What the commands do with actuals: read (and say how), check, compute, write every
    format."""
    readings: list[SheetReading] = []
    actuals, found = read_actuals(paths, plan, readings=readings)
    if all(p.suffix.lower() == ".csv" for p in paths):  # the bulk reader must agree exactly
        bulk, said = read_actuals(paths, plan, engine="columnar")
        if [str(d) for d in said] != [str(d) for d in found] or _figures(bulk) != _figures(actuals):
            raise AssertionError("the columnar engine differs from the row-by-row reader")
    write(inspect_document(plan, readings, found, "zh"), "table")
    write(inspect_document(plan, readings, found, "zh"), "json")
    write(diagnostics_document(found, [str(p) for p in paths]), "table")
    write(diagnostics_document(found, []), "json")
    write(diagnostics_document(found, []), "annotations")
    if any(d.severity == "error" for d in found):
        return
    try:
        month = report_month(plan, actuals, None)
    except ValueError:
        return
    progress = compute(plan, actuals, month)
    status = returns_status(plan, actuals, month)
    if status is not None:
        write(returns_document(plan, status), "table")
        write(returns_document(plan, status), "json")
    for view in View:
        doc = progress_document(progress, Selection(by=view))
        for fmt in ("table", "json", "csv", "markdown", "html", "grid"):
            write(doc, fmt)
    trends = [trend(plan, actuals, i.id, month) for i in plan.indicators]
    write(trend_document(plan, trends), "table")
    write(trend_document(plan, trends[:1]), "csv")
    bulletin = bulletin_document(build_bulletin(plan, actuals, month))
    for fmt in ("markdown", "html"):
        write(bulletin, fmt)


def exercise_plan(targets: Path, tasks: Path) -> None:
    plan, found = load_plan(targets, tasks)
    write(diagnostics_document(found, []), "table")
    write(diagnostics_document(found, []), "json")
    if plan is not None:
        progress = compute(plan, read_actuals([], plan)[0], plan.meta.start)
        write(progress_document(progress, Selection(by=View.COUNTY)), "table")


def guarded(
    outcome: Outcome, name: str, run: Callable[[], None], keep: Path | None, blob: bytes
) -> None:
    outcome.runs += 1
    start = time.perf_counter()
    before = _peak_mib()
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    failure: tuple[str, str] | None = None
    try:
        run()
    except Timeout:
        failure = ("hang", f"{name}: longer than {TIME_LIMIT} s")
    except MemoryError:
        failure = ("memory", f"{name}: MemoryError")
    except Exception:
        failure = ("traceback", f"{name}: {traceback.format_exc(limit=-3)}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    elapsed = time.perf_counter() - start
    outcome.slowest = max(outcome.slowest, elapsed)
    peak = _peak_mib()
    outcome.peak_mib = max(outcome.peak_mib, peak)
    if failure is None and peak * 2**20 > MEMORY_LIMIT and peak > before:
        failure = ("memory", f"{name}: peak {peak} MiB")
    if failure is not None:
        outcome.failures.append(failure)
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            stem = f"{len(outcome.failures):04d}-{failure[0]}-{name.replace('/', '_')}"
            (keep / stem).write_bytes(blob)
            (keep / f"{stem}.txt").write_text(failure[1], encoding="utf-8")


def _seeds(pattern_dirs: list[Path], suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    found = []
    for folder in pattern_dirs:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name.endswith(suffixes) and ".expected." not in path.name:
                found.append((path.name, path.read_bytes()))
    return found


def _xlsx_seed() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["期间", "县区", "指标", "数值", "单位"])
    for k, county in enumerate(["金安区", "裕安区", "开发区"]):
        ws.append([f"2019-0{k + 1}", county, "带动就业", 100 + k, "人"])
        ws.append(["2019-03", county, "发放创业担保贷款", 1200.5, "万元"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def fuzz(actuals_count: int, plans_count: int, seed: int, keep: Path | None = None) -> Outcome:
    rng = random.Random(seed)
    outcome = Outcome()
    previous = signal.signal(signal.SIGALRM, _alarm)
    data = ROOT / "data"
    plan, _ = load_plan(data / "targets.yaml", data / "tasks.yaml")
    assert plan is not None
    csv_seeds = [
        (n, b[:6000]) for n, b in _seeds([data / "actuals", ROOT / "examples"], (".csv",))
    ] + _seeds([ROOT / "tests" / "fixtures" / "returns"], (".csv", ".txt"))
    xlsx_seeds = [
        ("seed.xlsx", _xlsx_seed()),
        *_seeds([ROOT / "tests" / "fixtures" / "returns"], (".xlsx", ".xls")),
    ]
    yaml_seeds = {n: b for n, b in _seeds([data], (".yaml",))}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for k in range(actuals_count):
                if rng.random() < 0.3:
                    name, blob = rng.choice(xlsx_seeds)
                    xls = name.endswith(".xls")
                    blob = mutate_bytes(rng, blob) if xls else mutate_xlsx(rng, blob)
                    path = folder / f"in{k % 2}.{'xls' if xls else 'xlsx'}"
                else:
                    name, blob = rng.choice(csv_seeds)
                    if rng.random() < 0.3:
                        blob = mutate_bytes(rng, blob)
                    else:
                        text = blob.decode("utf-8", "replace").lstrip("\ufeff")
                        encoding = rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"])
                        blob = mutate_csv(rng, text).encode(encoding, "replace")
                    path = folder / f"in{k % 2}.csv"
                path.write_bytes(blob)
                run = functools.partial(exercise, plan, [path])
                guarded(outcome, f"actuals-{k}-{name}", run, keep, blob)
            for k in range(plans_count):
                which = rng.choice(["targets.yaml", "tasks.yaml"])
                text = yaml_seeds[which].decode("utf-8")
                blob = (
                    mutate_bytes(rng, text.encode())
                    if rng.random() < 0.2
                    else mutate_yaml(rng, text).encode("utf-8")
                )
                targets = folder / "targets.yaml"
                tasks = folder / "tasks.yaml"
                targets.write_bytes(blob if which == "targets.yaml" else yaml_seeds["targets.yaml"])
                tasks.write_bytes(blob if which == "tasks.yaml" else yaml_seeds["tasks.yaml"])
                guarded(
                    outcome,
                    f"plan-{k}-{which}",
                    functools.partial(exercise_plan, targets, tasks),
                    keep,
                    blob,
                )
    finally:
        signal.signal(signal.SIGALRM, previous)
    return outcome


def _limit_memory() -> None:
    """Let a runaway allocation fail with MemoryError rather than take the machine."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = 4 * 2**30
    if hard == resource.RLIM_INFINITY or hard > wanted:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--actuals", type=int, default=10_000, help="mutated actuals files")
    parser.add_argument("--plans", type=int, default=3_000, help="mutated plan files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="folder for failing inputs")
    args = parser.parse_args(argv)
    _limit_memory()
    start = time.perf_counter()
    outcome = fuzz(args.actuals, args.plans, args.seed, args.keep)
    kinds = {
        k: sum(1 for f in outcome.failures if f[0] == k) for k in ("traceback", "hang", "memory")
    }
    print(
        f"seed {args.seed}: {outcome.runs} inputs ({args.actuals} actuals, {args.plans} plan files) "
        f"in {time.perf_counter() - start:.0f} s; tracebacks {kinds['traceback']}, "
        f"hangs {kinds['hang']}, over {MEMORY_LIMIT // 2**20} MiB {kinds['memory']}; "
        f"slowest input {outcome.slowest:.2f} s; peak memory {outcome.peak_mib} MiB"
    )
    for kind, detail in outcome.failures[:20]:
        print(f"--- {kind}: {detail}")
    return 1 if outcome.failures else 0


def iter_failures(outcome: Outcome) -> Iterator[str]:
    for kind, detail in outcome.failures:
        yield f"{kind}: {detail}"


if __name__ == "__main__":
    raise SystemExit(main())
