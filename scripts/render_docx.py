"""Lay a .docx out with LibreOffice (headless), report its number of pages, and save page 1 as
a PNG, so the 通报 can be checked and looked at.

    chuangye report --as-of 2020-06 --format docx --date 2020-07-10 --output 通报.docx
    python scripts/render_docx.py 通报.docx docs/bulletin-docx-page1.png

Needs LibreOffice Writer and poppler (pdfinfo, pdftoppm) from the system's package manager, e.g.
`apt-get install libreoffice-writer fonts-noto-cjk poppler-utils`; not part of CI. Where the
document's fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) are not installed LibreOffice
substitutes others (Noto CJK here), as Word and WPS do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    source, picture = Path(argv[1]), Path(argv[2])
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        print("needs soffice (LibreOffice) and pdftoppm (poppler)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pdf = Path(tmp) / (source.stem + ".pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        pages = int(found.group(1)) if found else 0
        stem = Path(tmp) / "page"
        subprocess.run(
            [
                "pdftoppm",
                "-f",
                "1",
                "-l",
                "1",
                "-r",
                "80",
                "-png",
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
        )
        shutil.copyfile(stem.with_suffix(".png"), picture)
    print(f"{source}: {pages} A4 pages; page 1 -> {picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
