"""Every output format of ``chuangye progress``."""

from __future__ import annotations

from chuangye_cli.progress import Progress
from chuangye_cli.render.machine import csv_text, dumps, plan_header
from chuangye_cli.render.records import (
    MACHINE_COLUMNS,
    caption_lines,
    display_table,
    machine_rows,
)
from chuangye_cli.render.text import check_format, rich_text, tabulated
from chuangye_cli.views import Selection


def progress_document(progress: Progress, selection: Selection) -> dict[str, object]:
    """The JSON document: plan, as_of, time_progress, by, rows (and, in a yearly view, year and
    the indicators that have no target for it)."""
    meta = progress.plan.meta
    yearly: dict[str, object] = (
        {"year": progress.year, "no_yearly_target": list(progress.no_yearly_target)}
        if progress.year is not None
        else {}
    )
    return {
        "plan": plan_header(meta),
        "as_of": str(progress.as_of),
        "time_progress": progress.time_progress,
        "by": selection.by.value,
        "rows": machine_rows(progress, selection),
        **yearly,
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
    check_format(fmt)
    lines = caption_lines(progress, selection)
    if fmt == "table":
        return rich_text([display_table(progress, selection)], lines, color=color, width=width)
    return tabulated([display_table(progress, selection, bars=False)], lines, fmt)
