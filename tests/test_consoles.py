"""Every command runs on a console that cannot show every character: GBK (a Chinese Windows
console, or a redirect made with its encoding) and ASCII. Bars, sparklines and rules are then
drawn in ASCII; nothing stops the run."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chuangye_cli.glyphs import ascii_drawing, for_encoding, protect

from .conftest import REPO, SHIPPED_DATA

DATA = ["--data", str(SHIPPED_DATA)]
COMMANDS = [
    ["progress", *DATA],
    ["progress", *DATA, "--by", "county"],
    ["progress", *DATA, "--by", "unit"],
    ["progress", *DATA, "--by", "task"],
    ["progress", *DATA, "--format", "fancy_grid"],
    ["progress", *DATA, "--format", "csv"],
    ["trend", *DATA],
    ["trend", *DATA, "--indicator", "jobs"],
    ["warnings", *DATA],
    ["report", *DATA, "--format", "md"],
    ["report", *DATA, "--format", "html"],
    ["validate", *DATA],
    ["validate", *DATA, "--actuals", "examples/bad-actuals.csv"],
    ["plan", *DATA],
    ["schema", "targets"],
    ["completion", "bash"],
    ["--help"],
    ["progress", "--help"],
]


def _run(
    args: list[str], encoding: str, tmp_path: Path, columns: int = 120
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": str(columns)}
    env.pop("PYTHONUTF8", None)
    args = [str(REPO / a) if a.startswith("examples/") else a for a in args]
    return subprocess.run(
        [sys.executable, "-m", "chuangye_cli", *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_runs(args: list[str], encoding: str, tmp_path: Path) -> None:
    done = _run(args, encoding, tmp_path)
    expected = 1 if "examples/bad-actuals.csv" in args else 0  # data with errors: exit 1
    assert done.returncode == expected, done.stderr.decode("utf-8", "replace")
    assert b"internal error" not in done.stderr
    assert done.stdout.strip()
    if encoding == "gbk":
        text = done.stdout.decode("gbk")  # what the console shows
        assert "█" not in text and "░" not in text and "━" not in text


def test_gbk_table_is_readable_chinese_with_ascii_bars(tmp_path: Path) -> None:
    text = _run(["progress", *DATA], "gbk", tmp_path).stdout.decode("gbk")
    row = next(line for line in text.splitlines() if "新增注册企业" in line)
    assert "#########- 86.5%" in row
    assert "达序时" in row
    trend = _run(["trend", *DATA, "--indicator", "jobs"], "gbk", tmp_path).stdout.decode("gbk")
    assert "完成率（|为序时）" in trend
    row = next(line for line in trend.splitlines() if line.strip().startswith("2020年6月"))
    # 84.5% of 20 cells: 17 filled, the 17th (83.3% of 20 = 16.7) marks the time elapsed
    assert "################|--- 84.5%" in row


def _console_cells(line: str) -> int:
    """Width on a GBK console: every character written in two bytes takes two cells."""
    return sum(1 if ch.isascii() else 2 for ch in line)


@pytest.mark.parametrize(
    "args",
    [
        ["progress", *DATA, "--by", "county"],
        ["warnings", *DATA],
        ["validate", *DATA],
        ["progress", "--help"],
    ],
    ids=" ".join,
)
def test_columns_stay_within_80_cells_of_a_gbk_console(args: list[str], tmp_path: Path) -> None:
    """“ ” — … · ↑ are one cell in Unicode's measure and two on a GBK console: laid out in
    columns, they are written as ASCII look-alikes, so no line passes 80 cells (a county
    clerk's console wrapped 68 lines of the county view). Prose elsewhere keeps them."""
    done = _run(args, "gbk", tmp_path, columns=80)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    lines = done.stdout.decode("gbk").splitlines()
    assert lines and max(_console_cells(line) for line in lines) <= 80
    assert not any(ch in line for line in lines for ch in "“”—…·↑↓")


def test_a_grid_keeps_its_borders_straight_on_a_gbk_console(tmp_path: Path) -> None:
    args = ["progress", *DATA, "--by", "county", "--format", "grid"]  # notes with “” and —
    lines = _run(args, "gbk", tmp_path).stdout.decode("gbk")
    table = [line for line in lines.splitlines() if line.startswith(("+", "|"))]
    assert len(table) > 10 and len({_console_cells(line) for line in table}) == 1


def test_aligned_text_narrows_only_what_a_double_byte_console_widens() -> None:
    assert for_encoding("“甲”—乙…·↑2", "gbk", aligned=True) == '"甲"-乙..^2'
    assert for_encoding("“甲”—乙…", "gbk") == "“甲”—乙…"  # prose: as it is
    assert for_encoding("“甲”—乙…", "utf-8", aligned=True) == "“甲”—乙…"
    assert for_encoding("café ±", "latin-1", aligned=True) == "café ±"  # one byte, one cell
    # no look-alike (±, °, Ⅱ): kept, rather than lost to “?”
    assert for_encoding("Ⅱ类±2°", "gbk", aligned=True) == "Ⅱ类±2°"


def test_a_file_written_in_gb18030_from_a_gbk_console(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    done = _run(
        ["progress", *DATA, "-f", "csv", "--encoding", "gb18030", "-o", str(out)], "gbk", tmp_path
    )
    assert done.returncode == 0
    assert out.read_bytes().decode("gb18030").startswith("indicator,name,unit")
    assert "已写入".encode("gbk") in done.stderr


def test_ascii_drawing() -> None:
    assert ascii_drawing("██████░░░░ 60.0%") == "######---- 60.0%"
    assert ascii_drawing("███░┃░") == "###-|-"
    assert ascii_drawing("▁▂▃▄▅▆▇█ ") == "_.:-=+*# "
    assert ascii_drawing("┏━┳━┓┃╭─╮│╞═╪╡") == "+-+-+|+-+|+=++"
    assert ascii_drawing("东区·累计“新增”—") == "东区·累计“新增”—"  # Chinese punctuation stays


def test_utf8_keeps_the_drawing() -> None:
    assert for_encoding("█░▁", "utf-8") == "█░▁"
    assert for_encoding("█░▁", "UTF8") == "█░▁"
    assert for_encoding("█░▁", "gbk") == "#-_"
    assert for_encoding("█░▁", "gb18030") == "#-_"


@pytest.mark.parametrize(
    ("encoding", "text", "expected"),
    [
        ("gbk", "名称•一 ✓", "名称*一 ?".encode("gbk")),
        ("ascii", "“金安区”— 1,000", b'"???"- 1,000'),
        ("latin-1", "（合成）…", b"(??)."),
    ],
)
def test_a_character_the_console_cannot_show_is_replaced(
    encoding: str, text: str, expected: bytes
) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    protect(stream)
    stream.write(text)
    stream.flush()
    assert raw.getvalue() == expected
