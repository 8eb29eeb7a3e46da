"""The choices the command line offers, as enums: the help lists them from here.

Kept free of heavy imports: the CLI needs it to declare its options.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


class View(StrEnum):
    """Rows per indicator, county, responsible unit or task (``--by``)."""

    INDICATOR = "indicator"
    COUNTY = "county"
    UNIT = "unit"
    TASK = "task"


class DivisionLevel(StrEnum):
    """Levels of divisions in a hierarchy (``--level``)."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class Engine(StrEnum):
    """How actual figures are read (``--engine``): the results are the same."""

    AUTO = "auto"
    PYTHON = "python"
    COLUMNAR = "columnar"


class Format(StrEnum):
    """Output formats of progress, trend and warnings (``--format``)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    MARKDOWN = "markdown"
    HTML = "html"
    GITHUB = "github"
    PIPE = "pipe"
    PLAIN = "plain"
    SIMPLE = "simple"
    GRID = "grid"
    SIMPLE_GRID = "simple_grid"
    ROUNDED_GRID = "rounded_grid"
    FANCY_GRID = "fancy_grid"
    ORGTBL = "orgtbl"
    RST = "rst"
    MEDIAWIKI = "mediawiki"
    LATEX = "latex"
    TSV = "tsv"


TABULATE_FORMATS = frozenset(
    {
        Format.GITHUB,
        Format.PIPE,
        Format.PLAIN,
        Format.SIMPLE,
        Format.GRID,
        Format.SIMPLE_GRID,
        Format.ROUNDED_GRID,
        Format.FANCY_GRID,
        Format.ORGTBL,
        Format.RST,
        Format.MEDIAWIKI,
        Format.LATEX,
        Format.TSV,
    }
)


class ReportFormat(StrEnum):
    """Formats of the monthly bulletin (``report --format``)."""

    MD = "md"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"
    DOCX = "docx"


class DiagnosticFormat(StrEnum):
    """Formats of ``validate`` (``--format``)."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class FailOn(StrEnum):
    """``warnings --fail-on``: exit 1 when a warning of this colour or worse is found."""

    RED = "red"
    YELLOW = "yellow"


class PlanPart(StrEnum):
    """``plan --show``: which part of the plan to show."""

    INDICATORS = "indicators"
    COUNTIES = "counties"
    UNITS = "units"
    TASKS = "tasks"


class SchemaFile(StrEnum):
    """``schema``: which plan file's JSON Schema."""

    TARGETS = "targets"
    TASKS = "tasks"


class Encoding(StrEnum):
    """``--encoding``: how text is written (a BOM lets Excel and WPS on Chinese Windows read
    UTF-8; GB18030 is what older Chinese software expects)."""

    UTF8 = "utf-8"
    UTF8_SIG = "utf-8-sig"
    GB18030 = "gb18030"


BINARY_FORMATS = frozenset({"xlsx", "docx"})


@dataclass(frozen=True)
class Selection:
    """Which rows to show: a view and optional filters (ids; empty means all)."""

    by: View = View.INDICATOR
    counties: Collection[str] = ()
    indicators: Collection[str] = ()
