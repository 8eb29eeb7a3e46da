"""Render an HTML bulletin to PNG in headless Chromium, so the page can be looked at.

Needs Chromium from the system's package manager (Debian: apt-get install chromium
fonts-noto-cjk); not run in CI. Usage, from the repository root:

    chuangye report --as-of 2020-06 --format html --output bulletin.html
    python scripts/screenshot_bulletin.py bulletin.html docs/bulletin.png
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=900)
    parser.add_argument("--height", type=int, default=3600)
    args = parser.parse_args()
    browser = next(
        (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
    )
    if browser is None:
        sys.exit("no Chromium found: install it with the system's package manager")
    args.png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={args.png.resolve()}",
                args.html.resolve().as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
    print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
