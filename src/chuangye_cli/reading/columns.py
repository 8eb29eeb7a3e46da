"""The column vocabulary of actuals files: which headers name which column, and the words for a
figure's basis (口径)."""

from __future__ import annotations

from chuangye_cli.domain import Basis

# Accepted headers for each column, compared after removing spaces and lower-casing.
HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("period", "month", "期间", "月份", "年月", "时间", "报告期", "统计期"),
    "county": (
        "county",
        "district",
        "region",
        "县区",
        "县（区）",
        "县(区)",
        "区县",
        "县市区",
        "地区",
    ),
    "indicator": ("indicator", "指标", "指标名称", "指标代码"),
    "value": ("value", "amount", "数值", "数量", "完成数", "完成值", "实绩"),
    "unit": ("unit", "单位", "计量单位"),
    "basis": ("basis", "口径", "统计口径", "数据口径"),
    "note": ("note", "notes", "remark", "备注", "说明"),
}
HEADER_ZH = {
    "period": "期间",
    "county": "县区",
    "indicator": "指标",
    "value": "数值",
    "unit": "单位",
    "basis": "口径",
    "note": "备注",
}
REQUIRED = ("period", "county", "indicator", "value")
HEADER_LOOKUP = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}

BASIS_ALIASES: dict[str, Basis] = {
    "increment": "increment",
    "monthly": "increment",
    "当月": "increment",
    "本月": "increment",
    "当月新增": "increment",
    "本月新增": "increment",
    "月度": "increment",
    "新增": "increment",
    "ytd": "ytd",
    "年累计": "ytd",
    "本年累计": "ytd",
    "1-n月累计": "ytd",
    "累计": "ytd",
    "to_date": "to_date",
    "todate": "to_date",
    "开累": "to_date",
    "自计划起累计": "to_date",
    "level": "level",
    "存量": "level",
    "期末": "level",
    "期末数": "level",
    "期末存量": "level",
}
BASIS_ZH: dict[str, str] = {
    "increment": "当月新增",
    "ytd": "1-N月累计",
    "to_date": "开累",
    "level": "期末数",
}


def header_name(text: str) -> str | None:
    """The column a header cell names (``period``, ``county`` …), or None."""
    return HEADER_LOOKUP.get("".join(text.replace("\ufeff", "").split()).lower())


def basis_of(text: str) -> Basis | None:
    """The basis a 口径 cell names: ``increment``, ``ytd``, ``to_date``, ``level`` or None."""
    basis = BASIS_ALIASES.get(text.lower())
    if basis is None and text.startswith("1-") and text.endswith("月累计"):
        return "ytd"
    return basis
