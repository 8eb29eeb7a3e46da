"""What a view of one part of a hierarchy says about itself (see :mod:`chuangye_cli.scope`):
a caption line, the JSON header's keys, and the rows' parent and level columns."""

from __future__ import annotations

from dataclasses import replace

from chuangye_cli.document import Cell, Column
from chuangye_cli.plan import Plan
from chuangye_cli.scope import OWN_SUFFIX
from chuangye_cli.vocab import DIVISION_LEVEL, OWN, Label

UNDER = Column("under", Label("所属", "under"))
UNDER_ID = Column("under_id", Label("所属代码", "under id"), human=False)
LEVEL = Column("level", Label("层级", "level"), human=False)


def scope_lines(plan: Plan) -> list[str]:
    """The view's extent and how its figures and targets are made, for the caption."""
    scope = plan.scope
    if scope is None:
        return []
    rows = (
        f"按{DIVISION_LEVEL[scope.level].zh}单位列示"
        if scope.level is not None
        else "列示其直接下级"
    )
    names = plan.hierarchy.names if plan.hierarchy is not None else {}
    summed = [names[c] for c in names if any(c in ids for ids in scope.summed.values())]
    return [
        f"范围：{scope.area}，{rows}；上级的实绩为所辖单位之和加{OWN.zh}数据（“…{OWN.zh}”一行），"
        f"比率指标不相加、只取本级数据。"
        + (f"未声明目标的上级取所辖单位目标之和：{'、'.join(summed)}。" if summed else "")
    ]


def scope_header(plan: Plan) -> dict[str, object]:
    """``within`` and ``level`` for the JSON header (nothing for a plan shown whole)."""
    scope = plan.scope
    if scope is None:
        return {}
    return {"within": scope.within, "area": scope.area, "level": scope.level}


def scope_cells(plan: Plan, row: str) -> dict[str, Cell]:
    """The row's parent (所属) and level."""
    scope = plan.scope
    if scope is None or plan.hierarchy is None:
        return {}
    under = scope.under.get(row)
    return {
        "under": Cell(plan.hierarchy.names.get(under) if under else None),
        "under_id": Cell(under),
        "level": Cell(scope.levels.get(row)),
    }


DIVISION = Label("地区", "division")


def divisions_word(plan: Plan) -> str:
    """What a report calls the divisions it ranks and lists: 县区 (a city's plan, or counties
    of a province's), 市 (the cities of a province), 地区 (divisions of several levels)."""
    scope = plan.scope
    if scope is None:
        return "县区"
    levels = {level for row, level in scope.levels.items() if not row.endswith(OWN_SUFFIX)}
    if levels == {"city"}:
        return "市"
    return "县区" if levels <= {"county"} else DIVISION.zh


def scope_columns(plan: Plan, rows: list[str]) -> tuple[Column, ...]:
    """所属 (shown when the rows sit under more than one division), its id, the level."""
    scope = plan.scope
    if scope is None:
        return ()
    several = len({scope.under.get(r) for r in rows}) > 1
    return (UNDER if several else replace(UNDER, human=False), UNDER_ID, LEVEL)


def scope_labels(plan: Plan, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """In a view of a hierarchy the rows are what :func:`divisions_word` says: 市 (the cities
    of a province), 地区 (divisions of several levels), 县区."""
    if plan.scope is None:
        return columns
    word = divisions_word(plan)
    label = Label(word, {"县区": "county", "市": "city"}.get(word, DIVISION.en))
    return tuple(replace(c, label=label) if c.key == "county" else c for c in columns)
