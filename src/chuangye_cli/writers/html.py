"""HTML: one self-contained page (inline CSS and SVG, nothing fetched, prints on A4). Every
name, note and number is escaped."""

from __future__ import annotations

from html import escape

from chuangye_cli.display import shown
from chuangye_cli.document import Block, Bullets, Charts, Document, Paragraph, Table
from chuangye_cli.vocab import Lang
from chuangye_cli.writers.charts import svg_chart

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; color: #222; max-width: 190mm; margin: 0 auto; padding: 8px;
  font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 17pt; text-align: center; margin: 6px 0; }
h2 { font-size: 13pt; border-left: 4px solid #b22; padding-left: 6px; margin: 18px 0 6px;
  break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
.meta { text-align: center; color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2px 5px; }
th { background: #f1f1f1; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.s { white-space: nowrap; }
.done { background: #d8f0d8; } .on_pace { background: #eef8e8; }
.behind { background: #fff3c4; } .severe { background: #f8d0cc; }
.red { background: #f8d0cc; } .yellow { background: #fff3c4; } .green { background: #eef8e8; }
.qualitative, .partner_only, .no_target, .none { color: #888; }
.charts { display: flex; flex-wrap: wrap; gap: 6px; }
figure { margin: 0; break-inside: avoid; }
svg .grid { stroke: #ddd; stroke-width: 1; } svg .tick { font-size: 9px; fill: #666; }
svg .ctitle { font-size: 11px; fill: #222; }
svg .ideal { fill: none; stroke: #999; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .actual { fill: none; stroke: #b22; stroke-width: 2; }
.note { color: #555; font-size: 9pt; }
section { break-inside: auto; } tr { break-inside: avoid; }
.signature { text-align: right; margin: 24px 4em 0 0; } .signature p { margin: 2px 0; }
"""


def table_html(table: Table, lang: str = "zh") -> str:
    columns = table.human_columns()
    language: Lang = "en" if lang == "en" else "zh"
    head = "".join(f"<th>{escape(c.label(language))}</th>" for c in columns)
    rows = []
    for row in table.rows:
        cells = []
        for c in columns:
            cell = row.cell(c.key)
            classes = []
            if c.align_right:
                classes.append("n")
            if c.styled:
                classes.append("s" if not c.align_right else "")
                classes.append(cell.status or row.status or "none")
            cls = " ".join(x for x in classes if x)
            text = escape(shown(c, cell, language))
            cells.append(f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>\n")
    title = f"<h3>{escape(table.title)}</h3>\n" if table.title else ""
    return f"{title}<table><thead><tr>{head}</tr></thead><tbody>\n{''.join(rows)}</tbody></table>\n"


def _block(block: Block, lang: str) -> str:
    if isinstance(block, Paragraph):
        cls = ' class="note"' if block.note else ""
        return f"<p{cls}>{escape(block.text)}</p>\n"
    if isinstance(block, Bullets):
        return "<ul>\n" + "".join(f"<li>{escape(x)}</li>\n" for x in block.items) + "</ul>\n"
    if isinstance(block, Table):
        return table_html(block, lang)
    assert isinstance(block, Charts)
    note = f'<p class="note">{escape(block.note)}</p>\n' if block.note else ""
    figures = "".join(f"<figure>{svg_chart(s, block)}</figure>\n" for s in block.series)
    return f'{note}<div class="charts">\n{figures}</div>\n'


def write_html(doc: Document) -> str:
    title = doc.title or (doc.caption[0] if doc.caption else "")
    lines = doc.caption if doc.title else doc.caption[1:]
    meta = "".join(f'<p class="meta">{escape(line)}</p>\n' for line in lines)
    body = "".join(
        f'<section id="{escape(section.key)}">\n'
        + (f"<h2>{escape(section.heading)}</h2>\n" if section.heading else "")
        + "".join(
            _block(b, doc.lang)
            for b in section.blocks
            if not (isinstance(b, Table) and b.audience == "data")
        )
        + "</section>\n"
        for section in doc.sections
    )
    signature = (
        '<footer class="signature">\n'
        + "".join(f"<p>{escape(line)}</p>\n" for line in doc.signature)
        + "</footer>\n"
        if doc.signature
        else ""
    )
    lang = "en" if doc.lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{escape(title)}</h1>\n{meta}</header>\n{body}{signature}</body>\n</html>\n"
    )
