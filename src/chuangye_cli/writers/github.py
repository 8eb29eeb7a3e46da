"""GitHub Actions annotations: ``::error file=…,line=…,col=…,title=code::message`` for each row
of a table of diagnostics, so that CI shows them on the file."""

from __future__ import annotations

from chuangye_cli.document import Document


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def write_github(doc: Document) -> str:
    lines = []
    for table in doc.machine_tables():
        for row in table.rows:
            get = row.cell
            props = []
            file = get("file").value
            if file:
                props.append(f"file={_escape(str(file), prop=True)}")
            if get("line").value is not None:
                props.append(f"line={get('line').value}")
            if get("column").value is not None:
                props.append(f"col={get('column').value}")
            props.append(f"title={_escape(str(get('code').value), prop=True)}")
            message = str(get("message").value)
            lines.append(f"::{get('severity').value} {','.join(props)}::{_escape(message)}\n")
    return "".join(lines)
