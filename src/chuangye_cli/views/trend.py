"""The views of ``chuangye trend``: one indicator month by month, or every indicator at a glance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from chuangye_cli.display import signed_percent, sparkline
from chuangye_cli.document import Bar, Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.model import IndicatorSpec
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import Unit, convert, get_unit
from chuangye_cli.suspects import NO_DOUBTS, Doubts
from chuangye_cli.trend import Trend
from chuangye_cli.views.common import month_label, plan_header, plan_heading, status_cell
from chuangye_cli.vocab import CITY, COL, Label, Lang


def month_columns(unit: str | None, shown: str | None = None) -> tuple[Column, ...]:
    """The columns of a row per month. ``unit``: the figures' unit (None: rows of several
    indicators, with a 单位 column for people); ``shown``: the smaller unit people read them
    in (the returns' 个 for a target in 万个), machines still have them in ``unit``."""
    each = unit is None
    added = "当月新增" if each else f"当月新增（{unit}）"
    to_date = "累计" if each else f"累计（{unit}）"
    figures: tuple[Column, ...] = (
        Column("addition", Label(added, "added" if each else f"added ({unit})"), Kind.QUANTITY),
        Column("total", Label(to_date, "to date" if each else f"to date ({unit})"), Kind.QUANTITY),
    )
    if shown is not None:  # people read the figures in the returns' unit
        figures = (
            Column("addition_shown", Label(f"当月新增（{shown}）", f"added ({shown})"),
                   Kind.QUANTITY, machine=False),
            Column("total_shown", Label(f"累计（{shown}）", f"to date ({shown})"),
                   Kind.QUANTITY, machine=False),
            *(replace(c, human=False) for c in figures),
        )  # fmt: skip
    return (
        Column("indicator", COL["indicator"], human=False),
        Column("county", COL["county"], human=False),
        Column("period", COL["period"]),
        *((Column("unit", COL["unit"], machine=False),) if each else ()),
        *figures,
        Column(
            "completion",
            Label("完成率（┃为序时）", "completion (┃ time elapsed)"),
            Kind.RATIO,
            styled=True,
            bar=Bar.MARKED,
        ),
        Column("time_progress", COL["time_progress"], Kind.RATIO),
        Column("status", COL["status"], Kind.STATUS, styled=True),
        Column("mom", COL["mom"], Kind.RATIO),
        Column("yoy", COL["yoy"], Kind.RATIO),
    )


def returns_unit(indicator: IndicatorSpec) -> Unit | None:
    """The unit of the returns when it is smaller than the target's (个 for 万个), else None."""
    unit, reporting = get_unit(indicator.unit), get_unit(indicator.reporting_unit or "")
    if unit is None or reporting is None or reporting.factor >= unit.factor:
        return None
    return reporting


OVERVIEW_COLUMNS = (
    Column("name", COL["name"]),
    Column("unit", COL["unit"]),
    Column("trend", COL["trend"], bar=Bar.SPARK),
    Column("total", COL["total"], Kind.QUANTITY),
    Column("completion", COL["completion"], Kind.RATIO, styled=True),
    Column("time_progress", COL["time_progress"], Kind.RATIO),
    Column("status", COL["status"], Kind.STATUS, styled=True),
)


def month_table(
    trends: Sequence[Trend], *, human: bool = True, lang: Lang = "zh", area: str | None = None
) -> Table:
    """A row per indicator and month (the machine rows; for people when there is one trend,
    its figures in the returns' unit when that is smaller than the target's)."""
    first = trends[0] if trends else None
    one = len(trends) == 1
    small = returns_unit(first.indicator) if first is not None and one and human else None

    def shown(t: Trend, value: Decimal | None) -> Cell:
        unit = get_unit(t.indicator.unit)
        if small is None or unit is None or value is None:
            return Cell(None)
        return Cell(convert(value, unit, small))

    rows = tuple(
        Row(
            {
                "indicator": Cell(t.indicator.id),
                "county": Cell(t.county.name if t.county else None),
                "period": Cell(str(p.period), text=month_label(p.period, lang)),
                "unit": Cell(t.indicator.unit),
                "addition": Cell(p.addition),
                "total": Cell(p.total),
                "addition_shown": shown(t, p.addition),
                "total_shown": shown(t, p.total),
                "completion": Cell(p.completion, mark=p.time_progress),
                "time_progress": Cell(p.time_progress),
                "status": status_cell(t.indicator, p.status),
                "mom": Cell(p.mom, text=signed_percent(p.mom)),
                "yoy": Cell(p.yoy, text=signed_percent(p.yoy)),
            },
            status=p.status,
        )
        for t in trends
        for p in t.points
    )
    title = (
        f"{first.indicator.name}　{first.county.name if first.county else area_name(area, lang)}"
        if first and human
        else None
    )
    unit = first.indicator.unit if first and one else None
    columns = month_columns(unit, small.name if small is not None else None)
    return Table("rows", columns, rows, title=title, sheet="走势", human=human)


def overview_table(trends: Sequence[Trend]) -> Table:
    rows = []
    for t in trends:
        last = t.points[-1]
        rows.append(
            Row(
                {
                    "name": Cell(t.indicator.name),
                    "unit": Cell(t.indicator.unit),
                    "trend": Cell(sparkline([p.addition for p in t.points])),
                    "total": Cell(last.total),
                    "completion": Cell(last.completion),
                    "time_progress": Cell(last.time_progress),
                    "status": status_cell(t.indicator, last.status),
                },
                status=last.status,
            )
        )
    return Table("overview", OVERVIEW_COLUMNS, tuple(rows), sheet="走势概览", machine=False)


SPARKLINE_NOTE = Label(
    "月度新增走势：每个字符一个月，高度按该指标最大月度新增缩放；空白为当月无报送。",
    "Monthly additions: a character a month, its height scaled to the indicator's largest "
    "monthly addition; a blank where nothing was reported.",
)


def area_name(area: str | None, lang: Lang) -> str:
    """The whole the plan shows: 全市 (the city, in English), or the division viewed."""
    if area is None or area == CITY.zh:
        return CITY(lang)
    return area


def notes(lang: Lang, span: tuple[str, str], where: str) -> list[str]:
    """The caption lines under the plan heading."""
    if lang == "en":
        return [
            f"Month by month: {span[0]} to {span[1]}, {where}",
            "Month on month: the month's addition against the previous month's; year on year: "
            "against the same month a year earlier; — where there is nothing to compare with.",
        ]
    return [
        f"逐月走势：{span[0]}至{span[1]}　{where}",
        "环比：当月新增较上月新增的变化；同比：较上年同月新增的变化；无可比数据时为“—”。",
    ]


def trend_document(
    plan: Plan, trends: Sequence[Trend], lang: Lang = "zh", doubts: Doubts = NO_DOUBTS
) -> Document:
    """JSON: plan, as_of, county, units, rows, doubted (``doubts``: those of the view, see
    :mod:`suspects`)."""
    last = trends[0].points[-1].period if trends and trends[0].points else None
    first = trends[0].points
    where = trends[0].county.name if trends[0].county else area_name(plan.area, lang)
    span = f"{month_label(first[0].period, lang)}", f"{month_label(first[-1].period, lang)}"
    lines = [plan_heading(plan.meta), *notes(lang, span, where)]
    if len(trends) == 1:
        tables = [month_table(trends, lang=lang, area=plan.area)]
    else:
        # every month of every indicator: data for JSON, CSV and a workbook, not for reading
        months = replace(
            month_table(trends, human=False, lang=lang, area=plan.area),
            human=True,
            audience="data",
            sheet="逐月",
        )
        tables = [overview_table(trends), months]
        lines.append(SPARKLINE_NOTE(lang))
    said = doubts.said(lang)
    if said:
        lines.append(said)
    return report(
        lines,
        tables,
        lang=lang,
        header={
            "plan": plan_header(plan.meta),
            "as_of": str(last) if last else None,
            "county": trends[0].county.name if trends and trends[0].county else None,
            "units": {t.indicator.id: t.indicator.unit for t in trends},
        },
        trailer={"doubted": [d.to_json() for d in doubts.suspects]},
    )
