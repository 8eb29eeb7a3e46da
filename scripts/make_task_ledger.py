"""Write the SYNTHETIC task returns in data/task-returns/ (deterministic: same bytes every run).

The reports are invented. Every lead unit of the thirteen tasks reports each month from 2018-01
to 2020-06 (the month of the sample figures) on its share of the task: a status (未启动, 推进中,
已完成, 滞后), 进展情况, 佐证材料, 下一步计划 and, in the month a milestone of the synthetic ledger
in data/tasks.yaml falls due, that milestone under 完成节点. The story the sample tells:

- tasks 1 and 2 are finished by their lead units in 2020-06, and their indicators (众创空间,
  创业培训) are done: they can be closed (可销号);
- 市人社局 misses the 2019-12 milestone of task 10 (创业服务云平台上线运行) and reports 滞后 from
  then on: the milestone is overdue (逾期);
- 六安银监分局 sends no return for task 4 in 2020-06 (未报送);
- 市经信委 (task 9) and 市住建委 (task 3) report 滞后 in 2020, as their indicators lag.

Run from the repository root:  python scripts/make_task_ledger.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "task-returns" / "synthetic-task-returns.csv"
MONTHS = [(y, m) for y in (2018, 2019, 2020) for m in range(1, 13)][:30]  # 2018-01 … 2020-06
HEADER = [
    "月份",
    "任务序号",
    "责任单位",
    "完成状态",
    "进展情况",
    "佐证材料",
    "下一步计划",
    "完成节点",
]

START = {1: (2018, 3), 6: (2018, 4), 8: (2018, 6), 10: (2018, 3), 13: (2018, 2)}  # else 2018-01
FINISHED = {1: (2020, 6), 2: (2020, 6)}  # 已完成 from this month on
MISSED = {(10, "市人社局"): (2019, 12)}  # a milestone not met; 滞后 from its month on
LAGGING_FROM = {(9, "市经信委"): (2020, 2), (3, "市住建委"): (2020, 3)}
NOT_REPORTED = {(4, "六安银监分局", (2020, 6))}

WORK = {
    1: ["推进众创空间认定和绩效评价", "组织创新创意成果对接活动", "开展科技成果转化项目申报"],
    2: ["举办阶梯式创业培训班", "开展创业培训师资培训", "组织创业培训学员跟踪服务"],
    3: ["推进标准化厂房建设", "调度返乡创业园区项目进度", "梳理闲置厂房资源"],
    4: ["受理创业担保贷款申请", "推进担保基金扩容", "开展银企对接活动"],
    5: ["开展高校毕业生创业指导", "组织青年创业项目路演", "落实青年创业补贴"],
    6: ["开展高端人才创业项目对接", "完善人才创业服务清单", "走访人才创业企业"],
    7: ["开展返乡农民工创业摸底", "落实返乡创业扶持政策", "组织返乡创业项目推介"],
    8: ["摸排退役军人创业需求", "落实退役军人创业优惠政策", "推进退役军人创业孵化基地建设"],
    9: ["调度返乡创业工程项目", "督促县区返乡创业平台建设", "开展返乡创业工程专项督查"],
    10: ["推进云平台功能开发", "组织云平台测试", "对接县区数据接口"],
    11: ["筹备创业创新大赛", "组织大赛项目评审", "开展获奖项目跟踪服务"],
    12: ["拨付创业扶持资金", "开展资金使用绩效评价", "审核创业补贴申报"],
    13: ["发布创业典型案例", "开展“创业江淮”主题宣传", "制作宣传专题节目"],
}
LATE = {
    (10, "市人社局"): "云平台二期开发延期，上线推迟",
    (9, "市经信委"): "部分县区返乡创业平台建设进度偏慢",
    (3, "市住建委"): "标准化厂房新开工项目不足",
}
DETAIL = ["召开调度会1次", "报送阶段性材料", "完成月度工作计划", "督促县区同步推进", "开展实地督导"]
NEXT = ["继续推进各项工作", "加强调度督促", "按时间节点推进", "做好阶段总结"]


def load_ledger() -> tuple[list[dict[str, object]], dict[int, list[tuple[int, int]]]]:
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    milestones: dict[int, list[tuple[int, int]]] = {}
    for number, spec in data["ledger"]["tasks"].items():
        milestones[int(number)] = [
            (int(str(m["due"])[:4]), int(str(m["due"])[5:7])) for m in spec.get("milestones", [])
        ]
    return data["tasks"], milestones


def month_text(ym: tuple[int, int]) -> str:
    return f"{ym[0]}-{ym[1]:02d}"


def rows() -> list[list[str]]:
    rng = random.Random(20200705)
    tasks, milestones = load_ledger()
    out: list[list[str]] = []
    for ym in MONTHS:
        for task in tasks:
            number = int(str(task["number"]))
            leads = task["leads"]
            assert isinstance(leads, list)
            for unit in leads:
                if (number, unit, ym) in NOT_REPORTED:
                    continue
                out.append(report(rng, number, str(unit), ym, milestones.get(number, [])))
    return out


def report(
    rng: random.Random, number: int, unit: str, ym: tuple[int, int], due: list[tuple[int, int]]
) -> list[str]:
    key = (number, unit)
    start = START.get(number, (2018, 1))
    finished = FINISHED.get(number)
    missed = MISSED.get(key)
    lagging = LAGGING_FROM.get(key)
    met = [m for m in due if m == ym and m != missed]
    if ym < start:
        return [
            month_text(ym),
            str(number),
            unit,
            "未启动",
            "正在制定工作方案",
            "",
            "按方案启动实施",
            "",
        ]
    if finished is not None and ym >= finished:
        status, progress = "已完成", "各项任务目标已完成，进入常态化推进"
        nxt = "做好总结评估，申请销号"
    elif (missed is not None and ym >= missed) or (lagging is not None and ym >= lagging):
        status = "滞后"
        progress = LATE[key]
        nxt = "加快推进，明确整改时限"
    else:
        status = "推进中"
        progress = f"{rng.choice(WORK[number])}，{rng.choice(DETAIL)}"
        nxt = rng.choice(NEXT)
    evidence = f"任务{number}_{unit}_{ym[0]}{ym[1]:02d}_工作台账.pdf"
    if met:
        evidence += f"；任务{number}_{unit}_节点完成证明.pdf"
    return [
        month_text(ym),
        str(number),
        unit,
        status,
        progress,
        evidence,
        nxt,
        "、".join(month_text(m) for m in met),
    ]


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    OUT.write_bytes(buffer.getvalue().encode("utf-8"))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
