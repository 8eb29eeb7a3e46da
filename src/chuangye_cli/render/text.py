"""Tables for people: one table model, rendered by Rich (terminal) or tabulate (reports)."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

# tabulate's formats offered for reports ("markdown" is ours: GitHub-flavoured pipes).
TABULATE_FORMATS = (
    "markdown",
    "github",
    "pipe",
    "plain",
    "simple",
    "grid",
    "simple_grid",
    "rounded_grid",
    "fancy_grid",
    "orgtbl",
    "rst",
    "mediawiki",
    "html",
    "latex",
    "tsv",
)
FORMATS = ("table", "json", "csv", *TABULATE_FORMATS)
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
}


@dataclass(frozen=True)
class DisplayTable:
    headers: list[str]
    rows: list[list[str]]
    statuses: list[str | None]  # one per row: a key of STYLE, for colouring
    numeric: set[int]  # indexes of right-aligned columns
    groups: list[str]  # one per row: a rule is drawn where the group changes
    wide: set[int] = field(default_factory=set)  # long-text columns, wrapped in a terminal
    styled: set[int] = field(default_factory=set)  # columns coloured by the row's status
    title: str | None = None


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")


def tabulated(tables: Sequence[DisplayTable], lines: Sequence[str], fmt: str) -> str:
    """Caption lines, then each table, in one of tabulate's formats."""
    from tabulate import tabulate  # only for the report formats

    bodies = []
    for table in tables:
        body = tabulate(
            table.rows,
            headers=table.headers,
            tablefmt="github" if fmt == "markdown" else fmt,
            colalign=["right" if k in table.numeric else "left" for k in range(len(table.headers))],
            disable_numparse=True,
        )
        if table.title and fmt != "tsv":
            body = _title(table.title, fmt) + body
        bodies.append(body)
    if fmt == "tsv":  # data for a spreadsheet: the tables alone
        return "\n\n".join(bodies) + "\n"
    if fmt == "html":
        return "".join(f"<p>{html.escape(line)}</p>\n" for line in lines) + "\n".join(bodies) + "\n"
    if fmt == "latex":
        head = "".join(f"% {line}\n" for line in lines)
    elif fmt in ("markdown", "github", "pipe"):
        head = "\n\n".join(lines) + "\n"
    else:
        head = "\n".join(lines) + "\n"
    return head + "\n" + "\n\n".join(bodies) + "\n"


def _title(title: str, fmt: str) -> str:
    if fmt == "html":
        return f"<h3>{html.escape(title)}</h3>\n"
    if fmt == "latex":
        return f"% {title}\n"
    if fmt in ("markdown", "github", "pipe"):
        return f"**{title}**\n\n"
    return f"{title}\n"


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
        legacy_windows=False,
    )


def rich_text(
    tables: Sequence[DisplayTable],
    lines: Sequence[str],
    *,
    color: bool,
    width: int | None,
) -> str:
    """Rich tables with the caption lines under the last one (colour only when asked)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    for number, data in enumerate(tables):
        last = number == len(tables) - 1
        table = Table(
            title=(lines[0] if number == 0 and lines else None) or data.title,
            caption="\n".join(lines[1:]) if last else None,
            box=box.SIMPLE_HEAVY,
            caption_justify="left",
            title_style="bold",
            header_style="bold",
        )
        if number == 0 and lines and data.title:
            console.print(Text(lines[0], style="bold"))
            table.title = data.title
        for k, header in enumerate(data.headers):
            table.add_column(
                header,
                justify="right" if k in data.numeric else "left",
                overflow="fold",
                max_width=30 if k in data.wide else None,
            )
        previous_group = None
        for row, status, group in zip(data.rows, data.statuses, data.groups, strict=True):
            if previous_group is not None and group != previous_group:
                table.add_section()
            previous_group = group
            style = STYLE.get(status or "", "")
            table.add_row(
                *[
                    Text(cell, style=style) if k in data.styled else cell
                    for k, cell in enumerate(row)
                ]
            )
        console.print(table)
    return buffer.getvalue()
