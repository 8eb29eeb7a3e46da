"""The blank task return (任务推进情况报送表) one lead unit fills in for one month, as an Excel
workbook: a row per task the unit leads (or, for a unit that leads none, cooperates on), with the
month, task number, title and unit filled in and a drop-down list of statuses; a second sheet
lists the unit's milestones and standards. Read back by :mod:`chuangye_cli.taskreturns`.
The same plan, unit and month give the same bytes."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.taskledger import duties
from chuangye_cli.writers.xlsx import FIXED_TIME, fixed_zip

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER = (
    "月份",
    "任务序号",
    "工作任务",
    "责任单位",
    "完成状态",
    "进展情况",
    "佐证材料",
    "下一步计划",
    "完成节点",
)
WIDTHS = (10, 9, 40, 18, 11, 40, 30, 30, 14)
STATUSES = ("未启动", "推进中", "已完成", "滞后")
REFERENCE_SHEET = "时间节点"  # the template's second sheet: milestones, for reference
MILESTONE_HEADER = ("任务序号", "工作任务", "完成标准", "时间节点", "应完成事项", "本月到期")


def template_tasks(plan: Plan, unit: str) -> list[int]:
    """The tasks a unit reports on: those it leads, else those it cooperates on."""
    led = [t.number for t in plan.tasks if unit in t.leads]
    return led or [t.number for t in plan.tasks if unit in t.partners]


def task_template(plan: Plan, unit: str, period: Period) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    numbers = template_tasks(plan, unit)
    tasks = {t.number: t for t in plan.tasks}
    wb = Workbook()
    wb.properties.creator = "chuangye"
    wb.properties.title = f"{unit}任务推进情况报送表（{period.label_zh}）"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    ws = wb.active
    assert ws is not None
    ws.title = "任务报送"
    ws.append(list(HEADER))
    for number in numbers:
        ws.append([str(period), number, tasks[number].title, unit, "", "", "", "", ""])
    _layout(ws, WIDTHS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    if numbers:
        choice = DataValidation(
            type="list",
            formula1='"' + ",".join(STATUSES) + '"',
            allow_blank=False,
            showErrorMessage=True,
            errorTitle="完成状态",
            error="请选择：" + "、".join(STATUSES),
        )
        choice.add(f"E2:E{len(numbers) + 1}")
        ws.add_data_validation(choice)
    ms = wb.create_sheet(REFERENCE_SHEET)
    ms.append(list(MILESTONE_HEADER))
    for number in numbers:
        duty = next((d for d in duties(plan, tasks[number]) if d.unit == unit), None)
        if duty is None:  # a cooperating unit: the task's own ledger, for reference
            standard = plan.ledger[number].standard if number in plan.ledger else None
            milestones = tuple(plan.ledger[number].milestones) if number in plan.ledger else ()
        else:
            standard, milestones = duty.standard, duty.milestones
        for m in milestones or (None,):
            ms.append(
                [
                    number,
                    tasks[number].title,
                    standard or "",
                    str(m.due) if m else "",
                    m.what if m else "",
                    "是" if m and m.due == period else "",
                ]
            )
    _layout(ms, (9, 40, 36, 10, 36, 9))
    for cell in ms[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return fixed_zip(buffer.getvalue(), FIXED_TIME)


def _layout(ws: Worksheet, widths: tuple[int, ...]) -> None:
    from openpyxl.utils import get_column_letter

    for k, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(k)].width = width
    ws.freeze_panes = "A2"
