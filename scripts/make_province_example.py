"""Write the SYNTHETIC province example in data/examples/province/ (deterministic: same bytes
every run).

Everything in it is invented: the province (示范省), its three cities and nine counties, their
codes (prefix 99, which no real province has), the targets, the allocation and every figure.
It exists to show and test divisions in a hierarchy: a province with cities with counties,
parents found from the division codes (and one given by name), 本级 figures at province and
city level, targets declared for some cities and summed for another, a rate that is never
summed, and a county whose last return is missing.

Run from the repository root:  python scripts/make_province_example.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "examples" / "province"
MONTHS = [(y, m) for y in (2019, 2020) for m in range(1, 13)][:18]  # 2019-01 … 2020-06

TARGETS = """\
# SYNTHETIC EXAMPLE — 示范省（合成示例，非真实数据）. Made by scripts/make_province_example.py.
#
# Everything here is invented to show divisions in a hierarchy: no such province, city, county,
# target or figure exists. Division codes start with 99, which no real province has.
#
# - `counties` lists the province, its cities and their counties. A division's parent is found
#   from its 行政区划代码: 990102 is under 990100 (东湖市), 990100 under 990000 (示范省). The
#   development zone has no code, so it names its parent. Levels come from `kind` (province,
#   prefecture = 市级) or from the parent (one level below).
# - figures reported against a city's or the province's own id are its 本级 figures (市本级,
#   省本级); a parent's actual is the sum of its divisions' plus its own.
# - `allocation`: weights split the province's target among 东湖市, 西山市 and 南河市's two
#   counties (南河市 itself is not weighted: its target is the sum of its counties'); each
#   weighted city's share is split again among its own weighted counties. 众创空间 is allocated
#   explicitly: 东湖市 and 西山市 are given declared targets.

plan:
  id: shifan-example
  title: 示范省创业行动计划（合成示例，非真实文件）
  short_title: 示范省创业行动（合成示例）
  issuer: 示范省人民政府办公厅（虚构）
  start: 2019-01
  end: 2020-12
  coordinator: 示范省创业工作领导小组办公室（虚构）

indicators:
  - id: new_enterprises
    name: 新增注册企业
    target: 6000
    unit: 个
    reporting_unit: 个
    kind: flow
  - id: jobs
    name: 带动就业
    target: 2.4
    unit: 万人
    reporting_unit: 人
    kind: flow
  - id: maker_spaces
    name: 累计建设众创空间
    target: 30
    unit: 个
    kind: stock
  - id: grad_employment
    name: 高校毕业生就业率
    target: 90
    unit: "%"
    kind: stock

counties:
  - {id: shifan, name: 示范省, code: "990000", kind: province}
  - {id: donghu, name: 东湖市, code: "990100", kind: prefecture}
  - {id: dongcheng, name: 东城区, code: "990102", kind: district}
  - {id: hubin, name: 湖滨区, code: "990103", kind: district}
  - {id: donghu_xian, name: 东湖县, code: "990121", kind: county}
  - {id: gaoxin, name: 东湖高新区, kind: zone, parent: donghu, aliases: [高新区]}
  - {id: xishan, name: 西山市, code: "990200", kind: prefecture}
  - {id: xishan_qu, name: 西山区, code: "990202", kind: district}
  - {id: beiling, name: 北岭县, code: "990221", kind: county}
  - {id: shimen, name: 石门县, code: "990222", kind: county}
  - {id: nanhe, name: 南河市, code: "990300", kind: prefecture}
  - {id: nanhe_qu, name: 南河区, code: "990302", kind: district}
  - {id: qingshui, name: 清水县, code: "990321", kind: county}

allocation:
  label: 合成示例分解（synthetic，非真实文件）
  method: >-
    合成示例：省目标按权重分给东湖市、西山市和南河市的两个县区（南河市不单列权重，其目标为所辖
    县区之和）；东湖市、西山市的份额再按各自县区的权重分解。众创空间为逐个给出的目标。
  weights:
    donghu: 45
    xishan: 35
    nanhe_qu: 12
    qingshui: 8
    dongcheng: 40
    hubin: 30
    donghu_xian: 20
    gaoxin: 10
    xishan_qu: 50
    beiling: 30
    shimen: 20
  explicit:
    - indicator: maker_spaces
      targets: {donghu: 12, xishan: 10, nanhe_qu: 5, qingshui: 3,
                dongcheng: 5, hubin: 4, donghu_xian: 2, gaoxin: 1}

reporting:
  label: 合成示例（synthetic）：省、市本级和各县区每月报送
  due_day: 5
"""

TASKS = """\
# SYNTHETIC EXAMPLE — 示范省（合成示例）. Made by scripts/make_province_example.py.
units:
  - name: 示范省创业工作领导小组办公室（虚构）
    kind: coordinator
  - name: 各市县政府
    kind: counties

tasks:
  - number: 1
    title: 推进创业主体培育（合成示例）。
    lead_text: 示范省创业工作领导小组办公室（虚构）
    leads: [示范省创业工作领导小组办公室（虚构）]
    partners: [各市县政府]

indicator_links:
  label: 合成示例（synthetic）
  tasks:
    1: [new_enterprises, jobs, maker_spaces, grad_employment]
"""

README = """\
# 示范省 — a SYNTHETIC example of divisions in a hierarchy

**Everything here is invented** (made by `python scripts/make_province_example.py`,
deterministic): a province, three cities and nine counties that do not exist, with division
codes starting 99, invented targets and invented monthly figures for 2019-01 … 2020-06.

It shows what a province plan looks like to the tool: parents found from the division codes,
本级 figures reported against the province's and the cities' own ids, targets declared for 东湖市
and 西山市 and summed for 南河市, a rate (高校毕业生就业率) that is never summed, and 石门县's
return for 2020-06 missing. Try:

    chuangye progress --data data/examples/province --by county --level city
    chuangye progress --data data/examples/province --by county --within 东湖市
    chuangye warnings --data data/examples/province --within 西山市
    chuangye report --data data/examples/province --within 东湖市
"""

# How each division does against its share: completion at 2020-06 is about 序时 (75%) × factor.
FACTOR = {
    "dongcheng": 1.12, "hubin": 0.95, "donghu_xian": 0.7, "gaoxin": 1.3,
    "xishan_qu": 1.05, "beiling": 0.8, "shimen": 0.6, "nanhe_qu": 1.0, "qingshui": 0.85,
}  # fmt: skip
SHARE = {  # each county's target (new_enterprises 个, jobs 人), as the allocation gives it
    "dongcheng": (1080, 4320), "hubin": (810, 3240), "donghu_xian": (540, 2160),
    "gaoxin": (270, 1080), "xishan_qu": (1050, 4200), "beiling": (630, 2520),
    "shimen": (420, 1680), "nanhe_qu": (720, 2880), "qingshui": (480, 1920),
}  # fmt: skip
OWN = {"shifan": (4, 12), "donghu": (6, 20), "xishan": (3, 9), "nanhe": (2, 5)}  # 本级 a month
MAKER_LEVEL = {  # 众创空间 at 2020-06 (levels rise through the months)
    "dongcheng": 5, "hubin": 2, "donghu_xian": 1, "gaoxin": 1, "xishan_qu": 4, "beiling": 2,
    "shimen": 1, "nanhe_qu": 3, "qingshui": 1, "shifan": 2,
}  # fmt: skip
RATE = {"shifan": 90.6, "donghu": 92.1, "nanhe": 87.5, "dongcheng": 93.0, "beiling": 88.2}
MISSING = {("shimen", (2020, 6))}  # a return not sent


def figures() -> list[list[str]]:
    rng = random.Random(20200630)
    rows: list[list[str]] = []
    for division in ["shifan", "donghu", *SHARE, "xishan", "nanhe"]:
        for k, (year, month) in enumerate(MONTHS, 1):
            if (division, (year, month)) in MISSING:
                continue
            period = f"{year}-{month:02d}"
            for j, indicator in enumerate(("new_enterprises", "jobs")):
                if division in SHARE:
                    pace = SHARE[division][j] * 0.75 * FACTOR[division] / len(MONTHS)
                    value = max(0, round(pace * rng.uniform(0.6, 1.4)))
                else:
                    value = OWN[division][j]
                rows.append([period, division, indicator, str(value), "increment", ""])
            if division in MAKER_LEVEL:
                level = MAKER_LEVEL[division] * k // len(MONTHS)
                rows.append([period, division, "maker_spaces", str(level), "level", ""])
            if division in RATE and month % 3 == 0:  # a quarterly figure
                rate = RATE[division] - 0.1 * ((len(MONTHS) - k) // 3)
                rows.append([period, division, "grad_employment", f"{rate:.1f}", "level", ""])
    return rows


def main() -> None:
    (OUT / "actuals").mkdir(parents=True, exist_ok=True)
    for name, text in (("targets.yaml", TARGETS), ("tasks.yaml", TASKS), ("README.md", README)):
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period", "county", "indicator", "value", "basis", "note"])
    writer.writerows(figures())
    (OUT / "actuals" / "synthetic-province.csv").write_text(
        buffer.getvalue(), encoding="utf-8", newline="\n"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
