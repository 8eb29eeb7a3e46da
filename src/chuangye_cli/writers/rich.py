"""Tables for a terminal (Rich): coloured statuses, bars, rules between groups. Every text
reaches Rich as plain text, never as markup."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from chuangye_cli.display import shown
from chuangye_cli.document import Bullets, Document, Paragraph
from chuangye_cli.document import Table as DocTable

if TYPE_CHECKING:
    from rich.console import Console

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


def make_console(buffer: io.StringIO, *, color: bool, width: int | None) -> Console:
    """A Rich console writing into ``buffer``: colour only when asked, 200 columns off a terminal."""
    from rich.console import Console

    return Console(
        file=buffer,
        width=width or 200,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _sections(doc: Document) -> bool:
    """Whether the document is more than a command's tables (headings, paragraphs)."""
    return any(
        s.heading or any(not isinstance(b, DocTable) for b in s.blocks) for s in doc.sections
    )


def write_rich(doc: Document, *, color: bool = False, width: int | None = None) -> str:
    """The document's tables with the caption: its first line as the first table's title, the
    rest under the last table. A document of sections prints each heading, its paragraphs and
    its tables in turn."""
    from rich.text import Text

    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    if _sections(doc):
        for k, line in enumerate(doc.caption):
            console.print(Text(line, style="bold" if k == 0 else ""), soft_wrap=True)
        for section in doc.sections:
            console.print()
            if section.heading:
                console.print(Text(section.heading, style="bold"), soft_wrap=True)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    console.print(Text(block.text), soft_wrap=True)
                elif isinstance(block, Bullets):
                    for item in block.items:
                        console.print(Text(f"- {item}"), soft_wrap=True)
                elif isinstance(block, DocTable) and block.human and block.audience != "data":
                    console.print(_table(block, doc, title=block.title))
        for line, status in doc.footer:
            console.print(Text(line, style=STYLE.get(status or "", "")), soft_wrap=True)
        return buffer.getvalue()
    from rich import box
    from rich.table import Table

    lines = list(doc.caption)
    tables = doc.human_tables()
    if not tables and lines:
        console.print(Text("\n".join(lines)))
    for number, data in enumerate(tables):
        last = number == len(tables) - 1
        heading = lines[0] if number == 0 and lines else None
        table = Table(
            title=Text(heading or data.title or ""),
            caption=Text("\n".join(lines[1:])) if last and len(lines) > 1 else None,
            box=box.SIMPLE_HEAVY,
            caption_justify="left",
            title_style="bold",
            header_style="bold",
            show_edge=True,
        )
        if not (heading or data.title):
            table.title = None
        if heading and data.title:
            console.print(Text(heading, style="bold"))
            table.title = Text(data.title)
        columns = data.human_columns()
        for column in columns:
            table.add_column(
                Text(column.label(doc.lang)),
                justify="right" if column.align_right else "left",
                overflow="fold",
                max_width=30 if column.wide else None,
            )
        previous_group = None
        for row in data.rows:
            if previous_group is not None and row.group != previous_group:
                table.add_section()
            previous_group = row.group
            cells = []
            for column in columns:
                cell = row.cell(column.key)
                style = STYLE.get(cell.status or row.status or "", "") if column.styled else ""
                cells.append(Text(shown(column, cell, doc.lang, bars=True), style=style))
            table.add_row(*cells)
        console.print(table)
    for line, status in doc.footer:
        console.print(Text(line, style=STYLE.get(status or "", "")), soft_wrap=True)
    return buffer.getvalue()


def _table(data: DocTable, doc: Document, *, title: str | None) -> Any:
    """One table of a document of sections, with its title."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(title) if title else None,
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    columns = data.human_columns()
    for column in columns:
        table.add_column(
            Text(column.label(doc.lang)),
            justify="right" if column.align_right else "left",
            overflow="fold",
            max_width=30 if column.wide else None,
        )
    for row in data.rows:
        cells = []
        for column in columns:
            cell = row.cell(column.key)
            style = STYLE.get(cell.status or row.status or "", "") if column.styled else ""
            cells.append(Text(shown(column, cell, doc.lang, bars=True), style=style))
        table.add_row(*cells)
    return table
