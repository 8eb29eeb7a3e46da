"""Load the plan files, check them against each other, and resolve them into a :class:`Plan`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from chuangye_cli.catalogue import CATALOGUE, Code
from chuangye_cli.diagnostics import Collector, Diagnostic, hint_args
from chuangye_cli.divisions import (
    Hierarchy,
    children_sums,
    outermost,
    resolve,
    roll_up,
    weight_groups,
)
from chuangye_cli.model import (
    CountySpec,
    IndicatorSpec,
    Milestone,
    PlanMeta,
    TargetsFile,
    TaskLedgerSpec,
    TasksFile,
    TaskSpec,
    Thresholds,
    UnitSpec,
)
from chuangye_cli.periods import Period, months_inclusive
from chuangye_cli.quantities import Unit, convert, get_unit
from chuangye_cli.vocab import CITY, MEASURE
from chuangye_cli.yamlsource import load_yaml, locate, locate_key

# the area at the head of a plan's title: 六安市“创业江淮”行动计划 → 六安市
AREA_HEAD = re.compile(r"[^“”\"（(]{1,10}?[省市州盟县区旗]")

if TYPE_CHECKING:
    from chuangye_cli.scope import Scope

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
    # in a hierarchy: indicator id -> the divisions whose target is the sum of their children's
    # (not declared; see chuangye_cli.divisions)
    summed: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Reporting:
    """Who sends a return (报表) when: each reporter every month from ``start``, due by
    ``due_day`` of the following month; ``by_unit`` indicators come from that unit instead."""

    label: str
    reporters: tuple[str, ...]  # county ids
    due_day: int
    start: Period
    by_unit: Mapping[str, str]  # indicator id -> unit name

    def due(self, month: Period) -> date:
        """The last day a return for ``month`` is on time."""
        following = Period.from_index(month.index + 1)
        return date(following.year, following.month, self.due_day)

    def units(self) -> dict[str, tuple[str, ...]]:
        """Unit name -> the indicators it reports (in plan order of first mention)."""
        found: dict[str, list[str]] = {}
        for indicator, unit in self.by_unit.items():
            found.setdefault(unit, []).append(indicator)
        return {unit: tuple(ids) for unit, ids in found.items()}


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
    reporting: Reporting | None = None
    # 综合得分: weight of each indicator in the composite score (every indicator; default 1)
    weights: Mapping[str, Decimal] = field(default_factory=dict)
    scoring_label: str | None = None
    ledger_label: str | None = None  # tasks.yaml's label of the task ledger fields
    ledger: Mapping[int, TaskLedgerSpec] = field(default_factory=dict)  # by task number
    hierarchy: Hierarchy | None = None  # when a division has a parent (chuangye_cli.divisions)
    scope: Scope | None = None  # a view of one part of a hierarchy (chuangye_cli.scope)

    @property
    def months(self) -> int:
        return months_inclusive(self.meta.start, self.meta.end)

    @property
    def area(self) -> str:
        """How reports name the whole of what the plan shows: 全市, or in a view of a
        hierarchy the division viewed (see chuangye_cli.scope)."""
        return self.scope.area if self.scope is not None else CITY.zh

    @property
    def titled_area(self) -> str | None:
        """The area named at the head of the plan's short title (六安市“创业江淮”… → 六安市),
        when it is no division of the plan."""
        head = AREA_HEAD.match(self.meta.short_title or self.meta.title)
        if head is None or head.group(0) in self.county_lookup:
            return None
        return head.group(0)

    @property
    def indicator_names(self) -> dict[str, str]:
        return {i.id: i.name for i in self.indicators}

    @property
    def indicator_texts(self) -> dict[str, str]:
        """Each indicator's name and aliases, to its name (for “did you mean”)."""
        return {t: i.name for i in self.indicators for t in (i.name, *i.aliases)}

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

    def as_reported(self) -> dict[str, tuple[Decimal, str]]:
        """:func:`as_reported` of each indicator, by id."""
        return {ind.id: as_reported(ind) for ind in self.indicators}


def as_reported(indicator: IndicatorSpec) -> tuple[Decimal, str]:
    """For messages about figures: the factor from an indicator's target unit to the unit
    returns give it in, and that unit's name (0.056 万人 is shown as 560 人)."""
    target = get_unit(indicator.unit)
    reported = get_unit(indicator.reporting_unit or indicator.unit)
    assert target is not None and reported is not None  # checked by the model
    return target.factor / reported.factor, reported.name


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


def _allocation(
    targets: TargetsFile, check: _Checker, hierarchy: Hierarchy | None = None
) -> Allocation | None:
    spec = targets.allocation
    if spec is None:
        return None
    hierarchy = hierarchy or resolve(targets.counties, lambda *_, **__: None)
    root = hierarchy.root
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
        elif county_id == root:
            check.report(
                Code.REF_CITY_ALLOCATION,
                path,
                key=True,
                variant="root",
                name=counties[county_id].name,
            )
        else:
            weights.append((county_id, weight))
    if spec.weights and not any(w for _, w in weights):
        check.report(Code.ALLOCATION_WEIGHTS, ("allocation", "weights"))
        weights = []
    groups = weight_groups(hierarchy, weights)
    for _, members in groups:
        if not any(w for _, w in members):  # the divisions sharing one target all weigh 0
            check.report(Code.ALLOCATION_WEIGHTS, ("allocation", "weights", members[0][0]))
    groups = [(b, m) for b, m in groups if any(w for _, w in m)]
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
        if ind.rate:  # a rate is a standard every county meets, not a total to share out
            result[indicator_id] = {c: ind.target for c, _ in weights}
            for year, target in (ind.yearly or {}).items():
                yearly.setdefault(year, {})[indicator_id] = {c: target for c, _ in weights}
            continue
        split = _split_groups(ind, ind.target, groups, check)
        if split is not None:
            result[indicator_id] = split
        for year, target in (ind.yearly or {}).items():
            split = _split_groups(ind, target, groups, check)
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
            elif county_id == root:
                check.report(
                    Code.REF_CITY_ALLOCATION,
                    (*base, "targets", county_id),
                    key=True,
                    variant="root",
                    name=counties[county_id].name,
                )
            else:
                values[county_id] = convert(value, given, target_unit)
        top = sum((values[c] for c in outermost(hierarchy, values)), Decimal(0))
        if top != ind_spec.target:
            check.report(
                Code.ALLOCATION_SUM,
                (*base, "targets"),
                total=top,
                unit=target_unit.name,
                target=ind_spec.target,
            )
        for county_id, declared, total in children_sums(hierarchy, values):
            check.report(
                Code.ALLOCATION_SUM,
                (*base, "targets", county_id),
                key=True,
                variant="parent",
                name=counties[county_id].name,
                total=total,
                unit=target_unit.name,
                target=declared,
            )
        result[explicit.indicator] = values
    summed: dict[str, frozenset[str]] = {}
    if hierarchy.nested:
        result, summed = _rolled(result, indicators, hierarchy, None)
        yearly = {
            year: _rolled(by_indicator, indicators, hierarchy, year)[0]
            for year, by_indicator in yearly.items()
        }
    return Allocation(spec.label, spec.method, result, yearly, summed)


def _rolled(
    declared: Mapping[str, Mapping[str, Decimal]],
    indicators: Mapping[str, IndicatorSpec],
    hierarchy: Hierarchy,
    year: int | None,
) -> tuple[dict[str, dict[str, Decimal]], dict[str, frozenset[str]]]:
    """Every division's target, by indicator: declared, else its children's summed (see
    :func:`chuangye_cli.divisions.roll_up`); the root division's is the indicator's own."""
    targets: dict[str, dict[str, Decimal]] = {}
    summed: dict[str, frozenset[str]] = {}
    root = hierarchy.root
    for indicator_id, values in declared.items():
        ind = indicators[indicator_id]
        own = ind.target if year is None else (ind.yearly or {}).get(year)
        given = dict(values)
        if root is not None and own is not None:
            given[root] = own
        targets[indicator_id], summed[indicator_id] = roll_up(
            hierarchy, given, own if ind.rate else None
        )
    return targets, summed


def _split_groups(
    ind: IndicatorSpec,
    target: Decimal,
    groups: Sequence[tuple[str | None, Sequence[tuple[str, Decimal]]]],
    check: _Checker,
) -> dict[str, Decimal] | None:
    """Shares of ``target`` for each group of weighted divisions, upper groups first: a group
    splits the share of the division above it (the plan's target for the top group)."""
    shares: dict[str, Decimal] = {}
    for base, members in groups:
        total = target if base is None else shares.get(base)
        if total is None:
            continue
        split = _split_target(ind, total, members, check)
        if split is None:
            return None
        shares.update(split)
    return shares


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
    named: dict[str, str] = {}
    for i, ind in enumerate(targets.indicators):
        for j, alias in enumerate(ind.aliases):
            other = named.get(alias)
            if (other is not None and other != ind.id) or any(
                alias in (x.id, x.name) and x.id != ind.id for x in targets.indicators
            ):
                check.report(
                    Code.REF_AMBIGUOUS,
                    ("indicators", i, "aliases", j),
                    variant="alias",
                    value=alias,
                    other=other or alias,
                )
            named[alias] = ind.id
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


def _weights(targets: TargetsFile, check: _Checker) -> dict[str, Decimal]:
    """Each indicator's weight in the composite score: as given under ``scoring.weights``, else
    1; an unknown indicator id there is an error."""
    weights = {i.id: Decimal(1) for i in targets.indicators}
    given = targets.scoring.weights if targets.scoring else {}
    for indicator_id, weight in given.items():
        if indicator_id not in weights:
            check.report(
                Code.REF_UNKNOWN_INDICATOR,
                ("scoring", "weights", indicator_id),
                key=True,
                value=indicator_id,
                fields=hint_args(indicator_id, weights),
            )
        else:
            weights[indicator_id] = weight
    if given and not any(weights.values()):
        check.report(Code.ALLOCATION_WEIGHTS, ("scoring", "weights"))
    return weights


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
    numbers = {t.number for t in tasks.tasks}
    if tasks.ledger is not None:
        by_number = {t.number: t for t in tasks.tasks}
        for number, spec in tasks.ledger.tasks.items():
            if number not in by_number:
                check.report(
                    Code.REF_UNKNOWN_TASK, ("ledger", "tasks", number), key=True, number=number
                )
            else:
                _check_ledger(by_number[number], spec, units, targets, check)
    links = tasks.indicator_links
    if links is None:
        return
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


def _reporting(targets: TargetsFile, tasks: TasksFile | None, check: _Checker) -> Reporting | None:
    spec = targets.reporting
    assert spec is not None
    counties = {c.id for c in targets.counties}
    indicators = {i.id for i in targets.indicators}
    units = {u.name for u in tasks.units} if tasks is not None else None
    for j, county in enumerate(spec.reporters or ()):
        if county not in counties:
            check.report(
                Code.REF_UNKNOWN_COUNTY,
                ("reporting", "reporters", j),
                value=county,
                fields=hint_args(county, counties),
            )
    for indicator, unit in spec.by_unit.items():
        if indicator not in indicators:
            check.report(
                Code.REF_UNKNOWN_INDICATOR,
                ("reporting", "by_unit", indicator),
                key=True,
                value=indicator,
                fields=hint_args(indicator, indicators),
            )
        if units is not None and unit not in units:
            check.report(
                Code.REF_UNKNOWN_UNIT,
                ("reporting", "by_unit", indicator),
                value=unit,
                fields=hint_args(unit, units),
            )
    reporters = tuple(spec.reporters) if spec.reporters else tuple(c.id for c in targets.counties)
    return Reporting(
        spec.label,
        reporters,
        spec.due_day,
        spec.start or targets.plan.start,
        dict(spec.by_unit),
    )


def _check_ledger(
    task: TaskSpec,
    spec: TaskLedgerSpec,
    units: set[str],
    targets: TargetsFile | None,
    check: _Checker,
) -> None:
    """The ledger of one task: duties name lead units, once each; milestones fall within the
    plan period."""
    base: tuple[Any, ...] = ("ledger", "tasks", task.number)
    check.unique(
        (((*base, "duties", j, "unit"), d.unit) for j, d in enumerate(spec.duties)),
        ("责任单位", "unit"),
    )
    for j, duty in enumerate(spec.duties):
        path = (*base, "duties", j, "unit")
        if duty.unit not in units:
            check.report(
                Code.REF_UNKNOWN_UNIT, path, value=duty.unit, fields=hint_args(duty.unit, units)
            )
        elif duty.unit not in task.leads:
            check.report(
                Code.REF_NOT_LEAD,
                path,
                value=duty.unit,
                number=task.number,
                leads="、".join(task.leads),
            )
    if targets is None:
        return
    start, end = targets.plan.start, targets.plan.end
    lists: list[tuple[tuple[Any, ...], list[Milestone]]] = [
        ((*base, "milestones"), spec.milestones)
    ]
    lists += [
        ((*base, "duties", j, "milestones"), d.milestones)
        for j, d in enumerate(spec.duties)
        if d.milestones
    ]
    for where, milestones in lists:
        for k, milestone in enumerate(milestones):
            if not start <= milestone.due <= end:
                check.report(
                    Code.REF_MILESTONE,
                    (*where, k, "due"),
                    due=str(milestone.due),
                    start=str(start),
                    end=str(end),
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
    weights: dict[str, Decimal] = {}
    hierarchy: Hierarchy | None = None
    if targets is not None:
        _check_targets(targets, t_check)
        lookup = _county_lookup(targets, t_check)
        hierarchy = resolve(targets.counties, t_check.report)
        allocation = _allocation(targets, t_check, hierarchy)
        weights = _weights(targets, t_check)
    if tasks is not None:
        _check_tasks(tasks, targets, _Checker(tasks_data, tasks_file, out))
    reporting = None
    if targets is not None and targets.reporting is not None:
        reporting = _reporting(targets, tasks, t_check)
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
        reporting=reporting,
        weights=weights,
        scoring_label=targets.scoring.label if targets.scoring else None,
        ledger_label=tasks.ledger.label if tasks.ledger else None,
        ledger=dict(tasks.ledger.tasks) if tasks.ledger else {},
        hierarchy=hierarchy if hierarchy is not None and hierarchy.nested else None,
    )
    return plan, out.result()
