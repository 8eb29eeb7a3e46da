"""How a sheet is laid out: where its header is, what each column holds, and where the month
and the county come from when no column gives them.

Layouts read:
- **long**: a row per figure or per indicator. Columns name the indicator and either a value
  (with an optional basis column) or one value per basis (本月完成 | 1-N月累计 | 开累); the
  month and county come from columns, or from the title, the 填报单位 line, the sheet's or the
  file's name, the hidden record of a template, or the options.
- **wide**: a row per county (or month), a column per indicator and basis: the header names
  the indicator with its unit in brackets (发放创业担保贷款（万元）) and the basis, in the
  same cell or in a merged group above or below (本月 | 1-6月累计).

The header is the first of the first 15 rows with at least two recognised column or indicator
names. Pure: text in, an :class:`Analysis` out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from chuangye_cli.domain import Basis
from chuangye_cli.quantities import get_unit
from chuangye_cli.reading.columns import HEADER_LOOKUP, basis_of

HEADER_SCAN = 15  # rows searched for the header

Role = Literal["period", "county", "indicator", "value", "unit", "basis", "note", "seq", "ignored"]
Origin = Literal[
    "column", "option", "record", "title", "filled_by", "sheet_name", "file_name", "hidden_sheet"
]
ORIGIN_ZH: dict[str, str] = {
    "column": "列",
    "option": "命令行选项",
    "record": "模板隐藏记录",
    "title": "标题",
    "filled_by": "填报单位行",
    "sheet_name": "工作表名",
    "file_name": "文件名",
    "hidden_sheet": "隐藏工作表",
}

_SPACES = re.compile(r"[\s\u3000\xa0]+")
_BRACKETED_UNIT = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")
SEQ_HEADERS = frozenset({"序号", "编号", "行次", "no", "no."})
FORM_INDICATOR = frozenset({"指标", "指标名称", "项目", "主要指标", "工作指标", "指标项目"})
VALUE_BASIS: dict[str, Basis] = {
    "本月": "increment",
    "当月": "increment",
    "本月完成": "increment",
    "当月完成": "increment",
    "本月新增": "increment",
    "当月新增": "increment",
    "本月数": "increment",
    "当月数": "increment",
    "本年累计": "ytd",
    "年累计": "ytd",
    "累计": "ytd",
    "累计完成": "ytd",
    "开累": "to_date",
    "自计划起累计": "to_date",
    "期末数": "level",
    "期末": "level",
}
_YTD_HEADER = re.compile(r"^1\s*[-—~至到]\s*\d{1,2}\s*月(份)?(累计)?(完成)?(数)?$")
_TO_DATE_HEADER = re.compile(r"^自?\d{4}年(以来|起)?累计(完成)?$")
TOTAL_WORDS = frozenset({"合计", "总计", "小计", "全市", "全市合计", "合计数", "累计合计"})
FOOTER_STARTS = (
    "填表人",
    "审核人",
    "联系电话",
    "注：",
    "注:",
    "说明：",
    "说明:",
    "制表人",
    "制表",
    "单位负责人",
    "负责人",
    "主要负责人",
    "分管领导",
    "统计负责人",
    "统计人",
    "经办人",
    "审批人",
    "填报人",
    "备注：",
    "备注:",
    "联系人",
)
SUB_ROW_STARTS = ("其中", "含：", "含:", "（其中", "(其中")
NO_FIGURE = frozenset({"—", "－", "-", "/", "／", "无", "不适用", "——", "--", "－－", "—　"})
CORRECTION = re.compile(r"更正|修正|修订|补报")
_PERIOD_TEXT = re.compile(
    r"(\d{4})\s*年\s*(?:(\d{1,2})\s*[-—~至到－]\s*)?(\d{1,2})\s*月|(\d{4})[.\-/_](\d{1,2})(?!\d)"
)
_FILED = re.compile(
    r"填报(?:日期|时间)[:：]?\s*(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})"
)
_FILLED_BY = re.compile(r"填报单位[:：]?\s*([^\s\u3000:：]+)")


def squeeze(text: str) -> str:
    """Text without spaces (ASCII, full-width, no-break) or a BOM."""
    return _SPACES.sub("", text.replace("\ufeff", ""))


def split_unit(text: str) -> tuple[str, str | None]:
    """``发放创业担保贷款（万元）`` → (``发放创业担保贷款``, ``万元``)."""
    m = _BRACKETED_UNIT.search(text)
    if m is None:
        return text, None
    return text[: m.start()], m.group(1)


def value_basis(text: str) -> Basis | None:
    """The basis a value column's header names: 本月完成, 1-6月累计, 开累 …"""
    t = squeeze(text)
    if t in VALUE_BASIS:
        return VALUE_BASIS[t]
    if _YTD_HEADER.match(t):
        return "ytd"
    if _TO_DATE_HEADER.match(t):
        return "to_date"
    return None


@dataclass(frozen=True)
class ColumnRole:
    index: int  # 0-based
    header: str  # the header texts of this column, joined with “ / ”
    role: Role
    basis: Basis | None = None  # a value column's basis
    indicator: str | None = None  # wide: the indicator text the header names
    unit: str | None = None  # a unit written in the header's brackets


@dataclass(frozen=True)
class Found:
    """A month or county taken from outside the columns, and where it was found."""

    text: str  # as the tool will read it (a month as YYYY-MM, a county's name)
    origin: Origin
    line: int | None = None
    column: int | None = None
    shown: str = ""  # the text it was found in
    ytd: bool = False  # a month written as 1-N月: figures are year-to-date


@dataclass
class Context:
    period: Found | None = None
    county: Found | None = None
    filed: date | None = None
    filed_at: tuple[int, int] | None = None
    bad_filed: tuple[str, int, int] | None = None  # a 填报日期 that is no date, and its cell
    marked: bool = False  # 更正/修正/修订/补报 in the file name, sheet name or title
    title: str | None = None
    title_at: tuple[int, int] | None = None


@dataclass
class Analysis:
    layout: Literal["long", "wide", "none"]
    header: tuple[int, int] = (0, 0)  # first and last header row (1-based), 0 when none
    columns: list[ColumnRole] = field(default_factory=list)
    context: Context = field(default_factory=Context)
    reason: str = ""  # why a sheet holds no table

    def role(self, name: Role) -> ColumnRole | None:
        return next((c for c in self.columns if c.role == name), None)

    @property
    def value_columns(self) -> list[ColumnRole]:
        return [c for c in self.columns if c.role == "value"]


@dataclass(frozen=True)
class Names:
    """What the plan calls things, for recognising them in headers and text."""

    indicators: Mapping[str, str]  # any name or alias (squeezed) -> indicator id
    counties: Mapping[str, str]  # any name, code or alias -> county id
    county_names: Mapping[str, str]  # county id -> Chinese name

    def indicator(self, text: str) -> str | None:
        t = squeeze(text)
        found = self.indicators.get(t)
        if found is None:
            bare, _ = split_unit(t)
            found = self.indicators.get(bare)
        return found

    def county_in(self, text: str) -> str | None:
        """The county a free text names (the longest name found in it), as its name."""
        t = squeeze(text)
        best = ""
        for name in self.counties:
            if len(name) > len(best) and len(name) >= 2 and not name.isdigit() and name in t:
                best = name
        return self.county_names[self.counties[best]] if best else None


def period_in(text: str) -> tuple[str, bool] | None:
    """A month named in free text (a title, a file name): (YYYY-MM, whether 1-N月); a month
    that cannot be (2020年13月) as it is written, for the checker to say why."""
    m = _PERIOD_TEXT.search(squeeze(text))
    if m is None:
        return None
    if m.group(1):
        year, month, ytd = int(m.group(1)), int(m.group(3)), bool(m.group(2))
    else:
        year, month, ytd = int(m.group(4)), int(m.group(5)), False
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        return m.group(0), ytd
    return f"{year:04d}-{month:02d}", ytd


def header_name(text: str) -> Role | None:
    """The column a header cell names in a long table (a note in brackets after it, such as
    开累（自2018年）, aside)."""
    t = squeeze(text).lower()
    if not t:
        return None
    role = _header_name(t)
    if role is None:
        bare, _ = split_unit(t)
        if bare and bare != t:
            role = _header_name(bare)
    return role


def _header_name(t: str) -> Role | None:
    if t in SEQ_HEADERS:
        return "seq"
    if t in FORM_INDICATOR:
        return "indicator"
    named = HEADER_LOOKUP.get(t)
    if named is not None:
        return named  # type: ignore[return-value]
    if value_basis(t) is not None:
        return "value"
    return None


def _recognised(cells: Sequence[str], names: Names) -> int:
    return sum(1 for c in cells if c.strip() and (header_name(c) is not None or names.indicator(c)))


def find_header(rows: Sequence[tuple[int, Sequence[str]]], names: Names) -> int | None:
    """Index (in ``rows``) of the header row: the first of the first rows with at least two
    recognised column or indicator names."""
    for k, (_, cells) in enumerate(rows[:HEADER_SCAN]):
        if _recognised(cells, names) >= 2:
            return k
    return None


def analyse(
    rows: Sequence[tuple[int, Sequence[str]]],
    names: Names,
    *,
    file_name: str,
    sheet_name: str | None,
    header_row: int | None = None,
    record: Mapping[str, str] | None = None,
) -> Analysis:
    """Read the layout from the first rows of a sheet (merged cells already filled)."""
    if header_row is not None:
        index = next((k for k, (line, _) in enumerate(rows) if line == header_row), None)
    else:
        index = find_header(rows, names)
    context = _context(rows[: index if index is not None else HEADER_SCAN], rows, names)
    _names_context(context, names, file_name, sheet_name, record)
    if index is None:
        return Analysis("none", context=context, reason="no-header")
    line, cells = rows[index]
    wide = [k for k, c in enumerate(cells) if c.strip() and names.indicator(c)]
    if len(wide) >= 2:
        return _wide(rows, index, names, context)
    columns = [_long_column(k, c) for k, c in enumerate(cells)]
    below = rows[index + 1][1] if index + 1 < len(rows) else ()
    last = line
    if not any(c.role == "value" for c in columns) and any(value_basis(c) for c in below):
        # no value column yet: 完成情况 merged over 本月 | 1-N月累计 in the row below
        last = rows[index + 1][0]
        columns = [
            _long_column(k, top, below[k] if k < len(below) else "")
            for k, top in enumerate([*cells, *[""] * (len(below) - len(cells))])
        ]
    roles = {c.role for c in columns}
    if "indicator" not in roles or "value" not in roles:
        if wide and roles & {"county", "period"}:  # a table of one indicator by county
            return _wide(rows, index, names, context)
        return Analysis("none", (line, last), columns, context, reason="no-value-columns")
    return Analysis("long", (line, last), columns, context)


def _long_column(index: int, text: str, sub: str = "") -> ColumnRole:
    """A long table's column from its header (and the header row below it, if any: a basis
    such as 本月 under a merged group, or the same text where the cell was merged down)."""
    basis = value_basis(sub) if sub.strip() and sub.strip() != text.strip() else None
    if basis is not None:
        header = " / ".join(t.strip() for t in (text, sub) if t.strip())
        bare, unit = split_unit(squeeze(sub))
        return ColumnRole(
            index, header, "value", basis, unit=unit if unit and get_unit(unit) else None
        )
    role = header_name(text)
    header = text.strip()
    if role == "value":
        bare, unit = split_unit(squeeze(text))
        basis = value_basis(bare) or value_basis(squeeze(text))
        return ColumnRole(
            index, header, "value", basis, unit=unit if unit and get_unit(unit) else None
        )
    return ColumnRole(index, header, role or "ignored")


def _wide(
    rows: Sequence[tuple[int, Sequence[str]]], index: int, names: Names, context: Context
) -> Analysis:
    """Columns named by indicators; the basis from the cell itself, or from a header row just
    above or below (a merged group such as 本月 | 1-6月累计)."""
    line, cells = rows[index]
    above = rows[index - 1][1] if index > 0 else ()
    below = rows[index + 1][1] if index + 1 < len(rows) else ()
    below_is_header = any(value_basis(c) for c in below)
    above_is_header = any(value_basis(c) for c in above)
    last = rows[index + 1][0] if below_is_header else line
    columns: list[ColumnRole] = []
    indicator_text = ""
    for k in range(max(len(cells), len(below) if below_is_header else 0)):
        text = cells[k] if k < len(cells) else ""
        if text.strip() and names.indicator(text):
            indicator_text = text.strip()
        sub = below[k] if below_is_header and k < len(below) else ""
        top = above[k] if above_is_header and k < len(above) else ""
        header = " / ".join(dict.fromkeys(t.strip() for t in (top, text, sub) if t.strip()))
        if text.strip() and not names.indicator(text):
            role = header_name(text)
            columns.append(
                ColumnRole(
                    k, header, role if role in ("county", "period", "seq", "note") else "ignored"
                )
            )
            indicator_text = ""
            continue
        if not indicator_text:
            columns.append(ColumnRole(k, header, "ignored"))
            continue
        _, unit = split_unit(squeeze(indicator_text))
        basis = value_basis(sub) or value_basis(top) or None
        columns.append(ColumnRole(k, header, "value", basis, indicator_text, unit))
    return Analysis("wide", (line, last), columns, context)


def _context(
    head: Sequence[tuple[int, Sequence[str]]],
    rows: Sequence[tuple[int, Sequence[str]]],
    names: Names,
) -> Context:
    """Title, 填报单位 and 填报日期 from the rows above the header (填报日期 also below it)."""
    context = Context()
    for line, cells in head:
        text = "".join(c for c in cells if c.strip())
        if not text:
            continue
        column = next(k for k, c in enumerate(cells) if c.strip()) + 1
        if context.title is None and "填报" not in text:
            context.title, context.title_at = cells[column - 1].strip(), (line, column)
            found = period_in(context.title)
            if found is not None:
                context.period = Found(found[0], "title", line, column, context.title, found[1])
            county = names.county_in(context.title)
            if county is not None:
                context.county = Found(county, "title", line, column, context.title)
        by = _FILLED_BY.search(squeeze(text))
        if by is not None and context.county is None:
            county = names.county_in(by.group(1))
            if county is not None:
                context.county = Found(county, "filled_by", line, column, by.group(0))
    for line, cells in rows:
        text = squeeze("".join(cells))
        filed = _FILED.search(text)
        if filed is not None:
            column = next((k for k, c in enumerate(cells) if "填报" in c), 0) + 1
            try:
                context.filed = date(int(filed.group(1)), int(filed.group(2)), int(filed.group(3)))
            except ValueError:
                if context.bad_filed is None:
                    written = f"{filed.group(1)}年{filed.group(2)}月{filed.group(3)}日"
                    context.bad_filed = (written, line, column)
                continue
            context.filed_at = (line, column)
            break
    if context.title and CORRECTION.search(context.title):
        context.marked = True
    return context


def _names_context(
    context: Context,
    names: Names,
    file_name: str,
    sheet_name: str | None,
    record: Mapping[str, str] | None,
) -> None:
    """The month and county a template's record, the sheet's name or the file's name give,
    where the sheet itself gives none; 更正 marks in the names."""
    stem = file_name.rsplit(".", 1)[0]
    if CORRECTION.search(stem) or (sheet_name and CORRECTION.search(sheet_name)):
        context.marked = True
    if record:
        month = record.get("period") or record.get("报告期")
        if month:
            found: tuple[str, bool] | None = period_in(month) or (month, False)
            assert found is not None
            context.period = Found(
                found[0],
                "record" if "period" in record else "hidden_sheet",
                shown=month,
                ytd=found[1],
            )
        county = record.get("county") or record.get("填报单位")
        if county:
            named = names.county_in(county)
            if named:
                context.county = Found(
                    named, "record" if "county" in record else "hidden_sheet", shown=county
                )
    if context.county is None and sheet_name:
        county = names.county_in(sheet_name)
        if county is not None:
            context.county = Found(county, "sheet_name", shown=sheet_name)
    if context.period is None and sheet_name:
        found = period_in(sheet_name)
        if found is not None:
            context.period = Found(found[0], "sheet_name", shown=sheet_name, ytd=found[1])
    if context.county is None:
        county = names.county_in(stem)
        if county is not None:
            context.county = Found(county, "file_name", shown=file_name)
    if context.period is None:
        found = period_in(stem)
        if found is not None:
            context.period = Found(found[0], "file_name", shown=file_name, ytd=found[1])


def basis_cell(text: str) -> Basis | None:
    """A basis cell's text (口径 column)."""
    return basis_of(text.strip())


def is_total(text: str, words: frozenset[str] = TOTAL_WORDS) -> bool:
    return squeeze(text) in words


def total_words(area: str | None) -> frozenset[str]:
    """The words of a total row: 合计, 总计 …, and the whole area's name (六安市, 六安市合计)
    when it is no division of the plan."""
    if area is None:
        return TOTAL_WORDS
    return TOTAL_WORDS | {area, *(area + word for word in ("合计", "总计", "全市合计"))}


def is_footer(cells: Sequence[str]) -> bool:
    first = next((squeeze(c) for c in cells if c.strip()), "")
    return first.startswith(FOOTER_STARTS)


def is_sub_row(text: str) -> bool:
    return squeeze(text).startswith(SUB_ROW_STARTS)


def sub_row_name(text: str) -> str:
    """What a 其中 row names after its lead word: ``其中：新增小微创业企业（家）`` →
    ``新增小微创业企业（家）``, ``（其中：…）`` → ``…``; a row without one (an indented line of
    the group) as it stands."""
    name = squeeze(text)
    if not name.startswith(SUB_ROW_STARTS):
        return name
    bracketed = name[0] in "（("
    name = name.lstrip("（(")
    name = name.removeprefix("其中").removeprefix("含")
    name = name.lstrip("：:、，,")
    return name[:-1] if bracketed and name[-1:] in "）)" else name


def is_no_figure(text: str) -> bool:
    return squeeze(text) in NO_FIGURE or text.strip() in NO_FIGURE
