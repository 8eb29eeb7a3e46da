"""Divisions in a hierarchy: a province, its cities, their counties. Pure.

A division may name its ``parent`` (an id in the same list). Without one, a division with a
six-digit ``code`` is placed under the division whose code is the code's prefix, when the plan
lists one: 340102 under 340100 (else under 340000), 340100 under 340000. Its ``level`` is the
one declared, else ``province`` for ``kind: province``, ``city`` for ``kind: prefecture``, else
one below its parent's, else ``county``. A division sits at a lower level than its parent.

Targets roll up: a division's target is the one declared for it (its share by
``allocation.weights``, or ``allocation.explicit``), else the sum of its children's targets (a
rate's: the same standard as its children's). Weights split the target of the nearest weighted
ancestor (the plan's own target when there is none), so a province can weigh its cities and a
city its counties.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import hint_args
from chuangye_cli.model import CountySpec, Level
from chuangye_cli.vocab import DIVISION_LEVEL

LEVELS: tuple[Level, ...] = ("province", "city", "county")
DEPTH: dict[str, int] = {level: k for k, level in enumerate(LEVELS)}
Report = Callable[..., None]  # plan._Checker.report: (code, path, **arguments)


@dataclass(frozen=True)
class Hierarchy:
    """Who is under whom. ``parents`` maps every division id to its parent's (None at the top)."""

    order: tuple[str, ...]  # every division, in the order of the plan
    parents: Mapping[str, str | None]
    levels: Mapping[str, Level]
    inferred: frozenset[str] = frozenset()  # parents found from the code's prefix
    names: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _children(self) -> dict[str | None, tuple[str, ...]]:
        found: dict[str | None, list[str]] = {}
        for division in self.order:
            found.setdefault(self.parents.get(division), []).append(division)
        return {k: tuple(v) for k, v in found.items()}

    def children(self, division: str | None) -> tuple[str, ...]:
        """The divisions directly under ``division`` (None: the top divisions), in plan order."""
        return self._children.get(division, ())

    def subtree(self, division: str) -> tuple[str, ...]:
        """``division`` and every division under it."""
        found = [division]
        for child in self.children(division):
            found.extend(self.subtree(child))
        return tuple(found)

    def ancestors(self, division: str) -> tuple[str, ...]:
        """The divisions above ``division``, nearest first."""
        found: list[str] = []
        parent = self.parents.get(division)
        while parent is not None and parent not in found:
            found.append(parent)
            parent = self.parents.get(parent)
        return tuple(found)

    @property
    def nested(self) -> bool:
        """Whether any division has a parent (else the plan is a flat list of counties)."""
        return any(p is not None for p in self.parents.values())

    @property
    def root(self) -> str | None:
        """The one top division with divisions under it (a province listed with its cities):
        its target is the plan's own. None when the top is the plan area itself."""
        tops = self.children(None)
        return tops[0] if len(tops) == 1 and self.children(tops[0]) else None


def _prefix_parent(code: str | None, by_code: Mapping[str, str]) -> str | None:
    """The upper-level division whose 行政区划代码 is the prefix of ``code``: the city's
    (xxxx00), else the province's (xx0000)."""
    if code is None:
        return None
    candidates = []
    if code[4:] != "00":
        candidates.append(code[:4] + "00")
    if code[2:] != "0000":
        candidates.append(code[:2] + "0000")
    return next((by_code[c] for c in candidates if c != code and c in by_code), None)


def resolve(counties: Sequence[CountySpec], report: Report) -> Hierarchy:
    """The hierarchy of the plan's divisions; an unknown parent, a cycle or a parent of the
    wrong level is reported (and cut, so that what follows still works)."""
    index = {c.id: k for k, c in enumerate(counties)}
    # only a division of an upper level can be found as a parent by its code: a county whose
    # code happens to end in 00 (a 市辖区 code) is not the parent of its neighbours
    by_code = {
        c.code: c.id
        for c in counties
        if c.code and (c.kind in ("province", "prefecture") or c.level in ("province", "city"))
    }
    names = {c.id: c.name for c in counties}
    parents: dict[str, str | None] = {}
    inferred: set[str] = set()
    for k, county in enumerate(counties):
        if county.parent is None:
            parents[county.id] = _prefix_parent(county.code, by_code)
            if parents[county.id] is not None:
                inferred.add(county.id)
        elif county.parent not in index:
            report(
                Code.REF_UNKNOWN_COUNTY,
                ("counties", k, "parent"),
                value=county.parent,
                fields=hint_args(county.parent, names),
            )
            parents[county.id] = None
        else:
            parents[county.id] = county.parent
    for k, county in enumerate(counties):
        chain = [county.id]
        parent = parents[county.id]
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = parents[parent]
        if parent == county.id:
            report(
                Code.HIERARCHY_CYCLE,
                ("counties", k, "parent"),
                chain=" → ".join(names[c] for c in [*chain, county.id]),
            )
    for division in list(parents):  # cut every cycle where it closes
        chain = [division]
        parent = parents[division]
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = parents[parent]
        if parent is not None:
            parents[chain[-1]] = None
    levels: dict[str, Level] = {}

    def level_of(division: str) -> Level:
        if division not in levels:
            county = counties[index[division]]
            parent = parents[division]
            if county.level is not None:
                levels[division] = county.level
            elif county.kind == "province":
                levels[division] = "province"
            elif county.kind == "prefecture":
                levels[division] = "city"
            elif parent is not None:
                levels[division] = LEVELS[min(DEPTH[level_of(parent)] + 1, len(LEVELS) - 1)]
            else:
                levels[division] = "county"
        return levels[division]

    for county in counties:
        level_of(county.id)
    for k, county in enumerate(counties):
        parent = parents[county.id]
        if parent is not None and DEPTH[levels[county.id]] <= DEPTH[levels[parent]]:
            report(
                Code.HIERARCHY_LEVEL,
                ("counties", k, "code" if county.id in inferred else "parent"),
                variant="inferred" if county.id in inferred else "",
                name=county.name,
                level=levels[county.id],
                level_zh=DIVISION_LEVEL[levels[county.id]].zh,
                parent=names[parent],
                parent_level=levels[parent],
                parent_level_zh=DIVISION_LEVEL[levels[parent]].zh,
            )
    return Hierarchy(tuple(c.id for c in counties), parents, levels, frozenset(inferred), names)


def weight_groups(
    hierarchy: Hierarchy, weights: Sequence[tuple[str, Decimal]]
) -> list[tuple[str | None, list[tuple[str, Decimal]]]]:
    """The weighted divisions grouped by what they share: the target of their nearest weighted
    ancestor (None: the plan's own target), the groups of upper divisions first."""
    weighted = {c for c, _ in weights}
    groups: dict[str | None, list[tuple[str, Decimal]]] = {}
    for county, weight in weights:
        base = next((a for a in hierarchy.ancestors(county) if a in weighted), None)
        groups.setdefault(base, []).append((county, weight))
    return sorted(
        groups.items(), key=lambda g: -1 if g[0] is None else len(hierarchy.ancestors(g[0]))
    )


def outermost(hierarchy: Hierarchy, listed: Iterable[str]) -> list[str]:
    """The listed divisions with no listed division above them."""
    chosen = set(listed)
    return [c for c in chosen if not set(hierarchy.ancestors(c)) & chosen]


def roll_up(
    hierarchy: Hierarchy, declared: Mapping[str, Decimal], standard: Decimal | None = None
) -> tuple[dict[str, Decimal], frozenset[str]]:
    """Every division's target: the declared one, else the sum of its children's. A rate
    (``standard`` given) is not shared out: a division without a declared target takes the
    standard when any division under it has a target. Returns the targets, in plan order, and
    the ids whose target was not declared."""
    targets: dict[str, Decimal] = {}
    summed: set[str] = set()

    def target_of(division: str) -> Decimal | None:
        found = [t for c in hierarchy.children(division) if (t := target_of(c)) is not None]
        if division in declared:
            targets[division] = declared[division]
        elif found:
            targets[division] = standard if standard is not None else sum(found, Decimal(0))
            summed.add(division)
        return targets.get(division)

    for top in hierarchy.children(None):
        target_of(top)
    return {c: targets[c] for c in hierarchy.order if c in targets}, frozenset(summed)


def children_sums(
    hierarchy: Hierarchy, declared: Mapping[str, Decimal]
) -> list[tuple[str, Decimal, Decimal]]:
    """(division, its declared target, the sum of the nearest declared divisions under it)
    where the two differ."""
    found = []
    for division, target in declared.items():
        below = [
            c
            for c in hierarchy.subtree(division)[1:]
            if c in declared
            and not set(hierarchy.ancestors(c)[: hierarchy.ancestors(c).index(division)])
            & set(declared)
        ]
        if below:
            total = sum((declared[c] for c in below), Decimal(0))
            if total != target:
                found.append((division, target, total))
    return found
