"""Write the SYNTHETIC sample figures in data/actuals/ (deterministic: same output every run).

The figures are invented. They exist so that a newcomer sees every status of the tool on the
shipped 六安 plan: at 2020-06 (序时进度 30/36) some indicators are done, some on pace, some
behind and one severely behind. 叶集区's return for the last month (2020-06) is missing, so that 报送情况 shows a county that has
not reported. They also exercise what real files do: monthly increments in
UTF-8 with English headers, 1-N月累计 in GB18030 with Chinese headers and “12,000”-style values,
stock levels in UTF-8 with a BOM, and a few city-level (市直) rows.

Run from the repository root:  python scripts/make_sample_actuals.py
"""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "actuals"
MONTHS = [(y, m) for y in (2018, 2019, 2020) for m in range(1, 13)][:30]  # 2018-01 … 2020-06

# Completion at 2020-06 that each indicator should roughly reach (city level).
SHAPE = {
    "new_enterprises": 0.87,
    "jobs": 0.86,
    "training": 1.05,
    "return_platforms": 0.55,
    "factory_space": 0.72,
    "micro_enterprises": 1.02,
    "maker_spaces": 0.9,
    "guarantee_loans": 0.76,
    "youth_startups": 0.84,
}
# How each county performs against its illustrative share (weighted mean about 1).
COUNTY_FACTOR = {
    "jinan": 1.08,
    "yuan": 1.0,
    "yeji": 0.72,
    "huoqiu": 0.95,
    "shucheng": 1.06,
    "jinzhai": 0.86,
    "huoshan": 1.16,
    "kaifaqu": 1.02,
}
MONTHLY_COUNTIES = ["jinan", "yuan", "yeji", "huoqiu", "shucheng", "jinzhai"]
YTD_COUNTIES = ["huoshan", "kaifaqu"]
YEAR_WEIGHT = {2018: 0.8, 2019: 1.0, 2020: 1.15}
SEASON = [0.7, 0.55, 1.0, 1.05, 1.05, 1.1, 1.0, 0.95, 1.0, 1.0, 1.1, 1.3]
CITY_LOANS_SHARE = 0.08  # part of the guaranteed loans issued by the city itself (市直)
NOT_REPORTED = ("yeji", "2020-06")  # a county whose last monthly return has not arrived


def split(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder split of a whole number by weights."""
    s = sum(weights)
    quotas = [total * w / s for w in weights]
    parts = [int(q) for q in quotas]
    order = sorted(range(len(quotas)), key=lambda k: (parts[k] - quotas[k], k))
    for k in order[: total - sum(parts)]:
        parts[k] += 1
    return parts


def main() -> None:
    rng = random.Random(2018)
    targets = yaml.safe_load((ROOT / "data" / "targets.yaml").read_text(encoding="utf-8"))
    weights = targets["allocation"]["weights"]
    weight_sum = sum(weights.values())
    names = {c["id"]: c["name"] for c in targets["counties"]}
    factors = {"万": 10**4, "亿": 10**8}

    def reporting_total(ind: dict[str, object]) -> int:
        unit, rep = str(ind["unit"]), str(ind["reporting_unit"])
        f_unit = factors.get(unit[0], 1) if unit != rep else 1
        f_rep = factors.get(rep[0], 1) if unit != rep else 1
        return int(Decimal(str(ind["target"])) * f_unit / f_rep)

    monthly: list[list[str]] = []
    ytd: list[list[str]] = []
    levels: list[list[str]] = []
    for ind in targets["indicators"]:
        total = reporting_total(ind)
        for county, weight in weights.items():
            share = total * weight / weight_sum * SHAPE[ind["id"]] * COUNTY_FACTOR[county]
            if ind["id"] == "guarantee_loans":
                share *= 1 - CITY_LOANS_SHARE
            county_total = round(share * rng.uniform(0.95, 1.05))
            if ind["kind"] == "stock":
                steps = sorted(rng.sample(range(1, 30), county_total)) if county_total else []
                for k, (y, m) in enumerate(MONTHS):
                    level = sum(1 for s in steps if s <= k)
                    levels.append([f"{y}-{m:02d}", county, ind["id"], str(level), "level"])
                continue
            month_weights = [
                YEAR_WEIGHT[y] * SEASON[m - 1] * rng.uniform(0.7, 1.3) for y, m in MONTHS
            ]
            if county_total < len(MONTHS):  # a few platforms: each lands in a month drawn by weight
                parts = [0] * len(MONTHS)
                for month in rng.choices(range(len(MONTHS)), weights=month_weights, k=county_total):
                    parts[month] += 1
            else:
                parts = split(county_total, month_weights)
            if county in MONTHLY_COUNTIES:
                for (y, m), part in zip(MONTHS, parts, strict=True):
                    if (county, f"{y}-{m:02d}") == NOT_REPORTED:
                        continue  # 叶集区 has not sent its June 2020 return
                    monthly.append(
                        [
                            f"{y}-{m:02d}",
                            county,
                            ind["id"],
                            str(part),
                            str(ind["reporting_unit"]),
                            "",
                        ]
                    )
            else:
                running, year = 0, 0
                for (y, m), part in zip(MONTHS, parts, strict=True):
                    running = part if y != year else running + part
                    year = y
                    ytd.append(
                        [
                            f"{y}年{m}月",
                            names[county],
                            str(ind["name"]),
                            f"{running:,}",
                            str(ind["reporting_unit"]),
                            f"1-{m}月累计",
                            "",
                        ]
                    )
        if ind["id"] == "guarantee_loans":
            city_total = round(total * SHAPE["guarantee_loans"] * CITY_LOANS_SHARE)
            parts = split(city_total, [rng.uniform(0.5, 1.5) for _ in MONTHS])
            for (y, m), part in zip(MONTHS, parts, strict=True):
                monthly.append(
                    [
                        f"{y}-{m:02d}",
                        "shizhi",
                        ind["id"],
                        str(part),
                        "万元",
                        "市本级发放（合成示例）",
                    ]
                )
    note_rows = [r for r in monthly if r[0] == "2020-02" and r[2] == "new_enterprises"]
    for row in note_rows:
        row[5] = "疫情影响，注册放缓（合成示例）"

    OUT.mkdir(parents=True, exist_ok=True)
    write(
        OUT / "synthetic-monthly.csv",
        ["period", "county", "indicator", "value", "unit", "note"],
        monthly,
        "utf-8",
    )
    write(
        OUT / "synthetic-ytd-gb18030.csv",
        ["月份", "县区", "指标", "数值", "单位", "口径", "备注"],
        ytd,
        "gb18030",
    )
    write(
        OUT / "synthetic-maker-spaces.csv",
        ["period", "county", "indicator", "value", "basis"],
        levels,
        "utf-8-sig",
    )
    print(f"wrote {len(monthly) + len(ytd) + len(levels)} rows in 3 files under {OUT}")


def write(path: Path, header: list[str], rows: list[list[str]], encoding: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


if __name__ == "__main__":
    main()
