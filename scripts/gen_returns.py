"""Write large, deterministic monthly returns for measuring readers (same bytes every run).

The file is shaped like real returns: every (month, county, indicator) once, 30 flow
indicators, 60 months (2018-01 … 2022-12), ``rows // 1800`` counties (189,000 rows: 105
counties; 1,800,000: 1,000; 5,130,000: 2,850). Counties are written by name (某某县) or by
their 6-digit code; values are mostly plain integers, some with decimals (``12.5``), a few
``1.2万``, quoted ``"12,000"`` or ``3200万元``; some rows carry a unit (万元, 元, 个, 人) and
some counties report a 1-n月累计 (ytd) basis. ``--bad N`` overwrites N rows, spread evenly, with
one bad cell each (``abc``, ``-5``, ``1e30``, an unknown county, month ``2020-13``) and writes
``FILE.expect.json`` with the line, column and kind of each. ``--plan DIR`` also writes the
matching plan (``targets.yaml`` and ``tasks.yaml``) for ``chuangye_cli.plan.load_plan``.

    python scripts/gen_returns.py /tmp/r189k.csv --rows 189000 --bad 20 --plan /tmp/plan189k
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

HEADER = "period,county,indicator,value,unit,basis\n"
MONTHS = [f"{y}-{m:02d}" for y in range(2018, 2023) for m in range(1, 13)]
ROWS_PER_COUNTY = 30 * len(MONTHS)
# 60 characters: two of them name up to 3,600 distinct counties.
_CHARS = (
    "安北长城东丰凤福阜广桂海和河华淮黄惠建江金晋静乐临灵龙鹿罗眉明南宁平"
    "普青庆泉瑞山上寿舒顺泰桃天通威文武西仙新兴阳宜永玉岳云中"
)
BAD_KINDS = ("abc", "-5", "1e30", "county", "month")
BAD_COLUMN = {"abc": 4, "-5": 4, "1e30": 4, "county": 2, "month": 1}  # 1-based column


def indicators() -> list[tuple[str, str, str, str]]:
    """(id, Chinese name, target unit, reporting unit) of the 30 flow indicators."""
    out = []
    for i in range(30):
        if i < 10:
            out.append((f"ind{i + 1:02d}", f"新增企业{i + 1}", "个", "个"))
        elif i < 20:
            out.append((f"ind{i + 1:02d}", f"带动就业{i + 1}", "人", "人"))
        else:
            out.append((f"ind{i + 1:02d}", f"融资金额{i + 1}", "万元", "万元"))
    return out


def counties(n: int) -> list[tuple[str, str, str]]:
    """(id, name, 6-digit code) of ``n`` counties (at most 3,600)."""
    if n > len(_CHARS) ** 2:
        raise SystemExit(f"at most {len(_CHARS) ** 2} counties")
    return [
        (f"c{k:04d}", f"{_CHARS[k // len(_CHARS)]}{_CHARS[k % len(_CHARS)]}县", f"{340100 + k:06d}")
        for k in range(n)
    ]


def county_count(rows: int) -> int:
    return -(-rows // ROWS_PER_COUNTY)


def _value(rng: random.Random, money: bool, unit: str) -> str:
    """The value text of one increment row."""
    r = rng.random()
    if r < 0.90:
        return str(rng.randint(0, 5000))
    if r < 0.97:
        return f"{rng.randint(0, 999)}.{rng.randint(1, 9)}"
    if r < 0.985:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)}万" if not unit else str(rng.randint(1, 99))
    if r < 0.995:
        return f'"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"'
    return f"{rng.randint(1, 99)}万元" if money and not unit else str(rng.randint(0, 50))


def write_returns(path: Path, rows: int, bad: int, seed: int = 7) -> list[dict[str, object]]:
    """Write ``rows`` data rows to ``path``; returns the injected errors (line, column, kind)."""
    rng = random.Random(seed)
    inds = indicators()
    bad_at = {2 + (k * rows) // bad + rows // (2 * bad): BAD_KINDS[k % 5] for k in range(bad)}
    expected: list[dict[str, object]] = []
    line = 1
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        chunk: list[str] = []
        for cid, name, code in counties(county_count(rows)):
            k = int(cid[1:])
            county_text = code if k % 4 == 3 else name
            ytd = k % 10 == 5
            for ind, _, target, _ in inds:
                money = target == "万元"
                running = 0
                for month in MONTHS:
                    line += 1
                    if line > rows + 1:
                        break
                    unit = ""
                    if rng.random() < 0.03:
                        unit = "万元" if money else target
                    if ytd:
                        running = (0 if month.endswith("-01") else running) + rng.randint(0, 500)
                        value, basis = str(running), "1-n月累计"
                    else:
                        value, basis = _value(rng, money, unit), ("当月" if k % 7 == 0 else "")
                    period, county = month, county_text
                    kind = bad_at.get(line)
                    if kind is not None:
                        expected.append({"line": line, "column": BAD_COLUMN[kind], "kind": kind})
                        if kind == "county":
                            county = "无名县"
                        elif kind == "month":
                            period = "2020-13"
                        else:
                            value = kind
                    chunk.append(f"{period},{county},{ind},{value},{unit},{basis}\n")
                    if len(chunk) >= 20000:
                        fh.writelines(chunk)
                        chunk.clear()
        fh.writelines(chunk)
    return expected


VARIANTS = ("gb18030", "bom", "newlines", "ragged")


def apply_variant(path: Path, variant: str) -> None:
    """Rewrite ``path`` as an awkward but valid-looking file, to test a reader's fall-backs:
    ``gb18030`` and ``bom`` change the encoding; ``newlines`` quotes a line break into the value
    on line 10 and a county on line 50 and adds a blank line after line 30; ``ragged`` drops the
    last two cells of line 20 (fine: missing cells are empty) and adds a cell to line 40 (an
    error). Lines are counted before the change."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if variant == "newlines":
        cells = lines[9].split(",")
        cells[3] = f'"{cells[3]}\n"'
        lines[9] = ",".join(cells)
        cells = lines[49].split(",")
        cells[1] = f'"{cells[1][:1]}\n{cells[1][1:]}"'
        lines[49] = ",".join(cells)
        lines.insert(30, "")
    elif variant == "ragged":
        lines[19] = ",".join(lines[19].split(",")[:4])
        lines[39] = lines[39] + ",x"
    text = "\n".join(lines)
    if variant == "gb18030":
        path.write_bytes(text.encode("gb18030"))
    elif variant == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    else:
        path.write_text(text, encoding="utf-8", newline="")


def write_plan(folder: Path, rows: int) -> None:
    """A plan for the generated counties and indicators, 2018-01 … 2022-12."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "plan:",
        "  id: synthetic-columnar",
        "  title: 合成计划（测量用）",
        "  start: 2018-01",
        "  end: 2022-12",
        "indicators:",
    ]
    for ind, name, target, reporting in indicators():
        lines += [
            f"  - id: {ind}",
            f"    name: {name}",
            "    target: 100000",
            f"    unit: {target}",
            f"    reporting_unit: {reporting}",
            "    kind: flow",
        ]
    lines.append("counties:")
    for cid, name, code in counties(county_count(rows)):
        lines += [f"  - id: {cid}", f"    name: {name}", f'    code: "{code}"', "    kind: county"]
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "tasks.yaml").write_text(
        "units:\n  - name: 协调办\n    kind: coordinator\n"
        "tasks:\n  - number: 1\n    title: 任务\n    lead_text: 协调办\n    leads: [协调办]\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--rows", type=int, default=189_000)
    parser.add_argument("--bad", type=int, default=0, help="rows with one bad cell each")
    parser.add_argument("--plan", type=Path, help="also write the plan into this folder")
    parser.add_argument("--variant", choices=VARIANTS, help="rewrite the file (see apply_variant)")
    args = parser.parse_args()
    expected = write_returns(args.path, args.rows, args.bad)
    if args.bad:
        expect = args.path.with_name(args.path.name + ".expect.json")
        expect.write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")
    if args.variant is not None:
        apply_variant(args.path, args.variant)
    if args.plan is not None:
        write_plan(args.plan, args.rows)
    print(f"{args.path}: {args.rows:,} rows, {args.path.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
