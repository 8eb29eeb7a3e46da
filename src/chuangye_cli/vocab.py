"""Words for people, in Chinese and English: status words, warning levels and kinds, column
labels. The engine computes codes (``done``, ``red``, ``lagging``); only views and writers turn
them into words, through this module.

Kept free of heavy imports: the CLI reads it to build its help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Label:
    """One piece of text in both languages."""

    zh: str
    en: str
    short: str = ""  # a shorter English, for a header in a narrow terminal (“done”)

    def __call__(self, lang: Lang = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def brief(self, lang: Lang = "zh") -> str:
        """The text where room is short: the shorter English when there is one."""
        return self.short if lang == "en" and self.short else self(lang)


NONE = "—"  # shown where there is no value

STATUS: dict[str, Label] = {
    "done": Label("已完成", "done"),
    "on_pace": Label("达序时", "on pace"),
    "behind": Label("滞后", "behind"),
    "severe": Label("严重滞后", "severely behind"),
    "qualitative": Label("定性任务", "qualitative"),
    "partner_only": Label("仅配合", "partner only"),
    "no_target": Label("无年度目标", "no yearly target"),
    "not_reported": Label("未报送", "not reported"),
}

SEVERITY: dict[str, Label] = {
    "error": Label("错误", "error"),
    "warning": Label("警告", "warning"),
    "notice": Label("提示", "notice"),
}

LEVEL: dict[str, Label] = {
    "red": Label("红色", "red"),
    "yellow": Label("黄色", "yellow"),
    "green": Label("绿色", "green"),
}

ALERT_KIND: dict[str, Label] = {
    "not_reported": Label("未报送", "not reported"),
    "lagging": Label("滞后于序时", "behind time elapsed"),
    "half_time": Label("时间过半任务未过半", "half the time, not half the target"),
    "projection": Label("按近6月进度难以完成", "not reachable at the last 6 months' pace"),
    "off_target": Label("未达目标值", "off the target level"),
}


# Statuses of indicators judged on their level (rates, ceilings): the same codes, other words.
LEVEL_STATUS: dict[str, dict[str, Label]] = {
    "rate": {
        "done": Label("达标", "met"),
        "behind": Label("未达标", "below the target"),
        "severe": Label("差距较大", "far below the target"),
    },
    "ceiling": {
        "done": Label("控制在目标内", "within the ceiling"),
        "behind": Label("超出目标", "above the ceiling"),
        "severe": Label("严重超出", "far above the ceiling"),
    },
}


# What a lead unit reports on a task (task returns), and what the ledger adds.
TASK_STATUS: dict[str, Label] = {
    "not_started": Label("未启动", "not started"),
    "in_progress": Label("推进中", "in progress"),
    "done": Label("已完成", "done"),
    "lagging": Label("滞后", "lagging"),
    "not_reported": Label("未报送", "not reported"),
    "overdue": Label("逾期", "overdue"),
    "closable": Label("可销号", "can be closed"),
}


def status_word(status: str | None, lang: Lang = "zh") -> str:
    """A status (or warning level) in words; — where there is none."""
    if not status:
        return NONE
    label = STATUS.get(status) or LEVEL.get(status) or SEVERITY.get(status)
    return label(lang) if label else status


# Column labels shared by several views. A view's own columns may carry their own labels.
COL: dict[str, Label] = {
    "indicator": Label("指标代码", "indicator"),
    "name": Label("指标", "indicator"),
    "indicator_name": Label("指标", "indicator"),
    "unit": Label("单位", "unit"),
    "target": Label("目标", "target"),
    "county_target": Label("目标（示意）", "target (illustrative)", "target*"),
    "actual": Label("累计完成", "to date"),
    "completion": Label("完成率", "completion", "done"),
    "mean_completion": Label("平均完成率", "mean completion", "mean done"),
    "time_progress": Label("序时进度", "time elapsed", "elapsed"),
    "status": Label("状态", "status"),
    "remaining": Label("剩余", "remaining", "left"),
    "pace_needed": Label("尚需月均", "needed a month", "a month"),
    "county": Label("县区", "county"),
    "county_id": Label("县区代码", "county id"),
    "note": Label("备注", "note"),
    "unit_name": Label("责任单位", "responsible unit"),
    "tasks": Label("牵头任务", "tasks led"),
    "indicators": Label("关联指标", "linked indicators", "indicators"),
    "task": Label("序号", "no."),
    "title": Label("工作任务", "task"),
    "leads": Label("牵头责任单位", "lead units"),
    "partners": Label("配合单位", "cooperating units", "partners"),
    "period": Label("月份", "month"),
    "addition": Label("当月新增", "added in the month"),
    "total": Label("累计", "to date"),
    "mom": Label("环比", "month on month"),
    "yoy": Label("同比", "year on year"),
    "trend": Label("月度新增走势", "monthly additions"),
    "level": Label("预警", "warning"),
    "kind": Label("类型", "kind"),
    "subject": Label("对象", "subject"),
    "scope": Label("范围", "scope"),
    "gap_points": Label("差距（百分点）", "gap (points)"),
    "projected": Label("期末预计完成率", "projected at the end", "projected"),
    "message": Label("说明", "description"),
    "consecutive_red_months": Label("连续红色（月）", "red for (months)", "red months"),
    "rank_change": Label("位次变化", "change of rank", "rank change"),
    "previous_rank": Label("上月名次", "last month's rank"),
    "score": Label("综合得分", "composite score"),
    "first": Label("红榜（首位）", "top"),
    "last": Label("黑榜（末位）", "bottom"),
    "ranking": Label("排名", "ranking"),
    "unranked": Label("未报送、未排名", "not reported, not ranked"),
    "not_scored": Label("综合得分不计的指标", "indicators the composite leaves out"),
    "rank": Label("名次", "rank"),
    "file": Label("文件", "file"),
    "rows": Label("行数", "rows"),
    "format": Label("格式", "format"),
    "encoding": Label("编码", "encoding"),
    "location": Label("位置", "location"),
    "reported_through": Label("报送至", "reported through"),
    "missing": Label("未报送月份", "months not reported"),
    "severity": Label("级别", "severity"),
    "code": Label("代码", "code"),
    "sheet": Label("工作表", "sheet"),
    "line": Label("行", "line"),
    "column": Label("列", "column"),
}

CITY = Label("全市", "city")
# divisions in a hierarchy (chuangye_cli.divisions, chuangye_cli.scope)
DIVISION_LEVEL: dict[str, Label] = {
    "province": Label("省级", "province"),
    "city": Label("市级", "city"),
    "county": Label("县级", "county"),
}
OWN = Label("本级", "own")  # a division's own figures, apart from those under it: 合肥市本级
# the whole plan's area, by the level of its top divisions
AREA: dict[str, Label] = {
    "county": CITY,
    "city": Label("全省", "province"),
    "province": Label("全国", "country"),
}
OVERALL = Label(
    "综合得分（各指标完成率封顶100%后加权平均，满分100）",
    "composite score (weighted mean of completions capped at 100%, out of 100)",
)
OVERALL_SHORT = Label("综合得分", "composite score")

MEASURE: dict[str, Label] = {
    "count": Label("个数", "count"),
    "persons": Label("人数", "persons"),
    "person_times": Label("人次", "person-times"),
    "area": Label("面积", "area"),
    "money": Label("金额", "money"),
    "rate": Label("比率", "rate"),
}

NUMERALS = "一二三四五六七八九十"  # a bulletin's sections: 一、二、…
