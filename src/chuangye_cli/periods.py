"""Calendar months (YYYY-MM) and the arithmetic the plan needs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日$"),
)
_YTD = re.compile(r"^(\d{4})\s*年\s*(?:1|01|一)\s*[-—~至到－]\s*(\d{1,2})\s*月(?:份)?(?:累计)?$")
_AMBIGUOUS = re.compile(r"^\d{4}\.1$")  # 2020.1: January, or October saved as a number?


class PeriodError(ValueError):
    """Text that is not a month; ``month`` is set when only the month number is wrong."""

    def __init__(self, message: str, month: int | None = None, *, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.month = month
        self.ambiguous = ambiguous


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, got {self.month}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2019-06``, ``2019/06``, ``2019.06``, ``2019.6``, ``2019年6月``, ``201906``, a
        day in the month (``2019-06-30``, ``2019/6/1``, ``2019年6月30日``) or ``2019年1-6月``.
        ``2019.1`` is refused: Excel turns 2019.10 into that number, so it may mean October."""
        return cls.parse_hinted(text)[0]

    @classmethod
    def parse_hinted(cls, text: str) -> tuple[Period, bool]:
        """The month, and whether the text says the figure runs from January (1-N月)."""
        s = text.strip()
        m = _YTD.match(s)
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            if 1 <= month <= 12:
                return cls(year, month), True
            raise PeriodError(f"month {month} is not 1-12 in {text!r}", month)
        if _AMBIGUOUS.match(s):
            raise PeriodError(
                f"{text!r} is ambiguous: 2020.1 is January, or October saved as a number",
                ambiguous=True,
            )
        for pattern in _PATTERNS:
            m = pattern.match(s)
            if m:
                year, month = int(m.group(1)), int(m.group(2))
                if 1 <= month <= 12:
                    return cls(year, month), False
                raise PeriodError(f"month {month} is not 1-12 in {text!r}", month)
        raise PeriodError(f"{text!r} is not a month: use YYYY-MM, YYYY/MM or YYYY年M月")

    @classmethod
    def coerce(cls, value: object) -> Period:
        """A Period from a Period, a date or text (used by the Pydantic models)."""
        if isinstance(value, Period):
            return value
        if isinstance(value, date):
            return cls(value.year, value.month)
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(f"expected a month as YYYY-MM, got {value!r}")

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0: consecutive months have consecutive indexes."""
        return self.year * 12 + self.month - 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label_zh(self) -> str:
        return f"{self.year}年{self.month}月"


def months_inclusive(start: Period, end: Period) -> int:
    """Number of months from ``start`` through ``end``, both included."""
    return end.index - start.index + 1
