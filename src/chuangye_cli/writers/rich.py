"""Tables for a terminal (Rich): coloured statuses, bars, rules between groups, laid out for the
terminal's width. Every text reaches Rich as plain text (``rich.text.Text``), never as markup.

A table that does not fit the width gives up, in this order: the bars (a completion's bar, a
sparkline column), then the spacing and the full length of names (names, the Chinese text of
short text columns, are abbreviated with …, and headers wrapped; codes and ids stay whole), and
finally the table itself: one record per block, a label and a value a line. Numbers are never wrapped; long text (``Column.wide``) is wrapped between words or Chinese
characters, never inside a number (:mod:`chuangye_cli.wrapping`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from chuangye_cli.display import shown
from chuangye_cli.document import Bar, Bullets, Column, Document, Kind, Paragraph, Table
from chuangye_cli.vocab import Lang
from chuangye_cli.wrapping import break_units, wrap

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

STYLE = {
    "done": "bold green",
    "on_pace": "green",
    "behind": "yellow",
    "severe": "bold red",
    "qualitative": "dim",
    "partner_only": "dim",
    "no_target": "dim",
    "red": "bold red",
    "yellow": "yellow",
    "green": "green",
    "error": "bold red",
    "warning": "yellow",
    "notice": "cyan",
}
DEFAULT_WIDTH = 200  # off a terminal
WIDE_PREFERRED = 30  # long text wraps at this width when space is short …
WIDE_MIN = 16  # … and at no less than this before the layout gives something else up
WIDE_MIN_BRIEF = 10  # … or this, in the last layouts before one record per block
NAME_LIMITS = (20, 16, 12)  # abbreviated names, tried in turn
HEADER_MIN = 4
HEADER_WORD = 6  # a header's word of up to this many cells is not cut: 完成率, 单元格
UNBOUNDED = 100_000


def make_console(buffer: io.StringIO, *, color: bool, width: int | None) -> Console:
    """A Rich console writing into ``buffer``: colour only when asked, 200 columns off a terminal."""
    from rich.console import Console

    return Console(
        file=buffer,
        width=width or DEFAULT_WIDTH,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


class Layout:
    """One way of fitting a table: with or without bars, spacing, names' length."""

    __slots__ = ("bars", "brief", "compact", "names", "wide_min")

    def __init__(
        self,
        bars: bool = True,
        compact: bool = False,
        names: int | None = None,
        brief: bool = False,
    ) -> None:
        self.bars = bars
        self.compact = compact
        self.names = names  # abbreviate names to this many cells (and wrap headers)
        # the last resorts: columns' brief headers (“1” for “1月”), long text wrapped narrower
        self.brief = brief
        self.wide_min = WIDE_MIN_BRIEF if brief else WIDE_MIN


LAYOUTS = (
    Layout(),
    Layout(bars=False),
    Layout(bars=False, compact=True),
    *(Layout(bars=False, compact=True, names=n) for n in NAME_LIMITS),
    *(Layout(bars=False, compact=True, names=n, brief=True) for n in NAME_LIMITS),
)


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def _wrap(text: str, width: int, *, words: bool = False) -> list[str]:
    from rich.cells import cell_len

    return wrap(text, width, cell_len, words=words)


_HEADER_WORDS = re.compile(r"(\s+)|(?=[（(])|(?<=[）)])|(?<=/)")


def _header_lines(label: str, width: int) -> list[str]:
    """A header in lines of at most ``width`` cells, broken between its words (before a
    bracket, after one, at a space or after a slash) where they fit, else as any text."""
    if "\n" in label:
        return _wrap(label, width)
    parts = [
        piece
        for part in _HEADER_WORDS.split(label)
        if part
        for piece in (_even(part, width) if _cells(part) > width else [part])
    ]
    lines, space = [""], ""
    for part in parts:
        if part.isspace():
            space = " " if lines[-1] else ""
        elif lines[-1] and _cells(lines[-1] + space + part) > width:
            lines.append(part)
            space = ""
        else:
            lines[-1] += space + part
            space = ""
    return lines


def _even(word: str, width: int) -> list[str]:
    """A word wider than ``width`` in as few lines as it needs, of even widths (尚需/月均, not
    尚需月/均)."""
    lines = _wrap(word, width)
    if len(lines) < 2:
        return lines
    units = break_units(word)
    if any(_cells(u) > width for u in units):
        return lines
    share = -(-_cells(word) // len(lines))  # each line's fair share, rounded up
    even: list[str] = [""]
    for unit in units:
        if even[-1] and _cells(even[-1] + unit) > share and len(even) < len(lines):
            even.append(unit)
        else:
            even[-1] += unit
    return even if all(_cells(line) <= width for line in even) else lines


def _abbreviated(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` cells, ending in …, when it is longer."""
    from rich.cells import cell_len

    if cell_len(text) <= limit:
        return text
    cut = ""
    for ch in text:
        if cell_len(cut + ch) > limit - 1:
            break
        cut += ch
    return cut + "…"


def _is_name(column: Column) -> bool:
    return column.kind is Kind.TEXT and not column.wide and column.bar is None


class _Plan:
    """A table's columns, headers and cell texts in one layout, with the columns' widths."""

    __slots__ = ("columns", "headers", "natural", "texts", "widths")

    def __init__(
        self,
        columns: list[Column],
        headers: list[str],
        texts: list[list[str]],  # by row, then column
        widths: list[int],  # the least
        natural: list[int],  # the whole text
    ) -> None:
        self.columns, self.headers, self.texts = columns, headers, texts
        self.widths, self.natural = widths, natural


def _plan(data: Table, lang: Lang, layout: Layout) -> _Plan:
    """The texts and the least widths of a table in ``layout`` (wide columns at their least)."""
    columns = [c for c in data.human_columns() if layout.bars or c.bar is not Bar.SPARK]
    texts = []
    for row in data.rows:
        line = []
        for column in columns:
            text = shown(column, row.cell(column.key), lang, bars=layout.bars)
            if layout.names is not None and _is_name(column) and not text.isascii():
                text = _abbreviated(text, layout.names)  # a name; codes and ids stay whole
            line.append(text)
        texts.append(line)
    headers, widths, natural = [], [], []
    for k, column in enumerate(columns):
        chosen = column.brief if layout.brief and column.brief else column.label
        label = chosen.brief(lang) if layout.brief else chosen(lang)
        data_width = max((_cells(t[k]) for t in texts), default=0)
        if column.wide:
            full = max(data_width, _cells(label))
            # (never narrower than its longest number or word: those do not split)
            words = (w for t in texts for w in re.findall(r"[!-~]+", t[k]))
            least = min(full, max(layout.wide_min, max(map(_cells, words), default=0)))
            headers.append(label)
            widths.append(least)
            natural.append(full)
            continue
        if layout.names is not None:  # a header may wrap to the width of its figures
            # (between words: an English word is not cut, “comple/tion”)
            word = max(map(_cells, re.findall(r"[!-~]+", label)), default=0)
            # (nor a short Chinese word, “单元/格”: a header breaks before a bracket)
            whole = [_cells(w) for w in _HEADER_WORDS.split(label) if w and w.strip()]
            word = max([word, *(w for w in whole if w <= HEADER_WORD)])
            label = "\n".join(_header_lines(label, max(data_width, HEADER_MIN, word)))
        width = max(data_width, _cells(label))
        headers.append(label)
        widths.append(width)
        natural.append(width)
    return _Plan(columns, headers, texts, widths, natural)


def _rich_table(
    plan: _Plan, layout: Layout, data: Table, widths: list[int], *, rows: bool = True
) -> RichTable:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(
        box=box.SIMPLE_HEAVY,
        header_style="bold",
        show_edge=not layout.compact,
        pad_edge=not layout.compact,
        collapse_padding=layout.compact,
    )
    for k, column in enumerate(plan.columns):
        header = plan.headers[k]
        if column.wide:
            header = "\n".join(_wrap(header, widths[k]))
        table.add_column(
            Text(header),
            justify="right" if column.align_right else "left",
            width=widths[k],
            no_wrap=True,
            overflow="fold",
        )
    previous_group = None
    for row, texts in zip(data.rows if rows else (), plan.texts if rows else (), strict=True):
        if previous_group is not None and row.group != previous_group:
            table.add_section()
        previous_group = row.group
        cells = []
        for k, column in enumerate(plan.columns):
            text = texts[k]
            if column.wide:  # (a list in a cell keeps its items whole where they fit)
                text = "\n".join(_wrap(text, widths[k], words=True))
            cells.append(Text(text, style=_style(column, row.cell(column.key).status, row.status)))
        table.add_row(*cells)
    return table


def _style(column: Column, cell_status: str | None, row_status: str | None) -> str:
    return STYLE.get(cell_status or row_status or "", "") if column.styled else ""


def _grown(plan: _Plan, spare: int) -> list[int]:
    """The least widths, with ``spare`` cells given to the wide columns: first up to the
    preferred width, then up to their whole text."""
    widths = list(plan.widths)
    wide = [k for k, c in enumerate(plan.columns) if c.wide]
    for cap in (WIDE_PREFERRED, None):
        growing = True
        while spare > 0 and growing:
            growing = False
            for k in wide:
                limit = plan.natural[k] if cap is None else min(cap, plan.natural[k])
                if spare > 0 and widths[k] < limit:
                    widths[k] += 1
                    spare -= 1
                    growing = True
    return widths


def _width_of(console: Console, table: RichTable) -> int:
    """The width ``table`` takes, however wide (a console's measure stops at its width)."""
    return console.measure(table, options=console.options.update(width=UNBOUNDED)).maximum


def _fitted(console: Console, data: Table, lang: Lang, width: int) -> RichTable | None:
    """The first layout of ``data`` whose table fits ``width``; None when none does."""
    for layout in LAYOUTS:
        plan = _plan(data, lang, layout)
        bare = _rich_table(plan, layout, data, plan.widths, rows=False)  # widths are fixed
        least = _width_of(console, bare)
        if least > width:
            continue
        widths = _grown(plan, width - least)
        roomy = {data.says_all, data.needs_room} - {None}
        if any(
            c.key in roomy and widths[k] < min(WIDE_PREFERRED, plan.natural[k])
            for k, c in enumerate(plan.columns)
        ):
            continue  # (its text squeezed into a column: a line or block a record reads better)
        return _rich_table(plan, layout, data, widths)
    return None


def _blocks(data: Table, lang: Lang, width: int) -> Iterator[Text]:
    """One record per block: the first column as a heading, then a label and a value a line."""
    from rich.text import Text

    columns = data.human_columns()
    columns = [c for c in columns if c.bar is not Bar.SPARK]
    if not columns:
        return
    head, rest = columns[0], columns[1:]
    whole = next((c for c in rest if c.key == data.says_all), None)
    if whole is not None:
        yield from _lines(data, head, whole, lang, width)
        return
    labels = [c.label(lang) for c in rest]
    label_width = min(max((_cells(x) for x in labels), default=0), max(width // 3, 4))
    for number, row in enumerate(data.rows):
        if number:
            yield Text("")
        heading = shown(head, row.cell(head.key), lang)
        style = _style(head, row.cell(head.key).status, row.status)
        yield Text("\n".join(_wrap(heading, width)), style=f"bold {style}".strip())
        for column, label in zip(rest, labels, strict=True):
            cell = row.cell(column.key)
            value = shown(column, cell, lang)
            if not value:
                continue
            pad = " " * max(label_width - _cells(label), 0)
            room = max(width - label_width - 4, 8)
            lines = _wrap(value, room)
            indent = " " * (label_width + 4)
            line = Text(f"  {label}{pad}  ")
            line.append(lines[0], style=_style(column, cell.status, row.status))
            for extra in lines[1:]:
                line.append("\n" + indent)
                line.append(extra, style=_style(column, cell.status, row.status))
            yield line


def _lines(data: Table, head: Column, whole: Column, lang: Lang, width: int) -> Iterator[Text]:
    """A row a record: its first column, then the column that says all of it, wrapped under
    itself (红色  叶集区：未报送本期报表…)."""
    from rich.text import Text

    heads = [shown(head, row.cell(head.key), lang) for row in data.rows]
    indent = max((_cells(h) for h in heads), default=0) + 2
    for row, heading in zip(data.rows, heads, strict=True):
        cell = row.cell(whole.key)
        line = Text(heading, style=_style(head, row.cell(head.key).status, row.status))
        line.append(" " * (indent - _cells(heading)))
        texts = _wrap(shown(whole, cell, lang), max(width - indent, 8))
        line.append(texts[0] if texts else "")
        for extra in texts[1:]:
            line.append("\n" + " " * indent + extra)
        yield line


def _sections(doc: Document) -> bool:
    """Whether the document is more than a command's tables (headings, paragraphs)."""
    return any(s.heading or any(not isinstance(b, Table) for b in s.blocks) for s in doc.sections)


def _print_table(console: Console, data: Table, lang: Lang, full: int) -> None:
    """One table of a document of sections, laid out as any other (or one record per block)."""
    from rich.text import Text

    table = _fitted(console, data, lang, full)
    if table is None:
        if data.title:
            console.print(Text("\n".join(_wrap(data.title, full)), style="bold"))
        for block in _blocks(data, lang, full):
            console.print(block)
        return
    if data.title:
        table.title = Text("\n".join(_wrap(data.title, full)), style="bold")
    console.print(table)


def _write_sections(doc: Document, console: Console, full: int) -> None:
    """Each heading, its paragraphs, bullets and tables in turn, after the caption."""
    from rich.text import Text

    for k, line in enumerate(doc.caption):
        console.print(Text("\n".join(_wrap(line, full)), style="bold" if k == 0 else ""))
    for section in doc.sections:
        console.print()
        if section.heading:
            console.print(Text("\n".join(_wrap(section.heading, full)), style="bold"))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                console.print(Text("\n".join(_wrap(block.text, full))))
            elif isinstance(block, Bullets):
                for item in block.items:
                    console.print(Text("\n".join(_wrap(f"- {item}", full))))
            elif isinstance(block, Table) and block.human and block.audience != "data":
                _print_table(console, block, doc.lang, full)


def write_rich(doc: Document, *, color: bool = False, width: int | None = None) -> str:
    """The document's tables with the caption: its first line as the first table's title, the
    rest under the last table; each table laid out for ``width`` (200 off a terminal). A
    document of sections prints each heading, its paragraphs and its tables in turn."""
    from rich.text import Text

    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    full = width or DEFAULT_WIDTH
    if _sections(doc):
        _write_sections(doc, console, full)
        for line, status in doc.footer:
            console.print(Text("\n".join(_wrap(line, full)), style=STYLE.get(status or "", "")))
        return buffer.getvalue()
    lines = list(doc.caption)
    tables = doc.human_tables()
    if not tables and lines:
        console.print(Text("\n".join(x for line in lines for x in _wrap(line, full))))
    for number, data in enumerate(tables):
        last = number == len(tables) - 1
        heading = lines[0] if number == 0 and lines else None
        caption = lines[1:] if last and len(lines) > 1 else []
        table = _fitted(console, data, doc.lang, full)
        if table is None:  # one record per block
            for text in (heading, data.title):
                if text:
                    console.print(Text("\n".join(_wrap(text, full)), style="bold"))
            if heading or data.title:
                console.print()
            for block in _blocks(data, doc.lang, full):
                console.print(block)
            if caption:
                console.print()
                console.print(Text("\n".join(x for line in caption for x in _wrap(line, full))))
            continue
        span = min(_width_of(console, table), full)
        title = heading or data.title
        if heading and data.title:
            console.print(Text("\n".join(_wrap(heading, full)), style="bold"))
            title = data.title
        if title:
            table.title = Text("\n".join(_wrap(title, span)), style="bold")
        if caption:
            table.caption = Text("\n".join(x for line in caption for x in _wrap(line, span)))
            table.caption_justify = "left"
        console.print(table)
    for line, status in doc.footer:
        console.print(Text("\n".join(_wrap(line, full)), style=STYLE.get(status or "", "")))
    return buffer.getvalue()
