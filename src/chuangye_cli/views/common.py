"""Pieces several views share: the plan heading, the JSON plan header, source lines."""

from __future__ import annotations

from chuangye_cli.display import percent
from chuangye_cli.domain import Actuals
from chuangye_cli.model import PlanMeta
from chuangye_cli.periods import Period
from chuangye_cli.progress import Progress
from chuangye_cli.vocab import Label, Lang


def plan_heading(meta: PlanMeta) -> str:
    """The plan's short title and document number, the first line of every caption."""
    title = meta.short_title or meta.title
    return title + (f"（{meta.document_number}）" if meta.document_number else "")


def plan_header(meta: PlanMeta) -> dict[str, str]:
    """The ``plan`` object every JSON document starts with."""
    return {"id": meta.id, "title": meta.title, "start": str(meta.start), "end": str(meta.end)}


def month_label(period: Period, lang: Lang = "zh") -> str:
    """A month for people: 2020年6月, or 2020-06 in English."""
    return str(period) if lang == "en" else period.label_zh


def period_line(progress: Progress, lang: Lang = "zh") -> str:
    """Report month and 序时进度, with the year of a yearly view."""
    month, elapsed = month_label(progress.as_of, lang), percent(progress.time_progress)
    months = f"{progress.months_elapsed}/{progress.window_months}"
    if lang == "en":
        scope = f"Year {progress.year}: " if progress.year is not None else ""
        return f"{scope}report month {month}, time elapsed {elapsed} ({months} months)"
    scope = f"{progress.year}年度　" if progress.year is not None else ""
    return f"{scope}报告期：{month}　序时进度：{elapsed}（{months}个月）"


def source_lines(actuals: Actuals, lang: Lang = "zh") -> list[str]:
    """Where the figures came from (and whether they are synthetic samples)."""
    sources = actuals.sources
    en = lang == "en"
    if not sources:
        return ["Sources: no actual figures" if en else "数据来源：无实绩数据"]
    if en:
        files = ", ".join(s.name for s in sources)
        lines = [f"Sources: {len(sources)} file(s), {actuals.rows} rows ({files})"]
    else:
        files = "、".join(s.name for s in sources)
        lines = [f"数据来源：{len(sources)}个文件，{actuals.rows}行（{files}）"]
    if actuals.synthetic:
        lines.append(SYNTHETIC(lang))
    return lines


SYNTHETIC = Label(
    "注意：示例数据为合成数据（synthetic），并非真实统计。",
    "Note: the sample figures are synthetic, not real statistics.",
)
