"""The views of ``chuangye warnings``: the 预警 list, worst first, and the county rankings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from chuangye_cli.alerts import PACE_MONTHS, Alert, Alerts, RankEntry, Ranking
from chuangye_cli.display import about, counted, pace, percent, quantity
from chuangye_cli.document import Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.model import IndicatorSpec
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress
from chuangye_cli.returns import months_text
from chuangye_cli.suspects import NO_DOUBTS, Doubts, in_view
from chuangye_cli.views.common import month_label, plan_header, plan_heading
from chuangye_cli.views.progress import MARK, counting, marked_completion, marked_rows
from chuangye_cli.views.scope import divisions_word, scope_header, scope_lines
from chuangye_cli.vocab import ALERT_KIND, CITY, COL, LEVEL, NONE, OVERALL, Label, Lang


def describe(alert: Alert, plan: Plan, lang: Lang = "zh") -> str:
    """One sentence for people (Chinese, or English)."""
    names, units = plan.indicator_names, plan.indicator_units
    joiner = "/" if lang == "en" else "·"  # (as English progress and validate join them)
    what = subject(alert, lang) + (f"{joiner}{names[alert.indicator]}" if alert.indicator else "")
    done, tp = percent(alert.completion), percent(alert.time_progress)
    if alert.kind == "not_reported":
        return what + ("：" if lang == "zh" else ": ") + not_reported_text(alert, lang)
    if alert.kind == "projection":
        unit = units[alert.indicator] if alert.indicator else ""
        small = plan.indicator(alert.indicator).reporting_unit if alert.indicator else None
        projected = percent(alert.projected)
        short = quantity(alert.gap_points, 1)  # (what sets its colour)
        needed = about(alert.pace_needed, unit, small, lang)
        if lang == "en":
            return (
                f"{what}: at the average pace of the last {PACE_MONTHS} months, {projected} by "
                f"the end ({short} points short); {needed} a month are needed to reach the "
                "target"
            )
        return (
            f"{what}：按近{PACE_MONTHS}个月平均进度，期末预计完成{projected}（差{short}个百分点）；"
            f"需每月完成{needed}方能完成目标"
        )
    if alert.kind == "off_target" and alert.indicator and alert.actual is not None:
        return what + "：" + off_target(plan.indicator(alert.indicator), alert.actual, alert.target)
    if alert.kind == "half_time":
        if lang == "en":
            return f"{what}: half the time has passed, {done} done, not half the target"
        return f"{what}：时间已过半，完成{done}，任务未过半"
    gap = quantity(alert.gap_points, 1)
    if lang == "en":
        return f"{what}: {done} done, {gap} points below the time elapsed ({tp})"
    return f"{what}：完成{done}，低于序时进度（{tp}）{gap}个百分点"


def subject(alert: Alert, lang: Lang = "zh") -> str:
    """Whom a warning is of: a county's or a unit's name, or the whole (全市, “city” in English
    when the plan's area is the city's own word)."""
    if lang == "en" and alert.scope == "city" and alert.subject == CITY.zh:
        return CITY.en
    return alert.subject


def not_reported_text(alert: Alert, lang: Lang = "zh") -> str:
    """What a missing return means: this month's (with the last month reported) and the months
    missing before it; for an indicator, the months whose return came without it (缺项)."""
    if alert.indicator is not None:
        if lang == "en":
            months = ", ".join(str(m) for m in alert.missing)
            return (
                f"the return{'s' if len(alert.missing) > 1 else ''} of {months} came without "
                "it; the total is incomplete and not judged"
            )
        return f"{months_text(list(alert.missing))}报表缺项，累计数不全，不作进度判断"
    last = alert.reported_through
    earlier = [m for m in alert.missing if last is not None and m < last]
    parts: list[str] = []
    if alert.consecutive_red_months:  # the report month's return is missing
        if lang == "en":
            parts.append(
                "no return for this month" + (f" (last return: {last})" if last else " (none yet)")
            )
        else:
            parts.append(
                "未报送本期报表"
                + (f"（最近一次报送：{last.label_zh}）" if last else "（尚无报送）")
            )
    if earlier:
        if lang == "en":
            parts.append(
                f"{len(earlier)} earlier months without a return; the total is incomplete and "
                "not judged"
            )
        else:
            parts.append(
                ("此前" if parts else "")
                + f"缺报{len(earlier)}个月（{months_text(earlier)}），累计数不全，不作进度判断"
            )
    return ("; " if lang == "en" else "；").join(parts)


WARNINGS_TITLE = Label("预警清单（由重到轻）", "Warnings, worst first")


def rankings_title(plan: Plan, lang: Lang) -> str:
    """县区排名（红黑榜）; 市排名 for the cities of a province, 地区排名 for several levels."""
    word = divisions_word(plan)
    if lang == "en":
        return (
            f"{ {'县区': 'County', '市': 'City'}.get(word, 'Division') } rankings (top and bottom)"
        )
    return f"{word}排名（红黑榜）"


def off_target(indicator: IndicatorSpec, actual: Decimal, target: Decimal | None) -> str:
    """A rate or a ceiling off its target, as people say it: 3.8%，超出控制目标（3.5%以内）0.3个
    百分点."""
    unit = indicator.unit
    points = "个百分点" if indicator.rate else unit
    now = f"{quantity(actual, 2)}{unit}"
    if target is None:
        return now
    gap = quantity(abs(actual - target), 2)
    if indicator.ceiling:
        return f"{now}，超出控制目标（{quantity(target, 2)}{unit}以内）{gap}{points}"
    return f"{now}，低于目标（{quantity(target, 2)}{unit}）{gap}{points}"


WARNING_COLUMNS = (
    Column("kind", COL["kind"]),
    Column("level", COL["level"], Kind.STATUS, styled=True),
    Column("scope", COL["scope"], human=False),
    Column("subject", COL["subject"]),
    Column("subject_id", COL["county_id"], human=False),
    Column("indicator", COL["indicator_name"]),
    Column("completion", COL["completion"], Kind.RATIO),
    Column("time_progress", COL["time_progress"], Kind.RATIO),
    Column("gap_points", COL["gap_points"], Kind.POINTS),
    Column("projected", COL["projected"], Kind.RATIO),
    Column("pace_needed", COL["pace_needed"], Kind.QUANTITY),
    Column("consecutive_red_months", COL["consecutive_red_months"], Kind.NUMBER),
    Column("rank_change", COL["rank_change"], Kind.NUMBER, human=False),
    Column("missing", COL["missing"], Kind.LIST, human=False),
    Column("message", COL["message"], wide=True),
)
WARNING_ORDER = (
    "level",
    "kind",
    "subject",
    "indicator",
    "completion",
    "time_progress",
    "gap_points",
    "consecutive_red_months",
    "message",
)


def escalation(alert: Alert, plan: Plan, lang: Lang = "zh") -> str:
    """“已连续N个月红色预警，建议督办” once a warning has been red for
    ``thresholds.escalate_after`` months or more; else nothing."""
    months = alert.consecutive_red_months
    if months < plan.thresholds.escalate_after:
        return ""
    if lang == "en":
        what = (
            ("without this figure" if alert.indicator else "without a return")
            if alert.kind == "not_reported"
            else "red"
        )
        return f"{what} for {months} months in a row: supervision suggested"
    if alert.kind == "not_reported":
        gap = "报表缺此项" if alert.indicator else "未报送"
        return f"已连续{months}个月{gap}，建议督办"
    return f"已连续{months}个月红色预警，建议督办"


def owed_by_units(
    alerts: Alerts, unranked: tuple[str, ...], indicator: str | None = None
) -> tuple[dict[str, set[str]], list[str]]:
    """Of the counties left out of a ranking (of ``indicator``; None: the composite), those
    left out only because a unit's return is missing: the units' names with the indicators
    they owe; and the other counties' names, in order."""
    progress = alerts.progress
    returns = progress.returns
    if returns is None:
        return {}, list(unranked)
    ids = {c.name: c.id for c in progress.plan.counties}
    units = returns.units
    lacking: dict[str, set[str]] = {}  # county id -> its indicators not reported
    if indicator is None:  # (the composite: whatever a county lacks)
        for r in progress.counties:
            if r.status == "not_reported":
                lacking.setdefault(r.county.id, set()).add(r.indicator.id)
    by_unit: dict[str, set[str]] = {}
    left = []
    for name in unranked:
        wanted = {indicator} if indicator else lacking.get(ids.get(name, name), set())
        if wanted and all(i in units for i in wanted):
            for i in wanted:
                by_unit.setdefault(units[i].name, set()).add(i)
            continue
        left.append(name)
    return by_unit, left


def units_text(alerts: Alerts, by_unit: dict[str, set[str]]) -> list[str]:
    """“市科技局未报送（累计建设市级及以上众创空间）”, a unit each."""
    names = alerts.progress.plan.indicator_names  # (in the plan's order)
    return [
        f"{unit}未报送（{'、'.join(name for i, name in names.items() if i in inds)}）"
        for unit, inds in by_unit.items()
    ]


def why_unranked(alerts: Alerts, unranked: tuple[str, ...], indicator: str | None = None) -> str:
    """Why counties are left out of a ranking (of ``indicator``; None: the composite):
    “叶集区未报送、金寨县报表缺项” (a return that did not come, or one that came without a
    figure), or the unit whose return is missing (“市科技局未报送（众创空间）”)."""
    as_of = alerts.progress.as_of
    whole = {
        a.subject: a.missing for a in alerts.items if a.kind == "not_reported" and not a.indicator
    }
    by_unit, left = owed_by_units(alerts, unranked, indicator)
    now = [c for c in left if as_of in whole.get(c, ())]
    said = ["、".join(now) + "未报送"] if now else []
    said += [  # a return missing in an earlier month of the view: named with its months
        f"{c}{months_text(list(whole[c]))}未报送" for c in left if c in whole and c not in now
    ]
    short = [c for c in left if c not in whole]
    said += ["、".join(short) + "报表缺项"] if short else []
    return "，".join(said + units_text(alerts, by_unit))


def rank_change_text(change: int | None) -> str:
    """位次变化 as people write it: ↑2, ↓1, 持平; — without a previous rank."""
    if change is None:
        return NONE
    if change == 0:
        return "持平"
    return f"↑{change}" if change > 0 else f"↓{-change}"


def warnings_table(
    alerts: Alerts,
    lang: Lang = "zh",
    items: tuple[Alert, ...] | None = None,
    marked: Mapping[str, set[str]] | None = None,
) -> Table:
    """``marked``: the doubted indicators of each row (see :func:`marked_rows`), whose
    completions are marked ※ as in progress's tables (see :func:`doubted_alert`)."""
    marked = marked or {}
    plan = alerts.progress.plan
    names, units = plan.indicator_names, plan.indicator_units
    chosen = alerts.items if items is None else items
    overall = next((r for r in alerts.rankings if r.indicator is None), None)
    change = {e.county_id: e.rank_change for e in overall.entries} if overall else {}
    rows = tuple(
        Row(
            {
                "kind": Cell(a.kind, text=ALERT_KIND[a.kind](lang)),
                "level": Cell(a.level, text=LEVEL[a.level](lang)),
                "scope": Cell(a.scope),
                "subject": Cell(a.subject, text=subject(a, lang)),
                "subject_id": Cell(a.subject_id),
                "indicator": Cell(a.indicator, text=names[a.indicator] if a.indicator else NONE),
                "completion": marked_completion(
                    a.completion, doubted_alert(a, marked, alerts.progress)
                ),
                # (a level is judged against its target, not the time elapsed)
                "time_progress": Cell(
                    a.time_progress, text=NONE if a.kind == "off_target" else None
                ),
                "gap_points": Cell(a.gap_points),
                "projected": Cell(a.projected),
                "pace_needed": Cell(
                    a.pace_needed,
                    text=pace(a.pace_needed, units[a.indicator]) if a.indicator else None,
                ),
                "consecutive_red_months": Cell(
                    a.consecutive_red_months, text=str(a.consecutive_red_months or "")
                ),
                "rank_change": Cell(change.get(a.subject_id) if a.subject_id else None),
                "missing": Cell([str(m) for m in a.missing]),
                "message": Cell(
                    ("；" if lang == "zh" else "; ").join(
                        x for x in (describe(a, plan, lang), escalation(a, plan, lang)) if x
                    )
                ),
            },
            status=a.level,
        )
        for a in chosen
    )
    return Table(
        "warnings",
        WARNING_COLUMNS,
        rows,
        title=WARNINGS_TITLE(lang),
        sheet="预警",
        show=WARNING_ORDER,
        says_all="message",
    )


RANKING_COLUMNS = (
    Column("indicator", COL["name"]),
    Column("entries", COL["ranking"], Kind.LIST, human=False),
    Column("first", COL["first"], Kind.LIST, wide=True),
    Column("last", COL["last"], Kind.LIST, wide=True),
    Column("ranking", COL["ranking"], machine=False, wide=True),
    Column("unranked", COL["unranked"], Kind.LIST, human=False),
    Column("not_scored", COL["not_scored"], Kind.LIST, human=False),
)


def not_scored_text(alerts: Alerts, ranking: Ranking) -> str:
    """“综合得分不计高校毕业生就业率，因并非各县区都有数”: the indicators the composite leaves
    out, so that every county is scored on the same ones; "" when none."""
    if not ranking.not_scored:
        return ""
    plan = alerts.progress.plan
    names = plan.indicator_names
    left_out = "、".join(names[i] for i in ranking.not_scored)
    return f"综合得分不计{left_out}，因并非各{divisions_word(plan)}都有数"


def bracketed(parts: list[str]) -> str:
    """“（甲；乙）”, or "" for no parts."""
    return f"（{'；'.join(parts)}）" if parts else ""


def entry_value(entry: RankEntry) -> str:
    """What ranks a county: its composite score (90.3分) or its completion (86.7%)."""
    if entry.score is not None:
        return f"{quantity(entry.score, 1)}分"
    return percent(entry.completion)


def doubted_alert(a: Alert, marked: Mapping[str, set[str]], progress: Progress) -> bool:
    """Whether a doubted figure counts in a warning's completion (``marked``: see
    :func:`marked_rows`): a county's or the city's (row "") indicator; a unit's mean of its
    indicators, the city's figures."""
    if a.scope == "unit":
        linked = next(
            (set(r.indicators) for r in progress.units if r.unit.name == a.subject), set()
        )
        return bool(linked & marked.get("", set()))
    row = "" if a.scope == "city" else a.subject_id or ""
    return a.indicator in marked.get(row, ())


def doubted_score(county: str, marked: Mapping[str, set[str]], plan: Plan) -> bool:
    """Whether a doubted figure counts in a county's composite score: one of an indicator
    the score weighs (weight above 0)."""
    return any(plan.weights.get(i, Decimal(1)) != 0 for i in marked.get(county, ()))


def ranking_table(
    alerts: Alerts, lang: Lang = "zh", marked: Mapping[str, set[str]] | None = None
) -> Table:
    """``marked``: as for :func:`warnings_table`; a county's completion of an indicator, or its
    score (see :func:`doubted_score`), is shown with ※."""
    plan = alerts.progress.plan
    names = plan.indicator_names
    marked = marked or {}

    def value(r: Ranking, e: RankEntry) -> str:
        if r.indicator is not None:
            doubted = r.indicator in marked.get(e.county_id, ())
        else:
            doubted = doubted_score(e.county_id, marked, plan)
        return entry_value(e) + (MARK if doubted else "")

    rows = tuple(
        Row(
            {
                "indicator": Cell(
                    r.indicator, text=names[r.indicator] if r.indicator else OVERALL(lang)
                ),
                "entries": Cell(
                    [
                        {
                            "rank": e.rank,
                            "county": e.county,
                            "county_id": e.county_id,
                            "completion": e.completion,
                            "score": e.score,
                            "previous_rank": e.previous_rank,
                            "rank_change": e.rank_change,
                        }
                        for e in r.entries
                    ]
                ),
                "first": Cell(
                    [e.county for e in r.first],
                    text="、".join(f"{e.county} {value(r, e)}" for e in r.first) or NONE,
                ),
                "last": Cell(
                    [e.county for e in r.last],
                    text="、".join(f"{e.county} {value(r, e)}" for e in r.last) or NONE,
                ),
                "ranking": Cell(
                    (
                        " ".join(f"{e.rank}.{e.county}" for e in r.entries)
                        if r.ranked
                        else "".join(f"仅{e.county}有数，不排名" for e in r.entries)
                    )
                    + bracketed(
                        [f"{why_unranked(alerts, r.unranked, r.indicator)}，未排名"]
                        * bool(r.unranked)
                        + [not_scored_text(alerts, r)] * bool(r.not_scored)
                    )
                ),
                "unranked": Cell(list(r.unranked)),
                "not_scored": Cell(list(r.not_scored)),
            }
        )
        for r in alerts.rankings
    )
    return Table(
        "rankings",
        RANKING_COLUMNS,
        rows,
        title=rankings_title(alerts.progress.plan, lang),
        sheet="排名",
    )


def caption(alerts: Alerts, lang: Lang = "zh") -> list[str]:
    progress = alerts.progress
    t = progress.plan.thresholds
    counts = {
        level: sum(a.level == level for a in alerts.items) for level in ("red", "yellow", "green")
    }
    month, elapsed = month_label(progress.as_of, lang), percent(progress.time_progress)
    yellow, red = quantity(t.yellow * 100, 1), quantity(t.red * 100, 1)
    total = len(alerts.items)
    if lang == "en":
        return (
            [
                plan_heading(progress.plan.meta),
                (f"Year {progress.year}: " if progress.year else "")
                + f"report month {month}, time elapsed {elapsed}",
                f"{counted(total, 'warning')}: red {counts['red']}, yellow {counts['yellow']}, green "
                f"{counts['green']} (yellow from {yellow} points below the time elapsed, red "
                f"from {red}; half the time without half the target is red)",
            ]
            + scope_lines(progress.plan)
            + ([] if alerts.half_time else ["Not yet half the time: no half-time check."])
            + turned_green_lines(alerts, lang)
        )
    return (
        [
            plan_heading(progress.plan.meta),
            (f"{progress.year}年度　" if progress.year else "")
            + f"报告期：{month}　序时进度：{elapsed}",
            f"预警 {total} 条：红色 {counts['red']}，黄色 {counts['yellow']}，绿色 {counts['green']}"
            f"（低于序时 {yellow} 个百分点起为黄色，{red} 个百分点起为红色；"
            "时间过半而未过半者为红色）",
        ]
        + scope_lines(progress.plan)
        + ([] if alerts.half_time else ["时间未过半：不作“时间过半、任务过半”检查。"])
        + turned_green_lines(alerts, lang)
    )


def turned_green_lines(alerts: Alerts, lang: Lang = "zh") -> list[str]:
    """“较上月转绿：…” for what was red a month earlier and no longer lags."""
    if not alerts.turned_green:
        return []
    names = alerts.progress.plan.indicator_names
    if lang == "en":
        what = ", ".join(f"{s}/{names[i]}" if i else s for _, s, i in alerts.turned_green)
        return [f"Red last month, no longer lagging: {what}"]
    what = "、".join(f"{s}·{names[i]}" if i else s for _, s, i in alerts.turned_green)
    return [f"较上月由红转绿：{what}"]


def of_county(alerts: Alerts, county: str | None) -> tuple[Alert, ...]:
    """The warnings of one county (None: every warning)."""
    return (
        alerts.items if county is None else tuple(a for a in alerts.items if a.subject_id == county)
    )


def alerts_document(
    alerts: Alerts, lang: Lang = "zh", doubts: Doubts = NO_DOUBTS, county: str | None = None
) -> Document:
    """JSON: plan, as_of, year, time_progress, half_time, warnings, rankings, turned_green and
    the doubted figures of the view (``doubts``: the checks', see :mod:`suspects`); ``county``:
    the one county whose warnings ``alerts`` holds (the rankings are every county's)."""
    progress = alerts.progress
    plan = progress.plan
    shown = doubts.shown(
        progress.as_of, progress.year, in_view(plan, [county] if county is not None else None)
    )
    said = shown.said(lang)
    marked = marked_rows(plan, counting(plan, progress.actuals, progress.as_of, shown))
    # one county's warnings and what turned green for it; the rankings (and why a county is
    # left out of them, which the other counties' warnings say) stay whole
    listed = alerts
    if county is not None:
        name = plan.county(county).name
        listed = replace(
            alerts,
            items=of_county(alerts, county),
            turned_green=tuple(t for t in alerts.turned_green if t[1] == name),
        )
    lines = caption(listed, lang)
    if county is not None:
        lines.append(
            f"Warnings of {name} only; the rankings are not limited to it."
            if lang == "en"
            else f"只列{name}的预警；排名不限于{name}。"
        )
    table = warnings_table(listed, lang, marked=marked)
    if said and any(MARK in (c.text or "") for r in table.rows for c in r.cells.values()):
        said += (
            f" Completions that include a doubted figure are marked {MARK}."
            if lang == "en"
            else f"表中以{MARK}标出其计入的完成率。"
        )
    return report(
        lines + ([said] if said else []),
        [table, ranking_table(alerts, lang, marked)],
        lang=lang,
        header={
            "plan": plan_header(progress.plan.meta),
            "as_of": str(progress.as_of),
            "year": progress.year,
            "time_progress": progress.time_progress,
            "half_time": alerts.half_time,
            "county": county,
            **scope_header(progress.plan),
        },
        trailer={
            "turned_green": [
                {"scope": scope, "subject": subject, "indicator": indicator}
                for scope, subject, indicator in listed.turned_green
            ],
            "doubted": [d.to_json() for d in shown.suspects],
        },
    )
