"""Load the plan files, check them against each other, and resolve them into a :class:`Plan`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from chuangye_cli.diagnostics import Collector, Diagnostic
from chuangye_cli.model import (
    CountySpec,
    IndicatorSpec,
    PlanMeta,
    TargetsFile,
    TasksFile,
    TaskSpec,
    Thresholds,
    UnitSpec,
)
from chuangye_cli.periods import months_inclusive
from chuangye_cli.quantities import Unit, convert, get_unit
from chuangye_cli.yamlsource import load_yaml, locate, locate_key

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Allocation:
    """County targets of the indicators, with the label and method the file gives."""

    label: str
    method: str
    # indicator id -> county id -> target, in the indicator's target unit
    targets: Mapping[str, Mapping[str, Decimal]]
    # year -> indicator id -> county id -> yearly target, split by the same weights
    yearly: Mapping[int, Mapping[str, Mapping[str, Decimal]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """The plan, resolved: every reference checked, county targets computed."""

    meta: PlanMeta
    thresholds: Thresholds
    indicators: tuple[IndicatorSpec, ...]
    counties: tuple[CountySpec, ...]
    units: tuple[UnitSpec, ...]
    tasks: tuple[TaskSpec, ...]
    task_indicators: Mapping[int, tuple[str, ...]]
    coordinator_indicators: tuple[str, ...]
    links_label: str | None
    allocation: Allocation | None
    county_lookup: Mapping[str, str]  # id, name, code or alias -> county id
    indicator_lookup: Mapping[str, str]  # id or Chinese name -> indicator id
    files: tuple[str, str]

    @property
    def months(self) -> int:
        return months_inclusive(self.meta.start, self.meta.end)

    @property
    def indicator_names(self) -> dict[str, str]:
        return {i.id: i.name for i in self.indicators}

    @property
    def indicator_units(self) -> dict[str, str]:
        return {i.id: i.unit for i in self.indicators}

    def indicator(self, indicator_id: str) -> IndicatorSpec:
        return next(i for i in self.indicators if i.id == indicator_id)

    def county(self, county_id: str) -> CountySpec:
        return next(c for c in self.counties if c.id == county_id)

    def unit_of(self, indicator: IndicatorSpec) -> Unit:
        unit = get_unit(indicator.unit)
        assert unit is not None  # checked by the model
        return unit

    def reporting_unit_of(self, indicator: IndicatorSpec) -> Unit:
        unit = get_unit(indicator.reporting_unit or indicator.unit)
        assert unit is not None  # checked by the model
        return unit


def _validate(model: type[M], data: Any, file: str, out: Collector) -> M | None:
    """Validate located YAML data with a Pydantic model; errors carry line and column."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            mark = locate_key(data, loc) if err["type"] == "extra_forbidden" else locate(data, loc)
            message = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown key (not part of the format; misspelt?)"
            out.error(
                f"schema.{err['type']}", f"{_dotted(loc)}: {message}", file, *(mark or (None, None))
            )
        return None


def _validate_file(
    model: type[M], data: Any, found: list[Diagnostic], file: str, out: Collector
) -> M | None:
    """Validate a parsed file; nothing to validate after a syntax error or in an empty file."""
    if any(d.code in ("yaml.syntax", "yaml.encoding") for d in found):
        return None
    if data is None:
        out.error("yaml.empty", "the file is empty: it must hold a mapping", file, 1, 1)
        return None
    return _validate(model, data, file, out)


def _dotted(loc: Sequence[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


class _Checker:
    """Cross-reference checks that produce located diagnostics."""

    def __init__(self, data: Any, file: str, out: Collector) -> None:
        self.data, self.file, self.out = data, file, out

    def error(self, code: str, path: Sequence[Any], message: str, *, key: bool = False) -> None:
        mark = (locate_key if key else locate)(self.data, path)
        self.out.error(code, f"{_dotted(path)}: {message}", self.file, *(mark or (None, None)))

    def warning(self, code: str, path: Sequence[Any], message: str) -> None:
        mark = locate(self.data, path)
        self.out.warning(code, f"{_dotted(path)}: {message}", self.file, *(mark or (None, None)))

    def unique(self, values: Iterable[tuple[Sequence[Any], str]], what: str) -> None:
        seen: dict[str, str] = {}
        for path, value in values:
            if value in seen:
                self.error(
                    "ref.duplicate",
                    path,
                    f"duplicate {what} {value!r} (already used at {seen[value]})",
                )
            else:
                seen[value] = _dotted(path)


def _county_lookup(targets: TargetsFile, check: _Checker) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for i, county in enumerate(targets.counties):
        names = [("id", county.id), ("name", county.name)]
        if county.code:
            names.append(("code", county.code))
        names += [(("aliases", j), alias) for j, alias in enumerate(county.aliases)]  # type: ignore[misc]
        for key, name in names:
            path = ("counties", i, *(key if isinstance(key, tuple) else (key,)))
            other = lookup.get(name)
            if other is not None and other != county.id:
                check.error("ref.duplicate", path, f"{name!r} already names county {other!r}")
            lookup[name] = county.id
    return lookup


def _split_by_weights(total: int, weights: Sequence[tuple[str, Decimal]]) -> dict[str, int]:
    """Largest-remainder split of ``total`` whole units; ties go to the county listed first."""
    weight_sum = sum((w for _, w in weights), Decimal(0))
    quotas = [(county, total * w / weight_sum) for county, w in weights]
    shares = {county: int(q.to_integral_value(ROUND_FLOOR)) for county, q in quotas}
    left = total - sum(shares.values())
    order = sorted(range(len(quotas)), key=lambda k: (-(quotas[k][1] - shares[quotas[k][0]]), k))
    for k in order[:left]:
        shares[quotas[k][0]] += 1
    return shares


def _allocation(targets: TargetsFile, check: _Checker) -> Allocation | None:
    spec = targets.allocation
    if spec is None:
        return None
    counties = {c.id: c for c in targets.counties}
    indicators = {i.id: i for i in targets.indicators}
    result: dict[str, dict[str, Decimal]] = {}
    yearly: dict[int, dict[str, dict[str, Decimal]]] = {}
    weights: list[tuple[str, Decimal]] = []
    for county_id, weight in spec.weights.items():
        path = ("allocation", "weights", county_id)
        if county_id not in counties:
            check.error("ref.unknown-county", path, f"unknown county {county_id!r}", key=True)
        elif counties[county_id].kind == "city":
            check.error(
                "ref.city-allocation",
                path,
                "city-level figures (市直) take no share of an allocation",
                key=True,
            )
        else:
            weights.append((county_id, weight))
    if spec.weights and not any(w for _, w in weights):
        check.error("allocation.weights", ("allocation", "weights"), "the weights add up to zero")
        weights = []
    explicit_ids = {e.indicator for e in spec.explicit}
    chosen = spec.indicators if spec.indicators is not None else [i.id for i in targets.indicators]
    for j, indicator_id in enumerate(chosen):
        if indicator_id not in indicators:
            check.error(
                "ref.unknown-indicator",
                ("allocation", "indicators", j),
                f"unknown indicator {indicator_id!r}",
            )
            continue
        if indicator_id in explicit_ids or not weights:
            continue
        ind = indicators[indicator_id]
        split = _split_target(ind, ind.target, weights, check)
        if split is not None:
            result[indicator_id] = split
        for year, target in (ind.yearly or {}).items():
            split = _split_target(ind, target, weights, check)
            if split is not None:
                yearly.setdefault(year, {})[indicator_id] = split
    for j, explicit in enumerate(spec.explicit):
        base: tuple[Any, ...] = ("allocation", "explicit", j)
        ind_spec = indicators.get(explicit.indicator)
        if ind_spec is None:
            check.error(
                "ref.unknown-indicator",
                (*base, "indicator"),
                f"unknown indicator {explicit.indicator!r}",
            )
            continue
        target_unit = get_unit(ind_spec.unit)
        given = get_unit(explicit.unit or ind_spec.unit)
        assert target_unit is not None
        if given is None:
            check.error("allocation.unit", (*base, "unit"), f"unknown unit {explicit.unit!r}")
            continue
        if given.measure is not target_unit.measure:
            check.error(
                "allocation.unit",
                (*base, "unit"),
                f"{given.name} cannot convert to the target's unit {target_unit.name} "
                f"({given.measure} vs {target_unit.measure})",
            )
            continue
        values: dict[str, Decimal] = {}
        for county_id, value in explicit.targets.items():
            if county_id not in counties:
                check.error(
                    "ref.unknown-county",
                    (*base, "targets", county_id),
                    f"unknown county {county_id!r}",
                    key=True,
                )
            else:
                values[county_id] = convert(value, given, target_unit)
        if sum(values.values(), Decimal(0)) != ind_spec.target:
            check.warning(
                "allocation.sum",
                (*base, "targets"),
                f"county targets add up to {sum(values.values(), Decimal(0))} "
                f"{target_unit.name}, the city target is {ind_spec.target}",
            )
        result[explicit.indicator] = values
    return Allocation(spec.label, spec.method, result, yearly)


def _split_target(
    ind: IndicatorSpec, target: Decimal, weights: Sequence[tuple[str, Decimal]], check: _Checker
) -> dict[str, Decimal] | None:
    """County shares of ``target`` in whole reporting units (largest remainder)."""
    unit, reporting = get_unit(ind.unit), get_unit(ind.reporting_unit or ind.unit)
    assert unit is not None and reporting is not None
    total = convert(target, unit, reporting)
    if total != total.to_integral_value():
        check.error(
            "allocation.not-whole",
            ("allocation", "weights"),
            f"{ind.id}: the target {target} {ind.unit} is {total} {reporting.name}, "
            "not a whole number of reporting units, so it cannot be split by weights",
        )
        return None
    shares = _split_by_weights(int(total), weights)
    return {c: convert(Decimal(n), reporting, unit) for c, n in shares.items()}


def _check_targets(targets: TargetsFile, check: _Checker) -> None:
    check.unique(
        ((("counties", i, "id"), c.id) for i, c in enumerate(targets.counties)), "county id"
    )
    check.unique(
        ((("indicators", i, "id"), x.id) for i, x in enumerate(targets.indicators)), "indicator id"
    )
    check.unique(
        ((("indicators", i, "name"), x.name) for i, x in enumerate(targets.indicators)),
        "indicator name",
    )
    first, last = targets.plan.start.year, targets.plan.end.year
    for i, ind in enumerate(targets.indicators):
        for year in ind.yearly or {}:
            if not first <= year <= last:
                check.error(
                    "ref.year",
                    ("indicators", i, "yearly", year),
                    f"{year} is outside the plan's years {first}-{last}",
                    key=True,
                )
        if ind.id == ind.name:
            continue
        if any(ind.name == other.id for other in targets.indicators):
            check.error(
                "ref.duplicate",
                ("indicators", i, "name"),
                f"name {ind.name!r} is also an indicator id",
            )


def _check_tasks(tasks: TasksFile, targets: TargetsFile | None, check: _Checker) -> None:
    check.unique(((("units", i, "name"), u.name) for i, u in enumerate(tasks.units)), "unit")
    check.unique(
        ((("tasks", i, "number"), str(t.number)) for i, t in enumerate(tasks.tasks)), "task number"
    )
    units = {u.name for u in tasks.units}
    for i, task in enumerate(tasks.tasks):
        for role in ("leads", "partners"):
            for j, name in enumerate(getattr(task, role)):
                if name not in units:
                    check.error(
                        "ref.unknown-unit",
                        ("tasks", i, role, j),
                        f"unknown unit {name!r}: declare it under `units` or fix the spelling",
                    )
    links = tasks.indicator_links
    if links is None:
        return
    numbers = {t.number for t in tasks.tasks}
    indicator_ids = {i.id for i in targets.indicators} if targets else None
    for number, ids in links.tasks.items():
        if number not in numbers:
            check.error(
                "ref.unknown-task",
                ("indicator_links", "tasks", number),
                f"no task numbered {number}",
                key=True,
            )
        for j, ind in enumerate(ids):
            if indicator_ids is not None and ind not in indicator_ids:
                check.error(
                    "ref.unknown-indicator",
                    ("indicator_links", "tasks", number, j),
                    f"unknown indicator {ind!r}",
                )
    for j, ind in enumerate(links.coordinator):
        if indicator_ids is not None and ind not in indicator_ids:
            check.error(
                "ref.unknown-indicator",
                ("indicator_links", "coordinator", j),
                f"unknown indicator {ind!r}",
            )
    if links.coordinator and not any(u.kind == "coordinator" for u in tasks.units):
        check.error(
            "ref.no-coordinator",
            ("indicator_links", "coordinator"),
            "indicators are given to the coordinator, but no unit has `kind: coordinator`",
        )
    if indicator_ids is not None:
        owned = {i for ids in links.tasks.values() for i in ids} | set(links.coordinator)
        for ind in sorted(indicator_ids - owned):
            check.warning(
                "ref.unowned-indicator",
                ("indicator_links",),
                f"indicator {ind!r} is linked to no task and not to the coordinator: "
                "no unit answers for it",
            )


def load_plan(targets_path: Path, tasks_path: Path) -> tuple[Plan | None, list[Diagnostic]]:
    """Read, validate and resolve both plan files. Returns the plan (None on errors) and all
    diagnostics found in both files."""
    out = Collector()
    targets_file, tasks_file = str(targets_path), str(tasks_path)
    targets_data, targets_found = load_yaml(targets_path)
    tasks_data, tasks_found = load_yaml(tasks_path)
    out.extend(targets_found + tasks_found)
    targets = _validate_file(TargetsFile, targets_data, targets_found, targets_file, out)
    tasks = _validate_file(TasksFile, tasks_data, tasks_found, tasks_file, out)
    t_check = _Checker(targets_data, targets_file, out)
    lookup: dict[str, str] = {}
    allocation = None
    if targets is not None:
        _check_targets(targets, t_check)
        lookup = _county_lookup(targets, t_check)
        allocation = _allocation(targets, t_check)
    if tasks is not None:
        _check_tasks(tasks, targets, _Checker(tasks_data, tasks_file, out))
    if out.has_errors or targets is None or tasks is None:
        return None, out.result()
    links = tasks.indicator_links
    indicator_lookup = {i.id: i.id for i in targets.indicators}
    indicator_lookup.update({i.name: i.id for i in targets.indicators})
    plan = Plan(
        meta=targets.plan,
        thresholds=targets.thresholds,
        indicators=tuple(targets.indicators),
        counties=tuple(targets.counties),
        units=tuple(tasks.units),
        tasks=tuple(tasks.tasks),
        task_indicators={n: tuple(ids) for n, ids in (links.tasks if links else {}).items()},
        coordinator_indicators=tuple(links.coordinator) if links else (),
        links_label=links.label if links else None,
        allocation=allocation,
        county_lookup=lookup,
        indicator_lookup=indicator_lookup,
        files=(targets_file, tasks_file),
    )
    return plan, out.result()
