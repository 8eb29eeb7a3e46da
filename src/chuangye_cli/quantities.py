"""Units of measure, exact conversion between them (万 = 10^4, 亿 = 10^8), reading reported
figures, and the limits within which every sum is exact.

Quantities are ``Decimal``. The package sets the decimal precision to :data:`PRECISION`
significant digits (see ``chuangye_cli/__init__.py``); a value may have at most
:data:`MAX_INTEGER_DIGITS` digits before the point and :data:`MAX_FRACTION_DIGITS` after it, so
that conversion (at most a factor of 10^16) and sums of up to 10^30 values stay exact. Ratios
(completion, 环比) are the only inexact results: :func:`ratio` rounds them to 28 significant
digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal
from enum import StrEnum
from fractions import Fraction

PRECISION = 100
MAX_INTEGER_DIGITS = 18
MAX_FRACTION_DIGITS = 18
RATIO_CONTEXT = Context(prec=28)  # ratios are shown to 28 significant digits


class Measure(StrEnum):
    COUNT = "count"
    PERSONS = "persons"
    PERSON_TIMES = "person_times"
    AREA = "area"
    MONEY = "money"
    RATE = "rate"  # a rate or share in percent: a level at a moment, never summed over months


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
UNITS["%"] = Unit("%", Measure.RATE, Decimal(1))  # percent: no 万/亿 prefix
UNITS["％"] = Unit("％", Measure.RATE, Decimal(1))


def within_limits(value: Decimal) -> bool:
    """Whether ``value`` has at most 18 digits before the point and 18 after it."""
    if not value.is_finite():
        return False
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    fraction = max(-exponent, 0)
    integer = len(digits) + exponent
    return fraction <= MAX_FRACTION_DIGITS and (value == 0 or integer <= MAX_INTEGER_DIGITS)


def ratio(value: Fraction | Decimal | int, divisor: Fraction | Decimal | int = 1) -> Decimal:
    """``value / divisor`` as a Decimal of 28 significant digits (completion rates, paces)."""
    exact = Fraction(value) / Fraction(divisor)
    return RATIO_CONTEXT.divide(Decimal(exact.numerator), Decimal(exact.denominator))


def plain(value: Decimal) -> str:
    """Exact decimal text without exponent or trailing zeros (for JSON, CSV and messages)."""
    if value == value.to_integral_value():
        return str(int(value))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


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


_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(万|亿)?\s*(.*)$")
# a number in exponent notation (1e5, 1.5e3, .5e3); possessive, so that a cell of thousands of
# digits is refused in linear time (``[0-9]*\.?[0-9]+`` tried every split of them: 0.2 s a cell)
_EXPONENT = re.compile(r"^(?=\.?[0-9])[0-9]*+(?:\.[0-9]++)?[eE][+-]?[0-9]+")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．＋－", "0123456789.+-")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,，][0-9]{3})+(?=[.万亿]|[^0-9.,，]|$)")


@dataclass(frozen=True, slots=True)
class ParsedValue:
    number: Decimal  # the number as written (“1.2万” → 1.2)
    multiplier: Decimal | None  # a bare 万 or 亿 after it (“1.2万” → 10^4), else None
    unit: Unit | None  # a unit written inside the text, such as “3200万元”

    @property
    def scaled(self) -> Decimal:
        """The number with a bare 万/亿 applied."""
        return self.number * self.multiplier if self.multiplier is not None else self.number


class ValueProblem(ValueError):
    """Why a reported figure cannot be read: a catalogue code's variant and its arguments."""

    def __init__(self, kind: str, **args: str) -> None:
        super().__init__(kind)
        self.kind = kind  # "empty", "negative", "not-number", "unit", "exponent" or "digits"
        self.args_ = args


def base_unit(measure: Measure) -> Unit:
    """The unit of a measure without 万/亿: 个, 人, 人次, 平方米, 元."""
    return next(u for u in UNITS.values() if u.measure is measure and u.factor == 1)


def parse_value(text: str) -> ParsedValue:
    """Read a reported figure: ``12000``, ``12,000``, ``1.2万``, ``3200万元``.

    Raises :class:`ValueProblem` on anything else: empty, negative, not a number, exponent
    notation (``1e30``), an unknown unit, or more digits than :func:`within_limits` allows.
    """
    shown = text.strip()
    s = shown.translate(_FULL_WIDTH).replace("\u3000", "").replace("\xa0", "")
    if not s:
        raise ValueProblem("empty")
    negative = s.startswith(("-", "−", "－"))
    if negative or s.startswith("+"):
        s = s[1:]
    grouped = _GROUPED.match(s)
    if grouped:  # thousands separators, only where they group digits by three: 12,000
        s = grouped.group(0).replace(",", "").replace("，", "") + s[grouped.end() :]
    if _EXPONENT.match(s):
        raise ValueProblem("exponent", value=shown)
    m = _NUMBER.match(s)
    if m is None:
        raise ValueProblem("not-number", value=shown)
    number = Decimal(m.group(1))
    if not within_limits(number):
        raise ValueProblem("digits", value=shown)
    if negative and number != 0:
        raise ValueProblem("negative", value=shown)
    multiplier, rest = m.group(2), m.group(3).strip()
    if rest and any(ch.isdigit() or ch in ",，. " for ch in rest):
        raise ValueProblem("not-number", value=shown)
    if rest:
        unit = get_unit((multiplier or "") + rest)
        if unit is None:
            raise ValueProblem("unit", value=shown, unit=rest)
        return ParsedValue(number, None, unit)
    return ParsedValue(number, MULTIPLIERS[multiplier] if multiplier else None, None)
