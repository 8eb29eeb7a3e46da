"""Pydantic models of the two plan files, as written in YAML (structure and types only).

Cross-references between the files (unknown ids, duplicate ids, allocation units) are checked in
:mod:`chuangye_cli.plan`, which builds the resolved :class:`~chuangye_cli.plan.Plan`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from chuangye_cli.catalogue import Code
from chuangye_cli.periods import Period
from chuangye_cli.quantities import get_unit, within_limits


def _period(value: object) -> Period:
    try:
        return Period.coerce(value)
    except ValueError:
        raise PydanticCustomError(Code.SCHEMA_PERIOD.value, "not a month: {value}", {}) from None


PeriodField = Annotated[Period, PlainValidator(_period), PlainSerializer(str)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_\-]*$", description="lower-case ASCII id")]
Text = Annotated[str, Field(min_length=1)]


def _a_number(value: object) -> object:
    """Quantities are YAML numbers: text such as "12" (quoted) or true is a wrong type; a
    number with more digits than exact arithmetic allows is refused."""
    if isinstance(value, str | bool):
        raise PydanticCustomError("number_type", "expected a number", {})
    if isinstance(value, int | Decimal) and not within_limits(Decimal(value)):
        raise PydanticCustomError(Code.SCHEMA_DIGITS.value, "too many digits", {})
    return value


Number = Annotated[Decimal, BeforeValidator(_a_number)]
Positive = Annotated[Number, Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[Number, Field(ge=0, allow_inf_nan=False)]


def _known_unit(name: str | None) -> str | None:
    if name is None:
        return None
    if get_unit(name) is None:
        raise PydanticCustomError(Code.SCHEMA_UNIT.value, "unknown unit", {})
    return name.strip()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PlanMeta(_Model):
    id: Id
    title: Text
    short_title: Text | None = None
    issuer: Text | None = None
    document_number: Text | None = None
    implements: Text | None = None
    start: PeriodField
    end: PeriodField
    coordinator: Text | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: Period, info: ValidationInfo) -> Period:
        start = info.data.get("start")
        if isinstance(start, Period) and end < start:
            raise PydanticCustomError(
                Code.SCHEMA_ORDER.value,
                "ends before it starts",
                {"end": str(end), "start": str(start)},
            )
        return end


Share = Annotated[Number, Field(ge=0, le=1, allow_inf_nan=False)]


class Thresholds(_Model):
    severe: Share = Decimal("0.2")  # 严重滞后: completion more than this below 序时进度
    yellow: Share = Decimal("0.1")  # 预警 yellow: this far (or more) below 序时进度
    red: Share = Decimal("0.3")  # 预警 red: this far (or more) below 序时进度

    @field_validator("red")
    @classmethod
    def _red_beyond_yellow(cls, red: Decimal, info: ValidationInfo) -> Decimal:
        yellow = info.data.get("yellow")
        if isinstance(yellow, Decimal) and red < yellow:
            raise PydanticCustomError(
                Code.SCHEMA_ORDER.value,
                "red below yellow",
                {"variant": "thresholds", "red": str(red), "yellow": str(yellow)},
            )
        return red


Kind = Literal["flow", "stock"]


class IndicatorSpec(_Model):
    id: Id
    name: Text
    text: Text | None = None
    target: Positive
    unit: Text
    reporting_unit: Text | None = None
    kind: Kind
    at_least: bool = True
    yearly: dict[int, Positive] | None = None  # optional target per calendar year
    aliases: list[Text] = []  # other names met in returns

    _unit_known = field_validator("unit", "reporting_unit")(_known_unit)

    @field_validator("reporting_unit")
    @classmethod
    def _same_measure(cls, reporting_unit: str | None, info: ValidationInfo) -> str | None:
        unit = get_unit(info.data.get("unit") or "")
        reporting = get_unit(reporting_unit or "")
        if unit and reporting and unit.measure is not reporting.measure:
            raise PydanticCustomError(
                Code.SCHEMA_UNIT.value,
                "mismatched measure",
                {
                    "variant": "measure",
                    "unit": unit.name,
                    "measure": str(reporting.measure),
                    "target_measure": str(unit.measure),
                },
            )
        return reporting_unit


class CountySpec(_Model):
    id: Id
    name: Text
    code: Annotated[str, Field(pattern=r"^\d{6}$")] | None = None
    kind: Literal["district", "county", "zone", "city"]
    aliases: list[Text] = []


class ExplicitAllocation(_Model):
    indicator: Id
    unit: Text | None = None
    targets: dict[Id, NonNegative]


class AllocationSpec(_Model):
    label: Text
    method: Text
    weights: dict[Id, NonNegative] = {}
    indicators: list[Id] | None = None
    explicit: list[ExplicitAllocation] = []


class TargetsFile(_Model):
    plan: PlanMeta
    thresholds: Thresholds = Thresholds()
    indicators: Annotated[list[IndicatorSpec], Field(min_length=1)]
    counties: Annotated[list[CountySpec], Field(min_length=1)]
    allocation: AllocationSpec | None = None


class UnitSpec(_Model):
    name: Text
    kind: Literal["department", "coordinator", "counties"] = "department"


class TaskSpec(_Model):
    number: Annotated[int, Field(ge=1)]
    title: Text
    lead_text: Text
    partner_text: Text | None = None
    joint_lead: bool = False
    leads: Annotated[list[Text], Field(min_length=1)]
    partners: list[Text] = []


class IndicatorLinks(_Model):
    label: Text
    note: Text | None = None
    coordinator: list[Id] = []
    tasks: dict[int, list[Id]] = {}


class TasksFile(_Model):
    units: Annotated[list[UnitSpec], Field(min_length=1)]
    tasks: Annotated[list[TaskSpec], Field(min_length=1)]
    indicator_links: IndicatorLinks | None = None
