"""The task ledger (任务台账): each task's lead units, what they reported month by month, their
milestones (时间节点) due and overdue, who has not reported, and which tasks can be closed (可销号).
Pure: computed from the plan, the task returns read by :mod:`chuangye_cli.taskreturns` and the
progress of the indicators.

Rules (README, “The task ledger”):

- a row per task and lead unit; its status is the latest one the unit reported up to the
  report month, with that return's 进展情况, 佐证材料 and 下一步计划;
- a milestone is *met* when a return of the unit for the task, in or before the report month,
  names it under 完成节点 (by its month), or once the unit reports 已完成; it is *due* when its
  month is the report month or earlier, and *overdue* (逾期) when due and not met;
- 未报送: task returns are in use (at least one was read) and the unit sent none for the task
  for the report month, while its latest status is not 已完成 (a finished share needs no report);
- 可销号: every lead unit's latest status is 已完成 and every linked indicator is done (a task
  without indicators: the reports alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from chuangye_cli.domain import Source
from chuangye_cli.model import Milestone, TaskLedgerSpec, TaskSpec
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, UnitStatus

TaskStatus = Literal["not_started", "in_progress", "done", "lagging"]
TASK_STATUSES: tuple[TaskStatus, ...] = ("not_started", "in_progress", "done", "lagging")


@dataclass(frozen=True)
class TaskReturn:
    """One row of a task return: a unit's report on one task for one month."""

    period: Period
    task: int
    unit: str
    status: TaskStatus
    progress: str = ""  # 进展情况
    evidence: tuple[str, ...] = ()  # 佐证材料: file names or links
    next_steps: str = ""  # 下一步计划
    milestones: tuple[Period, ...] = ()  # 完成节点: months of the milestones met
    origin: tuple[str, int] = ("", 0)  # file and line


@dataclass(frozen=True)
class TaskReturns:
    items: tuple[TaskReturn, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def latest(self) -> Period | None:
        return max((r.period for r in self.items), default=None)

    @property
    def synthetic(self) -> bool:
        return bool(self.sources) and all(s.name.startswith("synthetic") for s in self.sources)


@dataclass(frozen=True)
class Duty:
    """A lead unit's share of a task, resolved: its own fields or the task's."""

    task: TaskSpec
    unit: str
    department: str | None
    person: str | None
    standard: str | None
    milestones: tuple[Milestone, ...]


def duties(plan: Plan, task: TaskSpec) -> tuple[Duty, ...]:
    """One duty per lead unit, in the order of ``leads``, from the plan's ledger."""
    spec = plan.ledger.get(task.number) or TaskLedgerSpec()
    given = {d.unit: d for d in spec.duties}
    out = []
    for unit in task.leads:
        d = given.get(unit)
        own = d.milestones if d is not None and d.milestones is not None else None
        out.append(
            Duty(
                task=task,
                unit=unit,
                department=d.department if d else None,
                person=d.person if d else None,
                standard=(d.standard if d and d.standard else None) or spec.standard,
                milestones=tuple(sorted(own if own is not None else spec.milestones, key=_due)),
            )
        )
    return tuple(out)


def _due(milestone: Milestone) -> Period:
    return milestone.due


@dataclass(frozen=True)
class MilestoneState:
    due: Period
    what: str
    met: Period | None  # the month of the return that reported it met
    passed: bool  # its month is the report month or earlier
    overdue: bool  # passed and not met


@dataclass(frozen=True)
class LeadRow:
    """One task and one lead unit at the report month."""

    duty: Duty
    status: TaskStatus | None  # the latest reported, None when the unit never reported
    progress: str
    evidence: tuple[str, ...]
    next_steps: str
    last_update: Period | None
    reported: bool  # sent a return for the report month (or needs none: 已完成)
    milestones: tuple[MilestoneState, ...]
    indicators: tuple[str, ...]
    completion: Decimal | None  # the task's linked indicators (mean of capped completions)
    indicator_status: UnitStatus
    closable: bool  # 可销号: the task's, shown on each of its rows

    @property
    def due(self) -> tuple[MilestoneState, ...]:
        """Milestones whose month has come (met or not)."""
        return tuple(m for m in self.milestones if m.passed)

    @property
    def overdue(self) -> tuple[MilestoneState, ...]:
        return tuple(m for m in self.milestones if m.overdue)

    @property
    def next_milestone(self) -> MilestoneState | None:
        return next((m for m in self.milestones if m.met is None and not m.overdue), None)


@dataclass(frozen=True)
class TaskLedger:
    plan: Plan
    as_of: Period
    rows: tuple[LeadRow, ...]
    returns: TaskReturns
    partner_returns: int  # returns of cooperating units up to the report month (kept, not rows)

    @property
    def in_use(self) -> bool:
        """Whether any task return was read (else nobody is 未报送)."""
        return bool(self.returns.items)

    @property
    def closable_tasks(self) -> tuple[int, ...]:
        return tuple(sorted({r.duty.task.number for r in self.rows if r.closable}))

    @property
    def not_reported(self) -> tuple[LeadRow, ...]:
        return tuple(r for r in self.rows if not r.reported)

    @property
    def with_overdue(self) -> tuple[LeadRow, ...]:
        return tuple(r for r in self.rows if r.overdue)


def compute_ledger(plan: Plan, returns: TaskReturns, progress: Progress) -> TaskLedger:
    """The ledger at ``progress.as_of``; indicator completion from ``progress``."""
    as_of = progress.as_of
    seen = [r for r in returns.items if r.period <= as_of]
    seen.sort(key=lambda r: r.period)
    leads = {(t.number, u) for t in plan.tasks for u in t.leads}
    by_lead: dict[tuple[int, str], list[TaskReturn]] = {}
    for r in seen:
        by_lead.setdefault((r.task, r.unit), []).append(r)
    task_progress = {t.task.number: t for t in progress.tasks}
    indicator_done = {r.indicator.id: r.status == "done" for r in progress.indicators}
    in_use = bool(returns.items)
    rows: list[LeadRow] = []
    for task in plan.tasks:
        linked = task_progress[task.number]
        task_rows = []
        for duty in duties(plan, task):
            history = by_lead.get((task.number, duty.unit), [])
            last = history[-1] if history else None
            finished = last is not None and last.status == "done"
            met: dict[Period, Period] = {}
            for r in history:
                for month in r.milestones:
                    met.setdefault(month, r.period)
            states = tuple(
                MilestoneState(
                    due=m.due,
                    what=m.what,
                    met=met.get(m.due) or (last.period if finished and last else None),
                    passed=m.due <= as_of,
                    overdue=m.due <= as_of and m.due not in met and not finished,
                )
                for m in duty.milestones
            )
            task_rows.append(
                LeadRow(
                    duty=duty,
                    status=last.status if last else None,
                    progress=last.progress if last else "",
                    evidence=last.evidence if last else (),
                    next_steps=last.next_steps if last else "",
                    last_update=last.period if last else None,
                    reported=not in_use or finished or (last is not None and last.period == as_of),
                    milestones=states,
                    indicators=linked.indicators,
                    completion=linked.completion,
                    indicator_status=linked.status,
                    closable=False,
                )
            )
        closable = all(r.status == "done" for r in task_rows) and all(
            indicator_done[i] for i in linked.indicators
        )
        rows += [replace(r, closable=closable) for r in task_rows]
    partners = sum(1 for r in seen if (r.task, r.unit) not in leads)
    return TaskLedger(plan, as_of, tuple(rows), returns, partners)


def select(
    ledger: TaskLedger, unit: str | None = None, tasks: Sequence[int] = ()
) -> tuple[LeadRow, ...]:
    """The rows of one lead unit and/or some tasks."""
    return tuple(
        r
        for r in ledger.rows
        if (unit is None or r.duty.unit == unit) and (not tasks or r.duty.task.number in tasks)
    )
