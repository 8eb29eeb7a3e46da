"""Load the plan files, check them against each other, and resolve them into a :class:`Plan`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from chuangye_cli.catalogue import CATALOGUE, Code
from chuangye_cli.diagnostics import Collector, Diagnostic, hint_args
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
from chuangye_cli.vocab import MEASURE
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
    indicator_lookup: Mapping[str, str]  # id, Chinese name or alias -> indicator id
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


_TYPE_NAMES = {
    "int": ("整数", "an integer"),
    "decimal": ("数字", "a number"),
    "number": ("数字", "a number"),
    "float": ("数字", "a number"),
    "finite": ("有限的数字", "a finite number"),
    "string": ("文本", "text"),
    "list": ("列表", "a list"),
    "dict": ("映射", "a mapping"),
    "model": ("映射", "a mapping"),
    "bool": ("true 或 false", "true or false"),
}
_PATTERNS = {
    "code": ("6位数字", "six digits"),
    "": (
        "小写英文字母开头，只含小写字母、数字、_ 和 -",
        "a lower-case letter first, then lower-case letters, digits, _ or -",
    ),
}
_BOUNDS = {"gt": ("大于", "greater than"), "ge": ("不小于", "at least"),
           "lt": ("小于", "less than"), "le": ("不大于", "at most")}  # fmt: skip


def _shown(value: object) -> str:
    """A value as a message shows it: short, one line."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "…"


def _schema_problem(err: Any) -> tuple[Code, str, dict[str, object]]:
    """Our stable code, variant and message arguments for one Pydantic error."""
    kind, ctx, value = str(err["type"]), dict(err.get("ctx") or {}), err.get("input")
    if kind in {c.value for c in Code}:  # raised by our own validators
        variant = str(ctx.pop("variant", ""))
        return Code(kind), variant, {"value": _shown(value), **ctx}
    if kind == "missing":
        return Code.SCHEMA_MISSING, "", {}
    if kind == "extra_forbidden":
        return Code.SCHEMA_UNKNOWN_KEY, "", {}
    if kind in ("literal_error", "enum"):
        return Code.SCHEMA_CHOICE, "", {"value": _shown(value), "choices": ctx.get("expected", "")}
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(k for k in ("gt", "ge", "lt", "le") if k in ctx)
        zh, en = _BOUNDS[bound]
        return (
            Code.SCHEMA_RANGE,
            "",
            {
                "value": _shown(value),
                "bound_zh": f"{zh} {ctx[bound]}",
                "bound": f"{en} {ctx[bound]}",
            },
        )
    if kind == "string_pattern_mismatch":
        field = str(err["loc"][-1]) if err["loc"] else ""
        zh, en = _PATTERNS.get(field, _PATTERNS[""])
        return Code.SCHEMA_PATTERN, "", {"value": _shown(value), "what_zh": zh, "what": en}
    if kind in ("too_short", "string_too_short"):
        return Code.SCHEMA_EMPTY, "", {}
    if kind.startswith("decimal_max") or kind == "decimal_whole_digits":
        return Code.SCHEMA_DIGITS, "", {"value": _shown(value)}
    head = kind.split("_", 1)[0]
    if head in _TYPE_NAMES and (kind.endswith(("_type", "_parsing")) or kind == "finite_number"):
        zh, en = _TYPE_NAMES["finite" if kind == "finite_number" else head]
        return Code.SCHEMA_TYPE, "", {"value": _shown(value), "expected": zh, "expected_en": en}
    reason = str(err.get("msg", kind)).removeprefix("Value error, ")
    return Code.SCHEMA_VALUE, "", {"reason": reason}


def _nulls(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths of keys written with no value (``key:``): always a mistake in these files."""
    if isinstance(data, dict):
        for key, value in data.items():
            if value is None:
                yield (*path, key)
            else:
                yield from _nulls(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _nulls(value, (*path, index))


def _validate(model: type[M], data: Any, file: str, out: Collector) -> M | None:
    """Validate located YAML data with a Pydantic model; errors carry line and column."""
    empty = list(_nulls(data))
    for path in empty:
        mark = locate_key(data, path)
        out.report(Code.SCHEMA_EMPTY, file, *(mark or (None, None)), field=_dotted(path))
    if empty:
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            code, variant, args = _schema_problem(err)
            mark = locate_key(data, loc) if code is Code.SCHEMA_UNKNOWN_KEY else locate(data, loc)
            entry_variants = CATALOGUE[code].messages
            out.report(
                code,
                file,
                *(mark or (None, None)),
                variant=variant if variant in entry_variants else "",
                fields={"field": _dotted(loc), **args},
            )
        return None


def _validate_file(
    model: type[M], data: Any, found: list[Diagnostic], file: str, out: Collector
) -> M | None:
    """Validate a parsed file; nothing to validate after a YAML error or in an empty file."""
    if any(d.severity == "error" and d.code.startswith("yaml.") for d in found):
        return None
    if data is None:
        out.report(Code.YAML_EMPTY, file, 1, 1)
        return None
    if not isinstance(data, dict):
        out.report(
            Code.SCHEMA_TYPE,
            file,
            *(getattr(data, "mark", None) or (1, 1)),
            field="(file)",
            value=_shown(data),
            expected="映射",
            expected_en="a mapping",
        )
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

    def report(
        self,
        code: Code,
        path: Sequence[Any],
        *,
        key: bool = False,
        variant: str = "",
        fields: Mapping[str, object] | None = None,
        **args: object,
    ) -> None:
        mark = (locate_key if key else locate)(self.data, path)
        self.out.report(
            code,
            self.file,
            *(mark or (None, None)),
            variant=variant,
            fields={"field": _dotted(path), **(fields or {}), **args},
        )

    def unique(self, values: Iterable[tuple[Sequence[Any], str]], what: tuple[str, str]) -> None:
        seen: dict[str, str] = {}
        for path, value in values:
            if value in seen:
                self.report(
                    Code.REF_DUPLICATE,
                    path,
                    what_zh=what[0],
                    what=what[1],
                    value=value,
                    where=seen[value],
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
                other_name = next(c.name for c in targets.counties if c.id == other)
                check.report(Code.REF_AMBIGUOUS, path, value=name, other=other_name)
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
            check.report(
                Code.REF_UNKNOWN_COUNTY,
                path,
                key=True,
                value=county_id,
                fields=hint_args(county_id, counties),
            )
        elif counties[county_id].kind == "city":
            check.report(Code.REF_CITY_ALLOCATION, path, key=True)
        else:
            weights.append((county_id, weight))
    if spec.weights and not any(w for _, w in weights):
        check.report(Code.ALLOCATION_WEIGHTS, ("allocation", "weights"))
        weights = []
    explicit_ids = {e.indicator for e in spec.explicit}
    chosen = spec.indicators if spec.indicators is not None else [i.id for i in targets.indicators]
    for j, indicator_id in enumerate(chosen):
        if indicator_id not in indicators:
            check.report(
                Code.REF_UNKNOWN_INDICATOR,
                ("allocation", "indicators", j),
                value=indicator_id,
                fields=hint_args(indicator_id, indicators),
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
            check.report(
                Code.REF_UNKNOWN_INDICATOR,
                (*base, "indicator"),
                value=explicit.indicator,
                fields=hint_args(explicit.indicator, indicators),
            )
            continue
        target_unit = get_unit(ind_spec.unit)
        given = get_unit(explicit.unit or ind_spec.unit)
        assert target_unit is not None
        if given is None:
            check.report(Code.ALLOCATION_UNIT, (*base, "unit"), value=explicit.unit)
            continue
        if given.measure is not target_unit.measure:
            check.report(
                Code.ALLOCATION_UNIT,
                (*base, "unit"),
                variant="measure",
                value=given.name,
                unit=target_unit.name,
                measure=given.measure,
                measure_zh=MEASURE[given.measure].zh,
                target_measure=target_unit.measure,
                target_measure_zh=MEASURE[target_unit.measure].zh,
            )
            continue
        values: dict[str, Decimal] = {}
        for county_id, value in explicit.targets.items():
            if county_id not in counties:
                check.report(
                    Code.REF_UNKNOWN_COUNTY,
                    (*base, "targets", county_id),
                    key=True,
                    value=county_id,
                    fields=hint_args(county_id, counties),
                )
            else:
                values[county_id] = convert(value, given, target_unit)
        if sum(values.values(), Decimal(0)) != ind_spec.target:
            check.report(
                Code.ALLOCATION_SUM,
                (*base, "targets"),
                total=sum(values.values(), Decimal(0)),
                unit=target_unit.name,
                target=ind_spec.target,
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
        check.report(
            Code.ALLOCATION_NOT_WHOLE,
            ("allocation", "weights"),
            indicator=ind.name,
            target=target,
            unit=ind.unit,
            total=total,
            reporting=reporting.name,
        )
        return None
    shares = _split_by_weights(int(total), weights)
    return {c: convert(Decimal(n), reporting, unit) for c, n in shares.items()}


def _check_targets(targets: TargetsFile, check: _Checker) -> None:
    check.unique(
        ((("counties", i, "id"), c.id) for i, c in enumerate(targets.counties)),
        ("县区代码", "county id"),
    )
    check.unique(
        ((("indicators", i, "id"), x.id) for i, x in enumerate(targets.indicators)),
        ("指标代码", "indicator id"),
    )
    check.unique(
        ((("indicators", i, "name"), x.name) for i, x in enumerate(targets.indicators)),
        ("指标名称", "indicator name"),
    )
    first, last = targets.plan.start.year, targets.plan.end.year
    for i, ind in enumerate(targets.indicators):
        for year in ind.yearly or {}:
            if not first <= year <= last:
                check.report(
                    Code.REF_YEAR,
                    ("indicators", i, "yearly", year),
                    key=True,
                    year=year,
                    first=first,
                    last=last,
                )
        if ind.id == ind.name:
            continue
        if any(ind.name == other.id for other in targets.indicators):
            check.report(
                Code.REF_AMBIGUOUS, ("indicators", i, "name"), variant="indicator", value=ind.name
            )


def _check_tasks(tasks: TasksFile, targets: TargetsFile | None, check: _Checker) -> None:
    check.unique(
        ((("units", i, "name"), u.name) for i, u in enumerate(tasks.units)), ("单位", "unit")
    )
    check.unique(
        ((("tasks", i, "number"), str(t.number)) for i, t in enumerate(tasks.tasks)),
        ("任务序号", "task number"),
    )
    units = {u.name for u in tasks.units}
    for i, task in enumerate(tasks.tasks):
        for role in ("leads", "partners"):
            for j, name in enumerate(getattr(task, role)):
                if name not in units:
                    check.report(
                        Code.REF_UNKNOWN_UNIT,
                        ("tasks", i, role, j),
                        value=name,
                        fields=hint_args(name, units),
                    )
    links = tasks.indicator_links
    if links is None:
        return
    numbers = {t.number for t in tasks.tasks}
    indicator_ids = {i.id: i.name for i in targets.indicators} if targets else None
    for number, ids in links.tasks.items():
        if number not in numbers:
            check.report(
                Code.REF_UNKNOWN_TASK, ("indicator_links", "tasks", number), key=True, number=number
            )
        for j, ind in enumerate(ids):
            if indicator_ids is not None and ind not in indicator_ids:
                check.report(
                    Code.REF_UNKNOWN_INDICATOR,
                    ("indicator_links", "tasks", number, j),
                    value=ind,
                    fields=hint_args(ind, indicator_ids),
                )
    for j, ind in enumerate(links.coordinator):
        if indicator_ids is not None and ind not in indicator_ids:
            check.report(
                Code.REF_UNKNOWN_INDICATOR,
                ("indicator_links", "coordinator", j),
                value=ind,
                fields=hint_args(ind, indicator_ids),
            )
    if links.coordinator and not any(u.kind == "coordinator" for u in tasks.units):
        check.report(Code.REF_NO_COORDINATOR, ("indicator_links", "coordinator"))
    if indicator_ids is not None:
        owned = {i for ids in links.tasks.values() for i in ids} | set(links.coordinator)
        for ind in sorted(indicator_ids.keys() - owned):
            check.report(
                Code.REF_UNOWNED_INDICATOR,
                ("indicator_links",),
                value=f"{indicator_ids[ind]}（{ind}）",
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
    indicator_lookup.update({a: i.id for i in targets.indicators for a in i.aliases})
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
