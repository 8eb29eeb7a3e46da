"""Pieces several views share: the plan heading, the JSON plan header, source lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from chuangye_cli.display import counted, percent, quantity
from chuangye_cli.document import Cell
from chuangye_cli.domain import Actuals, month_spans, replacing
from chuangye_cli.model import IndicatorSpec, PlanMeta
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, early_after, returns_sent
from chuangye_cli.vocab import LEVEL_STATUS, NONE, Label, Lang


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


def returns_line(progress: Progress, lang: Lang = "zh") -> list[str]:
    """报送情况 of the report month in one line, when the plan says who reports."""
    returns = progress.returns
    if returns is None:
        return []
    now = [c for c in returns.cells if c.month == progress.as_of]
    missing = [c.reporter.name for c in now if c.state == "missing"]
    earlier = sum(1 for c in returns.missing() if c.month != progress.as_of)
    short = {c for (c, _), months in returns.partial.items() if progress.as_of in months}
    lacking = [c.name for c in progress.plan.counties if c.id in short]
    early = sent_early(progress.plan, progress.actuals, progress.as_of, progress.year)
    months = sorted({m for _, when in early for m in when})
    if lang == "en":
        line = f"Returns: {len(now)} due for {progress.as_of}, "
        line += f"{len(missing)} missing ({', '.join(missing)})" if missing else "all received"
        if lacking:
            line += f", {len(lacking)} without some figures ({', '.join(lacking)})"
        if earlier:
            line += f"; {counted(earlier, 'earlier return')} missing"
        line += " (see chuangye returns)."
        if early:
            shows = "that month" if len(months) == 1 else "a month"
            line += (
                f" Sent early, not counted here: {early_words(early, lang)}; --as-of {months[0]} "
                f"shows {shows}."
            )
        return [line]
    line = f"报送情况：{progress.as_of.label_zh}应报{len(now)}份，"
    line += f"未报送{len(missing)}份（{'、'.join(missing)}）" if missing else "均已报送"
    if lacking:
        line += f"，缺项{len(lacking)}份（{'、'.join(lacking)}）"
    if earlier:
        line += f"；此前另有{earlier}份未报送"
    line += "（见 chuangye returns）。"
    if early:  # (what the warning on stderr says, where the table is read)
        how = f"查看该月请用 --as-of {months[0]}"
        if len(months) > 1:
            how = f"查看请用 --as-of，如 --as-of {months[0]}"
        line += f"{early_words(early)}（{how}）。"
    return [line]


def sent_early(
    plan: Plan, actuals: Actuals, as_of: Period, year: int | None = None
) -> list[tuple[list[str], list[Period]]]:
    """The returns sent early, of months after ``as_of`` and after the latest month whose
    returns are in (read and checked, not counted in a view of ``as_of``): who sent them (in
    the plan's order) and for which months, each group of reporters that sent the same
    months once; empty when nobody did, and in a view of a ``year`` (which counts no later
    month, early or not)."""
    if year is not None:
        return []
    after = early_after(plan, actuals, as_of)
    sent = returns_sent(plan, actuals)
    months: dict[str, list[Period]] = {}
    for month in sorted({m for _, m in sent.cells if m > after.index}):
        for name in sent.of(month):
            months.setdefault(name, []).append(Period.from_index(month))
    groups: dict[tuple[Period, ...], list[str]] = {}
    for name, _ in sent.latest:  # (the plan's order)
        if name in months:
            groups.setdefault(tuple(months[name]), []).append(name)
    return [(who, list(when)) for when, who in groups.items()]


def early_words(early: Sequence[tuple[Sequence[str], Sequence[Period]]], lang: Lang = "zh") -> str:
    """霍邱县已提前报送2020年7月报表，不计入本期 (no full stop); in English, the reporters with
    their months."""
    if lang == "en":
        return "; ".join(
            f"{', '.join(who)} ({', '.join(str(m) for m in when)})" for who, when in early
        )
    said = [
        f"{'、'.join(who)}已提前报送{'、'.join(m.label_zh for m in when)}报表"
        for who, when in early
    ]
    return "，".join(said) + "，不计入本期"


def replaced_returns(plan: Plan, actuals: Actuals) -> dict[str, str]:
    """Each source's returns that a later one replaced, in words: its counties (in the plan's
    order; more than three counted) and months, “霍邱县2020年6月”, “8个县区2020年6月”."""
    by: dict[str, dict[int, set[str]]] = {}
    for (county, month), r in replacing(actuals.returns):
        for source in r.replaced:
            by.setdefault(source, {}).setdefault(month, set()).add(county)
    out = {}
    for source, months in by.items():
        said = []
        for month in sorted(months):
            names = [c.name for c in plan.counties if c.id in months[month]]
            who = "、".join(names) if len(names) <= 3 else f"{len(names)}个县区"
            said.append(who + Period.from_index(month).label_zh)
        out[source] = "、".join(said)
    return out


def after(actuals: Actuals, as_of: Period | None, plan: Plan | None = None) -> dict[str, bool]:
    """The sources (by name) with returns of months after ``as_of`` (read, and checked, but
    not counted in a view of that month), and whether all of their returns are: those of
    later months alone; with ``plan``, also those with returns sent early (of months after the
    latest month whose returns are in, see :func:`~chuangye_cli.progress.usual_month`), not
    every file of a view of an earlier month."""
    latest = actuals.latest
    if as_of is None or latest is None or latest <= as_of:
        return {}
    early = early_after(plan, actuals, as_of) if plan is not None else latest
    return {
        name: first > as_of.index
        for name, (first, last) in month_spans(actuals.returns).items()
        if first > as_of.index or last > early.index
    }


def later_words(name: str, later: Mapping[str, bool], lang: Lang = "zh") -> str:
    """What a source list says of a file with months after the view's (see :func:`after`)."""
    if name not in later:
        return ""
    if lang == "en":
        return "later months only" if later[name] else "also later months, not counted"
    return "均为报告期之后的月份" if later[name] else "另含报告期之后的月份，未计入"


def source_lines(
    actuals: Actuals, lang: Lang = "zh", as_of: Period | None = None, plan: Plan | None = None
) -> list[str]:
    """Where the figures came from (and whether they are synthetic samples); in a view of
    ``as_of``, which files hold only later months, or returns sent early (see :func:`after`)."""
    sources = actuals.sources
    en = lang == "en"
    if not sources:
        return ["Sources: no actual figures" if en else "数据来源：无实绩数据"]
    later = after(actuals, as_of, plan)
    # returns replaced: one a file (or sheet) and month, however many counties it gave
    replaced = len({(s, month) for (_, month), r in replacing(actuals.returns) for s in r.replaced})
    if en:
        files = ", ".join(
            s.name + (f" ({later_words(s.name, later, lang)})" if s.name in later else "")
            for s in sources
        )
        lines = [
            f"Sources: {counted(len(sources), 'file')}, {counted(actuals.rows, 'row')} ({files})"
            + (
                f"; {counted(replaced, 'return')} replaced by a later one, not counted"
                if replaced
                else ""
            )
        ]
    else:
        files = "、".join(
            s.name + (f"（{later_words(s.name, later)}）" if s.name in later else "")
            for s in sources
        )
        lines = [
            f"数据来源：{len(sources)}个文件，{actuals.rows}行（{files}）"
            + (f"；其中{replaced}份报表已被更正或后报的报表取代，未计入" if replaced else "")
        ]
    if actuals.synthetic:
        lines.append(SYNTHETIC(lang))
    elif actuals.synthetic_sources:  # real returns beside the samples: say which are samples
        lines.append(some_synthetic(actuals.synthetic_sources, lang))
    return lines


def status_cell(indicator: IndicatorSpec, status: str | None, lang: Lang = "zh") -> Cell:
    """An indicator's status; a rate or a ceiling in its own words (达标, 超出目标 …)."""
    if indicator.judged_on_level and status in ("done", "behind", "severe"):
        words = LEVEL_STATUS["ceiling" if indicator.ceiling else "rate"][status]
        return Cell(status, text=words(lang))
    return Cell(status)


def target_cell(indicator: IndicatorSpec, target: Decimal | None) -> Cell:
    """A target; a ceiling reads “3.5以内”."""
    if indicator.ceiling and target is not None:
        return Cell(target, text=f"{quantity(target)}以内")
    return Cell(target)


def no_time_progress(indicator: IndicatorSpec, time_progress: Decimal) -> Cell:
    """序时进度, except for a rate or a ceiling, which it does not apply to."""
    return Cell(time_progress, text=NONE) if indicator.judged_on_level else Cell(time_progress)


def some_synthetic(names: list[str], lang: Lang = "zh") -> str:
    """Which of the sources are sample data, when not all are."""
    if lang == "en":
        verb = "holds" if len(names) == 1 else "hold"
        return f"Note: {', '.join(names)} {verb} synthetic sample figures, not real statistics."
    return f"注意：{synthetic_words(names)}。"


def synthetic_words(names: list[str] | None = None) -> str:
    """为合成示例数据（synthetic），并非真实统计: of all the sources, or of ``names`` (其中…)."""
    who = f"其中{'、'.join(names)}" if names else ""
    return f"{who}为合成示例数据（synthetic），并非真实统计"


SYNTHETIC = Label(
    "注意：示例数据为合成数据（synthetic），并非真实统计。",
    "Note: the sample figures are synthetic, not real statistics.",
)
