"""Units of measure and exact conversion between them (万 = 10^4, 亿 = 10^8)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Measure(StrEnum):
    COUNT = "count"
    PERSONS = "persons"
    PERSON_TIMES = "person_times"
    AREA = "area"
    MONEY = "money"


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    measure: Measure
    factor: Decimal  # how many base units one of this unit is


WAN = Decimal(10) ** 4
YI = Decimal(10) ** 8
MULTIPLIERS = {"万": WAN, "亿": YI}

_BASE = {
    "个": Measure.COUNT,
    "家": Measure.COUNT,
    "户": Measure.COUNT,
    "人": Measure.PERSONS,
    "人次": Measure.PERSON_TIMES,
    "平方米": Measure.AREA,
    "平米": Measure.AREA,
    "m2": Measure.AREA,
    "㎡": Measure.AREA,
    "元": Measure.MONEY,
}

UNITS: dict[str, Unit] = {}
for _name, _measure in _BASE.items():
    UNITS[_name] = Unit(_name, _measure, Decimal(1))
    for _prefix, _factor in MULTIPLIERS.items():
        UNITS[_prefix + _name] = Unit(_prefix + _name, _measure, _factor)


def get_unit(name: str) -> Unit | None:
    return UNITS.get(name.strip())


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """``value`` in ``source`` expressed in ``target``; exact, as factors are powers of ten."""
    if source.measure is not target.measure:
        raise ValueError(
            f"{source.name} ({source.measure}) cannot convert to {target.name} ({target.measure})"
        )
    if source.factor == target.factor:
        return value
    return value * source.factor / target.factor


_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+)\s*(万|亿)?\s*(.*)$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．＋－", "0123456789.+-")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,，][0-9]{3})+(?=[.万亿eE]|[^0-9.,，]|$)")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    number: Decimal  # the value with any 万/亿 multiplier applied
    unit: Unit | None  # a unit written inside the text, such as “3200万元”


def parse_value(text: str) -> ParsedValue:
    """Read a reported figure: ``12000``, ``12,000``, ``1.2万``, ``3200万元``.

    Raises ValueError with a message for people on anything else, including negative
    numbers, NaN and infinity.
    """
    s = text.strip().translate(_FULL_WIDTH).replace("\u3000", "").replace("\xa0", "")
    if not s:
        raise ValueError("the value is empty")
    negative = s.startswith(("-", "−", "－"))
    if negative or s.startswith("+"):
        s = s[1:]
    grouped = _GROUPED.match(s)
    if grouped:  # thousands separators, only where they group digits by three: 12,000
        s = grouped.group(0).replace(",", "").replace("，", "") + s[grouped.end() :]
    m = _NUMBER.match(s)
    if m is None:
        raise ValueError(f"{text.strip()!r} is not a number")
    number = Decimal(m.group(1))
    if negative and number != 0:
        raise ValueError(f"negative value {text.strip()!r}: figures cannot be below zero")
    multiplier, rest = m.group(2), m.group(3).strip()
    if rest and any(ch.isdigit() or ch in ",，. " for ch in rest):
        raise ValueError(f"{text.strip()!r} is not a number")
    if rest:
        unit = get_unit((multiplier or "") + rest)
        if unit is None:
            raise ValueError(f"{text.strip()!r}: unknown unit {rest!r}")
        return ParsedValue(number, unit)
    if multiplier:
        number *= MULTIPLIERS[multiplier]
    return ParsedValue(number, None)
