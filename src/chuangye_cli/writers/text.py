"""Report formats through tabulate: plain, simple, grid, github, pipe, rst, latex, tsv …
Caption lines first, then each table; cells are what people see (rounded, in words)."""

from __future__ import annotations

from chuangye_cli.display import shown
from chuangye_cli.document import Document, Table

PIPE_FORMATS = frozenset({"github", "pipe", "markdown"})


def escape_pipes(text: str) -> str:
    """A ``|`` inside a cell would end the cell in a pipe table."""
    return text.replace("\\", "\\\\").replace("|", "\\|") if "|" in text else text


def tabulated(table: Table, fmt: str, lang: str = "zh") -> str:
    """One table in one of tabulate's formats (``markdown`` is GitHub-flavoured pipes)."""
    from tabulate import tabulate  # only for the report formats

    columns = table.human_columns()
    pipes = fmt in PIPE_FORMATS
    rows = [
        [
            escape_pipes(text) if pipes else text
            for text in (shown(c, row.cell(c.key), "en" if lang == "en" else "zh") for c in columns)
        ]
        for row in table.rows
    ]
    headers = [c.label("en" if lang == "en" else "zh") for c in columns]
    return tabulate(
        rows,
        headers=[escape_pipes(h) if pipes else h for h in headers],
        tablefmt="github" if fmt == "markdown" else fmt,
        colalign=["right" if c.align_right else "left" for c in columns],
        disable_numparse=True,
    )


def _title(title: str, fmt: str) -> str:
    if fmt == "latex":
        return f"% {title}\n"
    if fmt in PIPE_FORMATS:
        return f"**{title}**\n\n"
    return f"{title}\n"


def write_text(doc: Document, fmt: str) -> str:
    """Caption lines, then each table."""
    bodies = []
    for table in doc.human_tables():
        body = tabulated(table, fmt, doc.lang)
        if table.title and fmt != "tsv":
            body = _title(table.title, fmt) + body
        bodies.append(body)
    lines = doc.caption
    if fmt == "tsv":  # data for a spreadsheet: the tables alone
        return "\n\n".join(bodies) + "\n"
    if fmt == "latex":
        head = "".join(f"% {line}\n" for line in lines)
    elif fmt in PIPE_FORMATS:
        head = "\n\n".join(lines) + "\n"
    else:
        head = "\n".join(lines) + "\n"
    return head + "\n" + "\n\n".join(bodies) + "\n"
