"""Reading task returns (任务推进情况报送): the lead units' monthly reports on their tasks, as CSV or
XLSX with Chinese or English headers, into :class:`~chuangye_cli.taskledger.TaskReturns`.

Columns: 月份 (period), 任务 (序号 or title; or a 工作任务 column with the title), 单位 (unit),
完成状态 (status: 未启动 / 推进中 / 已完成 / 滞后), 进展情况, 佐证材料 (file names or links,
separated by 、 or ;), 下一步计划, and optionally 完成节点 (the months of the milestones met).
Title rows above the header are skipped. Every problem is a located diagnostic; files are read
through :mod:`chuangye_cli.reading.sources`, so encodings, CSV syntax and workbooks are handled
as for actual figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector, Diagnostic, UsageError, hint_args
from chuangye_cli.domain import Source
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.reading.sources import (
    Row,
    SourceProblem,
    choose_sheet,
    expand_paths,
    open_sheets,
    report_problem,
)
from chuangye_cli.task_template import REFERENCE_SHEET
from chuangye_cli.taskledger import TaskReturn, TaskReturns, TaskStatus, duties

FOLDER = "task-returns"  # in a data folder

HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("period", "month", "月份", "期间", "报告期", "年月", "时间"),
    "task": ("task", "task_no", "任务", "序号", "任务序号", "任务编号"),
    "title": ("title", "工作任务", "任务名称", "重点任务"),
    "unit": ("unit", "单位", "责任单位", "牵头单位", "牵头责任单位", "填报单位"),
    "status": ("status", "状态", "完成状态", "进展状态", "推进状态"),
    "progress": ("progress", "进展情况", "进展", "工作进展", "推进情况"),
    "evidence": ("evidence", "佐证材料", "佐证", "证明材料"),
    "next_steps": ("next_steps", "next", "下一步计划", "下步计划", "下一步工作"),
    "milestones": ("milestones", "milestones_met", "完成节点", "已完成节点"),
    # read and ignored: what a ledger form often carries besides
    "ignored": ("department", "person", "note", "责任科室", "责任人", "填报人", "备注", "时间节点"),
}
_REPORTED = ("status", "progress", "evidence", "next_steps", "milestones")  # what a unit writes
HEADER_ZH = {"period": "月份", "task": "任务", "unit": "单位", "status": "完成状态"}
REQUIRED = ("period", "unit", "status")
_LOOKUP = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}

STATUS_WORDS: dict[str, TaskStatus] = {
    "未启动": "not_started",
    "未开始": "not_started",
    "not_started": "not_started",
    "not started": "not_started",
    "推进中": "in_progress",
    "进行中": "in_progress",
    "正在推进": "in_progress",
    "in_progress": "in_progress",
    "in progress": "in_progress",
    "已完成": "done",
    "完成": "done",
    "done": "done",
    "completed": "done",
    "滞后": "lagging",
    "逾期": "lagging",
    "lagging": "lagging",
    "overdue": "lagging",
}
_SPLIT = re.compile(r"[、;；\n]+")
_SPLIT_MONTHS = re.compile(r"[、;；,，\s]+")
_NUMBER = re.compile(r"^(?:第|任务)?\s*(\d+)(?:\.0+)?\s*(?:项)?$")


def header_name(text: str) -> str | None:
    return _LOOKUP.get(" ".join(text.replace("\ufeff", "").split()).lower())


def task_return_paths(data_dir: Path | None, given: Sequence[Path] = ()) -> tuple[Path, ...]:
    """The task returns to read: those given (files or folders), else ``task-returns/`` in
    the data folder when there is one. Raises :class:`UsageError` for a path that is missing."""
    for path in given:
        if not path.exists():
            raise UsageError(
                f"--task-returns {path}：没有这个文件或文件夹",
                f"--task-returns {path}: no such file or folder",
            )
    if given:
        return tuple(given)
    folder = data_dir / FOLDER if data_dir is not None else None
    return (folder,) if folder is not None and folder.is_dir() else ()


def read_task_returns(
    paths: Sequence[Path], plan: Plan, sheet: str | None = None
) -> tuple[TaskReturns, list[Diagnostic]]:
    """Read every task return (folders expanded) against the plan."""
    out = Collector()
    reader = _Reader(plan, out)
    sources: list[Source] = []
    for folder in paths:
        if folder.is_dir() and not expand_paths([folder]):
            out.report(Code.ACTUALS_EMPTY_FOLDER, str(folder))
    for path in expand_paths(paths):
        file = str(path)
        opened = open_sheets(path, out)
        if opened is None:
            continue
        for hidden in (s for s in opened if not s.visible):
            out.report(Code.ACTUALS_SHEET_SKIPPED, file, sheet=hidden.name, variant="hidden")
        sheets = choose_sheet(path, [s for s in opened if s.visible], sheet, out)
        if sheets is None:
            continue
        table = sheets[0] if sheets else None
        if table is None:
            out.report(Code.ACTUALS_EMPTY, file)
            continue
        for other in sheets[1:]:
            reference = other.name == REFERENCE_SHEET
            variant = "task-reference" if reference else "task"
            out.report(Code.ACTUALS_SHEET_SKIPPED, file, sheet=other.name, variant=variant)
        try:
            count = reader.read(table.rows(), file)
        except SourceProblem as problem:
            report_problem(out, problem, file)
            continue
        sources.append(Source(file, table.kind, table.encoding, count, table.name))
    items = tuple(sorted(reader.items.values(), key=lambda r: (r.period, r.task, r.unit)))
    return TaskReturns(items, tuple(sources)), out.result()


Columns = dict[str, int]


class _Reader:
    def __init__(self, plan: Plan, out: Collector) -> None:
        self.plan, self.out = plan, out
        self.tasks = {t.number: t for t in plan.tasks}
        self.titles = {t.title.rstrip("。"): t.number for t in plan.tasks}
        self.units = {u.name for u in plan.units}
        self.milestones = {
            (t.number, d.unit): {m.due for m in d.milestones}
            for t in plan.tasks
            for d in duties(plan, t)
        }
        self.items: dict[tuple[Period, int, str], TaskReturn] = {}

    def header(self, cells: Sequence[str]) -> Columns:
        found: Columns = {}
        for index, raw in enumerate(cells):
            name = header_name(raw) if raw.strip() else None
            if name is not None and name != "ignored" and name not in found:
                found[name] = index
        return found

    def read(self, rows: Iterator[Row], file: str) -> int:
        """Consume one table: title rows, the header, then the returns; the number of rows."""
        first: tuple[int, Sequence[str]] | None = None
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            first = first or (line, cells)
            columns = self.header(cells)
            if len(columns) >= 2:
                if not self._complete(columns, file, line):
                    return 0
                return self._body(rows, file, columns, cells, line)
        if first is None:
            self.out.report(Code.ACTUALS_EMPTY, file)
        else:
            self._complete({}, file, first[0])
        return 0

    def _complete(self, columns: Columns, file: str, line: int) -> bool:
        missing = [name for name in REQUIRED if name not in columns]
        if "task" not in columns and "title" not in columns:
            missing.insert(1, "task")
        if not missing:
            return True
        self.out.report(
            Code.TASKRETURN_MISSING_COLUMN,
            file,
            line,
            1,
            missing=", ".join(missing),
            missing_zh="、".join(HEADER_ZH[m] for m in missing),
            accepted="; ".join("/".join(HEADERS[m]) for m in missing),
        )
        return False

    def _body(
        self, rows: Iterator[Row], file: str, col: Columns, header: Sequence[str], start: int
    ) -> int:
        self._unknown_columns(header, file, start)
        width = len(header)
        count = 0
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            count += 1
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                self.out.report(
                    Code.ACTUALS_EXTRA_CELLS, file, line, width + 1, cells=len(cells), width=width
                )
                continue
            cells = [*cells[:width], *[""] * (width - len(cells))]
            item = self._row(file, line, cells, col)
            if item is not None:
                self._record(item, file, line)
        return count

    def _unknown_columns(self, header: Sequence[str], file: str, line: int) -> None:
        known = ", ".join(n for n in HEADERS if n != "ignored")
        for index, raw in enumerate(header):
            if raw.strip() and header_name(raw) is None:
                self.out.report(
                    Code.ACTUALS_UNKNOWN_COLUMN,
                    file,
                    line,
                    index + 1,
                    value=raw.strip(),
                    known=known,
                )

    def _cell(self, cells: Sequence[str], col: Columns, name: str) -> str:
        index = col.get(name)
        return cells[index].strip() if index is not None else ""

    def _row(self, file: str, line: int, cells: Sequence[str], col: Columns) -> TaskReturn | None:
        if not any(self._cell(cells, col, name) for name in _REPORTED):
            # a form's row left as it came (month, task, unit filled in): not reported
            which = self._cell(cells, col, "task") or self._cell(cells, col, "title")
            unit = self._cell(cells, col, "unit")
            self.out.report(Code.TASKRETURN_BLANK, file, line, task=which, unit=unit)
            return None
        ok = True
        period = self._period(file, line, self._cell(cells, col, "period"), col["period"] + 1)
        number = self._task(file, line, cells, col)
        unit_text = self._cell(cells, col, "unit")
        unit_column = col["unit"] + 1
        if not unit_text:
            self.out.report(Code.TASKRETURN_UNIT, file, line, unit_column, variant="empty")
            ok = False
        elif unit_text not in self.units:
            self.out.report(
                Code.TASKRETURN_UNIT,
                file,
                line,
                unit_column,
                value=unit_text,
                fields=hint_args(unit_text, self.units),
            )
            ok = False
        elif number is not None:
            task = self.tasks[number]
            if unit_text not in task.leads and unit_text not in task.partners:
                self.out.report(
                    Code.TASKRETURN_ROLE,
                    file,
                    line,
                    unit_column,
                    value=unit_text,
                    number=number,
                    leads="、".join(task.leads),
                )
                ok = False
        status = self._status(file, line, self._cell(cells, col, "status"), col["status"] + 1)
        milestones = self._milestones(file, line, cells, col, number, unit_text)
        if not ok or period is None or number is None or status is None or milestones is None:
            return None
        return TaskReturn(
            period=period,
            task=number,
            unit=unit_text,
            status=status,
            progress=self._cell(cells, col, "progress"),
            evidence=tuple(
                x.strip() for x in _SPLIT.split(self._cell(cells, col, "evidence")) if x.strip()
            ),
            next_steps=self._cell(cells, col, "next_steps"),
            milestones=milestones,
            origin=(file, line),
        )

    def _period(self, file: str, line: int, text: str, column: int) -> Period | None:
        meta = self.plan.meta
        if not text:
            self.out.report(Code.TASKRETURN_PERIOD, file, line, column, variant="empty")
            return None
        try:
            period = Period.parse(text)
        except ValueError as exc:
            month = getattr(exc, "month", None)
            if month is not None:
                self.out.report(
                    Code.TASKRETURN_PERIOD,
                    file,
                    line,
                    column,
                    variant="month",
                    value=text,
                    month=month,
                )
            else:
                self.out.report(Code.TASKRETURN_PERIOD, file, line, column, value=text)
            return None
        if not meta.start <= period <= meta.end:
            self.out.report(
                Code.TASKRETURN_PERIOD,
                file,
                line,
                column,
                variant="outside",
                period=str(period),
                start=str(meta.start),
                end=str(meta.end),
            )
            return None
        return period

    def _task(self, file: str, line: int, cells: Sequence[str], col: Columns) -> int | None:
        text = self._cell(cells, col, "task")
        column = col["task"] + 1 if "task" in col else col["title"] + 1
        if not text:
            text = self._cell(cells, col, "title")
        if not text:
            self.out.report(Code.TASKRETURN_TASK, file, line, column, variant="empty")
            return None
        m = _NUMBER.match(text)
        if m is not None and int(m.group(1)) in self.tasks:
            return int(m.group(1))
        number = self.titles.get(text.rstrip("。"))
        if number is not None:
            return number
        names = [str(n) for n in self.tasks] + list(self.titles)
        self.out.report(
            Code.TASKRETURN_TASK, file, line, column, value=text, fields=hint_args(text, names)
        )
        return None

    def _status(self, file: str, line: int, text: str, column: int) -> TaskStatus | None:
        if not text:
            self.out.report(Code.TASKRETURN_STATUS, file, line, column, variant="empty")
            return None
        status = STATUS_WORDS.get(" ".join(text.split()).lower())
        if status is None:
            self.out.report(Code.TASKRETURN_STATUS, file, line, column, value=text)
        return status

    def _milestones(
        self,
        file: str,
        line: int,
        cells: Sequence[str],
        col: Columns,
        number: int | None,
        unit: str,
    ) -> tuple[Period, ...] | None:
        text = self._cell(cells, col, "milestones")
        if not text or number is None:
            return ()
        known = self.milestones.get((number, unit), set())
        found: list[Period] = []
        for part in _SPLIT_MONTHS.split(text):
            if not part:
                continue
            try:
                month = Period.parse(part)
            except ValueError:
                month = None
            if month is None or month not in known:
                self.out.report(
                    Code.TASKRETURN_MILESTONE,
                    file,
                    line,
                    col["milestones"] + 1,
                    value=part,
                    unit=unit,
                    number=number,
                    known="、".join(str(m) for m in sorted(known)) or "无",
                )
                return None
            found.append(month)
        return tuple(found)

    def _record(self, item: TaskReturn, file: str, line: int) -> None:
        key = (item.period, item.task, item.unit)
        before = self.items.get(key)
        if before is None:
            self.items[key] = item
            return
        if _same(before, item):
            return
        self.out.report(
            Code.TASKRETURN_CONFLICT,
            file,
            line,
            unit=item.unit,
            number=item.task,
            period=str(item.period),
            where=f"{before.origin[0]}:{before.origin[1]}",
        )


def _same(a: TaskReturn, b: TaskReturn) -> bool:
    """The same report, wherever it was read."""
    return (a.status, a.progress, a.evidence, a.next_steps, a.milestones) == (
        b.status,
        b.progress,
        b.evidence,
        b.next_steps,
        b.milestones,
    )
