"""The progress display while large inputs are read: on a terminal's standard error only, after
a moment, throttled, cleared at the end; the reader's hook counts the rows."""

from __future__ import annotations

import io
from pathlib import Path

from chuangye_cli.meter import Meter, meter_for, wanted
from chuangye_cli.reading import read_actuals

from .conftest import load_data, make_data


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_at_first_then_throttled_updates_then_cleared() -> None:
    stream, clock = Terminal(), Clock()
    meter = Meter(stream, "zh", clock)
    meter("data/金安区.csv", 10_000)  # at once: nothing
    assert stream.getvalue() == ""
    clock.now += 0.6
    meter("data/金安区.csv", 20_000)
    assert stream.getvalue() == "\r读取 金安区.csv：20,000 行"
    clock.now += 0.05
    meter("data/金安区.csv", 30_000)  # too soon after the last: skipped
    clock.now += 0.1
    meter("data/b.csv", 5)
    # 26 cells before (读取 金安区.csv：20,000 行), 16 now: 10 spaces wipe the rest
    assert stream.getvalue().endswith("\r读取 b.csv：5 行" + " " * 10)
    meter.close()
    assert stream.getvalue().endswith("\r" + " " * 16 + "\r")


def test_english() -> None:
    stream, clock = Terminal(), Clock()
    meter = Meter(stream, "en", clock)
    clock.now += 1
    meter("x.csv", 1_234_567)
    assert stream.getvalue() == "\rread x.csv: 1,234,567 rows"


def test_close_without_anything_shown_writes_nothing() -> None:
    stream = Terminal()
    Meter(stream).close()
    assert stream.getvalue() == ""


def test_only_on_a_terminal_outside_ci_and_not_quiet() -> None:
    assert wanted(Terminal(), {}, quiet=False)
    assert not wanted(io.StringIO(), {}, quiet=False)  # a pipe or a file
    assert not wanted(Terminal(), {"CI": "true"}, quiet=False)
    assert not wanted(Terminal(), {"TERM": "dumb"}, quiet=False)
    assert not wanted(Terminal(), {}, quiet=True)
    assert meter_for(io.StringIO(), "zh", quiet=False) is None


def test_the_reader_counts_rows_for_the_display(tmp_path: Path) -> None:
    rows = [("2019-01", "east", "firms", "1", "", "", "")] * 25_000
    data = make_data(tmp_path / "d", rows)
    loaded = load_data(data)
    assert loaded.plan is not None
    calls: list[tuple[str, int]] = []
    actuals, _ = read_actuals([data / "actuals.csv"], loaded.plan, on_rows=lambda f, n: calls.append((Path(f).name, n)))  # fmt: skip
    assert calls == [("actuals.csv", 10_000), ("actuals.csv", 20_000), ("actuals.csv", 25_001)]
    assert actuals.rows == 25_000  # the header row is counted by the display, not the data
