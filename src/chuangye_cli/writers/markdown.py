"""Markdown: a command's report as caption lines and pipe tables; a bulletin with its title,
sections, tables and sparkline charts. ``|`` inside cells is escaped."""

from __future__ import annotations

from chuangye_cli.display import percent
from chuangye_cli.document import Block, Bullets, Charts, Document, Paragraph, Table
from chuangye_cli.writers.charts import text_chart
from chuangye_cli.writers.text import tabulated, write_text


def _block(block: Block, lang: str) -> str:
    if isinstance(block, Paragraph):
        return block.text + "\n"
    if isinstance(block, Bullets):
        return "".join(f"- {item}\n" for item in block.items)
    if isinstance(block, Table):
        title = f"**{block.title}**\n\n" if block.title else ""
        return title + tabulated(block, "markdown", lang) + "\n"
    assert isinstance(block, Charts)
    lines = []
    for s in block.series:
        actual, ideal = text_chart(s, block.months)
        last = s.points[-1]
        done = next((p.completion for p in reversed(s.points) if p.completion is not None), None)
        lines.append(
            f"{s.title}\n  实绩 {actual} {percent(done)}\n"
            f"  序时 {ideal} {percent(last.time_progress)}"
        )
    note = f"{block.note}\n\n" if block.note else ""
    return note + "```text\n" + "\n".join(lines) + "\n```\n"


def write_markdown(doc: Document) -> str:
    if doc.title is None:
        return write_text(doc, "markdown")
    parts = [f"# {doc.title}\n", "\n\n".join(doc.caption) + "\n"]
    for section in doc.sections:
        blocks = [b for b in section.blocks if not (isinstance(b, Table) and b.audience == "data")]
        if not blocks:
            continue
        body = "\n".join(_block(b, doc.lang) for b in blocks)
        parts.append((f"## {section.heading}\n\n" if section.heading else "") + body)
    if doc.signature:  # 落款
        parts.append("  \n".join(doc.signature) + "\n")
    return "\n".join(parts)
