"""Every output format of ``chuangye progress``."""

from __future__ import annotations

import html
import io

from chuangye_cli.progress import Progress
from chuangye_cli.render.machine import csv_text, dumps
from chuangye_cli.render.records import (
    MACHINE_COLUMNS,
    DisplayTable,
    caption_lines,
    display_table,
    machine_rows,
)
from chuangye_cli.views import Selection

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
STATUS_STYLE = {
    "done": "bold green",
    "on_pace": "green",
    "behind": "yellow",
    "severe": "bold red",
    "qualitative": "dim",
    "partner_only": "dim",
}


def progress_document(progress: Progress, selection: Selection) -> dict[str, object]:
    """The JSON document: plan, as_of, time_progress, by, rows."""
    meta = progress.plan.meta
    return {
        "plan": {
            "id": meta.id,
            "title": meta.title,
            "start": str(meta.start),
            "end": str(meta.end),
        },
        "as_of": str(progress.as_of),
        "time_progress": progress.time_progress,
        "by": selection.by.value,
        "rows": machine_rows(progress, selection),
    }


def render(
    progress: Progress,
    selection: Selection,
    fmt: str,
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`), ending in a newline."""
    if fmt == "json":
        return dumps(progress_document(progress, selection)) + "\n"
    if fmt == "csv":
        return csv_text(machine_rows(progress, selection), MACHINE_COLUMNS[selection.by])
    if fmt == "table":
        return rich_table(progress, selection, color=color, width=width)
    if fmt in TABULATE_FORMATS:
        return tabulated(progress, selection, fmt)
    raise ValueError(f"unknown format {fmt!r}")


def tabulated(progress: Progress, selection: Selection, fmt: str) -> str:
    from tabulate import tabulate  # only for the report formats

    table = display_table(progress, selection, bars=False)
    body = tabulate(
        table.rows,
        headers=table.headers,
        tablefmt="github" if fmt == "markdown" else fmt,
        colalign=_align(table),
        disable_numparse=True,
    )
    lines = caption_lines(progress, selection)
    if fmt == "html":
        head = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
        return head + body + "\n"
    if fmt == "tsv":  # data for a spreadsheet: the table alone
        return body + "\n"
    if fmt == "latex":
        return "".join(f"% {line}\n" for line in lines) + "\n" + body + "\n"
    if fmt in ("markdown", "github", "pipe"):
        return "\n\n".join(lines) + "\n\n" + body + "\n"
    return "\n".join(lines) + "\n\n" + body + "\n"


def _align(table: DisplayTable) -> list[str]:
    return ["right" if k in table.numeric else "left" for k in range(len(table.headers))]


def rich_table(progress: Progress, selection: Selection, *, color: bool, width: int | None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table_data = display_table(progress, selection)
    lines = caption_lines(progress, selection)
    table = Table(
        title=lines[0],
        caption="\n".join(lines[1:]),
        box=box.SIMPLE_HEAVY,
        caption_justify="left",
        title_style="bold",
        header_style="bold",
    )
    for k, header in enumerate(table_data.headers):
        table.add_column(
            header,
            justify="right" if k in table_data.numeric else "left",
            overflow="fold",
            max_width=30 if k in table_data.wide else None,
        )
    previous_group = None
    for row, status, group in zip(
        table_data.rows, table_data.statuses, table_data.groups, strict=True
    ):
        if previous_group is not None and group != previous_group:
            table.add_section()
        previous_group = group
        style = STATUS_STYLE.get(status or "", "")
        table.add_row(
            *[
                Text(cell, style=style) if k in _status_columns(table_data) else cell
                for k, cell in enumerate(row)
            ]
        )
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or 200,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(table)
    return buffer.getvalue()


def _status_columns(table: DisplayTable) -> set[int]:
    return {k for k, h in enumerate(table.headers) if h in ("状态", "完成率", "平均完成率")}
