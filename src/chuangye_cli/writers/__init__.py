"""Writers: one module per output format, each turning any :class:`~chuangye_cli.document.
Document` into that format. :func:`write` picks the writer for a format name."""

from __future__ import annotations

from chuangye_cli.document import Document

BINARY = frozenset({"xlsx", "docx"})


def write(doc: Document, fmt: str, *, color: bool = False, width: int | None = None) -> str | bytes:
    """``doc`` in the format ``fmt`` (text ends with a newline; xlsx and docx are bytes)."""
    if fmt == "json":
        from chuangye_cli.writers.json import write_json

        return write_json(doc)
    if fmt == "csv":
        from chuangye_cli.writers.csv import write_csv

        return write_csv(doc)
    if fmt in ("table", "text"):
        from chuangye_cli.writers.rich import write_rich

        return write_rich(doc, color=color, width=width)
    if fmt in ("markdown", "md"):
        from chuangye_cli.writers.markdown import write_markdown

        return write_markdown(doc)
    if fmt == "html":
        from chuangye_cli.writers.html import write_html

        return write_html(doc)
    if fmt == "annotations":  # diagnostics as GitHub Actions annotations
        from chuangye_cli.writers.github import write_github

        return write_github(doc)
    if fmt == "xlsx":
        from chuangye_cli.writers.xlsx import write_xlsx

        return write_xlsx(doc)
    if fmt == "docx":
        from chuangye_cli.writers.docx import write_docx

        return write_docx(doc)
    from chuangye_cli.writers.text import write_text

    return write_text(doc, fmt)
