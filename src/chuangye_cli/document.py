"""The one model of everything the tool shows: tables of typed columns and exact cells, put
together into documents (a command's report, or the monthly bulletin).

A view builder (:mod:`chuangye_cli.views`) makes a :class:`Document` once, as data; a writer
(:mod:`chuangye_cli.writers`) turns any document into one output format. Cells keep the exact
value (a ``Decimal``, a list, an id) for machines; people see it rounded, in words, or as the
cell's own ``text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from chuangye_cli.vocab import Label, Lang

Audience = Literal["all", "read", "data"]


class Kind(StrEnum):
    """What a column holds, which decides how people see it."""

    TEXT = "text"  # words, names, ids
    NUMBER = "number"  # a plain number: a rank, a task number, a count of rows
    QUANTITY = "quantity"  # an amount in a unit: thousands separators, at most `places` decimals
    RATIO = "ratio"  # a share: shown as a percentage
    POINTS = "points"  # percentage points: one decimal
    STATUS = "status"  # a status or warning-level code: shown in words
    LIST = "list"  # a list: joined with 、 for people, ; in CSV, an array in JSON


class Bar(StrEnum):
    PLAIN = "plain"  # ██████░░░░ before a completion (terminal only)
    MARKED = "marked"  # ███░┃░░░░░ with ┃ at the cell's mark (序时进度)
    SPARK = "spark"  # the column is a chart (a sparkline): left out where space is short


NUMERIC = frozenset({Kind.NUMBER, Kind.QUANTITY, Kind.RATIO, Kind.POINTS})


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the key in JSON and the header in CSV: stable English
    label: Label  # the header for people
    kind: Kind = Kind.TEXT
    machine: bool = True  # in JSON and CSV
    human: bool = True  # in tables for people
    wide: bool = False  # long text: wrapped in a terminal
    styled: bool = False  # coloured by the cell's or the row's status
    bar: Bar | None = None
    places: int = 4  # decimals shown for a quantity
    brief: Label | None = None  # a shorter header for a narrow terminal (“1” for “1月”)
    right: bool | None = None  # alignment; default: numbers right, text left

    @property
    def align_right(self) -> bool:
        return self.kind in NUMERIC if self.right is None else self.right


@dataclass(frozen=True, slots=True)
class Cell:
    value: object = None  # the exact value for machines
    text: str | None = None  # what people see instead of the value's own form
    status: str | None = None  # colours this cell (else the row's status)
    mark: Decimal | None = None  # Bar.MARKED: where to draw ┃ (a ratio)


@dataclass(frozen=True)
class Row:
    cells: Mapping[str, Cell]  # by column key
    status: str | None = None  # colours the styled cells
    group: str = ""  # a rule is drawn (in a terminal) where the group changes

    def cell(self, key: str) -> Cell:
        return self.cells.get(key) or EMPTY


EMPTY = Cell()


@dataclass(frozen=True)
class Table:
    key: str  # JSON key of its rows; also the table's stable id
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None = None  # shown above it, in the document's language
    sheet: str | None = None  # worksheet name in a workbook
    machine: bool = True  # in JSON (under `key`) and CSV
    human: bool = True  # shown to people
    show: tuple[str, ...] | None = None  # people's columns and their order, when not all
    audience: Audience = "all"  # "read": documents only; "data": workbooks only
    # a column whose text says the whole row: where no layout fits (a narrow terminal), each
    # row is its first column and this one, not a block of every column
    says_all: str | None = None
    # a column of long text that must keep room to be read (a message): when a layout would
    # squeeze it below a readable width, one record per block instead (as for says_all)
    needs_room: str | None = None

    def machine_columns(self) -> list[Column]:
        return [c for c in self.columns if c.machine]

    def human_columns(self) -> list[Column]:
        if self.show is None:
            return [c for c in self.columns if c.human]
        by_key = {c.key: c for c in self.columns}
        return [by_key[k] for k in self.show]


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # a smaller explanatory note


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class ChartPoint:
    period: str  # YYYY-MM
    total: Decimal | None  # None: a level nobody has reported yet
    completion: Decimal | None
    time_progress: Decimal


@dataclass(frozen=True)
class ChartSeries:
    title: str  # the indicator's name
    unit: str
    points: tuple[ChartPoint, ...]


@dataclass(frozen=True)
class Charts:
    """Plan-to-date completion against the 序时 line, one chart per series."""

    series: tuple[ChartSeries, ...]
    months: int  # months in the whole period: the 序时 line reaches 100% at the last one
    end: str  # the last month of the period, YYYY-MM
    note: str = ""


Block = Paragraph | Bullets | Table | Charts


@dataclass(frozen=True)
class Section:
    key: str
    heading: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """What one command shows. ``title`` is set for a bulletin; a command's report has only
    caption lines (the first is its heading)."""

    caption: tuple[str, ...]
    sections: tuple[Section, ...]
    lang: Lang = "zh"
    title: str | None = None
    header: Mapping[str, object] = field(default_factory=dict)  # JSON fields before the tables
    trailer: Mapping[str, object] = field(default_factory=dict)  # JSON fields after them
    json_list: bool = False  # JSON is the first machine table's rows alone, as a list
    generated_at: str | None = None
    footer: tuple[tuple[str, str | None], ...] = ()  # lines after the tables, with a status
    signature: tuple[str, ...] = ()  # 落款: the issuing office and the date, after everything

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def machine_tables(self) -> list[Table]:
        return [t for t in self.tables() if t.machine]

    def human_tables(self) -> list[Table]:
        """Tables for people to read (a workbook's data-only tables left out)."""
        return [t for t in self.tables() if t.human and t.audience != "data"]


def report(
    caption: list[str],
    tables: list[Table],
    *,
    lang: Lang,
    header: Mapping[str, object] | None = None,
    trailer: Mapping[str, object] | None = None,
    json_list: bool = False,
    footer: tuple[tuple[str, str | None], ...] = (),
) -> Document:
    """A command's report: caption lines and tables, in one section without a heading."""
    return Document(
        caption=tuple(caption),
        sections=(Section("body", None, tuple(tables)),),
        lang=lang,
        header=header or {},
        trailer=trailer or {},
        json_list=json_list,
        footer=footer,
    )
