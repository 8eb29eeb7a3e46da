"""Figures the checks doubt (数据核查): the warnings that ``validate --strict`` makes errors,
one per county, indicator and month, and the form rows with figures that were not read. They
count as sent until corrected, so every report that shows them says so. Pure."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import SUSPECT_CODES, Diagnostic
from chuangye_cli.display import counted
from chuangye_cli.domain import file_name
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.vocab import Label, Lang

NAMED = 5  # doubted figures named in a report; the rest are counted

REASONS: dict[str, Label] = {  # why a figure is doubted, by a stable id
    "magnitude": Label("单位或量级", "a unit or magnitude slip"),
    "fraction": Label("计数带小数", "a count with a fraction"),
    "ytd-month": Label("口径与月份不符", "a basis of another month"),
    "total-as-month": Label("累计数填入本月", "a running total typed as the month's figure"),
    "month-total": Label("本月数与累计数不符", "a month's figure that does not fit the total"),
    "far-above": Label("数值异常偏大", "far above the usual"),
    "falling": Label("累计数下降", "a falling total"),
    "falling-level": Label("期末数下降", "a falling level"),
    "month-level": Label("本月数与期末数不符", "a month's figure that does not fit the level"),
    "parent-total": Label("疑为合计行重复计入", "a total row counted again"),
    "repeated": Label("同一指标重复填报", "an indicator given twice on one form"),
}
TOTAL_WORDS = {"total": Label("累计数", "running total"), "level": Label("期末数", "level")}
_BY_VARIANT: dict[tuple[Code, str], str] = {
    (Code.ACTUALS_IMPLAUSIBLE, "magnitude"): "magnitude",
    (Code.ACTUALS_IMPLAUSIBLE, "magnitude-total"): "magnitude",
    (Code.ACTUALS_IMPLAUSIBLE, "fraction"): "fraction",
    (Code.ACTUALS_IMPLAUSIBLE, "ytd-month"): "ytd-month",
    (Code.ACTUALS_MONTH_TOTAL, "magnitude"): "magnitude",
    (Code.ACTUALS_MONTH_TOTAL, "cumulative-magnitude"): "magnitude",
    (Code.ACTUALS_MONTH_TOTAL, "held"): "total-as-month",
    (Code.ACTUALS_MONTH_TOTAL, "level"): "month-level",
    (Code.ACTUALS_FALLING, "level"): "falling-level",
}
_BY_CODE: dict[Code, str] = {
    Code.ACTUALS_IMPLAUSIBLE: "far-above",
    Code.ACTUALS_MONTH_TOTAL: "month-total",
    Code.ACTUALS_FALLING: "falling",
    Code.ACTUALS_PARENT_TOTAL: "parent-total",
    Code.ACTUALS_REPEATED: "repeated",
}


# the month-total warnings of a month that has both 本月 and its own running total (or a
# stock's 期末数), which is what counts (the 本月 figure does not)
BY_TOTAL = frozenset({"", "exceeds", "magnitude", "level"})


def reason_of(code: Code, variant: str) -> str:
    """Why a figure is doubted (a key of :data:`REASONS`), from its warning's code and
    variant."""
    return _BY_VARIANT.get((code, variant)) or _BY_CODE[code]


@dataclass(frozen=True)
class Suspect:
    """A figure the checks doubt, or a form row with a figure that was not read."""

    code: str  # the warning's diagnostic code
    county: str | None  # the county's id, when the warning names one
    indicator: str | None  # the indicator's id, when the warning names one
    month: Period | None  # the figure's month, when the warning names one
    zh: str  # 金安区·发放创业担保贷款（2020年7月）, or where the row is
    en: str  # 金安区/发放创业担保贷款 (2020-07)
    file: str | None = None  # where the warning points
    line: int | None = None
    sheet: str | None = None
    counted: bool = True  # a doubted figure counts as sent; a row not read does not count
    reasons: tuple[str, ...] = ()  # why it is doubted (keys of REASONS, in order found)
    # a 本月 figure at odds with the month's own 1-N月累计 or 开累 ("total"), or a stock's
    # 期末数 ("level"): that is what counts; "" when the figure counts as sent
    by_total: str = ""

    def to_json(self) -> dict[str, object]:
        """For machines: ids, the month, why, the first warning's code and place."""
        return {
            "code": self.code,
            "county": self.county,
            "indicator": self.indicator,
            "month": str(self.month) if self.month is not None else None,
            "reasons": list(self.reasons),
            "file": self.file,
            "sheet": self.sheet,
            "line": self.line,
            "counted": self.counted,
        }


@dataclass(frozen=True)
class Doubts:
    """Every doubted figure found, and how many more were only counted past the warnings'
    limit (their county and month are not known)."""

    suspects: tuple[Suspect, ...] = ()
    more: int = 0
    whole: bool = True  # every figure of the data's view (else: those of one view of it)

    def shown(
        self,
        as_of: Period,
        year: int | None = None,
        divisions: Collection[str] | None = None,
        indicators: Collection[str] | None = None,
    ) -> Doubts:
        """Those of a view: its months (to ``as_of``, of ``year`` when given), its
        ``divisions`` and ``indicators`` (None: every one). A row whose county and month the
        form did not say belongs to the whole plan's view; the figures only counted may
        belong to any view."""
        whole = divisions is None and indicators is None

        def wanted(s: Suspect) -> bool:
            if divisions is not None and s.county not in divisions:
                return False
            if indicators is not None and s.indicator not in indicators:
                return False  # (a row not read is of no indicator)
            if s.month is None:
                return whole
            return s.month <= as_of and (year is None or s.month.year == year)

        kept = tuple(s for s in self.suspects if wanted(s))
        return Doubts(kept, self.more, whole and year is None)

    def said(self, lang: Lang = "zh", commands: bool = True) -> str | None:
        """The 数据核查 sentence (None: nothing doubted); ``commands``: with where the details
        are (a command: not in a bulletin, which is a document for people)."""
        own = [s for s in self.suspects if s.counted]
        unread = [s for s in self.suspects if not s.counted]
        en = lang == "en"
        # the warnings past the limit: counted in the whole view, else only said to exist
        total = len(own) + (self.more if self.whole else 0)
        parts = []
        if own:
            first = own[:NAMED]
            named = _named(first, en)
            why = [REASONS[r] for r in dict.fromkeys(r for s in first for r in s.reasons)]
            by_total = {s.by_total for s in own}
            totals = [t for t in ("total", "level") if t in by_total]
            if en:
                rest = f" and {total - len(first)} more" if total > len(first) else ""
                reasons = "; ".join(r.en for r in why) + ("; …" if rest else "")
                one = total == 1
                given = " or ".join(TOTAL_WORDS[t].en for t in totals)
                how = (
                    "counted as sent"
                    if not totals
                    else f"counted by the {given} given"
                    if "" not in by_total
                    else f"counted as sent (by the {given} where the month's figure "
                    "disagrees with it)"
                )
                parts.append(
                    f"{named}{rest} {'looks' if one else 'look'} wrong ({reasons}) and "
                    f"{'is' if one else 'are'} not yet corrected; {how}, so the "
                    f"completions that include {'it' if one else 'them'} may be distorted"
                )
            else:
                rest = f"等{total}处" if total > len(first) else ""
                reasons = "、".join(r.zh for r in why) + ("等" if rest else "")
                given = "、".join(TOTAL_WORDS[t].zh for t in totals)
                how = (
                    "已按报送数计入"
                    if not totals
                    else f"已按所报{given}计入"
                    if "" not in by_total
                    else f"已按报送数计入（本月数与{given}不符的按{given}）"
                )
                parts.append(
                    f"{named}{rest}数字疑有误（{reasons}），尚未更正，{how}，相关完成情况可能失真"
                )
        elif total:
            parts.append(
                f"{counted(total, 'figure')} past the warnings' limit "
                f"{'looks' if total == 1 else 'look'} wrong; counted as sent, so the "
                "completions that include them may be distorted"
                if en
                else f"有{total}处数字疑有误，尚未更正，已按报送数计入，相关完成情况可能失真"
            )
        if self.more and not self.whole:
            parts.append(
                f"{counted(self.more, 'more warning')} of doubted figures past the limit may "
                "concern this view"
                if en
                else f"另有{self.more}条同类警告超出列出上限，未能判断是否涉及本视图"
            )
        if unread:
            named = _named(unread[:NAMED], en)
            if en:
                rest = f" and {len(unread) - NAMED} more" if len(unread) > NAMED else ""
                one = len(unread) == 1 and not rest
                parts.append(
                    f"{named}{rest} {'has' if one else 'have'} figures but no indicator's "
                    f"name, and {'was' if one else 'were'} not read"
                )
            else:
                rest = f"等{len(unread)}行" if len(unread) > NAMED else ""
                parts.append(f"{named}{rest}有数字但名称不是计划指标，未读取")
        if not parts:
            return None
        if en:
            where = " (details: chuangye validate)" if commands else ""
            return "Checks: " + "; ".join(parts) + where + "."
        where = "（明细见 chuangye validate）" if commands else ""
        return "数据核查：" + "；".join(parts) + f"。请有关单位核实更正{where}。"


def _named(suspects: Iterable[Suspect], en: bool) -> str:
    return (", " if en else "、").join(s.en if en else s.zh for s in suspects)


def in_view(plan: Plan, rows: Iterable[str] | None = None) -> set[str] | None:
    """The plan's divisions whose figures ``rows`` of ``plan`` show (rows None: all of them);
    None: every division (a plan not derived by a scope, all rows)."""
    scope = plan.scope
    if rows is None:
        if scope is None:
            return None
        rows = scope.parts
    parts = scope.parts if scope is not None else {}
    return {d for row in rows for d in (row, *parts.get(row, ()))}


NO_DOUBTS = Doubts()


def doubts_of(diagnostics: Iterable[Diagnostic], plan: Plan) -> Doubts:
    """The doubted figures of ``diagnostics`` (warnings of :data:`SUSPECT_CODES`), one per
    county, indicator and month (a figure may have several warnings), in the order found.
    ``plan``: the one the figures were read with (a name to its id)."""
    found: dict[str, Suspect] = {}
    more = 0
    for d in diagnostics:
        if d.code is Code.TOO_MANY_WARNINGS:
            more += sum(
                n
                for code, n in d.tally
                if code in SUSPECT_CODES and code is not Code.ACTUALS_ROW_NOT_READ
            )
        if d.code not in SUSPECT_CODES or d.severity != "warning":
            continue
        args = d.arguments
        name, indicator, period = args.get("county"), args.get("indicator"), args.get("period")
        county = plan.county_lookup.get(name) if name else None
        ind = plan.indicator_lookup.get(indicator) if indicator else None
        month = Period.parse(period) if period else None
        where = file_name(d.file or "")
        value = f"{args.get('value', '')}"
        if d.code is Code.ACTUALS_ROW_NOT_READ:
            zh, en = f"{where}第{d.line}行“{value}”", f"{where} line {d.line} (“{value}”)"
        elif name and indicator and month is not None:
            zh, en = f"{name}·{indicator}（{month.label_zh}）", f"{name}/{indicator} ({month})"
        else:  # (a fractional count is warned of by its row)
            unit = args.get("unit", "")
            zh, en = (
                f"{where}第{d.line}行（{value}{unit}）",
                f"{where} line {d.line} ({value} {unit})",
            )
        unread = d.code is Code.ACTUALS_ROW_NOT_READ
        why = () if unread else (reason_of(d.code, d.variant),)
        if why == ("month-total",) and args.get("basis") == "level":  # (本月 above 期末数)
            why = ("month-level",)
        by_total = ""
        if d.code is Code.ACTUALS_MONTH_TOTAL and d.variant in BY_TOTAL:
            by_total = "level" if args.get("basis") == "level" else "total"
        known = found.get(zh)
        if known is None:
            found[zh] = Suspect(
                d.code.value,
                county,
                ind,
                month,
                zh,
                en,
                d.file,
                d.line,
                d.sheet,
                not unread,
                why,
                by_total,
            )
        else:
            if why and why[0] not in known.reasons:
                known = replace(known, reasons=known.reasons + why)
            found[zh] = replace(known, by_total=known.by_total or by_total)  # (one month:
            # a 本月 at odds with its total and its level is warned of once)
    return Doubts(tuple(found.values()), more)
