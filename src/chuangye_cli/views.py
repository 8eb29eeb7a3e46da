"""What a report shows: the view (rows per indicator, county, unit or task) and filters.

Kept free of heavy imports: the CLI needs it to declare its options.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


class View(StrEnum):
    INDICATOR = "indicator"
    COUNTY = "county"
    UNIT = "unit"
    TASK = "task"


@dataclass(frozen=True)
class Selection:
    """Which rows to show: a view and optional filters (ids; empty means all)."""

    by: View = View.INDICATOR
    counties: Collection[str] = ()
    indicators: Collection[str] = ()
