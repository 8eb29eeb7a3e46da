"""A progress display on standard error while large inputs are read: one line, rewritten in
place (“读取 金安区.csv：120,000 行”), cleared when reading ends. Only on a terminal, never in
a pipe, a file or CI, and only once reading has taken a moment (small inputs show nothing)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import TextIO

from chuangye_cli.vocab import Lang
from chuangye_cli.wrapping import cells

DELAY = 0.5  # seconds of reading before anything is shown
EVERY = 0.1  # seconds between updates


def wanted(stream: TextIO, environ: Mapping[str, str], quiet: bool) -> bool:
    """Whether to show progress on ``stream``: a terminal, not CI, not ``--quiet``."""
    if quiet or environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Meter:
    """``on_rows(file, rows)`` for :func:`chuangye_cli.reading.read_actuals`."""

    def __init__(
        self, stream: TextIO, lang: Lang = "zh", clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.lang = lang
        self.clock = clock
        self.start = clock()
        self.last = 0.0
        self.shown = 0  # width of the line on screen

    def __call__(self, file: str, rows: int) -> None:
        now = self.clock()
        if now - self.start < DELAY or now - self.last < EVERY:
            return
        self.last = now
        name = PurePath(file).name
        text = f"read {name}: {rows:,} rows" if self.lang == "en" else f"读取 {name}：{rows:,} 行"
        pad = " " * max(self.shown - cells(text), 0)
        self.stream.write(f"\r{text}{pad}")
        self.stream.flush()
        self.shown = cells(text)

    def close(self) -> None:
        """Clear the line, if anything was shown."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


def meter_for(stream: TextIO, lang: Lang, quiet: bool) -> Meter | None:
    """A meter for ``stream`` when one is wanted there, else None."""
    return Meter(stream, lang) if wanted(stream, os.environ, quiet) else None
